//! What each segment needs and what its channels buy, side by side
//! (docs/model.md, "Segments"). Shown only with two or more segments: a
//! plan of one kind of deal reads as it always did.

use super::near_screen::close_to_screen;
use super::{MetricValue, Planner};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario, SegmentMetric, Undefined};
use leptos::prelude::*;

/// The funnel stages of a segment: label, what the goal needs, what the
/// budget buys.
const STAGES: [(&str, SegmentMetric, SegmentMetric); 6] = {
    use SegmentMetric::*;
    [
        ("Leads", SegmentRequiredLeads, SegmentFundedLeads),
        ("MQLs", SegmentRequiredMqls, SegmentFundedMqls),
        ("SQLs", SegmentRequiredSqls, SegmentFundedSqls),
        (
            "Opportunities",
            SegmentRequiredOpportunities,
            SegmentFundedOpportunities,
        ),
        (
            "Marketing-sourced deals",
            SegmentMarketingWins,
            SegmentProjectedWins,
        ),
        (
            "Marketing-sourced revenue",
            SegmentRequiredMarketingRevenue,
            SegmentProjectedMarketingRevenue,
        ),
    ]
};

/// The figures under each segment's funnel table.
const FIGURES: [SegmentMetric; 7] = {
    use SegmentMetric::*;
    [
        SegmentCoverage,
        SegmentCac,
        SegmentRequiredBudget,
        SegmentSpend,
        SegmentNewRevenue,
        SegmentRequiredWins,
        SegmentBlendedLeadToMql,
    ]
};

/// The per-segment results, one card per segment.
#[component]
pub fn SegmentResults() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let count = planner.from_plan(|p| p.segments.len());
    let shown_count = move || if count.get() > 1 { count.get() } else { 0 };
    view! {
        <section
            class="card segment-results"
            aria-labelledby="segment-results-title"
            hidden=move || { count.get() < 2 }
        >
            <h2 id="segment-results-title">"By segment"</h2>
            <p class="explain">{planner.from_both(shortest_sentence)}</p>
            <div class="segment-cards">
                <For
                    each=move || 0..shown_count()
                    key=|g| *g
                    children=move |g| view! { <SegmentCard index=g /> }
                />
            </div>
        </section>
    }
}

/// The segment whose budget buys the smallest share of the deals it needs,
/// if any falls short: `(index, coverage)`.
pub fn shortest(plan: &Plan) -> Option<(usize, f64)> {
    if plan.segments.len() < 2 {
        return None;
    }
    plan.segments
        .iter()
        .enumerate()
        .filter_map(|(g, r)| r.segment_coverage.value().map(|c| (g, c)))
        .filter(|&(_, c)| c < 1.0 - 1e-12)
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// "Enterprise falls shortest: its channels buy 42% of the deals it needs."
pub fn shortest_text(plan: &Plan, s: &Scenario) -> Option<String> {
    shortest(plan).map(|(g, c)| {
        format!(
            "{} falls shortest: its channels buy {} of the marketing-sourced deals it needs.",
            s.segments.get(g).map_or("A segment", |x| x.name.as_str()),
            format::text(c, Style::Percent, &s.currency),
        )
    })
}

/// The section's opening sentence.
fn shortest_sentence(plan: &Plan, s: &Scenario) -> String {
    match shortest_text(plan, s) {
        Some(text) => text,
        None if plan
            .segments
            .iter()
            .all(|r| r.segment_coverage.value().is_some()) =>
        {
            "Every segment's channels buy the marketing-sourced deals it needs.".into()
        }
        None => "What each segment needs, and what the channels feeding it buy.".into(),
    }
}

/// One segment's needs and what its channels buy.
#[component]
fn SegmentCard(index: usize) -> impl IntoView {
    // Six cards hold over a hundred numbers: each card follows the plan
    // inside a key press only while it is close to the screen, and
    // otherwise just after the next paint (see `Planner::section`).
    let card = NodeRef::<leptos::html::Article>::new();
    let planner = expect_context::<Planner>().section(close_to_screen(card).into());
    let pick = move |m: SegmentMetric| {
        planner.metric_of(move |p| {
            p.segments
                .get(index)
                .map_or(Metric::undefined(Undefined::NotRecorded), |g| m.read(g))
        })
    };
    let title = planner.from_both(move |p, s| {
        let name = s
            .segments
            .get(index)
            .map(|g| g.name.clone())
            .unwrap_or_default();
        let share = p
            .segments
            .get(index)
            .map(|_| s.segments[index].revenue_share);
        match share {
            Some(share) if share.is_finite() => format!(
                "{name}: {} of new revenue",
                format::text(share, Style::Percent, &s.currency)
            ),
            _ => name,
        }
    });
    let rows = STAGES
        .into_iter()
        .map(|(label, need, bought)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>
                        <MetricValue id=need value=pick(need) />
                    </td>
                    <td>
                        <MetricValue id=bought value=pick(bought) />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let figures = FIGURES
        .into_iter()
        .map(|m| {
            view! {
                <div class="stat">
                    <dt>{m.label()}</dt>
                    <dd>
                        <MetricValue id=m value=pick(m) />
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <article class="segment-card" data-segment=index.to_string() node_ref=card>
            <h3>{move || title.get()}</h3>
            <table class="segment-funnel">
                <thead>
                    <tr>
                        <th scope="col">"Stage"</th>
                        <th scope="col">"Goal needs"</th>
                        <th scope="col">"Budget buys"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <dl class="stats narrow">{figures}</dl>
        </article>
    }
}
