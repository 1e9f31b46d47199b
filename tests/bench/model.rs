//! The model alone, natively: how long one full plan takes for 1 to 12
//! channels, and how long each chart takes to draw from a plan (prints
//! numbers; not a test). `cargo bench --bench model`.
//!
//! No criterion: many timed batches of `Plan::compute` with `Instant`, the
//! median of the per-plan times reported, inputs and outputs through
//! `black_box` so the optimiser can neither hoist nor drop the work.

use budget_planner::charts::{self, Chart};
use budget_planner::model::{Channel, Plan, Scenario, Segment};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Timed batches per channel count; the median batch is reported.
const BATCHES: usize = 101;
/// The target for 12 channels ("well under 50 µs").
const TARGET_12: Duration = Duration::from_micros(50);

/// The example scenario with `n` channels sharing the whole budget.
fn scenario_with(n: usize) -> Scenario {
    let mut s = Scenario::default();
    let template = s.channels.clone();
    s.channels = (0..n)
        .map(|i| {
            let base = &template[i % template.len()];
            Channel::new(
                &format!("{} {}", base.name, i + 1),
                1.0 / n as f64,
                base.cost_per_lead * (1.0 + i as f64 / 10.0),
                base.lead_to_mql,
            )
        })
        .collect();
    s
}

/// 12 channels across 6 segments (docs/model.md, "Segments"), each segment
/// with its own deal size and cycle, two channels feeding each.
fn six_segments() -> Scenario {
    let mut s = scenario_with(12);
    let shares = [0.2, 0.2, 0.15, 0.15, 0.15, 0.15];
    s.segments = shares
        .iter()
        .enumerate()
        .map(|(g, &share)| {
            let mut segment = Segment::named(&format!("Segment {}", g + 1), share);
            segment.deal_size = Some(15_000.0 * (g + 1) as f64);
            segment.sales_cycle_months = Some((g + 1) as f64);
            segment
        })
        .collect();
    for (i, c) in s.channels.iter_mut().enumerate() {
        c.segment = i % 6;
    }
    s
}

fn median_per_plan(s: &Scenario) -> Duration {
    median_per_call(|| {
        black_box(Plan::compute(black_box(s)));
    })
}

/// The median time of one call of `work`, over [`BATCHES`] timed batches.
fn median_per_call(mut work: impl FnMut()) -> Duration {
    let mut n = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            work();
        }
        if start.elapsed() >= Duration::from_millis(2) || n >= 1 << 20 {
            break;
        }
        n *= 2;
    }
    let mut per_call: Vec<Duration> = (0..BATCHES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..n {
                work();
            }
            start.elapsed() / n
        })
        .collect();
    per_call.sort();
    per_call[BATCHES / 2]
}

/// Each chart of the page, drawn from the example plan at the desktop width.
fn chart_times() {
    type Draw = fn(&Plan, &Scenario, u32) -> Chart;
    let drawings: [(&str, Draw); 7] = [
        ("funnel", charts::funnel),
        ("channel mix", charts::channel_mix),
        ("timeline", charts::timeline),
        ("budget cut", charts::budget_cut),
        ("levers", charts::levers),
        ("pacing", charts::pacing),
        ("multi-year", charts::multi_year),
    ];
    let scenario = Scenario::default();
    let plan = Plan::compute(&scenario);
    println!(
        "\n   Each chart drawn natively from the example plan at 720 px (median of {BATCHES} batches)"
    );
    let mut total = 0.0;
    for (name, draw) in drawings {
        let t = median_per_call(|| {
            black_box(draw(black_box(&plan), black_box(&scenario), 720));
        });
        let us = t.as_secs_f64() * 1e6;
        total += us;
        println!("       {name:<12} {us:>8.1} µs");
    }
    println!(
        "       {:<12} {total:>8.1} µs (the browser's wasm takes a few times longer)",
        "all seven"
    );
}

fn main() {
    // `cargo test --benches` runs this too: one quick pass is enough there.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        black_box(Plan::compute(&scenario_with(12)));
        assert!(
            six_segments().errors().is_empty(),
            "the 6-segment case is a valid plan"
        );
        return;
    }
    println!("\n4. The model alone, natively (Plan::compute, median of {BATCHES} batches)");
    let mut last = Duration::ZERO;
    for n in [1, 2, 4, 8, 12] {
        let t = median_per_plan(&scenario_with(n));
        let us = t.as_secs_f64() * 1e6;
        let growth = if last.is_zero() {
            String::new()
        } else {
            format!(
                "  ×{:.2} vs the row above",
                t.as_secs_f64() / last.as_secs_f64()
            )
        };
        if n == 12 {
            let ok = if t < TARGET_12 { "ok  " } else { "MISS" };
            println!(
                "  {ok} {n:>2} channels: {us:>7.2} µs per plan{growth:<28} target well under 50 µs"
            );
        } else {
            println!("       {n:>2} channels: {us:>7.2} µs per plan{growth}");
        }
        last = t;
    }
    let t = median_per_plan(&six_segments());
    let ok = if t < TARGET_12 { "ok  " } else { "MISS" };
    println!(
        "  {ok} 12 channels in 6 segments: {:>7.2} µs per plan  target well under 50 µs",
        t.as_secs_f64() * 1e6
    );
    chart_times();
}
