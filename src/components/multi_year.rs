use super::{ChartFigure, FieldError, MetricValue, NumberText, OptionalNumberCell, Planner, Unit};
use crate::charts;
use crate::model::{MAX_YEARS, Metric, MultiYear, Undefined, YearMetric, YearSetting};
use crate::share::percent_text;
use leptos::prelude::*;

/// The multi-year view: growth, horizon, per-year changes, table and chart.
#[component]
pub fn MultiYearView() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let years = planner.from_scenario(|s| s.multi_year.plan(s));
    let horizon = planner.from_scenario(|s| s.multi_year.horizon().unwrap_or(0));
    let growth_error = planner.from_scenario(|s| s.multi_year.growth_error());
    let years_error = planner.from_scenario(|s| s.multi_year.years_error());
    let set_up = planner.from_scenario(|s| s.multi_year != MultiYear::default());
    let growth = planner.from_scenario(|s| Some(s.multi_year.growth));
    let years_chosen = planner.from_scenario(|s| s.multi_year.years);
    let headers = YearMetric::ALL
        .iter()
        .map(|m| view! { <th scope="col">{m.label()}</th> })
        .collect_view();
    let rows = move || {
        (1..=horizon.get())
            .map(|year| {
                let cells = YearMetric::ALL
                    .iter()
                    .map(|&m| {
                        let value = Signal::derive(move || {
                            years.with(|y| match y {
                                Ok(y) => y
                                    .get(year - 1)
                                    .map_or(Metric::undefined(Undefined::InvalidMultiYear), |y| {
                                        m.read(y)
                                    }),
                                Err(why) => Metric::undefined(*why),
                            })
                        });
                        view! {
                            <td>
                                <MetricValue id=m value=value />
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr data-year=year>
                        <th scope="row">{format!("Year {year}")}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };
    let changes = move || {
        (2..=horizon.get())
            .map(|year| view! { <YearChanges year=year /> })
            .collect_view()
    };
    view! {
        // Printed only once the person has set it up (not at its defaults).
        <section
            class="card multi-year"
            class:print-include=set_up
            id="multi-year"
            aria-labelledby="multi-year-title"
        >
            <h2 id="multi-year-title">"The multi-year view"</h2>
            <p class="hint">
                "Each year's goal grows by the rate below (revenue from existing customers grows with it); everything else is this plan's unless a year changes it."
            </p>
            <div class="multi-year-inputs">
                <div class="field">
                    <label for="in-growth_pct">"Growth per year"</label>
                    <NumberText
                        id="in-growth_pct"
                        unit=Unit::Percent
                        value=growth
                        set=Callback::new(move |v: Option<f64>| {
                            scenario.update(|s| s.multi_year.growth = v.unwrap_or(f64::NAN))
                        })
                        described_by="err-growth_pct"
                        invalid=Signal::derive(move || growth_error.with(Option::is_some))
                    />
                    <FieldError id="err-growth_pct" message=growth_error />
                </div>
                <div class="field">
                    <label for="in-years">"Years"</label>
                    <select
                        id="in-years"
                        aria-describedby="err-years"
                        on:change=move |ev| {
                            let years = event_target_value(&ev).parse::<f64>().unwrap_or(f64::NAN);
                            scenario.update(|s| s.multi_year.years = years)
                        }
                    >
                        {(1..=MAX_YEARS)
                            .map(|n| {
                                view! {
                                    <option
                                        value=n.to_string()
                                        selected=move || years_chosen.get() == n as f64
                                    >
                                        {n.to_string()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldError id="err-years" message=years_error />
                </div>
            </div>
            {move || {
                (horizon.get() > 1)
                    .then(|| {
                        view! {
                            <details class="year-changes">
                                <summary>"Change spend, win rate or cost per lead by year"</summary>
                                <p class="hint">
                                    "A blank keeps the year before's value. Cost per lead change applies to every channel, against year 1."
                                </p>
                                {changes}
                            </details>
                        }
                    })
            }}
            // Focusable, so the table can be scrolled sideways with the keyboard.
            <div
                class="table-wrap"
                tabindex="0"
                role="region"
                aria-label="The plan by year, as a table"
            >
                <table class="multi-year-table">
                    <caption class="visually-hidden">
                        "Revenue goal, budget, required and funded funnel by year"
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Year"</th>
                            {headers}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <ChartFigure chart=planner.later_chart("multi_year", charts::multi_year) />
        </section>
    }
}

/// One year's optional changes.
#[component]
fn YearChanges(
    /// 2–5.
    year: usize,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let fields = YearSetting::ALL
        .map(|setting| {
            let key = match setting {
                YearSetting::Spend => "spend_pct",
                YearSetting::WinRate => "win_rate_pct",
                YearSetting::CostPerLeadChange => "cpl_change_pct",
            };
            let input_id = format!("in-year-{year}-{key}");
            let error_id = format!("err-year-{year}-{key}");
            // Memos: a keystroke elsewhere in the plan re-renders nothing here.
            let value = planner.from_scenario(move |s| s.multi_year.change(year).get(setting));
            let error = Signal::derive(move || value.get().and_then(|v| setting.error(year, v)));
            // What the year gets when left blank: the year before's value.
            let placeholder = planner.from_scenario(move |s| {
                let inherited = (2..year)
                    .rev()
                    .find_map(|y| s.multi_year.change(y).get(setting));
                let value = match (setting, inherited) {
                    (_, Some(v)) => v,
                    (YearSetting::Spend, _) => s.spend,
                    (YearSetting::WinRate, _) => s.win_rate,
                    (YearSetting::CostPerLeadChange, _) => 0.0,
                };
                // An invalid value shows no hint rather than "NaN".
                if value.is_finite() {
                    percent_text(value)
                } else {
                    String::new()
                }
            });
            let set = Callback::new(move |v: Option<f64>| {
                scenario.update(|s| {
                    let changes = &mut s.multi_year.changes;
                    while changes.len() < year - 1 {
                        changes.push(Default::default());
                    }
                    changes[year - 2].set(setting, v);
                })
            });
            view! {
                <OptionalNumberCell
                    id=input_id
                    error_id=error_id
                    label=setting.label()
                    class="ch-cell"
                    unit=Unit::Percent
                    value=value
                    set=set
                    placeholder=placeholder
                    error=error
                />
            }
        })
        .into_iter()
        .collect_view();
    view! {
        <fieldset class="year-change" data-year-change=year>
            <legend>{format!("Year {year}")}</legend>
            <div class="ch-numbers">{fields}</div>
        </fieldset>
    }
}
