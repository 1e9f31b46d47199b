//! Layout toolkit shared by the funnel, channel-mix and lever charts: text
//! width estimates, truncation, bar scales and a [`Scene`] of bars and labels
//! drawn through plotters.
//!
//! Text is never measured (on wasm that would go through the DOM): widths are
//! estimated with the metrics of DejaVu Sans, a wide sans-serif, so real fonts
//! come out the same or narrower and labels keep clear of each other and the
//! edges.

use super::palette;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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

/// Estimated width of `text` at `px` CSS pixels, per character with the
/// metrics of DejaVu Sans (bold a little wider).
///
/// Not the same estimate as [`super::kit::generous_text_width`] (a flat
/// 0.62 em a character at 12 px), which the timeline charts lay out with:
/// each chart's layout is tuned to its own, so they stay apart.
pub(super) fn dejavu_text_width(text: &str, px: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * px * if bold { 1.12 } else { 1.02 }
}

/// `text`, cut with "…" to fit `max` pixels.
pub(super) fn fit(text: &str, px: f64, bold: bool, max: f64) -> String {
    if dejavu_text_width(text, px, bold) <= max {
        return text.to_string();
    }
    let mut kept = String::new();
    for c in text.chars() {
        kept.push(c);
        if dejavu_text_width(&kept, px, bold) + dejavu_text_width("…", px, bold) > max {
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
    /// A see-through bar: `color` at `opacity`.
    Tint {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        color: RGBColor,
        opacity: f64,
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

    /// A bar in `color` at `opacity` (the lighter half of a pair).
    pub fn tint(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor, opacity: f64) {
        self.marks.push(Mark::Tint {
            x0,
            y0,
            x1: x1.max(x0),
            y1,
            color,
            opacity,
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

    /// A row's heading at `middle`: its name in bold on the left and
    /// `detail` on the right, both inside the side margins.
    pub fn heading(&mut self, middle: f64, name: String, detail: String, detail_color: RGBColor) {
        let right = f64::from(self.width) - PAD;
        self.label(name, PAD, middle, NAME, true, palette::TEXT, HPos::Left);
        self.label(
            detail,
            right,
            middle,
            LABEL,
            false,
            detail_color,
            HPos::Right,
        );
    }

    /// A bar from `x0` to `x1`, `height` tall, with `label` just after its end.
    pub fn labelled_bar(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        height: f64,
        color: RGBColor,
        label: String,
    ) {
        self.bar(x0, y0, x1, y0 + height, color);
        self.bar_label(label, x1, y0, height);
    }

    /// `label` just after the end (`x1`) of a bar at `y0`, `height` tall.
    pub fn bar_label(&mut self, label: String, x1: f64, y0: f64, height: f64) {
        self.label(
            label,
            x1 + LABEL_GAP,
            y0 + height / 2.0,
            LABEL,
            false,
            palette::TEXT,
            HPos::Left,
        );
    }

    /// Sets the height for `rows` blocks, `block` tall and `spacing` apart,
    /// that start at `top`, with a margin of `top` below them too.
    pub fn fit_rows(&mut self, top: f64, rows: usize, block: f64, spacing: f64) {
        self.height = top * 2.0 + rows as f64 * (block + spacing) - spacing;
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
                    Mark::Tint {
                        x0,
                        y0,
                        x1,
                        y1,
                        color,
                        opacity,
                    } => area.draw(&Rectangle::new(
                        [(px(*x0), px(*y0)), (px(*x1), px(*y1))],
                        color.mix(*opacity).filled(),
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
                    let w = dejavu_text_width(text, *px, *bold);
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

/// "A", "A and B", "A, B and C", "A, B and 2 others".
pub(super) fn names(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_string(),
        [first @ .., last] if list.len() <= 3 => format!("{} and {last}", first.join(", ")),
        _ => format!("{} and {} others", list[..2].join(", "), list.len() - 2),
    }
}

/// Scenarios every chart is tested with, and a way to look at the result.
#[cfg(test)]
pub(super) mod fixtures {
    use crate::charts::Chart;
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

    /// The sentence rule for summaries: one sentence, no NaN or infinity.
    pub fn one_sentence(summary: &str) {
        assert!(summary.ends_with('.'), "one sentence: {summary}");
        assert!(
            !summary.trim_end_matches('.').contains(". "),
            "one sentence: {summary}"
        );
        assert!(
            !summary.contains("NaN") && !summary.contains("inf"),
            "{summary}"
        );
    }

    /// `chart`'s SVG, which must be drawn (`name` says which case it is),
    /// after [`check_common`].
    pub fn drawn<'c>(chart: &'c Chart, name: &str) -> &'c str {
        let svg = chart
            .svg
            .as_deref()
            .unwrap_or_else(|| panic!("{name} drawn"));
        check_common(Some(svg), &chart.summary);
        svg
    }

    /// Things no chart may contain, and the sentence rule for summaries.
    pub fn check_common(svg: Option<&str>, summary: &str) {
        one_sentence(summary);
        if let Some(svg) = svg {
            for bad in ["NaN", "inf", "<img", "#0000"] {
                assert!(!svg.contains(bad), "{bad} in the SVG");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            cut.ends_with('…') && dejavu_text_width(&cut, 13.0, true) <= 120.0,
            "{cut}"
        );
    }
}
