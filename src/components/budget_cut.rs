use super::{ChartFigure, MetricValue, NumberField, Planner};
use crate::format::Style;
use crate::model::Field;
use crate::share::{number_text, percent_text};
use leptos::prelude::*;

/// "What would a budget cut cost the business?" with its two inputs.
#[component]
pub fn BudgetCutPanel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let inputs_valid = move || {
        scenario
            .with(|s| s.error(Field::CutPct).is_none() && s.error(Field::CutFromMonth).is_none())
    };
    let opening = move || {
        scenario.with(|s| {
            if inputs_valid() {
                format!(
                    "Cutting {}% from month {} ",
                    percent_text(s.cut),
                    number_text(s.cut_from_month)
                )
            } else {
                "The cut ".to_string()
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="cut-title">
            <h2 id="cut-title">"What a budget cut would cost"</h2>
            <div class="cut-inputs">
                <NumberField field=Field::CutPct />
                <NumberField field=Field::CutFromMonth hint="Month of the plan year" />
            </div>
            <p class="cut-sentence">
                {opening} "saves "
                <MetricValue
                    id="budget_saved"
                    value=planner.metric(|p| p.budget_cut.budget_saved)
                    style=Style::Money
                /> " and loses "
                <MetricValue
                    id="lost_wins"
                    value=planner.metric(|p| p.budget_cut.lost_wins)
                    style=Style::Count
                /> " deals: "
                <MetricValue
                    id="lost_revenue"
                    value=planner.metric(|p| p.budget_cut.lost_revenue)
                    style=Style::Money
                /> " of revenue, "
                <MetricValue
                    id="lost_in_year_revenue"
                    value=planner.metric(|p| p.budget_cut.lost_in_year_revenue)
                    style=Style::Money
                /> " of it this year and "
                <MetricValue
                    id="lost_next_year_revenue"
                    value=planner.metric(|p| p.budget_cut.lost_next_year_revenue)
                    style=Style::Money
                /> " next year, which is "
                <MetricValue
                    id="lost_gross_profit"
                    value=planner.metric(|p| p.budget_cut.lost_gross_profit)
                    style=Style::Money
                /> " of gross profit."
            </p>
            <ChartFigure chart=planner.later_chart("budget_cut", crate::charts::budget_cut) />

        </section>
    }
}
