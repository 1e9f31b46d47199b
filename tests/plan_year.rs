#![cfg(not(target_arch = "wasm32"))]
//! The goal is a plan-year goal (`docs/model.md`, "Timeline"): in-year
//! revenue and attainment, the pipeline in place at the start of the year,
//! and the verdict that needs both the deals and the plan year. Checked
//! against hand-computed numbers (the arithmetic is in the comments).

use budget_planner::model::{Field, Metric, Plan, Scenario, Undefined, Verdict};

mod common;
use common::one_channel;

#[track_caller]
fn assert_close(name: &str, metric: Metric, expected: f64) {
    let v = metric
        .value()
        .unwrap_or_else(|| panic!("{name}: undefined ({:?})", metric.0));
    let scale = expected.abs().max(1.0);
    assert!(
        (v - expected).abs() <= 1e-9 * scale,
        "{name}: got {v}, expected {expected}"
    );
}

/// The round-number plan buys 62.5 of the 60 marketing deals it needs
/// (coverage 1.0417), but with a 3-month cycle a quarter of their revenue
/// lands next year.
#[test]
fn a_plan_that_buys_the_deals_can_still_miss_the_plan_year() {
    let p = Plan::compute(&one_channel());
    assert_close("coverage", p.coverage, 62.5 / 60.0);
    // 3,125,000 × (12 − 3) / 12
    assert_close(
        "in_year_marketing_revenue",
        p.in_year_marketing_revenue,
        2_343_750.0,
    );
    // 4M recurring + 60 sales-sourced deals × 50k + 2,343,750
    assert_close("in_year_revenue", p.plan_year.in_year_revenue, 9_343_750.0);
    assert_close(
        "in_year_attainment",
        p.plan_year.in_year_attainment,
        0.934_375,
    );
    assert_close(
        "in_year_shortfall",
        p.plan_year.in_year_shortfall,
        656_250.0,
    );
    // 656,250 × 12 / 3,125,000 = 2.52 months of marketing revenue: 3 months.
    assert_close("earlier_lead_months", p.plan_year.earlier_lead_months, 3.0);
    // Counting next year's part, the same deals make 10,125,000.
    assert_close("attainment", p.attainment, 1.0125);
    assert_eq!(p.verdict(), Verdict::LandsLate);
    // The levers close a gap in deals; there is none.
    assert!(p.levers.is_none());
}

#[test]
fn pipeline_in_place_closes_the_plan_year() {
    let s = Scenario {
        pipeline_revenue: 656_250.0,
        ..one_channel()
    };
    let p = Plan::compute(&s);
    assert_close("in_year_revenue", p.plan_year.in_year_revenue, 10_000_000.0);
    assert_close("in_year_attainment", p.plan_year.in_year_attainment, 1.0);
    assert_close("in_year_shortfall", p.plan_year.in_year_shortfall, 0.0);
    assert_close("earlier_lead_months", p.plan_year.earlier_lead_months, 0.0);
    assert_eq!(p.verdict(), Verdict::Reaches);

    // A dollar less and the plan year is a dollar short.
    let s = Scenario {
        pipeline_revenue: 656_249.0,
        ..one_channel()
    };
    let p = Plan::compute(&s);
    assert_close("in_year_shortfall", p.plan_year.in_year_shortfall, 1.0);
    assert_close("earlier_lead_months", p.plan_year.earlier_lead_months, 1.0);
    assert_eq!(p.verdict(), Verdict::LandsLate);
}

#[test]
fn pipeline_changes_only_the_plan_year() {
    let without = Plan::compute(&one_channel());
    let with = Plan::compute(&Scenario {
        pipeline_revenue: 2_000_000.0,
        ..one_channel()
    });
    let differ: Vec<String> = without
        .metrics()
        .into_iter()
        .zip(with.metrics())
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0)
        .collect();
    assert_eq!(
        differ,
        [
            "in_year_revenue",
            "in_year_attainment",
            "in_year_shortfall",
            "earlier_lead_months",
            "in_year_attainment_after_cut"
        ]
    );
}

#[test]
fn with_no_sales_cycle_the_deals_are_the_plan_year() {
    let s = Scenario {
        sales_cycle_months: 0.0,
        ..one_channel()
    };
    let p = Plan::compute(&s);
    // Everything lands in the year: 4M + 3M + 3,125,000.
    assert_close("in_year_revenue", p.plan_year.in_year_revenue, 10_125_000.0);
    assert_eq!(p.verdict(), Verdict::Reaches);
}

#[test]
fn a_short_plan_is_short_whatever_the_pipeline() {
    // Half the budget buys 31.25 of the 60 deals; pipeline fills the year.
    let s = Scenario {
        spend: 0.05,
        pipeline_revenue: 5_000_000.0,
        ..one_channel()
    };
    let p = Plan::compute(&s);
    assert!(p.plan_year.in_year_attainment.value().expect("defined") > 1.0);
    assert_eq!(p.verdict(), Verdict::Short);
    assert!(p.levers.is_some());
}

#[test]
fn earlier_leads_cannot_close_more_than_lands_late() {
    // 40% of the deals: 25 of 60 funded, 1,250,000 of revenue, 312,500 of
    // it late (L = 3). The year is short by far more than that.
    let s = Scenario {
        spend: 0.04,
        ..one_channel()
    };
    let p = Plan::compute(&s);
    assert_close(
        "in_year_shortfall",
        p.plan_year.in_year_shortfall,
        10_000_000.0 - (4_000_000.0 + 3_000_000.0 + 1_250_000.0 * 0.75),
    );
    assert_eq!(
        p.plan_year.earlier_lead_months.0,
        Err(Undefined::NotByTiming)
    );
    // Nothing funded: nothing to bring forward.
    let mut s = one_channel();
    s.channels[0].share = 0.0;
    let p = Plan::compute(&s);
    assert_eq!(
        p.plan_year.earlier_lead_months.0,
        Err(Undefined::NotByTiming)
    );
    assert_eq!(p.verdict(), Verdict::NothingFunded);
}

#[test]
fn a_goal_met_by_existing_customers_needs_no_marketing() {
    let s = Scenario {
        recurring_revenue: 12_000_000.0,
        ..one_channel()
    };
    let p = Plan::compute(&s);
    assert_eq!(p.verdict(), Verdict::NoMarketingNeeded);
    assert!(p.plan_year.in_year_attainment.value().expect("defined") >= 1.0);
}

#[test]
fn pipeline_must_be_between_0_and_10_trillion() {
    for valid in [0.0, 1.0, 1e13] {
        let s = Scenario {
            pipeline_revenue: valid,
            ..one_channel()
        };
        assert_eq!(s.error(Field::PipelineRevenue), None, "{valid}");
    }
    for invalid in [-1.0, 1e13 * 1.000_001, f64::NAN, f64::INFINITY] {
        let s = Scenario {
            pipeline_revenue: invalid,
            ..one_channel()
        };
        let error = s.error(Field::PipelineRevenue).expect("invalid");
        assert_eq!(
            error.message,
            "Pipeline closing this year must be between 0 and 10 trillion"
        );
        let p = Plan::compute(&s);
        let why = Err(Undefined::Invalid(Field::PipelineRevenue));
        assert_eq!(p.plan_year.in_year_revenue.0, why);
        assert_eq!(p.plan_year.in_year_attainment.0, why);
        assert_eq!(
            p.verdict(),
            Verdict::Unknown(Undefined::Invalid(Field::PipelineRevenue))
        );
        // Nothing else depends on it.
        assert!(p.coverage.value().is_some() && p.attainment.value().is_some());
    }
}

#[test]
fn the_example_plan_is_unchanged_and_still_short() {
    let p = Plan::compute(&Scenario::default());
    assert_eq!(Scenario::default().pipeline_revenue, 0.0);
    assert_eq!(p.verdict(), Verdict::Short);
    // 6M recurring + 3M sales-sourced + 8/12 of the marketing revenue.
    let marketing = p.projected_marketing_revenue.value().expect("defined");
    assert_close(
        "in_year_revenue",
        p.plan_year.in_year_revenue,
        9_000_000.0 + marketing * 8.0 / 12.0,
    );
}

#[test]
fn a_budget_cut_lowers_the_plan_year_by_its_in_year_loss() {
    let p = Plan::compute(&one_channel());
    // 20% from month 7 with L = 3: 3,125,000 × 0.2 × (13 − 7 − 3) / 12.
    assert_close(
        "lost_in_year_revenue",
        p.budget_cut.lost_in_year_revenue,
        156_250.0,
    );
    // (9,343,750 − 156,250) / 10,000,000
    assert_close(
        "in_year_attainment_after_cut",
        p.budget_cut.in_year_attainment_after_cut,
        0.918_75,
    );
    // No cut: the same as without.
    let p = Plan::compute(&Scenario {
        cut: 0.0,
        ..one_channel()
    });
    assert_eq!(
        p.budget_cut.in_year_attainment_after_cut,
        p.plan_year.in_year_attainment
    );
}
