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

/// Plans with segments every segment drawing is tested with.
#[cfg(test)]
pub(super) mod fixtures {
    use crate::model::{Channel, Scenario, Segment};

    /// A segment name a user might type to break a drawing.
    pub const SEGMENT_HOSTILE: &str = "<script>&\"'";

    /// `n` segments (2–6), each with its own deal size, win rate and
    /// cycle, and `channels` channels spread over them in turn.
    pub fn segmented(n: usize, channels: usize) -> Scenario {
        const NAMES: [&str; 6] = [
            "SMB",
            "Mid-market",
            "Enterprise",
            "Partners",
            "Public sector",
            "Expansion",
        ];
        let segments = (0..n)
            .map(|g| {
                let k = g as f64;
                Segment {
                    deal_size: Some(
                        [25_000.0, 40_000.0, 120_000.0, 30_000.0, 80_000.0, 20_000.0][g % 6],
                    ),
                    win_rate: Some(0.18 + 0.03 * k),
                    sales_cycle_months: Some([1.0, 4.0, 9.0, 2.0, 6.0, 12.0][g % 6]),
                    ..Segment::named(NAMES[g % 6], 1.0 / n as f64)
                }
            })
            .collect();
        let channels = (0..channels)
            .map(|i| {
                let k = i as f64;
                Channel::new(
                    &format!("Channel {}", i + 1),
                    1.0 / channels as f64 - 1e-4,
                    90.0 + 20.0 * k,
                    Some(0.25 + 0.03 * (k % 5.0)),
                )
                .in_segment(i % n)
            })
            .collect();
        Scenario {
            segments,
            channels,
            ..Scenario::default()
        }
    }

    /// Three segments whose names are markup, 200 characters long and
    /// 40 wide characters.
    pub fn hostile_segments() -> Scenario {
        let mut s = segmented(3, 6);
        s.segments[0].name = SEGMENT_HOSTILE.into();
        s.segments[1].name = format!("Enterprise {}", "x".repeat(189));
        s.segments[2].name = "W".repeat(40);
        s
    }

    /// Every scenario with segments, named.
    pub fn all_segmented() -> Vec<(&'static str, Scenario)> {
        let mut unfunded = segmented(3, 6);
        for c in unfunded.channels.iter_mut().filter(|c| c.segment == 2) {
            c.share = 0.0;
        }
        let mut no_channels = segmented(3, 6);
        no_channels.channels.retain(|c| c.segment != 1);
        let mut covered = segmented(2, 4);
        covered.spend = 0.5;
        let mut mixed = segmented(2, 4);
        for (c, share) in mixed.channels.iter_mut().zip([0.6, 0.05, 0.3, 0.05]) {
            c.share = share;
        }
        let mut nothing_needed = segmented(2, 4);
        nothing_needed.marketing_sourced = 0.0;
        let mut nothing_funded = segmented(3, 6);
        nothing_funded
            .channels
            .iter_mut()
            .for_each(|c| c.share = 0.0);
        vec![
            ("two-segments", segmented(2, 4)),
            ("three-segments", segmented(3, 6)),
            ("six-segments", segmented(6, 12)),
            ("hostile-segments", hostile_segments()),
            ("one-segment-unfunded", unfunded),
            ("segment-without-channels", no_channels),
            ("segments-covered", covered),
            ("segments-mixed", mixed),
            ("segments-nothing-needed", nothing_needed),
            ("segments-nothing-funded", nothing_funded),
        ]
    }
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
