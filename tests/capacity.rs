#![cfg(not(target_arch = "wasm32"))]
//! One test per rule of `docs/model.md`, "Sales capacity: can sales work
//! what marketing buys?", against hand-computed numbers.
//!
//! `one_channel()` (tests/common): new revenue 6M; 1,200 MQLs needed
//! (60 deals / 0.25 / 0.5 / 0.4); the budget buys 1,250 MQLs and 62.5 of
//! the 60 marketing-sourced deals needed (coverage 62.5 / 60).

use budget_planner::model::{
    CapacityMetric, Constraint, Field, MAX_TEAM, Plan, Scenario, Undefined,
};

mod common;
use common::{assert_close, assert_undefined, one_channel};

/// 8 AEs of 600k quota and 2 SDRs working 50 MQLs a month.
fn staffed() -> Scenario {
    Scenario {
        ae_count: Some(8.0),
        ae_quota: Some(600_000.0),
        sdr_count: Some(2.0),
        sdr_mqls_per_month: Some(50.0),
        ..one_channel()
    }
}

#[test]
fn aes_needed_is_new_revenue_over_quota() {
    // 6M / 600k = 10.
    let p = Plan::compute(&staffed());
    assert_close("aes_needed", p.capacity.aes_needed, 10.0);
}

#[test]
fn ae_capacity_coverage_is_what_the_aes_can_close_over_new_revenue() {
    // 8 × 600k = 4.8M of 6M: 80%. The example sentence: "Sales can close
    // $4.8M of the $6M new revenue with 8 AEs: hire 2 more".
    let p = Plan::compute(&staffed());
    assert_close("ae_capacity_coverage", p.capacity.ae_capacity_coverage, 0.8);
    assert_close("ae_capacity", p.capacity.ae_capacity, 4_800_000.0);
    assert_close("aes_to_hire", p.capacity.aes_to_hire, 2.0);
}

#[test]
fn ae_capacity_coverage_is_undefined_without_new_revenue() {
    let p = Plan::compute(&Scenario {
        recurring_revenue: 10_000_000.0,
        ..staffed()
    });
    assert_undefined(
        "ae_capacity_coverage",
        p.capacity.ae_capacity_coverage,
        Undefined::NoNewRevenue,
    );
    assert_close("aes_needed", p.capacity.aes_needed, 0.0);
}

#[test]
fn sdrs_needed_is_required_mqls_over_a_years_work_of_one() {
    // 1,200 / (12 × 50) = 2.
    let p = Plan::compute(&staffed());
    assert_close("sdrs_needed", p.capacity.sdrs_needed, 2.0);
    assert_close("sdrs_to_hire", p.capacity.sdrs_to_hire, 0.0);
}

#[test]
fn sdr_load_is_funded_mqls_over_what_the_sdrs_can_work() {
    // 1,250 / (12 × 2 × 50 = 1,200) = 1.041666…: above 1, 50 MQLs unworked.
    let p = Plan::compute(&staffed());
    assert_close("sdr_load", p.capacity.sdr_load, 1_250.0 / 1_200.0);
    assert_close("sdr_capacity", p.capacity.sdr_capacity, 1_200.0);
}

#[test]
fn each_output_is_shown_exactly_when_every_input_it_uses_is_given() {
    // Only the quota: aes_needed, nothing else.
    let s = Scenario {
        ae_quota: Some(600_000.0),
        ..one_channel()
    };
    let p = Plan::compute(&s);
    let ids: Vec<String> = p.capacity_metrics().into_iter().map(|(n, _)| n).collect();
    assert_eq!(ids, ["aes_needed"]);
    assert_undefined(
        "ae_capacity_coverage",
        p.capacity.ae_capacity_coverage,
        Undefined::NotPlanned(Field::AeCount),
    );
    assert!(s.plans_capacity());
    // Nothing planned: nothing shown, and the plan's other numbers as before.
    let none = Plan::compute(&one_channel());
    assert!(none.capacity_metrics().is_empty());
    assert!(!one_channel().plans_capacity());
    assert_eq!(none.metrics(), Plan::compute(&staffed()).metrics());
    // All four: all four ids, in registry order.
    let all: Vec<String> = Plan::compute(&staffed())
        .capacity_metrics()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let expected: Vec<&str> = CapacityMetric::ALL.iter().map(|m| m.id()).collect();
    assert_eq!(all, expected);
}

#[test]
fn invalid_capacity_inputs_are_errors_naming_the_field_and_range() {
    type Case = (fn(&mut Scenario), Field, &'static str);
    let cases: [Case; 5] = [
        (
            |s| s.ae_quota = Some(0.0),
            Field::AeQuota,
            "Quota per account executive must be above 0 and at most 10 trillion, or blank",
        ),
        (
            |s| s.ae_quota = Some(-5.0),
            Field::AeQuota,
            "Quota per account executive must be above 0 and at most 10 trillion, or blank",
        ),
        (
            |s| s.sdr_count = Some(10_000.0),
            Field::SdrCount,
            "Number of SDRs must be a whole number from 1 to 5,000, or blank",
        ),
        (
            |s| s.ae_count = Some(7.5),
            Field::AeCount,
            "Number of account executives must be a whole number from 1 to 5,000, or blank",
        ),
        (
            |s| s.sdr_mqls_per_month = Some(0.0),
            Field::SdrMqlsPerMonth,
            "MQLs one SDR works a month must be above 0 and at most 10,000, or blank",
        ),
    ];
    for (change, field, message) in cases {
        let mut s = staffed();
        change(&mut s);
        let error = s.error(field).expect("an error");
        assert_eq!(error.message, message);
        assert_eq!(s.errors().len(), 1, "{field:?}");
    }
    // The upper bound itself is a team.
    let s = Scenario {
        ae_count: Some(MAX_TEAM),
        ..staffed()
    };
    assert_eq!(s.errors(), vec![]);
    // An invalid input blanks only what uses it, blaming it.
    let p = Plan::compute(&Scenario {
        ae_quota: Some(0.0),
        ..staffed()
    });
    let why = Undefined::Invalid(Field::AeQuota);
    assert_undefined("aes_needed", p.capacity.aes_needed, why);
    assert_undefined("ae_capacity_coverage", p.capacity.ae_capacity_coverage, why);
    assert_close("sdrs_needed", p.capacity.sdrs_needed, 2.0);
}

#[test]
fn the_binding_constraint_is_the_one_that_lets_through_the_least() {
    // Sales can close 80% of the new revenue; the SDRs can work 100% of
    // the MQLs needed (1,200 of 1,200); the budget buys 104% of the
    // marketing deals: sales capacity binds.
    let p = Plan::compute(&staffed());
    let binding = p.binding_constraint().expect("defined");
    assert_eq!(binding.constraint, Constraint::SalesCapacity);
    assert!((binding.coverage - 0.8).abs() < 1e-12 && binding.binds());

    // One SDR: 600 of 1,200 MQLs, 50%: SDR capacity binds.
    let p = Plan::compute(&Scenario {
        sdr_count: Some(1.0),
        ae_count: Some(12.0),
        ..staffed()
    });
    let binding = p.binding_constraint().expect("defined");
    assert_eq!(binding.constraint, Constraint::SdrCapacity);
    assert!((binding.coverage - 0.5).abs() < 1e-12);

    // Enough people and a small budget (half the default): 52% coverage.
    let p = Plan::compute(&Scenario {
        spend: 0.05,
        ae_count: Some(12.0),
        sdr_count: Some(3.0),
        ..staffed()
    });
    let binding = p.binding_constraint().expect("defined");
    assert_eq!(binding.constraint, Constraint::MarketingBudget);
    assert!((binding.coverage - 31.25 / 60.0).abs() < 1e-12);

    // Nothing planned: only the budget can bind, and here it does not.
    let binding = Plan::compute(&one_channel())
        .binding_constraint()
        .expect("defined");
    assert_eq!(binding.constraint, Constraint::MarketingBudget);
    assert!(!binding.binds());
}

// ---- the binding constraint in words (src/words/capacity.rs) ----

#[test]
fn the_sentence_names_sales_capacity_with_what_it_closes_and_whom_to_hire() {
    // 8 AEs × 600k = 4.8M of the 6M new revenue: 80%; 10 needed, hire 2.
    // The 2 SDRs work 1,200 MQLs a year; the budget buys 1,250: 50 unworked.
    let p = Plan::compute(&staffed());
    let text = budget_planner::words::binding_sentence(&p, "USD");
    assert!(text.starts_with("Sales capacity binds first"), "{text}");
    assert!(
        text.contains("$4,800,000 of the $6,000,000 new revenue"),
        "{text}"
    );
    assert!(text.contains("Hire 2 more AEs"), "{text}");
    assert!(
        text.contains("1,250 MQLs a year") && text.contains("50 go unworked"),
        "{text}"
    );
    assert!(budget_planner::words::capacity_binds(&p));
}

#[test]
fn the_sentence_names_sdr_capacity_when_it_is_the_tightest() {
    // 1 SDR × 50 × 12 = 600 of the 1,200 MQLs needed: 50%, below the AEs' 80%.
    let p = Plan::compute(&Scenario {
        sdr_count: Some(1.0),
        ..staffed()
    });
    let text = budget_planner::words::binding_sentence(&p, "USD");
    assert!(text.starts_with("SDR capacity binds first"), "{text}");
    assert!(text.contains("600 MQLs a year of the 1,200"), "{text}");
    assert!(text.contains("Hire 1 more SDR,"), "{text}");
}

#[test]
fn the_budget_binds_when_the_team_could_take_more_and_the_headline_keeps_its_verdict() {
    // 12 AEs close 7.2M (120%), 3 SDRs work 1,800 MQLs (150%); a 5% budget
    // buys 31.25 of the 60 deals: coverage 52%, the tightest.
    let p = Plan::compute(&Scenario {
        ae_count: Some(12.0),
        sdr_count: Some(3.0),
        spend: 0.05,
        ..staffed()
    });
    let text = budget_planner::words::binding_sentence(&p, "USD");
    assert!(
        text.starts_with("The marketing budget binds first"),
        "{text}"
    );
    assert!(!budget_planner::words::capacity_binds(&p));
}

#[test]
fn nothing_binds_when_every_part_is_sized_for_the_goal() {
    let p = Plan::compute(&Scenario {
        ae_count: Some(10.0),
        sdr_count: Some(3.0),
        ..staffed()
    });
    let text = budget_planner::words::binding_sentence(&p, "USD");
    assert!(text.starts_with("Nothing binds"), "{text}");
    assert!(!text.contains("unworked"), "{text}");
}
