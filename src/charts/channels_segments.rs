//! The channel mix with two or more segments (docs/model.md, "Segments"):
//! channels grouped under the segment they feed, in its colour, each with
//! its share of the budget against its share of the marketing-sourced
//! revenue.
//!
//! Revenue, not deals: segments' deals differ in size (one enterprise deal
//! can be worth ten small ones), so a channel's share of the deals would
//! undersell every channel that feeds large deals. The plan's coverage is
//! revenue-weighted with segments for the same reason.

use super::channels::{Row, TITLE as ONE_SEGMENT_TITLE, roi_label, summary};
use super::layout::{LABEL, LABEL_GAP, NAME, PAD, Scene, bar_scale, dejavu_text_width, fit};
use super::segments::{self, TINT};
use super::{Chart, DataTable, palette, percent};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario, Undefined};
use plotters::style::RGBColor;
use plotters::style::text_anchor::HPos;

pub(super) const TITLE: &str = "Channel mix: budget share versus share of revenue";

/// One segment and the channels that feed it, in the scenario's order.
struct Group {
    segment: usize,
    name: String,
    rows: Vec<Row>,
}

pub(super) fn channel_mix(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    debug_assert_ne!(TITLE, ONE_SEGMENT_TITLE);
    let chart = |summary: String, svg: Option<String>| Chart {
        id: "channel_mix",
        title: TITLE.into(),
        summary,
        svg,
        table: table(plan, scenario),
    };
    match groups(plan, scenario) {
        Ok(groups) => {
            let svg = layout(&groups, width).draw();
            let rows: Vec<Row> = groups.into_iter().flat_map(|g| g.rows).collect();
            chart(summary(&rows, "revenue"), svg)
        }
        Err(why) => chart(
            format!("The channel mix cannot be compared yet: {why}."),
            None,
        ),
    }
}

/// The channels grouped by segment, or why their shares cannot be computed.
fn groups(plan: &Plan, scenario: &Scenario) -> Result<Vec<Group>, Undefined> {
    let spend = plan.spend.0?;
    let revenue = plan.projected_marketing_revenue.0?;
    if spend <= 0.0 {
        return Err(Undefined::NoSpend);
    }
    if revenue <= 0.0 {
        return Err(Undefined::NoFundedWins);
    }
    let mut groups: Vec<Group> = (0..scenario.segments.len())
        .map(|g| Group {
            segment: g,
            name: segments::name(scenario, g),
            rows: Vec::new(),
        })
        .collect();
    for (c, input) in plan.channels.iter().zip(&scenario.channels) {
        let budget = c.channel_budget.0?;
        let channel_revenue = c.channel_revenue.0?;
        let group = groups
            .get_mut(input.segment)
            .ok_or(Undefined::Invalid(crate::model::Field::Segments))?;
        group.rows.push(Row {
            name: segments::plain(&input.name),
            budget,
            budget_share: budget / spend,
            deal_share: channel_revenue / revenue,
            roi: c.channel_roi.value(),
        });
    }
    Ok(groups)
}

fn table(plan: &Plan, scenario: &Scenario) -> DataTable {
    let currency = scenario.currency.as_str();
    let share = |part: Metric, whole: Metric| match (part.value(), whole.value()) {
        (Some(p), Some(w)) if w > 0.0 => percent(p / w),
        _ => "—".to_string(),
    };
    let text = |m: Metric, style: Style| match m.value() {
        Some(v) => format::text(v, style, currency),
        None => "—".to_string(),
    };
    DataTable {
        headers: [
            "Channel",
            "Segment",
            "Budget",
            "Share of budget",
            "Deals",
            "Revenue",
            "Share of revenue",
            "ROI",
        ]
        .map(String::from)
        .to_vec(),
        rows: plan
            .channels
            .iter()
            .zip(&scenario.channels)
            .map(|(c, input)| {
                let segment = scenario
                    .segments
                    .get(input.segment)
                    .map_or_else(|| "—".to_string(), |g| g.name.clone());
                vec![
                    input.name.clone(),
                    segment,
                    text(c.channel_budget, Style::Money),
                    share(c.channel_budget, plan.spend),
                    text(c.channel_wins, Style::Count),
                    text(c.channel_revenue, Style::Money),
                    share(c.channel_revenue, plan.projected_marketing_revenue),
                    text(c.channel_roi, Style::Percent),
                ]
            })
            .collect(),
    }
}

const SWATCH: f64 = 12.0;
/// A segment's heading: its name and what its channels take and bring.
const GROUP_HEADER: f64 = 24.0;

/// Each segment's heading, then its channels as the one-segment chart
/// draws them (names in a column on wide screens, above the bars on narrow
/// ones), the budget bar a tint of the segment's colour and the revenue
/// bar the colour itself.
fn layout(groups: &[Group], width: u32) -> Scene {
    let w = f64::from(width);
    let (left, right) = (PAD, w - PAD);
    let wide = width >= 560;
    let rows: Vec<&Row> = groups.iter().flat_map(|g| &g.rows).collect();
    let label = |r: &Row| {
        [
            format!("{} of budget", percent(r.budget_share)),
            format!("{} of revenue", percent(r.deal_share)),
        ]
    };
    let roi_width = rows
        .iter()
        .map(|r| dejavu_text_width(&roi_label(r), LABEL, false))
        .fold(0.0, f64::max);
    let name_column = if wide {
        rows.iter()
            .map(|r| dejavu_text_width(&r.name, NAME, true))
            .fold(0.0, f64::max)
            .min(w * 0.3)
    } else {
        0.0
    };
    let bars_left = if wide {
        left + name_column + 12.0
    } else {
        left
    };
    let bars_right = if wide {
        right - roi_width - 16.0
    } else {
        right
    };
    let mut bars = Vec::new();
    for r in &rows {
        let [a, b] = label(r);
        bars.push((r.budget_share, dejavu_text_width(&a, LABEL, false)));
        bars.push((r.deal_share, dejavu_text_width(&b, LABEL, false)));
    }
    let scale = bar_scale(&bars, bars_right - bars_left);

    let (bar, gap) = (14.0, 3.0);
    let header = if wide { 0.0 } else { 20.0 };
    let block = header + bar * 2.0 + gap;
    let spacing = if wide { 14.0 } else { 16.0 };
    let top = 10.0;
    let mut scene = Scene::new(width);
    let mut y = top;
    let form = detail_form(groups, width);
    for group in groups {
        let color = segments::color(group.segment);
        let detail = details(group).swap_remove(form);
        group_heading(&mut scene, group, y, color, detail);
        y += GROUP_HEADER;
        for r in &group.rows {
            let bars_top = y + header;
            let (middle, room) = if wide {
                (bars_top + bar + gap / 2.0, name_column)
            } else {
                (y + 8.0, right - left - roi_width - 12.0)
            };
            let name = fit(&r.name, NAME, true, room);
            scene.heading(middle, name, roi_label(r), palette::MUTED);
            for (k, (share, text)) in [r.budget_share, r.deal_share]
                .into_iter()
                .zip(label(r))
                .enumerate()
            {
                let y0 = bars_top + k as f64 * (bar + gap);
                let x1 = bars_left + share * scale;
                if k == 0 {
                    scene.tint(bars_left, y0, x1, y0 + bar, color, TINT);
                } else {
                    scene.bar(bars_left, y0, x1, y0 + bar, color);
                }
                scene.bar_label(text, x1, y0, bar);
            }
            y += block + spacing;
        }
        if group.rows.is_empty() {
            y += 4.0;
        }
    }
    scene.height = y - spacing + top;
    scene
}

/// A segment's heading details, longest first: its shares of the budget
/// and of the revenue, or that it has no channels.
fn details(group: &Group) -> Vec<String> {
    let budget: f64 = group.rows.iter().map(|r| r.budget_share).sum();
    let revenue: f64 = group.rows.iter().map(|r| r.deal_share).sum();
    if group.rows.is_empty() {
        return vec!["no channels".to_string(); 2];
    }
    vec![
        format!(
            "{} of budget, {} of revenue",
            percent(budget),
            percent(revenue)
        ),
        format!("{} of revenue", percent(revenue)),
    ]
}

/// Room for a segment's name beside `detail` in a chart `width` wide.
fn name_room(width: u32, detail: &str) -> f64 {
    f64::from(width)
        - 2.0 * PAD
        - SWATCH
        - LABEL_GAP
        - dejavu_text_width(detail, LABEL, false)
        - 12.0
}

/// Which detail every heading shows (0: the long one): the long one when
/// it leaves every name its width, or 120 pixels, so the headings read
/// alike.
fn detail_form(groups: &[Group], width: u32) -> usize {
    let long_fits = groups.iter().all(|g| {
        let name = dejavu_text_width(&g.name, NAME, true);
        name_room(width, &details(g)[0]) >= name.min(120.0)
    });
    if long_fits { 0 } else { 1 }
}

/// A segment's heading at `y`: a swatch, its name, and `detail`, over a
/// rule.
fn group_heading(scene: &mut Scene, group: &Group, y: f64, color: RGBColor, detail: String) {
    let (left, right) = (PAD, f64::from(scene.width) - PAD);
    let middle = y + 8.0;
    scene.bar(
        left,
        middle - SWATCH / 2.0,
        left + SWATCH,
        middle + SWATCH / 2.0,
        color,
    );
    let name_left = left + SWATCH + LABEL_GAP;
    let name = fit(&group.name, NAME, true, name_room(scene.width, &detail));
    scene.label(
        name,
        name_left,
        middle,
        NAME,
        true,
        palette::TEXT,
        HPos::Left,
    );
    scene.label(
        detail,
        right,
        middle,
        LABEL,
        false,
        palette::MUTED,
        HPos::Right,
    );
    scene.line(vec![(left, y + 18.0), (right, y + 18.0)], palette::GRID, 1);
}

#[cfg(test)]
mod tests {
    use super::super::layout::fixtures;
    use super::super::segments::fixtures::{self as seg, SEGMENT_HOSTILE};
    use super::*;
    use crate::charts::channel_mix;

    fn chart_for(s: &Scenario, width: u32) -> Chart {
        channel_mix(&Plan::compute(s), s, width)
    }

    #[test]
    fn groups_channels_under_their_segment() {
        for n in [2, 3, 6] {
            let s = seg::segmented(n, 12);
            for width in [360, 720, 1080] {
                let chart = chart_for(&s, width);
                let name = format!("{n} segments at {width}");
                let svg = fixtures::drawn(&chart, &name);
                assert_eq!(chart.title, TITLE);
                // Background, a swatch per segment, two bars per channel.
                assert_eq!(svg.matches("<rect").count(), 1 + n + 2 * 12, "{name}");
                // Name and detail per segment; name, ROI and two labels per channel.
                assert_eq!(svg.matches("<text").count(), 2 * n + 4 * 12, "{name}");
                assert_eq!(
                    fixtures::count_text(svg, |t| t.ends_with(" of revenue")),
                    12 + n
                );
                for (g, segment) in s.segments.iter().enumerate() {
                    assert!(fixtures::has_text(svg, &segment.name), "{name}: {g}");
                    assert!(svg.contains(&format!("var(--chart-segment-{})", g + 1)));
                }
                assert_eq!(chart.table.headers[1], "Segment");
                for (row, c) in chart.table.rows.iter().zip(&s.channels) {
                    assert_eq!(row[1], s.segments[c.segment].name);
                    assert_eq!(row.len(), chart.table.headers.len());
                }
                fixtures::preview(&format!("channels-segments-{n}-{width}"), svg);
            }
        }
    }

    #[test]
    fn shares_are_of_revenue_and_add_up() {
        let s = seg::segmented(3, 6);
        let plan = Plan::compute(&s);
        let groups = groups(&plan, &s).unwrap_or_default();
        let total: f64 = groups
            .iter()
            .flat_map(|g| &g.rows)
            .map(|r| r.deal_share)
            .sum();
        assert!((total - 1.0).abs() < 1e-9);
        let chart = channel_mix(&plan, &s, 720);
        fixtures::one_sentence(&chart.summary);
        assert!(
            chart.summary.contains("share of revenue"),
            "{}",
            chart.summary
        );
        assert!(!chart.summary.contains("deals"), "{}", chart.summary);
    }

    #[test]
    fn a_segment_without_channels_says_so() {
        let mut s = seg::segmented(3, 6);
        s.channels.retain(|c| c.segment != 1);
        let chart = chart_for(&s, 360);
        let svg = fixtures::drawn(&chart, "no channels");
        assert!(fixtures::has_text(svg, "no channels"));
        assert!(fixtures::has_text(svg, "Mid-market"));
    }

    #[test]
    fn nothing_funded_explains_why() {
        let mut s = seg::segmented(3, 6);
        s.channels.iter_mut().for_each(|c| c.share = 0.0);
        let chart = chart_for(&s, 720);
        assert_eq!(chart.svg, None);
        assert_eq!(
            chart.summary,
            "The channel mix cannot be compared yet: no budget is allocated to a channel."
        );
        assert_eq!(chart.table.rows.len(), 6);
    }

    #[test]
    fn user_names_are_escaped_and_cut_to_fit() {
        let s = seg::hostile_segments();
        for width in [360, 720, 1080] {
            let chart = chart_for(&s, width);
            let svg = fixtures::drawn(&chart, "hostile segments");
            assert!(svg.contains("&lt;script&gt;&amp;&quot;&apos;"), "{svg}");
            assert!(!svg.contains(SEGMENT_HOSTILE) && !svg.contains("<script"));
            assert!(!svg.contains(&"x".repeat(189)));
            assert!(fixtures::count_text(svg, |t| t.ends_with('…')) >= 1);
            assert!(chart.table.rows.iter().any(|r| r[1] == SEGMENT_HOSTILE));
            fixtures::preview(&format!("channels-segments-hostile-{width}"), svg);
        }
    }

    #[test]
    fn labels_fit_and_never_overlap() {
        for (name, s) in seg::all_segmented() {
            let plan = Plan::compute(&s);
            let Ok(groups) = groups(&plan, &s) else {
                continue;
            };
            for width in [360, 720, 1080] {
                let problems = layout(&groups, width).layout_problems();
                assert_eq!(problems, Vec::<String>::new(), "{name} at {width}");
            }
        }
    }
}
