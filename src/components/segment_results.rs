//! What each segment needs and what its channels buy, side by side
//! (docs/model.md, "Segments"). Shown only with two or more segments: a
//! plan of one kind of deal reads as it always did.

use super::{MetricValue, Planner};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario, SegmentResult, Undefined};
use leptos::prelude::*;

type Pick = fn(&SegmentResult) -> Metric;
/// A metric id and how it reads off a segment's result.
type Cell = (&'static str, Pick);

/// The funnel stages of a segment: label, what the goal needs, what the
/// budget buys (`None`: the budget buys no figure of its own there).
const STAGES: [(&str, Cell, Option<Cell>); 6] = [
    (
        "Leads",
        ("segment_required_leads", |g| g.segment_required_leads),
        Some(("segment_funded_leads", |g| g.segment_funded_leads)),
    ),
    (
        "MQLs",
        ("segment_required_mqls", |g| g.segment_required_mqls),
        Some(("segment_funded_mqls", |g| g.segment_funded_mqls)),
    ),
    (
        "SQLs",
        ("segment_required_sqls", |g| g.segment_required_sqls),
        Some(("segment_funded_sqls", |g| g.segment_funded_sqls)),
    ),
    (
        "Opportunities",
        ("segment_required_opportunities", |g| {
            g.segment_required_opportunities
        }),
        Some(("segment_funded_opportunities", |g| {
            g.segment_funded_opportunities
        })),
    ),
    (
        "Marketing-sourced deals",
        ("segment_marketing_wins", |g| g.segment_marketing_wins),
        Some(("segment_projected_wins", |g| g.segment_projected_wins)),
    ),
    (
        "Marketing-sourced revenue",
        ("segment_required_marketing_revenue", |g| {
            g.segment_required_marketing_revenue
        }),
        Some(("segment_projected_marketing_revenue", |g| {
            g.segment_projected_marketing_revenue
        })),
    ),
];

/// The figures under each segment's funnel table.
const FIGURES: [(&str, &str, Pick, Style); 7] = [
    (
        "Coverage",
        "segment_coverage",
        |g| g.segment_coverage,
        Style::Percent,
    ),
    ("CAC", "segment_cac", |g| g.segment_cac, Style::Money),
    (
        "Budget it needs",
        "segment_required_budget",
        |g| g.segment_required_budget,
        Style::Money,
    ),
    (
        "Allocated to it",
        "segment_spend",
        |g| g.segment_spend,
        Style::Money,
    ),
    (
        "New revenue",
        "segment_new_revenue",
        |g| g.segment_new_revenue,
        Style::Money,
    ),
    (
        "All deals it needs",
        "segment_required_wins",
        |g| g.segment_required_wins,
        Style::RequiredCount,
    ),
    (
        "Blended lead → MQL",
        "segment_blended_lead_to_mql",
        |g| g.segment_blended_lead_to_mql,
        Style::Percent,
    ),
];

/// The style a stage's figures read in.
fn stage_style(id: &str) -> (Style, Style) {
    if id.ends_with("revenue") {
        (Style::Money, Style::Money)
    } else {
        (Style::RequiredCount, Style::Count)
    }
}

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
    let planner = expect_context::<Planner>();
    let pick = move |f: Pick| {
        planner.metric_of(move |p| {
            p.segments
                .get(index)
                .map_or(Metric::undefined(Undefined::NotRecorded), f)
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
        .map(|(label, (need_id, need), bought)| {
            let (need_style, bought_style) = stage_style(need_id);
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>
                        <MetricValue id=need_id value=pick(need) style=need_style />
                    </td>
                    <td>
                        {bought
                            .map(|(id, f)| {
                                view! { <MetricValue id=id value=pick(f) style=bought_style /> }
                            })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let figures = FIGURES
        .into_iter()
        .map(|(label, id, f, style)| {
            view! {
                <div class="stat">
                    <dt>{label}</dt>
                    <dd>
                        <MetricValue id=id value=pick(f) style=style />
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <article class="segment-card" data-segment=index.to_string()>
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
