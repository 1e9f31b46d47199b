//! Fixtures shared by the native test files.

use budget_planner::model::{Channel, Metric, Scenario, Undefined};

/// One channel, round numbers (`model_rules.rs`,
/// `worked_example_one_channel_round_numbers`): the budget of 1,000,000
/// buys 5,000 leads, 1,250 MQLs, 500 SQLs, 250 opportunities and 62.5 deals
/// (3,125,000 of revenue); year 1 needs 120 deals, 60 of them
/// marketing-sourced, and 4,800 leads; the sales cycle is 3 months.
pub fn one_channel() -> Scenario {
    Scenario {
        name: "Round numbers".into(),
        currency: "USD".into(),
        revenue_goal: 10_000_000.0,
        recurring_revenue: 4_000_000.0,
        deal_size: 50_000.0,
        spend: 0.10,
        marketing_sourced: 0.5,
        lead_to_mql: 0.25,
        mql_to_sql: 0.4,
        sql_to_opp: 0.5,
        win_rate: 0.25,
        sales_cycle_months: 3.0,
        gross_margin: 0.8,
        lifetime_value: 150_000.0,
        channels: vec![Channel::new("Search", 1.0, 200.0, None)],
        cut: 0.2,
        cut_from_month: 7.0,
        mql_definition: String::new(),
        sql_definition: String::new(),
        ..Scenario::default()
    }
}

/// Relative tolerance of the rule tests.
#[allow(dead_code)]
pub const REL: f64 = 1e-9;

/// Equal within [`REL`] (absolutely, near 0).
#[allow(dead_code)]
pub fn close(actual: f64, expected: f64) -> bool {
    if expected == 0.0 {
        actual.abs() <= REL
    } else {
        ((actual - expected) / expected).abs() <= REL
    }
}

/// The metric is defined and [`close`] to `expected`.
#[allow(dead_code)]
#[track_caller]
pub fn assert_close(name: &str, metric: Metric, expected: f64) {
    match metric.0 {
        Ok(v) => assert!(
            close(v, expected),
            "{name}: got {v}, expected {expected} (relative error {})",
            ((v - expected) / expected).abs()
        ),
        Err(why) => panic!("{name}: undefined ({why:?}), expected {expected}"),
    }
}

/// The metric is undefined for `why`.
#[allow(dead_code)]
#[track_caller]
pub fn assert_undefined(name: &str, metric: Metric, why: Undefined) {
    assert_eq!(
        metric.0,
        Err(why),
        "{name} should be undefined because {why:?}"
    );
}
