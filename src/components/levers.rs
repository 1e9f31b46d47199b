use super::{ChartFigure, MetricValue, Planner};
use crate::model::{LeverMetric, Metric, PlanMetric, Undefined, Verdict};
use leptos::prelude::*;

/// What a plan-wide lever's target applies to, when its label does not say.
fn plan_wide_note(lever: LeverMetric) -> &'static str {
    match lever {
        LeverMetric::LeverSpendShare => "of the revenue goal",
        LeverMetric::LeverLeadQualityFactor => "every channel's lead → MQL rate",
        LeverMetric::LeverCostPerLeadFactor => "every channel's cost per lead",
        _ => "",
    }
}

/// [`plan_wide_note`] for a segment's own levers.
fn segment_note(lever: LeverMetric) -> &'static str {
    match lever {
        LeverMetric::LeverLeadQualityFactor => "its channels' lead → MQL rates",
        LeverMetric::LeverCostPerLeadFactor => "its channels' costs per lead",
        _ => "",
    }
}

/// What each lever alone would have to become to close the gap.
#[component]
pub fn LeverList() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let levers = LeverMetric::ALL.iter().map(|&m| (m, plan_wide_note(m)));
    // The rows are built once and stay: the list is hidden, and its numbers
    // stop being `data-metric`s, while the plan needs no lever. Each row's
    // memo follows its own number and keeps the last one while hidden.
    // (Rebuilding the rows as the plan crossed the goal kept about 1.4 KB of
    // wasm memory each time, and cost the frame.)
    let shown: Signal<bool> = planner.from_plan(|p| p.levers.is_some()).into();
    // With two or more segments only the budget lever is plan-wide; the
    // rest are each segment's, listed under it.
    let several = planner.from_plan(|p| p.segments.len() > 1);
    let plan_wide_shown: Signal<bool> = Memo::new(move |_| shown.get() && !several.get()).into();
    let unallocated = planner
        .from_plan(|p| p.levers.is_some() && p.unallocated_budget.value().is_some_and(|u| u > 0.0));
    let list = levers
        .into_iter()
        .enumerate()
        .map(|(i, (m, note))| {
            let present = if i == 0 { shown } else { plan_wide_shown };
            let value = planner.from_plan_or_last(move |p, previous: Option<&Metric>| {
                match (p.levers.as_ref(), previous) {
                    (Some(levers), _) => m.read(levers),
                    (None, Some(last)) => *last,
                    (None, None) => Metric::undefined(Undefined::NotReachable),
                }
            });
            view! {
                <li hidden=move || !present.get()>
                    <span class="lever-label">{m.label()}</span>
                    <span class="lever-target">
                        <MetricValue id=m value=value present=present />
                        {(!note.is_empty())
                            .then(|| view! { <span class="lever-note">{note}</span> })}
                    </span>
                </li>
            }
        })
        .collect_view();
    let summary = planner.from_plan(|p| {
        let verdict = p.verdict();
        match (p.levers.is_some(), p.coverage.0) {
            (true, Ok(0.0)) => "The budget buys no deals: no single lever helps when nothing is funded. Allocate budget to a channel first.".to_string(),
            (true, _) => "Any one of these alone, with everything else unchanged, closes the gap:".to_string(),
            (false, Ok(_)) if verdict == Verdict::LandsLate && super::segment_results::shortest(p).is_some() => "In total the budget already buys the marketing-sourced revenue the goal needs, the segments funded beyond their need making up for those that fall short (see \"By segment\"), but part of it lands after the plan year, and no funnel lever changes when it lands. Pipeline already in place at the start of the year, or leads arriving earlier, closes the plan-year gap (see the headline).".to_string(),
            (false, Ok(_)) if verdict == Verdict::LandsLate => "The budget already buys every marketing-sourced deal the goal needs, but part of their revenue lands after the plan year, and no funnel lever changes when it lands. Pipeline already in place at the start of the year, or leads arriving earlier, closes the plan-year gap (see the headline).".to_string(),
            (false, Ok(_)) if super::segment_results::shortest(p).is_some() => "No lever is needed in total: the segments funded beyond their need make up, in revenue, for those that fall short (see \"By segment\"), and the plan year books the goal.".to_string(),
            (false, Ok(_)) => "No lever is needed: the plan already funds every marketing-sourced deal the goal needs, and the plan year books the goal.".to_string(),
            (false, Err(Undefined::NoMarketingWins)) => "No lever is needed: the goal is met without marketing-sourced deals.".to_string(),
            (false, Err(why)) => format!("The levers are unknown until the plan can be judged ({why})."),
        }
    });
    view! {
        <section class="card" aria-labelledby="levers-title">
            <h2 id="levers-title">"Which lever closes the gap"</h2>
            <p class="explain">{summary}</p>
            <ul class="levers" hidden=move || !shown.get()>
                {list}
            </ul>
            <SegmentLevers shown=shown />
            // Nothing to compare while no lever is needed (or known): the
            // sentence above says why, and an empty chart would only repeat it.
            <div hidden=move || !shown.get()>
                <ChartFigure chart=planner.later_chart("levers", crate::charts::levers) />
            </div>

            {move || {
                unallocated
                    .get()
                    .then(|| {
                        view! {
                            <p class="hint">
                                "The budget lever assumes the whole budget is allocated at today's mix; "
                                <MetricValue
                                    id=PlanMetric::UnallocatedBudget
                                    value=planner.metric(|p| p.unallocated_budget)
                                /> " is unallocated now."
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// The levers of each segment, with two or more segments: each moved in
/// its segment alone (docs/model.md, "Levers with segments").
#[component]
fn SegmentLevers(
    /// The plan needs a lever.
    shown: Signal<bool>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let count = planner.from_plan(|p| {
        if p.segments.len() > 1 {
            p.segments.len()
        } else {
            0
        }
    });
    let smallest = planner.from_both(|p, s| {
        p.smallest_move_segment().map(|g| {
            format!(
                "The smallest move is in {}, whose channels bring the most revenue: any one of its levers alone closes the gap.",
                s.segments.get(g).map_or("", |x| x.name.trim()),
            )
        })
    });
    view! {
        <div class="segment-levers" hidden=move || !shown.get() || count.get() == 0>
            {move || {
                smallest.get().map(|text| view! { <p class="explain smallest-move">{text}</p> })
            }}
            <For
                each=move || 0..count.get()
                key=|g| *g
                children=move |g| view! { <OneSegmentLevers index=g shown=shown /> }
            />
        </div>
    }
}

/// One segment's six levers, inside its `data-segment`.
#[component]
fn OneSegmentLevers(index: usize, shown: Signal<bool>) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let name = planner.from_scenario(move |s| {
        s.segments
            .get(index)
            .map(|g| g.name.clone())
            .unwrap_or_default()
    });
    let present: Signal<bool> = planner
        .from_plan(move |p| p.segments.get(index).is_some_and(|g| g.levers.is_some()))
        .into();
    let present = Signal::derive(move || shown.get() && present.get());
    let rows = LeverMetric::PER_SEGMENT.map(|m| (m, segment_note(m)));
    let list = rows
        .into_iter()
        .map(|(m, note)| {
            let value = planner.from_plan_or_last(move |p, previous: Option<&Metric>| {
                match (
                    p.segments.get(index).and_then(|g| g.levers.as_ref()),
                    previous,
                ) {
                    (Some(levers), _) => m.read(levers),
                    (None, Some(last)) => *last,
                    (None, None) => Metric::undefined(Undefined::NotReachable),
                }
            });
            view! {
                <li>
                    <span class="lever-label">{m.label()}</span>
                    <span class="lever-target">
                        <MetricValue id=m value=value present=present />
                        {(!note.is_empty())
                            .then(|| view! { <span class="lever-note">{note}</span> })}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="segment-lever-group" data-segment=index.to_string()>
            <h3>{move || format!("In {}", name.get().trim())}</h3>
            <ul class="levers">{list}</ul>
        </div>
    }
}
