//! "When the revenue arrives": cumulative booked revenue by month, stacked
//! by source (recurring, sales-sourced, pipeline from before the year,
//! marketing-sourced), against the goal. Marketing deals close a sales cycle after their leads arrive, so the
//! marketing band starts late and part of it lands after the plan year.
//! With two or more segments the marketing band is one band per segment,
//! each after its own cycle ([`super::timeline_segments`]).

use super::kit::{self, Item, Months, Obstacle, Placer, Swatch};
use super::timeline_segments::Split;
use super::{Chart, DataTable, money_short, palette, render};
use crate::format::{self, Style};
use crate::model::{Plan, Scenario, Undefined};
use plotters::prelude::*;

const TITLE: &str = "Cumulative booked revenue by month";

/// Cumulative booked revenue by month against the goal.
pub fn timeline(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    let chart = |summary: String, svg: Option<String>, table: DataTable| Chart {
        id: "timeline",
        title: TITLE.to_string(),
        summary,
        svg,
        table,
    };
    match Months::of(plan, scenario).and_then(|months| {
        // Two or more segments: a marketing band per segment.
        let split = Split::of(plan, scenario, &months);
        let summary = summary(plan, scenario, &months, split.as_ref())?;
        Ok((months, summary, split))
    }) {
        Ok((months, summary, split)) => {
            let currency = scenario.currency.as_str();
            let split = split.as_ref();
            chart(
                summary,
                draw(&months, width, currency, split),
                table(&months, currency, split),
            )
        }
        Err(why) => chart(
            kit::cannot("The revenue timeline", why),
            None,
            DataTable::default(),
        ),
    }
}

fn summary(
    plan: &Plan,
    scenario: &Scenario,
    months: &Months,
    split: Option<&Split>,
) -> Result<String, Undefined> {
    let currency = scenario.currency.as_str();
    let money = |v: f64| format::text(v, Style::Money, currency);
    let projected = plan.projected_revenue.0?;
    let attainment = plan.attainment.0?;
    let marketing = plan.projected_marketing_revenue.0?;
    let next_year = plan.next_year_marketing_revenue.0?;
    let goal = money(months.goal);
    let attainment = format::text(attainment, Style::Percent, currency);
    let l = months.after;
    // With segments on different cycles, which one the late revenue is from.
    let late_from = split.and_then(|s| s.late_from(months));
    let because = |l: u32| match &late_from {
        Some(from) => format!(", {from}"),
        None => format!(" because of the {l}-month sales cycle"),
    };
    if months.has_pipeline() {
        return pipeline_summary(plan, months, currency, &because);
    }
    Ok(if money(next_year) != money(0.0) {
        let booked = (plan.projected_revenue - plan.next_year_marketing_revenue).0?;
        let lands = if l > 12 {
            "lands after the plan year"
        } else {
            "lands next year"
        };
        let late = if money(booked) == money(projected - marketing) {
            "all marketing-sourced revenue".to_string()
        } else {
            format!("{} of marketing-sourced revenue", money(next_year))
        };
        format!(
            "The plan projects {} ({attainment} of the {goal} goal), of which {} is booked by month 12: {late} {lands}{}.",
            money(projected),
            money(booked),
            because(l),
        )
    } else if money(marketing) == money(0.0) {
        format!(
            "By month 12 the plan books {}, {attainment} of the {goal} goal, with no marketing-sourced revenue.",
            money(projected)
        )
    } else {
        format!(
            "By month 12 the plan books {}, {attainment} of the {goal} goal; with no sales-cycle delay all marketing-sourced revenue lands this year.",
            money(projected)
        )
    })
}

/// With pipeline in place at the start of the year, the sentence leads
/// with what the plan year books, pipeline included.
fn pipeline_summary(
    plan: &Plan,
    months: &Months,
    currency: &str,
    because: &dyn Fn(u32) -> String,
) -> Result<String, Undefined> {
    let money = |v: f64| format::text(v, Style::Money, currency);
    let in_year = plan.plan_year.in_year_revenue.0?;
    let attainment = format::text(
        plan.plan_year.in_year_attainment.0?,
        Style::Percent,
        currency,
    );
    let next_year = plan.next_year_marketing_revenue.0?;
    let pipeline = months.rows.last().map_or(0.0, |r| r.pipeline - r.sales);
    let l = months.after;
    let rest = if money(next_year) != money(0.0) {
        let lands = if l > 12 {
            "lands after the plan year"
        } else {
            "lands next year"
        };
        format!(
            "{} of marketing-sourced revenue {lands}{}",
            money(next_year),
            because(l)
        )
    } else {
        "no marketing-sourced revenue lands after it".to_string()
    };
    Ok(format!(
        "By month 12 the plan books {} ({attainment} of the {} goal), {} of it from pipeline in place at the start of the year; {rest}.",
        money(in_year),
        money(months.goal),
        money(pipeline),
    ))
}

fn table(months: &Months, currency: &str, split: Option<&Split>) -> DataTable {
    let money = |v: f64| format::text(v, Style::Money, currency);
    let pipeline = months.has_pipeline();
    let mut headers = vec![
        "Month",
        "Recurring (cumulative)",
        "Sales-sourced (cumulative)",
    ];
    if pipeline {
        headers.push("Pipeline (cumulative)");
    }
    headers.push("Marketing-sourced (cumulative)");
    let mut headers: Vec<String> = headers.into_iter().map(String::from).collect();
    if let Some(split) = split {
        headers.extend(split.headers());
    }
    headers.push("Total booked (cumulative)".into());
    DataTable {
        headers,
        rows: months
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![
                    months.month_name(r.month),
                    money(r.recurring),
                    money(r.sales - r.recurring),
                ];
                if pipeline {
                    row.push(money(r.pipeline - r.sales));
                }
                row.push(money(r.total - r.pipeline));
                if let Some(split) = split {
                    row.extend(split.cells(months, r.month, currency));
                }
                row.push(money(r.total));
                row
            })
            .collect(),
    }
}

fn draw(months: &Months, width: u32, currency: &str, split: Option<&Split>) -> Option<String> {
    let n = months.count();
    let l = months.after;
    let recurring = months.series(|r| r.recurring);
    let sales = months.series(|r| r.sales);
    // The top of the pipeline band, where marketing's own band starts (the
    // sales-sourced top when there is no pipeline).
    let pipeline = months.series(|r| r.pipeline);
    let total = months.series(|r| r.total);
    let year_end = |series: &[(f64, f64)]| series.get(12).map_or(0.0, |p| p.1);
    let (sales_12, pipeline_12, total_12) =
        (year_end(&sales), year_end(&pipeline), year_end(&total));
    let has_next_year = total.last().is_some_and(|p| p.1 > total_12);
    let has_marketing = total_12 > pipeline_12 || has_next_year;

    let mut items = vec![];
    if year_end(&recurring) > 0.0 {
        items.push(Item::new(
            Swatch::Area(palette::RECURRING.to_rgba()),
            "Recurring",
        ));
    }
    if sales_12 > year_end(&recurring) {
        items.push(Item::new(
            Swatch::Area(palette::SALES.to_rgba()),
            "Sales-sourced",
        ));
    }
    if pipeline_12 > sales_12 {
        items.push(Item::new(
            Swatch::Area(palette::PIPELINE.to_rgba()),
            "Pipeline from before the year",
        ));
    }
    if total_12 > pipeline_12 {
        match split {
            Some(split) => items.extend(split.legend(months)),
            None => items.push(Item::new(
                Swatch::Area(palette::MARKETING.to_rgba()),
                "Marketing-sourced",
            )),
        }
    }
    if has_next_year {
        items.push(Item::new(
            Swatch::Area(palette::NEXT_YEAR.to_rgba()),
            if l > 12 {
                "Marketing, after the plan year"
            } else {
                "Marketing, next year"
            },
        ));
    }
    let max = total.iter().map(|p| p.1).fold(months.goal, f64::max);
    let layout = kit::Layout::new(width, &items, l > 0, max, n, currency, None);
    let frame = &layout.frame;
    let plot = frame.plot;

    render(width, layout.height, |area| {
        layout.underlay(area, l > 0)?;

        // In the plan year: the three stacks in full colour.
        let first_year = |s: &[(f64, f64)]| s[..=12].to_vec();
        kit::band(
            area,
            frame,
            &[],
            &first_year(&recurring),
            palette::RECURRING.to_rgba(),
        )?;
        kit::band(
            area,
            frame,
            &first_year(&recurring),
            &first_year(&sales),
            palette::SALES.to_rgba(),
        )?;
        if pipeline_12 > sales_12 {
            kit::band(
                area,
                frame,
                &first_year(&sales),
                &first_year(&pipeline),
                palette::PIPELINE.to_rgba(),
            )?;
        }
        if total_12 > pipeline_12 {
            match split {
                Some(split) => split.bands(area, frame, months)?,
                None => kit::band(
                    area,
                    frame,
                    &first_year(&pipeline),
                    &first_year(&total),
                    palette::MARKETING.to_rgba(),
                )?,
            }
        }
        // After it: what was booked by month 12 as one neutral block, and
        // the marketing revenue that lands late on top of it.
        if l > 0 {
            let flat = |v: f64| vec![(12.0, v), (f64::from(n), v)];
            kit::band(area, frame, &[], &flat(total_12), palette::MUTED.mix(0.2))?;
            if has_next_year {
                kit::band(
                    area,
                    frame,
                    &flat(total_12),
                    &total[12..],
                    palette::NEXT_YEAR.to_rgba(),
                )?;
            }
        }
        layout.axes(area)?;

        let mut placer = Placer::new(plot);
        placer.avoid(Obstacle::Fill(frame.pixels(&total)));
        layout.goal_line(area, months.goal, &mut placer)?;
        if l > 0 {
            layout.year_end(area, months.after_name(), &mut [&mut placer])?;
        }

        // The sales-cycle delay: where the marketing band starts (with
        // segments, after the labels below, which matter more).
        if has_marketing && l > 0 && split.is_none() {
            let start = f64::from(l.min(n));
            let at = pipeline.get(l as usize).map_or(0.0, |p| p.1);
            let target = (frame.x(start), frame.y(at));
            let month = l + 1;
            let long = vec![format!("Marketing deals start closing in month {month}")];
            let short = vec![
                "Marketing deals start".to_string(),
                format!("closing in month {month}"),
            ];
            kit::annotate(area, &mut placer, target, &[long, short], palette::TEXT)?;
        }

        // What is booked by the end of the plan year, and in all.
        let booked = format!("{} by month 12", money_short(total_12, currency));
        let target = (frame.x(12.0), frame.y(total_12));
        kit::annotate(area, &mut placer, target, &[vec![booked]], palette::TEXT)?;
        let last = total.last().map_or(0.0, |p| p.1);
        if has_next_year {
            let label = format!("{} in all", money_short(last, currency));
            let target = (frame.x(f64::from(n)), frame.y(last));
            kit::annotate(area, &mut placer, target, &[vec![label]], palette::TEXT)?;
        }
        if let (Some(split), true) = (split, has_marketing && l > 0) {
            split.annotate(area, &mut placer, frame, months)?;
        }
        layout.legend(area)
    })
}

#[cfg(test)]
mod tests {
    use super::super::kit::testing::{self, with};
    use super::*;

    fn chart(s: &Scenario, width: u32) -> Chart {
        timeline(&Plan::compute(s), s, width)
    }

    fn check(c: &Chart, rows: usize) -> String {
        testing::check(c, "timeline", TITLE, rows)
    }

    fn money(v: f64) -> String {
        format::text(v, Style::Money, "USD")
    }

    #[test]
    fn default_scenario_shows_the_delay_and_next_year() {
        let s = Scenario::default();
        let plan = Plan::compute(&s);
        for width in [360, 720] {
            let c = timeline(&plan, &s, width);
            let svg = check(&c, 16);
            for text in [
                "Recurring",
                "Sales-sourced",
                "Marketing-sourced",
                "Marketing, next year",
                "Goal $12M",
                "End of plan year",
                "Next year",
                "closing in month 5",
                "M12",
                "$10.4M by month 12",
                "$11.1M in all",
            ] {
                assert!(svg.contains(text), "{width}: {text} missing");
            }
            for colour in ["recurring", "sales", "marketing", "next-year", "goal"] {
                assert!(svg.contains(&format!("var(--chart-{colour})")), "{colour}");
            }
        }
        let c = timeline(&plan, &s, 720);
        let value = |m: crate::model::Metric| m.value().expect("defined");
        let projected = value(plan.projected_revenue);
        let next_year = value(plan.next_year_marketing_revenue);
        assert_eq!(
            c.summary,
            format!(
                "The plan projects {} (92.4% of the $12,000,000 goal), of which {} is booked by month 12: {} of marketing-sourced revenue lands next year because of the 4-month sales cycle.",
                money(projected),
                money(projected - next_year),
                money(next_year),
            )
        );
        // The table: month 12 books everything but next year's marketing
        // revenue; the last month, the projected revenue.
        assert_eq!(c.table.rows[11][0], "Month 12");
        assert_eq!(c.table.rows[11][4], money(projected - next_year));
        assert_eq!(c.table.rows[12][0], "Month 13 (next year)");
        assert_eq!(c.table.rows[15][4], money(projected));
        assert_eq!(
            c.table.rows[15][3],
            money(value(plan.projected_marketing_revenue))
        );
        // No marketing revenue before month 5.
        assert_eq!(c.table.rows[3][3], "$0");
        assert_ne!(c.table.rows[4][3], "$0");
    }

    #[test]
    fn every_sales_cycle_draws() {
        for l in [0u32, 1, 4, 11, 12, 13, 24] {
            for width in [360, 720] {
                let s = with(|s| s.sales_cycle_months = f64::from(l));
                let c = chart(&s, width);
                let svg = check(&c, 12 + l as usize);
                assert_eq!(svg.contains("End of plan year"), l > 0, "L = {l}");
                // Month labels are sparse on narrow charts, but the plan
                // year's end is always labelled.
                assert!(svg.contains("\nM12\n"), "L = {l}");
                let labels = (1..=12 + l)
                    .filter(|m| svg.contains(&format!("\nM{m}\n")))
                    .count();
                assert!(
                    labels >= 4 && labels <= if width == 360 { 12 } else { 18 },
                    "L = {l}: {labels}"
                );
            }
        }
        let c = chart(&with(|s| s.sales_cycle_months = 0.0), 720);
        assert!(
            c.summary.contains(
                "with no sales-cycle delay all marketing-sourced revenue lands this year"
            ),
            "{}",
            c.summary
        );
        assert!(!c.svg.expect("drawn").contains("next year"));

        let c = chart(&with(|s| s.sales_cycle_months = 12.0), 720);
        assert!(
            c.summary
                .contains("all marketing-sourced revenue lands next year because of the 12-month"),
            "{}",
            c.summary
        );

        let c = chart(&with(|s| s.sales_cycle_months = 24.0), 360);
        assert!(
            c.summary
                .contains("lands after the plan year because of the 24-month sales cycle"),
            "{}",
            c.summary
        );
        assert_eq!(c.table.rows[35][0], "Month 36 (after the plan year)");
        let svg = c.svg.expect("drawn");
        assert!(svg.contains("After the plan year"));
        // Sparse month labels on a phone: M36 but not M35.
        assert!(svg.contains("\nM36\n"));
        assert!(!svg.contains("\nM35\n"));
    }

    #[test]
    fn no_marketing_revenue() {
        // Nothing allocated: the budget buys no marketing-sourced revenue.
        let s = with(|s| s.channels.iter_mut().for_each(|c| c.share = 0.0));
        let c = chart(&s, 720);
        let svg = check(&c, 16);
        assert_eq!(
            c.summary,
            "By month 12 the plan books $9,000,000, 75% of the $12,000,000 goal, with no marketing-sourced revenue."
        );
        assert!(!svg.contains("Marketing"));
        assert!(c.table.rows.iter().all(|r| r[3] == "$0"));
        // Marketing need source no deals: sales closes them all, and the
        // channels still bring their revenue.
        let s = with(|s| s.marketing_sourced = 0.0);
        let c = chart(&s, 360);
        check(&c, 16);
        assert!(
            c.summary.contains("of the $12,000,000 goal"),
            "{}",
            c.summary
        );
    }

    #[test]
    fn invalid_input_says_why() {
        let s = with(|s| s.sales_cycle_months = 7.5);
        let c = chart(&s, 720);
        assert_eq!(c.svg, None);
        assert_eq!(
            c.summary,
            "The revenue timeline cannot be drawn: it needs a valid sales cycle."
        );
        assert!(c.table.rows.is_empty());
        let s = with(|s| s.revenue_goal = -1.0);
        assert_eq!(chart(&s, 360).svg, None);
    }

    #[test]
    fn user_text_is_escaped() {
        let s = with(|s| s.name = "<img src=x onerror=alert(1)>".into());
        let svg = check(&chart(&s, 720), 16);
        assert!(!svg.contains("<img"));
    }

    #[test]
    fn extreme_values_stay_finite() {
        let s = with(|s| {
            s.revenue_goal = 1e13;
            s.recurring_revenue = 1e13;
            s.deal_size = 1e-3;
        });
        if let Some(svg) = chart(&s, 360).svg {
            assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
        let s = with(|s| s.revenue_goal = 1.0);
        check(&chart(&s, 360), 16);
    }

    #[test]
    fn preview() {
        let cases = [
            ("default", Scenario::default()),
            ("jpy", testing::jpy()),
            ("over", with(|s| s.recurring_revenue = 20e6)),
            ("l0", with(|s| s.sales_cycle_months = 0.0)),
            ("l1", with(|s| s.sales_cycle_months = 1.0)),
            ("l12", with(|s| s.sales_cycle_months = 12.0)),
            ("l24", with(|s| s.sales_cycle_months = 24.0)),
            (
                "nomkt",
                with(|s| s.channels.iter_mut().for_each(|c| c.share = 0.0)),
            ),
        ];
        testing::preview("timeline", cases, chart);
    }
}
