#![cfg(not(target_arch = "wasm32"))]
//! One test per rule of `docs/model.md`, "Timing: when the leads must
//! arrive", against hand-computed numbers (the arithmetic is in the
//! comments). Tolerance: 1e-9 relative.
//!
//! Most tests start from `one_channel()` (tests/common): goal 10M,
//! recurring 4M → new revenue 6M; 120 deals of 50k, 60 marketing-sourced
//! (3M sales-sourced revenue); 4,800 leads needed; the 1M budget buys
//! 5,000 leads and 62.5 deals (3,125,000); sales cycle 3 months.

use budget_planner::model::{Channel, Field, Plan, QuarterShares, Scenario, Segment, Undefined};

mod common;
use common::{assert_close, assert_undefined, one_channel};

fn plan(s: &Scenario) -> Plan {
    Plan::compute(s)
}

/// Q1 10%, Q2 20%, Q3 30%, Q4 40%: a year that books late.
const LATE: QuarterShares = QuarterShares([0.1, 0.2, 0.3, 0.4]);
/// Q1 40%, Q2 30%, Q3 20%, Q4 10%: a budget spent early.
const EARLY: QuarterShares = QuarterShares([0.4, 0.3, 0.2, 0.1]);

#[test]
fn worked_example_the_leads_for_q1_arrive_before_the_year() {
    // $10M of new revenue (nothing recurring), 50% marketing-sourced, $50k
    // deals → 200 deals, 100 marketing-sourced. 100 / 0.25 / 0.5 / 0.4 /
    // 0.25 = 8,000 leads. Even seasonality: 25 deals a quarter. A 3-month
    // cycle: the leads of Q1's 25 deals arrive in months −2, −1 and 0,
    // 8,000 / 12 each: 2,000, a quarter of required_leads.
    let s = Scenario {
        recurring_revenue: 0.0,
        ..one_channel()
    };
    let p = plan(&s);
    assert_close("marketing_wins", p.marketing_wins, 100.0);
    assert_close("required_leads", p.required_leads, 8_000.0);
    assert_close(
        "leads_needed_before_year",
        p.timing.leads_needed_before_year,
        2_000.0,
    );
    let months: Vec<i32> = p.timing.leads_needed.iter().map(|k| k.month).collect();
    assert_eq!(months, (-2..=12).collect::<Vec<_>>());
    for k in -2..=9 {
        assert_close(
            "leads_needed(k)",
            p.timing.leads_needed_in(k),
            8_000.0 / 12.0,
        );
    }
    // Leads of months 10–12 close next year: this year needs none of them.
    for k in 10..=12 {
        assert_close("leads_needed(k)", p.timing.leads_needed_in(k), 0.0);
    }
}

#[test]
fn season_and_phase_are_a_third_of_the_quarter_share_each_month() {
    // Month 2 of Q1 at 40%: 0.4 / 3; month 12 of Q4 at 10%: 0.1 / 3.
    let s = Scenario {
        budget_phasing: EARLY,
        ..one_channel()
    };
    let p = plan(&s);
    assert_close(
        "funded_leads(2)",
        p.timing.funded_leads_by_month[1],
        5_000.0 * 0.4 / 3.0,
    );
    assert_close(
        "funded_leads(12)",
        p.timing.funded_leads_by_month[11],
        5_000.0 * 0.1 / 3.0,
    );
}

#[test]
fn goal_by_month_is_a_twelfth_of_recurring_plus_new_revenue_by_season() {
    // Month 1: 4M / 12 + 6M × 0.1 / 3 = 333,333.33 + 200,000.
    // Month 12: 333,333.33 + 6M × 0.4 / 3 = 333,333.33 + 800,000.
    let p = plan(&Scenario {
        seasonality: LATE,
        ..one_channel()
    });
    let g = &p.timing.goal_by_month;
    assert_close("goal_by_month(1)", g[0], 4e6 / 12.0 + 200_000.0);
    assert_close("goal_by_month(12)", g[11], 4e6 / 12.0 + 800_000.0);
    let year: f64 = g.iter().filter_map(|m| m.value()).sum();
    assert!((year - 10e6).abs() < 1e-6, "{year}");
}

#[test]
fn leads_needed_follow_the_season_of_the_month_their_deals_close() {
    // leads_needed(k) = 4,800 × season(k + 3): k = −2 … 0 serve months 1–3
    // (4,800 × 0.1 / 3 = 160 each); k = 1 serves month 4 (× 0.2 / 3 = 320);
    // k = 9 serves month 12 (× 0.4 / 3 = 640); k = 10 … 12 serve next year.
    let p = plan(&Scenario {
        seasonality: LATE,
        ..one_channel()
    });
    let t = &p.timing;
    assert_close("leads_needed(-2)", t.leads_needed_in(-2), 160.0);
    assert_close("leads_needed(0)", t.leads_needed_in(0), 160.0);
    assert_close("leads_needed(1)", t.leads_needed_in(1), 320.0);
    assert_close("leads_needed(9)", t.leads_needed_in(9), 640.0);
    assert_close("leads_needed(10)", t.leads_needed_in(10), 0.0);
    // Before the longest cycle reaches back, nothing.
    assert_close("leads_needed(-3)", t.leads_needed_in(-3), 0.0);
}

#[test]
fn leads_needed_before_year_is_the_sum_over_months_before_it() {
    // 3 × 160 = 480: Q1's 10% of the 4,800 leads.
    let p = plan(&Scenario {
        seasonality: LATE,
        ..one_channel()
    });
    assert_close(
        "leads_needed_before_year",
        p.timing.leads_needed_before_year,
        480.0,
    );
}

#[test]
fn leads_needed_reach_back_each_segments_own_cycle() {
    // SMB (1-month cycle, 40%) and Enterprise (6 months, 60%): the
    // months before the year go back to −5, Enterprise's reach. Even
    // seasonality: each segment needs required_leads_g / 12 in each of
    // the L_g months before the year.
    let s = Scenario {
        segments: vec![
            Segment {
                sales_cycle_months: Some(1.0),
                ..Segment::named("SMB", 0.4)
            },
            Segment {
                sales_cycle_months: Some(6.0),
                ..Segment::named("Enterprise", 0.6)
            },
        ],
        channels: vec![
            Channel::new("Search", 0.5, 200.0, None),
            Channel::new("Events", 0.5, 200.0, None).in_segment(1),
        ],
        ..one_channel()
    };
    let p = plan(&s);
    let smb = p.segments[0]
        .segment_required_leads
        .value()
        .expect("defined");
    let ent = p.segments[1]
        .segment_required_leads
        .value()
        .expect("defined");
    assert_eq!(p.timing.leads_needed.first().map(|k| k.month), Some(-5));
    assert_close("leads_needed(-5)", p.timing.leads_needed_in(-5), ent / 12.0);
    assert_close(
        "leads_needed(0)",
        p.timing.leads_needed_in(0),
        (smb + ent) / 12.0,
    );
    assert_close(
        "leads_needed_before_year",
        p.timing.leads_needed_before_year,
        smb / 12.0 + ent * 6.0 / 12.0,
    );
}

#[test]
fn funded_leads_by_month_follow_the_budget_phasing() {
    // 5,000 leads × 0.4 / 3 in each month of Q1; the quarter: 2,000; Q4: 500.
    let p = plan(&Scenario {
        budget_phasing: EARLY,
        ..one_channel()
    });
    assert_close(
        "funded_leads(1)",
        p.timing.funded_leads_by_month[0],
        5_000.0 * 0.4 / 3.0,
    );
    assert_close(
        "quarter_funded_leads[1]",
        p.timing.quarters[0].quarter_funded_leads,
        2_000.0,
    );
    assert_close(
        "quarter_funded_leads[4]",
        p.timing.quarters[3].quarter_funded_leads,
        500.0,
    );
}

#[test]
fn booked_marketing_revenue_lands_a_cycle_after_its_phased_leads() {
    // 3,125,000 × phase(m − 3): months 1–3 nothing (their leads came
    // before the year, which is the pipeline's part); month 4 books the
    // leads of month 1: 3,125,000 × 0.4 / 3 = 416,666.67.
    let p = plan(&Scenario {
        budget_phasing: EARLY,
        ..one_channel()
    });
    let b = &p.timing.booked_marketing_revenue_by_month;
    for &month in &b[..3] {
        assert_close("booked_marketing_revenue(m ≤ 3)", month, 0.0);
    }
    assert_close("booked_marketing_revenue(4)", b[3], 3_125_000.0 * 0.4 / 3.0);
    assert_close(
        "booked_marketing_revenue(12)",
        b[11],
        3_125_000.0 * 0.2 / 3.0,
    );
}

#[test]
fn booked_revenue_adds_recurring_sales_sourced_by_season_marketing_and_pipeline() {
    // Pipeline 600,000 over months 1–3 (L_max = 3): 200,000 each.
    // Month 1: 4M / 12 + 3M × 0.1 / 3 + 0 + 200,000
    //        = 333,333.33 + 100,000 + 200,000 = 633,333.33.
    let s = Scenario {
        seasonality: LATE,
        pipeline_revenue: 600_000.0,
        ..one_channel()
    };
    let p = plan(&s);
    let b = &p.timing.booked_revenue_by_month;
    assert_close(
        "booked_revenue(1)",
        b[0],
        4e6 / 12.0 + 100_000.0 + 200_000.0,
    );
    // Month 4: no pipeline; 333,333.33 + 3M × 0.2 / 3 + 3,125,000 / 12.
    assert_close(
        "booked_revenue(4)",
        b[3],
        4e6 / 12.0 + 200_000.0 + 3_125_000.0 / 12.0,
    );
    // The twelve months book the plan year's revenue.
    let year: f64 = b.iter().filter_map(|m| m.value()).sum();
    let in_year = p.plan_year.in_year_revenue.value().expect("defined");
    assert!(
        (year - in_year).abs() <= 1e-9 * in_year,
        "{year} vs {in_year}"
    );
}

#[test]
fn in_year_share_of_a_segment_follows_the_phasing() {
    // Lead months 1–9 close in the year (L = 3): 0.4 + 0.3 + 0.2 = 0.9 of
    // the budget, so 0.9 × 3,125,000 = 2,812,500 is booked this year
    // (even phasing: 9 / 12, 2,343,750).
    let even = plan(&one_channel());
    assert_close("in_year_share (even)", even.segments[0].in_year_share, 0.75);
    assert_close(
        "in_year_marketing_revenue (even)",
        even.in_year_marketing_revenue,
        2_343_750.0,
    );
    let early = plan(&Scenario {
        budget_phasing: EARLY,
        ..one_channel()
    });
    assert_close("in_year_share", early.segments[0].in_year_share, 0.9);
    assert_close(
        "in_year_marketing_revenue",
        early.in_year_marketing_revenue,
        2_812_500.0,
    );
    assert_close(
        "next_year_marketing_revenue",
        early.next_year_marketing_revenue,
        312_500.0,
    );
    // in_year_revenue = 4M + 3M + 2,812,500 + 0; attainment ÷ 10M.
    assert_close(
        "in_year_revenue",
        early.plan_year.in_year_revenue,
        9_812_500.0,
    );
    assert_close(
        "in_year_attainment",
        early.plan_year.in_year_attainment,
        0.98125,
    );
}

#[test]
fn quarter_figures_sum_the_quarters_months() {
    // Even year: quarter_goal = 10M / 4 = 2.5M. Q1 books 1M recurring +
    // 750k sales-sourced + no marketing (the first 3 months' deals come
    // from leads before the year) = 1.75M: 70%. Q2 adds 3 × 3,125,000 / 12
    // = 781,250: 2,531,250, 101.25%. Leads: Q1's months k = 1..3 serve
    // months 4–6: 3 × 400 = 1,200; Q4's serve next year: 0.
    let p = plan(&one_channel());
    let q = |n: u8| *p.timing.quarter(n).expect("a quarter");
    assert_close("quarter_goal[1]", q(1).quarter_goal, 2_500_000.0);
    assert_close(
        "quarter_booked_revenue[1]",
        q(1).quarter_booked_revenue,
        1_750_000.0,
    );
    assert_close("quarter_attainment[1]", q(1).quarter_attainment, 0.7);
    assert_close(
        "quarter_booked_revenue[2]",
        q(2).quarter_booked_revenue,
        2_531_250.0,
    );
    assert_close("quarter_attainment[2]", q(2).quarter_attainment, 1.0125);
    assert_close(
        "quarter_leads_needed[1]",
        q(1).quarter_leads_needed,
        1_200.0,
    );
    assert_close("quarter_leads_needed[4]", q(4).quarter_leads_needed, 0.0);
    assert_close(
        "quarter_funded_leads[3]",
        q(3).quarter_funded_leads,
        1_250.0,
    );
    assert!(p.timing.quarter(0).is_none() && p.timing.quarter(5).is_none());
    let ids: Vec<String> = p.timing_metrics().into_iter().map(|(n, _)| n).collect();
    assert_eq!(ids[0], "leads_needed_before_year");
    assert!(ids.contains(&"quarter_attainment[4]".to_string()));
    assert_eq!(ids.len(), 1 + 4 * 5);
}

#[test]
fn quarter_attainment_is_undefined_for_a_quarter_without_a_goal() {
    // No recurring revenue and no new revenue booked in Q3: no goal there.
    let p = plan(&Scenario {
        recurring_revenue: 0.0,
        seasonality: QuarterShares([0.5, 0.5, 0.0, 0.0]),
        ..one_channel()
    });
    assert_close("quarter_goal[3]", p.timing.quarters[2].quarter_goal, 0.0);
    assert_undefined(
        "quarter_attainment[3]",
        p.timing.quarters[2].quarter_attainment,
        Undefined::NoQuarterGoal,
    );
}

#[test]
fn budget_cut_uses_the_phasing() {
    // Cut 20% from month 7, phasing 40/30/20/10: Σ phase(7..12) = 0.2 + 0.1.
    // budget_saved = 1M × 0.2 × 0.3 = 60,000; lost_wins = 62.5 × 0.2 × 0.3
    // = 3.75; lost_revenue = 3.75 × 50k = 187,500. In the year only lead
    // months 7..9 (= 12 − 3) count: Σ = 0.2, 3,125,000 × 0.2 × 0.2 = 125,000.
    let p = plan(&Scenario {
        budget_phasing: EARLY,
        ..one_channel()
    });
    let c = &p.budget_cut;
    assert_close("budget_saved", c.budget_saved, 60_000.0);
    assert_close("lost_wins", c.lost_wins, 3.75);
    assert_close("lost_revenue", c.lost_revenue, 187_500.0);
    assert_close("lost_in_year_revenue", c.lost_in_year_revenue, 125_000.0);
    assert_close("lost_next_year_revenue", c.lost_next_year_revenue, 62_500.0);
}

#[test]
fn even_phasing_and_one_segment_give_the_timeline_formulas() {
    // The default 25/25/25/25 is the plan without seasonality, bit for bit.
    let p = plan(&one_channel());
    // Budget cut 20% from month 7: 1M × 0.2 × 6 / 12 = 100,000; lost in
    // year: 3,125,000 × 0.2 × max(0, 13 − 7 − 3) / 12 = 156,250.
    assert_eq!(
        p.budget_cut.budget_saved.value(),
        Some(1e6 * 0.2 * 6.0 / 12.0)
    );
    assert_eq!(
        p.budget_cut.lost_in_year_revenue.value(),
        Some(3_125_000.0 * 0.2 * 3.0 / 12.0)
    );
    assert_eq!(
        p.in_year_marketing_revenue.value(),
        Some(3_125_000.0 * 9.0 / 12.0)
    );
}

#[test]
fn shares_that_do_not_add_up_to_100_are_an_error_naming_the_total() {
    let s = Scenario {
        seasonality: QuarterShares([0.3, 0.3, 0.3, 0.0]),
        ..one_channel()
    };
    let error = s.error(Field::Seasonality).expect("an error");
    assert_eq!(
        error.message,
        "Seasonality shares add up to 90%: the four quarters must add up to 100%"
    );
    let s = Scenario {
        budget_phasing: QuarterShares([0.5, -0.1, 0.3, 0.3]),
        ..one_channel()
    };
    let error = s.error(Field::BudgetPhasing).expect("an error");
    assert_eq!(
        error.message,
        "Budget phasing Q2 must be between 0% and 100%"
    );
    assert!(s.errors().iter().any(|e| e.field == Field::BudgetPhasing));
}

#[test]
fn invalid_seasonality_blanks_only_what_follows_the_season() {
    let p = plan(&Scenario {
        seasonality: QuarterShares([0.5, 0.5, 0.5, 0.5]),
        ..one_channel()
    });
    let why = Undefined::Invalid(Field::Seasonality);
    assert_undefined("goal_by_month(1)", p.timing.goal_by_month[0], why);
    assert_undefined(
        "leads_needed_before_year",
        p.timing.leads_needed_before_year,
        why,
    );
    assert_undefined(
        "quarter_attainment[1]",
        p.timing.quarters[0].quarter_attainment,
        why,
    );
    // Over the whole year the season does not matter.
    assert_close("in_year_revenue", p.plan_year.in_year_revenue, 9_343_750.0);
    assert_close(
        "funded_leads(1)",
        p.timing.funded_leads_by_month[0],
        5_000.0 / 12.0,
    );
}

#[test]
fn invalid_phasing_blanks_what_follows_the_budget_over_time() {
    let p = plan(&Scenario {
        budget_phasing: QuarterShares([0.5, 0.5, 0.5, 0.5]),
        ..one_channel()
    });
    let why = Undefined::Invalid(Field::BudgetPhasing);
    assert_undefined(
        "in_year_marketing_revenue",
        p.in_year_marketing_revenue,
        why,
    );
    assert_undefined("in_year_attainment", p.plan_year.in_year_attainment, why);
    assert_undefined("budget_saved", p.budget_cut.budget_saved, why);
    assert_undefined("funded_leads(1)", p.timing.funded_leads_by_month[0], why);
    // What the budget buys over the year does not depend on when it is spent.
    assert_close("funded_leads", p.funded_leads, 5_000.0);
    assert_close("coverage", p.coverage, 62.5 / 60.0);
}

#[test]
fn earlier_leads_with_a_phased_budget_bring_their_own_months() {
    // Phasing 40/30/20/10 and L = 3: the lead months landing after the
    // year are 10, 11, 12 (10% / 3 of the budget each, 104,166.67 of
    // revenue). in_year_revenue 9,812,500: short 187,500. One month
    // earlier brings 104,166.67, two bring 208,333.33 ≥ 187,500: 2.
    let p = plan(&Scenario {
        budget_phasing: EARLY,
        ..one_channel()
    });
    assert_close(
        "in_year_shortfall",
        p.plan_year.in_year_shortfall,
        187_500.0,
    );
    assert_close("earlier_lead_months", p.plan_year.earlier_lead_months, 2.0);
}
