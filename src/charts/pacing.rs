//! "Pacing": planned versus actual cumulative leads, deals and
//! marketing-sourced revenue across the plan year, one panel each (their
//! scales differ by orders of magnitude), with every check-in marked.

use super::kit::{self, PX, generous_text_width, money_ticks, px};
use super::{Chart, DataTable, anchored, count, money_short, palette, render};
use crate::format::{self, Style};
use crate::model::{Field, Metric, Plan, Scenario, Stage, plan_to_date};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const TITLE: &str = "Pacing: plan versus actual to date";
const STAGES: [Stage; 3] = [Stage::Leads, Stage::Wins, Stage::Revenue];

/// A valid check-in on the chart: its number (1-based, as listed), the
/// months elapsed, and the actuals of [`STAGES`].
struct Point {
    number: usize,
    date: String,
    elapsed: f64,
    actual: [Option<f64>; 3],
}

/// Planned versus actual cumulative leads, deals and revenue, by month.
pub fn pacing(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    let chart = |summary: String, svg: Option<String>, table: DataTable| Chart {
        id: "pacing",
        title: TITLE.to_string(),
        summary,
        svg,
        table,
    };
    let cycle = scenario.input(Field::SalesCycleMonths);
    let planned = |stage: Stage, month: f64| plan_to_date(plan, stage, Metric::of(month), cycle);
    if let Err(why) = STAGES
        .iter()
        .map(|&s| planned(s, 12.0).0)
        .collect::<Result<Vec<_>, _>>()
    {
        return chart(
            super::kit::cannot("The pacing chart", why),
            None,
            DataTable::default(),
        );
    }
    let tracking = &scenario.tracking;
    let results = tracking.results(scenario, plan);
    let mut points: Vec<Point> = tracking
        .check_ins
        .iter()
        .zip(&results)
        .enumerate()
        .filter_map(|(i, (c, r))| {
            Some(Point {
                number: i + 1,
                date: c.date.trim().to_string(),
                elapsed: r.elapsed_months.value()?,
                actual: STAGES.map(|s| r.stages[s as usize].actual.value()),
            })
        })
        .collect();
    points.sort_by(|a, b| a.elapsed.total_cmp(&b.elapsed));
    let currency = scenario.currency.as_str();
    let value_text = |stage: Stage, v: f64| {
        if stage.is_money() {
            format::text(v, Style::Money, currency)
        } else {
            count(v)
        }
    };
    let summary = match points.last() {
        None => "No check-in yet: the dashed lines are the plan's cumulative leads, deals and marketing-sourced revenue, and each check-in adds the actuals.".to_string(),
        Some(last) => {
            let parts: Vec<String> = STAGES
                .iter()
                .zip(last.actual)
                .filter_map(|(&stage, actual)| {
                    let p = planned(stage, last.elapsed).value()?;
                    let a = actual?;
                    Some(if p > 0.0 {
                        format!("{} {} of plan", stage.noun(), format::text(a / p, Style::Percent, currency))
                    } else {
                        format!("{} {} (none planned yet)", stage.noun(), value_text(stage, a))
                    })
                })
                .collect();
            if parts.is_empty() {
                format!("At the latest check-in ({}) no leads, deals or revenue are recorded.", last.date)
            } else {
                format!("At the latest check-in ({}): {}.", last.date, parts.join(", "))
            }
        }
    };
    let table = DataTable {
        headers: [
            "Check-in",
            "Leads: plan",
            "Leads: actual",
            "Deals: plan",
            "Deals: actual",
            "Revenue: plan",
            "Revenue: actual",
        ]
        .map(String::from)
        .to_vec(),
        rows: points
            .iter()
            .map(|p| {
                let mut row = vec![format!("{} ({})", p.number, p.date)];
                for (i, &stage) in STAGES.iter().enumerate() {
                    let plan_text = planned(stage, p.elapsed)
                        .value()
                        .map_or("—".into(), |v| value_text(stage, v));
                    row.push(plan_text);
                    row.push(p.actual[i].map_or("—".into(), |v| value_text(stage, v)));
                }
                row
            })
            .collect(),
    };
    let svg = draw(&points, width, currency, |s, m| {
        planned(s, m).value().unwrap_or(0.0)
    });
    chart(summary, svg, table)
}

fn draw(
    points: &[Point],
    width: u32,
    currency: &str,
    planned: impl Fn(Stage, f64) -> f64,
) -> Option<String> {
    let w = f64::from(width.max(240));
    let legend_h = 26.0;
    let panel_h = if w < 500.0 { 110.0 } else { 130.0 };
    let title_h = 28.0;
    let gap = 10.0;
    let axis_h = 24.0;
    let height = legend_h + 3.0 * (title_h + panel_h + gap) + axis_h;
    // Each panel's ticks; the widest label sets the left margin.
    type Panel = (Stage, f64, Vec<(f64, String)>);
    let panels: Vec<Panel> = STAGES
        .iter()
        .enumerate()
        .map(|(i, &stage)| {
            let max = points
                .iter()
                .filter_map(|p| p.actual[i])
                .fold(planned(stage, 12.0), f64::max);
            let (top, ticks) = money_ticks(max * 1.05, 3);
            let labels = ticks
                .into_iter()
                .map(|t| {
                    let text = if stage.is_money() {
                        money_short(t, currency)
                    } else {
                        count(t)
                    };
                    (t, text)
                })
                .collect();
            (stage, top, labels)
        })
        .collect();
    let label_w = panels
        .iter()
        .flat_map(|(_, _, t)| t.iter().map(|(_, s)| generous_text_width(s)))
        .fold(0.0, f64::max);
    let (x0, x1) = (10.0 + label_w + 6.0, w - 14.0);
    let x = |month: f64| x0 + month.clamp(0.0, 12.0) / 12.0 * (x1 - x0);

    render(width.max(240), height as u32, |area| {
        area.fill(&palette::SURFACE)?;
        // Legend: plan dashed, actual solid with a marker.
        let mid = 13.0;
        for dx in [10.0, 19.0] {
            area.draw(&PathElement::new(
                vec![(px(dx), px(mid)), (px(dx + 5.0), px(mid))],
                palette::REQUIRED.stroke_width(2),
            ))?;
        }
        area.draw(&Text::new(
            "Plan",
            (px(30.0), px(mid)),
            anchored(PX, palette::TEXT, HPos::Left, VPos::Center),
        ))?;
        let ax = 30.0 + generous_text_width("Plan") + 18.0;
        area.draw(&PathElement::new(
            vec![(px(ax), px(mid)), (px(ax + 14.0), px(mid))],
            palette::FUNDED.stroke_width(3),
        ))?;
        area.draw(&Circle::new(
            (px(ax + 7.0), px(mid)),
            4,
            palette::FUNDED.filled(),
        ))?;
        area.draw(&Text::new(
            "Actual (numbered check-ins)",
            (px(ax + 20.0), px(mid)),
            anchored(PX, palette::TEXT, HPos::Left, VPos::Center),
        ))?;

        for (i, (stage, top, ticks)) in panels.iter().enumerate() {
            let py0 = legend_h + i as f64 * (title_h + panel_h + gap) + title_h;
            let py1 = py0 + panel_h;
            let y = |v: f64| py1 - (v / top).clamp(0.0, 1.0) * panel_h;
            area.draw(&Text::new(
                stage.label(),
                (px(10.0), px(py0 - 10.0)),
                anchored(PX, palette::TEXT, HPos::Left, VPos::Bottom),
            ))?;
            for (t, label) in ticks {
                kit::grid_line(area, x0, x1, y(*t), label)?;
            }
            // Check-in markers: a thin line at each date.
            for p in points {
                area.draw(&PathElement::new(
                    vec![(px(x(p.elapsed)), px(py0)), (px(x(p.elapsed)), px(py1))],
                    palette::MUTED.mix(0.5).stroke_width(1),
                ))?;
            }
            // The plan, month by month (the delay bends deals and revenue).
            let plan_line: Vec<(i32, i32)> = (0..=48)
                .map(|q| {
                    let m = f64::from(q) / 4.0;
                    (px(x(m)), px(y(planned(*stage, m))))
                })
                .collect();
            area.draw(&plotters::element::DashedPathElement::new(
                plan_line,
                6,
                4,
                palette::REQUIRED.stroke_width(2),
            ))?;
            // The actuals, from 0 at the start of the year.
            let actual: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
                .chain(
                    points
                        .iter()
                        .filter_map(|p| p.actual[i].map(|a| (p.elapsed, a))),
                )
                .collect();
            if actual.len() > 1 {
                area.draw(&PathElement::new(
                    actual
                        .iter()
                        .map(|&(m, v)| (px(x(m)), px(y(v))))
                        .collect::<Vec<_>>(),
                    palette::FUNDED.stroke_width(3),
                ))?;
            }
            for p in points {
                if let Some(a) = p.actual[i] {
                    let (cx, cy) = (px(x(p.elapsed)), px(y(a)));
                    area.draw(&Circle::new((cx, cy), 4, palette::FUNDED.filled()))?;
                    area.draw(&Text::new(
                        p.number.to_string(),
                        (cx, cy - 7),
                        anchored(PX * 0.9, palette::TEXT, HPos::Center, VPos::Bottom),
                    ))?;
                }
            }
            area.draw(&PathElement::new(
                vec![(px(x0), px(py1)), (px(x1), px(py1))],
                palette::MUTED.stroke_width(1),
            ))?;
        }
        // Month labels under the last panel.
        let bottom = legend_h + 3.0 * (title_h + panel_h + gap) - gap;
        let step = if w < 500.0 { 3 } else { 1 };
        for m in (0..=12).filter(|m| m % step == 0) {
            area.draw(&Text::new(
                format!("M{m}"),
                (px(x(f64::from(m))), px(bottom + 6.0)),
                anchored(PX, palette::MUTED, HPos::Center, VPos::Top),
            ))?;
        }
        Ok::<(), DrawingAreaErrorKind<std::io::Error>>(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckIn, Stage};

    fn with_check_ins(dates: &[&str]) -> Scenario {
        let mut s = Scenario::default();
        s.tracking.check_ins = dates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut c = CheckIn {
                    date: (*d).into(),
                    ..CheckIn::default()
                };
                c.set_actual(Stage::Leads, Some(400.0 * (i + 1) as f64));
                c.set_actual(Stage::Wins, Some(2.0 * i as f64));
                c.set_actual(Stage::Revenue, Some(100_000.0 * i as f64));
                c
            })
            .collect();
        s
    }

    #[test]
    fn draws_plan_and_check_ins_at_both_widths() {
        let s = with_check_ins(&["2026-03-15", "2026-01-31", "<img src=x>", "2026-06-30"]);
        let plan = Plan::compute(&s);
        for width in [360, 720] {
            let c = pacing(&plan, &s, width);
            let svg = c.svg.expect("drawn");
            for bad in ["NaN", "inf", "<img", "#0000"] {
                assert!(!svg.contains(bad), "{bad}");
            }
            assert!(svg.contains("Deals won") && svg.contains("Plan"));
            assert!(svg.contains("var(--chart-funded)"));
            // The invalid date is left out; the table is in date order.
            assert_eq!(c.table.rows.len(), 3);
            assert!(c.table.rows[0][0].starts_with("2 (2026-01-31)"));
        }
        let c = pacing(&plan, &s, 720);
        assert!(
            c.summary
                .starts_with("At the latest check-in (2026-06-30): leads "),
            "{}",
            c.summary
        );
    }

    #[test]
    fn without_check_ins_it_shows_the_plan_and_says_so() {
        let s = Scenario::default();
        let c = pacing(&Plan::compute(&s), &s, 360);
        assert!(c.svg.is_some());
        assert!(c.summary.starts_with("No check-in yet"));
        assert!(c.table.rows.is_empty());
        let s = Scenario {
            sales_cycle_months: 7.5,
            ..Scenario::default()
        };
        let c = pacing(&Plan::compute(&s), &s, 360);
        assert_eq!(c.svg, None);
        assert!(c.summary.contains("sales cycle"), "{}", c.summary);
    }
}
