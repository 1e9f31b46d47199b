//! The funnel with two or more segments (docs/model.md, "Segments"): at
//! each stage what the goal needs and what the budget buys, both stacked in
//! segment colours, under a legend that says how much of its need each
//! segment's channels buy.
//!
//! Within one segment that share is the same at every stage: its required
//! path runs back through the rates its funded path runs forward through,
//! with its own channels' lead quality. So the legend states it once, and
//! the stages show how the segments make up each total. A stage is short by
//! what its short segments lack: one segment's surplus leads are no use to
//! another's funnel.

use super::funnel::{BAR, CAP, GAP, HEADER, SAME, SPACING, Stage, TOP, ratio};
use super::layout::{LABEL, LABEL_GAP, NAME, PAD, Scene, bar_scale, dejavu_text_width, fit};
use super::segments::{self, TINT};
use super::{DataTable, count, palette, percent};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario, SegmentResult, Undefined};
use plotters::style::text_anchor::HPos;

/// What one segment needs and buys at one stage.
#[derive(Clone, Copy)]
struct Part {
    required: f64,
    funded: f64,
}

impl Part {
    fn ratio(&self) -> f64 {
        if self.required > 0.0 {
            self.funded / self.required
        } else {
            f64::INFINITY
        }
    }
}

/// The funnel split by segment: names, and `parts[stage][segment]`.
pub(super) struct Split {
    names: Vec<String>,
    parts: Vec<Vec<Part>>,
}

/// A segment's (required, funded) at each stage, in the funnel's order.
fn metrics(r: &SegmentResult) -> [(Metric, Metric); 5] {
    [
        (r.segment_required_leads, r.segment_funded_leads),
        (r.segment_required_mqls, r.segment_funded_mqls),
        (r.segment_required_sqls, r.segment_funded_sqls),
        (
            r.segment_required_opportunities,
            r.segment_funded_opportunities,
        ),
        (r.segment_marketing_wins, r.segment_projected_wins),
    ]
}

impl Split {
    /// The split, when the plan has two or more segments whose figures
    /// are all defined.
    pub(super) fn of(plan: &Plan, scenario: &Scenario) -> Option<Split> {
        if !segments::split(plan, scenario) {
            return None;
        }
        let by_segment = plan
            .segments
            .iter()
            .map(|r| {
                metrics(r)
                    .into_iter()
                    .map(|(required, funded)| {
                        Ok(Part {
                            required: required.0?,
                            funded: funded.0?,
                        })
                    })
                    .collect::<Result<Vec<Part>, Undefined>>()
            })
            .collect::<Result<Vec<Vec<Part>>, Undefined>>()
            .ok()?;
        let parts = (0..5)
            .map(|stage| by_segment.iter().map(|g| g[stage]).collect())
            .collect();
        let names = (0..plan.segments.len())
            .map(|g| segments::name(scenario, g))
            .collect();
        Some(Split { names, parts })
    }

    /// The segment that falls shortest: its index, the stage and the share.
    fn weakest(&self) -> Option<(usize, usize, f64)> {
        let mut weakest: Option<(usize, usize, f64)> = None;
        for (stage, parts) in self.parts.iter().enumerate() {
            for (g, part) in parts.iter().enumerate() {
                let r = part.ratio();
                if r.is_finite() && weakest.is_none_or(|(.., w)| r < w) {
                    weakest = Some((g, stage, r));
                }
            }
        }
        weakest
    }

    /// Whether segment `g` buys the same share of its need at every stage
    /// that needs anything.
    fn even(&self, g: usize) -> bool {
        let ratios: Vec<f64> = self
            .parts
            .iter()
            .map(|p| p[g].ratio())
            .filter(|r| r.is_finite())
            .collect();
        let (low, high) = ratios.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &r| {
            (lo.min(r), hi.max(r))
        });
        ratios.is_empty() || high - low <= SAME * high.max(1.0)
    }

    /// What a stage is short by: the sum of what each short segment lacks,
    /// and how many segments are short.
    fn short(&self, stage: usize) -> (f64, usize) {
        self.parts[stage]
            .iter()
            .map(|p| format::shown_gap(p.required, p.funded))
            .filter(|&gap| gap > 0.0)
            .fold((0.0, 0), |(sum, n), gap| (sum + gap, n + 1))
    }
}

/// The summary: which segment falls shortest, and where.
pub(super) fn summary(stages: &[Stage], split: &Split) -> String {
    if stages.iter().all(|s| s.funded <= 0.0) {
        return format!(
            "The budget buys nothing yet, so every segment falls short at every stage: the goal needs {} leads.",
            stages[0].needs()
        );
    }
    let Some((g, stage, r)) = split.weakest() else {
        return "The budget covers every segment at every stage.".into();
    };
    let name = &split.names[g];
    // Where the numbers are quoted: the leads when the share is the same
    // at every stage, else the stage that falls shortest.
    let (at, quoted) = if split.even(g) && split.parts[0][g].required > 0.0 {
        (" at every stage".to_string(), 0)
    } else {
        (format!(" at {}", stages[stage].noun), stage)
    };
    let part = split.parts[quoted][g];
    if r < 1.0 {
        format!(
            "{name} falls shortest: its channels buy {} of what it needs{at} ({} of {} {}).",
            percent(r),
            count(part.funded),
            format::text(part.required, Style::RequiredCount, "USD"),
            stages[quoted].noun
        )
    } else {
        format!(
            "The budget covers every segment at every stage; the tightest is {name}, whose channels buy {} of what it needs{at}.",
            percent(r)
        )
    }
}

/// Each stage's total, then each segment's figures.
pub(super) fn table(
    plan: &Plan,
    scenario: &Scenario,
    totals: &[(&str, Metric, Metric)],
) -> DataTable {
    let text = |m: Metric, style: Style| match m.value() {
        Some(v) => format::text(v, style, "USD"),
        None => "—".to_string(),
    };
    let row = |stage: &str, segment: &str, required: Metric, funded: Metric| {
        let share = match (required.value(), funded.value()) {
            (Some(r), Some(f)) if r > 0.0 => percent(f / r),
            (Some(_), Some(_)) => "none needed".to_string(),
            _ => "—".to_string(),
        };
        vec![
            stage.to_string(),
            segment.to_string(),
            text(required, Style::RequiredCount),
            text(funded, Style::Count),
            share,
        ]
    };
    let mut rows = Vec::new();
    for (stage, &(name, required, funded)) in totals.iter().enumerate() {
        rows.push(row(name, "All segments", required, funded));
        for (result, segment) in plan.segments.iter().zip(&scenario.segments) {
            let (required, funded) = metrics(result)[stage];
            rows.push(row(name, &segment.name, required, funded));
        }
    }
    DataTable {
        headers: [
            "Stage",
            "Segment",
            "Goal needs",
            "Budget buys",
            "Share of need funded",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

const SWATCH: f64 = 12.0;
const LEGEND_ROW: f64 = 20.0;
const ITEM_GAP: f64 = 16.0;
/// Names in the legend stop at this width, so items can share a row.
const NAME_MAX: f64 = 200.0;

/// The legend's entries: colour and words, flowed into rows no wider than
/// the chart. Returns (row, x offset, segment, text) and the row count.
fn legend(split: &Split, width: u32) -> (Vec<(usize, f64, usize, String)>, usize) {
    let room = f64::from(width) - 2.0 * PAD;
    let mut items = Vec::new();
    let (mut row, mut x) = (0, 0.0);
    for (g, name) in split.names.iter().enumerate() {
        let part = split.parts[0][g];
        let detail = if part.required > 0.0 {
            format!(": {} funded", percent(part.ratio()))
        } else {
            ": none needed".to_string()
        };
        let detail_width = dejavu_text_width(&detail, LABEL, false);
        let name_room = (room - SWATCH - LABEL_GAP - detail_width).min(NAME_MAX);
        let text = format!("{}{detail}", fit(name, LABEL, false, name_room));
        let item = SWATCH + LABEL_GAP + dejavu_text_width(&text, LABEL, false);
        if x > 0.0 && x + item > room {
            row += 1;
            x = 0.0;
        }
        items.push((row, x, g, text));
        x += item + ITEM_GAP;
    }
    (items, row + 1)
}

/// The stages' need and funded bars, each stacked by segment, under the
/// legend.
pub(super) fn scene(stages: &[Stage], split: &Split, width: u32) -> Scene {
    let (left, right) = (PAD, f64::from(width) - PAD);
    let mut scene = Scene::new(width);
    let (items, legend_rows) = legend(split, width);
    for (row, x, g, text) in items {
        let middle = TOP + row as f64 * LEGEND_ROW + SWATCH / 2.0;
        let x0 = left + x;
        scene.bar(
            x0,
            middle - SWATCH / 2.0,
            x0 + SWATCH,
            middle + SWATCH / 2.0,
            segments::color(g),
        );
        let at = x0 + SWATCH + LABEL_GAP;
        scene.label(text, at, middle, LABEL, false, palette::TEXT, HPos::Left);
    }
    let first = TOP + legend_rows as f64 * LEGEND_ROW + 8.0;

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
    let segments_needing = |stage: usize| {
        split.parts[stage]
            .iter()
            .filter(|p| p.required > 0.0)
            .count()
    };
    for (i, (s, [needs, buys])) in stages.iter().zip(labels).enumerate() {
        let y = first + i as f64 * (block + SPACING);
        let (gap, short) = split.short(i);
        let (status, color) = if gap > 0.0 {
            let total = format!("short by {}", count(gap));
            let of = if short < segments_needing(i) {
                let noun = if short == 1 { "segment" } else { "segments" };
                format!("{total} in {short} {noun}")
            } else {
                total.clone()
            };
            // The longer form only when it leaves the stage name room.
            let fits =
                dejavu_text_width(&of, LABEL, false) + dejavu_text_width(s.name, NAME, true) + 12.0
                    <= right - left;
            (if fits { of } else { total }, palette::BAD)
        } else {
            ("covered".to_string(), palette::GOOD)
        };
        scene.heading(y + 8.0, s.name.into(), status, color);
        let r = ratio(s);
        for (k, label) in [needs, buys].into_iter().enumerate() {
            let y0 = y + HEADER + k as f64 * (BAR + GAP);
            let whole = if s.required > 0.0 { s.required } else { 1.0 };
            let mut from = 0.0f64;
            for (g, part) in split.parts[i].iter().enumerate() {
                let value = if k == 0 { part.required } else { part.funded };
                let to = (from + value / whole).min(CAP);
                let (x0, x1) = (left + from * scale, left + to * scale);
                from = to;
                if x1 - x0 < 0.5 {
                    continue;
                }
                // A hairline of the background between neighbours.
                let x1 = if x1 - x0 >= 3.0 { x1 - 1.0 } else { x1 };
                if k == 0 {
                    scene.tint(x0, y0, x1, y0 + BAR, segments::color(g), TINT);
                } else {
                    scene.bar(x0, y0, x1, y0 + BAR, segments::color(g));
                }
            }
            let end = left + if k == 0 { 1.0 } else { r.min(CAP) } * scale;
            if k == 1 && r > CAP {
                for dx in [12.0, 7.0] {
                    scene.line(
                        vec![(end - dx - 2.0, y0 + BAR + 1.0), (end - dx + 2.0, y0 - 1.0)],
                        palette::SURFACE,
                        2,
                    );
                }
            }
            scene.bar_label(label, end, y0, BAR);
        }
    }
    scene.height = first + stages.len() as f64 * (block + SPACING) - SPACING + TOP;
    scene
}

#[cfg(test)]
mod tests {
    use super::super::funnel::{funnel, stages};
    use super::super::layout::fixtures;
    use super::super::segments::fixtures::{self as seg, SEGMENT_HOSTILE};
    use super::*;
    use crate::charts::Chart;

    fn chart_for(s: &Scenario, width: u32) -> Chart {
        funnel(&Plan::compute(s), s, width)
    }

    #[test]
    fn stacks_each_stage_by_segment_under_a_legend() {
        for n in [2, 3, 6] {
            let s = seg::segmented(n, 12);
            for width in [360, 720, 1080] {
                let chart = chart_for(&s, width);
                let name = format!("{n} segments at {width}");
                let svg = fixtures::drawn(&chart, &name);
                // Background, a swatch per segment, and a piece per segment
                // in each stage's two bars.
                assert_eq!(svg.matches("<rect").count(), 1 + n + 2 * 5 * n, "{name}");
                // A legend entry per segment; name, status and two labels per stage.
                assert_eq!(svg.matches("<text").count(), n + 4 * 5, "{name}");
                for g in 1..=n {
                    assert!(svg.contains(&format!("var(--chart-segment-{g})")), "{name}");
                }
                for (g, segment) in s.segments.iter().enumerate() {
                    assert!(
                        fixtures::count_text(svg, |t| t
                            .starts_with(&format!("{}: ", segment.name)))
                            == 1,
                        "{name}: legend for segment {g}"
                    );
                }
                assert!(
                    !svg.contains("var(--chart-funded)") && !svg.contains("var(--chart-required)")
                );
                assert_eq!(chart.table.rows.len(), 5 * (1 + n), "{name}");
                assert_eq!(chart.table.headers[1], "Segment");
                assert!(
                    chart
                        .table
                        .rows
                        .iter()
                        .all(|r| r.len() == chart.table.headers.len())
                );
                fixtures::preview(&format!("funnel-segments-{n}-{width}"), svg);
            }
        }
    }

    #[test]
    fn the_summary_names_the_segment_that_falls_shortest() {
        let s = seg::segmented(3, 6);
        let plan = Plan::compute(&s);
        let chart = funnel(&plan, &s, 720);
        let worst = plan
            .segments
            .iter()
            .enumerate()
            .min_by(|a, b| {
                let c = |r: &SegmentResult| r.segment_coverage.value().unwrap_or(f64::INFINITY);
                c(a.1).total_cmp(&c(b.1))
            })
            .map(|(g, _)| g)
            .unwrap_or_default();
        let coverage = plan.segments[worst]
            .segment_coverage
            .value()
            .unwrap_or_default();
        assert!(coverage < 1.0);
        assert!(
            chart.summary.starts_with(&format!(
                "{} falls shortest: its channels buy {} of what it needs at every stage (",
                s.segments[worst].name,
                percent(coverage)
            )),
            "{} / {worst} {coverage}",
            chart.summary
        );
        assert!(
            chart.summary.starts_with(&format!(
                "{} falls shortest: its channels buy {} of what it needs at every stage (",
                s.segments[worst].name,
                percent(coverage)
            )),
            "{}",
            chart.summary
        );
        assert!(chart.summary.ends_with(" leads)."), "{}", chart.summary);

        // A segment with no budget buys nothing at every stage.
        let mut s = seg::segmented(3, 6);
        s.channels
            .iter_mut()
            .filter(|c| c.segment == 2)
            .for_each(|c| c.share = 0.0);
        let chart = chart_for(&s, 360);
        assert!(
            chart
                .summary
                .starts_with("Enterprise falls shortest: its channels buy 0% of what it needs at every stage (0 of "),
            "{}",
            chart.summary
        );
        let svg = chart.svg.unwrap_or_default();
        assert!(fixtures::has_text(&svg, "Enterprise: 0% funded"));

        let mut s = seg::segmented(2, 4);
        s.spend = 0.5;
        let chart = chart_for(&s, 360);
        assert!(
            chart
                .summary
                .starts_with("The budget covers every segment at every stage; the tightest is "),
            "{}",
            chart.summary
        );
        let svg = chart.svg.unwrap_or_default();
        assert_eq!(fixtures::count_text(&svg, |t| t == "covered"), 5);
    }

    #[test]
    fn a_stage_is_short_by_what_its_short_segments_lack() {
        // SMB takes most of the budget and over-delivers; Mid-market is short.
        let mut s = seg::segmented(2, 4);
        for (c, share) in s.channels.iter_mut().zip([0.6, 0.05, 0.3, 0.05]) {
            c.share = share;
        }
        let plan = Plan::compute(&s);
        assert!(
            plan.segments[0]
                .segment_coverage
                .value()
                .unwrap_or_default()
                > 1.0
        );
        assert!(
            plan.segments[1]
                .segment_coverage
                .value()
                .unwrap_or_default()
                < 1.0
        );
        let chart = funnel(&plan, &s, 720);
        let svg = chart.svg.unwrap_or_default();
        assert_eq!(
            fixtures::count_text(&svg, |t| t.starts_with("short by ")
                && t.ends_with(" in 1 segment")),
            5,
            "{svg}"
        );
        assert!(
            chart.summary.starts_with("Mid-market falls shortest"),
            "{}",
            chart.summary
        );
    }

    #[test]
    fn nothing_funded_and_nothing_needed_read_plainly() {
        let mut s = seg::segmented(3, 6);
        s.channels.iter_mut().for_each(|c| c.share = 0.0);
        let chart = chart_for(&s, 360);
        assert!(
            chart.summary.starts_with(
                "The budget buys nothing yet, so every segment falls short at every stage"
            ),
            "{}",
            chart.summary
        );
        fixtures::check_common(chart.svg.as_deref(), &chart.summary);

        let mut s = seg::segmented(2, 4);
        s.marketing_sourced = 0.0;
        let chart = chart_for(&s, 360);
        assert!(
            chart
                .summary
                .starts_with("The goal is met without marketing-sourced deals")
        );
        assert_eq!(chart.table.rows.len(), 15);
        fixtures::check_common(chart.svg.as_deref(), &chart.summary);
    }

    #[test]
    fn user_names_are_escaped_and_cut_to_fit() {
        let s = seg::hostile_segments();
        for width in [360, 720, 1080] {
            let chart = chart_for(&s, width);
            let svg = fixtures::drawn(&chart, "hostile segments");
            assert!(svg.contains("&lt;script&gt;&amp;&quot;&apos;: "), "{svg}");
            assert!(!svg.contains(SEGMENT_HOSTILE) && !svg.contains("<script"));
            // The long names are cut in the drawing, whole in the table.
            assert!(fixtures::count_text(svg, |t| t.contains("…")) >= 1);
            assert!(!svg.contains(&"x".repeat(189)));
            assert!(chart.table.rows.iter().any(|r| r[1] == s.segments[1].name));
            assert!(chart.table.rows.iter().any(|r| r[1] == SEGMENT_HOSTILE));
            fixtures::preview(&format!("funnel-segments-hostile-{width}"), svg);
        }
    }

    #[test]
    fn labels_fit_and_never_overlap() {
        for (name, s) in seg::all_segmented() {
            let plan = Plan::compute(&s);
            let (Ok(stages), Some(split)) = (stages(&plan), Split::of(&plan, &s)) else {
                continue;
            };
            if stages.iter().all(|s| s.required <= 0.0) {
                continue;
            }
            for width in [360, 720, 1080] {
                let scene = scene(&stages, &split, width);
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
        let mut s = seg::segmented(6, 12);
        s.revenue_goal = 1e13;
        s.recurring_revenue = 0.0;
        s.marketing_sourced = 1.0;
        s.segments.iter_mut().for_each(|g| g.deal_size = Some(1.0));
        let plan = Plan::compute(&s);
        let (Ok(stages), Some(split)) = (stages(&plan), Split::of(&plan, &s)) else {
            panic!("drawn");
        };
        for width in [360, 720, 1080] {
            assert_eq!(
                scene(&stages, &split, width).layout_problems(),
                Vec::<String>::new()
            );
        }
    }
}
