#![cfg(not(target_arch = "wasm32"))]
//! The multi-year view: growth compounding, the horizon and
//! per-year changes, against hand-computed cases.

use budget_planner::model::{MultiYear, Scenario, Undefined, YearChange, YearPlan, YearSetting};

mod common;

/// Round numbers (as in `model_rules.rs`): year 1 needs 120 deals, 60 of
/// them marketing-sourced, and 4,800 leads; its budget of 1,000,000 buys
/// 5,000 leads and 62.5 deals.
fn round_numbers(multi_year: MultiYear) -> Scenario {
    Scenario {
        multi_year,
        ..common::one_channel()
    }
}

fn years(growth: f64, years: f64, changes: Vec<YearChange>) -> Vec<YearPlan> {
    let s = round_numbers(MultiYear {
        growth,
        years,
        changes,
    });
    s.multi_year.plan(&s).expect("valid")
}

fn close(a: Option<f64>, b: f64, what: &str) {
    assert!(
        a.is_some_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1.0)),
        "{what}: {a:?} ≠ {b}"
    );
}

/// (goal, budget, required deals, marketing deals, required leads, funded leads, funded deals)
fn row(y: &YearPlan) -> [Option<f64>; 7] {
    let p = &y.plan;
    [
        y.revenue_goal.value(),
        p.budget.value(),
        p.required_wins.value(),
        p.marketing_wins.value(),
        p.required_leads.value(),
        p.funded_leads.value(),
        p.projected_wins.value(),
    ]
}

fn assert_row(y: &YearPlan, expected: [f64; 7]) {
    for (i, (got, want)) in row(y).into_iter().zip(expected).enumerate() {
        close(got, want, &format!("year {} column {i}", y.year));
    }
}

#[test]
fn growth_compounds_the_goal_and_existing_revenue_each_year() {
    let y = years(0.2, 3.0, vec![]);
    assert_eq!(y.len(), 3);
    assert_eq!(y.iter().map(|y| y.year).collect::<Vec<_>>(), [1, 2, 3]);
    // Year 1 is the scenario itself.
    assert_row(&y[0], [10e6, 1e6, 120.0, 60.0, 4_800.0, 5_000.0, 62.5]);
    // Year 2: goal 12M, existing 4.8M, new 7.2M → 144 deals, 72 marketing;
    // 72 / 0.25 / 0.5 / 0.4 / 0.25 = 5,760 leads; budget 1.2M buys 6,000.
    assert_row(&y[1], [12e6, 1.2e6, 144.0, 72.0, 5_760.0, 6_000.0, 75.0]);
    // Year 3: ×1.44.
    assert_row(&y[2], [14.4e6, 1.44e6, 172.8, 86.4, 6_912.0, 7_200.0, 90.0]);
    // Five years at 10%: 10M × 1.1⁴.
    let y = years(0.1, 5.0, vec![]);
    close(y[4].revenue_goal.value(), 14_641_000.0, "year 5 goal");
    // Shrinking by half.
    let y = years(-0.5, 2.0, vec![]);
    close(y[1].revenue_goal.value(), 5e6, "halved");
    close(y[1].plan.required_wins.value(), 60.0, "halved deals");
    // No growth: every year is year 1.
    let y = years(0.0, 4.0, vec![]);
    assert!(y.iter().all(|year| row(year) == row(&y[0])));
}

#[test]
fn per_year_changes_apply_from_their_year_and_carry_forward() {
    let changes = vec![
        // Year 2: win rate improves to 30%.
        YearChange {
            win_rate: Some(0.3),
            ..YearChange::default()
        },
        // Year 3: cost per lead 20% lower and budget 8%.
        YearChange {
            spend: Some(0.08),
            cost_per_lead_change: Some(-0.2),
            ..YearChange::default()
        },
    ];
    let y = years(0.2, 4.0, changes);
    // Year 2: 72 marketing deals / 0.3 = 240 opps → 480 SQLs → 1,200 MQLs →
    // 4,800 leads; 6,000 funded leads × 0.25 × 0.4 × 0.5 × 0.3 = 90 deals.
    assert_row(&y[1], [12e6, 1.2e6, 144.0, 72.0, 4_800.0, 6_000.0, 90.0]);
    close(y[1].win_rate.value(), 0.3, "year 2 win rate");
    // Year 3 keeps the 30% win rate: 86.4 / 0.3 / 0.5 / 0.4 / 0.25 = 5,760
    // leads; budget 14.4M × 8% = 1.152M at 160 a lead = 7,200 leads → 108 deals.
    assert_row(
        &y[2],
        [14.4e6, 1.152e6, 172.8, 86.4, 5_760.0, 7_200.0, 108.0],
    );
    close(
        y[2].cost_per_lead_factor.value(),
        0.8,
        "cost per lead factor",
    );
    close(y[2].spend_share.value(), 0.08, "year 3 spend");
    // Year 4 keeps all three.
    close(y[3].spend_share.value(), 0.08, "year 4 spend");
    close(y[3].win_rate.value(), 0.3, "year 4 win rate");
    close(
        y[3].cost_per_lead_factor.value(),
        0.8,
        "year 4 cost per lead",
    );
    // Year 1 never changes.
    assert_row(&y[0], [10e6, 1e6, 120.0, 60.0, 4_800.0, 5_000.0, 62.5]);
}

#[test]
fn the_horizon_is_one_to_five_whole_years() {
    assert_eq!(years(0.2, 1.0, vec![]).len(), 1);
    assert_eq!(years(0.2, 5.0, vec![]).len(), 5);
    for bad in [0.0, 6.0, 2.5, f64::NAN] {
        let m = MultiYear {
            years: bad,
            ..MultiYear::default()
        };
        assert_eq!(
            m.years_error().as_deref(),
            Some("Years must be a whole number from 1 to 5")
        );
        let s = round_numbers(m.clone());
        assert_eq!(m.plan(&s), Err(Undefined::InvalidMultiYear));
    }
}

#[test]
fn invalid_growth_or_changes_are_errors_naming_the_field_and_range() {
    for bad in [-0.6, 2.01, f64::NAN] {
        let m = MultiYear {
            growth: bad,
            ..MultiYear::default()
        };
        assert_eq!(
            m.growth_error().as_deref(),
            Some("Growth per year must be from −50% to 200%")
        );
        assert_eq!(
            m.plan(&round_numbers(m.clone())),
            Err(Undefined::InvalidMultiYear)
        );
    }
    assert_eq!(MultiYear::default().growth_error(), None);
    assert_eq!(
        YearSetting::WinRate.error(3, 1.5).as_deref(),
        Some("Year 3 win rate must be above 0% and at most 100%, or left blank")
    );
    assert_eq!(
        YearSetting::CostPerLeadChange.error(2, -0.95).as_deref(),
        Some("Year 2 cost per lead change must be from −90% to +200%, or left blank")
    );
    assert_eq!(YearSetting::Spend.error(2, 0.08), None);
    let m = MultiYear {
        changes: vec![YearChange {
            spend: Some(0.0),
            ..YearChange::default()
        }],
        ..MultiYear::default()
    };
    assert_eq!(
        m.plan(&round_numbers(m.clone())),
        Err(Undefined::InvalidMultiYear)
    );
}

#[test]
fn an_invalid_scenario_input_shows_dash_in_every_year() {
    let mut s = round_numbers(MultiYear::default());
    s.win_rate = f64::NAN;
    let y = s.multi_year.plan(&s).expect("settings valid");
    assert!(y.iter().all(|y| y.plan.required_leads.value().is_none()));
    assert!(y.iter().all(|y| y.plan.budget.value().is_some()));
    // The default scenario: three years at 25%.
    let s = Scenario::default();
    let y = s.multi_year.plan(&s).expect("valid");
    assert_eq!(y.len(), 3);
    close(
        y[2].revenue_goal.value(),
        18_750_000.0,
        "default year 3 goal",
    );
}
