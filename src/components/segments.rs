//! The segments a plan is split into: each kind of deal with its own share
//! of new revenue and any defaults it overrides (docs/model.md, "Segments").

use super::{FieldError, NumberText, Planner, UndoNotice, Unit};
use crate::format::{self, Style};
use crate::model::{ALL_DEALS, Field, MAX_SEGMENTS, Scenario, Segment, SegmentPart};
use leptos::prelude::*;

/// The editor's view of the scenario: each segment as stored, with each
/// part's error. Read once per change of the scenario; the rows' many
/// memos read this, so a change elsewhere (a key press on the win-rate
/// slider) re-runs one memo here instead of all of them.
#[derive(Clone, PartialEq)]
struct Rows {
    segments: Vec<Segment>,
    /// Per segment, per part of [`SegmentPart::ALL`].
    errors: Vec<Vec<Option<String>>>,
}

impl Rows {
    fn of(s: &Scenario) -> Rows {
        Rows {
            segments: s.segments.clone(),
            errors: (0..s.segments.len())
                .map(|i| {
                    SegmentPart::ALL
                        .iter()
                        .map(|&part| s.error(Field::Segment(i, part)).map(|e| e.message))
                        .collect()
                })
                .collect(),
        }
    }

    /// A part's stored number: the share, or the override (`None`: the default).
    fn number(&self, index: usize, part: SegmentPart) -> Option<f64> {
        let g = self.segments.get(index)?;
        match part {
            SegmentPart::RevenueShare => Some(g.revenue_share),
            _ => g.override_of(part),
        }
    }

    fn error(&self, index: usize, part: SegmentPart) -> Option<&String> {
        let k = SegmentPart::ALL.iter().position(|&p| p == part)?;
        self.errors.get(index)?.get(k)?.as_ref()
    }
}

/// What the rows read: the segments, and the plan fields they default to.
#[derive(Clone, Copy)]
struct Editor {
    rows: Memo<Rows>,
    /// The plan's value of each of [`SegmentPart::OVERRIDES`].
    defaults: Memo<[Option<f64>; 7]>,
}

impl Editor {
    fn read<T: PartialEq + Send + Sync + 'static>(
        self,
        f: impl Fn(&Rows) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let rows = self.rows;
        Memo::new(move |_| rows.with(&f))
    }
}

/// What a removal took away, so Undo can put it back.
#[derive(Clone)]
struct Removed {
    name: String,
    segments: Vec<Segment>,
    channel_segments: Vec<usize>,
    /// The plan fields the last segment's overrides replaced, as before.
    replaced: Vec<(Field, f64)>,
}

/// Adds a segment: it takes the share left to 100%, or half the largest
/// share when nothing is left. A plan's only "All deals" segment is
/// renamed first, since it no longer holds all deals.
fn add_segment(s: &mut Scenario) {
    if s.segments.len() >= MAX_SEGMENTS {
        return;
    }
    if let [only] = s.segments.as_mut_slice()
        && only.name == ALL_DEALS
    {
        only.name = "Segment 1".into();
    }
    let left = 1.0 - s.segment_share_total();
    let share = if left > 1e-9 {
        left
    } else {
        let (largest, _) = s
            .segments
            .iter()
            .enumerate()
            .fold((0, f64::MIN), |best, (i, g)| {
                if g.revenue_share > best.1 {
                    (i, g.revenue_share)
                } else {
                    best
                }
            });
        let half = s.segments[largest].revenue_share / 2.0;
        s.segments[largest].revenue_share -= half;
        half
    };
    let mut n = s.segments.len() + 1;
    let taken = |name: &str, s: &Scenario| {
        s.segments
            .iter()
            .any(|g| g.name.trim().eq_ignore_ascii_case(name))
    };
    while taken(&format!("Segment {n}"), s) {
        n += 1;
    }
    s.segments
        .push(Segment::named(&format!("Segment {n}"), share));
}

/// The "Segments" card: add, rename, reorder and remove segments, set each
/// one's share and the defaults it overrides.
#[component]
pub fn SegmentEditor() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let count = planner.from_scenario(|s| s.segments.len());
    let several = move || count.get() > 1;
    let set_error = planner.error(Field::Segments);
    provide_context(Editor {
        rows: planner.from_scenario(Rows::of),
        defaults: planner.from_scenario(|s| {
            SegmentPart::OVERRIDES.map(|part| part.default_field().and_then(|f| s.number(f)))
        }),
    });
    let removed = RwSignal::new(None::<Removed>);
    let currency = planner.currency();
    let remainder = planner.from_scenario(|s| {
        let left = 1.0 - s.segment_share_total();
        (s.segments.len() > 1 && left.is_finite() && left.abs() > 1e-9).then_some(left)
    });
    let remove = Callback::new(move |index: usize| {
        scenario.update(|s| {
            if s.segments.len() <= 1 {
                return;
            }
            let name = s.segments[index].name.clone();
            let segments = s.segments.clone();
            let channel_segments = s.channels.iter().map(|c| c.segment).collect();
            let replaced = s.remove_segment(index);
            removed.set(Some(Removed {
                name,
                segments,
                channel_segments,
                replaced,
            }));
        })
    });
    let undo = Callback::new(move |()| {
        if let Some(r) = removed.get_untracked() {
            scenario.update(|s| {
                s.segments = r.segments;
                for (field, before) in r.replaced {
                    s.set_number(field, before);
                }
                // Channels added or removed since keep what they have now.
                if s.channels.len() == r.channel_segments.len() {
                    for (c, g) in s.channels.iter_mut().zip(r.channel_segments) {
                        c.segment = g;
                    }
                }
            });
        }
        removed.set(None);
    });
    view! {
        <fieldset class="card segments" id="segments">
            <legend>"Segments"</legend>
            <p class="hint">
                {move || {
                    if several() {
                        "Each kind of deal with its own share of new revenue. Blank fields take the defaults above; a changed one is marked and can be reset."
                    } else {
                        "One kind of deal today. Split the plan when deal sizes, win rates or cycles differ (e.g. SMB and Enterprise): each segment gets its own funnel."
                    }
                }}
            </p>
            <div class="segment-list" hidden=move || !several()>
                <For
                    each=move || 0..count.get()
                    key=|i| *i
                    children=move |i| view! { <SegmentRow index=i remove=remove /> }
                />
            </div>
            {move || {
                remainder
                    .get()
                    .map(|left| {
                        let text = if left > 0.0 {
                            format!(
                                "{} of new revenue is not in a segment yet.",
                                format::text(left, Style::Percent, &currency.get()),
                            )
                        } else {
                            format!(
                                "The segments hold {} too much of new revenue.",
                                format::text(-left, Style::Percent, &currency.get()),
                            )
                        };
                        view! { <p class="unallocated segment-remainder">{text}</p> }
                    })
            }}
            <FieldError id="err-segments" message=set_error />
            {move || {
                removed
                    .get()
                    .map(|r| {
                        view! {
                            <UndoNotice
                                id="undo-segment"
                                class="undo-notice"
                                message=format!(
                                    "Removed the segment “{}”; its channels now feed the first segment.",
                                    r.name,
                                )
                                on_undo=undo
                            />
                        }
                    })
            }}
            <button
                id="add-segment"
                type="button"
                class="secondary"
                disabled=move || { count.get() >= MAX_SEGMENTS }
                on:click=move |_| {
                    scenario.update(add_segment);
                    removed.set(None);
                }
            >
                {move || if several() { "Add segment" } else { "Split into segments" }}
            </button>
            {move || {
                (count.get() >= MAX_SEGMENTS)
                    .then(|| view! { <span class="hint">" At most 6 segments."</span> })
            }}
        </fieldset>
    }
}

/// How an override reads: its unit, and its label in the row.
fn override_label(part: SegmentPart) -> &'static str {
    match part {
        SegmentPart::DealSize => "Deal size",
        SegmentPart::MarketingSourced => "Marketing-sourced",
        SegmentPart::WinRate => "Win rate",
        SegmentPart::SqlToOpp => "SQL → opp",
        SegmentPart::MqlToSql => "MQL → SQL",
        SegmentPart::SalesCycle => "Sales cycle",
        SegmentPart::LifetimeValue => "Lifetime value",
        SegmentPart::Name | SegmentPart::RevenueShare => "",
    }
}

/// One editable segment.
#[component]
fn SegmentRow(
    /// The segment's position in the scenario.
    index: usize,
    /// Removes the segment at an index.
    remove: Callback<usize>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let editor = expect_context::<Editor>();
    let scenario = planner.scenario;
    let field = move |part| Field::Segment(index, part);
    let errors = editor.read(move |r| {
        SegmentPart::ALL
            .into_iter()
            .filter_map(|part| r.error(index, part).cloned())
            .collect::<Vec<_>>()
    });
    let name = editor.read(move |r| {
        r.segments
            .get(index)
            .map(|g| g.name.clone())
            .unwrap_or_default()
    });
    let name_invalid = editor.read(move |r| r.error(index, SegmentPart::Name).is_some());
    let count = editor.read(|r| r.segments.len());
    let error_id = format!("err-segment-{index}");
    let id = move |what: &str| format!("seg-{index}-{what}");
    let share_invalid = editor.read(move |r| r.error(index, SegmentPart::RevenueShare).is_some());
    let share = editor.read(move |r| r.number(index, SegmentPart::RevenueShare));
    let set_share = Callback::new(move |v: Option<f64>| {
        scenario.update(|s| s.set_number(field(SegmentPart::RevenueShare), v.unwrap_or(f64::NAN)))
    });
    let overrides = SegmentPart::OVERRIDES
        .into_iter()
        .map(|part| view! { <OverrideCell index=index part=part error_id=error_id.clone() /> })
        .collect_view();
    let move_to = move |to: usize| scenario.update(|s| s.move_segment(index, to));
    view! {
        <div
            class="segment-row"
            class:invalid=move || !errors.with(Vec::is_empty)
            data-segment-row=index.to_string()
            role="group"
            aria-label=move || format!("Segment {}: {}", index + 1, name.get())
        >
            <div class="ch-top">
                <label class="visually-hidden" for=id("name")>
                    {format!("Segment {} name", index + 1)}
                </label>
                <input
                    id=id("name")
                    class="ch-name"
                    type="text"
                    autocomplete="off"
                    aria-invalid=move || name_invalid.get().to_string()
                    aria-describedby=error_id.clone()
                    prop:value=move || name.get()
                    on:input=move |ev| {
                        scenario
                            .update(|s| {
                                if let Some(g) = s.segments.get_mut(index) {
                                    g.name = event_target_value(&ev);
                                }
                            })
                    }
                />
                <label class="visually-hidden" for=id("share")>
                    {format!("Segment {} share of new revenue", index + 1)}
                </label>
                <NumberText
                    id=id("share")
                    unit=Unit::Percent
                    value=share
                    set=set_share
                    class="seg-share"
                    described_by=error_id.clone()
                    invalid=share_invalid
                />
                <button
                    type="button"
                    class="icon-button seg-up"
                    aria-label=move || format!("Move {} up", name.get())
                    title="Move up"
                    disabled=move || index == 0
                    on:click=move |_| move_to(index.saturating_sub(1))
                >
                    "↑"
                </button>
                <button
                    type="button"
                    class="icon-button seg-down"
                    aria-label=move || format!("Move {} down", name.get())
                    title="Move down"
                    disabled=move || { index + 1 >= count.get() }
                    on:click=move |_| move_to(index + 1)
                >
                    "↓"
                </button>
                <button
                    type="button"
                    class="icon-button seg-remove"
                    aria-label=move || format!("Remove {}", name.get())
                    title="Remove segment"
                    disabled=move || { count.get() <= 1 }
                    on:click=move |_| remove.run(index)
                >
                    "×"
                </button>
            </div>
            <p class="hint seg-share-hint">"Share of new revenue"</p>
            <div class="seg-overrides">{overrides}</div>
            <FieldError
                id=error_id.clone()
                message=Signal::derive(move || {
                    let errors = errors.get();
                    (!errors.is_empty()).then(|| errors.join(". "))
                })
            />
        </div>
    }
}

/// One default a segment may override: blank takes the default (shown as
/// the placeholder); a value is marked, with a button back to the default.
#[component]
fn OverrideCell(index: usize, part: SegmentPart, error_id: String) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let Some(default_field) = part.default_field() else {
        return ().into_any();
    };
    let unit = Unit::of(default_field);
    let currency = planner.currency();
    let editor = expect_context::<Editor>();
    let value = editor.read(move |r| r.number(index, part));
    let invalid = editor.read(move |r| r.error(index, part).is_some());
    let overridden = move || value.get().is_some();
    let k = SegmentPart::OVERRIDES
        .iter()
        .position(|&p| p == part)
        .unwrap_or_default();
    let defaults = editor.defaults;
    let default_text = Memo::new(move |_| {
        defaults
            .with(|d| d[k])
            .map(|v| format!("{} default", unit.edit_text(v)))
            .unwrap_or_default()
    });
    let set = Callback::new(move |v: Option<f64>| {
        scenario.update(|s| {
            if let Some(g) = s.segments.get_mut(index) {
                g.set_override(part, v);
            }
        })
    });
    let id = format!("seg-{index}-{}", part_key(part));
    let label = override_label(part);
    view! {
        <div class="ch-cell seg-cell" class:overridden=overridden>
            <label for=id
                .clone()>
                {label}
                {(unit == Unit::Money)
                    .then(|| {
                        view! {
                            " "
                            <span class="currency-code">{move || currency.get()}</span>
                        }
                    })}
            </label>
            <NumberText
                id=id
                unit=unit
                value=value
                set=set
                optional=true
                placeholder=default_text
                described_by=error_id
                invalid=invalid
            />
            <button
                type="button"
                class="link-button seg-reset"
                hidden=move || !overridden()
                aria-label=format!("Reset {} to the default", label.to_lowercase())
                on:click=move |_| set.run(None)
            >
                "Reset to default"
            </button>
        </div>
    }
    .into_any()
}

/// The short key of an override in element ids (`seg-1-win_rate`).
pub fn part_key(part: SegmentPart) -> &'static str {
    match part {
        SegmentPart::Name => "name",
        SegmentPart::RevenueShare => "share",
        SegmentPart::DealSize => "deal_size",
        SegmentPart::MarketingSourced => "marketing_sourced",
        SegmentPart::WinRate => "win_rate",
        SegmentPart::SqlToOpp => "sql_to_opp",
        SegmentPart::MqlToSql => "mql_to_sql",
        SegmentPart::SalesCycle => "sales_cycle",
        SegmentPart::LifetimeValue => "lifetime_value",
    }
}
