//! "The multi-year view": each year's revenue goal against what its funded
//! plan projects, with the budget each year needs.

use super::kit::{self, PX, generous_text_width, money_ticks, px};
use super::{Chart, DataTable, anchored, money_short, palette, percent, render};
use crate::format::{self, Style};
use crate::model::{Plan, Scenario, YearPlan};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const TITLE: &str = "Revenue goal and funded plan by year";

/// Each year's goal against its funded plan's projected revenue.
pub fn multi_year(_plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    let chart = |summary: String, svg: Option<String>, table: DataTable| Chart {
        id: "multi_year",
        title: TITLE.to_string(),
        summary,
        svg,
        table,
    };
    let years = match scenario.multi_year.plan(scenario) {
        Ok(years) => years,
        Err(why) => {
            return chart(
                super::kit::cannot("The multi-year chart", why),
                None,
                DataTable::default(),
            );
        }
    };
    let currency = scenario.currency.as_str();
    let money = |v: f64| format::text(v, Style::Money, currency);
    let cell = |m: crate::model::Metric, style: Style| {
        m.value()
            .map_or("—".to_string(), |v| format::text(v, style, currency))
    };
    let table = DataTable {
        headers: [
            "Year",
            "Revenue goal",
            "Budget",
            "Projected revenue",
            "Attainment",
        ]
        .map(String::from)
        .to_vec(),
        rows: years
            .iter()
            .map(|y| {
                vec![
                    format!("Year {}", y.year),
                    cell(y.revenue_goal, Style::Money),
                    cell(y.plan.budget, Style::Money),
                    cell(y.plan.projected_revenue, Style::Money),
                    cell(y.plan.attainment, Style::Percent),
                ]
            })
            .collect(),
    };
    let bars: Option<Vec<(f64, f64, f64)>> = years
        .iter()
        .map(|y| {
            Some((
                y.revenue_goal.value()?,
                y.plan.projected_revenue.value()?,
                y.plan.budget.value()?,
            ))
        })
        .collect();
    let (Some(bars), Some(last)) = (bars, years.last()) else {
        let why = years
            .iter()
            .find_map(|y| y.plan.projected_revenue.0.err())
            .unwrap_or(crate::model::Undefined::TooLarge);
        return chart(super::kit::cannot("The multi-year chart", why), None, table);
    };
    let summary = summary(last, &money);
    chart(summary, draw(&bars, width, currency), table)
}

fn summary(last: &YearPlan, money: &dyn Fn(f64) -> String) -> String {
    let (Some(goal), Some(projected), Some(attainment)) = (
        last.revenue_goal.value(),
        last.plan.projected_revenue.value(),
        last.plan.attainment.value(),
    ) else {
        return "The multi-year view cannot be summarised.".into();
    };
    let needs = last
        .plan
        .required_spend_share
        .value()
        .map(|share| {
            format!(
                "; at that year's mix the goal needs a budget of {} of revenue",
                percent(share)
            )
        })
        .unwrap_or_default();
    format!(
        "In year {} the goal is {} and the funded plan projects {} ({} of it){needs}.",
        last.year,
        money(goal),
        money(projected),
        percent(attainment)
    )
}

fn draw(bars: &[(f64, f64, f64)], width: u32, currency: &str) -> Option<String> {
    let w = f64::from(width.max(240));
    let height = if w < 500.0 { 260.0 } else { 300.0 };
    let max = bars.iter().map(|b| b.0.max(b.1)).fold(0.0, f64::max);
    let (top, ticks) = money_ticks(max * 1.05, 4);
    let labels: Vec<(f64, String)> = ticks
        .into_iter()
        .map(|t| (t, money_short(t, currency)))
        .collect();
    let label_w = labels
        .iter()
        .map(|(_, s)| generous_text_width(s))
        .fold(0.0, f64::max);
    let (x0, x1) = (10.0 + label_w + 6.0, w - 10.0);
    let (y0, y1) = (34.0, height - 44.0);
    let y = |v: f64| y1 - (v / top).clamp(0.0, 1.0) * (y1 - y0);
    let slot = (x1 - x0) / bars.len().max(1) as f64;
    let bar_w = (slot * 0.3).min(40.0);
    render(width.max(240), height as u32, |area| {
        area.fill(&palette::SURFACE)?;
        // Legend.
        let mut lx = 10.0;
        for (color, label) in [
            (palette::GOAL, "Revenue goal"),
            (palette::FUNDED, "Funded plan projects"),
        ] {
            area.draw(&Rectangle::new(
                [(px(lx), px(8.0)), (px(lx + 12.0), px(20.0))],
                color.filled(),
            ))?;
            area.draw(&Text::new(
                label,
                (px(lx + 18.0), px(14.0)),
                anchored(PX, palette::TEXT, HPos::Left, VPos::Center),
            ))?;
            lx += 18.0 + generous_text_width(label) + 18.0;
        }
        for (t, label) in &labels {
            kit::grid_line(area, x0, x1, y(*t), label)?;
        }
        for (i, &(goal, projected, budget)) in bars.iter().enumerate() {
            let mid = x0 + slot * (i as f64 + 0.5);
            for (x, v, color) in [
                (mid - bar_w - 1.0, goal, palette::GOAL),
                (mid + 1.0, projected, palette::FUNDED),
            ] {
                area.draw(&Rectangle::new(
                    [(px(x), px(y(v))), (px(x + bar_w), px(y1))],
                    color.filled(),
                ))?;
            }
            area.draw(&Text::new(
                format!("Year {}", i + 1),
                (px(mid), px(y1 + 6.0)),
                anchored(PX, palette::TEXT, HPos::Center, VPos::Top),
            ))?;
            area.draw(&Text::new(
                format!("Budget {}", money_short(budget, currency)),
                (px(mid), px(y1 + 22.0)),
                anchored(PX * 0.9, palette::MUTED, HPos::Center, VPos::Top),
            ))?;
        }
        area.draw(&PathElement::new(
            vec![(px(x0), px(y1)), (px(x1), px(y1))],
            palette::MUTED.stroke_width(1),
        ))?;
        Ok::<(), DrawingAreaErrorKind<std::io::Error>>(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_each_year_with_goal_projection_and_budget() {
        for years in [1.0, 3.0, 5.0] {
            let mut s = Scenario::default();
            s.multi_year.years = years;
            for width in [360, 720] {
                let c = multi_year(&Plan::compute(&s), &s, width);
                let svg = c.svg.expect("drawn");
                for bad in ["NaN", "inf", "#0000"] {
                    assert!(!svg.contains(bad), "{bad}");
                }
                assert_eq!(c.table.rows.len(), years as usize);
                assert!(svg.contains(&format!("Year {years}")));
                assert!(svg.contains("Budget $1.1M"), "year 1's budget");
            }
        }
        let s = Scenario::default();
        let c = multi_year(&Plan::compute(&s), &s, 720);
        assert!(
            c.summary
                .starts_with("In year 3 the goal is $18,750,000 and the funded plan projects"),
            "{}",
            c.summary
        );
        assert_eq!(c.table.rows[1][1], "$15,000,000");
    }

    #[test]
    fn invalid_settings_say_why() {
        let mut s = Scenario::default();
        s.multi_year.growth = 5.0;
        let c = multi_year(&Plan::compute(&s), &s, 360);
        assert_eq!(c.svg, None);
        assert!(c.summary.contains("multi-year settings"), "{}", c.summary);
        let s = Scenario {
            win_rate: f64::NAN,
            ..Scenario::default()
        };
        let c = multi_year(&Plan::compute(&s), &s, 360);
        assert_eq!(c.svg, None);
        assert!(c.summary.contains("win rate"), "{}", c.summary);
    }
}
