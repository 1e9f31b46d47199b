//! "What the budget cut costs": cumulative booked revenue with and without
//! the cut, the revenue lost shaded between the two lines. The cut starts in
//! month s, but the deals it loses would have closed a sales cycle later, so
//! the lines part only from month s + L.

use super::kit::{self, Item, Months, Obstacle, Placer, Rect, Swatch};
use super::{Chart, DataTable, money_short, palette, render};
use crate::format::{self, Style};
use crate::model::{Plan, Scenario, Undefined};
use crate::share::{number_text, percent_text};
use plotters::prelude::*;

const TITLE: &str = "What the budget cut costs";

/// Cumulative booked revenue with and without the budget cut.
pub fn budget_cut(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    let chart = |summary: String, svg: Option<String>, table: DataTable| Chart {
        id: "budget_cut",
        title: TITLE.to_string(),
        summary,
        svg,
        table,
    };
    let drawn = Months::of(plan, scenario).and_then(|months| {
        let cut = Cut::of(plan, scenario)?;
        Ok((months, cut))
    });
    match drawn {
        Ok((months, cut)) => {
            let currency = scenario.currency.as_str();
            chart(
                cut.summary(&months, currency),
                draw(&months, &cut, width, currency),
                table(&months, currency),
            )
        }
        Err(why) => chart(
            kit::cannot("The budget-cut chart", why),
            None,
            DataTable::default(),
        ),
    }
}

/// The cut and what the plan says it costs (docs/model.md, "Budget-cut impact").
struct Cut {
    fraction: f64,
    projected_revenue: f64,
    budget_saved: f64,
    lost_wins: f64,
    lost_revenue: f64,
    lost_in_year_revenue: f64,
}

impl Cut {
    fn of(plan: &Plan, scenario: &Scenario) -> Result<Cut, Undefined> {
        let c = &plan.budget_cut;
        Ok(Cut {
            fraction: scenario.cut,
            projected_revenue: plan.projected_revenue.0?,
            budget_saved: c.budget_saved.0?,
            lost_wins: c.lost_wins.0?,
            lost_revenue: c.lost_revenue.0?,
            lost_in_year_revenue: c.lost_in_year_revenue.0?,
        })
    }

    /// The page's sentence: "Cutting 20% from month 7 saves $108,000 and
    /// loses 3.5 deals: $208,408 of revenue, $69,469 of it this year."
    fn summary(&self, months: &Months, currency: &str) -> String {
        let money = |v: f64| format::text(v, Style::Money, currency);
        if self.fraction == 0.0 {
            return format!(
                "No budget cut is applied, so the plan keeps all {} of projected revenue.",
                money(self.projected_revenue)
            );
        }
        let deals = format::text(self.lost_wins, Style::Count, currency);
        let noun = if deals == "1" { "deal" } else { "deals" };
        format!(
            "Cutting {}% from month {} saves {} and loses {deals} {noun}: {} of revenue, {} of it this year.",
            percent_text(self.fraction),
            number_text(f64::from(months.cut_from_month)),
            money(self.budget_saved),
            money(self.lost_revenue),
            money(self.lost_in_year_revenue),
        )
    }
}

fn table(months: &Months, currency: &str) -> DataTable {
    let money = |v: f64| format::text(v, Style::Money, currency);
    DataTable {
        headers: [
            "Month",
            "Without the cut (cumulative)",
            "With the cut (cumulative)",
            "Lost to the cut (cumulative)",
        ]
        .map(String::from)
        .to_vec(),
        rows: months
            .rows
            .iter()
            .map(|r| {
                let (without, with) = (r.total, r.after_cut);
                vec![
                    months.month_name(r.month),
                    money(without),
                    money(with),
                    money((without - with).max(0.0)),
                ]
            })
            .collect(),
    }
}

fn draw(months: &Months, cut: &Cut, width: u32, currency: &str) -> Option<String> {
    let n = months.count();
    let l = months.after;
    let from = months.cut_from_month.clamp(1, 12);
    let without = months.series(|r| r.total);
    let with = months.series(|r| r.after_cut);
    let lost: Vec<(f64, f64)> = without
        .iter()
        .zip(&with)
        .map(|(a, b)| (a.0, (a.1 - b.1).max(0.0)))
        .collect();
    let lost_last = lost.last().map_or(0.0, |p| p.1);
    let lost_12 = lost.get(12).map_or(0.0, |p| p.1);
    let has_loss = lost_last > 0.0;

    let items = if has_loss {
        vec![
            Item::new(Swatch::Line(palette::FUNDED), "Without the cut"),
            Item::new(Swatch::Dashed(palette::BAD), "With the cut"),
            Item::new(Swatch::Area(palette::LOSS.mix(0.5)), "Revenue lost"),
        ]
    } else if cut.fraction > 0.0 {
        vec![Item::new(
            Swatch::Line(palette::FUNDED),
            "Booked revenue, the same with or without the cut",
        )]
    } else {
        vec![Item::new(
            Swatch::Line(palette::FUNDED),
            "Booked revenue (no cut applied)",
        )]
    };
    let max = without.iter().map(|p| p.1).fold(months.goal, f64::max);
    // The loss is small next to the whole plan, so it gets a panel of its own.
    let lower = has_loss.then_some(kit::Lower {
        max: lost_last,
        title: "Revenue lost to the cut (cumulative)",
    });
    let layout = kit::Layout::new(width, &items, l > 0, max, n, currency, lower);
    let frame = &layout.frame;
    let plot = frame.plot;
    let pixels = |frame: &kit::Frame, series: &[(f64, f64)]| -> Vec<(i32, i32)> {
        frame
            .pixels(series)
            .into_iter()
            .map(|(x, y)| (x.round() as i32, y.round() as i32))
            .collect()
    };
    // The lines part where the first lost deals would have closed.
    let parting = ((from - 1 + l) as usize).min(with.len().saturating_sub(1));

    render(width, layout.height, |area| {
        layout.underlay(area, l > 0)?;
        let mut placer = Placer::new(plot);
        let mut lower_placer = layout
            .lower
            .as_ref()
            .map(|(panel, _)| Placer::new(panel.frame.plot));
        if let Some((panel, _)) = &layout.lower {
            kit::band(area, &panel.frame, &[], &lost, palette::LOSS.mix(0.5))?;
            area.draw(&PathElement::new(
                pixels(&panel.frame, &lost),
                palette::BAD.stroke_width(2),
            ))?;
        }
        if has_loss {
            kit::band(area, frame, &with, &without, palette::LOSS.mix(0.5))?;
        }
        layout.axes(area)?;

        let mut placers: Vec<&mut Placer> = std::iter::once(&mut placer)
            .chain(lower_placer.as_mut())
            .collect();
        if cut.fraction > 0.0 {
            layout.marker(area, f64::from(from - 1), plot.y0, true, &mut placers)?;
        }
        if l > 0 {
            layout.year_end(area, months.after_name(), &mut placers)?;
        }

        area.draw(&PathElement::new(
            pixels(frame, &without),
            palette::FUNDED.stroke_width(3),
        ))?;
        if has_loss {
            area.draw(&plotters::element::DashedPathElement::new(
                pixels(frame, &with[parting..]),
                7,
                4,
                palette::BAD.stroke_width(2),
            ))?;
        }
        placer.avoid(Obstacle::Line(frame.pixels(&without)));
        placer.avoid(Obstacle::Line(frame.pixels(&with)));
        layout.goal_line(area, months.goal, &mut placer)?;

        if cut.fraction > 0.0 {
            let cut_x = frame.x(f64::from(from - 1));
            let variants = [
                vec![format!("Cut starts in month {from}")],
                vec!["Cut starts".to_string(), format!("in month {from}")],
            ];
            let candidates = |lines: &Vec<String>| {
                let w = lines
                    .iter()
                    .map(|t| kit::generous_text_width(t))
                    .fold(0.0, f64::max)
                    + 4.0;
                let h = lines.len() as f64 * kit::LINE + 2.0;
                let mut candidates = vec![];
                let mut y = plot.y0 + 2.0;
                while y + h <= plot.y1 {
                    candidates.push(Rect::sized(cut_x + 5.0, y, w, h));
                    candidates.push(Rect::sized(cut_x - 5.0 - w, y, w, h));
                    y += 4.0;
                }
                candidates
            };
            let placed = [true, false].into_iter().find_map(|markers| {
                variants.iter().find_map(|lines| {
                    placer
                        .first_clear(&candidates(lines), markers)
                        .map(|rect| (rect, lines))
                })
            });
            if let Some((rect, lines)) = placed {
                let backdrop = !placer.free_of(&rect, true);
                placer.avoid(Obstacle::Box(rect));
                kit::label_box(area, rect, lines, palette::TEXT, backdrop, cut_x)?;
            }
        }

        if has_loss && l > 0 {
            let month = from + l;
            let at = without.get(parting).map_or(0.0, |p| p.1);
            let target = (frame.x(parting as f64), frame.y(at));
            let long = vec![format!("Lost deals would have closed from month {month}")];
            let short = vec![
                "Lost deals would have".to_string(),
                format!("closed from month {month}"),
            ];
            kit::annotate(area, &mut placer, target, &[long, short], palette::TEXT)?;
        }

        // The loss, on its own scale: by the end of the plan year and in all.
        if let (Some((panel, _)), Some(lower_placer)) = (&layout.lower, lower_placer.as_mut()) {
            let f = &panel.frame;
            lower_placer.avoid(Obstacle::Fill(f.pixels(&lost)));
            let total = money_short(cut.lost_revenue, currency);
            if l > 0 {
                let in_year = money_short(cut.lost_in_year_revenue, currency);
                let target = (f.x(12.0), f.y(lost_12));
                let label = vec![format!("{in_year} by month 12")];
                kit::annotate(area, lower_placer, target, &[label], palette::TEXT)?;
                let target = (f.x(f64::from(n)), f.y(lost_last));
                let label = vec![format!("{total} in all")];
                kit::annotate(area, lower_placer, target, &[label], palette::TEXT)?;
            } else {
                let target = (f.x(12.0), f.y(lost_last));
                let label = vec![format!("{total} by month 12")];
                kit::annotate(area, lower_placer, target, &[label], palette::TEXT)?;
            }
        }
        layout.legend(area)
    })
}

#[cfg(test)]
mod tests {
    use super::super::kit::testing::{self, with};
    use super::*;

    fn chart(s: &Scenario, width: u32) -> Chart {
        budget_cut(&Plan::compute(s), s, width)
    }

    fn check(c: &Chart, rows: usize) -> String {
        testing::check(c, "budget_cut", TITLE, rows)
    }

    #[test]
    fn default_scenario_states_the_page_sentence() {
        let s = Scenario::default();
        for width in [360, 720] {
            let c = chart(&s, width);
            let svg = check(&c, 16);
            assert_eq!(
                c.summary,
                "Cutting 20% from month 7 saves $108,000 and loses 3.5 deals: $208,408 of revenue, $69,469 of it this year."
            );
            for text in [
                "Without the cut",
                "With the cut",
                "Revenue lost",
                "Cut starts",
                "Goal $12M",
                "End of plan year",
                "Next year",
                "Revenue lost to the cut (cumulative)",
                "$208K in all",
                "$69.5K by month 12",
                "closed from month 11",
            ] {
                assert!(svg.contains(text), "{width}: {text} missing");
            }
            assert!(svg.contains("var(--chart-loss)"));
            assert!(
                svg.contains(
                    "viewBox=\"0 0 {width} "
                        .replace("{width}", &width.to_string())
                        .as_str()
                )
            );
        }
        let c = chart(&s, 720);
        assert_eq!(c.table.headers[0], "Month");
        assert_eq!(c.table.rows[0][0], "Month 1");
        assert_eq!(c.table.rows[15][0], "Month 16 (next year)");
        assert_eq!(c.table.rows[15][3], "$208,408");
        assert_eq!(c.table.rows[11][3], "$69,469");
        // Nothing is lost before month 7 + 4.
        assert_eq!(c.table.rows[9][3], "$0");
    }

    #[test]
    fn every_sales_cycle_draws() {
        for l in [0.0, 1.0, 4.0, 11.0, 12.0, 24.0] {
            for width in [360, 720] {
                let s = with(|s| s.sales_cycle_months = l);
                let c = chart(&s, width);
                let svg = check(&c, 12 + l as usize);
                assert_eq!(svg.contains("End of plan year"), l > 0.0, "L = {l}");
            }
        }
        // With L = 24 the cut loses nothing this year.
        let s = with(|s| s.sales_cycle_months = 24.0);
        let c = chart(&s, 720);
        assert!(c.summary.ends_with("$0 of it this year."), "{}", c.summary);
        assert!(c.svg.expect("drawn").contains("After the plan year"));
    }

    #[test]
    fn no_cut_draws_one_line() {
        let s = with(|s| s.cut = 0.0);
        let c = chart(&s, 720);
        let svg = check(&c, 16);
        assert_eq!(
            c.summary,
            "No budget cut is applied, so the plan keeps all $11,084,079 of projected revenue."
        );
        assert!(svg.contains("no cut applied"));
        assert!(!svg.contains("var(--chart-loss)"));
        assert!(!svg.contains("Cut starts"));
        assert!(c.table.rows.iter().all(|r| r[3] == "$0"));
    }

    #[test]
    fn whole_budget_cut_from_month_one_loses_all_marketing_revenue() {
        let s = with(|s| {
            s.cut = 1.0;
            s.cut_from_month = 1.0;
        });
        let plan = Plan::compute(&s);
        let c = budget_cut(&plan, &s, 360);
        let svg = check(&c, 16);
        let marketing = plan.projected_marketing_revenue.value().expect("defined");
        let lost = format::text(marketing, Style::Money, "USD");
        assert!(
            c.summary
                .starts_with("Cutting 100% from month 1 saves $1,080,000"),
            "{}",
            c.summary
        );
        assert!(
            c.summary.contains(&format!("{lost} of revenue")),
            "{}",
            c.summary
        );
        assert!(svg.contains("Cut starts in month 1"));
        assert_eq!(c.table.rows[15][3], lost);
    }

    #[test]
    fn no_marketing_revenue_loses_nothing() {
        let s = with(|s| s.channels.iter_mut().for_each(|c| c.share = 0.0));
        let c = chart(&s, 720);
        let svg = check(&c, 16);
        assert!(
            c.summary
                .contains("saves $0 and loses 0 deals: $0 of revenue"),
            "{}",
            c.summary
        );
        assert!(svg.contains("the same with or without the cut"));
        // Marketing need not source any deals: the chart still draws.
        let s = with(|s| s.marketing_sourced = 0.0);
        check(&chart(&s, 360), 16);
    }

    #[test]
    fn invalid_input_says_why() {
        let s = with(|s| s.sales_cycle_months = 7.5);
        let c = chart(&s, 720);
        assert_eq!(c.svg, None);
        assert_eq!(
            c.summary,
            "The budget-cut chart cannot be drawn: it needs a valid sales cycle."
        );
        assert!(c.table.rows.is_empty());
        let s = with(|s| s.cut_from_month = 0.0);
        let c = chart(&s, 720);
        assert_eq!(c.svg, None);
        assert!(c.summary.contains("month the cut starts"), "{}", c.summary);
    }

    #[test]
    fn user_text_is_escaped() {
        let s = with(|s| s.name = "<img src=x onerror=alert(1)>".into());
        let svg = check(&chart(&s, 720), 16);
        assert!(!svg.contains("<img"));
    }

    #[test]
    fn preview() {
        let cases = [
            ("default", Scenario::default()),
            ("jpy", testing::jpy()),
            ("over", with(|s| s.recurring_revenue = 20e6)),
            ("l0", with(|s| s.sales_cycle_months = 0.0)),
            ("l24", with(|s| s.sales_cycle_months = 24.0)),
            ("nocut", with(|s| s.cut = 0.0)),
            (
                "all-m1",
                with(|s| {
                    s.cut = 1.0;
                    s.cut_from_month = 1.0;
                }),
            ),
        ];
        testing::preview("budget_cut", cases, chart);
    }
}
