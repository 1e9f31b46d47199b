#![cfg(not(target_arch = "wasm32"))]
//! Every chart, drawn for a corpus of varied plans, must stay byte for byte
//! what it was when `tests/data/chart_fingerprints.txt` was written: work on
//! how fast the charts draw must not move a single label.
//!
//! The file holds one FNV-1a hash per (case, chart, width) of the SVG, and
//! one of the words (title, summary, table). After a deliberate change to
//! the drawings, write it again with
//! `cargo test --test chart_output -- --ignored write_fingerprints`
//! and review which lines moved.

use budget_planner::charts::{self, Chart};
use budget_planner::model::{Channel, CheckIn, Plan, Scenario, Segment, Stage, YearChange};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/chart_fingerprints.txt"
);
const WIDTHS: [u32; 3] = [360, 720, 1080];

type Draw = fn(&Plan, &Scenario, u32) -> Chart;
const CHARTS: [(&str, Draw); 7] = [
    ("funnel", charts::funnel),
    ("channel_mix", charts::channel_mix),
    ("timeline", charts::timeline),
    ("budget_cut", charts::budget_cut),
    ("levers", charts::levers),
    ("pacing", charts::pacing),
    ("multi_year", charts::multi_year),
];

/// FNV-1a, 64 bits: simple, stable across platforms and Rust versions
/// (unlike `DefaultHasher`), and enough to notice any change.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn with(edit: impl FnOnce(&mut Scenario)) -> Scenario {
    let mut s = Scenario::default();
    edit(&mut s);
    s
}

/// `n` check-ins spread over the year, with actuals near the plan.
fn check_ins(n: usize, pace: f64) -> Vec<CheckIn> {
    (0..n)
        .map(|i| {
            let month = 1 + i * 11 / n.max(1);
            let mut c = CheckIn {
                date: format!("2026-{month:02}-{:02}", 10 + i % 18),
                ..CheckIn::default()
            };
            let k = (i + 1) as f64 * pace;
            c.set_actual(Stage::Spend, Some(70_000.0 * k));
            c.set_actual(Stage::Leads, Some(350.0 * k));
            c.set_actual(Stage::Wins, Some(1.5 * k));
            c.set_actual(Stage::Revenue, Some(90_000.0 * k));
            c
        })
        .collect()
}

/// A small deterministic generator (xorshift) for the varied cases, so the
/// corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }

    fn whole(&mut self, lo: u32, hi: u32) -> f64 {
        f64::from(lo + (self.next() * f64::from(hi - lo + 1)) as u32 % (hi - lo + 1))
    }
}

/// Hand-picked cases: the example, each input pushed around, edge cases.
fn named_cases() -> Vec<(String, Scenario)> {
    let mut cases: Vec<(&str, Scenario)> = vec![
        ("default", Scenario::default()),
        ("win10", with(|s| s.win_rate = 0.10)),
        ("win35", with(|s| s.win_rate = 0.35)),
        ("win60", with(|s| s.win_rate = 0.60)),
        ("spend3", with(|s| s.spend = 0.03)),
        ("spend20", with(|s| s.spend = 0.20)),
        ("spend0", with(|s| s.spend = 0.0)),
        ("goal0", with(|s| s.revenue_goal = 0.0)),
        ("recurring0", with(|s| s.recurring_revenue = 0.0)),
        ("over_goal", with(|s| s.recurring_revenue = 20e6)),
        ("mkt0", with(|s| s.marketing_sourced = 0.0)),
        ("mkt100", with(|s| s.marketing_sourced = 1.0)),
        (
            "shares0",
            with(|s| s.channels.iter_mut().for_each(|c| c.share = 0.0)),
        ),
        (
            "one_channel",
            with(|s| s.channels = vec![Channel::new("Search", 1.0, 200.0, None)]),
        ),
        ("no_channels", with(|s| s.channels.clear())),
        (
            "twelve_channels",
            with(|s| {
                s.channels = (0..12)
                    .map(|i| {
                        Channel::new(
                            &format!("Channel number {}", i + 1),
                            1.0 / 12.0,
                            120.0 + 40.0 * f64::from(i),
                            (i % 3 == 0).then_some(0.1 + 0.03 * f64::from(i)),
                        )
                    })
                    .collect();
            }),
        ),
        ("cut0", with(|s| s.cut = 0.0)),
        ("cut5", with(|s| s.cut = 0.05)),
        ("cut50", with(|s| s.cut = 0.5)),
        (
            "cut100_m1",
            with(|s| {
                s.cut = 1.0;
                s.cut_from_month = 1.0;
            }),
        ),
        ("cut_m12", with(|s| s.cut_from_month = 12.0)),
        ("cut_m0", with(|s| s.cut_from_month = 0.0)),
        ("cycle7.5", with(|s| s.sales_cycle_months = 7.5)),
        (
            "jpy",
            with(|s| {
                s.currency = "JPY".into();
                s.revenue_goal = 1.8e9;
                s.recurring_revenue = 9e8;
                s.deal_size = 9e6;
                s.channels.iter_mut().for_each(|c| c.cost_per_lead *= 150.0);
            }),
        ),
        (
            "eur_small",
            with(|s| {
                s.currency = "EUR".into();
                s.revenue_goal = 50_000.0;
                s.recurring_revenue = 10_000.0;
                s.deal_size = 900.0;
            }),
        ),
        ("huge", with(|s| s.revenue_goal = 1e15)),
        (
            "escaped",
            with(|s| s.name = "<img src=x onerror=alert(1)>".into()),
        ),
        (
            "check_ins3",
            with(|s| s.tracking.check_ins = check_ins(3, 1.0)),
        ),
        (
            "check_ins8_behind",
            with(|s| s.tracking.check_ins = check_ins(8, 0.6)),
        ),
        (
            "check_ins12_ahead",
            with(|s| s.tracking.check_ins = check_ins(12, 1.4)),
        ),
        ("years1", with(|s| s.multi_year.years = 1.0)),
        (
            "years5",
            with(|s| {
                s.multi_year.years = 5.0;
                s.multi_year.growth = 0.6;
                s.multi_year.changes = vec![
                    YearChange {
                        spend: Some(0.12),
                        win_rate: None,
                        cost_per_lead_change: Some(-0.1),
                    },
                    YearChange {
                        spend: None,
                        win_rate: Some(0.3),
                        cost_per_lead_change: None,
                    },
                ];
            }),
        ),
        ("growth0", with(|s| s.multi_year.growth = 0.0)),
    ];
    for l in [0, 1, 2, 6, 11, 12, 13, 18, 24] {
        cases.push((
            Box::leak(format!("cycle{l}").into_boxed_str()),
            with(|s| s.sales_cycle_months = f64::from(l)),
        ));
    }
    cases
        .into_iter()
        .map(|(name, s)| (name.to_string(), s))
        .collect()
}

/// Many plausible plans, every input drawn at random.
fn random_cases(n: usize) -> Vec<(String, Scenario)> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let s = with(|s| {
                s.revenue_goal = 10f64.powf(rng.between(5.0, 9.0)).round();
                s.recurring_revenue = (s.revenue_goal * rng.between(0.0, 0.9)).round();
                s.deal_size = (s.revenue_goal * rng.between(0.001, 0.02)).round();
                s.spend = rng.between(0.01, 0.25);
                s.marketing_sourced = rng.between(0.1, 0.9);
                s.lead_to_mql = rng.between(0.1, 0.5);
                s.mql_to_sql = rng.between(0.1, 0.6);
                s.sql_to_opp = rng.between(0.2, 0.7);
                s.win_rate = rng.between(0.05, 0.5);
                s.sales_cycle_months = rng.whole(0, 24);
                s.cut = [0.0, 0.1, 0.2, 0.35, 0.5, 1.0][rng.whole(0, 5) as usize];
                s.cut_from_month = rng.whole(1, 12);
                let channels = rng.whole(1, 8) as usize;
                s.channels = (0..channels)
                    .map(|c| {
                        Channel::new(
                            &format!("Channel {c}"),
                            1.0 / channels as f64,
                            rng.between(50.0, 900.0).round(),
                            None,
                        )
                    })
                    .collect();
                s.tracking.check_ins = check_ins(rng.whole(0, 6) as usize, rng.between(0.3, 1.8));
                s.multi_year.years = rng.whole(1, 5);
                s.multi_year.growth = rng.between(0.0, 0.8);
            });
            (format!("random{i:02}"), s)
        })
        .collect()
}

/// `n` segments, each with its own deal size, rates and cycle, and twelve
/// channels spread over them in turn.
fn segmented(n: usize) -> Scenario {
    const NAMES: [&str; 6] = [
        "SMB",
        "Mid-market",
        "Enterprise",
        "Partners",
        "Public sector",
        "Expansion",
    ];
    with(|s| {
        s.segments = (0..n)
            .map(|g| Segment {
                deal_size: Some([15_000.0, 45_000.0, 120_000.0, 30_000.0, 90_000.0, 8_000.0][g]),
                marketing_sourced: (g % 2 == 1).then_some(0.6),
                win_rate: Some(0.15 + 0.04 * g as f64),
                mql_to_sql: (g == 2).then_some(0.3),
                sales_cycle_months: Some([1.0, 4.0, 9.0, 2.0, 6.0, 13.0][g]),
                ..Segment::named(NAMES[g], 1.0 / n as f64)
            })
            .collect();
        s.channels = (0..12)
            .map(|i| {
                Channel::new(
                    &format!("Channel number {}", i + 1),
                    1.0 / 12.0,
                    120.0 + 40.0 * f64::from(i),
                    (i % 3 == 0).then_some(0.1 + 0.03 * f64::from(i)),
                )
                .in_segment(i as usize % n)
            })
            .collect();
    })
}

/// Plans with two or more segments: each splits the funnel, the channel
/// mix and the timeline (docs/model.md, "Segments").
fn segment_cases() -> Vec<(String, Scenario)> {
    let mut hostile = segmented(3);
    hostile.segments[0].name = "<script>&\"'".into();
    hostile.segments[1].name = "Enterprise ".repeat(18);
    let mut pipeline = segmented(3);
    pipeline.pipeline_revenue = 750_000.0;
    pipeline.channels[2].share = 0.0;
    vec![
        ("segments2".to_string(), segmented(2)),
        ("segments3".to_string(), segmented(3)),
        ("segments6".to_string(), segmented(6)),
        ("segments3_hostile".to_string(), hostile),
        ("segments3_pipeline".to_string(), pipeline),
    ]
}

fn corpus() -> Vec<(String, Scenario)> {
    let mut cases = named_cases();
    cases.extend(random_cases(40));
    cases.extend(segment_cases());
    cases
}

/// "case chart width" → "svg-hash words-hash", for every case, chart and width.
fn fingerprints() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (name, s) in corpus() {
        let plan = Plan::compute(&s);
        for (chart, draw) in CHARTS {
            for width in WIDTHS {
                let c = draw(&plan, &s, width);
                let svg = c.svg.as_deref().map_or("none".to_string(), |svg| {
                    format!("{:016x}", fnv1a(svg.as_bytes()))
                });
                let words = format!("{}\n{}\n{:?}", c.title, c.summary, c.table);
                out.insert(
                    format!("{name} {chart} {width}"),
                    format!("{svg} {:016x}", fnv1a(words.as_bytes())),
                );
            }
        }
    }
    out
}

fn render(prints: &BTreeMap<String, String>) -> String {
    let mut text =
        String::from("# FNV-1a 64 of each chart's SVG and words; see tests/chart_output.rs.\n");
    for (key, value) in prints {
        let _ = writeln!(text, "{key} {value}");
    }
    text
}

#[test]
fn charts_draw_exactly_as_recorded() {
    let recorded = std::fs::read_to_string(FILE).expect("fingerprint file");
    let now = render(&fingerprints());
    let changed: Vec<String> = recorded
        .lines()
        .zip(now.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("  was {a}\n  now {b}"))
        .collect();
    assert!(
        changed.is_empty() && recorded.lines().count() == now.lines().count(),
        "{} of {} fingerprints changed (and {} lines recorded, {} now):\n{}",
        changed.len(),
        now.lines().count(),
        recorded.lines().count(),
        now.lines().count(),
        changed.join("\n")
    );
}

/// Writes the fingerprint file from the code as it is.
#[test]
#[ignore = "writes tests/data/chart_fingerprints.txt"]
fn write_fingerprints() {
    std::fs::create_dir_all(std::path::Path::new(FILE).parent().expect("folder"))
        .expect("tests/data");
    std::fs::write(FILE, render(&fingerprints())).expect("written");
}

#[test]
fn segment_cases_split_the_funnel_the_mix_and_the_timeline() {
    for (name, s) in segment_cases() {
        let plan = Plan::compute(&s);
        let n = s.segments.len();
        for (chart, draw) in &CHARTS[..3] {
            let c = draw(&plan, &s, 720);
            assert!(c.svg.is_some(), "{name} {chart}: {}", c.summary);
            let headers = &c.table.headers;
            match *chart {
                "funnel" => assert_eq!(c.table.rows.len(), 5 * (1 + n), "{name}"),
                "channel_mix" => assert_eq!(headers[1], "Segment", "{name}"),
                _ => assert_eq!(
                    headers
                        .iter()
                        .filter(|h| h.starts_with("Marketing-sourced: "))
                        .count(),
                    n,
                    "{name}"
                ),
            }
        }
    }
}
