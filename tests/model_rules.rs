#![cfg(not(target_arch = "wasm32"))]
//! One test per rule of `docs/model.md`, checked against hand-computed
//! numbers (the arithmetic is in the comments). Tolerance: 1e-9 relative.

use budget_planner::model::{
    CURRENCIES, Channel, ChannelPart, Field, MAX_CHANNELS, MONEY_MAX, Metric, Plan, Preset,
    Scenario, Undefined,
};
use std::collections::BTreeSet;

mod common;
use common::{assert_close, assert_undefined, close, one_channel};

// ---------------------------------------------------------------- helpers

/// Every metric of a plan with its `data-metric` id (channels get `[i]`).
/// Levers are listed only when the plan shows them.
fn named_metrics(plan: &Plan) -> Vec<(String, Metric)> {
    plan.metrics()
}

const LEVER_IDS: [&str; 7] = [
    "lever_spend_share",
    "lever_win_rate",
    "lever_sql_to_opp",
    "lever_mql_to_sql",
    "lever_lead_quality_factor",
    "lever_deal_size",
    "lever_cost_per_lead_factor",
];

/// Counts: never negative (docs/model.md, "Inputs").
fn is_count(name: &str) -> bool {
    name.starts_with("required_")
        && !name.starts_with("required_budget")
        && !name.starts_with("required_spend_share")
        || name.starts_with("funded_")
        || [
            "marketing_wins",
            "sales_sourced_wins",
            "projected_wins",
            "lost_wins",
        ]
        .contains(&name)
        || [
            "channel_leads",
            "channel_mqls",
            "channel_sqls",
            "channel_opportunities",
            "channel_wins",
        ]
        .iter()
        .any(|p| name.starts_with(&format!("{p}[")))
}

/// The one-channel scenario with a win rate of 20%, so coverage is 5/6.
fn one_channel_short() -> Scenario {
    Scenario {
        win_rate: 0.2,
        ..one_channel()
    }
}

fn plan(s: &Scenario) -> Plan {
    Plan::compute(s)
}

// ------------------------------------------------- fully worked scenarios

#[test]
fn default_scenario_is_valid() {
    let s = Scenario::default();
    assert_eq!(s.errors(), vec![]);
    for (name, m) in named_metrics(&plan(&s)) {
        // The example plan is short by more than lands late: earlier leads
        // alone cannot close it (docs/model.md, "Timeline").
        if name == "earlier_lead_months" {
            assert_eq!(m.0, Err(Undefined::NotByTiming));
            continue;
        }
        assert!(
            m.value().is_some(),
            "{name} is undefined in the default scenario: {m:?}"
        );
    }
}

#[test]
fn worked_example_one_channel_round_numbers() {
    let p = plan(&one_channel());
    // Required path.
    assert_close("new_revenue", p.new_revenue, 6_000_000.0); // 10M − 4M
    assert_close("required_wins", p.required_wins, 120.0); // 6M / 50k
    assert_close("marketing_wins", p.marketing_wins, 60.0); // 120 × 0.5
    assert_close("sales_sourced_wins", p.sales_sourced_wins, 60.0); // 120 − 60
    assert_close("required_opportunities", p.required_opportunities, 240.0); // 60 / 0.25
    assert_close("required_sqls", p.required_sqls, 480.0); // 240 / 0.5
    assert_close("required_mqls", p.required_mqls, 1_200.0); // 480 / 0.4
    assert_close("blended_lead_to_mql", p.blended_lead_to_mql, 0.25); // 1250 / 5000
    assert_close("required_leads", p.required_leads, 4_800.0); // 1200 / 0.25
    // Funded path.
    assert_close("budget", p.budget, 1_000_000.0); // 10M × 0.10
    let c = &p.channels[0];
    assert_close("channel_budget", c.channel_budget, 1_000_000.0); // 1M × 1.0
    assert_close("channel_leads", c.channel_leads, 5_000.0); // 1M / 200
    assert_close("channel_mqls", c.channel_mqls, 1_250.0); // 5000 × 0.25 (inherited)
    assert_close("channel_sqls", c.channel_sqls, 500.0); // 1250 × 0.4
    assert_close("channel_opportunities", c.channel_opportunities, 250.0); // 500 × 0.5
    assert_close("channel_wins", c.channel_wins, 62.5); // 250 × 0.25
    assert_close("channel_revenue", c.channel_revenue, 3_125_000.0); // 62.5 × 50k
    assert_close("channel_roi", c.channel_roi, 1.5); // (3.125M × 0.8 − 1M) / 1M
    assert_close("spend", p.spend, 1_000_000.0);
    assert_close("unallocated_budget", p.unallocated_budget, 0.0); // 1M − 1M
    assert_close("funded_leads", p.funded_leads, 5_000.0);
    assert_close("funded_mqls", p.funded_mqls, 1_250.0);
    assert_close("funded_sqls", p.funded_sqls, 500.0);
    assert_close("funded_opportunities", p.funded_opportunities, 250.0);
    assert_close("projected_wins", p.projected_wins, 62.5);
    assert_close(
        "projected_marketing_revenue",
        p.projected_marketing_revenue,
        3_125_000.0,
    );
    // Plan versus goal.
    assert_close("coverage", p.coverage, 62.5 / 60.0); // 1.041666…
    assert_close("cac", p.cac, 16_000.0); // 1M / 62.5
    assert_close("required_budget", p.required_budget, 960_000.0); // 60 × 16k
    assert_close("required_spend_share", p.required_spend_share, 0.096); // 960k / 10M
    assert_close("budget_gap", p.budget_gap, -40_000.0); // 960k − 1M
    assert_close("leads_gap", p.leads_gap, -200.0); // 4800 − 5000
    assert_close("blended_cpl", p.blended_cpl, 200.0); // 1M / 5000
    assert_close("cost_per_mql", p.cost_per_mql, 800.0); // 1M / 1250
    assert_close("projected_revenue", p.projected_revenue, 10_125_000.0); // 4M + 60 × 50k + 3.125M
    assert_close("attainment", p.attainment, 1.0125); // 10.125M / 10M
    assert_close("roi", p.roi, 1.5); // (3.125M × 0.8 − 1M) / 1M
    assert_close("lifetime_roi", p.lifetime_roi, 8.375); // (62.5 × 150k − 1M) / 1M
    assert_close(
        "revenue_per_marketing_dollar",
        p.revenue_per_marketing_dollar,
        3.125,
    ); // 3.125M / 1M
    assert_close("ltv_to_cac", p.ltv_to_cac, 9.375); // 150k / 16k
    assert_close("payback_months", p.payback_months, 4.8); // 16k / (50k × 0.8 / 12 = 3333.33…)
    // Timeline: L = 3, so 9 of 12 months of leads close this year.
    assert_close(
        "in_year_marketing_revenue",
        p.in_year_marketing_revenue,
        2_343_750.0,
    ); // 3.125M × 9/12
    assert_close(
        "next_year_marketing_revenue",
        p.next_year_marketing_revenue,
        781_250.0,
    ); // 3.125M − 2.34375M
    // Coverage ≥ 1: no levers.
    assert!(p.levers.is_none());
    // Budget cut: 20% from month 7, months_cut = 6, L = 3.
    let cut = p.budget_cut;
    assert_close("budget_saved", cut.budget_saved, 100_000.0); // 1M × 0.2 × 6/12
    assert_close("lost_wins", cut.lost_wins, 6.25); // 62.5 × 0.2 × 6/12
    assert_close("lost_revenue", cut.lost_revenue, 312_500.0); // 6.25 × 50k
    assert_close("lost_in_year_revenue", cut.lost_in_year_revenue, 156_250.0); // 3.125M × 0.2 × (13−7−3)/12
    assert_close(
        "lost_next_year_revenue",
        cut.lost_next_year_revenue,
        156_250.0,
    ); // 312.5k − 156.25k
    assert_close("lost_gross_profit", cut.lost_gross_profit, 250_000.0); // 312.5k × 0.8
}

#[test]
fn worked_example_default_scenario() {
    // Goal 12M, recurring 6M, deal 60k, spend 9%, marketing-sourced 50%,
    // MQL→SQL 36%, SQL→opp 44%, win 22%, L = 4, margin 75%, LTV 135k.
    // Channels (share, CPL, lead→MQL): Paid search (35%, 310, 26%),
    // Content & SEO (25%, 164, 22%), Events (20%, 400, 30%), LinkedIn (20%, 250, 18%).
    let p = plan(&Scenario::default());
    // Required path.
    assert_close("new_revenue", p.new_revenue, 6_000_000.0); // 12M − 6M
    assert_close("required_wins", p.required_wins, 100.0); // 6M / 60k
    assert_close("marketing_wins", p.marketing_wins, 50.0); // 100 × 0.5
    assert_close("sales_sourced_wins", p.sales_sourced_wins, 50.0);
    assert_close(
        "required_opportunities",
        p.required_opportunities,
        227.272_727_272_727_28,
    ); // 50 / 0.22
    assert_close("required_sqls", p.required_sqls, 516.528_925_619_834_7); // 227.27… / 0.44
    assert_close("required_mqls", p.required_mqls, 1_434.802_571_166_207_6); // 516.53… / 0.36
    // Funded path: budget 12M × 0.09 = 1.08M.
    assert_close("budget", p.budget, 1_080_000.0);
    // Channel budgets: 1.08M × (0.35, 0.25, 0.20, 0.20) = 378k, 270k, 216k, 216k.
    let budgets = [378_000.0, 270_000.0, 216_000.0, 216_000.0];
    // Leads: 378k/310 = 1219.3548…, 270k/164 = 1646.3414…, 216k/400 = 540, 216k/250 = 864.
    let leads = [1_219.354_838_709_677_3, 1_646.341_463_414_634, 540.0, 864.0];
    // MQLs: × (0.26, 0.22, 0.30, 0.18) = 317.0322…, 362.1951…, 162, 155.52.
    let mqls = [317.032_258_064_516_1, 362.195_121_951_219_5, 162.0, 155.52];
    // Wins: MQLs × 0.36 × 0.44 × 0.22 (= × 0.034848).
    let wins = [
        11.047_940_129_032_257,
        12.621_775_609_756_098,
        5.645_376,
        5.419_560_96,
    ];
    for i in 0..4 {
        let c = &p.channels[i];
        assert_close("channel_budget", c.channel_budget, budgets[i]);
        assert_close("channel_leads", c.channel_leads, leads[i]);
        assert_close("channel_mqls", c.channel_mqls, mqls[i]);
        assert_close("channel_sqls", c.channel_sqls, mqls[i] * 0.36);
        assert_close(
            "channel_opportunities",
            c.channel_opportunities,
            mqls[i] * 0.36 * 0.44,
        );
        assert_close("channel_wins", c.channel_wins, wins[i]);
        assert_close("channel_revenue", c.channel_revenue, wins[i] * 60_000.0);
        // ROI = (revenue × 0.75 − budget) / budget.
        let roi = (wins[i] * 60_000.0 * 0.75 - budgets[i]) / budgets[i];
        assert_close("channel_roi", c.channel_roi, roi);
    }
    // Paid search ROI: (662,876.41 × 0.75 − 378,000) / 378,000 = 0.315231.
    assert_close(
        "channel_roi[0]",
        p.channels[0].channel_roi,
        0.315_230_967_741_935_43,
    );
    assert_close("spend", p.spend, 1_080_000.0); // 378k + 270k + 216k + 216k
    assert_close("unallocated_budget", p.unallocated_budget, 0.0);
    assert_close("funded_leads", p.funded_leads, 4_269.696_302_124_312); // Σ leads
    assert_close("funded_mqls", p.funded_mqls, 996.747_380_015_735_6); // Σ MQLs
    assert_close("funded_sqls", p.funded_sqls, 358.829_056_805_664_83); // 996.747… × 0.36
    assert_close(
        "funded_opportunities",
        p.funded_opportunities,
        157.884_784_994_492_52,
    ); // × 0.44
    assert_close("projected_wins", p.projected_wins, 34.734_652_698_788_35); // × 0.22
    assert_close(
        "projected_marketing_revenue",
        p.projected_marketing_revenue,
        2_084_079.161_927_301_4,
    ); // 34.7347… × 60k
    // blended = 996.747… / 4269.696… = 0.233447; required leads = 1434.80… / 0.233447.
    assert_close(
        "blended_lead_to_mql",
        p.blended_lead_to_mql,
        0.233_446_903_359_337_68,
    );
    assert_close("required_leads", p.required_leads, 6_146.162_362_914_962);
    // Plan versus goal.
    assert_close("coverage", p.coverage, 0.694_693_053_975_767_1); // 34.7347 / 50
    assert_close("cac", p.cac, 31_092.868_823_694_145); // 1.08M / 34.7347
    assert_close(
        "required_budget",
        p.required_budget,
        1_554_643.441_184_707_2,
    ); // 50 × 31,092.87
    assert_close(
        "required_spend_share",
        p.required_spend_share,
        0.129_553_620_098_725_6,
    ); // 1.5546M / 12M
    assert_close("budget_gap", p.budget_gap, 474_643.441_184_707_2); // 1.5546M − 1.08M
    assert_close("leads_gap", p.leads_gap, 1_876.466_060_790_65); // 6146.16 − 4269.70
    assert_close("blended_cpl", p.blended_cpl, 252.945_390_861_327_8); // 1.08M / 4269.70
    assert_close("cost_per_mql", p.cost_per_mql, 1_083.524_292_768_093_3); // 1.08M / 996.75
    assert_close(
        "projected_revenue",
        p.projected_revenue,
        11_084_079.161_927_301,
    ); // 6M + 50 × 60k + 2.084M
    assert_close("attainment", p.attainment, 0.923_673_263_493_941_7); // 11.084M / 12M
    assert_close("roi", p.roi, 0.447_277_195_782_848_25); // (2.084M × 0.75 − 1.08M) / 1.08M
    assert_close("lifetime_roi", p.lifetime_roi, 3.341_831_587_348_544); // (34.7347 × 135k − 1.08M) / 1.08M
    assert_close(
        "revenue_per_marketing_dollar",
        p.revenue_per_marketing_dollar,
        1.929_702_927_710_464_3,
    ); // 2.084M / 1.08M
    assert_close("ltv_to_cac", p.ltv_to_cac, 4.341_831_587_348_544); // 135k / 31,092.87
    assert_close("payback_months", p.payback_months, 8.291_431_686_318_438); // 31,092.87 / (60k × 0.75 / 12 = 3750)
    // Timeline, L = 4: 8 of 12 months close this year.
    assert_close(
        "in_year_marketing_revenue",
        p.in_year_marketing_revenue,
        1_389_386.107_951_534_2,
    ); // 2.084M × 8/12
    assert_close(
        "next_year_marketing_revenue",
        p.next_year_marketing_revenue,
        694_693.053_975_767_1,
    ); // 2.084M × 4/12
    // Levers (coverage 0.6947 < 1).
    let levers = p.levers.expect("coverage < 1 shows the levers");
    assert_close(
        "lever_spend_share",
        levers.lever_spend_share,
        0.129_553_620_098_725_6,
    );
    assert_close(
        "lever_win_rate",
        levers.lever_win_rate,
        0.316_686_626_907_995_87,
    ); // 0.22 / 0.6947
    assert_close(
        "lever_sql_to_opp",
        levers.lever_sql_to_opp,
        0.633_373_253_815_991_7,
    ); // 0.44 / 0.6947
    assert_close(
        "lever_mql_to_sql",
        levers.lever_mql_to_sql,
        0.518_214_480_394_902_4,
    ); // 0.36 / 0.6947
    assert_close(
        "lever_lead_quality_factor",
        levers.lever_lead_quality_factor,
        1.439_484_667_763_617_7,
    ); // 1 / 0.6947 (0.30 × 1.44 ≤ 1)
    assert_close(
        "lever_deal_size",
        levers.lever_deal_size,
        86_369.080_065_817_06,
    ); // 60k / 0.6947
    assert_close(
        "lever_cost_per_lead_factor",
        levers.lever_cost_per_lead_factor,
        0.694_693_053_975_767_1,
    );
    // Budget cut: 20% from month 7 → months_cut 6; L = 4 → 13 − 7 − 4 = 2 in-year months.
    let cut = p.budget_cut;
    assert_close("budget_saved", cut.budget_saved, 108_000.0); // 1.08M × 0.2 × 6/12
    assert_close("lost_wins", cut.lost_wins, 3.473_465_269_878_835_3); // 34.7347 × 0.1
    assert_close("lost_revenue", cut.lost_revenue, 208_407.916_192_730_13); // 3.4735 × 60k
    assert_close(
        "lost_in_year_revenue",
        cut.lost_in_year_revenue,
        69_469.305_397_576_73,
    ); // 2.084M × 0.2 × 2/12
    assert_close(
        "lost_next_year_revenue",
        cut.lost_next_year_revenue,
        138_938.610_795_153_4,
    ); // 208.4k − 69.5k
    assert_close(
        "lost_gross_profit",
        cut.lost_gross_profit,
        156_305.937_144_547_58,
    ); // 208.4k × 0.75
}

// ------------------------------------------------------- required path

#[test]
fn new_revenue_is_goal_minus_recurring_floored_at_zero() {
    let mut s = one_channel();
    assert_close("new_revenue", plan(&s).new_revenue, 6_000_000.0);
    s.recurring_revenue = 10_000_000.0; // = goal
    assert_close("new_revenue", plan(&s).new_revenue, 0.0);
    s.recurring_revenue = 15_000_000.0; // above the goal: floored, not −5M
    let p = plan(&s);
    assert_eq!(p.new_revenue.value(), Some(0.0));
    for (name, m) in [
        ("required_wins", p.required_wins),
        ("marketing_wins", p.marketing_wins),
        ("sales_sourced_wins", p.sales_sourced_wins),
        ("required_opportunities", p.required_opportunities),
        ("required_sqls", p.required_sqls),
        ("required_mqls", p.required_mqls),
        ("required_leads", p.required_leads),
    ] {
        assert_eq!(m.value(), Some(0.0), "{name}");
    }
    assert_undefined("coverage", p.coverage, Undefined::NoMarketingWins);
    assert!(p.levers.is_none());
    // Recurring revenue alone already exceeds the goal: 15M + 0 + 3.125M.
    assert_close("projected_revenue", p.projected_revenue, 18_125_000.0);
}

#[test]
fn required_counts_chain_through_the_funnel() {
    let s = Scenario {
        revenue_goal: 9_000_000.0,
        recurring_revenue: 1_000_000.0,
        deal_size: 40_000.0,
        marketing_sourced: 0.6,
        mql_to_sql: 0.3,
        sql_to_opp: 0.5,
        win_rate: 0.2,
        ..one_channel()
    };
    let p = plan(&s);
    assert_close("new_revenue", p.new_revenue, 8_000_000.0); // 9M − 1M
    assert_close("required_wins", p.required_wins, 200.0); // 8M / 40k
    assert_close("marketing_wins", p.marketing_wins, 120.0); // 200 × 0.6
    assert_close("sales_sourced_wins", p.sales_sourced_wins, 80.0); // 200 − 120
    assert_close("required_opportunities", p.required_opportunities, 600.0); // 120 / 0.2
    assert_close("required_sqls", p.required_sqls, 1_200.0); // 600 / 0.5
    assert_close("required_mqls", p.required_mqls, 4_000.0); // 1200 / 0.3
    assert_close("required_leads", p.required_leads, 16_000.0); // 4000 / 0.25
}

#[test]
fn blended_lead_to_mql_is_the_mix_average_weighted_by_leads() {
    let s = Scenario {
        channels: vec![
            // budget 1M: 600k / 200 = 3000 leads × 0.1 = 300 MQLs
            Channel::new("A", 0.6, 200.0, Some(0.1)),
            // 400k / 100 = 4000 leads × 0.4 = 1600 MQLs
            Channel::new("B", 0.4, 100.0, Some(0.4)),
        ],
        ..one_channel()
    };
    let p = plan(&s);
    assert_close("funded_leads", p.funded_leads, 7_000.0);
    assert_close("funded_mqls", p.funded_mqls, 1_900.0);
    assert_close(
        "blended_lead_to_mql",
        p.blended_lead_to_mql,
        1_900.0 / 7_000.0,
    );
    // required_leads = required_mqls (1200) / (19/70)
    assert_close(
        "required_leads",
        p.required_leads,
        1_200.0 * 7_000.0 / 1_900.0,
    );
}

#[test]
fn blended_lead_to_mql_falls_back_to_scenario_rate_when_nothing_is_allocated() {
    let s = Scenario {
        lead_to_mql: 0.3,
        channels: vec![
            Channel::new("A", 0.0, 200.0, Some(0.1)),
            Channel::new("B", 0.0, 100.0, Some(0.9)),
        ],
        ..one_channel()
    };
    let p = plan(&s);
    assert_eq!(p.spend.value(), Some(0.0));
    assert_close("blended_lead_to_mql", p.blended_lead_to_mql, 0.3);
    assert_close("required_leads", p.required_leads, 4_000.0); // 1200 MQLs / 0.3
}

#[test]
fn channel_without_its_own_rate_inherits_the_scenario_lead_to_mql() {
    let mut s = one_channel();
    s.lead_to_mql = 0.4;
    let p = plan(&s);
    assert_close("channel_mqls", p.channels[0].channel_mqls, 2_000.0); // 5000 × 0.4
    s.channels[0].lead_to_mql = Some(0.1);
    let p = plan(&s);
    assert_close("channel_mqls", p.channels[0].channel_mqls, 500.0); // 5000 × 0.1
}

// --------------------------------------------------------- funded path

#[test]
fn channel_metrics_follow_the_funded_path() {
    let s = Scenario {
        channels: vec![
            Channel::new("A", 0.3, 150.0, Some(0.2)),
            Channel::new("B", 0.5, 500.0, None),
        ],
        ..one_channel()
    };
    let p = plan(&s);
    // A: 300k; 2000 leads; 400 MQLs; 160 SQLs; 80 opps; 20 wins; 1M revenue;
    //    ROI (1M × 0.8 − 300k) / 300k = 5/3.
    let a = &p.channels[0];
    assert_close("channel_budget", a.channel_budget, 300_000.0);
    assert_close("channel_leads", a.channel_leads, 2_000.0);
    assert_close("channel_mqls", a.channel_mqls, 400.0);
    assert_close("channel_sqls", a.channel_sqls, 160.0);
    assert_close("channel_opportunities", a.channel_opportunities, 80.0);
    assert_close("channel_wins", a.channel_wins, 20.0);
    assert_close("channel_revenue", a.channel_revenue, 1_000_000.0);
    assert_close("channel_roi", a.channel_roi, 5.0 / 3.0);
    // B: 500k; 1000 leads; × 0.25 = 250 MQLs; 100 SQLs; 50 opps; 12.5 wins;
    //    625k revenue; ROI (500k − 500k) / 500k = 0.
    let b = &p.channels[1];
    assert_close("channel_budget", b.channel_budget, 500_000.0);
    assert_close("channel_leads", b.channel_leads, 1_000.0);
    assert_close("channel_mqls", b.channel_mqls, 250.0);
    assert_close("channel_wins", b.channel_wins, 12.5);
    assert_close("channel_revenue", b.channel_revenue, 625_000.0);
    assert_close("channel_roi", b.channel_roi, 0.0);
    // Totals are sums; 20% of the budget is unallocated.
    assert_close("spend", p.spend, 800_000.0);
    assert_close("unallocated_budget", p.unallocated_budget, 200_000.0);
    assert_close("funded_leads", p.funded_leads, 3_000.0);
    assert_close("funded_mqls", p.funded_mqls, 650.0);
    assert_close("funded_sqls", p.funded_sqls, 260.0);
    assert_close("funded_opportunities", p.funded_opportunities, 130.0);
    assert_close("projected_wins", p.projected_wins, 32.5);
    assert_close(
        "projected_marketing_revenue",
        p.projected_marketing_revenue,
        1_625_000.0,
    );
    // Metrics divided by spend use the allocated 800k, not the 1M budget.
    assert_close("cac", p.cac, 800_000.0 / 32.5);
    assert_close("roi", p.roi, (1_625_000.0 * 0.8 - 800_000.0) / 800_000.0);
}

#[test]
fn channel_roi_is_undefined_without_channel_budget() {
    let s = Scenario {
        channels: vec![
            Channel::new("Funded", 0.5, 200.0, None),
            Channel::new("Unfunded", 0.0, 200.0, None),
        ],
        ..one_channel()
    };
    let p = plan(&s);
    assert!(p.channels[0].channel_roi.value().is_some());
    let c = &p.channels[1];
    assert_eq!(c.channel_budget.value(), Some(0.0));
    assert_eq!(c.channel_leads.value(), Some(0.0));
    assert_eq!(c.channel_wins.value(), Some(0.0));
    assert_undefined("channel_roi", c.channel_roi, Undefined::NoChannelBudget);
    assert_eq!(
        Undefined::NoChannelBudget.to_string(),
        "this channel has no budget"
    );
}

#[test]
fn metrics_divided_by_zero_spend_are_undefined() {
    let s = Scenario {
        channels: vec![Channel::new("Idle", 0.0, 200.0, None)],
        ..one_channel()
    };
    let p = plan(&s);
    assert_eq!(p.spend.value(), Some(0.0));
    assert_close("unallocated_budget", p.unallocated_budget, 1_000_000.0);
    assert_eq!(p.funded_leads.value(), Some(0.0));
    assert_eq!(p.projected_wins.value(), Some(0.0));
    assert_eq!(p.coverage.value(), Some(0.0));
    assert_undefined("cac", p.cac, Undefined::NoFundedWins);
    assert_undefined(
        "required_budget",
        p.required_budget,
        Undefined::NoFundedWins,
    );
    assert_undefined(
        "required_spend_share",
        p.required_spend_share,
        Undefined::NoFundedWins,
    );
    assert_undefined("budget_gap", p.budget_gap, Undefined::NoFundedWins);
    assert_undefined("ltv_to_cac", p.ltv_to_cac, Undefined::NoFundedWins);
    assert_undefined("payback_months", p.payback_months, Undefined::NoFundedWins);
    assert_undefined("blended_cpl", p.blended_cpl, Undefined::NoFundedLeads);
    assert_undefined("cost_per_mql", p.cost_per_mql, Undefined::NoFundedLeads);
    assert_undefined("roi", p.roi, Undefined::NoSpend);
    assert_undefined("lifetime_roi", p.lifetime_roi, Undefined::NoSpend);
    assert_undefined(
        "revenue_per_marketing_dollar",
        p.revenue_per_marketing_dollar,
        Undefined::NoSpend,
    );
    // Still defined: the required path, attainment and the (zero) cut.
    assert!(p.required_leads.value().is_some());
    assert_close("attainment", p.attainment, 0.7); // (4M + 60 × 50k + 0) / 10M
    assert_eq!(p.budget_cut.budget_saved.value(), Some(0.0));
}

// ---------------------------------------------------- plan versus goal

#[test]
fn plan_versus_goal_metrics_match_formulas() {
    // one_channel_short: wins 50 (5000 leads × 0.25 × 0.4 × 0.5 × 0.2), need 60.
    let p = plan(&one_channel_short());
    assert_close("projected_wins", p.projected_wins, 50.0);
    assert_close("marketing_wins", p.marketing_wins, 60.0);
    assert_close("coverage", p.coverage, 50.0 / 60.0);
    assert_close("cac", p.cac, 20_000.0); // 1M / 50
    assert_close("required_budget", p.required_budget, 1_200_000.0); // 60 × 20k
    assert_close("required_spend_share", p.required_spend_share, 0.12); // 1.2M / 10M
    assert_close("budget_gap", p.budget_gap, 200_000.0); // 1.2M − 1M
    assert_close("required_leads", p.required_leads, 6_000.0); // 60/0.2/0.5/0.4/0.25
    assert_close("leads_gap", p.leads_gap, 1_000.0); // 6000 − 5000
    assert_close("blended_cpl", p.blended_cpl, 200.0);
    assert_close("cost_per_mql", p.cost_per_mql, 800.0);
    assert_close("projected_revenue", p.projected_revenue, 9_500_000.0); // 4M + 3M + 2.5M
    assert_close("attainment", p.attainment, 0.95);
    assert_close("roi", p.roi, 1.0); // (2.5M × 0.8 − 1M) / 1M
    assert_close("lifetime_roi", p.lifetime_roi, 6.5); // (50 × 150k − 1M) / 1M
    assert_close(
        "revenue_per_marketing_dollar",
        p.revenue_per_marketing_dollar,
        2.5,
    );
    assert_close("ltv_to_cac", p.ltv_to_cac, 7.5); // 150k / 20k
    assert_close("payback_months", p.payback_months, 6.0); // 20k / (50k × 0.8 / 12)
}

#[test]
fn coverage_is_undefined_when_marketing_sources_no_deals() {
    let s = Scenario {
        marketing_sourced: 0.0,
        ..one_channel()
    };
    let p = plan(&s);
    assert_eq!(p.marketing_wins.value(), Some(0.0));
    assert_close("sales_sourced_wins", p.sales_sourced_wins, 120.0);
    assert_eq!(p.required_leads.value(), Some(0.0));
    assert_undefined("coverage", p.coverage, Undefined::NoMarketingWins);
    assert_eq!(
        Undefined::NoMarketingWins.to_string(),
        "goal met without marketing-sourced deals"
    );
    assert!(p.levers.is_none());
    // The goal needs no marketing budget: required budget 0, the whole spend over-delivers.
    assert_close("required_budget", p.required_budget, 0.0);
    assert_close("budget_gap", p.budget_gap, -1_000_000.0);
}

// ------------------------------------------------------------ timeline

#[test]
fn in_year_and_next_year_revenue_split_by_sales_cycle() {
    // Projected marketing revenue of one_channel: 3.125M.
    for (months, in_year) in [
        (0.0, 3_125_000.0), // all 12 months close this year
        (3.0, 3_125_000.0 * 9.0 / 12.0),
        (6.0, 3_125_000.0 * 6.0 / 12.0),
        (11.0, 3_125_000.0 / 12.0),
        (12.0, 0.0), // month 1 leads close in month 13
        (24.0, 0.0), // floored at 0, not negative
    ] {
        let s = Scenario {
            sales_cycle_months: months,
            ..one_channel()
        };
        let p = plan(&s);
        assert_close(
            "in_year_marketing_revenue",
            p.in_year_marketing_revenue,
            in_year,
        );
        assert_close(
            "next_year_marketing_revenue",
            p.next_year_marketing_revenue,
            3_125_000.0 - in_year,
        );
    }
}

// -------------------------------------------------------------- levers

#[test]
fn levers_match_formulas_when_coverage_below_one() {
    // coverage = 50 / 60 = 5/6.
    let p = plan(&one_channel_short());
    let l = p.levers.expect("levers shown when coverage < 1");
    assert_close("lever_spend_share", l.lever_spend_share, 0.12); // required_spend_share
    assert_close("lever_win_rate", l.lever_win_rate, 0.24); // 0.2 / (5/6)
    assert_close("lever_sql_to_opp", l.lever_sql_to_opp, 0.6); // 0.5 / (5/6)
    assert_close("lever_mql_to_sql", l.lever_mql_to_sql, 0.48); // 0.4 / (5/6)
    assert_close(
        "lever_lead_quality_factor",
        l.lever_lead_quality_factor,
        1.2,
    ); // 1 / (5/6)
    assert_close("lever_deal_size", l.lever_deal_size, 60_000.0); // 50k / (5/6)
    assert_close(
        "lever_cost_per_lead_factor",
        l.lever_cost_per_lead_factor,
        5.0 / 6.0,
    );
}

#[test]
fn each_lever_alone_closes_the_gap() {
    let base = one_channel_short();
    let l = plan(&base).levers.expect("levers");
    let v = |m: Metric| m.value().expect("lever defined");
    let mut variants = vec![
        Scenario {
            spend: v(l.lever_spend_share),
            ..base.clone()
        },
        Scenario {
            win_rate: v(l.lever_win_rate),
            ..base.clone()
        },
        Scenario {
            sql_to_opp: v(l.lever_sql_to_opp),
            ..base.clone()
        },
        Scenario {
            mql_to_sql: v(l.lever_mql_to_sql),
            ..base.clone()
        },
        Scenario {
            deal_size: v(l.lever_deal_size),
            ..base.clone()
        },
    ];
    let mut quality = base.clone();
    quality.channels[0].lead_to_mql = Some(0.25 * v(l.lever_lead_quality_factor));
    variants.push(quality);
    let mut cheaper = base.clone();
    cheaper.channels[0].cost_per_lead = 200.0 * v(l.lever_cost_per_lead_factor);
    variants.push(cheaper);
    for s in variants {
        assert_eq!(s.errors(), vec![]);
        assert_close("coverage", plan(&s).coverage, 1.0);
    }
}

#[test]
fn levers_hidden_when_coverage_at_least_one() {
    // Coverage 62.5 / 60 > 1.
    let p = plan(&one_channel());
    assert!(p.coverage.value().is_some_and(|c| c > 1.0));
    assert!(p.levers.is_none());
    // required_spend_share is still there to say what would just meet the goal.
    assert_close("required_spend_share", p.required_spend_share, 0.096);
    // Exactly 1: 60 wins needed, 60 bought (win rate 0.24 → 5000 × 0.25 × 0.4 × 0.5 × 0.24 = 60).
    let s = Scenario {
        win_rate: 0.24,
        ..one_channel()
    };
    let p = plan(&s);
    assert_close("coverage", p.coverage, 1.0);
    if p.coverage.value().is_some_and(|c| c >= 1.0) {
        assert!(p.levers.is_none());
    }
}

#[test]
fn levers_all_undefined_when_coverage_is_zero() {
    let s = Scenario {
        channels: vec![
            Channel::new("A", 0.0, 200.0, None),
            Channel::new("B", 0.0, 300.0, Some(0.5)),
        ],
        ..one_channel()
    };
    let p = plan(&s);
    assert_eq!(p.coverage.value(), Some(0.0));
    let levers = p
        .levers
        .expect("coverage 0 < 1: levers shown, all undefined");
    for (name, m) in levers.entries() {
        assert_undefined(name, m, Undefined::NothingFunded);
    }
    assert_eq!(
        Undefined::NothingFunded.to_string(),
        "no single lever helps when nothing is funded"
    );
}

#[test]
fn lever_above_100_percent_is_not_reachable() {
    // Coverage 1/4: win rate, SQL→opp and MQL→SQL of 0.8, and a channel rate
    // of 0.5, would all have to be × 4 > 100%.
    // Funded wins: 10M × 1% = 100k / 200 = 500 leads × 0.5 × 0.8 × 0.8 × 0.8 = 128.
    // Needed: 6M / 11,718.75 = 512 wins, all marketing-sourced.
    let s = Scenario {
        deal_size: 11_718.75, // 6M / 11,718.75 = 512 wins needed
        marketing_sourced: 1.0,
        spend: 0.01,
        mql_to_sql: 0.8,
        sql_to_opp: 0.8,
        win_rate: 0.8,
        channels: vec![Channel::new("Search", 1.0, 200.0, Some(0.5))],
        ..one_channel()
    };
    let p = plan(&s);
    assert_close("coverage", p.coverage, 0.25); // 128 / 512
    let l = p.levers.expect("levers");
    assert_undefined("lever_win_rate", l.lever_win_rate, Undefined::NotReachable); // 0.8 × 4 = 3.2
    assert_undefined(
        "lever_sql_to_opp",
        l.lever_sql_to_opp,
        Undefined::NotReachable,
    );
    assert_undefined(
        "lever_mql_to_sql",
        l.lever_mql_to_sql,
        Undefined::NotReachable,
    );
    // 0.5 × 4 = 2 > 1
    assert_undefined(
        "lever_lead_quality_factor",
        l.lever_lead_quality_factor,
        Undefined::NotReachable,
    );
    // Spend share: 4 × 1% = 4% is reachable; deal size and CPL factor have no cap.
    assert_close("lever_spend_share", l.lever_spend_share, 0.04);
    assert_close("lever_deal_size", l.lever_deal_size, 46_875.0); // 11,718.75 × 4
    assert_close(
        "lever_cost_per_lead_factor",
        l.lever_cost_per_lead_factor,
        0.25,
    );
    assert_eq!(
        Undefined::NotReachable.to_string(),
        "not reachable by this lever alone"
    );

    // Exactly 100% is reachable: win rate 0.25 buys 500 × 0.5 × 0.8 × 0.8 × 0.25
    // = 40 wins; 6M / 37,500 = 160 needed → coverage 0.25, lever 0.25 / 0.25 = 1.
    let s = Scenario {
        win_rate: 0.25,
        deal_size: 37_500.0,
        ..s
    };
    let p = plan(&s);
    assert_close("coverage", p.coverage, 0.25);
    assert_close(
        "lever_win_rate",
        p.levers.expect("levers").lever_win_rate,
        1.0,
    );

    // Spend share above 100%.
    let s = Scenario {
        deal_size: 600.0, // 6M / 600 = 10,000 wins × 50% = 5,000 marketing wins needed
        spend: 0.01,
        ..one_channel()
    };
    let p = plan(&s);
    // 100k / 200 = 500 leads × 0.25 × 0.4 × 0.5 × 0.25 = 6.25 wins → coverage 6.25 / 5000.
    assert_close("coverage", p.coverage, 6.25 / 5_000.0);
    // required_spend_share = 5000 × (100k / 6.25) / 10M = 8 > 1.
    assert_close("required_spend_share", p.required_spend_share, 8.0);
    let l = p.levers.expect("levers");
    assert_undefined(
        "lever_spend_share",
        l.lever_spend_share,
        Undefined::NotReachable,
    );
}

#[test]
fn lever_lead_quality_factor_is_limited_by_funded_channels_only() {
    // An unfunded channel with an 90% rate does not make the lever unreachable:
    // it buys no leads, so its rate never has to rise (plan.rs's reading of docs/model.md).
    let s = Scenario {
        channels: vec![
            Channel::new("Funded", 1.0, 200.0, None),
            Channel::new("Unfunded", 0.0, 200.0, Some(0.9)),
        ],
        ..one_channel_short()
    };
    let l = plan(&s).levers.expect("levers");
    assert_close(
        "lever_lead_quality_factor",
        l.lever_lead_quality_factor,
        1.2,
    ); // 0.25 × 1.2 ≤ 1
}

// ---------------------------------------------------------- budget cut

#[test]
fn budget_cut_matches_formulas() {
    // one_channel: spend 1M, 62.5 wins, revenue 3.125M, deal 50k, margin 0.8.
    for (cut, from, cycle) in [
        (0.2, 7.0, 3.0),
        (0.5, 1.0, 0.0),
        (1.0, 12.0, 0.0),
        (0.3, 4.0, 10.0),
        (0.0, 5.0, 2.0),
    ] {
        let s = Scenario {
            cut,
            cut_from_month: from,
            sales_cycle_months: cycle,
            ..one_channel()
        };
        let c = plan(&s).budget_cut;
        let months_cut = 13.0 - from;
        let lost_revenue = 62.5 * cut * months_cut / 12.0 * 50_000.0;
        let in_year = 3_125_000.0 * cut * f64::max(0.0, 13.0 - from - cycle) / 12.0;
        assert_close(
            "budget_saved",
            c.budget_saved,
            1_000_000.0 * cut * months_cut / 12.0,
        );
        assert_close("lost_wins", c.lost_wins, 62.5 * cut * months_cut / 12.0);
        assert_close("lost_revenue", c.lost_revenue, lost_revenue);
        assert_close("lost_in_year_revenue", c.lost_in_year_revenue, in_year);
        assert_close(
            "lost_next_year_revenue",
            c.lost_next_year_revenue,
            lost_revenue - in_year,
        );
        assert_close("lost_gross_profit", c.lost_gross_profit, lost_revenue * 0.8);
    }
    // Hand-worked: cut 50% from month 1, L = 0 → 12 months cut, all lost revenue in-year:
    // saved 1M × 0.5 = 500k, lost 31.25 wins = 1.5625M, of it in-year 1.5625M.
    let s = Scenario {
        cut: 0.5,
        cut_from_month: 1.0,
        sales_cycle_months: 0.0,
        ..one_channel()
    };
    let c = plan(&s).budget_cut;
    assert_close("budget_saved", c.budget_saved, 500_000.0);
    assert_close("lost_wins", c.lost_wins, 31.25);
    assert_close("lost_revenue", c.lost_revenue, 1_562_500.0);
    assert_close("lost_in_year_revenue", c.lost_in_year_revenue, 1_562_500.0);
    assert_close("lost_next_year_revenue", c.lost_next_year_revenue, 0.0);
}

#[test]
fn budget_cut_in_year_loss_is_zero_when_deals_land_next_year() {
    // Cut from month 10 with a 3-month cycle: 13 − 10 − 3 = 0 in-year months.
    let s = Scenario {
        cut_from_month: 10.0,
        sales_cycle_months: 3.0,
        ..one_channel()
    };
    let c = plan(&s).budget_cut;
    assert_close("lost_in_year_revenue", c.lost_in_year_revenue, 0.0);
    // 62.5 × 0.2 × 3/12 × 50k = 156,250, all of it next year.
    assert_close(
        "lost_next_year_revenue",
        c.lost_next_year_revenue,
        156_250.0,
    );
    // 24-month cycle: floored at zero, not negative.
    let s = Scenario {
        cut_from_month: 1.0,
        sales_cycle_months: 24.0,
        ..one_channel()
    };
    assert_eq!(plan(&s).budget_cut.lost_in_year_revenue.value(), Some(0.0));
}

#[test]
fn budget_cut_example_sentence_is_reproducible_in_spirit() {
    // docs/model.md: "Cutting 20% from month 7 saves $80,000 and loses 14 deals:
    // $700,000 of revenue, $175,000 of it this year."
    // saved = spend × 0.2 × 6/12 = 80k → spend 800k; lost wins = wins × 0.1 = 14
    // → 140 wins; revenue 14 × 50k = 700k. One channel, CPL 200: 4000 leads;
    // 4000 × 0.25 × 0.4 × 0.5 × w = 140 → w = 0.7.
    let s = Scenario {
        revenue_goal: 8_000_000.0,
        spend: 0.1,
        win_rate: 0.7,
        deal_size: 50_000.0,
        cut: 0.2,
        cut_from_month: 7.0,
        sales_cycle_months: 3.0,
        ..one_channel()
    };
    assert_eq!(s.errors(), vec![]);
    let c = plan(&s).budget_cut;
    assert_close("budget_saved", c.budget_saved, 80_000.0);
    assert_close("lost_wins", c.lost_wins, 14.0);
    assert_close("lost_revenue", c.lost_revenue, 700_000.0);
    // In-year share is max(0, 13 − 7 − L) / 6 of the lost revenue: with L = 3
    // it is 3/6 → 350,000. The sentence's 175,000 (= 1/4) needs L = 4.5, which
    // is not a whole number of months: the example's last figure cannot come
    // from any valid scenario (see the report); the other three do.
    assert_close("lost_in_year_revenue", c.lost_in_year_revenue, 350_000.0);
    for l in 0..=24 {
        let s = Scenario {
            sales_cycle_months: f64::from(l),
            ..s.clone()
        };
        let in_year = plan(&s)
            .budget_cut
            .lost_in_year_revenue
            .value()
            .expect("defined");
        assert!(!close(in_year, 175_000.0), "L = {l} reproduces 175,000");
    }
}

// ------------------------------------------------------------ validation

fn set(s: &mut Scenario, field: Field, value: f64) {
    match field {
        Field::RevenueGoal => s.revenue_goal = value,
        Field::RecurringRevenue => s.recurring_revenue = value,
        Field::DealSize => s.deal_size = value,
        Field::SpendPct => s.spend = value,
        Field::MarketingSourcedPct => s.marketing_sourced = value,
        Field::LeadToMqlPct => s.lead_to_mql = value,
        Field::MqlToSqlPct => s.mql_to_sql = value,
        Field::SqlToOppPct => s.sql_to_opp = value,
        Field::WinRatePct => s.win_rate = value,
        Field::SalesCycleMonths => s.sales_cycle_months = value,
        Field::GrossMarginPct => s.gross_margin = value,
        Field::LifetimeValue => s.lifetime_value = value,
        Field::CutPct => s.cut = value,
        Field::CutFromMonth => s.cut_from_month = value,
        Field::Channel(i, ChannelPart::Share) => s.channels[i].share = value,
        Field::Channel(i, ChannelPart::CostPerLead) => s.channels[i].cost_per_lead = value,
        Field::Channel(i, ChannelPart::LeadToMql) => s.channels[i].lead_to_mql = Some(value),
        other => panic!("{other:?} is not a number"),
    }
}

/// Checks `field` set to each of `valid` is accepted and to each of `invalid`
/// gives exactly one error, on that field, whose message names it and its range.
#[track_caller]
fn check_range(field: Field, valid: &[f64], invalid: &[f64], message: &str) {
    // A single-channel base whose share can be anything in [0, 1].
    let base = one_channel();
    for &v in valid {
        let mut s = base.clone();
        set(&mut s, field, v);
        assert_eq!(s.error(field), None, "{field:?} = {v} should be valid");
        assert_eq!(s.errors(), vec![], "{field:?} = {v} should be valid");
    }
    for &v in invalid {
        let mut s = base.clone();
        set(&mut s, field, v);
        let error = s
            .error(field)
            .unwrap_or_else(|| panic!("{field:?} = {v} should be invalid"));
        assert_eq!(error.field, field);
        assert_eq!(error.message, message, "{field:?} = {v}");
        assert!(
            s.errors().contains(&error),
            "{field:?} = {v}: errors() lacks it"
        );
        // An invalid input never produces a number for what depends on it.
        for (name, m) in named_metrics(&plan(&s)) {
            if let Some(x) = m.value() {
                assert!(x.is_finite(), "{name} = {x} with {field:?} = {v}");
            }
        }
    }
}

const NAN: f64 = f64::NAN;
const INF: f64 = f64::INFINITY;

#[test]
fn win_rate_must_be_above_0_and_at_most_100_percent() {
    check_range(
        Field::WinRatePct,
        &[1e-9, 0.5, 1.0],
        &[0.0, -0.1, 1.0 + 1e-9, 22.0, NAN, INF, -INF],
        "Win rate must be above 0% and at most 100%",
    );
}

#[test]
fn rates_must_be_above_0_and_at_most_100_percent() {
    let rates = [
        (
            Field::SpendPct,
            "Marketing budget must be above 0% and at most 100%",
        ),
        (
            Field::LeadToMqlPct,
            "Lead → MQL rate must be above 0% and at most 100%",
        ),
        (
            Field::MqlToSqlPct,
            "MQL → SQL rate must be above 0% and at most 100%",
        ),
        (
            Field::SqlToOppPct,
            "SQL → opportunity rate must be above 0% and at most 100%",
        ),
        (
            Field::GrossMarginPct,
            "Gross margin must be above 0% and at most 100%",
        ),
        (
            Field::Channel(0, ChannelPart::LeadToMql),
            "Channel 1 lead → MQL rate must be above 0% and at most 100%",
        ),
    ];
    for (field, message) in rates {
        check_range(
            field,
            &[1e-9, 0.5, 1.0],
            &[0.0, -1e-9, 1.0 + 1e-9, 100.0, NAN, INF, -INF],
            message,
        );
    }
}

#[test]
fn shares_must_be_between_0_and_100_percent() {
    check_range(
        Field::MarketingSourcedPct,
        &[0.0, 1e-9, 0.5, 1.0],
        &[-1e-9, 1.0 + 1e-9, NAN, INF],
        "Marketing-sourced share of new deals must be between 0% and 100%",
    );
    check_range(
        Field::CutPct,
        &[0.0, 1e-9, 0.5, 1.0],
        &[-1e-9, 1.0 + 1e-9, NAN, INF],
        "Budget cut must be between 0% and 100%",
    );
}

#[test]
fn channel_share_must_be_between_0_and_100_percent() {
    // A negative share also makes the mix as a whole invalid.
    check_range(
        Field::Channel(0, ChannelPart::Share),
        &[0.0, 1e-9, 0.5, 1.0],
        &[-1e-9, NAN, -INF],
        "Channel 1 budget share must be between 0% and 100%",
    );
}

#[test]
fn money_must_be_above_0_and_at_most_10_trillion() {
    let above = MONEY_MAX * (1.0 + 1e-12);
    for (field, message) in [
        (
            Field::RevenueGoal,
            "Revenue goal must be above 0 and at most 10 trillion",
        ),
        (
            Field::DealSize,
            "Average deal size must be above 0 and at most 10 trillion",
        ),
        (
            Field::LifetimeValue,
            "Customer lifetime value must be above 0 and at most 10 trillion",
        ),
        (
            Field::Channel(0, ChannelPart::CostPerLead),
            "Channel 1 cost per lead must be above 0 and at most 10 trillion",
        ),
    ] {
        check_range(
            field,
            &[1e-9, 1.0, 1e13],
            &[0.0, -1.0, above, 1e300, NAN, INF, -INF],
            message,
        );
    }
    check_range(
        Field::RecurringRevenue,
        &[0.0, 1e-9, 1e13],
        &[-1e-9, above, NAN, INF],
        "Revenue from existing customers must be between 0 and 10 trillion",
    );
}

#[test]
fn sales_cycle_must_be_whole_months_from_0_to_24() {
    check_range(
        Field::SalesCycleMonths,
        &[0.0, 1.0, 12.0, 24.0],
        &[7.5, -1.0, 25.0, 24.000_001, NAN, INF],
        "Sales cycle must be a whole number of months from 0 to 24",
    );
}

#[test]
fn cut_from_month_must_be_a_whole_month_from_1_to_12() {
    check_range(
        Field::CutFromMonth,
        &[1.0, 7.0, 12.0],
        &[0.0, 13.0, 6.5, -1.0, NAN, INF],
        "Month the cut starts must be a whole month from 1 to 12",
    );
}

#[test]
fn scenario_name_must_be_1_to_80_characters() {
    let mut s = one_channel();
    for ok in ["A", &"x".repeat(80), &"é".repeat(80), "FY27 plan ~ v2"] {
        s.name = ok.to_string();
        assert_eq!(s.error(Field::Name), None, "{ok:?}");
    }
    for bad in ["", "   ", &"x".repeat(81)] {
        s.name = bad.to_string();
        let e = s.error(Field::Name).expect("invalid name");
        assert_eq!(e.message, "Scenario name must be 1 to 80 characters long");
        // The name feeds no number.
        assert!(
            named_metrics(&plan(&s))
                .iter()
                .all(|(_, m)| m.value().is_some())
        );
    }
}

#[test]
fn currency_must_be_supported() {
    let mut s = one_channel();
    for code in ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR"] {
        assert!(CURRENCIES.contains(&code), "{code} must be supported");
        s.currency = code.into();
        assert_eq!(s.error(Field::Currency), None);
    }
    for bad in ["", "XYZ", "DOLLARS"] {
        s.currency = bad.into();
        let e = s.error(Field::Currency).expect("invalid currency");
        assert_eq!(
            e.message,
            "Currency must be one of the supported currencies"
        );
    }
}

#[test]
fn channel_name_must_be_1_to_40_characters_without_tilde() {
    let mut s = one_channel();
    for ok in ["A", &"x".repeat(40), &"ü".repeat(40), "Paid search & SEO"] {
        s.channels[0].name = ok.to_string();
        assert_eq!(s.errors(), vec![], "{ok:?}");
    }
    for bad in ["", "  ", "a~b", "~", &"x".repeat(41)] {
        s.channels[0].name = bad.to_string();
        let field = Field::Channel(0, ChannelPart::Name);
        let e = s
            .error(field)
            .unwrap_or_else(|| panic!("{bad:?} should be invalid"));
        assert_eq!(
            e.message,
            "Channel 1 name must be 1 to 40 characters long, without ~"
        );
        assert_eq!(s.errors(), vec![e]);
        // A channel's name feeds no number.
        assert!(
            named_metrics(&plan(&s))
                .iter()
                .all(|(_, m)| m.value().is_some())
        );
    }
}

#[test]
fn shares_summing_above_100_percent_give_an_error_naming_the_total() {
    let s = Scenario {
        channels: vec![
            Channel::new("A", 0.6, 200.0, None),
            Channel::new("B", 0.6, 200.0, None),
        ],
        ..one_channel()
    };
    let e = s.error(Field::Channels).expect("shares add up to 120%");
    assert_eq!(e.field, Field::Channels);
    assert!(e.message.contains("120%"), "{}", e.message);
    assert!(e.message.contains("100%"), "{}", e.message);
    assert_eq!(s.errors(), vec![e]);
    let p = plan(&s);
    assert_undefined("spend", p.spend, Undefined::Invalid(Field::Channels));
    assert_undefined(
        "channel_budget",
        p.channels[0].channel_budget,
        Undefined::Invalid(Field::Channels),
    );
    assert_eq!(p.levers, None);

    // 33.3% + 33.3% + 33.4% and exactly 100% are fine; a hair above is not.
    let thirds = Scenario {
        channels: vec![
            Channel::new("A", 0.333, 200.0, None),
            Channel::new("B", 0.333, 200.0, None),
            Channel::new("C", 0.334, 200.0, None),
        ],
        ..one_channel()
    };
    assert_eq!(thirds.errors(), vec![]);
    let over = Scenario {
        channels: vec![
            Channel::new("A", 0.5, 200.0, None),
            Channel::new("B", 0.501, 200.0, None),
        ],
        ..one_channel()
    };
    let e = over.error(Field::Channels).expect("100.1%");
    assert!(e.message.contains("100.1%"), "{}", e.message);
}

#[test]
fn channel_count_must_be_1_to_12() {
    let with = |n: usize| Scenario {
        channels: (0..n)
            .map(|i| Channel::new(&format!("C{i}"), 1.0 / 13.0, 200.0, None))
            .collect(),
        ..one_channel()
    };
    assert_eq!(MAX_CHANNELS, 12);
    assert_eq!(with(1).errors(), vec![]);
    assert_eq!(with(12).errors(), vec![]);
    for n in [0, 13] {
        let s = with(n);
        let e = s
            .error(Field::Channels)
            .unwrap_or_else(|| panic!("{n} channels should be invalid"));
        assert_eq!(
            e.message,
            "Channel mix must be 1 to 12 channels whose shares add up to at most 100%"
        );
        assert_eq!(s.errors(), vec![e]);
        let p = plan(&s);
        assert_undefined("spend", p.spend, Undefined::Invalid(Field::Channels));
        assert_undefined(
            "budget_saved",
            p.budget_cut.budget_saved,
            Undefined::Invalid(Field::Channels),
        );
        assert!(p.budget.value().is_some());
        assert!(p.required_mqls.value().is_some());
    }
}

#[test]
fn no_channels_leaves_every_funded_metric_undefined() {
    // docs/model.md: 1–12 channels; "every output that depends on it shows —".
    // With no channels the mix is invalid, so what the mix buys must be "—",
    // not a confident 0 (coverage 0, attainment from recurring revenue only, …).
    let s = Scenario {
        channels: vec![],
        ..one_channel()
    };
    assert!(s.error(Field::Channels).is_some());
    let p = plan(&s);
    for (name, m) in [
        ("spend", p.spend),
        ("funded_leads", p.funded_leads),
        ("funded_mqls", p.funded_mqls),
        ("projected_wins", p.projected_wins),
        ("projected_marketing_revenue", p.projected_marketing_revenue),
        ("blended_lead_to_mql", p.blended_lead_to_mql),
        ("coverage", p.coverage),
        ("projected_revenue", p.projected_revenue),
        ("attainment", p.attainment),
        ("in_year_marketing_revenue", p.in_year_marketing_revenue),
        ("lost_wins", p.budget_cut.lost_wins),
    ] {
        assert_undefined(name, m, Undefined::Invalid(Field::Channels));
    }
    assert_eq!(p.levers, None, "no levers when coverage is undefined");
}

// ---------------------------------- invalid inputs: exactly the dependents

#[test]
fn invalid_cut_pct_leaves_coverage_defined_but_budget_saved_undefined() {
    let s = Scenario {
        cut: 1.5,
        ..Scenario::default()
    };
    let p = plan(&s);
    assert_close("coverage", p.coverage, 0.694_693_053_975_767_1);
    let why = Undefined::Invalid(Field::CutPct);
    assert_undefined("budget_saved", p.budget_cut.budget_saved, why);
    assert_undefined("lost_wins", p.budget_cut.lost_wins, why);
    assert_undefined("lost_gross_profit", p.budget_cut.lost_gross_profit, why);
    assert_eq!(why.to_string(), "needs a valid budget cut");
}

#[test]
fn invalid_win_rate_makes_required_opportunities_undefined_but_budget_defined() {
    let s = Scenario {
        win_rate: 0.0,
        ..Scenario::default()
    };
    let p = plan(&s);
    let why = Undefined::Invalid(Field::WinRatePct);
    assert_undefined("required_opportunities", p.required_opportunities, why);
    assert_undefined("required_leads", p.required_leads, why);
    assert_undefined("projected_wins", p.projected_wins, why);
    assert_undefined("coverage", p.coverage, why);
    assert_eq!(p.levers, None);
    assert_close("budget", p.budget, 1_080_000.0);
    assert_close("spend", p.spend, 1_080_000.0);
    assert_close("marketing_wins", p.marketing_wins, 50.0);
    assert_close("funded_leads", p.funded_leads, 4_269.696_302_124_312);
    assert_close("blended_cpl", p.blended_cpl, 252.945_390_861_327_8);
    assert_eq!(why.to_string(), "needs a valid win rate");
}

fn node(field: Field) -> String {
    format!("{field:?}")
}

/// docs/model.md's formulas as a graph: each metric with the inputs and metrics
/// it is computed from. Written for scenarios whose channels get some budget.
fn dependency_graph(s: &Scenario) -> Vec<(String, Vec<String>)> {
    let f = node;
    let n = |x: &str| x.to_string();
    let mut g: Vec<(String, Vec<String>)> = vec![
        (
            n("new_revenue"),
            vec![f(Field::RevenueGoal), f(Field::RecurringRevenue)],
        ),
        (
            n("required_wins"),
            vec![n("new_revenue"), f(Field::DealSize)],
        ),
        (
            n("marketing_wins"),
            vec![n("required_wins"), f(Field::MarketingSourcedPct)],
        ),
        (
            n("sales_sourced_wins"),
            vec![n("required_wins"), n("marketing_wins")],
        ),
        (
            n("required_opportunities"),
            vec![n("marketing_wins"), f(Field::WinRatePct)],
        ),
        (
            n("required_sqls"),
            vec![n("required_opportunities"), f(Field::SqlToOppPct)],
        ),
        (
            n("required_mqls"),
            vec![n("required_sqls"), f(Field::MqlToSqlPct)],
        ),
        (n("budget"), vec![f(Field::RevenueGoal), f(Field::SpendPct)]),
    ];
    let sums = [
        ("spend", "channel_budget"),
        ("funded_leads", "channel_leads"),
        ("funded_mqls", "channel_mqls"),
        ("funded_sqls", "channel_sqls"),
        ("funded_opportunities", "channel_opportunities"),
        ("projected_wins", "channel_wins"),
        ("projected_marketing_revenue", "channel_revenue"),
    ];
    for i in 0..s.channels.len() {
        let c = |x: &str| format!("{x}[{i}]");
        let mut rate = vec![f(Field::Channel(i, ChannelPart::LeadToMql))];
        if s.channels[i].lead_to_mql.is_none() {
            rate.push(f(Field::LeadToMqlPct));
        }
        g.extend([
            (
                c("share"),
                vec![f(Field::Channel(i, ChannelPart::Share)), f(Field::Channels)],
            ),
            (c("rate"), rate),
            (c("channel_budget"), vec![n("budget"), c("share")]),
            (
                c("channel_leads"),
                vec![
                    c("channel_budget"),
                    f(Field::Channel(i, ChannelPart::CostPerLead)),
                ],
            ),
            (c("channel_mqls"), vec![c("channel_leads"), c("rate")]),
            (
                c("channel_sqls"),
                vec![c("channel_mqls"), f(Field::MqlToSqlPct)],
            ),
            (
                c("channel_opportunities"),
                vec![c("channel_sqls"), f(Field::SqlToOppPct)],
            ),
            (
                c("channel_wins"),
                vec![c("channel_opportunities"), f(Field::WinRatePct)],
            ),
            (
                c("channel_revenue"),
                vec![c("channel_wins"), f(Field::DealSize)],
            ),
            (
                c("channel_roi"),
                vec![
                    c("channel_revenue"),
                    f(Field::GrossMarginPct),
                    c("channel_budget"),
                ],
            ),
        ]);
    }
    for (total, part) in sums {
        let mut parents: Vec<String> = (0..s.channels.len())
            .map(|i| format!("{part}[{i}]"))
            .collect();
        parents.push(f(Field::Channels));
        g.push((n(total), parents));
    }
    let m = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let with = |xs: &[&str], fs: &[Field]| {
        let mut v = m(xs);
        v.extend(fs.iter().map(|&x| node(x)));
        v
    };
    g.extend([
        (n("unallocated_budget"), m(&["budget", "spend"])),
        (
            n("blended_lead_to_mql"),
            m(&["funded_mqls", "funded_leads"]),
        ),
        (
            n("required_leads"),
            m(&["required_mqls", "blended_lead_to_mql"]),
        ),
        (n("coverage"), m(&["projected_wins", "marketing_wins"])),
        (n("cac"), m(&["spend", "projected_wins"])),
        (n("required_budget"), m(&["marketing_wins", "cac"])),
        (
            n("required_spend_share"),
            with(&["required_budget"], &[Field::RevenueGoal]),
        ),
        (n("budget_gap"), m(&["required_budget", "spend"])),
        (n("leads_gap"), m(&["required_leads", "funded_leads"])),
        (n("blended_cpl"), m(&["spend", "funded_leads"])),
        (n("cost_per_mql"), m(&["spend", "funded_mqls"])),
        (
            n("projected_revenue"),
            with(
                &["sales_sourced_wins", "projected_marketing_revenue"],
                &[Field::RecurringRevenue, Field::DealSize],
            ),
        ),
        (
            n("attainment"),
            with(&["projected_revenue"], &[Field::RevenueGoal]),
        ),
        (
            n("roi"),
            with(
                &["projected_marketing_revenue", "spend"],
                &[Field::GrossMarginPct],
            ),
        ),
        (
            n("lifetime_roi"),
            with(&["projected_wins", "spend"], &[Field::LifetimeValue]),
        ),
        (
            n("revenue_per_marketing_dollar"),
            m(&["projected_marketing_revenue", "spend"]),
        ),
        (n("ltv_to_cac"), with(&["cac"], &[Field::LifetimeValue])),
        (
            n("payback_months"),
            with(&["cac"], &[Field::DealSize, Field::GrossMarginPct]),
        ),
        (
            n("in_year_marketing_revenue"),
            with(&["projected_marketing_revenue"], &[Field::SalesCycleMonths]),
        ),
        (
            n("next_year_marketing_revenue"),
            with(&["projected_marketing_revenue"], &[Field::SalesCycleMonths]),
        ),
        (
            n("budget_saved"),
            with(&["spend"], &[Field::CutPct, Field::CutFromMonth]),
        ),
        (
            n("lost_wins"),
            with(&["projected_wins"], &[Field::CutPct, Field::CutFromMonth]),
        ),
        (n("lost_revenue"), with(&["lost_wins"], &[Field::DealSize])),
        (
            n("lost_in_year_revenue"),
            with(
                &["projected_marketing_revenue"],
                &[Field::CutPct, Field::CutFromMonth, Field::SalesCycleMonths],
            ),
        ),
        (
            n("lost_next_year_revenue"),
            m(&["lost_revenue", "lost_in_year_revenue"]),
        ),
        (
            n("lost_gross_profit"),
            with(&["lost_revenue"], &[Field::GrossMarginPct]),
        ),
        (
            n("in_year_revenue"),
            with(
                &["sales_sourced_wins", "in_year_marketing_revenue"],
                &[
                    Field::RecurringRevenue,
                    Field::DealSize,
                    Field::PipelineRevenue,
                ],
            ),
        ),
        (
            n("in_year_attainment"),
            with(&["in_year_revenue"], &[Field::RevenueGoal]),
        ),
        (
            n("in_year_shortfall"),
            with(&["in_year_revenue"], &[Field::RevenueGoal]),
        ),
        (
            n("earlier_lead_months"),
            with(
                &["in_year_shortfall", "projected_marketing_revenue"],
                &[Field::SalesCycleMonths],
            ),
        ),
        (
            n("in_year_attainment_after_cut"),
            with(
                &["in_year_revenue", "lost_in_year_revenue"],
                &[Field::RevenueGoal],
            ),
        ),
        // Levers are shown only while coverage is defined (and below 1).
        (
            n("lever_spend_share"),
            m(&["coverage", "required_spend_share"]),
        ),
        (
            n("lever_win_rate"),
            with(&["coverage"], &[Field::WinRatePct]),
        ),
        (
            n("lever_sql_to_opp"),
            with(&["coverage"], &[Field::SqlToOppPct]),
        ),
        (
            n("lever_mql_to_sql"),
            with(&["coverage"], &[Field::MqlToSqlPct]),
        ),
        (n("lever_lead_quality_factor"), m(&["coverage"])),
        (
            n("lever_deal_size"),
            with(&["coverage"], &[Field::DealSize]),
        ),
        (n("lever_cost_per_lead_factor"), m(&["coverage"])),
    ]);
    g
}

/// The metrics docs/model.md's graph says must be undefined given the invalid inputs.
fn expected_undefined(s: &Scenario) -> BTreeSet<String> {
    let mut bad: BTreeSet<String> = s.errors().iter().map(|e| node(e.field)).collect();
    let graph = dependency_graph(s);
    loop {
        let before = bad.len();
        for (metric, parents) in &graph {
            if parents.iter().any(|p| bad.contains(p)) {
                bad.insert(metric.clone());
            }
        }
        if bad.len() == before {
            break;
        }
    }
    // Keep metric names only (drop the input and helper nodes).
    let metrics: BTreeSet<String> = graph
        .iter()
        .map(|(m, _)| m.clone())
        .filter(|m| !m.starts_with("share[") && !m.starts_with("rate["))
        .collect();
    bad.intersection(&metrics).cloned().collect()
}

fn actual_undefined(s: &Scenario) -> BTreeSet<String> {
    let p = plan(s);
    let errors: Vec<Field> = s.errors().iter().map(|e| e.field).collect();
    let mut undefined = BTreeSet::new();
    for (name, m) in named_metrics(&p) {
        if let Err(why) = m.0 {
            // A fact of the plan, like an unreachable lever, not of its inputs.
            if why == Undefined::NotByTiming {
                continue;
            }
            if let Undefined::Invalid(field) = why {
                assert!(
                    errors.contains(&field),
                    "{name}: blames {field:?}, which is valid"
                );
            }
            undefined.insert(name);
        }
    }
    if p.levers.is_none() {
        undefined.extend(LEVER_IDS.iter().map(|id| id.to_string()));
    }
    undefined
}

#[test]
fn an_invalid_input_makes_exactly_its_dependent_metrics_undefined() {
    type Mutation = (&'static str, fn(&mut Scenario));
    let mutations: Vec<Mutation> = vec![
        ("revenue_goal 0", |s| s.revenue_goal = 0.0),
        ("recurring_revenue −1", |s| s.recurring_revenue = -1.0),
        ("deal_size 0", |s| s.deal_size = 0.0),
        ("spend 0", |s| s.spend = 0.0),
        ("marketing_sourced 150%", |s| s.marketing_sourced = 1.5),
        ("lead_to_mql 0", |s| s.lead_to_mql = 0.0),
        ("mql_to_sql 0", |s| s.mql_to_sql = 0.0),
        ("sql_to_opp 150%", |s| s.sql_to_opp = 1.5),
        ("win_rate 0", |s| s.win_rate = 0.0),
        ("sales_cycle 7.5", |s| s.sales_cycle_months = 7.5),
        ("gross_margin 0", |s| s.gross_margin = 0.0),
        ("lifetime_value −5", |s| s.lifetime_value = -5.0),
        ("cut 200%", |s| s.cut = 2.0),
        ("cut_from_month 13", |s| s.cut_from_month = 13.0),
        ("shares add up to 155%", |s| s.channels[0].share = 0.9),
        ("channel 2 share −10%", |s| s.channels[1].share = -0.1),
        ("channel 1 CPL 0", |s| s.channels[0].cost_per_lead = 0.0),
        ("channel 3 rate 150%", |s| {
            s.channels[2].lead_to_mql = Some(1.5)
        }),
        ("channel 4 name a~b", |s| s.channels[3].name = "a~b".into()),
        ("name empty", |s| s.name = String::new()),
        ("currency XYZ", |s| s.currency = "XYZ".into()),
        ("13 channels", |s| {
            while s.channels.len() < 13 {
                s.channels.push(Channel::new("Extra", 0.0, 100.0, None));
            }
        }),
        ("win rate 0 and cut 200%", |s| {
            s.win_rate = 0.0;
            s.cut = 2.0;
        }),
        ("sales cycle NaN and LTV inf", |s| {
            s.sales_cycle_months = f64::NAN;
            s.lifetime_value = f64::INFINITY;
        }),
    ];
    // The default scenario, and one whose second channel inherits the scenario's lead → MQL.
    let mut inheriting = Scenario::default();
    inheriting.channels[1].lead_to_mql = None;
    for base in [Scenario::default(), inheriting] {
        for (what, mutate) in &mutations {
            let mut s = base.clone();
            mutate(&mut s);
            assert!(!s.errors().is_empty(), "{what}: should be invalid");
            let expected = expected_undefined(&s);
            let actual = actual_undefined(&s);
            assert_eq!(
                actual,
                expected,
                "{what}: undefined metrics differ\n  extra: {:?}\n  missing: {:?}",
                actual.difference(&expected).collect::<Vec<_>>(),
                expected.difference(&actual).collect::<Vec<_>>(),
            );
        }
    }
}

#[test]
fn undefined_reason_names_the_invalid_field() {
    let s = Scenario {
        mql_to_sql: 2.0,
        ..Scenario::default()
    };
    let p = plan(&s);
    assert_eq!(
        p.required_mqls.0,
        Err(Undefined::Invalid(Field::MqlToSqlPct))
    );
    assert_eq!(
        Undefined::Invalid(Field::MqlToSqlPct).to_string(),
        "needs a valid MQL → SQL rate"
    );
    assert_eq!(
        Undefined::Invalid(Field::WinRatePct).to_string(),
        "needs a valid win rate"
    );
}

// --------------------------------------------- no NaN, ∞ or negative counts

#[test]
fn extreme_valid_inputs_give_numbers_not_misleading_reasons() {
    // All valid per docs/model.md (rates > 0, money > 0): the goal needs
    // 1e13 / 1e-300 deals — more than f64 holds. The model must not show NaN or ∞,
    // and the reason it gives must not be the lever's "not reachable by this lever alone".
    let s = Scenario {
        revenue_goal: 1e13,
        recurring_revenue: 0.0,
        deal_size: 1e-300,
        ..one_channel()
    };
    assert_eq!(s.errors(), vec![]);
    let p = plan(&s);
    for (name, m) in named_metrics(&p) {
        if let Some(v) = m.value() {
            assert!(v.is_finite(), "{name} = {v}");
        }
    }
    assert_ne!(
        p.required_wins.0,
        Err(Undefined::NotReachable),
        "required_wins overflows and is shown as \"not reachable by this lever alone\""
    );
}

#[test]
fn negative_zero_inputs_never_give_negative_zero_counts() {
    // "-0" is a valid number in a share link (marketing_sourced_pct=-0, cut_pct=-0,
    // a channel share of -0): it passes validation as 0, but the counts computed
    // from it are −0.0, whose data-value is written "-0".
    let mut s = one_channel();
    s.marketing_sourced = -0.0;
    s.cut = -0.0;
    s.channels.push(Channel::new("Idle", -0.0, 200.0, None));
    assert_eq!(s.errors(), vec![]);
    for (name, m) in named_metrics(&plan(&s)) {
        if let Some(v) = m.value().filter(|_| is_count(&name)) {
            assert!(
                !v.is_sign_negative(),
                "{name} = {v:?} (data-value \"{v}\") is a negative-signed count"
            );
        }
    }
}

#[test]
fn counts_are_never_negative_in_the_worked_scenarios() {
    for s in [Scenario::default(), one_channel(), one_channel_short()] {
        for (name, m) in named_metrics(&plan(&s)) {
            let v = m.value().unwrap_or(0.0);
            assert!(v.is_finite(), "{name}");
            if is_count(&name) {
                assert!(v >= 0.0, "{name} = {v}");
            }
        }
    }
}

/// Definitions of an MQL and an SQL are free text: empty (not recorded) or up
/// to 280 characters, line breaks allowed, other control characters not. They
/// never change a number.
#[test]
fn definitions_are_short_text_and_never_change_the_numbers() {
    let base = plan(&Scenario::default());
    for ok in [
        "",
        "Fits our ICP and asked for a demo",
        "Line one\nline two",
        &"x".repeat(280),
    ] {
        let mut s = Scenario::default();
        s.set_text(Field::MqlDefinition, ok);
        s.set_text(Field::SqlDefinition, ok);
        assert_eq!(s.errors(), vec![], "{ok:?}");
        assert_eq!(named_metrics(&plan(&s)), named_metrics(&base));
    }
    for bad in ["tab\there", "bell\u{7}", &"x".repeat(281)] {
        let mut s = Scenario::default();
        s.set_text(Field::SqlDefinition, bad);
        let e = s.error(Field::SqlDefinition).expect("invalid definition");
        assert_eq!(
            e.message,
            "SQL definition must be at most 280 characters, without control characters"
        );
        assert_eq!(s.error(Field::MqlDefinition), None);
        assert_eq!(named_metrics(&plan(&s)), named_metrics(&base), "{bad:?}");
    }
    // Windows and old-Mac line breaks are kept as plain line breaks.
    let mut s = Scenario::default();
    s.set_text(Field::MqlDefinition, "a\r\nb\rc");
    assert_eq!(s.mql_definition, "a\nb\nc");
}

/// A preset sets only the figures it has a source for and keeps the rest of
/// the plan; funnel rates replace the channels' own lead → MQL rates.
#[test]
fn a_preset_sets_its_figures_and_keeps_the_rest() {
    let mut mine = one_channel();
    mine.channels[0].lead_to_mql = Some(0.5);
    let smb = Preset::find("smb-inbound").expect("preset");
    let s = smb.apply(&mine);
    assert_eq!(
        (s.lead_to_mql, s.mql_to_sql, s.sql_to_opp, s.win_rate),
        (0.32, 0.38, 0.48, 0.28)
    );
    assert_eq!(s.channels[0].lead_to_mql, None, "the preset's rate applies");
    assert_eq!(
        (s.spend, s.revenue_goal, s.deal_size),
        (mine.spend, mine.revenue_goal, mine.deal_size)
    );
    assert_eq!(s.channels[0].name, "Search");
    // 1,000,000 budget at 200 a lead: 5,000 leads × 32% × 38% × 48% × 28%.
    let p = plan(&s);
    let wins = p.projected_wins.value().expect("wins");
    assert!(
        (wins - 5_000.0 * 0.32 * 0.38 * 0.48 * 0.28).abs() < 1e-9,
        "{wins}"
    );

    let manufacturing = Preset::find("manufacturing").expect("preset").apply(&mine);
    let names: Vec<&str> = manufacturing
        .channels
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Trade shows", "Paid search", "Content & SEO"]);
    assert_eq!(manufacturing.spend, 0.095);
    assert_eq!(manufacturing.name, mine.name);
}
