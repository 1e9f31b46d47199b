#![cfg(not(target_arch = "wasm32"))]
//! Invariants of the planning model (`docs/model.md`) over random scenarios.

use budget_planner::model::{
    CURRENCIES, Channel, ChannelMetric, Field, MAX_CHANNELS, MONEY_MAX, Metric, Plan, PlanMetric,
    Scenario, Undefined,
};
use proptest::prelude::*;
use proptest::test_runner::Config;

// ---------------------------------------------------------------- helpers

/// Every metric of a plan with its `data-metric` id (channels get `[i]`).
fn all_metrics(plan: &Plan) -> Vec<(String, Metric)> {
    plan.metrics()
}

/// The metrics that count things, which must never be negative.
fn is_count(name: &str) -> bool {
    use ChannelMetric::*;
    use PlanMetric::*;
    const COUNTS: [PlanMetric; 13] = [
        RequiredWins,
        MarketingWins,
        SalesSourcedWins,
        RequiredOpportunities,
        RequiredSqls,
        RequiredMqls,
        RequiredLeads,
        FundedLeads,
        FundedMqls,
        FundedSqls,
        FundedOpportunities,
        ProjectedWins,
        LostWins,
    ];
    const CHANNEL_COUNTS: [ChannelMetric; 5] = [
        ChannelLeads,
        ChannelMqls,
        ChannelSqls,
        ChannelOpportunities,
        ChannelWins,
    ];
    COUNTS.iter().any(|c| name == c.id())
        || CHANNEL_COUNTS.iter().any(|c| {
            name.strip_prefix(c.id())
                .is_some_and(|rest| rest.starts_with('['))
        })
}

fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    a == b || (a - b).abs() <= tol * a.abs().max(b.abs())
}

fn v(m: Metric) -> f64 {
    m.value().unwrap_or(f64::NAN)
}

fn config() -> Config {
    Config {
        cases: 256,
        // Keep the repo clean: no proptest-regressions files.
        failure_persistence: None,
        ..Config::default()
    }
}

// ----------------------------------------------------- valid scenarios

/// 10^e for e uniform in [lo, hi): spreads values over many magnitudes.
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|e| 10f64.powf(e))
}

/// A rate in (0, 1], from 1e-6 up, with 100% itself often.
fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => log_uniform(-6.0, 0.0),
        3 => 0.01f64..=1.0,
        1 => Just(1.0),
    ]
}

/// Money in (0, 1e13], from 10^lo up, with the cap itself often.
fn money(lo: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => log_uniform(lo, 13.0).prop_map(|m| m.min(MONEY_MAX)),
        1 => Just(MONEY_MAX),
    ]
}

/// A fraction in [0, 1], the ends included.
fn fraction() -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(0.0), 1 => Just(1.0), 4 => 0.0f64..=1.0]
}

/// A channel with a relative weight (its share is set by `with_shares`).
fn channel() -> impl Strategy<Value = (f64, f64, Option<f64>)> {
    (
        prop_oneof![1 => Just(0.0), 4 => 0.01f64..=1.0],
        money(-2.0),
        proptest::option::of(rate()),
    )
}

/// Valid scenarios whose channel shares add up to a total drawn from `total`.
fn valid_scenario_with(total: BoxedStrategy<f64>) -> impl Strategy<Value = Scenario> {
    let money_inputs = (
        money(0.0),                                       // revenue goal
        prop_oneof![Just(0.0), 0.0f64..1.0, 1.0f64..2.0], // recurring, × goal
        money(-2.0),                                      // deal size
        money(0.0),                                       // lifetime value
    );
    let rates = (rate(), fraction(), rate(), rate(), rate(), rate(), rate());
    let rest = (
        0u8..=24,   // sales cycle
        fraction(), // cut
        1u8..=12,   // cut from month
        proptest::collection::vec(channel(), 1..=MAX_CHANNELS),
        total,
        0usize..CURRENCIES.len(),
    );
    (money_inputs, rates, rest).prop_map(
        |(
            (goal, recurring_x, deal_size, lifetime_value),
            (spend, marketing_sourced, lead_to_mql, mql_to_sql, sql_to_opp, win_rate, gross_margin),
            (cycle, cut, from, raw_channels, total, currency),
        )| {
            let weights: f64 = raw_channels.iter().map(|c| c.0).sum();
            let channels = raw_channels
                .iter()
                .enumerate()
                .map(|(i, &(w, cpl, r))| {
                    let share = if weights > 0.0 {
                        total * w / weights
                    } else if i == 0 {
                        total
                    } else {
                        0.0
                    };
                    Channel::new(&format!("Channel {}", i + 1), share, cpl, r)
                })
                .collect();
            Scenario {
                name: "Random plan".into(),
                currency: CURRENCIES[currency].into(),
                revenue_goal: goal,
                recurring_revenue: (goal * recurring_x).min(MONEY_MAX),
                deal_size,
                spend,
                marketing_sourced,
                lead_to_mql,
                mql_to_sql,
                sql_to_opp,
                win_rate,
                sales_cycle_months: f64::from(cycle),
                gross_margin,
                lifetime_value,
                channels,
                cut,
                cut_from_month: f64::from(from),
                mql_definition: String::new(),
                sql_definition: String::new(),
                ..Scenario::default()
            }
        },
    )
}

/// Any valid scenario: shares add up to anything from 0 to 100%.
fn valid_scenario() -> impl Strategy<Value = Scenario> {
    valid_scenario_with(prop_oneof![2 => Just(1.0), 1 => Just(0.0), 3 => 0.01f64..=1.0].boxed())
}

/// Valid scenarios with the whole budget allocated (so budget = spend).
fn fully_allocated_scenario() -> impl Strategy<Value = Scenario> {
    valid_scenario_with(Just(1.0).boxed())
}

/// Fully allocated valid scenarios whose coverage is between 0.3 and 1, so
/// most levers are reachable (the deal size is rescaled: coverage ∝ deal size).
fn near_gap_scenario() -> impl Strategy<Value = Scenario> {
    (fully_allocated_scenario(), 0.3f64..0.999).prop_filter_map(
        "coverage undefined or the deal size out of range",
        |(s, target)| {
            let coverage = Plan::compute(&s).coverage.value()?;
            let deal_size = s.deal_size * target / coverage;
            (coverage > 0.0 && deal_size > 0.0 && deal_size <= MONEY_MAX)
                .then_some(Scenario { deal_size, ..s })
        },
    )
}

// ------------------------------------------------- arbitrary scenarios

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => any::<f64>(),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(-0.0),
        1 => Just(0.0),
        1 => Just(MONEY_MAX),
        1 => Just(f64::MAX),
        1 => Just(f64::MIN_POSITIVE),
        1 => Just(5e-324),
        3 => -2.0f64..2.0,
        2 => 0.0f64..1e14,
        2 => (0u8..30).prop_map(f64::from),
    ]
}

fn any_channel() -> impl Strategy<Value = Channel> {
    (
        prop_oneof![
            any::<String>(),
            Just("~".to_string()),
            Just("Paid search".to_string())
        ],
        any_number(),
        any_number(),
        proptest::option::of(any_number()),
    )
        .prop_map(|(name, share, cost_per_lead, lead_to_mql)| Channel {
            name,
            share,
            cost_per_lead,
            lead_to_mql,
            segment: 0,
        })
}

fn any_scenario() -> impl Strategy<Value = Scenario> {
    let text = (
        prop_oneof![any::<String>(), Just(String::new()), Just("x".repeat(81))],
        prop_oneof![
            any::<String>(),
            proptest::sample::select(CURRENCIES.to_vec()).prop_map(String::from)
        ],
    );
    let numbers = (
        any_number(),
        any_number(),
        any_number(),
        any_number(),
        any_number(),
        any_number(),
        any_number(),
    );
    let more = (
        any_number(),
        any_number(),
        any_number(),
        any_number(),
        any_number(),
        any_number(),
        any_number(),
    );
    let channels = proptest::collection::vec(any_channel(), 0..=20);
    (text, numbers, more, channels).prop_map(
        |(
            (name, currency),
            (
                revenue_goal,
                recurring_revenue,
                deal_size,
                spend,
                marketing_sourced,
                lead_to_mql,
                mql_to_sql,
            ),
            (
                sql_to_opp,
                win_rate,
                sales_cycle_months,
                gross_margin,
                lifetime_value,
                cut,
                cut_from_month,
            ),
            channels,
        )| Scenario {
            // Definitions never enter the maths; arbitrary text checks that.
            mql_definition: name.clone(),
            sql_definition: currency.clone(),
            name,
            currency,
            revenue_goal,
            recurring_revenue,
            deal_size,
            spend,
            marketing_sourced,
            lead_to_mql,
            mql_to_sql,
            sql_to_opp,
            win_rate,
            sales_cycle_months,
            gross_margin,
            lifetime_value,
            channels,
            cut,
            cut_from_month,
            ..Scenario::default()
        },
    )
}

/// Any scenario, but mostly valid, with one or two inputs anything at all:
/// exercises the boundary between numbers and "—".
fn mostly_valid_scenario() -> impl Strategy<Value = Scenario> {
    (
        valid_scenario(),
        0usize..18,
        any_number(),
        0usize..18,
        any_number(),
    )
        .prop_map(|(mut s, f1, x1, f2, x2)| {
            for (f, x) in [(f1, x1), (f2, x2)] {
                match f {
                    0 => s.revenue_goal = x,
                    1 => s.recurring_revenue = x,
                    2 => s.deal_size = x,
                    3 => s.spend = x,
                    4 => s.marketing_sourced = x,
                    5 => s.lead_to_mql = x,
                    6 => s.mql_to_sql = x,
                    7 => s.sql_to_opp = x,
                    8 => s.win_rate = x,
                    9 => s.sales_cycle_months = x,
                    10 => s.gross_margin = x,
                    11 => s.lifetime_value = x,
                    12 => s.cut = x,
                    13 => s.cut_from_month = x,
                    14 => s.channels[0].share = x,
                    15 => s.channels[0].cost_per_lead = x,
                    16 => s.channels[0].lead_to_mql = Some(x),
                    _ => {
                        let last = s.channels.len() - 1;
                        s.channels[last].share = x;
                    }
                }
            }
            s
        })
}

/// Checks what holds for every scenario, valid or not: every metric finite
/// or undefined, no negative count, and "—" blamed only on invalid inputs.
fn check_well_formed(s: &Scenario, plan: &Plan) -> Result<(), TestCaseError> {
    let errors: Vec<Field> = s.errors().iter().map(|e| e.field).collect();
    for field in Field::SCALARS {
        let _ = s.error(field);
    }
    prop_assert_eq!(plan.channels.len(), s.channels.len());
    for (name, m) in all_metrics(plan) {
        match m.0 {
            Ok(x) => {
                prop_assert!(x.is_finite(), "{} = {}", name, x);
                if is_count(&name) {
                    prop_assert!(x >= 0.0, "{} = {} is a negative count", name, x);
                }
            }
            Err(Undefined::Invalid(field)) => {
                prop_assert!(
                    errors.contains(&field),
                    "{} blames {:?}, but that input is valid (errors: {:?})",
                    name,
                    field,
                    errors
                );
            }
            Err(_) => {}
        }
    }
    Ok(())
}

// ------------------------------------------------------------ properties

proptest! {
    #![proptest_config(config())]

    /// (a) No metric is ever NaN or ±∞, no count is negative, and a valid
    /// scenario has no "—" for an invalid input nor an overflow.
    #[test]
    fn valid_scenarios_give_finite_metrics_and_non_negative_counts(s in valid_scenario()) {
        prop_assert_eq!(s.errors(), vec![]);
        let plan = Plan::compute(&s);
        check_well_formed(&s, &plan)?;
        // Outside the levers, "—" only ever means a division by zero docs/model.md
        // names (nothing allocated, no leads, no wins, no marketing wins, a
        // channel without budget) — never an invalid input or an overflow.
        for (name, m) in all_metrics(&plan) {
            if let Err(why) = m.0 {
                prop_assert!(
                    name.starts_with("lever_")
                        // Like a lever: earlier leads may not close the year alone.
                        || (name == "earlier_lead_months" && why == Undefined::NotByTiming)
                        || matches!(
                            why,
                            Undefined::NoSpend
                                | Undefined::NoFundedLeads
                                | Undefined::NoFundedWins
                                | Undefined::NoMarketingWins
                                | Undefined::NoChannelBudget
                        ),
                    "{}: {:?}",
                    name,
                    why
                );
            }
        }
        // The required path, budget and funded path are always numbers.
        for m in [
            plan.new_revenue, plan.required_wins, plan.marketing_wins, plan.sales_sourced_wins,
            plan.required_opportunities, plan.required_sqls, plan.required_mqls,
            plan.required_leads, plan.blended_lead_to_mql, plan.budget, plan.spend,
            plan.unallocated_budget, plan.funded_leads, plan.projected_wins,
            plan.projected_marketing_revenue, plan.projected_revenue, plan.attainment,
        ] {
            prop_assert!(m.value().is_some(), "{:?}", m);
        }
    }

    /// (b) A higher win rate or any higher conversion rate never needs more leads.
    #[test]
    fn higher_rates_never_need_more_leads(
        s in valid_scenario(),
        which in 0usize..5,
        channel in 0usize..MAX_CHANNELS,
        step in 0.0f64..=1.0,
    ) {
        let before = v(Plan::compute(&s).required_leads);
        let up = |old: f64| old + step * (1.0 - old);
        let mut t = s.clone();
        match which {
            0 => t.win_rate = up(s.win_rate),
            1 => t.sql_to_opp = up(s.sql_to_opp),
            2 => t.mql_to_sql = up(s.mql_to_sql),
            3 => t.lead_to_mql = up(s.lead_to_mql),
            _ => {
                let k = channel % s.channels.len();
                let old = s.channels[k].lead_to_mql.unwrap_or(s.lead_to_mql);
                t.channels[k].lead_to_mql = Some(up(old).min(1.0));
            }
        }
        prop_assert_eq!(t.errors(), vec![]);
        let after = v(Plan::compute(&t).required_leads);
        prop_assert!(after <= before * (1.0 + 1e-12), "required leads rose from {} to {}", before, after);
    }

    /// (c) More budget — a higher spend share, or more of it allocated to a
    /// channel — never buys fewer wins.
    #[test]
    fn more_budget_never_buys_fewer_wins(
        s in valid_scenario(),
        channel in 0usize..MAX_CHANNELS,
        step in 0.0f64..=1.0,
    ) {
        let before = v(Plan::compute(&s).projected_wins);
        let more_spend = Scenario { spend: s.spend + step * (1.0 - s.spend), ..s.clone() };
        prop_assert_eq!(more_spend.errors(), vec![]);
        let after = v(Plan::compute(&more_spend).projected_wins);
        prop_assert!(after >= before, "spend ↑: wins {} → {}", before, after);

        let room = (1.0 - s.allocated_share()).max(0.0);
        let mut more_share = s.clone();
        let k = channel % s.channels.len();
        more_share.channels[k].share += step * room;
        prop_assert_eq!(more_share.errors(), vec![]);
        let after = v(Plan::compute(&more_share).projected_wins);
        prop_assert!(after >= before, "share ↑: wins {} → {}", before, after);
    }

    /// (d) Required counts × rates reproduce the marketing-sourced wins.
    #[test]
    fn required_counts_times_rates_reproduce_the_wins(s in valid_scenario()) {
        let p = Plan::compute(&s);
        let wins = v(p.marketing_wins);
        let back = v(p.required_leads) * v(p.blended_lead_to_mql) * s.mql_to_sql * s.sql_to_opp * s.win_rate;
        prop_assert!(rel_close(back, wins, 1e-9), "{} vs {}", back, wins);
        prop_assert!(rel_close(v(p.required_opportunities) * s.win_rate, wins, 1e-9));
        prop_assert!(rel_close(v(p.required_sqls) * s.sql_to_opp, v(p.required_opportunities), 1e-9));
        prop_assert!(rel_close(v(p.required_mqls) * s.mql_to_sql, v(p.required_sqls), 1e-9));
        prop_assert!(rel_close(v(p.required_wins), v(p.marketing_wins) + v(p.sales_sourced_wins), 1e-12));
        prop_assert!(rel_close(v(p.new_revenue), (s.revenue_goal - s.recurring_revenue).max(0.0), 1e-12));
        // The funded path run backwards: wins ÷ rates = the MQLs bought.
        let mqls = v(p.projected_wins) / (s.mql_to_sql * s.sql_to_opp * s.win_rate);
        prop_assert!(rel_close(mqls, v(p.funded_mqls), 1e-9), "{} vs {}", mqls, v(p.funded_mqls));
    }

    /// (e) Budget = required budget ⇒ coverage = 1. With the whole budget
    /// allocated, setting the spend share to required_spend_share does it.
    #[test]
    fn coverage_is_one_at_the_required_spend_share(s in fully_allocated_scenario()) {
        let p = Plan::compute(&s);
        let needed = v(p.required_spend_share);
        // (NaN when undefined: the comparisons below are then false.)
        if v(p.marketing_wins) > 0.0 && needed > 0.0 && needed <= 1.0 {
            let t = Scenario { spend: needed, ..s.clone() };
            prop_assert_eq!(t.errors(), vec![]);
            let q = Plan::compute(&t);
            prop_assert!(rel_close(v(q.coverage), 1.0, 1e-9), "coverage {}", v(q.coverage));
            prop_assert!(rel_close(v(q.budget), v(p.required_budget), 1e-9));
            prop_assert!(q.levers.is_none() || v(q.coverage) < 1.0);
        }
    }

    /// (e′) With unallocated budget, the budget share that just meets the goal
    /// is required_spend_share ÷ the allocated share (required_spend_share is
    /// *spend*, the allocated budget, as a share of the goal).
    #[test]
    fn coverage_is_one_when_allocated_spend_equals_the_required_budget(s in valid_scenario()) {
        let p = Plan::compute(&s);
        let allocated = s.allocated_share();
        if let (Some(needed), Some(wins)) = (p.required_spend_share.value(), p.marketing_wins.value()) {
            let budget_share = needed / allocated;
            if wins > 0.0 && needed > 0.0 && budget_share <= 1.0 {
                let t = Scenario { spend: budget_share, ..s.clone() };
                prop_assert_eq!(t.errors(), vec![]);
                let q = Plan::compute(&t);
                prop_assert!(rel_close(v(q.coverage), 1.0, 1e-9), "coverage {}", v(q.coverage));
                prop_assert!(rel_close(v(q.spend), v(p.required_budget), 1e-9));
            }
        }
    }

    /// Each reachable lever alone, applied as docs/model.md describes it, brings
    /// coverage to 1; an unreachable one would need a rate above 100%.
    #[test]
    fn each_reachable_lever_alone_closes_the_gap(
        s in prop_oneof![1 => fully_allocated_scenario().boxed(), 3 => near_gap_scenario().boxed()],
    ) {
        let p = Plan::compute(&s);
        let Some(levers) = p.levers else { return Ok(()); };
        let coverage = v(p.coverage);
        prop_assert!(coverage < 1.0);
        if coverage == 0.0 {
            for (name, m) in levers.entries() {
                prop_assert_eq!(m.0, Err(Undefined::NothingFunded), "{}", name);
            }
            return Ok(());
        }
        let mut variants: Vec<(&str, Option<Scenario>)> = Vec::new();
        let lever = |m: Metric| m.value();
        variants.push(("spend share", lever(levers.lever_spend_share).map(|x| Scenario { spend: x, ..s.clone() })));
        variants.push(("win rate", lever(levers.lever_win_rate).map(|x| Scenario { win_rate: x, ..s.clone() })));
        variants.push(("SQL → opp", lever(levers.lever_sql_to_opp).map(|x| Scenario { sql_to_opp: x, ..s.clone() })));
        variants.push(("MQL → SQL", lever(levers.lever_mql_to_sql).map(|x| Scenario { mql_to_sql: x, ..s.clone() })));
        variants.push((
            "deal size",
            lever(levers.lever_deal_size).filter(|&x| x <= MONEY_MAX).map(|x| Scenario { deal_size: x, ..s.clone() }),
        ));
        variants.push(("lead quality", lever(levers.lever_lead_quality_factor).map(|f| {
            let mut t = s.clone();
            for c in t.channels.iter_mut().filter(|c| c.share > 0.0) {
                c.lead_to_mql = Some(c.lead_to_mql.unwrap_or(s.lead_to_mql) * f);
            }
            t
        })));
        variants.push(("cost per lead", lever(levers.lever_cost_per_lead_factor).map(|f| {
            let mut t = s.clone();
            for c in &mut t.channels {
                c.cost_per_lead *= f;
            }
            t
        })));
        for (what, t) in variants {
            let Some(t) = t else { continue };
            prop_assert_eq!(t.errors(), vec![], "{}", what);
            let q = Plan::compute(&t);
            prop_assert!(rel_close(v(q.coverage), 1.0, 1e-9), "{}: coverage {}", what, v(q.coverage));
        }
        // Unreachable means the rate would have to exceed 100%.
        for (m, rate) in [
            (levers.lever_win_rate, s.win_rate),
            (levers.lever_sql_to_opp, s.sql_to_opp),
            (levers.lever_mql_to_sql, s.mql_to_sql),
        ] {
            if m.0 == Err(Undefined::NotReachable) {
                prop_assert!(rate / coverage > 1.0);
            }
        }
        if levers.lever_spend_share.0 == Err(Undefined::NotReachable) {
            prop_assert!(v(p.required_spend_share) > 1.0);
        }
    }

    /// (f) Totals and identities: projected revenue = recurring + sales-sourced
    /// + marketing revenue; attainment; sums over channels; the splits.
    #[test]
    fn totals_and_attainment_are_consistent(s in valid_scenario()) {
        let p = Plan::compute(&s);
        let expected = s.recurring_revenue + v(p.sales_sourced_wins) * s.deal_size + v(p.projected_marketing_revenue);
        prop_assert!(rel_close(v(p.projected_revenue), expected, 1e-12));
        prop_assert!(rel_close(v(p.attainment), expected / s.revenue_goal, 1e-12));
        let sum = |f: fn(&budget_planner::model::ChannelResult) -> Metric| -> f64 {
            p.channels.iter().map(|c| v(f(c))).sum()
        };
        prop_assert!(rel_close(v(p.spend), sum(|c| c.channel_budget), 1e-12));
        prop_assert!(rel_close(v(p.funded_leads), sum(|c| c.channel_leads), 1e-12));
        prop_assert!(rel_close(v(p.projected_wins), sum(|c| c.channel_wins), 1e-12));
        prop_assert!(rel_close(v(p.projected_marketing_revenue), sum(|c| c.channel_revenue), 1e-12));
        prop_assert!(rel_close(v(p.budget), s.revenue_goal * s.spend, 1e-12));
        // Unallocated = budget − spend, never meaningfully negative.
        prop_assert!(v(p.unallocated_budget) >= -1e-9 * v(p.budget), "{}", v(p.unallocated_budget));
        // Revenue splits add up and neither part is negative.
        let pmr = v(p.projected_marketing_revenue);
        prop_assert!(rel_close(v(p.in_year_marketing_revenue) + v(p.next_year_marketing_revenue), pmr, 1e-12));
        prop_assert!(v(p.in_year_marketing_revenue) >= 0.0 && v(p.next_year_marketing_revenue) >= -1e-9 * pmr);
        let cut = p.budget_cut;
        let lost = v(cut.lost_revenue);
        prop_assert!(rel_close(v(cut.lost_in_year_revenue) + v(cut.lost_next_year_revenue), lost, 1e-9));
        prop_assert!(v(cut.lost_in_year_revenue) >= 0.0);
        prop_assert!(v(cut.lost_next_year_revenue) >= -1e-9 * lost, "{}", v(cut.lost_next_year_revenue));
        prop_assert!(v(cut.budget_saved) <= v(p.spend) * (1.0 + 1e-12));
        prop_assert!(v(cut.lost_wins) <= v(p.projected_wins) * (1.0 + 1e-12));
        // Coverage, when defined, is projected ÷ needed wins; levers only below 1.
        if let Some(c) = p.coverage.value() {
            prop_assert!(rel_close(c * v(p.marketing_wins), v(p.projected_wins), 1e-12));
            prop_assert_eq!(p.levers.is_some(), c < 1.0);
        } else {
            prop_assert!(p.levers.is_none());
        }
    }

    /// (g) Arbitrary inputs — NaN, ±∞, negatives, huge, any text — never make
    /// the model panic, and every metric is then finite or undefined.
    #[test]
    fn compute_never_panics_and_is_finite_or_undefined(s in any_scenario()) {
        let plan = Plan::compute(&s);
        check_well_formed(&s, &plan)?;
        if s.errors().is_empty() {
            for (name, m) in all_metrics(&plan) {
                prop_assert!(!matches!(m.0, Err(Undefined::Invalid(_))), "{}", name);
            }
        }
    }

    /// (g′) Mostly valid scenarios with one or two arbitrary inputs: the same,
    /// near the boundary between numbers and "—".
    #[test]
    fn one_bad_input_never_gives_nan_or_negative_counts(s in mostly_valid_scenario()) {
        let plan = Plan::compute(&s);
        check_well_formed(&s, &plan)?;
    }
}
