use super::{ChartFigure, Library};
use crate::charts;
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario};
use crate::storage::Saved;
use leptos::prelude::*;

type Row = (&'static str, fn(&Scenario, &Plan) -> Metric, Style);

/// Inputs and key outputs compared, in order.
const ROWS: [Row; 23] = [
    (
        "Revenue goal",
        |s, _| Metric::of(s.revenue_goal),
        Style::Money,
    ),
    (
        "Existing-customer revenue",
        |s, _| Metric::of(s.recurring_revenue),
        Style::Money,
    ),
    (
        "Pipeline closing this year",
        |s, _| Metric::of(s.pipeline_revenue),
        Style::Money,
    ),
    (
        "Average deal size",
        |s, _| Metric::of(s.deal_size),
        Style::Money,
    ),
    (
        "Marketing budget (% of goal)",
        |s, _| Metric::of(s.spend),
        Style::Percent,
    ),
    (
        "Marketing-sourced share",
        |s, _| Metric::of(s.marketing_sourced),
        Style::Percent,
    ),
    ("Win rate", |s, _| Metric::of(s.win_rate), Style::Percent),
    ("MQL → SQL", |s, _| Metric::of(s.mql_to_sql), Style::Percent),
    (
        "SQL → opportunity",
        |s, _| Metric::of(s.sql_to_opp),
        Style::Percent,
    ),
    (
        "Sales cycle (months)",
        |s, _| Metric::of(s.sales_cycle_months),
        Style::Count,
    ),
    ("Budget", |_, p| p.budget, Style::Money),
    (
        "Leads needed",
        |_, p| p.required_leads,
        Style::RequiredCount,
    ),
    ("Leads funded", |_, p| p.funded_leads, Style::Count),
    ("Deals funded vs needed", |_, p| p.coverage, Style::Percent),
    ("Budget gap", |_, p| p.budget_gap, Style::Money),
    (
        "Booked in the plan year",
        |_, p| p.plan_year.in_year_revenue,
        Style::Money,
    ),
    (
        "Plan-year goal attainment",
        |_, p| p.plan_year.in_year_attainment,
        Style::Percent,
    ),
    (
        "Revenue from the plan's deals, whenever they land",
        |_, p| p.projected_revenue,
        Style::Money,
    ),
    (
        "Attainment, whenever the deals land",
        |_, p| p.attainment,
        Style::Percent,
    ),
    ("ROI", |_, p| p.roi, Style::Percent),
    ("CAC", |_, p| p.cac, Style::Money),
    ("LTV : CAC", |_, p| p.ltv_to_cac, Style::Multiple),
    (
        "CAC payback (months)",
        |_, p| p.payback_months,
        Style::Months,
    ),
];

/// Two to four saved scenarios side by side: inputs and key outputs, each
/// difference from the first marked, and their timelines next to each other.
#[component]
pub fn CompareView() -> impl IntoView {
    let library = expect_context::<Library>();
    let picked = move || -> Vec<Saved> {
        let ids = library.compare.get();
        library.entries.with(|list| {
            ids.iter()
                .filter_map(|id| list.iter().find(|e| &e.id == id).cloned())
                .collect()
        })
    };
    move || {
        let picked = picked();
        (picked.len() >= 2).then(|| {
            let plans: Vec<Plan> = picked.iter().map(|e| Plan::compute(&e.scenario)).collect();
            let head = picked
                .iter()
                .map(|e| view! { <th scope="col">{e.scenario.name.clone()}</th> })
                .collect_view();
            let rows = ROWS
                .iter()
                .map(|&(label, pick, style)| {
                    let values: Vec<Option<f64>> = picked
                        .iter()
                        .zip(&plans)
                        .map(|(e, p)| pick(&e.scenario, p).value())
                        .collect();
                    let first = values[0];
                    let cells = picked
                        .iter()
                        .zip(&values)
                        .enumerate()
                        .map(|(i, (e, v))| {
                            let text = v
                                .map(|v| format::text(v, style, &e.scenario.currency))
                                .unwrap_or_else(|| "—".into());
                            let change = match (i, first, *v) {
                                (0, _, _) => None,
                                (_, Some(a), Some(b)) if b > a => Some("higher"),
                                (_, Some(a), Some(b)) if b < a => Some("lower"),
                                (_, a, b) if a.is_some() != b.is_some() => Some("different"),
                                _ => None,
                            };
                            view! {
                                <td class:differs=change.is_some() data-change=change.unwrap_or("")>
                                    {text}
                                    {change
                                        .map(|c| {
                                            view! { <span class="change">{format!(" ({c})")}</span> }
                                        })}
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            let timelines = picked
                .iter()
                .zip(&plans)
                .enumerate()
                .map(|(i, (e, p))| {
                    let mut chart = charts::timeline(p, &e.scenario, 360);
                    chart.title = format!("{}: revenue by month", e.scenario.name);
                    view! {
                        <div class="compare-chart">
                            <ChartFigure
                                chart=Signal::stored(chart)
                                id_suffix=format!("-compare-{i}")
                            />
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section id="compare" class="card compare" aria-labelledby="compare-title">
                    <div class="compare-head">
                        <h2 id="compare-title">"Scenarios side by side"</h2>
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| library.compare.set(Vec::new())
                        >
                            "Close comparison"
                        </button>
                    </div>
                    <p class="hint">"Differences from the first scenario are marked."</p>
                    <div class="table-wrap">
                        <table class="compare-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Scenario"</th>
                                    {head}
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <div class="compare-charts">{timelines}</div>
                </section>
            }
        })
    }
}
