use super::{ChartFigure, MetricValue, Planner};
use crate::format::{self, Style};
use crate::model::{Metric, Plan};
use leptos::prelude::*;

type Pick = fn(&Plan) -> Metric;

/// Required versus funded at each stage of the funnel.
#[component]
pub fn Funnel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let stages: [(&str, &'static str, Pick, &'static str, Pick); 5] = [
        (
            "Leads",
            "required_leads",
            |p| p.required_leads,
            "funded_leads",
            |p| p.funded_leads,
        ),
        (
            "MQLs",
            "required_mqls",
            |p| p.required_mqls,
            "funded_mqls",
            |p| p.funded_mqls,
        ),
        (
            "SQLs",
            "required_sqls",
            |p| p.required_sqls,
            "funded_sqls",
            |p| p.funded_sqls,
        ),
        (
            "Opportunities",
            "required_opportunities",
            |p| p.required_opportunities,
            "funded_opportunities",
            |p| p.funded_opportunities,
        ),
        (
            "Deals won",
            "marketing_wins",
            |p| p.marketing_wins,
            "projected_wins",
            |p| p.projected_wins,
        ),
    ];
    let leads_gap = planner.metric(|p| p.leads_gap);
    // As the table shows it: the leads needed, rounded up, less those bought.
    let shown_leads_gap = planner.from_plan(|p| match (p.required_leads.0, p.funded_leads.0) {
        (Ok(required), Ok(funded)) => Metric::of(format::shown_gap(required, funded)),
        _ => p.leads_gap,
    });
    let rows = stages
        .into_iter()
        .map(|(label, required_id, required, funded_id, funded)| {
            let required = planner.metric(required);
            let funded = planner.metric(funded);
            let short = move || match (required.get().value(), funded.get().value()) {
                (Some(r), Some(f)) if format::shown_gap(r, f) > 0.0 => "short",
                (Some(_), Some(_)) => "met",
                _ => "",
            };
            view! {
                <tr data-status=short>
                    <th scope="row">{label}</th>
                    <td data-label="Goal needs">
                        <MetricValue id=required_id value=required style=Style::RequiredCount />
                    </td>
                    <td data-label="Budget buys">
                        <MetricValue id=funded_id value=funded style=Style::Count />
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
                <MetricValue
                    id="new_revenue"
                    value=planner.metric(|p| p.new_revenue)
                    style=Style::Money
                /> ", or "
                <MetricValue
                    id="required_wins"
                    value=planner.metric(|p| p.required_wins)
                    style=Style::RequiredCount
                /> " new deals: sales sources "
                <MetricValue
                    id="sales_sourced_wins"
                    value=planner.metric(|p| p.sales_sourced_wins)
                    style=Style::Count
                /> ", marketing the rest. The mix turns "
                <MetricValue
                    id="blended_lead_to_mql"
                    value=planner.metric(|p| p.blended_lead_to_mql)
                    style=Style::Percent
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
                    id="leads_gap"
                    value=leads_gap
                    shown_as=shown_leads_gap
                    style=Style::Count
                    magnitude=true
                />
            </p>
            <ChartFigure chart=planner.later_chart("funnel", crate::charts::funnel) />

        </section>
    }
}
