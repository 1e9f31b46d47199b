#![cfg(not(target_arch = "wasm32"))]
use budget_planner::share::*;

fn next(x: f64, d: i64) -> f64 { f64::from_bits((x.to_bits() as i64 + d) as u64) }
#[test]
fn explore() {
    let (mut bad, mut unreach) = (0, 0);
    let mut ex = vec![];
    for i in 0..100000 {
        let f = 0.01 + 0.99 * (i as f64) / 100000.0;
        let t = percent_text(f);
        if t.parse::<f64>().unwrap() / 100.0 != f {
            bad += 1;
            let p = f * 100.0;
            if !(-4..=4).any(|d| next(p, d) / 100.0 == f) { unreach += 1; } else if ex.len() < 3 { ex.push((f, t)); }
        }
    }
    println!("bad {bad} unreachable {unreach} reachable-but-missed {ex:?}");
    for f in [0.333f64, 0.0100396] { println!("{f}: {} {} {}", 33.3f64/100.0, f*100.0, (f*100.0)/100.0 ); }
}
