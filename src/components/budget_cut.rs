use super::{ChartFigure, MetricValue, NumberField, Planner};
use crate::model::{Field, PlanMetric, Scenario};
use crate::share::percent_text;
use crate::words;
use leptos::prelude::*;

/// "What would a budget cut cost the business?" with its two inputs.
#[component]
pub fn BudgetCutPanel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let valid =
        |s: &Scenario| s.error(Field::CutPct).is_none() && s.error(Field::CutFromMonth).is_none();
    let opening = planner.from_scenario(move |s| {
        if valid(s) {
            format!(
                "Cutting {}% of the budget for {} ",
                percent_text(s.cut),
                words::plan_months_from(&s.tracking.plan_start, s.cut_from_month as u32)
            )
        } else {
            "The cut ".to_string()
        }
    });
    let printed = planner.from_scenario(move |s| valid(s) && s.cut > 0.0);
    let lost_wins = planner.metric(|p| p.budget_cut.lost_wins);
    let deals = move || {
        if lost_wins.get().value() == Some(1.0) {
            " deal: "
        } else {
            " deals: "
        }
    };
    view! {
        // Printed only when a cut is set, and then as the what-if it is.
        <section class="card" class:print-include=printed aria-labelledby="cut-title">
            <h2 id="cut-title">
                <span class="print-only print-inline">"What-if: "</span>
                "What a budget cut would cost"
            </h2>
            <div class="cut-inputs">
                <NumberField field=Field::CutPct />
                <NumberField field=Field::CutFromMonth hint="Month of the plan year" />
            </div>
            <p class="cut-sentence">
                {opening} "saves "
                <MetricValue
                    id=PlanMetric::BudgetSaved
                    value=planner.metric(|p| p.budget_cut.budget_saved)
                /> " and loses an expected " <MetricValue id=PlanMetric::LostWins value=lost_wins />
                {deals}
                <MetricValue
                    id=PlanMetric::LostRevenue
                    value=planner.metric(|p| p.budget_cut.lost_revenue)
                /> " of revenue, "
                <MetricValue
                    id=PlanMetric::LostInYearRevenue
                    value=planner.metric(|p| p.budget_cut.lost_in_year_revenue)
                /> " of it this year and "
                <MetricValue
                    id=PlanMetric::LostNextYearRevenue
                    value=planner.metric(|p| p.budget_cut.lost_next_year_revenue)
                /> " next year, which is "
                <MetricValue
                    id=PlanMetric::LostGrossProfit
                    value=planner.metric(|p| p.budget_cut.lost_gross_profit)
                /> " of gross profit."
            </p>
            <p class="cut-plan-year">
                "Plan-year goal attainment: "
                <MetricValue
                    id=PlanMetric::InYearAttainment
                    value=planner.metric(|p| p.plan_year.in_year_attainment)
                /> " without the cut, "
                <MetricValue
                    id=PlanMetric::InYearAttainmentAfterCut
                    value=planner.metric(|p| p.budget_cut.in_year_attainment_after_cut)
                /> " with it."
            </p>
            <ChartFigure chart=planner.later_chart("budget_cut", crate::charts::budget_cut) />

        </section>
    }
}
