//! Channel mix: each channel's share of the allocated budget against its
//! share of the deals the budget buys, with its ROI, so the channels that
//! pull their weight stand out. With two or more segments the channels are
//! grouped by segment, in its colour ([`super::channels_segments`]).

use super::channels_segments;
use super::layout::{LABEL, NAME, PAD, Scene, bar_scale, dejavu_text_width, fit, names};
use super::{Chart, DataTable, palette, percent, segments};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario, Undefined};

pub(super) const TITLE: &str = "Channel mix: budget share versus share of deals";

/// Shares closer than this (a twentieth of a percentage point) count as even.
pub(super) const EVEN: f64 = 0.0005;

/// One channel's numbers, all defined.
pub(super) struct Row {
    pub name: String,
    pub budget: f64,
    pub budget_share: f64,
    /// Its share of the deals; with segments, of the marketing-sourced
    /// revenue (see [`super::channels_segments`]).
    pub deal_share: f64,
    pub roi: Option<f64>,
}

pub fn channel_mix(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    if segments::split(plan, scenario) {
        return channels_segments::channel_mix(plan, scenario, width);
    }
    let table = table(plan, scenario);
    let chart = |summary: String, svg: Option<String>| Chart {
        id: "channel_mix",
        title: TITLE.into(),
        summary,
        svg,
        table: table.clone(),
    };
    let rows = match rows(plan, scenario) {
        Ok(rows) => rows,
        Err(why) => {
            return chart(
                format!("The channel mix cannot be compared yet: {why}."),
                None,
            );
        }
    };
    chart(summary(&rows, "deals"), layout(&rows, width).draw())
}

/// Each channel's shares, or why they cannot be computed.
fn rows(plan: &Plan, scenario: &Scenario) -> Result<Vec<Row>, Undefined> {
    let spend = plan.spend.0?;
    let wins = plan.projected_wins.0?;
    if spend <= 0.0 {
        return Err(Undefined::NoSpend);
    }
    if wins <= 0.0 {
        return Err(Undefined::NoFundedWins);
    }
    plan.channels
        .iter()
        .zip(&scenario.channels)
        .map(|(c, input)| {
            let budget = c.channel_budget.0?;
            let channel_wins = c.channel_wins.0?;
            Ok(Row {
                // Control characters (an invalid name is kept as typed)
                // have no place in a drawing.
                name: segments::plain(&input.name),
                budget,
                budget_share: budget / spend,
                deal_share: channel_wins / wins,
                roi: c.channel_roi.value(),
            })
        })
        .collect()
}

pub(super) fn pulls_weight(row: &Row) -> Option<bool> {
    if row.budget <= 0.0 || (row.deal_share - row.budget_share).abs() < EVEN {
        None
    } else {
        Some(row.deal_share > row.budget_share)
    }
}

/// Who pulls their weight: a bigger share of `of` (deals, or revenue with
/// segments) than of the budget.
pub(super) fn summary(rows: &[Row], of: &str) -> String {
    let funded: Vec<&Row> = rows.iter().filter(|r| r.budget > 0.0).collect();
    if let [only] = funded[..] {
        return format!(
            "{} is the only funded channel, so it takes all of the budget and brings all of the {of}.",
            only.name
        );
    }
    // Strongest first among those that pull their weight, weakest first
    // among those that do not.
    let pick = |want: bool| -> Vec<&Row> {
        let mut list: Vec<&Row> = funded
            .iter()
            .copied()
            .filter(|r| pulls_weight(r) == Some(want))
            .collect();
        let pull = |r: &Row| r.deal_share / r.budget_share;
        list.sort_by(|a, b| {
            let order = pull(b).total_cmp(&pull(a));
            if want { order } else { order.reverse() }
        });
        list
    };
    let (strong, weak) = (pick(true), pick(false));
    let strong_names: Vec<&str> = strong.iter().map(|r| r.name.as_str()).collect();
    let weak_names: Vec<&str> = weak.iter().map(|r| r.name.as_str()).collect();
    let verb = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    match (strong.len(), weak.len()) {
        (0, 0) => format!("Every funded channel brings the same share of {of} as of budget."),
        (1, _) if weak.is_empty() => format!(
            "{} pulls its weight ({} of {of} for {} of the budget); the other channels break even.",
            strong[0].name,
            percent(strong[0].deal_share),
            percent(strong[0].budget_share)
        ),
        (_, 0) => format!(
            "{} bring a bigger share of {of} than of budget; the rest break even.",
            names(&strong_names)
        ),
        (0, _) => format!(
            "{} {} a smaller share of {of} than of budget; the rest break even.",
            names(&weak_names),
            verb(weak.len(), "brings", "bring")
        ),
        (1, _) => format!(
            "{} pulls its weight ({} of {of} for {} of the budget), while {} {} a smaller share of {of} than of budget.",
            strong[0].name,
            percent(strong[0].deal_share),
            percent(strong[0].budget_share),
            names(&weak_names),
            verb(weak.len(), "brings", "bring")
        ),
        _ => format!(
            "{} pull their weight with a bigger share of {of} than of budget, while {} {} a smaller share.",
            names(&strong_names),
            names(&weak_names),
            verb(weak.len(), "brings", "bring")
        ),
    }
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
            "Budget",
            "Share of budget",
            "Deals",
            "Share of deals",
            "ROI",
        ]
        .map(String::from)
        .to_vec(),
        rows: plan
            .channels
            .iter()
            .zip(&scenario.channels)
            .map(|(c, input)| {
                vec![
                    input.name.clone(),
                    text(c.channel_budget, Style::Money),
                    share(c.channel_budget, plan.spend),
                    text(c.channel_wins, Style::Count),
                    share(c.channel_wins, plan.projected_wins),
                    text(c.channel_roi, Style::Percent),
                ]
            })
            .collect(),
    }
}

pub(super) fn roi_label(row: &Row) -> String {
    match row.roi {
        Some(roi) => format!("ROI {}", percent(roi)),
        None => "ROI —".into(),
    }
}

/// Wide screens put names in a column left of the bars; narrow ones put each
/// name on a line above its bars.
fn layout(rows: &[Row], width: u32) -> Scene {
    let w = f64::from(width);
    let (left, right) = (PAD, w - PAD);
    let wide = width >= 560;
    let labels: Vec<[String; 2]> = rows
        .iter()
        .map(|r| {
            [
                format!("{} of budget", percent(r.budget_share)),
                format!("{} of deals", percent(r.deal_share)),
            ]
        })
        .collect();
    let rois: Vec<String> = rows.iter().map(roi_label).collect();
    let roi_width = rois
        .iter()
        .map(|t| dejavu_text_width(t, LABEL, false))
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
    for (r, [a, b]) in rows.iter().zip(&labels) {
        bars.push((r.budget_share, dejavu_text_width(a, LABEL, false)));
        bars.push((r.deal_share, dejavu_text_width(b, LABEL, false)));
    }
    let scale = bar_scale(&bars, bars_right - bars_left);

    let (bar, gap) = (14.0, 3.0);
    let header = if wide { 0.0 } else { 20.0 };
    let block = header + bar * 2.0 + gap;
    let spacing = if wide { 14.0 } else { 16.0 };
    let top = 10.0;
    let mut scene = Scene::new(width);
    for (i, (r, [budget_label, deals_label])) in rows.iter().zip(&labels).enumerate() {
        let y = top + i as f64 * (block + spacing);
        let bars_top = y + header;
        let (middle, room) = if wide {
            (bars_top + bar + gap / 2.0, name_column)
        } else {
            (y + 8.0, right - left - roi_width - 12.0)
        };
        let name = fit(&r.name, NAME, true, room);
        scene.heading(middle, name, rois[i].clone(), palette::MUTED);
        for (k, (share, label, color)) in [
            (r.budget_share, budget_label, palette::REQUIRED),
            (r.deal_share, deals_label, palette::FUNDED),
        ]
        .into_iter()
        .enumerate()
        {
            let y0 = bars_top + k as f64 * (bar + gap);
            let x1 = bars_left + share * scale;
            scene.labelled_bar(bars_left, y0, x1, bar, color, label.clone());
        }
    }
    scene.fit_rows(top, rows.len(), block, spacing);
    scene
}

#[cfg(test)]
mod tests {
    use super::super::layout::fixtures::{self, HOSTILE};
    use super::*;

    fn chart_for(s: &Scenario, width: u32) -> Chart {
        channel_mix(&Plan::compute(s), s, width)
    }

    #[test]
    fn draws_two_labelled_bars_and_an_roi_per_channel() {
        for (name, s) in [
            ("default", Scenario::default()),
            ("one-channel", fixtures::one_channel()),
            ("twelve-channels", fixtures::twelve_channels()),
            ("hostile", fixtures::hostile()),
            ("no-marketing-deals", fixtures::no_marketing_deals()),
            ("covered", fixtures::covered()),
        ] {
            for width in [360, 720] {
                let chart = chart_for(&s, width);
                let svg = fixtures::drawn(&chart, name);
                let n = s.channels.len();
                // The background plus two bars per channel.
                assert_eq!(svg.matches("<rect").count(), 1 + 2 * n, "{name}");
                // Name, ROI and two bar labels per channel.
                assert_eq!(svg.matches("<text").count(), 4 * n, "{name}");
                assert_eq!(
                    fixtures::count_text(svg, |t| t.ends_with(" of budget")),
                    n,
                    "{name}"
                );
                assert_eq!(
                    fixtures::count_text(svg, |t| t.ends_with(" of deals")),
                    n,
                    "{name}"
                );
                assert_eq!(
                    fixtures::count_text(svg, |t| t.starts_with("ROI ")),
                    n,
                    "{name}"
                );
                assert_eq!(chart.table.rows.len(), n, "{name}");
                assert!(
                    chart
                        .table
                        .rows
                        .iter()
                        .all(|r| r.len() == chart.table.headers.len())
                );
                fixtures::preview(&format!("channels-{name}-{width}"), svg);
            }
        }
    }

    #[test]
    fn labels_fit_and_never_overlap() {
        for (name, s) in fixtures::all() {
            let plan = Plan::compute(&s);
            let Ok(rows) = rows(&plan, &s) else { continue };
            for width in [360, 720] {
                let problems = layout(&rows, width).layout_problems();
                assert_eq!(problems, Vec::<String>::new(), "{name} at {width}");
            }
        }
    }

    #[test]
    fn default_summary_names_who_pulls_their_weight() {
        let chart = chart_for(&Scenario::default(), 720);
        assert!(
            chart.summary.starts_with("Content & SEO pulls its weight"),
            "{}",
            chart.summary
        );
        assert!(
            chart
                .summary
                .contains("LinkedIn ads, Events and Paid search"),
            "{}",
            chart.summary
        );
        let rows = &chart.table.rows;
        assert_eq!(rows[0][0], "Paid search");
        assert_eq!(rows[0][2], "35%");
        assert_eq!(chart.id, "channel_mix");
        assert_eq!(chart.title, TITLE);
    }

    #[test]
    fn one_channel_takes_everything() {
        let chart = chart_for(&fixtures::one_channel(), 360);
        assert!(
            chart
                .summary
                .starts_with("Paid search is the only funded channel")
        );
        let svg = chart.svg.unwrap_or_default();
        assert!(fixtures::has_text(&svg, "100% of budget"));
        assert!(fixtures::has_text(&svg, "100% of deals"));
    }

    #[test]
    fn long_names_are_cut_in_the_drawing_but_whole_in_the_table() {
        let s = fixtures::twelve_channels();
        for width in [360, 720] {
            let chart = chart_for(&s, width);
            let svg = chart.svg.unwrap_or_default();
            assert_eq!(
                fixtures::count_text(&svg, |t| t.ends_with("…")),
                12,
                "at {width}"
            );
            for (row, channel) in chart.table.rows.iter().zip(&s.channels) {
                assert_eq!(row[0], channel.name);
                assert_eq!(channel.name.chars().count(), 40);
            }
        }
    }

    #[test]
    fn wide_and_non_latin_names_are_cut_to_fit() {
        let mut s = fixtures::twelve_channels();
        for (i, c) in s.channels.iter_mut().enumerate() {
            c.name = match i % 3 {
                0 => "W".repeat(40),
                1 => "営業チーム".repeat(8),
                _ => "Ünïcødé ÀÉÎ—naïve façade résumé ❤️ 🚀 مرحبا"
                    .chars()
                    .take(40)
                    .collect(),
            };
        }
        let plan = Plan::compute(&s);
        let rows = rows(&plan, &s).unwrap_or_default();
        assert_eq!(rows.len(), 12);
        for width in [360, 720] {
            let scene = layout(&rows, width);
            assert_eq!(scene.layout_problems(), Vec::<String>::new(), "at {width}");
            let svg = scene.draw().unwrap_or_default();
            fixtures::check_common(Some(&svg), &summary(&rows, "deals"));
            fixtures::preview(&format!("channels-wide-names-{width}"), &svg);
        }
    }

    #[test]
    fn hostile_names_are_escaped_text() {
        let chart = chart_for(&fixtures::hostile(), 360);
        let svg = chart.svg.unwrap_or_default();
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "{svg}");
        assert!(svg.contains("Events &amp; &quot;shows&quot;"));
        assert!(!svg.contains(HOSTILE));
        assert_eq!(chart.table.rows[0][0], HOSTILE);
    }

    #[test]
    fn no_spend_invalid_input_and_no_deals_explain_why() {
        let chart = chart_for(&fixtures::nothing_funded(), 720);
        assert_eq!(chart.svg, None);
        assert_eq!(
            chart.summary,
            "The channel mix cannot be compared yet: no budget is allocated to a channel."
        );
        assert_eq!(chart.table.rows.len(), 4);
        assert!(chart.table.rows.iter().all(|r| r[2] == "—" && r[5] == "—"));

        let chart = chart_for(&fixtures::invalid(), 720);
        assert_eq!(chart.svg, None);
        assert_eq!(
            chart.summary,
            "The channel mix cannot be compared yet: needs a valid win rate."
        );
        assert_eq!(chart.table.rows.len(), 4);
        assert_eq!(
            chart.table.rows[0][2], "35%",
            "budget shares do not need the win rate"
        );
        assert_eq!(chart.table.rows[0][4], "—");
        fixtures::check_common(None, &chart.summary);
    }

    #[test]
    fn an_unfunded_channel_draws_empty_bars_and_no_roi() {
        let mut s = Scenario::default();
        s.channels[3].share = 0.0;
        let chart = chart_for(&s, 360);
        let svg = chart.svg.unwrap_or_default();
        assert!(fixtures::has_text(&svg, "ROI —"));
        assert!(fixtures::has_text(&svg, "0% of budget"));
        assert_eq!(chart.table.rows[3][5], "—");
        fixtures::check_common(Some(&svg), &chart.summary);
    }
}
