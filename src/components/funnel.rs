use super::{ChartFigure, MetricValue, Planner};
use crate::format;
use crate::model::{Metric, PlanMetric};
use leptos::prelude::*;

/// Required versus funded at each stage of the funnel.
#[component]
pub fn Funnel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    use PlanMetric::*;
    let stages = [
        ("Leads", RequiredLeads, FundedLeads),
        ("MQLs", RequiredMqls, FundedMqls),
        ("SQLs", RequiredSqls, FundedSqls),
        ("Opportunities", RequiredOpportunities, FundedOpportunities),
        ("Deals won", MarketingWins, ProjectedWins),
    ];
    let leads_gap = planner.metric(|p| p.leads_gap);
    // As the table shows it: the leads needed, rounded up, less those bought.
    let shown_leads_gap = planner.from_plan(|p| match (p.required_leads.0, p.funded_leads.0) {
        (Ok(required), Ok(funded)) => Metric::of(format::shown_gap(required, funded)),
        _ => p.leads_gap,
    });
    let rows = stages
        .into_iter()
        .map(|(label, required_id, funded_id)| {
            let required = planner.plan_metric(required_id);
            let funded = planner.plan_metric(funded_id);
            let short = move || match (required.get().value(), funded.get().value()) {
                (Some(r), Some(f)) if format::shown_gap(r, f) > 0.0 => "short",
                (Some(_), Some(_)) => "met",
                _ => "",
            };
            view! {
                <tr data-status=short>
                    <th scope="row">{label}</th>
                    <td data-label="Goal needs">
                        <MetricValue id=required_id value=required />
                    </td>
                    <td data-label="Budget buys">
                        <MetricValue id=funded_id value=funded />
                    </td>
                    <td class="status" data-label="Status">
                        {move || match short() {
                            "short" => "Short",
                            "met" => "Covered",
                            _ => "—",
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="funnel-title">
            <h2 id="funnel-title">"Funnel: what the goal needs and what the budget buys"</h2>
            <p class="explain">
                "New revenue to win: "
                <MetricValue id=PlanMetric::NewRevenue value=planner.metric(|p| p.new_revenue) />
                ", or "
                <MetricValue
                    id=PlanMetric::RequiredWins
                    value=planner.metric(|p| p.required_wins)
                /> " new deals: sales sources "
                <MetricValue
                    id=PlanMetric::SalesSourcedWins
                    value=planner.metric(|p| p.sales_sourced_wins)
                /> ", marketing the rest. The mix turns "
                <MetricValue
                    id=PlanMetric::BlendedLeadToMql
                    value=planner.metric(|p| p.blended_lead_to_mql)
                /> " of leads into MQLs."
            </p>
            <div class="table-wrap">
                <table class="funnel stack-narrow">
                    <thead>
                        <tr>
                            <th scope="col">"Stage"</th>
                            <th scope="col">"Goal needs"</th>
                            <th scope="col">"Budget buys"</th>
                            <th scope="col">"Status"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint">
                "What the budget buys are expected values (averages), so they need not be whole; what the goal needs is rounded up to whole ones."
            </p>
            <p class="explain">
                {move || match shown_leads_gap.get().value() {
                    Some(g) if g <= 0.0 => "Leads to spare: ",
                    _ => "Leads still to find: ",
                }}
                <MetricValue
                    id=PlanMetric::LeadsGap
                    value=leads_gap
                    shown_as=shown_leads_gap
                    magnitude=true
                />
            </p>
            <ChartFigure chart=planner.later_chart("funnel", crate::charts::funnel) />

        </section>
    }
}
