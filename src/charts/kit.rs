//! Drawing helpers shared by the timeline and budget-cut charts: the months
//! they plot ([`Months`]), the month axis, the money axis, the legend and
//! labels that keep clear of each other and of the data.

use super::{anchored, money_short, palette};
use crate::model::{Cumulative, Plan, Scenario, Timeline, Undefined};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What every drawing step returns.
pub type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;
pub type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// Text size in CSS pixels, and the height of one line of it.
pub const PX: f64 = 12.0;
pub const LINE: f64 = 15.0;
const PAD: f64 = 8.0;
const LEGEND_ROW: f64 = 20.0;
const STRIP: f64 = 20.0;
const X_LABELS: f64 = 24.0;
const LOWER_TITLE: f64 = 30.0;

/// "The revenue timeline cannot be drawn: it needs a valid sales cycle."
pub fn cannot(what: &str, why: Undefined) -> String {
    let why = why.to_string();
    if why.starts_with("needs") {
        format!("{what} cannot be drawn: it {why}.")
    } else {
        format!("{what} cannot be drawn: {why}.")
    }
}

/// A generous estimate of the width of `text` at [`PX`], so labels
/// that are laid out apart stay apart whatever the font: a flat 0.62 em a
/// character.
///
/// Not the same estimate as [`super::layout::dejavu_text_width`] (per
/// character, DejaVu Sans metrics), which the bar charts lay out with: each
/// chart's layout is tuned to its own, so they stay apart.
pub fn generous_text_width(text: &str) -> f64 {
    text.chars().count() as f64 * PX * 0.62
}

/// A horizontal grid line from `x0` to `x1` at `y`, labelled on the left.
pub(super) fn grid_line(area: &Area, x0: f64, x1: f64, y: f64, label: &str) -> Drawn {
    area.draw(&PathElement::new(
        vec![(px(x0), px(y)), (px(x1), px(y))],
        palette::GRID.stroke_width(1),
    ))?;
    area.draw(&Text::new(
        label.to_string(),
        (px(x0 - 6.0), px(y)),
        anchored(PX, palette::MUTED, HPos::Right, VPos::Center),
    ))
}

/// A pixel coordinate: finite, rounded, never wild.
pub(super) fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1e6, 1e6) as i32
    } else {
        0
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn sized(x0: f64, y0: f64, w: f64, h: f64) -> Rect {
        Rect {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + h,
        }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn within(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    fn grow(&self, d: f64) -> Rect {
        Rect {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }

    /// The point of the rectangle nearest `p`.
    fn nearest(&self, p: (f64, f64)) -> (f64, f64) {
        (p.0.clamp(self.x0, self.x1), p.1.clamp(self.y0, self.y1))
    }

    fn distance(&self, p: (f64, f64)) -> f64 {
        let q = self.nearest(p);
        (q.0 - p.0).hypot(q.1 - p.1)
    }
}

/// Maps months (x, 0 = start of the plan year) and money (y) to pixels.
pub struct Frame {
    pub plot: Rect,
    pub months: f64,
    pub y_max: f64,
}

impl Frame {
    pub fn x(&self, month: f64) -> f64 {
        let t = (month / self.months).clamp(0.0, 1.0);
        self.plot.x0 + t * (self.plot.x1 - self.plot.x0)
    }

    pub fn y(&self, value: f64) -> f64 {
        let t = (value / self.y_max).clamp(0.0, 1.0);
        self.plot.y1 - t * (self.plot.y1 - self.plot.y0)
    }

    pub fn pixels(&self, series: &[(f64, f64)]) -> Vec<(f64, f64)> {
        series
            .iter()
            .map(|&(m, v)| (self.x(m), self.y(v)))
            .collect()
    }

    fn point(&self, month: f64, value: f64) -> (i32, i32) {
        (px(self.x(month)), px(self.y(value)))
    }
}

/// A money axis from 0: a step of 1, 2 or 5 × 10ⁿ (so every label is
/// exact in compact notation), about `target` steps, the top at or above
/// `max`.
pub fn money_ticks(max: f64, target: usize) -> (f64, Vec<f64>) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|s| s * magnitude)
        .find(|&s| s >= raw * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude);
    let steps = (max / step * (1.0 - 1e-12)).ceil().clamp(1.0, 100.0) as usize;
    let ticks: Vec<f64> = (0..=steps).map(|i| step * i as f64).collect();
    (step * steps as f64, ticks)
}

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
pub enum Swatch {
    Area(RGBAColor),
    Line(RGBColor),
    Dashed(RGBColor),
}

pub struct Item {
    pub swatch: Swatch,
    pub label: String,
}

impl Item {
    pub fn new(swatch: Swatch, label: &str) -> Item {
        Item {
            swatch,
            label: label.to_string(),
        }
    }

    fn width(&self) -> f64 {
        SWATCH + 6.0 + generous_text_width(&self.label)
    }
}

const SWATCH: f64 = 14.0;
const ITEM_GAP: f64 = 18.0;

/// Legend entries flowed into rows no wider than `width`: (x offset, item).
fn legend_rows(items: &[Item], width: f64) -> Vec<Vec<(f64, &Item)>> {
    let mut rows: Vec<Vec<(f64, &Item)>> = vec![];
    let mut x = 0.0;
    for item in items {
        match rows.last_mut() {
            Some(row) if x + item.width() <= width => row.push((x, item)),
            _ => {
                rows.push(vec![(0.0, item)]);
                x = 0.0;
            }
        }
        x += item.width() + ITEM_GAP;
    }
    rows
}

/// A second, shorter panel under the main one, on its own money scale.
pub struct Lower<'t> {
    pub max: f64,
    pub title: &'t str,
}

/// One panel: where it sits and its money ticks.
pub struct Panel {
    pub frame: Frame,
    ticks: Vec<(f64, String)>,
}

impl Panel {
    fn new(plot: Rect, months: u32, max: f64, target: usize, currency: &str) -> Panel {
        let (y_max, ticks) = money_ticks(max, target);
        Panel {
            frame: Frame {
                plot,
                months: f64::from(months.max(1)),
                y_max,
            },
            ticks: ticks
                .into_iter()
                .map(|v| (v, money_short(v, currency)))
                .collect(),
        }
    }

    fn label_width(&self) -> f64 {
        self.ticks
            .iter()
            .map(|(_, t)| generous_text_width(t))
            .fold(0.0, f64::max)
    }

    fn set_x(&mut self, left: f64, right: f64) {
        self.frame.plot.x0 = left;
        self.frame.plot.x1 = right;
    }
}

/// The chart's outline: size, legend rows, the year-end strip, the
/// panels and their money ticks.
pub struct Layout<'a> {
    pub height: u32,
    pub width: f64,
    /// The main panel.
    pub frame: Frame,
    ticks: Vec<(f64, String)>,
    /// The optional lower panel and its title.
    pub lower: Option<(Panel, String)>,
    legend: Vec<Vec<(f64, &'a Item)>>,
    strip_top: f64,
    currency: String,
}

impl<'a> Layout<'a> {
    /// `after_year`: whether months past 12 are shown (with the year-end
    /// strip); `max`: the largest value of the main panel.
    pub fn new(
        width: u32,
        items: &'a [Item],
        after_year: bool,
        max: f64,
        months: u32,
        currency: &str,
        lower: Option<Lower>,
    ) -> Layout<'a> {
        let w = f64::from(width.max(240));
        let main_height = (w * 0.55).max(300.0).round();
        let legend = legend_rows(items, w - 2.0 * PAD);
        let strip_top = PAD + legend.len() as f64 * LEGEND_ROW + 4.0;
        let top = strip_top + if after_year { STRIP } else { 6.0 };
        let bottom = main_height - X_LABELS;
        let target = ((bottom - top) / 48.0).floor().clamp(3.0, 7.0) as usize;
        let mut main = Panel::new(
            Rect {
                x0: 0.0,
                y0: top,
                x1: w,
                y1: bottom,
            },
            months,
            max * 1.06,
            target,
            currency,
        );
        let mut height = main_height;
        let mut lower = lower.map(|lower| {
            let panel_height = (w * 0.16).max(80.0).round();
            let y0 = bottom + LOWER_TITLE;
            height += LOWER_TITLE + panel_height;
            let target = 3;
            let panel = Panel::new(
                Rect {
                    x0: 0.0,
                    y0,
                    x1: w,
                    y1: y0 + panel_height,
                },
                months,
                lower.max * 1.1,
                target,
                currency,
            );
            (panel, lower.title.to_string())
        });
        let label_width = lower
            .as_ref()
            .map_or(0.0, |(p, _)| p.label_width())
            .max(main.label_width());
        let (left, right) = (PAD + label_width + 8.0, w - 14.0);
        main.set_x(left, right);
        if let Some((panel, _)) = lower.as_mut() {
            panel.set_x(left, right);
        }
        Layout {
            height: height as u32,
            width: w,
            frame: main.frame,
            ticks: main.ticks,
            lower,
            legend,
            strip_top,
            currency: currency.to_string(),
        }
    }

    /// Every panel's frame and ticks, top to bottom.
    fn panels(&self) -> Vec<(&Frame, &[(f64, String)])> {
        let mut panels = vec![(&self.frame, self.ticks.as_slice())];
        if let Some((panel, _)) = &self.lower {
            panels.push((&panel.frame, panel.ticks.as_slice()));
        }
        panels
    }

    /// The bottom of the lowest panel.
    fn bottom(&self) -> f64 {
        self.lower
            .as_ref()
            .map_or(self.frame.plot.y1, |(p, _)| p.frame.plot.y1)
    }

    /// What every chart draws first: the background, the shade behind the
    /// months after the plan year (if `after_year`) and the grid.
    pub fn underlay(&self, area: &Area, after_year: bool) -> Drawn {
        self.background(area)?;
        if after_year {
            self.shade_after_year(area)?;
        }
        self.grid(area)
    }

    fn background(&self, area: &Area) -> Drawn {
        area.fill(&palette::SURFACE)
    }

    /// A light band behind the months after the plan year.
    fn shade_after_year(&self, area: &Area) -> Drawn {
        for (f, _) in self.panels() {
            area.draw(&Rectangle::new(
                [
                    (px(f.x(12.0)), px(f.plot.y0)),
                    (px(f.plot.x1), px(f.plot.y1)),
                ],
                palette::GRID.mix(0.45).filled(),
            ))?;
        }
        Ok(())
    }

    /// Horizontal grid lines and the money labels on the left; the lower
    /// panel's title above it.
    fn grid(&self, area: &Area) -> Drawn {
        for (f, ticks) in self.panels() {
            for (v, label) in ticks {
                grid_line(area, f.plot.x0, f.plot.x1, f.y(*v), label)?;
            }
        }
        if let Some((panel, title)) = &self.lower {
            let f = &panel.frame;
            area.draw(&Text::new(
                title.clone(),
                (px(f.plot.x0), px(f.plot.y0 - LOWER_TITLE + 9.0)),
                anchored(PX, palette::TEXT, HPos::Left, VPos::Top),
            ))?;
        }
        Ok(())
    }

    /// The baselines and the month labels (under the lowest panel),
    /// fewer when months are narrow.
    pub fn axes(&self, area: &Area) -> Drawn {
        for (f, _) in self.panels() {
            area.draw(&PathElement::new(
                vec![
                    (px(f.plot.x0), px(f.plot.y1)),
                    (px(f.plot.x1), px(f.plot.y1)),
                ],
                palette::MUTED.stroke_width(1),
            ))?;
        }
        let f = &self.frame;
        let bottom = self.bottom();
        let months = f.months.round() as u32;
        let per_month = (f.plot.x1 - f.plot.x0) / f.months;
        let widest = generous_text_width(&format!("M{months}")) + 8.0;
        let step = [1, 2, 3, 4, 6, 12]
            .into_iter()
            .find(|&k| per_month * f64::from(k) >= widest)
            .unwrap_or(12);
        for m in (1..=months).filter(|m| m % step == 0) {
            let x = f.x(f64::from(m) - 0.5);
            area.draw(&PathElement::new(
                vec![
                    (px(f.x(f64::from(m))), px(bottom)),
                    (px(f.x(f64::from(m))), px(bottom + 3.0)),
                ],
                palette::MUTED.stroke_width(1),
            ))?;
            area.draw(&Text::new(
                format!("M{m}"),
                (px(x), px(bottom + 6.0)),
                anchored(PX, palette::MUTED, HPos::Center, VPos::Top),
            ))?;
        }
        Ok(())
    }

    /// A vertical line at `month` through every panel; a soft obstacle
    /// for labels.
    pub fn marker(
        &self,
        area: &Area,
        month: f64,
        top: f64,
        dashed: bool,
        placers: &mut [&mut Placer],
    ) -> Drawn {
        let x = px(self.frame.x(month));
        let line = vec![(x, px(top)), (x, px(self.bottom()))];
        if dashed {
            area.draw(&plotters::element::DashedPathElement::new(
                line,
                4,
                4,
                palette::MUTED.stroke_width(1),
            ))?;
        } else {
            area.draw(&PathElement::new(line, palette::MUTED.stroke_width(1)))?;
        }
        for placer in placers {
            let b = placer.bounds;
            placer.avoid(Obstacle::Marker(Rect {
                x0: f64::from(x) - 1.0,
                y0: b.y0,
                x1: f64::from(x) + 1.0,
                y1: b.y1,
            }));
        }
        Ok(())
    }

    /// The dashed goal line and its label.
    pub fn goal_line(&self, area: &Area, goal: f64, placer: &mut Placer) -> Drawn {
        let f = &self.frame;
        let y = f.y(goal);
        let line = vec![(f.plot.x0, y), (f.plot.x1, y)];
        area.draw(&plotters::element::DashedPathElement::new(
            line.iter()
                .map(|&(x, y)| (px(x), px(y)))
                .collect::<Vec<_>>(),
            8,
            5,
            palette::GOAL.stroke_width(2),
        ))?;
        placer.avoid(Obstacle::Line(line));
        let label = format!("Goal {}", money_short(goal, &self.currency));
        let w = generous_text_width(&label) + 4.0;
        let h = LINE + 2.0;
        let mut candidates = vec![];
        let mut x = f.plot.x0 + 4.0;
        while x + w <= f.plot.x1 {
            candidates.push(Rect::sized(x, y - 3.0 - h, w, h));
            candidates.push(Rect::sized(x, y + 3.0, w, h));
            x += 8.0;
        }
        let fallback = Rect::sized(f.plot.x0 + 4.0, (y - 3.0 - h).max(0.0), w, h);
        let placed = placer.first_free(&candidates);
        let backdrop = placed.is_none_or(|r| !placer.free_of(&r, true));
        let rect = placed.unwrap_or(fallback);
        placer.avoid(Obstacle::Box(rect));
        label_box(area, rect, &[label], palette::GOAL, backdrop, f.plot.x0)
    }

    /// The end-of-plan-year marker through every panel, labelled in the
    /// strip above the main one: "End of plan year | Next year".
    pub fn year_end(&self, area: &Area, after_name: &str, placers: &mut [&mut Placer]) -> Drawn {
        let x = self.frame.x(12.0);
        self.marker(area, 12.0, self.strip_top, false, placers)?;
        let y = px(self.strip_top + 2.0);
        let before = "End of plan year";
        if x - 6.0 - generous_text_width(before) >= 0.0 {
            area.draw(&Text::new(
                before,
                (px(x - 6.0), y),
                anchored(PX, palette::TEXT, HPos::Right, VPos::Top),
            ))?;
        }
        if x + 6.0 + generous_text_width(after_name) <= self.width - 2.0 {
            area.draw(&Text::new(
                after_name.to_string(),
                (px(x + 6.0), y),
                anchored(PX, palette::TEXT, HPos::Left, VPos::Top),
            ))?;
        }
        Ok(())
    }

    pub fn legend(&self, area: &Area) -> Drawn {
        for (i, row) in self.legend.iter().enumerate() {
            let y = PAD + i as f64 * LEGEND_ROW;
            let mid = y + LINE / 2.0;
            for &(dx, item) in row {
                let x = PAD + dx;
                match item.swatch {
                    Swatch::Area(color) => area.draw(&Rectangle::new(
                        [(px(x), px(mid - 6.0)), (px(x + SWATCH), px(mid + 6.0))],
                        color.filled(),
                    ))?,
                    Swatch::Line(color) => area.draw(&PathElement::new(
                        vec![(px(x), px(mid)), (px(x + SWATCH), px(mid))],
                        color.stroke_width(3),
                    ))?,
                    Swatch::Dashed(color) => {
                        for (a, b) in [(0.0, 5.0), (9.0, 14.0)] {
                            area.draw(&PathElement::new(
                                vec![(px(x + a), px(mid)), (px(x + b), px(mid))],
                                color.stroke_width(2),
                            ))?;
                        }
                    }
                }
                area.draw(&Text::new(
                    item.label.clone(),
                    (px(x + SWATCH + 6.0), px(mid)),
                    anchored(PX, palette::TEXT, HPos::Left, VPos::Center),
                ))?;
            }
        }
        Ok(())
    }
}

/// Fills between `lower` and `upper` (both sorted by month; an empty
/// `lower` is the baseline).
pub fn band(
    area: &Area,
    frame: &Frame,
    lower: &[(f64, f64)],
    upper: &[(f64, f64)],
    color: RGBAColor,
) -> Drawn {
    let (Some(first), Some(last)) = (upper.first(), upper.last()) else {
        return Ok(());
    };
    let mut points: Vec<(i32, i32)> = upper.iter().map(|&(m, v)| frame.point(m, v)).collect();
    if lower.is_empty() {
        points.push(frame.point(last.0, 0.0));
        points.push(frame.point(first.0, 0.0));
    } else {
        points.extend(lower.iter().rev().map(|&(m, v)| frame.point(m, v)));
    }
    area.draw(&Polygon::new(points, color.filled()))
}

/// What labels must keep clear of.
pub enum Obstacle {
    Box(Rect),
    /// A thin marker line: avoided if possible, crossed if need be.
    Marker(Rect),
    /// A label's leader line, between two points.
    Leader((f64, f64), (f64, f64)),
    /// A line through these pixel points, sorted by x.
    Line(Vec<(f64, f64)>),
    /// The area below a line through these pixel points, sorted by x.
    Fill(Vec<(f64, f64)>),
}

/// Smallest and largest y of a polyline over `[xa, xb]`, if it spans any of it.
fn y_range(points: &[(f64, f64)], xa: f64, xb: f64) -> Option<(f64, f64)> {
    let mut range: Option<(f64, f64)> = None;
    let mut include = |y: f64| {
        range = Some(match range {
            Some((lo, hi)) => (lo.min(y), hi.max(y)),
            None => (y, y),
        });
    };
    // Points are sorted by x: start at the last one at or before `xa`.
    let first = points.partition_point(|p| p.0 < xa).saturating_sub(1);
    for pair in points[first..].windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        if x0 > xb {
            break;
        }
        let (lo, hi) = (x0.max(xa), x1.min(xb));
        if lo > hi {
            continue;
        }
        let at = |x: f64| {
            if x1 > x0 {
                y0 + (y1 - y0) * (x - x0) / (x1 - x0)
            } else {
                y0
            }
        };
        include(at(lo));
        include(at(hi));
        if x1 <= x0 {
            include(y1);
        }
    }
    range
}

/// The highest and lowest a line or fill's line runs, a pixel beyond its
/// points to cover rounding in [`y_range`]: a box wholly above or below
/// them is clear of it. NaN, so never clear that way, for other obstacles
/// and for lines with a NaN point.
fn y_span(obstacle: &Obstacle) -> (f64, f64) {
    match obstacle {
        Obstacle::Line(points) | Obstacle::Fill(points)
            if points.iter().all(|p| p.1.is_finite()) =>
        {
            let ys = points.iter().map(|p| p.1);
            let top = ys.clone().fold(f64::INFINITY, f64::min);
            let bottom = ys.fold(f64::NEG_INFINITY, f64::max);
            (top - 1.0, bottom + 1.0)
        }
        _ => (f64::NAN, f64::NAN),
    }
}

/// The space a label keeps from everything else.
const GAP: f64 = 3.0;

/// Places labels where nothing else is.
pub struct Placer {
    pub bounds: Rect,
    /// What labels avoid, each with its [`y_span`].
    obstacles: Vec<(Obstacle, (f64, f64))>,
}

impl Placer {
    pub fn new(bounds: Rect) -> Placer {
        Placer {
            bounds,
            obstacles: vec![],
        }
    }

    pub fn avoid(&mut self, obstacle: Obstacle) {
        let span = y_span(&obstacle);
        self.obstacles.push((obstacle, span));
    }

    pub fn free_of(&self, r: &Rect, markers: bool) -> bool {
        let grown = r.grow(GAP);
        // Boxes first: they are the cheapest to test.
        r.within(&self.bounds)
            && self.obstacles.iter().all(|(o, _)| match o {
                Obstacle::Box(b) => !grown.overlaps(b),
                Obstacle::Marker(b) => !markers || !grown.overlaps(b),
                _ => true,
            })
            // Lines last, a box wholly above or below one first: finding
            // where a line runs over the box is the dearest test.
            && self.obstacles.iter().all(|(o, (top, bottom))| match o {
                Obstacle::Box(_) | Obstacle::Marker(_) => true,
                Obstacle::Leader(a, b) => !segment_hits(*a, *b, &grown),
                Obstacle::Line(points) => {
                    grown.y1 < *top
                        || grown.y0 > *bottom
                        || y_range(points, grown.x0, grown.x1)
                            .is_none_or(|(lo, hi)| hi < grown.y0 || lo > grown.y1)
                }
                Obstacle::Fill(points) => {
                    grown.y1 < *top
                        || y_range(points, grown.x0, grown.x1)
                            .is_none_or(|(lo, _)| grown.y1 <= lo)
                }
            })
    }

    /// The first candidate clear of everything, else the first that
    /// only crosses a marker line.
    pub fn first_free(&self, candidates: &[Rect]) -> Option<Rect> {
        [true, false]
            .into_iter()
            .find_map(|markers| self.first_clear(candidates, markers))
    }

    /// The first candidate clear of everything (of marker lines too, if
    /// `markers`).
    pub fn first_clear(&self, candidates: &[Rect], markers: bool) -> Option<Rect> {
        candidates
            .iter()
            .copied()
            .find(|r| self.free_of(r, markers))
    }

    /// The free `w` × `h` boxes nearest `target` whose leader line to
    /// `target` crosses no other label, within reach, with their
    /// distances: the nearest clear of marker lines too, and the nearest
    /// that may cross one.
    ///
    /// There are thousands of candidates and the first free one is
    /// usually among the nearest few, so they are looked at nearest first
    /// ([`NearestFirst`]) without making and sorting them all. Boxes
    /// equally near are taken top to bottom, then left to right, so where a
    /// label lands never depends on how a sort orders ties.
    fn near(&self, target: (f64, f64), w: f64, h: f64) -> [Option<(f64, Rect)>; 2] {
        let grid = Grid::new(self.bounds, target, w, h);
        let all = NearestFirst::new(&grid, |_: &Rect| true);
        // Searched only if the nearest box crosses a marker line: then
        // boxes that cross one need not even be measured.
        let clear = NearestFirst::new(&grid, |r: &Rect| !self.crosses_marker(r));
        self.first_fitting(target, all, clear)
    }

    /// The first box that fits clear of marker lines too, and the first of
    /// `boxes` that fits if it may cross one. Unless that one is clear of
    /// them, the former is the first of `clear` that fits: both list boxes
    /// nearest first, `clear` perhaps without those crossing a marker line.
    fn first_fitting(
        &self,
        target: (f64, f64),
        mut boxes: impl Iterator<Item = (f64, Rect)>,
        mut clear: impl Iterator<Item = (f64, Rect)>,
    ) -> [Option<(f64, Rect)>; 2] {
        let crossing = boxes.find(|(_, r)| self.fits(target, r, false));
        let clear = match crossing {
            Some((_, r)) if !self.crosses_marker(&r) => crossing,
            Some(_) => clear.find(|(_, r)| self.fits(target, r, true)),
            None => None,
        };
        [clear, crossing]
    }

    /// Whether `r`, with the gap a label keeps, crosses a marker line.
    fn crosses_marker(&self, r: &Rect) -> bool {
        let grown = r.grow(GAP);
        self.obstacles
            .iter()
            .any(|(o, _)| matches!(o, Obstacle::Marker(b) if grown.overlaps(b)))
    }

    /// Whether a label at `r` is free (of marker lines too, if `markers`)
    /// and its leader line to `target` crosses no other label.
    fn fits(&self, target: (f64, f64), r: &Rect, markers: bool) -> bool {
        let end = r.nearest(target);
        self.free_of(r, markers)
            && self.obstacles.iter().all(|(o, _)| match o {
                Obstacle::Box(b) => !segment_hits(target, end, b),
                _ => true,
            })
    }
}

/// Where a `w` × `h` label may go around `target`: rows of boxes every
/// 8 × 5 px, within reach of it and within the bounds.
struct Grid {
    target: (f64, f64),
    w: f64,
    h: f64,
    bounds: Rect,
    reach: f64,
    /// The columns' span: the part of the bounds within reach.
    x_from: f64,
    x_to: f64,
}

impl Grid {
    fn new(bounds: Rect, target: (f64, f64), w: f64, h: f64) -> Grid {
        let b = bounds;
        let reach = 0.35 * (b.x1 - b.x0).max(b.y1 - b.y0);
        Grid {
            target,
            w,
            h,
            bounds,
            reach,
            x_from: b.x0.max(target.0 - reach - w),
            x_to: b.x1.min(target.0 + reach + w),
        }
    }

    /// The top of each row, top to bottom.
    fn rows(&self) -> Vec<f64> {
        let (b, h) = (self.bounds, self.h);
        let mut rows = vec![];
        let mut y = b.y0.max(self.target.1 - self.reach - h);
        while y + h <= b.y1.min(self.target.1 + self.reach + h) {
            rows.push(y);
            y += 5.0;
        }
        rows
    }

    /// The boxes of the row at `y` within reach that `keep` keeps, left
    /// to right, each with its distance to the target.
    fn row(&self, y: f64, keep: impl Fn(&Rect) -> bool, boxes: &mut Vec<(f64, Rect)>) {
        let (target, w, h) = (self.target, self.w, self.h);
        let mut push = |r: Rect| {
            if !keep(&r) {
                return;
            }
            // A label above or below its target should sit over it,
            // not off to one side.
            let d = if (r.x0..=r.x1).contains(&target.0) {
                let off_centre = ((r.x0 + r.x1) / 2.0 - target.0).abs() - w / 4.0;
                r.distance(target).hypot(off_centre.max(0.0))
            } else {
                r.distance(target)
            };
            if d <= self.reach && r.within(&self.bounds) {
                boxes.push((d, r));
            }
        };
        let mut x = self.x_from;
        while x + w <= self.x_to {
            push(Rect::sized(x, y, w, h));
            x += 8.0;
        }
        // Flush with the right edge too.
        push(Rect::sized(self.x_to - w, y, w, h));
    }

    /// How near the target a box of the row at `y` can be: its vertical
    /// distance, less a pixel so that rounding in `hypot` can never put a
    /// box nearer than its row.
    fn row_bound(&self, y: f64) -> f64 {
        let t = self.target.1;
        ((t.clamp(y, y + self.h) - t).abs() - 1.0).max(0.0)
    }
}

/// The boxes of a [`Grid`] that `keep` keeps, nearest first, made a row
/// at a time: a row is made once no box made so far is nearer than its
/// boxes can be. A few rows near the target usually hold the box placed,
/// so most are never made, measured or sorted.
struct NearestFirst<'g, K> {
    grid: &'g Grid,
    keep: K,
    /// The rows not made yet, farthest first: how near their boxes can
    /// be, their place top to bottom, and their top.
    rows: Vec<(f64, usize, f64)>,
    /// The boxes made, with their distances.
    made: Vec<(f64, Rect)>,
    /// The boxes made and not yet listed, nearest first, then by row and
    /// by place in the row: (distance, row, index into `made`). Distances
    /// are never negative nor NaN, so they order like their bits; a row's
    /// boxes are made left to right, so their indices keep that order.
    heap: BinaryHeap<Reverse<(u64, usize, usize)>>,
}

impl<'g, K: Fn(&Rect) -> bool> NearestFirst<'g, K> {
    fn new(grid: &'g Grid, keep: K) -> NearestFirst<'g, K> {
        let mut rows: Vec<(f64, usize, f64)> = grid
            .rows()
            .into_iter()
            .enumerate()
            .map(|(row, y)| (grid.row_bound(y), row, y))
            .filter(|&(bound, ..)| bound <= grid.reach)
            .collect();
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        NearestFirst {
            grid,
            keep,
            rows,
            made: vec![],
            heap: BinaryHeap::new(),
        }
    }
}

impl<K: Fn(&Rect) -> bool> Iterator for NearestFirst<'_, K> {
    type Item = (f64, Rect);

    fn next(&mut self) -> Option<(f64, Rect)> {
        // First make every row whose boxes may be as near as the nearest
        // made: then all boxes tied with it are made too.
        while let Some(&(bound, row, y)) = self.rows.last() {
            let nearest = self.heap.peek().map(|Reverse((d, ..))| *d);
            if nearest.is_some_and(|d| d < bound.to_bits()) {
                break;
            }
            self.rows.pop();
            let from = self.made.len();
            self.grid.row(y, &self.keep, &mut self.made);
            let boxes = self.made[from..].iter().enumerate();
            self.heap
                .extend(boxes.map(|(i, (d, _))| Reverse((d.to_bits(), row, from + i))));
        }
        let Reverse((.., i)) = self.heap.pop()?;
        Some(self.made[i])
    }
}

/// Whether the segment from `a` to `b` meets `r` (Liang–Barsky).
fn segment_hits(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Draws the first of `variants` (each a list of lines) that fits near
/// `target`, with a leader line to it; draws nothing if none fits.
pub fn annotate(
    area: &Area,
    placer: &mut Placer,
    target: (f64, f64),
    variants: &[Vec<String>],
    color: RGBColor,
) -> Drawn {
    // Nearest wins; a label that crosses a marker line, or wraps, must
    // be clearly nearer to be preferred.
    let mut best: Option<(f64, Rect, &Vec<String>)> = None;
    for (i, lines) in variants.iter().enumerate() {
        let w = lines
            .iter()
            .map(|l| generous_text_width(l))
            .fold(0.0, f64::max)
            + 4.0;
        let h = lines.len() as f64 * LINE + 2.0;
        if best.is_some_and(|(score, _, _)| score < 12.0) {
            break; // Near enough: no need to try the other layouts.
        }
        let [clear, crossing] = placer.near(target, w, h);
        for (found, penalty) in [(clear, 0.0), (crossing, 40.0)] {
            if let Some((d, rect)) = found {
                let score = d + penalty + 10.0 * i as f64;
                if best.is_none_or(|(s, _, _)| score < s) {
                    best = Some((score, rect, lines));
                }
            }
        }
    }
    let Some((_, rect, lines)) = best else {
        return Ok(());
    };
    // A backdrop only where the label crosses a marker line.
    let backdrop = !placer.free_of(&rect, true);
    placer.avoid(Obstacle::Box(rect));
    if rect.distance(target) > 4.0 {
        let end = rect.nearest(target);
        area.draw(&PathElement::new(
            vec![(px(target.0), px(target.1)), (px(end.0), px(end.1))],
            palette::MUTED.stroke_width(1),
        ))?;
        placer.avoid(Obstacle::Leader(target, end));
    }
    area.draw(&Circle::new(
        (px(target.0), px(target.1)),
        3,
        palette::TEXT.filled(),
    ))?;
    label_box(area, rect, lines, color, backdrop, target.0)
}

/// Lines of text in `rect`, on a backdrop of the surface colour if
/// `backdrop` (for labels that cross a line).
///
/// The text leans toward the x of what it labels, `toward`: the width
/// of a box is an estimate, so this keeps label and target together.
pub fn label_box(
    area: &Area,
    rect: Rect,
    lines: &[String],
    color: RGBColor,
    backdrop: bool,
    toward: f64,
) -> Drawn {
    let (align, x) = if toward >= rect.x1 {
        (HPos::Right, rect.x1 - 2.0)
    } else if toward <= rect.x0 {
        (HPos::Left, rect.x0 + 2.0)
    } else {
        (HPos::Center, (rect.x0 + rect.x1) / 2.0)
    };
    if backdrop {
        // As wide as the text is likely to be (narrower than the box,
        // which is a generous estimate), on the side the text leans to.
        let likely = lines
            .iter()
            .map(|l| l.chars().count() as f64 * PX * 0.56)
            .fold(0.0, f64::max)
            + 4.0;
        let (x0, x1) = match align {
            HPos::Left => (rect.x0, rect.x0 + likely),
            HPos::Right => (rect.x1 - likely, rect.x1),
            HPos::Center => (x - likely / 2.0, x + likely / 2.0),
        };
        area.draw(&Rectangle::new(
            [(px(x0), px(rect.y0)), (px(x1), px(rect.y1))],
            palette::SURFACE.mix(0.85).filled(),
        ))?;
    }
    for (i, line) in lines.iter().enumerate() {
        area.draw(&Text::new(
            line.clone(),
            (px(x), px(rect.y0 + 1.0 + i as f64 * LINE)),
            anchored(PX, color, align, VPos::Top),
        ))?;
    }
    Ok(())
}

/// The timeline's cumulative rows, checked to be finite.
pub(super) struct Months {
    pub rows: Vec<Cumulative>,
    pub goal: f64,
    /// The sales cycle L: the months after month 12.
    pub after: u32,
    pub cut_from_month: u32,
    /// Each segment's cumulative marketing-sourced revenue at the end of
    /// each month (`[segment][month − 1]`).
    pub by_segment: Vec<Vec<f64>>,
}

impl Months {
    pub fn of(plan: &Plan, scenario: &Scenario) -> Result<Months, Undefined> {
        let timeline = Timeline::of(scenario, plan)?;
        let rows = timeline.cumulative();
        let by_segment: Vec<Vec<f64>> = timeline
            .marketing_by_segment
            .iter()
            .map(|months| {
                months
                    .iter()
                    .scan(0.0, |total, v| {
                        *total += v;
                        Some(*total)
                    })
                    .collect()
            })
            .collect();
        let finite = |v: f64| v.is_finite() && v >= 0.0;
        let ok = finite(timeline.revenue_goal)
            && timeline.revenue_goal > 0.0
            && rows.len() >= 12
            && rows.iter().all(|r| {
                [r.recurring, r.sales, r.pipeline, r.total, r.after_cut]
                    .into_iter()
                    .all(finite)
            });
        if !ok {
            return Err(Undefined::TooLarge);
        }
        Ok(Months {
            after: rows.len() as u32 - 12,
            rows,
            goal: timeline.revenue_goal,
            cut_from_month: timeline.cut_from_month,
            by_segment,
        })
    }

    pub fn count(&self) -> u32 {
        self.rows.len() as u32
    }

    /// Whether pipeline from before the plan year is booked.
    pub fn has_pipeline(&self) -> bool {
        self.rows.last().is_some_and(|r| r.pipeline > r.sales)
    }

    /// Cumulative values at the end of each month, starting with 0 at month 0.
    pub fn series(&self, pick: fn(&Cumulative) -> f64) -> Vec<(f64, f64)> {
        std::iter::once((0.0, 0.0))
            .chain(self.rows.iter().map(|r| (f64::from(r.month), pick(r))))
            .collect()
    }

    /// What the months after the plan year are called: "Next year", or
    /// "After the plan year" when they run past next year too.
    pub fn after_name(&self) -> &'static str {
        if self.after > 12 {
            "After the plan year"
        } else {
            "Next year"
        }
    }

    /// "Month 13 (next year)".
    pub fn month_name(&self, month: u32) -> String {
        if month <= 12 {
            format!("Month {month}")
        } else {
            format!("Month {month} ({})", self.after_name().to_ascii_lowercase())
        }
    }
}

/// Test helpers shared by the timeline and budget-cut charts.
#[cfg(test)]
pub(super) mod testing {
    use crate::charts::Chart;
    use crate::charts::layout::fixtures::one_sentence;
    use crate::model::Scenario;

    /// The default scenario, edited.
    pub fn with(edit: impl FnOnce(&mut Scenario)) -> Scenario {
        let mut s = Scenario::default();
        edit(&mut s);
        s
    }

    /// The SVG of `c`, which must be drawn, after checking its id, title,
    /// table (`rows` rows, each as wide as the headers) and summary.
    pub fn check(c: &Chart, id: &str, title: &str, rows: usize) -> String {
        assert_eq!(c.id, id);
        assert_eq!(c.title, title);
        let svg = c.svg.clone().expect("drawn");
        for bad in ["NaN", "inf", "#0000"] {
            assert!(!svg.contains(bad), "{bad} in {svg}");
        }
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("class=\"chart-svg\""));
        assert_eq!(c.table.rows.len(), rows);
        assert!(
            c.table
                .rows
                .iter()
                .all(|r| r.len() == c.table.headers.len())
        );
        one_sentence(&c.summary);
        svg
    }

    /// A plan in yen, with amounts to match.
    pub fn jpy() -> Scenario {
        with(|s| {
            s.currency = "JPY".into();
            s.revenue_goal = 1.8e9;
            s.recurring_revenue = 9e8;
            s.deal_size = 9e6;
            s.channels.iter_mut().for_each(|c| c.cost_per_lead *= 150.0);
        })
    }

    /// When CHART_PREVIEW names a folder, writes each case drawn by `chart`
    /// at 360 and 720 pixels there, as `{prefix}-{case}-{width}.svg`.
    pub fn preview<'n>(
        prefix: &str,
        cases: impl IntoIterator<Item = (&'n str, Scenario)>,
        chart: impl Fn(&Scenario, u32) -> Chart,
    ) {
        let Ok(dir) = std::env::var("CHART_PREVIEW") else {
            return;
        };
        for (name, s) in cases {
            for width in [360, 720] {
                if let Some(svg) = chart(&s, width).svg {
                    let _ = std::fs::write(format!("{dir}/{prefix}-{name}-{width}.svg"), svg);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_ticks_are_exact_in_compact_notation() {
        let (top, ticks) = money_ticks(12.72e6, 5);
        assert_eq!(top, 15e6);
        assert_eq!(ticks, vec![0.0, 5e6, 10e6, 15e6]);
        let (top, ticks) = money_ticks(12.72e6, 7);
        assert_eq!(top, 14e6);
        assert_eq!(ticks.len(), 8);
        assert_eq!(money_ticks(f64::NAN, 4).0, 1.0);
    }
}
