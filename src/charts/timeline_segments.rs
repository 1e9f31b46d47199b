//! The revenue timeline with two or more segments (docs/model.md,
//! "Segments" and "Timing"): the marketing-sourced band is one band per
//! segment, stacked in segment colours, each starting after its own sales
//! cycle; the table gains each segment's marketing-sourced column.

use super::kit::{self, Area, Drawn, Frame, Item, Months, Placer, Swatch};
use super::layout::names;
use super::{palette, segments};
use crate::format::{self, Style};
use crate::model::{Plan, Scenario, Undefined};
use plotters::style::Color;

/// Names in the legend and the labels stop at these many characters.
const LEGEND_CHARS: usize = 24;
const LABEL_CHARS: usize = 16;
/// At most this many "deals start closing" labels.
const MAX_LABELS: usize = 3;

/// The segments as the timeline splits them: names and cycles.
pub(super) struct Split {
    names: Vec<String>,
    /// Whole months, as the timeline delays each segment.
    cycles: Vec<u32>,
}

impl Split {
    /// The split, with two or more segments whose cycles are valid.
    pub(super) fn of(plan: &Plan, scenario: &Scenario, months: &Months) -> Option<Split> {
        if !segments::split(plan, scenario) || months.by_segment.len() != plan.segments.len() {
            return None;
        }
        let cycles = plan
            .segments
            .iter()
            .map(|g| g.funnel.sales_cycle.0.map(|l| l as u32))
            .collect::<Result<Vec<u32>, Undefined>>()
            .ok()?;
        let names = (0..plan.segments.len())
            .map(|g| segments::name(scenario, g))
            .collect();
        Some(Split { names, cycles })
    }

    /// Whether segment `g` books marketing-sourced revenue in the plan year.
    fn in_year(months: &Months, g: usize) -> bool {
        months.by_segment[g].get(11).is_some_and(|&v| v > 0.0)
    }

    /// A legend entry per segment that books revenue in the plan year.
    pub(super) fn legend(&self, months: &Months) -> Vec<Item> {
        (0..self.names.len())
            .filter(|&g| Self::in_year(months, g))
            .map(|g| {
                let name = segments::cut_chars(&self.names[g], LEGEND_CHARS);
                let color = segments::color(g).to_rgba();
                Item::new(Swatch::Area(color), &format!("Marketing: {name}"))
            })
            .collect()
    }

    /// The top of each segment's band in the plan year (months 0–12),
    /// stacked on the pipeline in the scenario's order; the last is the
    /// total booked.
    fn tops(&self, months: &Months) -> Vec<Vec<(f64, f64)>> {
        let pipeline = months.series(|r| r.pipeline);
        let total = months.series(|r| r.total);
        let count = self.names.len();
        let mut below: Vec<f64> = pipeline.iter().map(|p| p.1).collect();
        (0..count)
            .map(|g| {
                let mut top = Vec::with_capacity(13);
                for (i, base) in below.iter_mut().enumerate().take(13) {
                    let cumulative = match i {
                        0 => 0.0,
                        _ => months.by_segment[g].get(i - 1).copied().unwrap_or(0.0),
                    };
                    *base += cumulative;
                    // The last band ends on the total itself.
                    let at = if g + 1 == count { total[i].1 } else { *base };
                    top.push((pipeline[i].0, at));
                }
                top
            })
            .collect()
    }

    /// Each segment's band in the plan year.
    pub(super) fn bands(&self, area: &Area, frame: &Frame, months: &Months) -> Drawn {
        let pipeline = months.series(|r| r.pipeline);
        let mut lower = pipeline[..=12].to_vec();
        for (g, top) in self.tops(months).into_iter().enumerate() {
            if Self::in_year(months, g) {
                kit::band(area, frame, &lower, &top, segments::color(g).to_rgba())?;
            }
            lower = top;
        }
        Ok(())
    }

    /// Where each sales cycle starts closing deals: one label per cycle,
    /// naming its segments, at the foot of the first one's band.
    pub(super) fn annotate(
        &self,
        area: &Area,
        placer: &mut Placer,
        frame: &Frame,
        months: &Months,
    ) -> Drawn {
        let tops = self.tops(months);
        let pipeline = months.series(|r| r.pipeline);
        let mut cycles: Vec<u32> = self.cycles.clone();
        cycles.sort_unstable();
        cycles.dedup();
        // Each cycle that delays revenue booked in the year, with its segments.
        let mut labels: Vec<(u32, Vec<usize>)> = cycles
            .into_iter()
            .filter(|&l| l > 0 && l < 12)
            .map(|l| {
                let with = (0..self.names.len())
                    .filter(|&g| self.cycles[g] == l && Self::in_year(months, g))
                    .collect::<Vec<usize>>();
                (l, with)
            })
            .filter(|(_, with)| !with.is_empty())
            .collect();
        // The cycles that book the most, at most MAX_LABELS of them: more
        // would crowd the chart, and each label's search for a place costs
        // time on every key press.
        if labels.len() > MAX_LABELS {
            let booked = |with: &[usize]| -> f64 {
                with.iter()
                    .map(|&g| months.by_segment[g].get(11).copied().unwrap_or(0.0))
                    .sum()
            };
            labels.sort_by(|a, b| booked(&b.1).total_cmp(&booked(&a.1)).then(a.0.cmp(&b.0)));
            labels.truncate(MAX_LABELS);
        }
        // Latest cycle first: its target is nearest the crowded end of
        // the year, and the earlier ones then find room to its left
        // without their leader lines crossing.
        labels.sort_by_key(|(l, _)| std::cmp::Reverse(*l));
        for (l, with) in labels {
            let first = with[0];
            let cut: Vec<String> = with
                .iter()
                .map(|&g| segments::cut_chars(&self.names[g], LABEL_CHARS))
                .collect();
            let cut: Vec<&str> = cut.iter().map(String::as_str).collect();
            let who = names(&cut);
            let at = match first {
                0 => pipeline[l as usize].1,
                g => tops[g - 1][l as usize].1,
            };
            let target = (frame.x(f64::from(l)), frame.y(at));
            let month = l + 1;
            // Two lines, else one short line: a long single line rarely
            // fits among several bands, and each layout tried is a search.
            let short = vec![
                format!("{who} deals start"),
                format!("closing in month {month}"),
            ];
            let compact = vec![format!("{who}: from month {month}")];
            kit::annotate(area, placer, target, &[short, compact], palette::TEXT)?;
        }
        Ok(())
    }

    /// The table's column headers for the segments.
    pub(super) fn headers(&self) -> Vec<String> {
        self.names
            .iter()
            .map(|name| format!("Marketing-sourced: {name} (cumulative)"))
            .collect()
    }

    /// Segment columns of the table row for `month` (1-based).
    pub(super) fn cells(&self, months: &Months, month: u32, currency: &str) -> Vec<String> {
        months
            .by_segment
            .iter()
            .map(|g| {
                let v = g.get(month as usize - 1).copied().unwrap_or(0.0);
                format::text(v, Style::Money, currency)
            })
            .collect()
    }

    /// "most of it from Enterprise on its 9-month sales cycle": which
    /// segment the marketing revenue landing late comes from. `None` when
    /// every segment that brings revenue has the same cycle (the one-cycle
    /// sentence says it).
    pub(super) fn late_from(&self, months: &Months) -> Option<String> {
        let bringing: Vec<usize> = (0..self.names.len())
            .filter(|&g| months.by_segment[g].last().is_some_and(|&v| v > 0.0))
            .collect();
        let first = *bringing.first()?;
        if bringing
            .iter()
            .all(|&g| self.cycles[g] == self.cycles[first])
        {
            return None;
        }
        let late = |g: usize| {
            let series = &months.by_segment[g];
            series.last().copied().unwrap_or(0.0) - series.get(11).copied().unwrap_or(0.0)
        };
        let late_ones: Vec<usize> = bringing
            .iter()
            .copied()
            .filter(|&g| late(g) > 0.0)
            .collect();
        let most = late_ones
            .iter()
            .copied()
            .max_by(|&a, &b| late(a).total_cmp(&late(b)).then(b.cmp(&a)))?;
        let how = if late_ones.len() == 1 { "all" } else { "most" };
        Some(format!(
            "{how} of it from {} on its {}-month sales cycle",
            self.names[most], self.cycles[most]
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::kit::testing;
    use super::super::layout::fixtures;
    use super::super::segments::fixtures::{self as seg, SEGMENT_HOSTILE};
    use super::*;
    use crate::charts::{Chart, timeline};

    fn chart(s: &Scenario, width: u32) -> Chart {
        timeline(&Plan::compute(s), s, width)
    }

    fn rows(s: &Scenario) -> usize {
        let max = s
            .segments
            .iter()
            .map(|g| g.sales_cycle_months.unwrap_or(s.sales_cycle_months))
            .fold(0.0, f64::max);
        12 + max as usize
    }

    #[test]
    fn one_band_per_segment_each_after_its_cycle() {
        for n in [2, 3, 6] {
            let s = seg::segmented(n, 12);
            for width in [360, 720, 1080] {
                let c = chart(&s, width);
                let svg = testing::check(
                    &c,
                    "timeline",
                    "Cumulative booked revenue by month",
                    rows(&s),
                );
                fixtures::preview(&format!("timeline-segments-{n}-{width}"), &svg);
                assert!(!svg.contains("var(--chart-marketing)"), "{n} at {width}");
                // Every segment with a cycle under 12 months books revenue
                // in the year and has a band and a legend entry.
                for (g, segment) in s.segments.iter().enumerate() {
                    let in_year = segment.sales_cycle_months.unwrap_or(0.0) < 12.0;
                    assert_eq!(
                        svg.contains(&format!("var(--chart-segment-{})", g + 1)),
                        in_year,
                        "{n} at {width}: segment {g}"
                    );
                    assert_eq!(
                        svg.contains(&format!("Marketing: {}", segment.name)),
                        in_year,
                        "{n} at {width}: segment {g}"
                    );
                }
                // Where cycles start closing deals, when there is room: at
                // most three labels.
                let labels =
                    svg.matches(" deals start").count() + svg.matches(": from month ").count();
                assert!(labels <= 3, "{n} at {width}");
                assert!(labels >= 1 || width < 720, "{n} at {width}");
                assert_eq!(c.table.headers.len(), 5 + n);
                assert_eq!(c.table.headers[4], "Marketing-sourced: SMB (cumulative)");
            }
        }
    }

    #[test]
    fn segment_columns_add_up_to_the_marketing_column() {
        let s = seg::segmented(3, 6);
        let plan = Plan::compute(&s);
        let months = Months::of(&plan, &s).expect("valid");
        let c = timeline(&plan, &s, 720);
        assert_eq!(c.table.headers[3], "Marketing-sourced (cumulative)");
        let last = &months.rows[months.rows.len() - 1];
        let sum: f64 = months.by_segment.iter().filter_map(|g| g.last()).sum();
        assert!((sum - (last.total - last.pipeline)).abs() < 1e-6 * sum.max(1.0));
        // SMB (1-month cycle) books from month 2, Enterprise (9) from month 10.
        assert_eq!(c.table.rows[0][4], "$0");
        assert_ne!(c.table.rows[1][4], "$0");
        assert_eq!(c.table.rows[8][6], "$0");
        assert_ne!(c.table.rows[9][6], "$0");
    }

    #[test]
    fn the_summary_names_the_segment_whose_revenue_lands_late() {
        let s = seg::segmented(3, 6);
        let c = chart(&s, 720);
        assert!(
            c.summary
                .contains("lands next year, most of it from Enterprise on its 9-month sales cycle"),
            "{}",
            c.summary
        );
        // The same cycle everywhere: the one-cycle sentence.
        let mut s = seg::segmented(2, 4);
        s.segments
            .iter_mut()
            .for_each(|g| g.sales_cycle_months = Some(4.0));
        let c = chart(&s, 720);
        assert!(
            c.summary.contains("because of the 4-month sales cycle"),
            "{}",
            c.summary
        );
        // With pipeline.
        let mut s = seg::segmented(3, 6);
        s.pipeline_revenue = 500_000.0;
        let c = chart(&s, 360);
        assert!(
            c.summary
                .contains("from pipeline in place at the start of the year")
                && c.summary.contains("most of it from Enterprise"),
            "{}",
            c.summary
        );
        fixtures::one_sentence(&c.summary);
    }

    #[test]
    fn user_names_are_escaped_and_cut() {
        let s = seg::hostile_segments();
        for width in [360, 720, 1080] {
            let c = chart(&s, width);
            let svg = testing::check(
                &c,
                "timeline",
                "Cumulative booked revenue by month",
                rows(&s),
            );
            assert!(!svg.contains(SEGMENT_HOSTILE) && !svg.contains("<script"));
            assert!(
                svg.contains("Marketing: &lt;script&gt;&amp;&quot;&apos;"),
                "{svg}"
            );
            assert!(!svg.contains(&"x".repeat(30)));
            assert!(c.table.headers.iter().any(|h| h.contains(&"x".repeat(189))));
            fixtures::preview(&format!("timeline-segments-hostile-{width}"), &svg);
        }
    }

    #[test]
    fn every_segment_case_draws() {
        for (name, s) in seg::all_segmented() {
            for width in [360, 720, 1080] {
                let c = chart(&s, width);
                if let Some(svg) = &c.svg {
                    fixtures::check_common(Some(svg), &c.summary);
                } else {
                    panic!("{name} at {width}: {}", c.summary);
                }
            }
        }
    }
}
