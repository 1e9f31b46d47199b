use super::{MetricValue, Planner};
use crate::format::Style;
use crate::model::Undefined;
use leptos::prelude::*;

/// The answer to "does this plan reach the goal?", then coverage, budget gap
/// and attainment.
#[component]
pub fn Headline() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let plan = planner.plan;
    let coverage = planner.metric(|p| p.coverage);
    let budget_gap = planner.metric(|p| p.budget_gap);
    let verdict = move || match coverage.get().0 {
        Ok(c) if c >= 1.0 => (
            "yes",
            "Yes: the budget funds the marketing-sourced deals the goal needs.",
        ),
        Ok(0.0) => ("no", "No: the budget buys no deals at all."),
        Ok(_) => (
            "no",
            "Not yet: the budget funds only part of the marketing-sourced deals the goal needs.",
        ),
        Err(Undefined::NoMarketingWins) => {
            ("yes", "The goal is met without marketing-sourced deals.")
        }
        Err(Undefined::Invalid(_)) => (
            "unknown",
            "Fix the inputs marked in red to see whether the plan reaches the goal.",
        ),
        Err(why) => (
            "unknown",
            if why == Undefined::NoSpend {
                "No budget is allocated to a channel yet."
            } else {
                "The plan cannot be judged yet."
            },
        ),
    };
    let over_delivers = Memo::new(move |_| {
        plan.with(|p| p.levers.is_none() && matches!(p.coverage.0, Ok(c) if c >= 1.0))
    });
    let gap_label = move || match budget_gap.get().value() {
        Some(g) if g < 0.0 => "Budget to spare",
        Some(0.0) => "Budget gap",
        _ => "More budget needed",
    };
    view! {
        <section
            class="card headline"
            aria-labelledby="headline-title"
            data-verdict=move || verdict().0
        >
            <h2 id="headline-title">"Does this plan reach the goal?"</h2>
            <p class="verdict" aria-live="polite">
                {move || verdict().1}
            </p>
            <div class="kpis">
                <div class="kpi">
                    <span class="kpi-label">"Deals funded vs needed"</span>
                    <span class="kpi-value">
                        <MetricValue id="coverage" value=coverage style=Style::Percent />
                    </span>
                    <span class="kpi-note">
                        <MetricValue
                            id="projected_wins"
                            value=planner.metric(|p| p.projected_wins)
                            style=Style::Count
                        />
                        " of "
                        <MetricValue
                            id="marketing_wins"
                            value=planner.metric(|p| p.marketing_wins)
                            style=Style::RequiredCount
                        />
                        " marketing-sourced deals"
                    </span>
                </div>
                <div class="kpi">
                    <span class="kpi-label">{gap_label}</span>
                    <span class="kpi-value">
                        <MetricValue
                            id="budget_gap"
                            value=budget_gap
                            style=Style::Money
                            magnitude=true
                        />
                    </span>
                    <span class="kpi-note">
                        "The goal needs "
                        <MetricValue
                            id="required_budget"
                            value=planner.metric(|p| p.required_budget)
                            style=Style::Money
                        /> " at today's mix"
                    </span>
                </div>
                <div class="kpi">
                    <span class="kpi-label">"Revenue goal attainment"</span>
                    <span class="kpi-value">
                        <MetricValue
                            id="attainment"
                            value=planner.metric(|p| p.attainment)
                            style=Style::Percent
                        />
                    </span>
                    <span class="kpi-note">
                        <MetricValue
                            id="projected_revenue"
                            value=planner.metric(|p| p.projected_revenue)
                            style=Style::Money
                        />
                        " projected"
                    </span>
                </div>
            </div>
            // Always on the page (the number is live), shown while the plan over-delivers.
            <p class="over-delivery" hidden=move || !over_delivers.get()>
                "The plan over-delivers: a budget of "
                <MetricValue
                    id="required_spend_share"
                    value=planner.metric(|p| p.required_spend_share)
                    style=Style::Percent
                />
                " of the goal would just meet it."
            </p>
        </section>
    }
}
