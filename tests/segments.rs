#![cfg(not(target_arch = "wasm32"))]
//! One test per rule of `docs/model.md`, "Segments", checked against one
//! two-segment plan done on paper (the arithmetic is in the comments).
//! Tolerance: 1e-9 relative.

use budget_planner::model::{
    ALL_DEALS, Channel, Field, LeverMetric, Plan, Scenario, Segment, SegmentPart, SegmentResult,
    Undefined,
};

mod common;
use common::{assert_close, assert_undefined, close, one_channel};

// ---------------------------------------------------------------- helpers

/// The plan done on paper. Defaults (the scenario's own fields): goal 10M,
/// recurring 4M (new revenue 6M), deal size 50k, marketing-sourced 50%,
/// lead → MQL 25%, MQL → SQL 40%, SQL → opp 50%, win rate 25%, cycle 3,
/// gross margin 80%, LTV 150k, spend 10% (budget 1M), cut 20% from month 7.
///
/// - SMB, 40% of new revenue: deal 15k, marketing-sourced 75%, cycle 1,
///   LTV 45k (other rates default).
/// - Enterprise, 60%: deal 120k, win rate 20%, cycle 9, LTV 360k.
///
/// Channels: Search 60% at 200 per lead (default lead → MQL 25%) feeds SMB;
/// Events 40% at 800 per lead, lead → MQL 50%, feeds Enterprise.
fn two_segments() -> Scenario {
    Scenario {
        segments: vec![
            Segment {
                deal_size: Some(15_000.0),
                marketing_sourced: Some(0.75),
                sales_cycle_months: Some(1.0),
                lifetime_value: Some(45_000.0),
                ..Segment::named("SMB", 0.4)
            },
            Segment {
                deal_size: Some(120_000.0),
                win_rate: Some(0.2),
                sales_cycle_months: Some(9.0),
                lifetime_value: Some(360_000.0),
                ..Segment::named("Enterprise", 0.6)
            },
        ],
        channels: vec![
            Channel::new("Search", 0.6, 200.0, None).in_segment(0),
            Channel::new("Events", 0.4, 800.0, Some(0.5)).in_segment(1),
        ],
        ..one_channel()
    }
}

/// The paper plan close to its goal, so every lever is reachable: goal 8M,
/// recurring 5M (new revenue 3M), spend 12.5% (the budget stays 1M and
/// the channels buy what they did). SMB needs 1.2M / 15k = 80 wins, 60
/// marketing-sourced (900k); Enterprise 1.8M / 120k = 15, 7.5 (900k):
/// 1.8M required against 1,762,500 funded, a gap of 37,500.
/// f_SMB = 1 + 37,500 / 562,500 = 16/15; f_Ent = 1 + 37,500 / 1.2M = 1.03125.
fn near_goal() -> Scenario {
    Scenario {
        revenue_goal: 8_000_000.0,
        recurring_revenue: 5_000_000.0,
        spend: 0.125,
        ..two_segments()
    }
}

/// The paper plan with Events unfunded: Enterprise needs marketing wins
/// but buys none.
fn enterprise_unfunded() -> Scenario {
    let mut s = two_segments();
    s.channels[1].share = 0.0;
    s
}

fn plan(s: &Scenario) -> Plan {
    assert_eq!(s.errors(), vec![], "the scenario should be valid");
    Plan::compute(s)
}

fn smb(p: &Plan) -> &SegmentResult {
    &p.segments[0]
}

fn enterprise(p: &Plan) -> &SegmentResult {
    &p.segments[1]
}

fn segments_message(s: &Scenario) -> String {
    s.error(Field::Segments)
        .map(|e| e.message)
        .unwrap_or_default()
}

// ------------------------------------------------------ required path

#[test]
fn paper_plan_is_valid_and_uses_segments() {
    let s = two_segments();
    assert_eq!(s.errors(), vec![]);
    assert!(s.uses_segments());
    assert!(!one_channel().uses_segments());
}

#[test]
fn segment_new_revenue() {
    let p = plan(&two_segments());
    assert_close("new_revenue", p.new_revenue, 6_000_000.0); // 10M − 4M
    assert_close("SMB", smb(&p).segment_new_revenue, 2_400_000.0); // 6M × 0.4
    assert_close("Ent", enterprise(&p).segment_new_revenue, 3_600_000.0); // 6M × 0.6
}

#[test]
fn segment_required_wins() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_required_wins, 160.0); // 2.4M / 15k
    assert_close("Ent", enterprise(&p).segment_required_wins, 30.0); // 3.6M / 120k
}

#[test]
fn segment_marketing_wins() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_marketing_wins, 120.0); // 160 × 0.75
    assert_close("Ent", enterprise(&p).segment_marketing_wins, 15.0); // 30 × 0.5 (default)
    assert_close("SMB sales", smb(&p).segment_sales_sourced_wins, 40.0); // 160 − 120
    assert_close("Ent sales", enterprise(&p).segment_sales_sourced_wins, 15.0); // 30 − 15
}

#[test]
fn segment_required_opportunities() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_required_opportunities, 480.0); // 120 / 0.25
    assert_close("Ent", enterprise(&p).segment_required_opportunities, 75.0); // 15 / 0.2
}

#[test]
fn segment_required_sqls() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_required_sqls, 960.0); // 480 / 0.5
    assert_close("Ent", enterprise(&p).segment_required_sqls, 150.0); // 75 / 0.5
}

#[test]
fn segment_required_mqls() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_required_mqls, 2_400.0); // 960 / 0.4
    assert_close("Ent", enterprise(&p).segment_required_mqls, 375.0); // 150 / 0.4
}

#[test]
fn segment_blended_lead_to_mql_is_funded_mqls_over_funded_leads() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_blended_lead_to_mql, 0.25); // 750 / 3,000
    assert_close("Ent", enterprise(&p).segment_blended_lead_to_mql, 0.5); // 250 / 500

    // Two SMB channels of different quality: Search 30% (300k / 200 =
    // 1,500 leads, 375 MQLs) and Content 30% at 100 per lead, lead → MQL
    // 10% (3,000 leads, 300 MQLs): 675 / 4,500 = 0.15.
    let mut s = two_segments();
    s.channels[0].share = 0.3;
    s.channels
        .push(Channel::new("Content", 0.3, 100.0, Some(0.1)).in_segment(0));
    let p = plan(&s);
    assert_close("SMB leads", smb(&p).segment_funded_leads, 4_500.0);
    assert_close("SMB mqls", smb(&p).segment_funded_mqls, 675.0);
    assert_close("SMB blended", smb(&p).segment_blended_lead_to_mql, 0.15);
    // Enterprise is unchanged: its channel is still Events alone.
    assert_close(
        "Ent blended",
        enterprise(&p).segment_blended_lead_to_mql,
        0.5,
    );
}

#[test]
fn segment_blended_lead_to_mql_is_the_default_when_unfunded() {
    let p = plan(&enterprise_unfunded());
    assert_close("Ent spend", enterprise(&p).segment_spend, 0.0);
    // No budget: the scenario's lead → MQL (25%), not Events' 50%.
    assert_close(
        "Ent blended",
        enterprise(&p).segment_blended_lead_to_mql,
        0.25,
    );
    // 375 MQLs / 0.25
    assert_close("Ent leads", enterprise(&p).segment_required_leads, 1_500.0);

    // A segment with no channel at all takes the default too.
    let mut s = two_segments();
    s.channels[1].segment = 0;
    let p = plan(&s);
    assert_close(
        "no channel",
        enterprise(&p).segment_blended_lead_to_mql,
        0.25,
    );
}

#[test]
fn segment_required_leads() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_required_leads, 9_600.0); // 2,400 / 0.25
    assert_close("Ent", enterprise(&p).segment_required_leads, 750.0); // 375 / 0.5
}

#[test]
fn segment_required_marketing_revenue() {
    let p = plan(&two_segments());
    // 120 × 15k
    assert_close(
        "SMB",
        smb(&p).segment_required_marketing_revenue,
        1_800_000.0,
    );
    // 15 × 120k
    assert_close(
        "Ent",
        enterprise(&p).segment_required_marketing_revenue,
        1_800_000.0,
    );
}

// --------------------------------------------------------- funded path

#[test]
fn channel_runs_its_segments_rates() {
    let p = plan(&two_segments());
    // Search (SMB): 600k / 200 = 3,000 leads × 0.25 = 750 MQLs × 0.4 = 300
    // SQLs × 0.5 = 150 opps × 0.25 = 37.5 wins × 15k = 562,500.
    let search = &p.channels[0];
    assert_close("search budget", search.channel_budget, 600_000.0);
    assert_close("search leads", search.channel_leads, 3_000.0);
    assert_close("search mqls", search.channel_mqls, 750.0);
    assert_close("search sqls", search.channel_sqls, 300.0);
    assert_close("search opps", search.channel_opportunities, 150.0);
    assert_close("search wins", search.channel_wins, 37.5);
    assert_close("search revenue", search.channel_revenue, 562_500.0);
    // (562,500 × 0.8 − 600k) / 600k
    assert_close("search roi", search.channel_roi, -0.25);
    // Events (Enterprise): 400k / 800 = 500 leads × 0.5 = 250 MQLs × 0.4 =
    // 100 SQLs × 0.5 = 50 opps × 0.2 = 10 wins × 120k = 1.2M.
    let events = &p.channels[1];
    assert_close("events budget", events.channel_budget, 400_000.0);
    assert_close("events leads", events.channel_leads, 500.0);
    assert_close("events mqls", events.channel_mqls, 250.0);
    assert_close("events sqls", events.channel_sqls, 100.0);
    assert_close("events opps", events.channel_opportunities, 50.0);
    assert_close("events wins", events.channel_wins, 10.0);
    assert_close("events revenue", events.channel_revenue, 1_200_000.0);
    // (1.2M × 0.8 − 400k) / 400k
    assert_close("events roi", events.channel_roi, 1.4);

    // The same Events channel moved to SMB takes SMB's rates: 50 opps ×
    // 0.25 = 12.5 wins × 15k = 187,500.
    let mut s = two_segments();
    s.channels[1].segment = 0;
    let p = plan(&s);
    assert_close("moved wins", p.channels[1].channel_wins, 12.5);
    assert_close("moved revenue", p.channels[1].channel_revenue, 187_500.0);
}

#[test]
fn segment_funded_sums_are_over_its_channels() {
    let p = plan(&two_segments());
    let g = smb(&p);
    assert_close("SMB spend", g.segment_spend, 600_000.0);
    assert_close("SMB leads", g.segment_funded_leads, 3_000.0);
    assert_close("SMB mqls", g.segment_funded_mqls, 750.0);
    assert_close("SMB sqls", g.segment_funded_sqls, 300.0);
    assert_close("SMB opps", g.segment_funded_opportunities, 150.0);
    assert_close("SMB wins", g.segment_projected_wins, 37.5);
    assert_close("SMB rev", g.segment_projected_marketing_revenue, 562_500.0);
    let g = enterprise(&p);
    assert_close("Ent spend", g.segment_spend, 400_000.0);
    assert_close("Ent leads", g.segment_funded_leads, 500.0);
    assert_close("Ent mqls", g.segment_funded_mqls, 250.0);
    assert_close("Ent sqls", g.segment_funded_sqls, 100.0);
    assert_close("Ent opps", g.segment_funded_opportunities, 50.0);
    assert_close("Ent wins", g.segment_projected_wins, 10.0);
    assert_close(
        "Ent rev",
        g.segment_projected_marketing_revenue,
        1_200_000.0,
    );
}

#[test]
fn segment_coverage() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_coverage, 0.3125); // 37.5 / 120
    assert_close("Ent", enterprise(&p).segment_coverage, 10.0 / 15.0); // 10 / 15
}

#[test]
fn segment_cac() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_cac, 16_000.0); // 600k / 37.5
    assert_close("Ent", enterprise(&p).segment_cac, 40_000.0); // 400k / 10
    let p = plan(&enterprise_unfunded());
    assert_undefined(
        "Ent unfunded",
        enterprise(&p).segment_cac,
        Undefined::NoFundedWins,
    );
}

#[test]
fn segment_required_budget() {
    let p = plan(&two_segments());
    assert_close("SMB", smb(&p).segment_required_budget, 1_920_000.0); // 120 × 16k
    assert_close("Ent", enterprise(&p).segment_required_budget, 600_000.0); // 15 × 40k
}

#[test]
fn segment_required_budget_is_0_when_no_marketing_wins_needed() {
    // Enterprise all sales-sourced, still funded: it needs no budget.
    let mut s = two_segments();
    s.segments[1].marketing_sourced = Some(0.0);
    let p = plan(&s);
    assert_close("Ent wins", enterprise(&p).segment_marketing_wins, 0.0);
    assert_close(
        "Ent budget funded",
        enterprise(&p).segment_required_budget,
        0.0,
    );
    assert_undefined(
        "Ent coverage",
        enterprise(&p).segment_coverage,
        Undefined::NoMarketingWins,
    );
    // The plan needs SMB's 1,920,000 and nothing more.
    assert_close("required_budget", p.required_budget, 1_920_000.0);

    // Unfunded as well: still 0, and the plan is still defined.
    s.channels[1].share = 0.0;
    let p = plan(&s);
    assert_close(
        "Ent budget unfunded",
        enterprise(&p).segment_required_budget,
        0.0,
    );
    assert_close("required_budget", p.required_budget, 1_920_000.0);
}

// ------------------------------------------------------- plan versus goal

#[test]
fn plan_totals_are_sums_over_segments() {
    let p = plan(&two_segments());
    assert_close("required_wins", p.required_wins, 190.0); // 160 + 30
    assert_close("marketing_wins", p.marketing_wins, 135.0); // 120 + 15
    assert_close("sales_sourced_wins", p.sales_sourced_wins, 55.0); // 40 + 15
    assert_close("required_opportunities", p.required_opportunities, 555.0); // 480 + 75
    assert_close("required_sqls", p.required_sqls, 1_110.0); // 960 + 150
    assert_close("required_mqls", p.required_mqls, 2_775.0); // 2,400 + 375
    assert_close("required_leads", p.required_leads, 10_350.0); // 9,600 + 750
    assert_close("spend", p.spend, 1_000_000.0); // 600k + 400k
    assert_close("funded_leads", p.funded_leads, 3_500.0); // 3,000 + 500
    assert_close("funded_mqls", p.funded_mqls, 1_000.0); // 750 + 250
    assert_close("funded_sqls", p.funded_sqls, 400.0); // 300 + 100
    assert_close("funded_opportunities", p.funded_opportunities, 200.0); // 150 + 50
    assert_close("projected_wins", p.projected_wins, 47.5); // 37.5 + 10
    // 562,500 + 1.2M
    assert_close(
        "projected_marketing_revenue",
        p.projected_marketing_revenue,
        1_762_500.0,
    );
    // 1.8M + 1.8M
    assert_close(
        "required_marketing_revenue",
        p.required_marketing_revenue,
        3_600_000.0,
    );
    // The totals' own formulas: 1,000 / 3,500; 1M / 47.5; 10,350 − 3,500.
    assert_close(
        "blended_lead_to_mql",
        p.blended_lead_to_mql,
        1_000.0 / 3_500.0,
    );
    assert_close("cac", p.cac, 1_000_000.0 / 47.5);
    assert_close("leads_gap", p.leads_gap, 6_850.0);
    assert_close("blended_cpl", p.blended_cpl, 1_000_000.0 / 3_500.0);
    assert_close("cost_per_mql", p.cost_per_mql, 1_000.0); // 1M / 1,000
    // (1,762,500 × 0.8 − 1M) / 1M
    assert_close("roi", p.roi, 0.41);
    assert_close(
        "revenue_per_marketing_dollar",
        p.revenue_per_marketing_dollar,
        1.7625,
    );
}

#[test]
fn coverage_is_revenue_weighted() {
    let p = plan(&two_segments());
    // 1,762,500 / 3,600,000, not the wins ratio 47.5 / 135 = 0.3519.
    assert_close("coverage", p.coverage, 1_762_500.0 / 3_600_000.0);
    assert!(!close(p.coverage.value().unwrap_or_default(), 47.5 / 135.0));
}

#[test]
fn coverage_with_one_segment_is_wins_over_marketing_wins() {
    // One channel, one segment: 62.5 / 60.
    let p = plan(&one_channel());
    assert_close("coverage", p.coverage, 62.5 / 60.0);
}

#[test]
fn required_budget_is_the_sum_of_segment_budgets() {
    let p = plan(&two_segments());
    assert_close("required_budget", p.required_budget, 2_520_000.0); // 1.92M + 600k
    assert_close("required_spend_share", p.required_spend_share, 0.252); // 2.52M / 10M
    assert_close("budget_gap", p.budget_gap, 1_520_000.0); // 2.52M − 1M
}

#[test]
fn required_budget_is_undefined_naming_the_unfunded_segment() {
    let p = plan(&enterprise_unfunded());
    assert_undefined(
        "Ent required budget",
        enterprise(&p).segment_required_budget,
        Undefined::NoFundedWins,
    );
    // Enterprise is segment 2 of the page (index 1).
    assert_undefined(
        "required_budget",
        p.required_budget,
        Undefined::SegmentNotFunded(1),
    );
    assert_eq!(
        Undefined::SegmentNotFunded(1).to_string(),
        "segment 2 buys no deals"
    );
    // What depends on it follows.
    assert_undefined("budget_gap", p.budget_gap, Undefined::SegmentNotFunded(1));
    // SMB alone is still known: 120 × 16k.
    assert_close("SMB", smb(&p).segment_required_budget, 1_920_000.0);
}

#[test]
fn required_budget_one_segment_keeps_the_v1_rule() {
    // One segment, no marketing-sourced wins needed, nothing funded: v1
    // says "—" (0 marketing wins × an undefined CAC).
    let s = Scenario {
        marketing_sourced: 0.0,
        channels: vec![Channel::new("Search", 0.0, 200.0, None)],
        ..one_channel()
    };
    let p = plan(&s);
    assert_close("segment", p.segments[0].segment_required_budget, 0.0);
    assert_undefined(
        "required_budget",
        p.required_budget,
        Undefined::NoFundedWins,
    );
}

#[test]
fn required_budget_two_segments_needing_no_marketing_wins_is_0() {
    // The same case with two segments: each needs 0, so the plan needs 0.
    let mut s = two_segments();
    for g in &mut s.segments {
        g.marketing_sourced = Some(0.0);
    }
    for c in &mut s.channels {
        c.share = 0.0;
    }
    let p = plan(&s);
    assert_close("SMB", smb(&p).segment_required_budget, 0.0);
    assert_close("Ent", enterprise(&p).segment_required_budget, 0.0);
    assert_close("required_budget", p.required_budget, 0.0);
}

#[test]
fn projected_revenue() {
    let p = plan(&two_segments());
    // 4M recurring + (40 × 15k + 15 × 120k = 2.4M) sales-sourced +
    // 1,762,500 marketing = 8,162,500 (not 55 × the default 50k).
    assert_close("projected_revenue", p.projected_revenue, 8_162_500.0);
    assert_close("attainment", p.attainment, 0.816_25);
}

#[test]
fn lifetime_roi() {
    let p = plan(&two_segments());
    // LTV bought: 37.5 × 45k + 10 × 360k = 1,687,500 + 3.6M = 5,287,500;
    // (5,287,500 − 1M) / 1M.
    assert_close("lifetime_roi", p.lifetime_roi, 4.2875);
}

#[test]
fn ltv_to_cac() {
    let p = plan(&two_segments());
    // (5,287,500 / 47.5) / (1M / 47.5) = 5.2875.
    assert_close("ltv_to_cac", p.ltv_to_cac, 5.2875);
}

#[test]
fn payback_months() {
    let p = plan(&two_segments());
    // (1M / 47.5) / ((1,762,500 / 47.5) × 0.8 / 12) = 12M / 1,410,000.
    assert_close(
        "payback_months",
        p.payback_months,
        12_000_000.0 / 1_410_000.0,
    );
}

#[test]
fn in_year_marketing_revenue_uses_each_segments_cycle() {
    let p = plan(&two_segments());
    // SMB 562,500 × 11/12 = 515,625; Enterprise 1.2M × 3/12 = 300,000.
    assert_close("in_year", p.in_year_marketing_revenue, 815_625.0);
    assert_close("next_year", p.next_year_marketing_revenue, 946_875.0);
    // 4M + 2.4M + 815,625
    assert_close("in_year_revenue", p.plan_year.in_year_revenue, 7_215_625.0);
    // Shortfall 2,784,375; even 9 months earlier brings in only
    // 562,500 × 1/12 + 1.2M × 9/12 = 946,875.
    assert_undefined(
        "earlier_lead_months",
        p.plan_year.earlier_lead_months,
        Undefined::NotByTiming,
    );
}

// ---------------------------------------------------------------- levers

#[test]
fn lever_factor_g() {
    let p = plan(&two_segments());
    // Gap 3.6M − 1,762,500 = 1,837,500.
    // SMB: f = 1 + 1,837,500 / 562,500 = 64/15; Ent: 1 + 1,837,500 / 1.2M = 2.53125.
    let smb_levers = smb(&p).levers.expect("SMB levers");
    let ent_levers = enterprise(&p).levers.expect("Enterprise levers");
    // The cost-per-lead lever is 1 / f.
    assert_close(
        "SMB 1/f",
        smb_levers.lever_cost_per_lead_factor,
        15.0 / 64.0,
    );
    assert_close(
        "Ent 1/f",
        ent_levers.lever_cost_per_lead_factor,
        1.0 / 2.531_25,
    );
    // Enterprise's revenue is larger, so its move is the smallest.
    assert_eq!(p.smallest_move_segment(), Some(1));
}

#[test]
fn lever_factor_g_moved_alone_closes_the_gap() {
    // Enterprise's win rate × 2.53125 = 0.50625 makes Events' 50 opps win
    // 25.3125 deals × 120k = 3,037,500; with SMB's 562,500 that is 3.6M.
    let p = plan(&two_segments());
    let w = enterprise(&p).levers.expect("levers").lever_win_rate;
    let mut s = two_segments();
    s.segments[1].win_rate = w.value();
    let p = plan(&s);
    assert_close("coverage", p.coverage, 1.0);
}

#[test]
fn segment_lever_win_rate() {
    let p = plan(&two_segments());
    let smb_l = smb(&p).levers.expect("levers");
    let ent_l = enterprise(&p).levers.expect("levers");
    // SMB 0.25 × 64/15 = 1.067 > 100%.
    assert_undefined("SMB", smb_l.lever_win_rate, Undefined::NotReachable);
    assert_close("Ent", ent_l.lever_win_rate, 0.506_25); // 0.2 × 2.53125
}

#[test]
fn segment_lever_sql_to_opp() {
    let p = plan(&near_goal());
    assert_close("coverage", p.coverage, 1_762_500.0 / 1_800_000.0);
    let smb_l = smb(&p).levers.expect("levers");
    let ent_l = enterprise(&p).levers.expect("levers");
    assert_close("SMB", smb_l.lever_sql_to_opp, 0.5 * 16.0 / 15.0);
    assert_close("Ent", ent_l.lever_sql_to_opp, 0.5 * 1.031_25);
    // The paper plan: 0.5 × 2.53125 = 1.27 > 100%.
    let p = plan(&two_segments());
    let ent_l = enterprise(&p).levers.expect("levers");
    assert_undefined("Ent far", ent_l.lever_sql_to_opp, Undefined::NotReachable);
}

#[test]
fn segment_lever_mql_to_sql() {
    let p = plan(&near_goal());
    let smb_l = smb(&p).levers.expect("levers");
    let ent_l = enterprise(&p).levers.expect("levers");
    assert_close("SMB", smb_l.lever_mql_to_sql, 0.4 * 16.0 / 15.0);
    assert_close("Ent", ent_l.lever_mql_to_sql, 0.4125); // 0.4 × 1.03125
    // The paper plan: 0.4 × 2.53125 = 1.0125 > 100%.
    let p = plan(&two_segments());
    let ent_l = enterprise(&p).levers.expect("levers");
    assert_undefined("Ent far", ent_l.lever_mql_to_sql, Undefined::NotReachable);
}

#[test]
fn segment_lever_win_rate_near_goal() {
    let p = plan(&near_goal());
    let smb_l = smb(&p).levers.expect("levers");
    let ent_l = enterprise(&p).levers.expect("levers");
    assert_close("SMB", smb_l.lever_win_rate, 0.25 * 16.0 / 15.0);
    assert_close("Ent", ent_l.lever_win_rate, 0.206_25); // 0.2 × 1.03125
}

#[test]
fn segment_lever_deal_size() {
    let p = plan(&near_goal());
    let smb_l = smb(&p).levers.expect("levers");
    let ent_l = enterprise(&p).levers.expect("levers");
    assert_close("SMB", smb_l.lever_deal_size, 16_000.0); // 15k × 16/15
    assert_close("Ent", ent_l.lever_deal_size, 123_750.0); // 120k × 1.03125
    // The paper plan: never capped, 15k × 64/15 and 120k × 2.53125.
    let p = plan(&two_segments());
    assert_close(
        "SMB far",
        smb(&p).levers.expect("levers").lever_deal_size,
        64_000.0,
    );
    assert_close(
        "Ent far",
        enterprise(&p).levers.expect("levers").lever_deal_size,
        303_750.0,
    );
}

#[test]
fn segment_lever_lead_quality_factor() {
    let p = plan(&near_goal());
    let smb_l = smb(&p).levers.expect("levers");
    let ent_l = enterprise(&p).levers.expect("levers");
    // Search's 25% × 16/15 and Events' 50% × 1.03125 stay below 100%.
    assert_close("SMB", smb_l.lever_lead_quality_factor, 16.0 / 15.0);
    assert_close("Ent", ent_l.lever_lead_quality_factor, 1.031_25);
    // The paper plan: Search 25% × 64/15 = 107% and Events 50% × 2.53125 =
    // 127%, both above 100%.
    let p = plan(&two_segments());
    for g in &p.segments {
        assert_undefined(
            "far",
            g.levers.expect("levers").lever_lead_quality_factor,
            Undefined::NotReachable,
        );
    }
}

#[test]
fn segment_lever_cost_per_lead_factor() {
    let p = plan(&near_goal());
    let smb_l = smb(&p).levers.expect("levers");
    let ent_l = enterprise(&p).levers.expect("levers");
    assert_close("SMB", smb_l.lever_cost_per_lead_factor, 0.9375); // 15/16
    assert_close("Ent", ent_l.lever_cost_per_lead_factor, 1.0 / 1.031_25);
}

#[test]
fn segment_levers_undefined_when_the_segment_buys_nothing() {
    let p = plan(&enterprise_unfunded());
    // SMB alone funds 562,500 of 3.6M: coverage 0.15625, levers shown.
    assert_close("coverage", p.coverage, 0.156_25);
    let ent_l = enterprise(&p).levers.expect("levers");
    for lever in LeverMetric::PER_SEGMENT {
        assert_undefined(
            lever.id(),
            lever.read(&ent_l),
            Undefined::SegmentNotFunded(1),
        );
    }
    // SMB's deal-size lever closes the gap alone: f = 1 + 3,037,500 /
    // 562,500 = 6.4, 15k × 6.4.
    let smb_l = smb(&p).levers.expect("levers");
    assert_close("SMB deal", smb_l.lever_deal_size, 96_000.0);
    assert_eq!(p.smallest_move_segment(), Some(0));
}

#[test]
fn lever_spend_share_is_plan_wide() {
    // spend / coverage / goal = 1M / (1,762,500 / 3.6M) / 10M = 3.6 / 17.625.
    let p = plan(&two_segments());
    let levers = p.levers.expect("levers");
    assert_close("plan", levers.lever_spend_share, 3.6 / 17.625);
    // The other plan-wide levers are set in each segment.
    assert_undefined("win rate", levers.lever_win_rate, Undefined::PerSegment);
    for g in &p.segments {
        assert_close(
            "segment",
            g.levers.expect("levers").lever_spend_share,
            3.6 / 17.625,
        );
    }
    // Every channel's budget scaled by that share alike closes the gap.
    let mut s = two_segments();
    s.spend = 3.6 / 17.625;
    assert_close("coverage", plan(&s).coverage, 1.0);
    // Near the goal: 1M / (1,762,500 / 1.8M) / 8M = 1.8 / 14.1.
    let p = plan(&near_goal());
    assert_close(
        "near",
        p.levers.expect("levers").lever_spend_share,
        1.8 / 14.1,
    );
}

#[test]
fn segment_levers_listed_per_segment() {
    let p = plan(&two_segments());
    let ids: Vec<String> = p.metrics().into_iter().map(|(n, _)| n).collect();
    for id in [
        "required_marketing_revenue",
        "segment_new_revenue[0]",
        "segment_required_budget[1]",
        "lever_spend_share",
        "lever_win_rate[segment 0]",
        "lever_cost_per_lead_factor[segment 1]",
    ] {
        assert!(ids.iter().any(|n| n == id), "{id} missing");
    }
    assert!(!ids.iter().any(|n| n == "lever_win_rate"));
}

// ------------------------------------------------------------ budget cut

#[test]
fn budget_cut_lost_revenue_uses_each_segments_deal_size() {
    let p = plan(&two_segments());
    let cut = &p.budget_cut;
    // 20% from month 7: 6 of 12 months, 1M × 0.2 × 6/12.
    assert_close("budget_saved", cut.budget_saved, 100_000.0);
    // SMB 37.5 × 0.1 = 3.75; Enterprise 10 × 0.1 = 1.
    assert_close("lost_wins", cut.lost_wins, 4.75);
    // 3.75 × 15k + 1 × 120k = 176,250 (not 4.75 × the default 50k).
    assert_close("lost_revenue", cut.lost_revenue, 176_250.0);
    // SMB: leads from month 7 close from month 8, 5 months in-year:
    // 562,500 × 0.2 × 5/12 = 46,875; Enterprise's (7 + 9 > 12) none.
    assert_close("lost_in_year_revenue", cut.lost_in_year_revenue, 46_875.0);
    assert_close(
        "lost_next_year_revenue",
        cut.lost_next_year_revenue,
        129_375.0,
    );
    assert_close("lost_gross_profit", cut.lost_gross_profit, 141_000.0); // × 0.8
}

// ------------------------------------------------------- share validation

#[test]
fn segment_shares_must_add_up_to_100() {
    let mut s = two_segments();
    s.segments[1].revenue_share = 0.5;
    assert_eq!(
        segments_message(&s),
        "Segment shares add up to 90%: they must add up to 100%"
    );
    assert!(s.errors().iter().any(|e| e.field == Field::Segments));
    // Nothing that needs the shares is known.
    let p = Plan::compute(&s);
    assert_undefined(
        "segment_new_revenue",
        smb(&p).segment_new_revenue,
        Undefined::Invalid(Field::Segments),
    );
    assert_undefined(
        "required_wins",
        p.required_wins,
        Undefined::Invalid(Field::Segments),
    );
    // Over 100% says so too.
    s.segments[1].revenue_share = 0.65;
    assert_eq!(
        segments_message(&s),
        "Segment shares add up to 105%: they must add up to 100%"
    );
    // Within 1e-9 of 100% is fine: 33.3…% three times.
    s.segments = vec![
        Segment::named("A", 1.0 / 3.0),
        Segment::named("B", 1.0 / 3.0),
        Segment::named("C", 1.0 / 3.0),
    ];
    assert_eq!(s.error(Field::Segments), None);
}

#[test]
fn a_plans_only_segment_has_100_percent() {
    let mut s = one_channel();
    s.segments[0].revenue_share = 0.5;
    assert_eq!(
        segments_message(&s),
        "Segment shares add up to 50%: they must add up to 100%"
    );
}

#[test]
fn at_most_6_segments() {
    let mut s = one_channel();
    s.segments = (0..7)
        .map(|i| Segment::named(&format!("Segment {i}"), 1.0 / 7.0))
        .collect();
    assert_eq!(segments_message(&s), "A plan has 1 to 6 segments, not 7");
    s.segments.pop();
    for g in &mut s.segments {
        g.revenue_share = 1.0 / 6.0;
    }
    assert_eq!(s.error(Field::Segments), None);
}

#[test]
fn segment_names_are_unique() {
    let mut s = two_segments();
    // Case and surrounding spaces do not make a name different.
    s.segments[1].name = " smb ".into();
    assert_eq!(
        segments_message(&s),
        "Two segments are named “smb”: each needs a name of its own"
    );
}

#[test]
fn segment_name_has_no_tilde() {
    let mut s = two_segments();
    s.segments[0].name = "SMB~1".into();
    assert!(
        s.errors()
            .iter()
            .any(|e| e.field == Field::Segment(0, SegmentPart::Name)),
        "a ~ in a segment name must be an error"
    );
    // 1 to 40 characters.
    s.segments[0].name = "x".repeat(41);
    assert!(s.error(Field::Segment(0, SegmentPart::Name)).is_some());
    s.segments[0].name = "x".repeat(40);
    assert_eq!(s.error(Field::Segment(0, SegmentPart::Name)), None);
    s.segments[0].name = "  ".into();
    assert!(s.error(Field::Segment(0, SegmentPart::Name)).is_some());
}

#[test]
fn segment_overrides_have_their_fields_range() {
    let mut s = two_segments();
    s.segments[1].win_rate = Some(1.5);
    assert!(s.error(Field::Segment(1, SegmentPart::WinRate)).is_some());
    // Only what uses it is undefined: SMB is untouched.
    let p = Plan::compute(&s);
    assert_close("SMB", smb(&p).segment_required_opportunities, 480.0);
    assert_undefined(
        "Ent",
        enterprise(&p).segment_required_opportunities,
        Undefined::Invalid(Field::Segment(1, SegmentPart::WinRate)),
    );
    s.segments[1].win_rate = None;
    s.segments[1].sales_cycle_months = Some(7.5);
    assert!(
        s.error(Field::Segment(1, SegmentPart::SalesCycle))
            .is_some()
    );
}

// ------------------------------------------------------- removing segments

#[test]
fn removing_a_segment_moves_its_channels_to_the_first() {
    let mut s = two_segments();
    s.segments[0].revenue_share = 0.2;
    s.segments.push(Segment::named("Mid-market", 0.2));
    s.channels
        .push(Channel::new("Partners", 0.0, 300.0, None).in_segment(2));
    s.remove_segment(1);
    assert_eq!(
        s.segments
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>(),
        ["SMB", "Mid-market"]
    );
    // Events (Enterprise) moves to SMB; Partners keeps Mid-market, now 1.
    assert_eq!(
        s.channels.iter().map(|c| c.segment).collect::<Vec<_>>(),
        [0, 0, 1]
    );
    // The last segment is never removed.
    s.remove_segment(1);
    s.remove_segment(0);
    assert_eq!(s.segments.len(), 1);
    assert!(s.channels.iter().all(|c| c.segment == 0));
}

/// What the plan of `s` would be with only segment `g`, at 100%, and its
/// overrides written into the plan's own fields by hand.
fn only(s: &Scenario, g: usize) -> Scenario {
    let kept = &s.segments[g];
    let mut one = Scenario {
        segments: vec![Segment::named(ALL_DEALS, 1.0)],
        ..s.clone()
    };
    if let Some(d) = kept.deal_size {
        one.deal_size = d;
    }
    if let Some(m) = kept.marketing_sourced {
        one.marketing_sourced = m;
    }
    if let Some(w) = kept.win_rate {
        one.win_rate = w;
    }
    if let Some(l) = kept.sales_cycle_months {
        one.sales_cycle_months = l;
    }
    if let Some(v) = kept.lifetime_value {
        one.lifetime_value = v;
    }
    for c in &mut one.channels {
        c.segment = 0;
    }
    one
}

#[test]
fn the_last_segment_left_becomes_the_whole_plan() {
    // Removing Enterprise leaves SMB: 100% of new revenue ("a plan's only
    // segment has 100%"), named "All deals", and its overrides (15k deals,
    // 75% marketing-sourced, a 1-month cycle, 45k LTV) become the plan's
    // own fields, so the page shows every input that counts.
    let mut s = two_segments();
    let replaced = s.remove_segment(1);
    assert_eq!(s.errors(), vec![], "the plan left is valid");
    assert_eq!(s.segments, vec![Segment::named(ALL_DEALS, 1.0)]);
    assert_eq!(s.deal_size, 15_000.0);
    assert_eq!(s.marketing_sourced, 0.75);
    assert_eq!(s.sales_cycle_months, 1.0);
    assert_eq!(s.lifetime_value, 45_000.0);
    assert!(!s.uses_segments(), "it reads as a plan without segments");
    // Every figure is SMB's alone, as if typed in by hand.
    assert_eq!(
        plan(&s).metrics(),
        plan(&only(&two_segments(), 0)).metrics()
    );
    // What it replaced, for the undo: the plan's fields as they were.
    let before = two_segments();
    assert!(replaced.contains(&(Field::DealSize, before.deal_size)));
    assert!(replaced.contains(&(Field::SalesCycleMonths, before.sales_cycle_months)));
    assert_eq!(replaced.len(), 4);
    // Removing the first instead keeps Enterprise's 20% win rate.
    let mut s = two_segments();
    s.remove_segment(0);
    assert_eq!(s.win_rate, 0.2);
    assert_eq!(
        plan(&s).metrics(),
        plan(&only(&two_segments(), 1)).metrics()
    );
}

// ------------------------------------------------------------ plan year

#[test]
fn a_tiny_shortfall_needs_a_whole_month_of_earlier_leads() {
    // The round-number plan is 656,250 short in the plan year; pipeline of
    // 656,249.9999 leaves about 0.0001, which 0.0001 × 12 / 3,125,000 =
    // 3.8e-10 months of marketing revenue closes: still one whole month.
    let s = Scenario {
        pipeline_revenue: 656_249.999_9,
        ..one_channel()
    };
    let p = plan(&s);
    let short = p.plan_year.in_year_shortfall.value().unwrap_or_default();
    assert!(short > 0.0 && short < 1e-3, "shortfall {short}");
    assert_close("earlier_lead_months", p.plan_year.earlier_lead_months, 1.0);
}

#[test]
fn a_goal_met_exactly_needs_no_earlier_leads() {
    // Goal 1M, nothing recurring, all deals sales-sourced: 1M / 19k =
    // 52.63… deals × 19k is 1M less 1.2e-10 in floats. The plan year meets
    // the goal, so no lead needs to arrive earlier (the verdict forgives
    // the same noise).
    let s = Scenario {
        revenue_goal: 1_000_000.0,
        recurring_revenue: 0.0,
        deal_size: 19_000.0,
        marketing_sourced: 0.0,
        sales_cycle_months: 12.0,
        ..one_channel()
    };
    let p = plan(&s);
    assert_close("in_year_attainment", p.plan_year.in_year_attainment, 1.0);
    assert_close("earlier_lead_months", p.plan_year.earlier_lead_months, 0.0);
    // Split in two identical segments, the same.
    let mut t = s.clone();
    t.segments = vec![Segment::named("A", 0.5), Segment::named("B", 0.5)];
    let p = plan(&t);
    assert_close("two segments", p.plan_year.earlier_lead_months, 0.0);
}
