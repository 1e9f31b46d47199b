#![cfg(not(target_arch = "wasm32"))]
//! Invariants of "Timing" (`docs/model.md`) over random plans: an even
//! year reproduces the timeline formulas bit for bit, moving budget
//! earlier never books less in the plan year, and the monthly leads
//! needed add up to `required_leads`.

use budget_planner::model::{Channel, Plan, QuarterShares, Scenario, Segment, Timeline};
use proptest::prelude::*;
use proptest::test_runner::Config;

mod common;
use common::one_channel;

fn config() -> Config {
    Config {
        cases: 256,
        // Keep the repo clean: no proptest-regressions files.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Four quarter shares adding up to 100% (whole percents, as people type them).
fn quarter_shares() -> impl Strategy<Value = QuarterShares> {
    (0u32..=100, 0u32..=100, 0u32..=100).prop_map(|(a, b, c)| {
        // Three cut points of 0..100, sorted: four non-negative parts.
        let mut cuts = [a, b, c];
        cuts.sort_unstable();
        let parts = [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 100 - cuts[2]];
        QuarterShares(parts.map(|p| f64::from(p) / 100.0))
    })
}

/// A valid plan of one or two segments with random cycles, cut and pipeline.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        1e6f64..1e8,
        0.0f64..0.9,
        0u32..=24,
        prop::option::of(0u32..=24),
        0.0f64..=1.0,
        1u32..=12,
        0.0f64..5e6,
        0.05f64..0.95,
    )
        .prop_map(
            |(goal, recurring_share, cycle, second, cut, from, pipeline, split)| {
                let mut s = Scenario {
                    revenue_goal: goal,
                    recurring_revenue: goal * recurring_share,
                    sales_cycle_months: f64::from(cycle),
                    cut,
                    cut_from_month: f64::from(from),
                    pipeline_revenue: pipeline,
                    ..one_channel()
                };
                if let Some(l) = second {
                    s.segments = vec![
                        Segment::named("SMB", split),
                        Segment {
                            sales_cycle_months: Some(f64::from(l)),
                            deal_size: Some(120_000.0),
                            ..Segment::named("Enterprise", 1.0 - split)
                        },
                    ];
                    s.segments[0].revenue_share = 1.0 - s.segments[1].revenue_share;
                    s.channels = vec![
                        Channel::new("Search", 0.6, 200.0, None),
                        Channel::new("Events", 0.4, 700.0, None).in_segment(1),
                    ];
                }
                s
            },
        )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(config())]

    /// Even phasing and seasonality give the formulas of "Timeline" and
    /// "Budget-cut impact" exactly: the same bits, not merely close.
    #[test]
    fn even_phasing_reproduces_the_v1_timeline(s in scenario()) {
        prop_assert_eq!(s.errors(), vec![]);
        let p = Plan::compute(&s);
        let cut = s.cut;
        let from = s.cut_from_month;
        let mut in_year = 0.0;
        let mut lost_in_year = 0.0;
        for g in &p.segments {
            let rev = g.segment_projected_marketing_revenue.value().expect("defined");
            let l = g.funnel.sales_cycle.value().expect("defined");
            in_year += rev * (12.0 - l).max(0.0) / 12.0;
            lost_in_year += rev * cut * (13.0 - (from + l)).max(0.0) / 12.0;
        }
        prop_assert_eq!(p.in_year_marketing_revenue.value(), Some(in_year));
        prop_assert_eq!(p.budget_cut.lost_in_year_revenue.value(), Some(lost_in_year));
        let spend = p.spend.value().expect("defined");
        prop_assert_eq!(
            p.budget_cut.budget_saved.value(),
            Some(spend * cut * (13.0 - from) / 12.0)
        );
        // The chart's months: a twelfth of each segment's revenue a month.
        let t = Timeline::of(&s, &p).expect("valid");
        for (g, series) in t.marketing_by_segment.iter().enumerate() {
            let rev = p.segments[g].segment_projected_marketing_revenue.value().expect("defined");
            for &v in series {
                prop_assert!(v == 0.0 || v == rev / 12.0, "{} vs {}", v, rev / 12.0);
            }
        }
        for m in t.months.iter().filter(|m| m.month <= 12) {
            let sales: f64 = p.segments.iter().map(|g| {
                g.segment_sales_sourced_wins.value().expect("defined")
                    * g.funnel.deal_size.value().expect("defined")
            }).sum();
            prop_assert_eq!(m.sales_sourced, sales / 12.0);
        }
        // Setting the even year explicitly is the default.
        let explicit = Scenario {
            seasonality: QuarterShares([0.25; 4]),
            budget_phasing: QuarterShares([0.25; 4]),
            ..s.clone()
        };
        prop_assert_eq!(Plan::compute(&explicit), p);
    }

    /// Moving a share of the budget from a later quarter to an earlier one
    /// never books less revenue in the plan year.
    #[test]
    fn moving_budget_earlier_never_books_less_in_year_revenue(
        s in scenario(),
        phasing in quarter_shares(),
        from in 1usize..4,
        to in 0usize..3,
        part in 0.0f64..=1.0,
    ) {
        prop_assume!(to < from);
        let before = Scenario { budget_phasing: phasing, ..s.clone() };
        let mut shares = phasing.0;
        let moved = shares[from] * part;
        shares[from] -= moved;
        shares[to] += moved;
        let after = Scenario { budget_phasing: QuarterShares(shares), ..s };
        prop_assume!(after.errors().is_empty());
        let year = |s: &Scenario| {
            Plan::compute(s).plan_year.in_year_revenue.value().expect("defined")
        };
        let (b, a) = (year(&before), year(&after));
        prop_assert!(a >= b - 1e-9 * b.abs().max(1.0), "{} then {}", b, a);
    }

    /// Σ over every month (before and in the year) of leads_needed is
    /// required_leads, whatever the seasonality and cycles; the quarters
    /// and the months before the year split it.
    #[test]
    fn monthly_leads_needed_add_up_to_required_leads(
        s in scenario(),
        seasonality in quarter_shares(),
    ) {
        let s = Scenario { seasonality, ..s };
        let p = Plan::compute(&s);
        let required = p.required_leads.value().expect("defined");
        let months: f64 = p.timing.leads_needed.iter()
            .map(|k| k.leads_needed.value().expect("defined"))
            .sum();
        prop_assert!(close(months, required), "{} vs {}", months, required);
        let quarters: f64 = p.timing.quarters.iter()
            .map(|q| q.quarter_leads_needed.value().expect("defined"))
            .sum();
        let before = p.timing.leads_needed_before_year.value().expect("defined");
        prop_assert!(close(quarters + before, required), "{} + {} vs {}", quarters, before, required);
        // And the twelve months book the plan year's revenue.
        let booked: f64 = p.timing.booked_revenue_by_month.iter()
            .map(|m| m.value().expect("defined"))
            .sum();
        let in_year = p.plan_year.in_year_revenue.value().expect("defined");
        prop_assert!(close(booked, in_year), "{} vs {}", booked, in_year);
    }
}
