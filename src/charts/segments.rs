//! What the charts that split by segment share (docs/model.md, "Segments"):
//! when they split, each segment's colour, and its name as a drawing shows
//! it.
//!
//! A plan with one segment draws exactly as a plan without segments did;
//! only two or more segments split a chart.

use super::palette;
use crate::model::{Plan, Scenario};
use plotters::style::RGBColor;

/// Opacity of the lighter bar of a pair drawn in a segment's colour (what
/// is needed, what is spent), beside the solid one (what is bought).
pub(super) const TINT: f64 = 0.38;

/// Whether the charts split by segment: two or more segments, each with
/// its results.
pub(super) fn split(plan: &Plan, scenario: &Scenario) -> bool {
    scenario.segments.len() >= 2 && plan.segments.len() == scenario.segments.len()
}

/// Segment `g`'s colour.
pub(super) fn color(g: usize) -> RGBColor {
    palette::SEGMENTS[g % palette::SEGMENTS.len()]
}

/// Text typed by a user as a drawing shows it: control characters (an
/// invalid name is kept as typed) as spaces, trimmed.
pub(super) fn plain(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Segment `g`'s name for drawings and sentences; "Segment N" when it has
/// none yet.
pub(super) fn name(scenario: &Scenario, g: usize) -> String {
    let name = scenario
        .segments
        .get(g)
        .map(|s| plain(&s.name))
        .unwrap_or_default();
    if name.trim().is_empty() {
        format!("Segment {}", g + 1)
    } else {
        name
    }
}

/// `text` cut to `max` characters with "…" (for the timeline's labels,
/// which are laid out by character count).
pub(super) fn cut_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_and_never_empty() {
        let mut s = Scenario::default();
        s.segments[0].name = " A\u{7}B ".into();
        assert_eq!(name(&s, 0), "A B");
        s.segments[0].name = "  ".into();
        assert_eq!(name(&s, 0), "Segment 1");
        assert_eq!(name(&s, 3), "Segment 4");
    }

    #[test]
    fn cut_chars_keeps_short_text_and_marks_cuts() {
        assert_eq!(cut_chars("SMB", 10), "SMB");
        assert_eq!(cut_chars("Enterprise accounts", 8), "Enterpr…");
        assert_eq!(cut_chars("a".repeat(200).as_str(), 20).chars().count(), 20);
    }

    #[test]
    fn every_segment_has_its_own_colour() {
        for (i, a) in palette::SEGMENTS.iter().enumerate() {
            for b in &palette::SEGMENTS[i + 1..] {
                assert_ne!(a, b);
            }
            assert!(palette::NAMES.iter().any(|(c, _)| c == a));
        }
    }
}
