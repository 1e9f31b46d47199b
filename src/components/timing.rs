//! "When the revenue arrives": the plan-year figures and the timeline chart.

use super::economics::metric_list;
use super::{ChartFigure, Planner};
use crate::charts;
use crate::model::PlanMetric;
use leptos::prelude::*;

/// When marketing-sourced revenue lands, given the sales cycle.
#[component]
pub fn Timing() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let timing = [
        PlanMetric::InYearRevenue,
        PlanMetric::InYearShortfall,
        PlanMetric::EarlierLeadMonths,
        PlanMetric::InYearMarketingRevenue,
        PlanMetric::NextYearMarketingRevenue,
    ];
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">"When the revenue arrives"</h2>
            <dl class="stats narrow">{metric_list(planner, timing)}</dl>
            <ChartFigure chart=planner.later_chart("timeline", charts::timeline) />
        </section>
    }
}
