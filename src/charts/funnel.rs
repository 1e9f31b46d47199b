//! Funnel: what the goal needs against what the budget buys, stage by stage.
//!
//! Counts span orders of magnitude (thousands of leads, dozens of deals), so
//! each stage is drawn against its own need: a grey bar for what the goal
//! needs (100%) and a blue bar for what the budget buys, as a share of it,
//! with the absolute numbers as labels. With two or more segments both bars
//! are stacked by segment ([`super::funnel_segments`]).

use super::funnel_segments::{self, Split};
use super::layout::{LABEL, PAD, Scene, bar_scale, dejavu_text_width};
use super::{Chart, DataTable, count, palette, percent, segments};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario, Undefined};

const TITLE: &str = "Funnel: needed versus funded";

/// Funded bars stop at 150% of the need, with a break mark beyond.
pub(super) const CAP: f64 = 1.5;

/// Ratios closer than this count as the same at every stage.
pub(super) const SAME: f64 = 1e-6;

/// One stage: its name, the noun for sentences, required and funded.
pub(super) struct Stage {
    pub name: &'static str,
    pub noun: &'static str,
    pub required: f64,
    pub funded: f64,
}

impl Stage {
    pub fn needs(&self) -> String {
        format::text(self.required, Style::RequiredCount, "USD")
    }
    pub fn buys(&self) -> String {
        count(self.funded)
    }
}

fn metrics(plan: &Plan) -> [(&'static str, &'static str, Metric, Metric); 5] {
    [
        ("Leads", "leads", plan.required_leads, plan.funded_leads),
        ("MQLs", "MQLs", plan.required_mqls, plan.funded_mqls),
        ("SQLs", "SQLs", plan.required_sqls, plan.funded_sqls),
        (
            "Opportunities",
            "opportunities",
            plan.required_opportunities,
            plan.funded_opportunities,
        ),
        (
            "Deals won",
            "deals",
            plan.marketing_wins,
            plan.projected_wins,
        ),
    ]
}

pub(super) fn stages(plan: &Plan) -> Result<Vec<Stage>, Undefined> {
    metrics(plan)
        .into_iter()
        .map(|(name, noun, required, funded)| {
            Ok(Stage {
                name,
                noun,
                required: required.0?,
                funded: funded.0?,
            })
        })
        .collect()
}

pub fn funnel(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    // Two or more segments: each stage split by segment.
    let split = Split::of(plan, scenario);
    let table = if segments::split(plan, scenario) {
        funnel_segments::table(plan, scenario, &totals(plan))
    } else {
        table(plan)
    };
    let chart = |summary: String, svg: Option<String>| Chart {
        id: "funnel",
        title: TITLE.into(),
        summary,
        svg,
        table: table.clone(),
    };
    let stages = match stages(plan) {
        Ok(stages) => stages,
        Err(why) => return chart(format!("The funnel cannot be drawn yet: {why}."), None),
    };
    let nothing_needed = stages.iter().all(|s| s.required <= 0.0);
    if nothing_needed {
        let funded = stages.iter().any(|s| s.funded > 0.0);
        let summary = if funded {
            format!(
                "The goal is met without marketing-sourced deals, so no stage needs anything; the budget still buys {} leads and {} deals.",
                stages[0].buys(),
                stages[4].buys()
            )
        } else {
            "The goal is met without marketing-sourced deals and the budget buys nothing, so there is nothing to compare.".to_string()
        };
        let svg = funded.then(|| funded_only(&stages, width).draw()).flatten();
        return chart(summary, svg);
    }
    if let Some(split) = split {
        let summary = funnel_segments::summary(&stages, &split);
        return chart(
            summary,
            funnel_segments::scene(&stages, &split, width).draw(),
        );
    }
    chart(summary(&stages), compared(&stages, width).draw())
}

/// funded ÷ required; a stage that needs nothing counts as covered.
pub(super) fn ratio(stage: &Stage) -> f64 {
    if stage.required > 0.0 {
        stage.funded / stage.required
    } else {
        f64::INFINITY
    }
}

fn summary(stages: &[Stage]) -> String {
    let ratios: Vec<f64> = stages.iter().map(ratio).collect();
    let (low, high) = ratios.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &r| {
        (lo.min(r), hi.max(r))
    });
    let leads = &stages[0];
    if stages.iter().all(|s| s.funded <= 0.0) {
        return format!(
            "The budget buys nothing yet, so every stage falls short: the goal needs {} leads.",
            leads.needs()
        );
    }
    if high.is_finite() && high - low <= SAME * high.max(1.0) {
        return if low < 1.0 {
            format!(
                "The budget buys {} of what the goal needs at every stage: {} of {} leads.",
                percent(low),
                leads.buys(),
                leads.needs()
            )
        } else {
            format!(
                "The budget covers every stage, buying {} of what the goal needs: {} leads for {} needed.",
                percent(low),
                leads.buys(),
                leads.needs()
            )
        };
    }
    let weakest =
        stages
            .iter()
            .zip(&ratios)
            .fold(None::<(&Stage, f64)>, |best, (s, &r)| match best {
                Some((_, b)) if b <= r => best,
                _ => Some((s, r)),
            });
    match weakest {
        Some((s, r)) if r < 1.0 => format!(
            "The plan falls shortest at {}: the budget buys {} of what the goal needs ({} of {}).",
            s.noun,
            percent(r),
            s.buys(),
            s.needs()
        ),
        Some((s, r)) => format!(
            "The budget covers every stage; the tightest is {} at {} of what the goal needs.",
            s.noun,
            percent(r)
        ),
        None => "The budget covers every stage.".into(),
    }
}

/// Each stage's name with the plan's required and funded figures.
fn totals(plan: &Plan) -> Vec<(&'static str, Metric, Metric)> {
    metrics(plan)
        .into_iter()
        .map(|(name, _, required, funded)| (name, required, funded))
        .collect()
}

fn table(plan: &Plan) -> DataTable {
    let text = |m: Metric, style: Style| match m.value() {
        Some(v) => format::text(v, style, "USD"),
        None => "—".to_string(),
    };
    DataTable {
        headers: ["Stage", "Goal needs", "Budget buys", "Share of need funded"]
            .map(String::from)
            .to_vec(),
        rows: metrics(plan)
            .into_iter()
            .map(|(name, _, required, funded)| {
                let share = match (required.value(), funded.value()) {
                    (Some(r), Some(f)) if r > 0.0 => percent(f / r),
                    (Some(_), Some(_)) => "none needed".to_string(),
                    _ => "—".to_string(),
                };
                vec![
                    name.to_string(),
                    text(required, Style::RequiredCount),
                    text(funded, Style::Count),
                    share,
                ]
            })
            .collect(),
    }
}

pub(super) const BAR: f64 = 14.0;
pub(super) const GAP: f64 = 3.0;
pub(super) const HEADER: f64 = 20.0;
pub(super) const SPACING: f64 = 16.0;
pub(super) const TOP: f64 = 10.0;

/// Required and funded bars per stage, each stage against its own need.
fn compared(stages: &[Stage], width: u32) -> Scene {
    let (left, right) = (PAD, f64::from(width) - PAD);
    let labels: Vec<[String; 2]> = stages
        .iter()
        .map(|s| {
            [
                format!("Needs {}", s.needs()),
                format!("Buys {} ({})", s.buys(), percent(ratio(s))),
            ]
        })
        .collect();
    let mut bars = Vec::new();
    for (s, [needs, buys]) in stages.iter().zip(&labels) {
        bars.push((1.0, dejavu_text_width(needs, LABEL, false)));
        bars.push((ratio(s).min(CAP), dejavu_text_width(buys, LABEL, false)));
    }
    let scale = bar_scale(&bars, right - left);
    let block = HEADER + 2.0 * BAR + GAP;
    let mut scene = Scene::new(width);
    for (i, (s, [needs, buys])) in stages.iter().zip(labels).enumerate() {
        let y = TOP + i as f64 * (block + SPACING);
        // Short like the page's funnel table says it; the gap from the
        // numbers as shown (needs 6,147, buys 4,270: short by 1,877).
        let gap = format::shown_gap(s.required, s.funded);
        let (status, color) = if gap > 0.0 {
            (format!("short by {}", count(gap)), palette::BAD)
        } else {
            ("covered".to_string(), palette::GOOD)
        };
        scene.heading(y + 8.0, s.name.into(), status, color);
        let r = ratio(s);
        for (k, (length, label, color)) in [
            (1.0, needs, palette::REQUIRED),
            (r.min(CAP), buys, palette::FUNDED),
        ]
        .into_iter()
        .enumerate()
        {
            let y0 = y + HEADER + k as f64 * (BAR + GAP);
            let x1 = left + length * scale;
            scene.bar(left, y0, x1, y0 + BAR, color);
            if k == 1 && r > CAP {
                // A break mark: the bar goes on beyond the drawing.
                for dx in [12.0, 7.0] {
                    scene.line(
                        vec![(x1 - dx - 2.0, y0 + BAR + 1.0), (x1 - dx + 2.0, y0 - 1.0)],
                        palette::SURFACE,
                        2,
                    );
                }
            }
            scene.bar_label(label, x1, y0, BAR);
        }
    }
    scene.fit_rows(TOP, stages.len(), block, SPACING);
    scene
}

/// When the goal needs no marketing-sourced deals: what the budget buys,
/// each stage against the leads it starts from.
fn funded_only(stages: &[Stage], width: u32) -> Scene {
    let (left, right) = (PAD, f64::from(width) - PAD);
    let top = stages.iter().map(|s| s.funded).fold(0.0, f64::max);
    let labels: Vec<String> = stages
        .iter()
        .map(|s| format!("Buys {}", s.buys()))
        .collect();
    let bars: Vec<(f64, f64)> = stages
        .iter()
        .zip(&labels)
        .map(|(s, l)| (s.funded / top, dejavu_text_width(l, LABEL, false)))
        .collect();
    let scale = bar_scale(&bars, right - left);
    let block = HEADER + BAR;
    let mut scene = Scene::new(width);
    for (i, ((s, label), (length, _))) in stages.iter().zip(labels).zip(bars).enumerate() {
        let y = TOP + i as f64 * (block + SPACING);
        scene.heading(y + 8.0, s.name.into(), "none needed".into(), palette::MUTED);
        let y0 = y + HEADER;
        let x1 = left + length * scale;
        scene.labelled_bar(left, y0, x1, BAR, palette::FUNDED, label);
    }
    scene.fit_rows(TOP, stages.len(), block, SPACING);
    scene
}

#[cfg(test)]
mod tests {
    use super::super::layout::fixtures;
    use super::*;

    fn chart_for(s: &Scenario, width: u32) -> Chart {
        funnel(&Plan::compute(s), s, width)
    }

    #[test]
    fn draws_a_needed_and_a_funded_bar_per_stage() {
        for (name, s) in [
            ("default", Scenario::default()),
            ("one-channel", fixtures::one_channel()),
            ("twelve-channels", fixtures::twelve_channels()),
            ("hostile", fixtures::hostile()),
            ("covered", fixtures::covered()),
            ("nothing-funded", fixtures::nothing_funded()),
        ] {
            for width in [360, 720] {
                let chart = chart_for(&s, width);
                let svg = fixtures::drawn(&chart, name);
                // The background and two bars per stage.
                assert_eq!(svg.matches("<rect").count(), 1 + 2 * 5, "{name}");
                // Name, status and two bar labels per stage.
                assert_eq!(svg.matches("<text").count(), 4 * 5, "{name}");
                assert_eq!(
                    fixtures::count_text(svg, |t| t.starts_with("Needs ")),
                    5,
                    "{name}"
                );
                assert_eq!(
                    fixtures::count_text(svg, |t| t.starts_with("Buys ")),
                    5,
                    "{name}"
                );
                for stage in ["Leads", "MQLs", "SQLs", "Opportunities", "Deals won"] {
                    assert!(fixtures::has_text(svg, stage), "{name}: {stage}");
                }
                assert_eq!(chart.table.rows.len(), 5);
                fixtures::preview(&format!("funnel-{name}-{width}"), svg);
            }
        }
    }

    #[test]
    fn default_plan_is_short_at_every_stage() {
        let chart = chart_for(&Scenario::default(), 720);
        assert_eq!(
            chart.summary,
            "The budget buys 69.5% of what the goal needs at every stage: 4,270 of 6,147 leads."
        );
        let svg = chart.svg.unwrap_or_default();
        assert!(fixtures::has_text(&svg, "Needs 6,147"));
        assert!(fixtures::has_text(&svg, "Buys 4,270 (69.5%)"));
        assert!(
            fixtures::has_text(&svg, "Needs 50"),
            "required deals are whole"
        );
        assert!(fixtures::has_text(&svg, "short by 1,877"));
        assert_eq!(
            fixtures::count_text(&svg, |t| t.starts_with("short by ")),
            5
        );
        assert_eq!(chart.table.rows[0], ["Leads", "6,147", "4,270", "69.5%"]);
        assert_eq!(chart.table.rows[4][0], "Deals won");
        assert_eq!((chart.id, chart.title.as_str()), ("funnel", TITLE));
    }

    #[test]
    fn over_delivery_is_capped_with_a_break_mark() {
        let chart = chart_for(&fixtures::covered(), 360);
        assert!(
            chart.summary.starts_with("The budget covers every stage"),
            "{}",
            chart.summary
        );
        let svg = chart.svg.unwrap_or_default();
        assert_eq!(fixtures::count_text(&svg, |t| t == "covered"), 5);
        // 50% of the goal buys 386% of the need: capped, two marks per bar.
        assert!(
            (fixtures::count_text(&svg, |t| t.ends_with("(385.9%)")) > 0),
            "{svg}"
        );
        assert_eq!(
            svg.matches("<polyline").count() + svg.matches("<path").count(),
            10
        );
    }

    #[test]
    fn nothing_funded_reads_zero() {
        let chart = chart_for(&fixtures::nothing_funded(), 360);
        assert_eq!(
            chart.summary,
            "The budget buys nothing yet, so every stage falls short: the goal needs 5,519 leads."
        );
    }

    #[test]
    fn no_marketing_deals_draws_what_the_budget_buys() {
        for width in [360, 720] {
            let chart = chart_for(&fixtures::no_marketing_deals(), width);
            fixtures::check_common(chart.svg.as_deref(), &chart.summary);
            assert!(
                chart
                    .summary
                    .starts_with("The goal is met without marketing-sourced deals")
            );
            let svg = chart.svg.unwrap_or_default();
            assert_eq!(svg.matches("<rect").count(), 1 + 5);
            assert_eq!(fixtures::count_text(&svg, |t| t == "none needed"), 5);
            assert!(!svg.contains(">Needs "));
            assert_eq!(chart.table.rows.len(), 5);
            assert!(
                chart
                    .table
                    .rows
                    .iter()
                    .all(|r| r[1] == "0" && r[3] == "none needed")
            );
            fixtures::preview(&format!("funnel-no-marketing-deals-{width}"), &svg);
        }
        let mut s = fixtures::nothing_funded();
        s.marketing_sourced = 0.0;
        let chart = chart_for(&s, 360);
        assert_eq!(chart.svg, None);
        fixtures::check_common(None, &chart.summary);
    }

    #[test]
    fn invalid_input_says_what_is_missing() {
        let chart = chart_for(&fixtures::invalid(), 720);
        assert_eq!(chart.svg, None);
        assert_eq!(
            chart.summary,
            "The funnel cannot be drawn yet: needs a valid win rate."
        );
        assert_eq!(chart.table.rows.len(), 5);
        assert_eq!(
            chart.table.rows[0][1], "—",
            "required leads need the win rate"
        );
        assert_eq!(chart.table.rows[0][2], "4,270", "funded leads do not");
    }

    #[test]
    fn labels_fit_and_never_overlap() {
        for (name, s) in fixtures::all() {
            let Ok(stages) = stages(&Plan::compute(&s)) else {
                continue;
            };
            for width in [360, 720] {
                let scene = if stages.iter().all(|s| s.required <= 0.0) {
                    funded_only(&stages, width)
                } else {
                    compared(&stages, width)
                };
                assert_eq!(
                    scene.layout_problems(),
                    Vec::<String>::new(),
                    "{name} at {width}"
                );
            }
        }
    }

    #[test]
    fn huge_numbers_still_fit() {
        let s = Scenario {
            revenue_goal: 1e13,
            recurring_revenue: 0.0,
            deal_size: 1.0,
            marketing_sourced: 1.0,
            ..Scenario::default()
        };
        let plan = Plan::compute(&s);
        let stages = stages(&plan).unwrap_or_default();
        assert_eq!(stages.len(), 5);
        for width in [360, 720] {
            assert_eq!(
                compared(&stages, width).layout_problems(),
                Vec::<String>::new()
            );
            let chart = funnel(&plan, &s, width);
            fixtures::check_common(chart.svg.as_deref(), &chart.summary);
            fixtures::preview(
                &format!("funnel-huge-{width}"),
                chart.svg.as_deref().unwrap_or_default(),
            );
        }
    }
}
