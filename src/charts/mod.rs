//! Charts: pure functions from the plan to an SVG string, drawn with
//! plotters' SVG backend.
//!
//! Colours are sentinel RGB values that [`finish`] swaps for CSS custom
//! properties (`var(--chart-…)`), so the page theme, dark mode included,
//! applies to the charts. Text goes through plotters, which escapes it for
//! SVG; nothing here builds markup from user text by hand.
//!
//! Charts avoid plotters' captions and right-hand axis labels: those measure
//! text through the DOM on wasm, which would force a layout per label.

use crate::format::{self, Style};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod budget_cut;
mod channels;
mod channels_segments;
mod funnel;
mod funnel_segments;
mod kit;
mod layout;
mod lead_months;
mod levers;
mod multi_year;
mod pacing;
mod segments;
mod timeline;
mod timeline_segments;

pub use budget_cut::budget_cut;
pub use channels::channel_mix;
pub use funnel::funnel;
pub use lead_months::lead_months;
pub use levers::levers;
pub use multi_year::multi_year;
pub use pacing::pacing;
pub use timeline::timeline;

/// One chart: the drawing, what it says in words, and its data as a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Stable id, used for element ids and download file names.
    pub id: &'static str,
    pub title: String,
    /// One sentence that states the chart's conclusion.
    pub summary: String,
    /// `None` when the plan cannot be drawn (the summary says why).
    pub svg: Option<String>,
    /// The same data as a table ("show as table").
    pub table: DataTable,
}

impl Chart {
    /// A chart not drawn yet: drawing waits until the page has painted its
    /// numbers (see `components::after_paint`).
    pub fn pending(id: &'static str) -> Chart {
        Chart {
            id,
            title: String::new(),
            summary: String::new(),
            svg: None,
            table: DataTable::default(),
        }
    }

    /// Whether this is [`Chart::pending`]: a drawn chart always says
    /// something, even when it cannot be drawn.
    pub fn is_pending(&self) -> bool {
        self.svg.is_none() && self.summary.is_empty()
    }
}

/// A chart's data as text cells, already formatted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The chart palette: each colour is a sentinel that [`finish`] replaces by
/// `var(--chart-NAME)`.
pub mod palette {
    use plotters::style::RGBColor;

    pub const TEXT: RGBColor = RGBColor(0, 0, 1);
    pub const MUTED: RGBColor = RGBColor(0, 0, 2);
    pub const GRID: RGBColor = RGBColor(0, 0, 3);
    pub const REQUIRED: RGBColor = RGBColor(0, 0, 4);
    pub const FUNDED: RGBColor = RGBColor(0, 0, 5);
    pub const RECURRING: RGBColor = RGBColor(0, 0, 6);
    pub const SALES: RGBColor = RGBColor(0, 0, 7);
    pub const MARKETING: RGBColor = RGBColor(0, 0, 8);
    pub const NEXT_YEAR: RGBColor = RGBColor(0, 0, 9);
    pub const GOAL: RGBColor = RGBColor(0, 0, 10);
    pub const LOSS: RGBColor = RGBColor(0, 0, 11);
    pub const GOOD: RGBColor = RGBColor(0, 0, 12);
    pub const BAD: RGBColor = RGBColor(0, 0, 13);
    pub const SURFACE: RGBColor = RGBColor(0, 0, 14);
    pub const PIPELINE: RGBColor = RGBColor(0, 0, 15);
    pub const SEGMENT_1: RGBColor = RGBColor(0, 0, 16);
    pub const SEGMENT_2: RGBColor = RGBColor(0, 0, 17);
    pub const SEGMENT_3: RGBColor = RGBColor(0, 0, 18);
    pub const SEGMENT_4: RGBColor = RGBColor(0, 0, 19);
    pub const SEGMENT_5: RGBColor = RGBColor(0, 0, 20);
    pub const SEGMENT_6: RGBColor = RGBColor(0, 0, 21);

    /// One colour per segment, in the scenario's order (a plan has at most
    /// six: docs/model.md, "Segments").
    pub const SEGMENTS: [RGBColor; 6] = [
        SEGMENT_1, SEGMENT_2, SEGMENT_3, SEGMENT_4, SEGMENT_5, SEGMENT_6,
    ];

    /// Sentinel → CSS custom property name (without `--chart-`).
    pub const NAMES: [(RGBColor, &str); 21] = [
        (TEXT, "text"),
        (MUTED, "muted"),
        (GRID, "grid"),
        (REQUIRED, "required"),
        (FUNDED, "funded"),
        (RECURRING, "recurring"),
        (SALES, "sales"),
        (MARKETING, "marketing"),
        (NEXT_YEAR, "next-year"),
        (GOAL, "goal"),
        (LOSS, "loss"),
        (GOOD, "good"),
        (BAD, "bad"),
        (SURFACE, "surface"),
        (PIPELINE, "pipeline"),
        (SEGMENT_1, "segment-1"),
        (SEGMENT_2, "segment-2"),
        (SEGMENT_3, "segment-3"),
        (SEGMENT_4, "segment-4"),
        (SEGMENT_5, "segment-5"),
        (SEGMENT_6, "segment-6"),
    ];
}

/// Text style at `px` CSS pixels (plotters divides sizes by 1.24 in SVG).
pub fn font(px: f64, color: RGBColor) -> TextStyle<'static> {
    ("sans-serif", px * 1.24).into_font().color(&color)
}

/// `font` anchored at `h`/`v`.
pub fn anchored(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    font(px, color).pos(Pos::new(h, v))
}

/// Draws into an SVG of `width` × `height` and returns the themed markup.
pub fn render<E: std::fmt::Debug>(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> Result<(), E>,
) -> Option<String> {
    let mut svg = String::new();
    {
        let backend = SVGBackend::with_string(&mut svg, (width, height));
        let area = backend.into_drawing_area();
        draw(&area).ok()?;
        area.present().ok()?;
    }
    Some(finish(svg))
}

/// Swaps sentinel colours for theme variables and makes the SVG scale to
/// its container.
pub fn finish(svg: String) -> String {
    let mut svg = themed(&svg);
    // Fixed pixel sizes would overflow narrow screens; the viewBox keeps the
    // proportions while CSS sets the width.
    if let Some(end) = svg.find('>') {
        let head = &svg[..end];
        let head = strip_attribute(head, "width");
        let head = strip_attribute(&head, "height");
        svg = format!(
            "{head} class=\"chart-svg\" aria-hidden=\"true\" focusable=\"false\"{}",
            &svg[end..]
        );
    }
    svg
}

/// `svg` with every sentinel colour, `"#0000XX"`, as `"var(--chart-NAME)"`.
///
/// One pass over the markup, which is tens of kilobytes: a `replace` per
/// colour walked it fourteen times. The result is the same, because
/// plotters escapes every quote inside attribute values and text, so a
/// quoted colour is a whole attribute value and matches cannot overlap.
fn themed(svg: &str) -> String {
    let sentinels = palette::NAMES.map(|(color, name)| {
        (
            format!("\"#{:02X}{:02X}{:02X}\"", color.0, color.1, color.2),
            name,
        )
    });
    let mut out = String::with_capacity(svg.len() + svg.len() / 4);
    let mut rest = svg;
    while let Some(at) = rest.find("\"#") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let quoted = rest.get(..9).unwrap_or_default();
        match sentinels.iter().find(|(hex, _)| hex == quoted) {
            Some((hex, name)) => {
                out.push_str("\"var(--chart-");
                out.push_str(name);
                out.push_str(")\"");
                rest = &rest[hex.len()..];
            }
            None => {
                out.push_str("\"#");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn strip_attribute(tag: &str, name: &str) -> String {
    let needle = format!(" {name}=\"");
    match tag.find(&needle) {
        Some(start) => {
            let rest = &tag[start + needle.len()..];
            let end = rest.find('"').map_or(rest.len(), |i| i + 1);
            format!("{}{}", &tag[..start], &rest[end..])
        }
        None => tag.to_string(),
    }
}

/// Money for axes and labels: compact ("$1.2M").
pub fn money_short(value: f64, currency: &str) -> String {
    format::text(value, Style::CompactMoney, currency)
}

/// Counts for labels ("6,147", "34.7").
pub fn count(value: f64) -> String {
    format::text(value, Style::Count, "USD")
}

/// Percent for labels ("69.5%").
pub fn percent(value: f64) -> String {
    format::text(value, Style::Percent, "USD")
}

/// A "nice" axis maximum at or above `value` (1, 2, 2.5, 5 × 10ⁿ).
pub fn nice_ceiling(value: f64) -> f64 {
    if !(value.is_finite() && value > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|step| step * magnitude)
        .find(|&nice| nice >= value * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_swaps_sentinels_for_theme_variables_and_drops_fixed_size() {
        let svg = render(200, 100, |area| {
            area.fill(&palette::SURFACE)?;
            area.draw(&Text::new("A & <b>", (10, 10), font(12.0, palette::TEXT)))
        })
        .expect("drawn");
        assert!(svg.contains("var(--chart-surface)"));
        assert!(svg.contains("var(--chart-text)"));
        assert!(!svg.contains("#000001"));
        assert!(svg.contains("viewBox=\"0 0 200 100\""));
        let root = svg.split('>').next().unwrap_or_default();
        assert!(
            !root.contains(" width=") && !root.contains(" height="),
            "{root}"
        );
        assert!(svg.contains("A &amp; &lt;b&gt;"), "text is escaped: {svg}");
    }

    #[test]
    fn nice_ceilings() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.3), 10.0);
        assert_eq!(nice_ceiling(12_000_000.0), 20_000_000.0);
        assert_eq!(nice_ceiling(2_400.0), 2_500.0);
        assert_eq!(nice_ceiling(5_000.0), 5_000.0);
    }
}
