use super::{ChartFigure, FieldError, MetricValue, OptionalNumberCell, Planner, UndoNotice, Unit};
use crate::charts;
use crate::model::{
    CheckIn, CheckInMetric, CheckInResult, MAX_CHECK_INS, Metric, RateMetric, Stage, StageColumn,
    StageMetric, Undefined,
};
use leptos::prelude::*;

/// Today's date, "YYYY-MM-DD", as the new check-in's starting date.
fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Moves keyboard focus to the element `id` once the page has re-rendered.
fn focus_after_render(id: String) {
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Check-ins of actuals against the plan, and the pacing chart.
#[component]
pub fn CheckIns() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let results: Memo<Vec<CheckInResult>> = planner.from_both(|p, s| s.tracking.results(s, p));
    // Only the count re-renders the list, so typing keeps focus.
    let count = planner.from_scenario(|s| s.tracking.check_ins.len());
    let start_error = planner.from_scenario(|s| s.tracking.plan_start_error());
    let plan_start = planner.from_scenario(|s| s.tracking.plan_start.clone());
    // The check-in last removed and where it was, until it is put back or
    // another is added: removing one loses nothing.
    let removed: RwSignal<Option<(usize, CheckIn)>> = RwSignal::new(None);
    let add = move |_: leptos::ev::MouseEvent| {
        removed.set(None);
        scenario.update(|s| {
            if s.tracking.check_ins.len() < MAX_CHECK_INS {
                s.tracking.check_ins.push(CheckIn {
                    date: today(),
                    ..CheckIn::default()
                });
            }
        })
    };
    let undo = move |()| {
        if let Some((index, check_in)) = removed.get_untracked() {
            scenario.update(|s| {
                let list = &mut s.tracking.check_ins;
                if list.len() < MAX_CHECK_INS {
                    list.insert(index.min(list.len()), check_in);
                }
            });
            removed.set(None);
            // "Undo" is gone: focus goes to the check-in put back.
            focus_after_render(format!("check-in-{index}-date"));
        }
    };
    view! {
        <section class="card tracking" id="check-ins" aria-labelledby="check-ins-title">
            <h2 id="check-ins-title">"Check-ins: plan versus actual"</h2>
            <p class="hint">
                "Record the actuals to date before each meeting with the CEO or CFO. Blank means not recorded. Each check-in is compared with the plan to date: the plan's timeline pro-rated by day, deals and revenue after the sales cycle."
            </p>
            <div class="field plan-start">
                <label for="in-plan-start">"Plan year starts (YYYY-MM)"</label>
                <input
                    id="in-plan-start"
                    type="text"
                    autocomplete="off"
                    placeholder="2026-01"
                    aria-invalid=move || start_error.with(Option::is_some).to_string()
                    aria-describedby="err-plan-start"
                    prop:value=plan_start
                    on:input=move |ev| {
                        scenario.update(|s| s.tracking.plan_start = event_target_value(&ev))
                    }
                />
                <FieldError id="err-plan-start" message=start_error />
            </div>
            <ol class="check-in-list">
                {move || {
                    (0..count.get())
                        .map(|i| view! { <CheckInCard index=i results=results removed=removed /> })
                        .collect_view()
                }}
            </ol>
            {move || {
                removed
                    .with(|r| r.as_ref().map(|(index, c)| (index + 1, c.date.clone())))
                    .map(|(number, date)| {
                        view! {
                            <UndoNotice
                                id="undo-remove-check-in"
                                class="undo"
                                message=format!("Removed check-in {number} ({date}).")
                                on_undo=Callback::new(undo)
                            />
                        }
                    })
            }}
            <p class="check-in-actions">
                <button
                    id="add-check-in"
                    type="button"
                    class="secondary"
                    disabled=move || { count.get() >= MAX_CHECK_INS }
                    on:click=add
                >
                    "Add a check-in"
                </button>
                {move || {
                    (count.get() >= MAX_CHECK_INS)
                        .then(|| {
                            view! {
                                <span class="hint">
                                    {format!(" At most {MAX_CHECK_INS} check-ins per scenario.")}
                                </span>
                            }
                        })
                }}
            </p>
            <ChartFigure chart=planner.later_chart("pacing", charts::pacing) />
        </section>
    }
}

/// One check-in: its inputs and how it compares with the plan.
#[component]
fn CheckInCard(
    /// 0-based position in the scenario's check-ins.
    index: usize,
    /// Every check-in's comparison.
    results: Memo<Vec<CheckInResult>>,
    /// Where a removed check-in is kept for undo.
    removed: RwSignal<Option<(usize, CheckIn)>>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let number = index + 1;
    let pick = move |f: fn(&CheckInResult) -> Metric| {
        Signal::derive(move || {
            results.with(|r| {
                r.get(index)
                    .map_or(Metric::undefined(Undefined::NotRecorded), f)
            })
        })
    };
    // Memos: a keystroke elsewhere in the plan re-renders nothing here.
    let date = planner.from_scenario(move |s| {
        s.tracking
            .check_ins
            .get(index)
            .map(|c| c.date.clone())
            .unwrap_or_default()
    });
    let date = move || date.get();
    let date_error: Signal<Option<String>> = planner
        .from_scenario(move |s| {
            s.tracking
                .check_ins
                .get(index)
                .and_then(|c| c.date_error(&s.tracking.plan_start))
        })
        .into();
    let flags = planner.from_scenario(move |s| {
        s.tracking
            .check_ins
            .get(index)
            .map(CheckIn::flags)
            .unwrap_or_default()
    });
    let flags = move || flags.get();
    let remove = move |_| {
        let taken = scenario
            .try_update(|s| {
                (index < s.tracking.check_ins.len()).then(|| s.tracking.check_ins.remove(index))
            })
            .flatten();
        if let Some(check_in) = taken {
            removed.set(Some((index, check_in)));
            // The button pressed is gone: keyboard focus goes to "Undo".
            focus_after_render("undo-remove-check-in".to_string());
        }
    };
    let id = move |part: &str| format!("check-in-{index}-{part}");
    let inputs = Stage::ALL
        .map(|stage| {
            let input_id = id(stage.id());
            let error_id = format!("err-{input_id}");
            let value = planner.from_scenario(move |s| {
                s.tracking
                    .check_ins
                    .get(index)
                    .and_then(|c| c.actual(stage))
            });
            let error = planner.from_scenario(move |s| {
                s.tracking
                    .check_ins
                    .get(index)
                    .and_then(|c| c.actual_error(stage))
            });
            let set = Callback::new(move |v: Option<f64>| {
                scenario.update(|s| {
                    if let Some(c) = s.tracking.check_ins.get_mut(index) {
                        c.set_actual(stage, v);
                    }
                })
            });
            view! {
                <OptionalNumberCell
                    id=input_id
                    error_id=error_id
                    label=stage.label()
                    class="actual-cell"
                    unit=Unit::Money
                    value=value
                    set=set
                    placeholder="not recorded"
                    error=error
                />
            }
        })
        .into_iter()
        .collect_view();
    let figure = move |column: StageColumn, stage: Stage| {
        let m = StageMetric(column, stage);
        view! { <MetricValue id=m value=check_in_value(results, index, move |r| m.read(r)) /> }
    };
    let pace_rows = Stage::ALL
        .map(|stage| {
            let status = move || {
                results.with(|r| {
                    r.get(index)
                        .and_then(|r| r.stages.iter().find(|s| s.stage == stage))
                        .and_then(|s| s.status)
                })
            };
            view! {
                <tr>
                    <th scope="row">{stage.label()}</th>
                    <td>{figure(StageColumn::Actual, stage)}</td>
                    <td>{figure(StageColumn::PlanToDate, stage)}</td>
                    <td>
                        {figure(StageColumn::Pace, stage)}
                        <span
                            class="pace"
                            data-pace=move || status().map(|p| p.id()).unwrap_or("unknown")
                        >
                            {move || status().map(|p| p.label(stage)).unwrap_or("")}
                        </span>
                    </td>
                </tr>
            }
        })
        .into_iter()
        .collect_view();
    let forecast_rows = Stage::ALL
        .map(|stage| {
            view! {
                <tr>
                    <th scope="row">{stage.label()}</th>
                    <td>{figure(StageColumn::Forecast, stage)}</td>
                    <td>{figure(StageColumn::PlanYear, stage)}</td>
                </tr>
            }
        })
        .into_iter()
        .collect_view();
    let rate_rows = (0..RateMetric::COUNT)
        .map(|k| {
            let label =
                move || results.with(|r| r.get(index).and_then(|r| r.rates.get(k)).map_or("", |r| r.label));
            let rate = move |planned: bool| {
                let m = RateMetric { planned, rate: k };
                view! { <MetricValue id=m value=check_in_value(results, index, move |r| m.read(r)) /> }
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{rate(false)}</td>
                    <td>{rate(true)}</td>
                </tr>
            }
        })
        .collect_view();
    let sentence = move || {
        results.with(|r| {
            r.get(index)
                .map(|r| crate::words::slipping_sentence(&r.slipping))
                .unwrap_or_default()
        })
    };
    let deals_at_risk = move || {
        results.with(|r| {
            r.get(index)
                .and_then(|r| r.slipping.stage())
                .map(|s| crate::format::data_value(s.deals_at_risk))
                .unwrap_or_default()
        })
    };
    let elapsed = pick(|r| r.elapsed_months);
    // The list re-renders when a check-in is added or removed: the newest
    // opens, the others stay compact.
    let is_newest = scenario.with_untracked(|s| index + 1 == s.tracking.check_ins.len());
    view! {
        <li class="check-in" data-check-in=index>
            <div class="check-in-head">
                <h3>{format!("Check-in {number}")}</h3>
                <span class="check-in-when">
                    "Month " <MetricValue id=CheckInMetric::CheckInElapsedMonths value=elapsed />
                    " of 12"
                </span>
                <button
                    type="button"
                    class="icon-button remove-check-in"
                    aria-label=format!("Remove check-in {number}")
                    on:click=remove
                >
                    "×"
                </button>
            </div>
            <div class="field check-in-date">
                <label for=id("date")>"Date (YYYY-MM-DD)"</label>
                <input
                    id=id("date")
                    type="text"
                    autocomplete="off"
                    placeholder="2026-03-15"
                    aria-invalid=move || date_error.with(Option::is_some).to_string()
                    aria-describedby=id("date-error")
                    prop:value=date
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        scenario
                            .update(|s| {
                                if let Some(c) = s.tracking.check_ins.get_mut(index) {
                                    c.date = text;
                                }
                            })
                    }
                />
                <FieldError id=id("date-error") message=date_error />
            </div>
            <div class="check-in-actuals">{inputs}</div>
            {move || {
                flags()
                    .into_iter()
                    .map(|f| {
                        view! {
                            <p class="flag" role="status">
                                {f}
                            </p>
                        }
                    })
                    .collect_view()
            }}
            <p class="slipping" data-metric="deals_at_risk" data-value=deals_at_risk>
                {sentence}
            </p>
            <details class="check-in-details" open=is_newest>
                <summary>"Against the plan: pace, conversion rates and forecast"</summary>
                <div class="check-in-results">
                    <div
                        class="table-wrap pace-wrap"
                        tabindex="0"
                        role="region"
                        aria-label=format!("Check-in {number} against the plan to date")
                    >
                        <table class="pace-table">
                            <caption>"Against the plan to date"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Stage"</th>
                                    <th scope="col">"Actual"</th>
                                    <th scope="col">"Plan to date"</th>
                                    <th scope="col">"Pace"</th>
                                </tr>
                            </thead>
                            <tbody>{pace_rows}</tbody>
                        </table>
                    </div>
                    <div
                        class="table-wrap"
                        tabindex="0"
                        role="region"
                        aria-label=format!("Check-in {number} conversion rates")
                    >
                        <table class="rate-table">
                            <caption>"Conversion rates"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Stage"</th>
                                    <th scope="col">"Achieved"</th>
                                    <th scope="col">"Planned"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rate_rows} <tr>
                                    <th scope="row">"Cost per lead"</th>
                                    <td>
                                        <MetricValue
                                            id=CheckInMetric::AchievedCpl
                                            value=pick(|r| r.achieved_cpl)
                                        />
                                    </td>
                                    <td>
                                        <MetricValue
                                            id=CheckInMetric::PlannedCpl
                                            value=pick(|r| r.planned_cpl)
                                        />
                                    </td>
                                </tr>
                            </tbody>
                        </table>
                    </div>
                    <div
                        class="table-wrap"
                        tabindex="0"
                        role="region"
                        aria-label=format!("Check-in {number} forecast")
                    >
                        <table class="forecast-table">
                            <caption>"The plan year at this pace"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Stage"</th>
                                    <th scope="col">"Forecast"</th>
                                    <th scope="col">"Plan"</th>
                                </tr>
                            </thead>
                            <tbody>{forecast_rows}</tbody>
                        </table>
                    </div>
                </div>
            </details>
        </li>
    }
}

/// A check-in's figure, read off its result.
fn check_in_value(
    results: Memo<Vec<CheckInResult>>,
    index: usize,
    read: impl Fn(&CheckInResult) -> Metric + Send + Sync + 'static,
) -> Signal<Metric> {
    Signal::derive(move || {
        results.with(|r| {
            r.get(index)
                .map_or(Metric::undefined(Undefined::NotRecorded), &read)
        })
    })
}
