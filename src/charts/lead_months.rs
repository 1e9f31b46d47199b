//! "Leads needed and funded, month by month" (docs/model.md, "Timing"):
//! the leads each month's deals need, from as many months before the plan
//! year as the longest sales cycle reaches back, beside the leads the
//! phased budget funds in the plan year. The months before the year are
//! shaded: marketing's quota starts before the year does.

use super::kit::{self, PX, generous_text_width, money_ticks, px};
use super::{Chart, DataTable, anchored, count, palette, render};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario, Undefined, parse_month};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const ID: &str = "lead_months";
const TITLE: &str = "Leads needed and funded, month by month";
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One month of the chart: `month` ≤ 0 is before the plan year.
struct Row {
    month: i32,
    needed: f64,
    funded: f64,
}

/// Leads needed against leads funded, by month, the months before the plan
/// year shaded.
pub fn lead_months(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    let chart = |summary: String, svg: Option<String>, table: DataTable| Chart {
        id: ID,
        title: TITLE.to_string(),
        summary,
        svg,
        table,
    };
    let rows = match rows(plan) {
        Ok(rows) => rows,
        Err(why) => {
            return chart(
                kit::cannot("The month chart", why),
                None,
                DataTable::default(),
            );
        }
    };
    let first_month = parse_month(&scenario.tracking.plan_start).map(|(_, m)| m);
    let name = |month: i32| month_name(month, first_month);
    let before: f64 = rows.iter().filter(|r| r.month <= 0).map(|r| r.needed).sum();
    let months_before = rows.iter().filter(|r| r.month <= 0).count();
    let summary = if months_before > 0 && before > 0.0 {
        format!(
            "{} leads must arrive in the {} before the plan year starts (shaded), while the budget funds leads only from its first month.",
            format::text(before, Style::RequiredCount, ""),
            if months_before == 1 {
                "month".to_string()
            } else {
                format!("{months_before} months")
            },
        )
    } else {
        "Every lead the goal needs arrives within the plan year: no sales cycle reaches back before it.".to_string()
    };
    let table = DataTable {
        headers: ["Month", "Leads needed", "Leads funded"]
            .map(String::from)
            .to_vec(),
        rows: rows
            .iter()
            .map(|r| vec![name(r.month), count(r.needed), count(r.funded)])
            .collect(),
    };
    let svg = draw(&rows, width, &name);
    chart(summary, svg, table)
}

/// The months from the earliest the cycles reach back to through month 12,
/// each finite and not negative, or why they cannot be drawn.
fn rows(plan: &Plan) -> Result<Vec<Row>, Undefined> {
    let value = |m: Metric| match m.0 {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(_) => Err(Undefined::TooLarge),
        Err(e) => Err(e),
    };
    let timing = &plan.timing;
    timing
        .leads_needed
        .iter()
        .map(|k| {
            let funded = match k.month {
                1..=12 => value(timing.funded_leads_by_month[(k.month - 1) as usize])?,
                _ => 0.0,
            };
            Ok(Row {
                month: k.month,
                needed: value(k.leads_needed)?,
                funded,
            })
        })
        .collect()
}

/// "Mar" when the plan year's first calendar month is known (a plan year
/// from January: month 0 is "Dec"), else "Month 3" / "Month −2".
fn month_name(month: i32, first: Option<u32>) -> String {
    match first {
        Some(first) => {
            let index = (i64::from(first) - 1 + i64::from(month) - 1).rem_euclid(12) as usize;
            MONTH_NAMES[index].to_string()
        }
        None if month >= 1 => format!("Month {month}"),
        None => format!("{} before", plural_months(1 - month)),
    }
}

fn plural_months(n: i32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

fn draw(rows: &[Row], width: u32, name: &dyn Fn(i32) -> String) -> Option<String> {
    let w = f64::from(width.max(240));
    // The legend, wrapped onto a second row where the screen is narrow.
    let items = [
        (palette::REQUIRED, "Leads needed", 1.0),
        (palette::FUNDED, "Leads funded", 1.0),
        (palette::GRID, "Before the plan year", 0.6),
    ];
    let mut placed = Vec::with_capacity(items.len());
    let (mut x, mut row) = (10.0, 0.0);
    for (fill, label, mix) in items {
        let item_w = 15.0 + generous_text_width(label);
        if x > 10.0 && x + item_w > w - 10.0 {
            x = 10.0;
            row += 1.0;
        }
        placed.push((fill, label, mix, x, 14.0 + row * 20.0));
        x += item_w + 14.0;
    }
    let legend_h = 28.0 + row * 20.0;
    let plot_h = if w < 500.0 { 150.0 } else { 190.0 };
    let axis_h = 22.0;
    let height = legend_h + plot_h + axis_h + 8.0;
    let max = rows
        .iter()
        .map(|r| r.needed.max(r.funded))
        .fold(0.0, f64::max);
    let (top, ticks) = money_ticks(max * 1.05, 4);
    let labels: Vec<(f64, String)> = ticks.into_iter().map(|t| (t, count(t))).collect();
    let label_w = labels
        .iter()
        .map(|(_, s)| generous_text_width(s))
        .fold(0.0, f64::max);
    let (x0, x1) = (10.0 + label_w + 6.0, w - 12.0);
    let (y0, y1) = (legend_h + 6.0, legend_h + plot_h);
    let n = rows.len().max(1) as f64;
    let slot = (x1 - x0) / n;
    let y = |v: f64| y1 - v / top * (y1 - y0);
    let before = rows.iter().filter(|r| r.month <= 0).count() as f64;
    // Every month labelled when there is room, else every second, third…
    let widest = rows
        .iter()
        .map(|r| generous_text_width(&name(r.month)))
        .fold(0.0, f64::max);
    let every = ((widest + 6.0) / slot).ceil().max(1.0) as usize;

    render(width.max(240), height as u32, |area| {
        area.fill(&palette::SURFACE)?;
        // Legend: needed, funded, before the plan year.
        for &(fill, label, mix, x, mid) in &placed {
            area.draw(&Rectangle::new(
                [(px(x), px(mid - 5.0)), (px(x + 10.0), px(mid + 5.0))],
                fill.mix(mix).filled(),
            ))?;
            area.draw(&Text::new(
                label,
                (px(x + 15.0), px(mid)),
                anchored(PX, palette::TEXT, HPos::Left, VPos::Center),
            ))?;
        }
        // The months before the plan year, shaded, and where the year starts.
        if before > 0.0 {
            area.draw(&Rectangle::new(
                [(px(x0), px(y0)), (px(x0 + before * slot), px(y1))],
                palette::GRID.mix(0.6).filled(),
            ))?;
            area.draw(&PathElement::new(
                vec![
                    (px(x0 + before * slot), px(y0)),
                    (px(x0 + before * slot), px(y1)),
                ],
                palette::MUTED.stroke_width(1),
            ))?;
        }
        for (t, label) in &labels {
            kit::grid_line(area, x0, x1, y(*t), label)?;
        }
        let bar = (slot * 0.36).max(1.0);
        for (i, r) in rows.iter().enumerate() {
            let left = x0 + i as f64 * slot + slot * 0.12;
            for (offset, value, color) in [
                (0.0, r.needed, palette::REQUIRED),
                (bar, r.funded, palette::FUNDED),
            ] {
                if value > 0.0 {
                    area.draw(&Rectangle::new(
                        [
                            (px(left + offset), px(y(value))),
                            (px(left + offset + bar), px(y1)),
                        ],
                        color.filled(),
                    ))?;
                }
            }
            if i % every == 0 {
                area.draw(&Text::new(
                    name(r.month),
                    (px(x0 + (i as f64 + 0.5) * slot), px(y1 + 5.0)),
                    anchored(PX, palette::MUTED, HPos::Center, VPos::Top),
                ))?;
            }
        }
        area.draw(&PathElement::new(
            vec![(px(x0), px(y1)), (px(x1), px(y1))],
            palette::MUTED.stroke_width(1),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::kit::testing::{check, with};
    use crate::model::QuarterShares;

    fn chart(s: &Scenario) -> Chart {
        lead_months(&Plan::compute(s), s, 720)
    }

    #[test]
    fn the_chart_starts_as_many_months_before_the_year_as_the_cycle_reaches_back() {
        // The default plan: a 4-month cycle, a plan year from January.
        let s = Scenario::default();
        let c = chart(&s);
        let svg = check(&c, ID, TITLE, 16);
        assert_eq!(c.table.rows[0][0], "Sep", "four months before January");
        assert_eq!(c.table.rows[4][0], "Jan");
        assert_eq!(c.table.rows[0][2], "0", "nothing is funded before the year");
        assert!(svg.contains("Before the plan year"));
        let plan = Plan::compute(&s);
        let before = plan
            .timing
            .leads_needed_before_year
            .value()
            .expect("defined");
        assert!(before > 0.0);
        assert!(
            c.summary
                .starts_with(&format::text(before, Style::RequiredCount, "")),
            "{}",
            c.summary
        );
        assert!(
            c.summary.contains("4 months before the plan year"),
            "{}",
            c.summary
        );
    }

    #[test]
    fn without_a_sales_cycle_the_chart_is_the_plan_year_alone() {
        let s = with(|s| s.sales_cycle_months = 0.0);
        let c = chart(&s);
        check(&c, ID, TITLE, 12);
        assert_eq!(c.table.rows[0][0], "Jan");
        assert!(
            c.summary
                .starts_with("Every lead the goal needs arrives within the plan year")
        );
    }

    #[test]
    fn funded_leads_follow_the_phasing() {
        let s = with(|s| s.budget_phasing = QuarterShares([0.4, 0.3, 0.2, 0.1]));
        let plan = Plan::compute(&s);
        let c = chart(&s);
        let funded = plan.funded_leads.value().expect("funded");
        // January is 40% / 3 of the year's leads; December 10% / 3.
        assert_eq!(c.table.rows[4][2], count(funded * 0.4 / 3.0));
        assert_eq!(c.table.rows[15][2], count(funded * 0.1 / 3.0));
    }

    #[test]
    fn an_invalid_cycle_is_named_and_nothing_is_drawn() {
        let s = with(|s| s.sales_cycle_months = -1.0);
        let c = chart(&s);
        assert!(c.svg.is_none());
        assert!(
            c.summary.starts_with("The month chart cannot be drawn"),
            "{}",
            c.summary
        );
    }

    #[test]
    fn month_names_follow_the_plan_start() {
        assert_eq!(month_name(1, Some(4)), "Apr");
        assert_eq!(month_name(0, Some(4)), "Mar");
        assert_eq!(month_name(-11, Some(1)), "Jan");
        assert_eq!(month_name(3, None), "Month 3");
        assert_eq!(month_name(-1, None), "2 months before");
    }
}
