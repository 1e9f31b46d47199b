use super::{MetricValue, Planner};
use crate::model::{Constraint, Plan, PlanMetric, Undefined, Verdict};
use leptos::prelude::*;

/// The answer to "does this plan reach the goal?" — the plan-year goal:
/// the deals must be funded and their revenue booked by month 12 — then
/// coverage, budget gap and attainment.
#[component]
pub fn Headline() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let verdict = planner.from_plan(Plan::verdict);
    let coverage = planner.metric(|p| p.coverage);
    let budget_gap = planner.metric(|p| p.budget_gap);
    // With segments, coverage weighs revenue: segments funded beyond their
    // need can make up, in total, for one that falls short. The headline
    // then says so rather than "the budget funds the deals" beside a segment
    // that is short and a budget gap.
    let uneven = planner.from_plan(|p| {
        p.segments.len() > 1
            && p.coverage.value().is_some_and(|c| c >= 1.0)
            && super::segment_results::shortest(p).is_some()
    });
    // Sales or SDRs sized below the goal: whatever the budget buys, the
    // team cannot work it, so the headline names the team first.
    let team_short = planner.from_plan(|p| {
        let binding = p
            .binding_constraint()
            .filter(|_| crate::words::capacity_binds(p))?;
        Some((binding.constraint, binding.coverage))
    });
    let words = move || match (team_short.get(), verdict.get()) {
        (Some((constraint, coverage)), v) if !matches!(v, Verdict::Unknown(_)) => {
            ("no", team_words(constraint, coverage))
        }
        (_, v) => {
            let (key, text) = budget_words(v, uneven.get());
            (key, text.to_string())
        }
    };
    // Only while the plan year is met too: a plan whose revenue lands late
    // is not "over-delivering", whatever its deals.
    // Nor while a segment is short: its need still asks for more budget.
    let over_delivers = Memo::new(move |_| {
        verdict.get() == Verdict::Reaches && !uneven.get() && team_short.get().is_none()
    });
    let lands_late: Signal<bool> = Memo::new(move |_| verdict.get() == Verdict::LandsLate).into();
    let several = planner.from_scenario(|s| s.segments.len() > 1);
    // With segments coverage weighs each deal by its size (docs/model.md).
    let coverage_label = move || {
        if several.get() {
            "Deal revenue funded vs needed"
        } else {
            "Deals funded vs needed"
        }
    };
    let shortest = planner.from_both(|p, s| {
        let text = super::segment_results::shortest_text(p, s)?;
        Some(if p.coverage.value().is_some_and(|c| c >= 1.0) {
            format!("{text} In total the other segments' extra deals make up for it.")
        } else {
            text
        })
    });
    let gap_label = move || match budget_gap.get().value() {
        Some(g) if g < 0.0 => "Budget to spare",
        Some(0.0) => "Budget gap",
        _ if uneven.get() => "More budget for every segment",
        _ => "More budget needed",
    };
    let gap_note = move || {
        if several.get() {
            ("Every segment's need, each at its own CAC, comes to ", "")
        } else {
            ("The goal needs ", " at today's mix")
        }
    };
    view! {
        <section
            class="card headline"
            aria-labelledby="headline-title"
            data-verdict=move || words().0
        >
            <h2 id="headline-title">"Does this plan reach the goal?"</h2>
            <p class="verdict" aria-live="polite">
                {move || words().1}
            </p>
            {move || shortest.get().map(|text| view! { <p class="segment-shortest">{text}</p> })}
            <LandsLate shown=lands_late />
            <div class="kpis">
                <div class="kpi">
                    <span class="kpi-label">{coverage_label}</span>
                    <span class="kpi-value">
                        <MetricValue id=PlanMetric::Coverage value=coverage />
                    </span>
                    <span class="kpi-note">
                        <Show
                            when=move || several.get()
                            fallback=move || {
                                view! {
                                    <MetricValue
                                        id=PlanMetric::ProjectedWins
                                        value=planner.metric(|p| p.projected_wins)
                                    />
                                    " expected of the "
                                    <MetricValue
                                        id=PlanMetric::MarketingWins
                                        value=planner.metric(|p| p.marketing_wins)
                                    />
                                    " marketing-sourced deals needed"
                                }
                            }
                        >
                            // Revenue, not deals: the figure above weighs each
                            // deal by its segment's size.
                            <MetricValue
                                id=PlanMetric::ProjectedMarketingRevenue
                                value=planner.metric(|p| p.projected_marketing_revenue)
                            />
                            " expected of the "
                            <MetricValue
                                id=PlanMetric::RequiredMarketingRevenue
                                value=planner.metric(|p| p.required_marketing_revenue)
                            />
                            " of marketing-sourced revenue needed"
                        </Show>
                    </span>
                </div>
                <div class="kpi">
                    <span class="kpi-label">{gap_label}</span>
                    <span class="kpi-value">
                        <MetricValue id=PlanMetric::BudgetGap value=budget_gap magnitude=true />
                    </span>
                    <span class="kpi-note">
                        {move || gap_note().0}
                        <MetricValue
                            id=PlanMetric::RequiredBudget
                            value=planner.metric(|p| p.required_budget)
                        /> {move || gap_note().1}
                    </span>
                </div>
                <div class="kpi">
                    <span class="kpi-label">"Plan-year goal attainment"</span>
                    <span class="kpi-value">
                        <MetricValue
                            id=PlanMetric::InYearAttainment
                            value=planner.metric(|p| p.plan_year.in_year_attainment)
                        />
                    </span>
                    <span class="kpi-note">
                        <MetricValue
                            id=PlanMetric::InYearRevenue
                            value=planner.metric(|p| p.plan_year.in_year_revenue)
                        />
                        " booked by month 12"
                    </span>
                </div>
                <div class="kpi">
                    <span class="kpi-label">"Whenever the deals land"</span>
                    <span class="kpi-value">
                        <MetricValue
                            id=PlanMetric::Attainment
                            value=planner.metric(|p| p.attainment)
                        />
                    </span>
                    <span class="kpi-note">
                        <MetricValue
                            id=PlanMetric::ProjectedRevenue
                            value=planner.metric(|p| p.projected_revenue)
                        />
                        " of revenue from this plan's deals, whenever they land"
                    </span>
                </div>
            </div>
            // Always on the page (the number is live), shown while the plan over-delivers.
            <p class="over-delivery" hidden=move || !over_delivers.get()>
                "The plan over-delivers: a budget of "
                <MetricValue
                    id=PlanMetric::RequiredSpendShare
                    value=planner.metric(|p| p.required_spend_share)
                />
                " of the goal would just meet it."
            </p>
        </section>
    }
}

/// When the budget buys the deals but the plan year falls short: what is
/// booked by month 12, what lands after it, and what would close the
/// difference. Built once and hidden otherwise (see `LeverList`).
#[component]
fn LandsLate(
    /// The plan buys the deals but misses the plan year.
    #[prop(into)]
    shown: Signal<bool>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    // The longest cycle of any segment: the one that reaches past month 12.
    let cycle = planner.from_plan(|p| {
        p.segments
            .iter()
            .filter_map(|g| g.funnel.sales_cycle.value())
            .fold(0.0, f64::max)
    });
    let cycles_differ = planner.from_plan(|p| {
        let mut cycles = p
            .segments
            .iter()
            .filter_map(|g| g.funnel.sales_cycle.value());
        cycles
            .next()
            .is_some_and(|first| cycles.any(|l| l != first))
    });
    let earlier = planner.metric(|p| p.plan_year.earlier_lead_months);
    let can_move_earlier = Memo::new(move |_| earlier.get().value().is_some_and(|k| k > 0.0));
    let months_word = move || {
        if earlier.get().value() == Some(1.0) {
            " month earlier"
        } else {
            " months earlier"
        }
    };
    view! {
        <p class="plan-year" hidden=move || !shown.get()>
            "By month 12 the plan year books "
            <MetricValue
                id=PlanMetric::InYearRevenue
                value=planner.metric(|p| p.plan_year.in_year_revenue)
                present=shown
            />
            " ("
            <MetricValue
                id=PlanMetric::InYearAttainment
                value=planner.metric(|p| p.plan_year.in_year_attainment)
                present=shown
            />
            " of the goal); "
            <MetricValue
                id=PlanMetric::NextYearMarketingRevenue
                value=planner.metric(|p| p.next_year_marketing_revenue)
                present=shown
            />
            {move || {
                if cycles_differ.get() {
                    format!(
                        " of the deals' revenue lands next year, sales cycles of up to {} months after their leads. Closing the ",
                        crate::share::number_text(cycle.get()),
                    )
                } else {
                    format!(
                        " of the deals' revenue lands next year, a {}-month sales cycle after their leads. Closing the ",
                        crate::share::number_text(cycle.get()),
                    )
                }
            }}
            <MetricValue
                id=PlanMetric::InYearShortfall
                value=planner.metric(|p| p.plan_year.in_year_shortfall)
                present=shown
            />
            " difference takes that much pipeline already in place at the start of the year (enter it under Goal)"
            <span hidden=move || {
                !can_move_earlier.get()
            }>
                ", or this plan's leads arriving "
                <MetricValue
                    id=PlanMetric::EarlierLeadMonths
                    value=earlier
                    present=Signal::derive(move || shown.get() && can_move_earlier.get())
                /> {months_word} ", before the plan year starts"
            </span>
            "."
        </p>
    }
}

/// The verdict's words while the team can work what the budget buys:
/// whether the budget funds the deals and the plan year books them.
fn budget_words(verdict: Verdict, uneven: bool) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Reaches if uneven => (
            "yes",
            "Yes in total: the budget buys the marketing-sourced revenue the goal needs, and the plan year books the goal, but not every segment gets the deals it needs.",
        ),
        Verdict::LandsLate if uneven => (
            "late",
            "Not in the plan year: in total the budget buys the marketing-sourced revenue the goal needs, but not in every segment, and part of the revenue lands after month 12.",
        ),
        Verdict::Reaches => (
            "yes",
            "Yes: the budget funds the marketing-sourced deals the goal needs, and the plan year books the goal.",
        ),
        Verdict::LandsLate => (
            "late",
            "Not in the plan year: the budget buys the marketing-sourced deals the goal needs, but part of their revenue lands after month 12.",
        ),
        Verdict::NothingFunded => ("no", "No: the budget buys no deals at all."),
        Verdict::Short => (
            "no",
            "Not yet: the budget funds only part of the marketing-sourced deals the goal needs.",
        ),
        Verdict::NoMarketingNeeded => ("yes", "The goal is met without marketing-sourced deals."),
        Verdict::Unknown(Undefined::Invalid(_)) => (
            "unknown",
            "Fix the inputs marked in red to see whether the plan reaches the goal.",
        ),
        Verdict::Unknown(Undefined::NoSpend) => {
            ("unknown", "No budget is allocated to a channel yet.")
        }
        Verdict::Unknown(_) => ("unknown", "The plan cannot be judged yet."),
    }
}

/// The verdict's words when sales or SDR capacity binds first.
fn team_words(constraint: Constraint, coverage: f64) -> String {
    let share = crate::format::text(coverage, crate::format::Style::Percent, "");
    match constraint {
        Constraint::SdrCapacity => format!(
            "Not with today's team: the SDRs can work only {share} of the MQLs the goal needs, whatever the budget buys."
        ),
        _ => format!(
            "Not with today's team: the account executives can close only {share} of the new revenue the goal needs, whatever the budget buys."
        ),
    }
}
