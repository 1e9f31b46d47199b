//! Channel mix: each channel's share of the allocated budget against its
//! share of the deals the budget buys, with its ROI, so the channels that
//! pull their weight stand out.
//!
//! The second half of this file holds the small layout kit the funnel and
//! lever charts share: text-width estimates, truncation, and a [`Scene`] of
//! bars and labels drawn through plotters.

use super::{Chart, DataTable, palette, percent};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario, Undefined};
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const TITLE: &str = "Channel mix: budget share versus share of deals";

/// Shares closer than this (a twentieth of a percentage point) count as even.
const EVEN: f64 = 0.0005;

/// One channel's numbers, all defined.
struct Row {
    name: String,
    budget: f64,
    budget_share: f64,
    deal_share: f64,
    roi: Option<f64>,
}

pub fn channel_mix(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
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
    chart(summary(&rows), layout(&rows, width).draw())
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
                name: input
                    .name
                    .trim()
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect(),
                budget,
                budget_share: budget / spend,
                deal_share: channel_wins / wins,
                roi: c.channel_roi.value(),
            })
        })
        .collect()
}

fn pulls_weight(row: &Row) -> Option<bool> {
    if row.budget <= 0.0 || (row.deal_share - row.budget_share).abs() < EVEN {
        None
    } else {
        Some(row.deal_share > row.budget_share)
    }
}

/// "A", "A and B", "A, B and C", "A, B and 2 others".
pub(super) fn names(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_string(),
        [first @ .., last] if list.len() <= 3 => format!("{} and {last}", first.join(", ")),
        _ => format!("{} and {} others", list[..2].join(", "), list.len() - 2),
    }
}

fn summary(rows: &[Row]) -> String {
    let funded: Vec<&Row> = rows.iter().filter(|r| r.budget > 0.0).collect();
    if let [only] = funded[..] {
        return format!(
            "{} is the only funded channel, so it takes all of the budget and brings all of the deals.",
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
        (0, 0) => "Every funded channel brings the same share of deals as of budget.".into(),
        (1, _) if weak.is_empty() => format!(
            "{} pulls its weight ({} of deals for {} of the budget); the other channels break even.",
            strong[0].name,
            percent(strong[0].deal_share),
            percent(strong[0].budget_share)
        ),
        (_, 0) => format!(
            "{} bring a bigger share of deals than of budget; the rest break even.",
            names(&strong_names)
        ),
        (0, _) => format!(
            "{} {} a smaller share of deals than of budget; the rest break even.",
            names(&weak_names),
            verb(weak.len(), "brings", "bring")
        ),
        (1, _) => format!(
            "{} pulls its weight ({} of deals for {} of the budget), while {} {} a smaller share of deals than of budget.",
            strong[0].name,
            percent(strong[0].deal_share),
            percent(strong[0].budget_share),
            names(&weak_names),
            verb(weak.len(), "brings", "bring")
        ),
        _ => format!(
            "{} pull their weight with a bigger share of deals than of budget, while {} {} a smaller share.",
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

fn roi_label(row: &Row) -> String {
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
        .map(|t| text_width(t, LABEL, false))
        .fold(0.0, f64::max);
    let name_column = if wide {
        rows.iter()
            .map(|r| text_width(&r.name, NAME, true))
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
        bars.push((r.budget_share, text_width(a, LABEL, false)));
        bars.push((r.deal_share, text_width(b, LABEL, false)));
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
        if wide {
            let middle = bars_top + bar + gap / 2.0;
            let name = fit(&r.name, NAME, true, name_column);
            scene.label(name, left, middle, NAME, true, palette::TEXT, HPos::Left);
            scene.label(
                rois[i].clone(),
                right,
                middle,
                LABEL,
                false,
                palette::MUTED,
                HPos::Right,
            );
        } else {
            let middle = y + 8.0;
            let room = right - left - roi_width - 12.0;
            scene.label(
                fit(&r.name, NAME, true, room),
                left,
                middle,
                NAME,
                true,
                palette::TEXT,
                HPos::Left,
            );
            scene.label(
                rois[i].clone(),
                right,
                middle,
                LABEL,
                false,
                palette::MUTED,
                HPos::Right,
            );
        }
        for (k, (share, label, color)) in [
            (r.budget_share, budget_label, palette::REQUIRED),
            (r.deal_share, deals_label, palette::FUNDED),
        ]
        .into_iter()
        .enumerate()
        {
            let y0 = bars_top + k as f64 * (bar + gap);
            let x1 = bars_left + share * scale;
            scene.bar(bars_left, y0, x1, y0 + bar, color);
            scene.label(
                label.clone(),
                x1 + LABEL_GAP,
                y0 + bar / 2.0,
                LABEL,
                false,
                palette::TEXT,
                HPos::Left,
            );
        }
    }
    scene.height = top * 2.0 + rows.len() as f64 * (block + spacing) - spacing;
    scene
}

// ---------------------------------------------------------------------------
// Layout kit shared by the funnel, channel and lever charts. Text is never
// measured (on wasm that would go through the DOM): widths are estimated
// with the metrics of DejaVu Sans, a wide sans-serif, so real fonts come out
// the same or narrower and labels keep clear of each other and the edges.

/// Side margin of every chart.
pub(super) const PAD: f64 = 10.0;
/// Size of names and stage headings (bold).
pub(super) const NAME: f64 = 13.0;
/// Size of bar labels and notes.
pub(super) const LABEL: f64 = 12.0;
/// Space between a bar's end and its label.
pub(super) const LABEL_GAP: f64 = 6.0;

/// Advance width of `c` in ems (DejaVu Sans, rounded up).
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.32,
        'i' | 'j' | 'l' | '\'' | '|' => 0.28,
        '.' | ',' | ':' | ';' | 'I' | 'J' | '!' => 0.40,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' | '"' => 0.47,
        'm' | 'M' | 'W' | '%' | '@' => 1.0,
        'w' => 0.86,
        '0'..='9' | 'a'..='z' | '$' | '€' | '£' | '¥' | '?' | '_' | '*' => 0.64,
        'A'..='Z' => 0.79,
        '+' | '<' | '>' | '=' | '#' | '~' | '×' | '→' | '−' | '&' | '^' => 0.84,
        _ => 1.0,
    }
}

/// Estimated width of `text` at `px` CSS pixels.
pub(super) fn text_width(text: &str, px: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * px * if bold { 1.12 } else { 1.02 }
}

/// `text`, cut with "…" to fit `max` pixels.
pub(super) fn fit(text: &str, px: f64, bold: bool, max: f64) -> String {
    if text_width(text, px, bold) <= max {
        return text.to_string();
    }
    let mut kept = String::new();
    for c in text.chars() {
        kept.push(c);
        if text_width(&kept, px, bold) + text_width("…", px, bold) > max {
            kept.pop();
            break;
        }
    }
    format!("{}…", kept.trim_end())
}

/// Pixels per unit for bars that each carry a label after their end: the
/// largest scale at which every bar and its label fit in `room` pixels.
/// `bars` holds (length in units, label width).
pub(super) fn bar_scale(bars: &[(f64, f64)], room: f64) -> f64 {
    let fits = bars
        .iter()
        .filter(|(length, _)| length.is_finite() && *length > 0.0)
        .map(|(length, label)| (room - LABEL_GAP - label) / length)
        .fold(f64::INFINITY, f64::min);
    // No bar at all: any scale works. Absurdly long labels: keep bars visible.
    if fits.is_finite() { fits.max(0.0) } else { 0.0 }
}

/// A pixel coordinate: finite, rounded, never wild.
pub(super) fn px(value: f64) -> i32 {
    if value.is_finite() {
        value.round().clamp(-100_000.0, 100_000.0) as i32
    } else {
        0
    }
}

/// One thing to draw.
#[derive(Clone)]
pub(super) enum Mark {
    Bar {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        color: RGBColor,
    },
    /// Text whose vertical middle sits at `y`.
    Label {
        text: String,
        x: f64,
        y: f64,
        px: f64,
        bold: bool,
        color: RGBColor,
        h: HPos,
    },
    Line {
        points: Vec<(f64, f64)>,
        color: RGBColor,
        width: u32,
    },
}

/// Marks laid out on a `width` × `height` canvas, drawn through plotters.
#[derive(Clone)]
pub(super) struct Scene {
    pub width: u32,
    pub height: f64,
    pub marks: Vec<Mark>,
}

impl Scene {
    pub fn new(width: u32) -> Scene {
        Scene {
            width,
            height: 0.0,
            marks: Vec::new(),
        }
    }

    pub fn bar(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor) {
        self.marks.push(Mark::Bar {
            x0,
            y0,
            x1: x1.max(x0),
            y1,
            color,
        });
    }

    #[allow(clippy::too_many_arguments)]
    pub fn label(
        &mut self,
        text: String,
        x: f64,
        y: f64,
        px: f64,
        bold: bool,
        color: RGBColor,
        h: HPos,
    ) {
        self.marks.push(Mark::Label {
            text,
            x,
            y,
            px,
            bold,
            color,
            h,
        });
    }

    pub fn line(&mut self, points: Vec<(f64, f64)>, color: RGBColor, width: u32) {
        self.marks.push(Mark::Line {
            points,
            color,
            width,
        });
    }

    /// The SVG, on the theme's surface colour (so downloads have a background).
    pub fn draw(&self) -> Option<String> {
        let height = u32::try_from(px(self.height.ceil()).max(1)).unwrap_or(1);
        super::render(self.width, height, |area| {
            area.fill(&palette::SURFACE)?;
            for mark in &self.marks {
                match mark {
                    Mark::Bar {
                        x0,
                        y0,
                        x1,
                        y1,
                        color,
                    } => area.draw(&Rectangle::new(
                        [(px(*x0), px(*y0)), (px(*x1), px(*y1))],
                        color.filled(),
                    ))?,
                    Mark::Label {
                        text,
                        x,
                        y,
                        px: size,
                        bold,
                        color,
                        h,
                    } => {
                        let style = if *bold {
                            FontStyle::Bold
                        } else {
                            FontStyle::Normal
                        };
                        let font = ("sans-serif", size * 1.24, style)
                            .into_font()
                            .color(color)
                            .pos(Pos::new(*h, VPos::Center));
                        area.draw(&Text::new(text.as_str(), (px(*x), px(*y)), font))?
                    }
                    Mark::Line {
                        points,
                        color,
                        width,
                    } => area.draw(&PathElement::new(
                        points
                            .iter()
                            .map(|&(x, y)| (px(x), px(y)))
                            .collect::<Vec<_>>(),
                        color.stroke_width(*width),
                    ))?,
                }
            }
            Ok::<(), DrawingAreaErrorKind<std::io::Error>>(())
        })
    }

    /// Estimated boxes of the labels, (left, top, right, bottom, text), as a
    /// browser reports them for DejaVu Sans (ascent 0.93 em, descent 0.24 em).
    #[cfg(test)]
    pub fn text_boxes(&self) -> Vec<(f64, f64, f64, f64, String)> {
        self.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Label {
                    text,
                    x,
                    y,
                    px,
                    bold,
                    h,
                    ..
                } => {
                    let w = text_width(text, *px, *bold);
                    let left = match h {
                        HPos::Left => *x,
                        HPos::Center => x - w / 2.0,
                        HPos::Right => x - w,
                    };
                    // SVG "dy=0.5ex" puts the baseline 0.27 em below y.
                    let baseline = y + 0.27 * px;
                    Some((
                        left,
                        baseline - 0.93 * px,
                        left + w,
                        baseline + 0.24 * px,
                        text.clone(),
                    ))
                }
                _ => None,
            })
            .collect()
    }

    /// Labels that leave the canvas or overlap each other (by estimate).
    #[cfg(test)]
    pub fn layout_problems(&self) -> Vec<String> {
        let boxes = self.text_boxes();
        let (w, h) = (f64::from(self.width), self.height);
        let mut problems = Vec::new();
        for (l, t, r, b, text) in &boxes {
            if *l < 0.0 || *t < 0.0 || *r > w || *b > h {
                problems.push(format!(
                    "{text:?} leaves the {w}×{h} canvas: {l},{t} – {r},{b}"
                ));
            }
        }
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let x = a.2.min(b.2) - a.0.max(b.0);
                let y = a.3.min(b.3) - a.1.max(b.1);
                if x > 1.0 && y > 1.0 {
                    problems.push(format!("{:?} overlaps {:?}", a.4, b.4));
                }
            }
        }
        problems
    }
}

/// Scenarios every chart is tested with, and a way to look at the result.
#[cfg(test)]
pub(super) mod fixtures {
    use crate::model::{Channel, Scenario};

    pub const HOSTILE: &str = "<img src=x onerror=alert(1)>";

    pub fn one_channel() -> Scenario {
        Scenario {
            channels: vec![Channel::new("Paid search", 1.0, 310.0, Some(0.26))],
            ..Scenario::default()
        }
    }

    pub fn twelve_channels() -> Scenario {
        let channels = (0..12)
            .map(|i| {
                let name = format!("Channel {:02} with a very long descriptive name", i + 1);
                let name: String = name.chars().take(40).collect();
                Channel::new(
                    &name,
                    1.0 / 12.0 - 1e-4,
                    150.0 + 25.0 * f64::from(i),
                    Some(0.1 + 0.02 * f64::from(i)),
                )
            })
            .collect();
        Scenario {
            channels,
            ..Scenario::default()
        }
    }

    pub fn hostile() -> Scenario {
        Scenario {
            channels: vec![
                Channel::new(HOSTILE, 0.5, 200.0, Some(0.3)),
                Channel::new("Events & \"shows\"", 0.5, 400.0, None),
            ],
            ..Scenario::default()
        }
    }

    pub fn no_marketing_deals() -> Scenario {
        Scenario {
            marketing_sourced: 0.0,
            ..Scenario::default()
        }
    }

    /// Spend of 50% of the goal: the plan over-delivers (coverage ≥ 1).
    pub fn covered() -> Scenario {
        Scenario {
            spend: 0.5,
            ..Scenario::default()
        }
    }

    /// Every channel's share 0: nothing is funded (coverage 0).
    pub fn nothing_funded() -> Scenario {
        let mut s = Scenario::default();
        for c in &mut s.channels {
            c.share = 0.0;
        }
        s
    }

    pub fn invalid() -> Scenario {
        Scenario {
            win_rate: f64::NAN,
            ..Scenario::default()
        }
    }

    /// Every scenario, named.
    pub fn all() -> Vec<(&'static str, Scenario)> {
        vec![
            ("default", Scenario::default()),
            ("one-channel", one_channel()),
            ("twelve-channels", twelve_channels()),
            ("hostile", hostile()),
            ("no-marketing-deals", no_marketing_deals()),
            ("covered", covered()),
            ("nothing-funded", nothing_funded()),
            ("invalid", invalid()),
        ]
    }

    /// Writes `svg` to /tmp/chart-preview/fcl when CHART_PREVIEW is set.
    pub fn preview(name: &str, svg: &str) {
        if std::env::var("CHART_PREVIEW").is_ok() {
            let dir = std::path::Path::new("/tmp/chart-preview/fcl");
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(dir.join(format!("{name}.svg")), svg);
        }
    }

    /// The text of every `<text>` element, in order (still escaped).
    pub fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let body = &t[t.find('>')? + 1..];
                Some(body[..body.find("</text>")?].trim().to_string())
            })
            .collect()
    }

    /// How many text elements read exactly `text`.
    pub fn count_text(svg: &str, pred: impl Fn(&str) -> bool) -> usize {
        texts(svg).iter().filter(|t| pred(t)).count()
    }

    /// Whether a text element reads exactly `text`.
    pub fn has_text(svg: &str, text: &str) -> bool {
        texts(svg).iter().any(|t| t == text)
    }

    /// Things no chart may contain, and the sentence rule for summaries.
    pub fn check_common(svg: Option<&str>, summary: &str) {
        assert!(summary.ends_with('.'), "one sentence: {summary}");
        assert!(
            !summary.trim_end_matches('.').contains(". "),
            "one sentence: {summary}"
        );
        assert!(
            !summary.contains("NaN") && !summary.contains("inf"),
            "{summary}"
        );
        if let Some(svg) = svg {
            for bad in ["NaN", "inf", "<img", "#0000"] {
                assert!(!svg.contains(bad), "{bad} in the SVG");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{self, HOSTILE};
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
                let svg = chart
                    .svg
                    .as_deref()
                    .unwrap_or_else(|| panic!("{name} drawn"));
                fixtures::check_common(Some(svg), &chart.summary);
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
            fixtures::check_common(Some(&svg), &summary(&rows));
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

    #[test]
    fn name_lists_read_naturally() {
        assert_eq!(names(&["A"]), "A");
        assert_eq!(names(&["A", "B"]), "A and B");
        assert_eq!(names(&["A", "B", "C"]), "A, B and C");
        assert_eq!(names(&["A", "B", "C", "D", "E"]), "A, B and 3 others");
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("Short", 13.0, true, 200.0), "Short");
        let cut = fit("Channel 01 with a very long descriptive", 13.0, true, 120.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 13.0, true) <= 120.0,
            "{cut}"
        );
    }
}
