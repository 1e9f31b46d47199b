use super::{MetricValue, Planner};
use crate::format::Style;
use crate::model::{Metric, Plan};
use leptos::prelude::*;

type Pick = fn(&Plan) -> Metric;

/// A list of (label, metric id, value, style).
pub fn metric_list(
    planner: Planner,
    items: Vec<(&'static str, &'static str, Pick, Style)>,
) -> impl IntoView {
    items
        .into_iter()
        .map(|(label, id, pick, style)| {
            view! {
                <div class="stat">
                    <dt>{label}</dt>
                    <dd>
                        <MetricValue id=id value=planner.metric(pick) style=style />
                    </dd>
                </div>
            }
        })
        .collect_view()
}

/// Budget, efficiency and returns.
#[component]
pub fn Economics() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let budget: Vec<(&'static str, &'static str, Pick, Style)> = vec![
        ("Marketing budget", "budget", |p| p.budget, Style::Money),
        ("Allocated to channels", "spend", |p| p.spend, Style::Money),
        (
            "Unallocated",
            "unallocated_budget",
            |p| p.unallocated_budget,
            Style::Money,
        ),
        (
            "Budget the goal needs",
            "required_budget",
            |p| p.required_budget,
            Style::Money,
        ),
        (
            "…as a share of the goal",
            "required_spend_share",
            |p| p.required_spend_share,
            Style::Percent,
        ),
        (
            "Blended cost per lead",
            "blended_cpl",
            |p| p.blended_cpl,
            Style::Money,
        ),
        (
            "Cost per MQL",
            "cost_per_mql",
            |p| p.cost_per_mql,
            Style::Money,
        ),
    ];
    let returns: Vec<(&'static str, &'static str, Pick, Style)> = vec![
        (
            "Marketing-sourced revenue",
            "projected_marketing_revenue",
            |p| p.projected_marketing_revenue,
            Style::Money,
        ),
        (
            "ROI (first-year gross profit)",
            "roi",
            |p| p.roi,
            Style::Percent,
        ),
        (
            "Lifetime ROI",
            "lifetime_roi",
            |p| p.lifetime_roi,
            Style::Percent,
        ),
        (
            "Revenue per marketing dollar",
            "revenue_per_marketing_dollar",
            |p| p.revenue_per_marketing_dollar,
            Style::Multiple,
        ),
        (
            "CAC (cost per marketing-sourced deal)",
            "cac",
            |p| p.cac,
            Style::Money,
        ),
        ("LTV : CAC", "ltv_to_cac", |p| p.ltv_to_cac, Style::Multiple),
        (
            "CAC payback",
            "payback_months",
            |p| p.payback_months,
            Style::Months,
        ),
    ];
    view! {
        <section class="card" aria-labelledby="economics-title">
            <h2 id="economics-title">"Budget and returns"</h2>
            <div class="stat-groups">
                <div>
                    <h3>"Budget"</h3>
                    <dl class="stats">{metric_list(planner, budget)}</dl>
                </div>
                <div>
                    <h3>"Returns"</h3>
                    <dl class="stats">{metric_list(planner, returns)}</dl>
                </div>
            </div>
        </section>
    }
}
