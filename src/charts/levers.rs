//! Which lever is easiest: how far each lever alone would have to move from
//! today's value to close the gap, smallest move first. Levers that cannot
//! close the gap alone are listed last, in words, with no bar.

use super::layout::{LABEL, NAME, PAD, Scene, bar_scale, dejavu_text_width, names};
use super::{Chart, DataTable, money_short, palette, percent};
use crate::format::{self, Style};
use crate::model::{Levers, Metric, Plan, Scenario, Undefined};
use plotters::style::text_anchor::HPos;

const TITLE: &str = "Which lever is easiest";

/// Changes closer than this count as a tie for easiest.
const TIE: f64 = 1e-9;

/// One lever: what it is today, what it would have to become, and the
/// relative change (or why there is none).
struct Lever {
    /// For the chart and table ("Win rate").
    name: &'static str,
    /// For sentences ("the win rate").
    noun: &'static str,
    today: Option<f64>,
    needed: Option<f64>,
    style: Style,
    /// Words after the values ("of goal").
    unit: &'static str,
    change: Result<f64, Undefined>,
}

impl Lever {
    fn value(&self, v: Option<f64>, currency: &str, compact: bool) -> String {
        match v {
            Some(v) if compact && self.style == Style::Money => money_short(v, currency),
            Some(v) => format::text(v, self.style, currency),
            None => "—".into(),
        }
    }

    /// "22% → 31.7%", or only today's value when the lever cannot get there.
    fn detail(&self, currency: &str, compact: bool) -> String {
        let today = self.value(self.today, currency, compact);
        let text = match (&self.change, self.needed) {
            (Ok(_), Some(_)) => {
                format!("{today} → {}", self.value(self.needed, currency, compact))
            }
            _ if self.today.is_some() => format!("today {today}"),
            _ => String::new(),
        };
        if text.is_empty() || self.unit.is_empty() {
            text
        } else {
            format!("{text} {}", self.unit)
        }
    }
}

/// "+43.9%" or "−30.5%".
fn signed(change: f64) -> String {
    let sign = if change < 0.0 { "−" } else { "+" };
    format!("{sign}{}", percent(change.abs()))
}

/// Today's values the levers move: the plan's, or with segments the
/// segment's whose levers the chart shows.
struct Today {
    win_rate: f64,
    sql_to_opp: f64,
    mql_to_sql: f64,
    deal_size: f64,
    lead_quality: Metric,
    cost_per_lead: Metric,
}

impl Today {
    fn of_plan(plan: &Plan, scenario: &Scenario) -> Today {
        Today {
            win_rate: scenario.win_rate,
            sql_to_opp: scenario.sql_to_opp,
            mql_to_sql: scenario.mql_to_sql,
            deal_size: scenario.deal_size,
            lead_quality: plan.blended_lead_to_mql,
            cost_per_lead: plan.blended_cpl,
        }
    }

    fn of_segment(plan: &Plan, g: usize) -> Option<Today> {
        let r = plan.segments.get(g)?;
        let f = &r.funnel;
        Some(Today {
            win_rate: f.win_rate.value()?,
            sql_to_opp: f.sql_to_opp.value()?,
            mql_to_sql: f.mql_to_sql.value()?,
            deal_size: f.deal_size.value()?,
            lead_quality: r.segment_blended_lead_to_mql,
            cost_per_lead: r
                .segment_spend
                .per(r.segment_funded_leads, Undefined::NoFundedLeads),
        })
    }
}

/// The seven levers of docs/model.md, each with today's value.
fn levers_of(plan: &Plan, scenario: &Scenario, l: &Levers, today: &Today) -> Vec<Lever> {
    // A lever that scales a rate or an amount: needed ÷ today − 1.
    let scaled = |name, noun, today: Option<f64>, lever: Metric, style, unit| {
        let change = lever.0.and_then(|needed| match today {
            Some(t) if t > 0.0 => Ok(needed / t - 1.0),
            _ => Err(Undefined::NothingFunded),
        });
        Lever {
            name,
            noun,
            today,
            needed: lever.value(),
            style,
            unit,
            change,
        }
    };
    // A lever that multiplies every channel's value by a factor: factor − 1.
    let factor = |name, noun, today: Metric, lever: Metric, style, unit| Lever {
        name,
        noun,
        today: today.value(),
        needed: match (today.value(), lever.value()) {
            (Some(t), Some(f)) => Some(t * f),
            _ => None,
        },
        style,
        unit,
        change: lever.0.map(|f| f - 1.0),
    };
    // Spend is compared with the spend allocated today, the base the model
    // scales (unallocated budget buys nothing).
    let spend_share = match plan.spend.value() {
        Some(spend) if scenario.revenue_goal > 0.0 => Some(spend / scenario.revenue_goal),
        _ => None,
    };
    let unallocated = plan.unallocated_budget.value().is_some_and(|u| u > 0.005);
    let (spend_name, spend_noun) = if unallocated {
        ("Allocated spend", "the allocated spend")
    } else {
        ("Marketing spend", "marketing spend")
    };
    vec![
        scaled(
            spend_name,
            spend_noun,
            spend_share,
            l.lever_spend_share,
            Style::Percent,
            "of goal",
        ),
        scaled(
            "Win rate",
            "the win rate",
            Some(today.win_rate),
            l.lever_win_rate,
            Style::Percent,
            "",
        ),
        scaled(
            "SQL → opportunity rate",
            "the SQL → opportunity rate",
            Some(today.sql_to_opp),
            l.lever_sql_to_opp,
            Style::Percent,
            "",
        ),
        scaled(
            "MQL → SQL rate",
            "the MQL → SQL rate",
            Some(today.mql_to_sql),
            l.lever_mql_to_sql,
            Style::Percent,
            "",
        ),
        factor(
            "Lead quality",
            "lead quality",
            today.lead_quality,
            l.lever_lead_quality_factor,
            Style::Percent,
            "lead-to-MQL",
        ),
        scaled(
            "Average deal size",
            "the average deal size",
            Some(today.deal_size),
            l.lever_deal_size,
            Style::Money,
            "",
        ),
        factor(
            "Cost per lead",
            "the cost per lead",
            today.cost_per_lead,
            l.lever_cost_per_lead_factor,
            Style::Money,
            "",
        ),
    ]
}

/// Smallest move first; levers without a number last, in page order.
fn sorted(mut levers: Vec<Lever>) -> Vec<Lever> {
    // Moves that read the same (to a ten-thousandth of a percentage point)
    // are a tie and keep the page's order: most levers need exactly
    // 1 ÷ coverage − 1, give or take float noise.
    let key = |c: f64| (c.abs() * 1e6).round();
    levers.sort_by(|a, b| match (&a.change, &b.change) {
        (Ok(x), Ok(y)) => key(*x).total_cmp(&key(*y)),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => std::cmp::Ordering::Equal,
    });
    levers
}

fn is_easiest(lever: &Lever, smallest: Option<f64>) -> bool {
    match (&lever.change, smallest) {
        (Ok(c), Some(s)) => c.abs() - s <= TIE,
        _ => false,
    }
}

pub fn levers(plan: &Plan, scenario: &Scenario, width: u32) -> Chart {
    let Some(plan_levers) = &plan.levers else {
        let chart = |summary: String, svg: Option<String>, table: DataTable| Chart {
            id: "levers",
            title: TITLE.into(),
            summary,
            svg,
            table,
        };
        let summary = match plan.coverage.0 {
            Ok(c) => format!(
                "No lever is needed: the budget already buys {} of the marketing-sourced deals the goal needs.",
                percent(c)
            ),
            Err(Undefined::NoMarketingWins) => {
                "No lever is needed: the goal is met without marketing-sourced deals.".into()
            }
            Err(why) => format!("Which lever is easiest cannot be judged yet: {why}."),
        };
        return chart(summary, None, table(&[], scenario));
    };
    // With segments: the levers of the segment where a move is smallest,
    // with the plan-wide spend lever.
    let (l, today, title) = if plan.segments.len() > 1 {
        let chosen = plan.smallest_move_segment().and_then(|g| {
            let levers = plan.segments[g].levers?;
            let name = scenario.segments.get(g)?.name.trim().to_string();
            Some((
                Levers {
                    lever_spend_share: plan_levers.lever_spend_share,
                    ..levers
                },
                Today::of_segment(plan, g)?,
                format!("{TITLE}, in {name}"),
            ))
        });
        match chosen {
            Some(chosen) => chosen,
            None => (
                *plan_levers,
                Today::of_plan(plan, scenario),
                TITLE.to_string(),
            ),
        }
    } else {
        (
            *plan_levers,
            Today::of_plan(plan, scenario),
            TITLE.to_string(),
        )
    };
    let chart = |summary: String, svg: Option<String>, table: DataTable| Chart {
        id: "levers",
        title: title.clone(),
        summary,
        svg,
        table,
    };
    let levers = sorted(levers_of(plan, scenario, &l, &today));
    let table = table(&levers, scenario);
    let smallest = levers.iter().find_map(|l| l.change.ok()).map(f64::abs);
    let Some(easiest) = levers.iter().find(|l| l.change.is_ok()) else {
        let summary = match levers.first().map(|l| l.change) {
            Some(Err(Undefined::NothingFunded)) => {
                "The budget buys no deals: no single lever helps when nothing is funded.".into()
            }
            Some(Err(Undefined::NotReachable)) => {
                "No single lever can close the gap on its own.".into()
            }
            Some(Err(why)) => format!("Which lever is easiest cannot be judged yet: {why}."),
            _ => "No single lever can close the gap on its own.".into(),
        };
        return chart(summary, None, table);
    };
    let currency = scenario.currency.as_str();
    let change = easiest.change.unwrap_or_default();
    let mut summary = format!(
        "The easiest lever is {}: {} it from {} to {} ({}) closes the gap on its own",
        easiest.noun,
        if change < 0.0 { "cutting" } else { "raising" },
        easiest.value(easiest.today, currency, false),
        easiest.value(easiest.needed, currency, false),
        signed(change),
    );
    let out_of_reach: Vec<&str> = levers
        .iter()
        .filter(|l| l.change == Err(Undefined::NotReachable))
        .map(|l| l.noun)
        .collect();
    if !out_of_reach.is_empty() {
        summary.push_str(&format!(
            ", while {} cannot close it alone",
            names(&out_of_reach)
        ));
    }
    summary.push('.');
    let svg = layout(&levers, smallest, currency, width).draw();
    chart(summary, svg, table)
}

fn table(levers: &[Lever], scenario: &Scenario) -> DataTable {
    let currency = scenario.currency.as_str();
    DataTable {
        headers: ["Lever", "Today", "Needed to close the gap", "Change"]
            .map(String::from)
            .to_vec(),
        rows: levers
            .iter()
            .map(|l| {
                let unit = |text: String| {
                    if l.unit.is_empty() || text == "—" {
                        text
                    } else {
                        format!("{text} {}", l.unit)
                    }
                };
                let (needed, change) = match l.change {
                    Ok(c) => (unit(l.value(l.needed, currency, false)), signed(c)),
                    Err(why) => (why.to_string(), "—".into()),
                };
                vec![
                    l.name.to_string(),
                    unit(l.value(l.today, currency, false)),
                    needed,
                    change,
                ]
            })
            .collect(),
    }
}

const BAR: f64 = 14.0;
const HEADER: f64 = 20.0;
const SPACING: f64 = 14.0;
const TOP: f64 = 10.0;

fn layout(levers: &[Lever], smallest: Option<f64>, currency: &str, width: u32) -> Scene {
    let (left, right) = (PAD, f64::from(width) - PAD);
    let labels: Vec<String> = levers
        .iter()
        .map(|l| match l.change {
            Ok(c) if is_easiest(l, smallest) => format!("{} · easiest", signed(c)),
            Ok(c) => signed(c),
            Err(why) => why.to_string(),
        })
        .collect();
    let bars: Vec<(f64, f64)> = levers
        .iter()
        .zip(&labels)
        .filter_map(|(l, label)| {
            l.change
                .ok()
                .map(|c| (c.abs(), dejavu_text_width(label, LABEL, false)))
        })
        .collect();
    let scale = bar_scale(&bars, right - left);
    let block = HEADER + BAR;
    let mut scene = Scene::new(width);
    for (i, (lever, label)) in levers.iter().zip(labels).enumerate() {
        let y = TOP + i as f64 * (block + SPACING);
        // Today → needed on the right; compact money when space is short.
        let room = right - left - dejavu_text_width(lever.name, NAME, true) - 12.0;
        let full = lever.detail(currency, false);
        let detail = if dejavu_text_width(&full, LABEL, false) <= room {
            full
        } else {
            lever.detail(currency, true)
        };
        scene.heading(y + 8.0, lever.name.into(), detail, palette::MUTED);
        let y0 = y + HEADER;
        match lever.change {
            Ok(c) => {
                let color = if is_easiest(lever, smallest) {
                    palette::GOOD
                } else {
                    palette::REQUIRED
                };
                // Even a tiny move keeps a visible bar.
                let x1 = left + (c.abs() * scale).max(2.0);
                scene.labelled_bar(left, y0, x1, BAR, color, label);
            }
            Err(_) => scene.label(
                label,
                left,
                y0 + BAR / 2.0,
                LABEL,
                false,
                palette::MUTED,
                HPos::Left,
            ),
        }
    }
    scene.fit_rows(TOP, levers.len(), block, SPACING);
    scene
}

#[cfg(test)]
mod tests {
    use super::super::layout::fixtures;
    use super::*;

    fn chart_for(s: &Scenario, width: u32) -> Chart {
        levers(&Plan::compute(s), s, width)
    }

    #[test]
    fn draws_one_row_per_lever_smallest_move_first() {
        for (name, s) in [
            ("default", Scenario::default()),
            ("one-channel", fixtures::one_channel()),
            ("twelve-channels", fixtures::twelve_channels()),
            ("hostile", fixtures::hostile()),
        ] {
            for width in [360, 720] {
                let chart = chart_for(&s, width);
                let svg = fixtures::drawn(&chart, name);
                let unreachable =
                    fixtures::count_text(svg, |t| t == "not reachable by this lever alone");
                // The background plus a bar per reachable lever.
                assert_eq!(svg.matches("<rect").count(), 1 + 7 - unreachable, "{name}");
                // Name, detail and bar label (or the reason) per lever.
                assert_eq!(svg.matches("<text").count(), 3 * 7, "{name}");
                assert_eq!(
                    fixtures::count_text(svg, |t| t.ends_with(" · easiest")),
                    1,
                    "{name}"
                );
                assert_eq!(chart.table.rows.len(), 7, "{name}");
                fixtures::preview(&format!("levers-{name}-{width}"), svg);
            }
        }
    }

    #[test]
    fn default_plan_cutting_cost_per_lead_is_easiest() {
        let chart = chart_for(&Scenario::default(), 720);
        assert_eq!(
            chart.summary,
            "The easiest lever is the cost per lead: cutting it from $253 to $176 (−30.5%) closes the gap on its own."
        );
        let svg = chart.svg.unwrap_or_default();
        assert!(fixtures::has_text(&svg, "22% → 31.7%"), "{svg}");
        assert!(fixtures::has_text(&svg, "−30.5% · easiest"));
        assert!(fixtures::has_text(&svg, "+43.9%"));
        let order: Vec<&str> = chart.table.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            order,
            [
                "Cost per lead",
                "Marketing spend",
                "Win rate",
                "SQL → opportunity rate",
                "MQL → SQL rate",
                "Lead quality",
                "Average deal size"
            ],
            "ties keep the page's order"
        );
        let first = &chart.table.rows[0];
        assert_eq!(first, &["Cost per lead", "$253", "$176", "−30.5%"]);
        // Every other lever needs the same rise: 1 ÷ coverage − 1.
        assert!(
            chart.table.rows[1..].iter().all(|r| r[3] == "+43.9%"),
            "{:?}",
            chart.table.rows
        );
        assert_eq!((chart.id, chart.title.as_str()), ("levers", TITLE));
    }

    #[test]
    fn spend_is_measured_from_the_allocated_budget() {
        // Half the budget unallocated: the model scales what is allocated.
        let mut s = Scenario::default();
        for c in &mut s.channels {
            c.share /= 2.0;
        }
        let chart = chart_for(&s, 720);
        let row = chart
            .table
            .rows
            .iter()
            .find(|r| r[0] == "Allocated spend")
            .cloned()
            .unwrap_or_default();
        assert_eq!(row[1], "4.5% of goal");
        let win_rate = chart.table.rows.iter().find(|r| r[0] == "Win rate");
        assert_eq!(
            Some(&row[3]),
            win_rate.map(|r| &r[3]),
            "the same move as the rates"
        );
        fixtures::check_common(chart.svg.as_deref(), &chart.summary);
    }

    #[test]
    fn unreachable_levers_come_last_without_a_bar() {
        // Win rate 80% would need 115%: not reachable.
        let s = Scenario {
            win_rate: 0.8,
            spend: 0.02,
            ..Scenario::default()
        };
        let plan = Plan::compute(&s);
        let l = plan.levers.expect("short of the goal");
        assert_eq!(l.lever_win_rate.0, Err(Undefined::NotReachable));
        for width in [360, 720] {
            let chart = levers(&plan, &s, width);
            fixtures::check_common(chart.svg.as_deref(), &chart.summary);
            let last = chart.table.rows.last().cloned().unwrap_or_default();
            assert_eq!(last[0], "Win rate");
            assert_eq!(last[2], "not reachable by this lever alone");
            assert!(
                chart
                    .summary
                    .contains("while the win rate cannot close it alone"),
                "{}",
                chart.summary
            );
            let svg = chart.svg.unwrap_or_default();
            assert!(fixtures::has_text(&svg, "today 80%"));
            assert!(fixtures::has_text(
                &svg,
                "not reachable by this lever alone"
            ));
            fixtures::preview(&format!("levers-unreachable-{width}"), &svg);
        }
    }

    #[test]
    fn no_chart_when_no_lever_is_needed_or_none_can_help() {
        let chart = chart_for(&fixtures::covered(), 720);
        assert_eq!(chart.svg, None);
        assert!(
            chart
                .summary
                .starts_with("No lever is needed: the budget already buys 385.9%"),
            "{}",
            chart.summary
        );
        assert!(chart.table.rows.is_empty());

        let chart = chart_for(&fixtures::no_marketing_deals(), 720);
        assert_eq!(chart.svg, None);
        assert_eq!(
            chart.summary,
            "No lever is needed: the goal is met without marketing-sourced deals."
        );

        let chart = chart_for(&fixtures::nothing_funded(), 720);
        assert_eq!(chart.svg, None);
        assert_eq!(
            chart.summary,
            "The budget buys no deals: no single lever helps when nothing is funded."
        );
        assert_eq!(chart.table.rows.len(), 7);

        let chart = chart_for(&fixtures::invalid(), 720);
        assert_eq!(chart.svg, None);
        assert_eq!(
            chart.summary,
            "Which lever is easiest cannot be judged yet: needs a valid win rate."
        );
        for (_, s) in fixtures::all() {
            let chart = chart_for(&s, 360);
            fixtures::check_common(chart.svg.as_deref(), &chart.summary);
        }
    }

    #[test]
    fn labels_fit_and_never_overlap() {
        let mut scenarios = fixtures::all();
        scenarios.push((
            "unreachable",
            Scenario {
                win_rate: 0.8,
                spend: 0.02,
                ..Scenario::default()
            },
        ));
        scenarios.push((
            "huge deals",
            Scenario {
                revenue_goal: 1e13,
                recurring_revenue: 0.0,
                deal_size: 9e12,
                spend: 0.001,
                ..Scenario::default()
            },
        ));
        for (name, s) in scenarios {
            let plan = Plan::compute(&s);
            let Some(l) = &plan.levers else { continue };
            let levers = sorted(levers_of(&plan, &s, l, &Today::of_plan(&plan, &s)));
            let smallest = levers.iter().find_map(|l| l.change.ok()).map(f64::abs);
            for width in [360, 720] {
                let scene = layout(&levers, smallest, &s.currency, width);
                assert_eq!(
                    scene.layout_problems(),
                    Vec::<String>::new(),
                    "{name} at {width}"
                );
            }
        }
    }
}
