#![cfg(not(target_arch = "wasm32"))]
//! Invariants of segments (`docs/model.md`, "Segments") over random plans:
//! one segment is the plan without segments, splitting a segment into two
//! identical halves changes nothing plan-wide, and a better win rate never
//! lowers coverage.

use budget_planner::model::{Channel, Metric, Plan, Scenario, Segment};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn config() -> Config {
    Config {
        cases: 256,
        // Keep the repo clean: no proptest-regressions files.
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------- strategies

fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(1.0), 6 => 0.01f64..=1.0]
}

/// A valid override of each default, or none.
#[derive(Clone, Debug)]
struct Overrides {
    deal_size: Option<f64>,
    marketing_sourced: Option<f64>,
    win_rate: Option<f64>,
    sql_to_opp: Option<f64>,
    mql_to_sql: Option<f64>,
    sales_cycle_months: Option<f64>,
    lifetime_value: Option<f64>,
}

fn overrides() -> impl Strategy<Value = Overrides> {
    use proptest::option::of;
    (
        of(1_000.0f64..1e6),
        of(prop_oneof![1 => Just(0.0), 4 => 0.0f64..=1.0]),
        of(rate()),
        of(rate()),
        of(rate()),
        of((0u8..=24).prop_map(f64::from)),
        of(1_000.0f64..1e7),
    )
        .prop_map(
            |(deal_size, marketing_sourced, win_rate, sql_to_opp, mql_to_sql, cycle, ltv)| {
                Overrides {
                    deal_size,
                    marketing_sourced,
                    win_rate,
                    sql_to_opp,
                    mql_to_sql,
                    sales_cycle_months: cycle,
                    lifetime_value: ltv,
                }
            },
        )
}

fn segment(name: &str, share: f64, o: &Overrides) -> Segment {
    Segment {
        deal_size: o.deal_size,
        marketing_sourced: o.marketing_sourced,
        win_rate: o.win_rate,
        sql_to_opp: o.sql_to_opp,
        mql_to_sql: o.mql_to_sql,
        sales_cycle_months: o.sales_cycle_months,
        lifetime_value: o.lifetime_value,
        ..Segment::named(name, share)
    }
}

/// A valid scenario without segments, with 1–`max_channels` channels whose
/// raw segment numbers (0–5) are left for the caller to map.
fn base(max_channels: usize) -> impl Strategy<Value = (Scenario, Vec<usize>)> {
    let inputs = (
        1e5f64..1e9,                                     // goal
        prop_oneof![Just(0.0), 0.0f64..0.95],            // recurring, × goal
        1_000.0f64..1e6,                                 // deal size
        0.01f64..=0.5,                                   // spend
        prop_oneof![1 => Just(0.0), 4 => 0.0f64..=1.0],  // marketing-sourced
        (rate(), rate(), rate(), rate(), 0.05f64..=1.0), // l2m, m2s, s2o, win, margin
    );
    let rest = (
        0u8..=24,        // sales cycle
        1_000.0f64..1e7, // lifetime value
        0.0f64..=1.0,    // cut
        1u8..=12,        // cut from month
        proptest::collection::vec(
            (
                prop_oneof![1 => Just(0.0), 4 => 0.01f64..=1.0],
                10.0f64..1e4,
                proptest::option::of(rate()),
                0usize..6,
            ),
            1..=max_channels,
        ),
        prop_oneof![3 => Just(1.0), 1 => 0.1f64..=1.0], // total allocated
    );
    (inputs, rest).prop_map(
        |(
            (goal, recurring_x, deal_size, spend, marketing_sourced, rates),
            (cycle, lifetime_value, cut, from, raw, total),
        )| {
            let (lead_to_mql, mql_to_sql, sql_to_opp, win_rate, gross_margin) = rates;
            let weights: f64 = raw.iter().map(|c| c.0).sum();
            let channels = raw
                .iter()
                .enumerate()
                .map(|(i, &(w, cpl, r, _))| {
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
            let s = Scenario {
                name: "Random plan".into(),
                revenue_goal: goal,
                recurring_revenue: goal * recurring_x,
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
                ..Scenario::default()
            };
            (s, raw.iter().map(|c| c.3).collect())
        },
    )
}

/// A valid scenario with 2–3 segments (random overrides and shares), each
/// channel feeding one of them.
fn segmented(max_channels: usize) -> impl Strategy<Value = Scenario> {
    (
        base(max_channels),
        proptest::collection::vec((0.05f64..1.0, overrides()), 2..=3),
    )
        .prop_map(|((mut s, raw_segments), raw)| {
            let weights: f64 = raw.iter().map(|g| g.0).sum();
            s.segments = raw
                .iter()
                .enumerate()
                .map(|(i, (w, o))| segment(&format!("Segment {}", i + 1), w / weights, o))
                .collect();
            for (c, g) in s.channels.iter_mut().zip(raw_segments) {
                c.segment = g % raw.len();
            }
            s
        })
        .prop_filter("shares must add up to 100% within 1e-9", |s| {
            s.errors().is_empty()
        })
}

// ------------------------------------------------------------- helpers

/// Metrics that are a difference of larger figures: their float noise is
/// relative to those, not to the difference.
const MONEY_DIFFERENCES: [&str; 5] = [
    "unallocated_budget",
    "budget_gap",
    "in_year_shortfall",
    "next_year_marketing_revenue",
    "lost_next_year_revenue",
];

fn same(name: &str, a: Metric, b: Metric, goal: f64, leads: f64) -> bool {
    match (a.0, b.0) {
        (Ok(x), Ok(y)) => {
            let floor = if MONEY_DIFFERENCES.contains(&name) {
                1e-9 * goal
            } else if name == "leads_gap" {
                1e-9 * leads
            } else {
                1e-9
            };
            (x - y).abs() <= 1e-9 * x.abs().max(y.abs()) + floor
        }
        (x, y) => x == y,
    }
}

/// Scale of the leads figures, for `leads_gap`'s noise.
fn leads_scale(p: &Plan) -> f64 {
    p.required_leads.value().unwrap_or(0.0) + p.funded_leads.value().unwrap_or(0.0)
}

/// Coverage so close to 100% that rounding may show the levers or not.
fn coverage_near_1(p: &Plan) -> bool {
    p.coverage.value().is_some_and(|c| (c - 1.0).abs() <= 1e-9)
}

/// Every metric of `a` equals the one of the same id in `b` (ids filtered
/// by `keep`), and both list the same ids.
fn check_same_metrics(
    a: &Plan,
    b: &Plan,
    goal: f64,
    keep: impl Fn(&str) -> bool,
) -> Result<(), TestCaseError> {
    let lever_noise = coverage_near_1(a) || coverage_near_1(b);
    let listed = |p: &Plan| -> Vec<(String, Metric)> {
        p.metrics()
            .into_iter()
            .filter(|(n, _)| keep(n))
            .filter(|(n, _)| !(lever_noise && n.starts_with("lever_")))
            .collect()
    };
    let (la, lb) = (listed(a), listed(b));
    let names = |l: &[(String, Metric)]| l.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    prop_assert_eq!(names(&la), names(&lb));
    let leads = leads_scale(a).max(leads_scale(b));
    for ((name, x), (_, y)) in la.iter().zip(&lb) {
        prop_assert!(
            same(name, *x, *y, goal, leads),
            "{}: {:?} versus {:?}",
            name,
            x,
            y
        );
    }
    Ok(())
}

// ---------------------------------------------------------- properties

proptest! {
    #![proptest_config(config())]

    /// With one segment every metric equals the plan without segments:
    /// a named segment at 100% whose overrides are the plan's own values,
    /// over defaults changed to something else.
    #[test]
    fn one_segment_equals_the_plan_without_segments(
        (s, _) in base(12),
        other in overrides(),
    ) {
        prop_assert_eq!(s.errors(), vec![]);
        prop_assert!(!s.uses_segments());
        let mut t = s.clone();
        t.segments = vec![Segment {
            deal_size: Some(s.deal_size),
            marketing_sourced: Some(s.marketing_sourced),
            win_rate: Some(s.win_rate),
            sql_to_opp: Some(s.sql_to_opp),
            mql_to_sql: Some(s.mql_to_sql),
            sales_cycle_months: Some(s.sales_cycle_months),
            lifetime_value: Some(s.lifetime_value),
            ..Segment::named("Core", 1.0)
        }];
        // The defaults the segment overrides no longer matter.
        t.deal_size = other.deal_size.unwrap_or(s.deal_size * 2.0);
        t.marketing_sourced = other.marketing_sourced.unwrap_or(0.5);
        t.win_rate = other.win_rate.unwrap_or(0.3);
        t.sql_to_opp = other.sql_to_opp.unwrap_or(0.3);
        t.mql_to_sql = other.mql_to_sql.unwrap_or(0.3);
        t.sales_cycle_months = other.sales_cycle_months.unwrap_or(6.0);
        t.lifetime_value = other.lifetime_value.unwrap_or(s.lifetime_value * 2.0);
        prop_assert_eq!(t.errors(), vec![]);
        prop_assert!(t.uses_segments());
        let (a, b) = (Plan::compute(&s), Plan::compute(&t));
        // The same listing, value for value.
        prop_assert_eq!(a.metrics(), b.metrics());
    }

    /// The plan without segments lists the same metrics as its one default
    /// segment made explicit, and none of the segment ids.
    #[test]
    fn one_segment_lists_no_segment_ids((s, _) in base(12)) {
        let p = Plan::compute(&s);
        prop_assert!(p.metrics().iter().all(|(n, _)| !n.starts_with("segment_")
            && n != "required_marketing_revenue"));
        prop_assert_eq!(p.segments.len(), 1);
    }

    /// Splitting a segment into two identical halves (same overrides,
    /// shares halved, each of its channels split evenly between them)
    /// changes no plan-wide metric.
    #[test]
    fn splitting_a_segment_in_identical_halves_changes_nothing_plan_wide(
        s in segmented(6),
        which in 0usize..3,
    ) {
        let g = which % s.segments.len();
        let mut t = s.clone();
        t.segments[g].revenue_share /= 2.0;
        let mut half = t.segments[g].clone();
        half.name = format!("{} (second half)", half.name);
        t.segments.push(half);
        let second = t.segments.len() - 1;
        let mut extra = Vec::new();
        for c in &mut t.channels {
            if c.segment == g {
                c.share /= 2.0;
                extra.push(Channel { name: format!("{} 2", c.name), ..c.clone() }.in_segment(second));
            }
        }
        t.channels.extend(extra);
        prop_assert_eq!(t.errors(), vec![]);
        let (a, b) = (Plan::compute(&s), Plan::compute(&t));
        // Plan-wide: every id without a channel or segment index.
        check_same_metrics(&a, &b, s.revenue_goal, |n| !n.contains('['))?;
        prop_assert_eq!(a.verdict(), b.verdict());
    }

    /// Raising one segment's win rate never lowers coverage, the plan's
    /// or the segment's.
    #[test]
    fn raising_a_segments_win_rate_never_lowers_coverage(
        s in segmented(12),
        which in 0usize..3,
        up in 0.0f64..=1.0,
    ) {
        let g = which % s.segments.len();
        let before = s.funnel(g).win_rate.value().unwrap_or(1.0);
        let mut t = s.clone();
        t.segments[g].win_rate = Some(before + (1.0 - before) * up);
        prop_assert_eq!(t.errors(), vec![]);
        let (a, b) = (Plan::compute(&s), Plan::compute(&t));
        for (name, x, y) in [
            ("coverage", a.coverage, b.coverage),
            ("segment_coverage", a.segments[g].segment_coverage, b.segments[g].segment_coverage),
        ] {
            match (x.0, y.0) {
                (Ok(x), Ok(y)) => prop_assert!(
                    y >= x * (1.0 - 1e-12),
                    "{} fell from {} to {}", name, x, y
                ),
                (x, y) => prop_assert_eq!(x, y, "{} changed definedness", name),
            }
        }
        // Other segments are untouched.
        for (h, (ra, rb)) in a.segments.iter().zip(&b.segments).enumerate() {
            if h != g {
                prop_assert_eq!(ra.segment_coverage, rb.segment_coverage);
            }
        }
    }
}

/// The same holds with a single segment: its win rate is the plan's.
#[test]
fn raising_the_only_segments_win_rate_never_lowers_coverage() {
    let mut s = Scenario::default();
    let mut last = Plan::compute(&s).coverage.value().unwrap_or(0.0);
    for step in 1..=20 {
        s.segments[0].win_rate = Some(0.22 + 0.039 * f64::from(step));
        let now = Plan::compute(&s).coverage.value().unwrap_or(0.0);
        assert!(now >= last, "coverage fell from {last} to {now}");
        last = now;
    }
}
