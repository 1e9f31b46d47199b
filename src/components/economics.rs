use super::{MetricValue, Planner};
use crate::model::PlanMetric;
use leptos::prelude::*;

/// A list of plan figures, each with its registry label.
pub fn metric_list(planner: Planner, items: impl IntoIterator<Item = PlanMetric>) -> impl IntoView {
    items
        .into_iter()
        .map(|m| {
            view! {
                <div class="stat">
                    <dt>{m.label()}</dt>
                    <dd>
                        <MetricValue id=m value=planner.plan_metric(m) />
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
    use PlanMetric::*;
    let budget = [
        Budget,
        Spend,
        UnallocatedBudget,
        RequiredBudget,
        RequiredSpendShare,
        BlendedCpl,
        CostPerMql,
    ];
    let returns = [
        ProjectedMarketingRevenue,
        Roi,
        LifetimeRoi,
        RevenuePerMarketingDollar,
        Cac,
        LtvToCac,
        PaybackMonths,
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
