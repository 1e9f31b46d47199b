//! When revenue is booked across the plan year (MODEL.md, "Timeline").
//!
//! Spend and leads are spread evenly over the 12 months; the deals from the
//! leads of month m close in month m + L (L = sales cycle). Recurring and
//! sales-sourced revenue arrive evenly. Months past 12 are next year.

use super::{Field, Plan, Scenario, Undefined};

/// Revenue booked in one month, by source, with and without the budget cut.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Month {
    /// 1-based; above 12 is next year.
    pub month: u32,
    pub recurring: f64,
    pub sales_sourced: f64,
    pub marketing: f64,
    /// Marketing-sourced revenue booked this month if the budget cut happens.
    pub marketing_after_cut: f64,
}

/// The plan's months: 1 to 12 + the sales cycle.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub months: Vec<Month>,
    pub revenue_goal: f64,
    pub sales_cycle_months: u32,
    pub cut_from_month: u32,
}

impl Timeline {
    /// The timeline for `s` and its plan, or why it cannot be drawn.
    pub fn of(s: &Scenario, plan: &Plan) -> Result<Timeline, Undefined> {
        let goal = s.input(Field::RevenueGoal).0?;
        let recurring = s.input(Field::RecurringRevenue).0?;
        let deal_size = s.input(Field::DealSize).0?;
        let sales_cycle = s.input(Field::SalesCycleMonths).0? as u32;
        let cut = s.input(Field::CutPct).0?;
        let cut_from = s.input(Field::CutFromMonth).0? as u32;
        let sales_sourced = plan.sales_sourced_wins.0? * deal_size;
        let marketing = plan.projected_marketing_revenue.0?;
        let months = (1..=12 + sales_cycle)
            .map(|month| {
                let in_year = month <= 12;
                // Leads generated in month `month - L` close now.
                let lead_month = month
                    .checked_sub(sales_cycle)
                    .filter(|m| (1..=12).contains(m));
                let marketing_now = if lead_month.is_some() {
                    marketing / 12.0
                } else {
                    0.0
                };
                let cut_applies = lead_month.is_some_and(|m| m >= cut_from);
                Month {
                    month,
                    recurring: if in_year { recurring / 12.0 } else { 0.0 },
                    sales_sourced: if in_year { sales_sourced / 12.0 } else { 0.0 },
                    marketing: marketing_now,
                    marketing_after_cut: if cut_applies {
                        marketing_now * (1.0 - cut)
                    } else {
                        marketing_now
                    },
                }
            })
            .collect();
        Ok(Timeline {
            months,
            revenue_goal: goal,
            sales_cycle_months: sales_cycle,
            cut_from_month: cut_from,
        })
    }

    /// Cumulative booked revenue at the end of each month:
    /// (recurring, + sales-sourced, + marketing, + marketing after the cut).
    pub fn cumulative(&self) -> Vec<(u32, f64, f64, f64, f64)> {
        let mut totals = (0.0, 0.0, 0.0, 0.0);
        self.months
            .iter()
            .map(|m| {
                totals.0 += m.recurring;
                totals.1 += m.sales_sourced;
                totals.2 += m.marketing;
                totals.3 += m.marketing_after_cut;
                (
                    m.month,
                    totals.0,
                    totals.0 + totals.1,
                    totals.0 + totals.1 + totals.2,
                    totals.0 + totals.1 + totals.3,
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    fn scenario(sales_cycle: f64, cut: f64, cut_from: f64) -> Scenario {
        Scenario {
            sales_cycle_months: sales_cycle,
            cut,
            cut_from_month: cut_from,
            ..Scenario::default()
        }
    }

    fn of(s: &Scenario) -> (Plan, Timeline) {
        let plan = Plan::compute(s);
        let timeline = Timeline::of(s, &plan).expect("valid scenario");
        (plan, timeline)
    }

    #[test]
    fn in_year_marketing_matches_the_plan_for_every_sales_cycle() {
        for l in [0.0, 1.0, 4.0, 11.0, 12.0, 13.0, 24.0] {
            let (plan, t) = of(&scenario(l, 0.2, 7.0));
            assert_eq!(t.months.len(), 12 + l as usize, "L = {l}");
            let in_year: f64 = t
                .months
                .iter()
                .filter(|m| m.month <= 12)
                .map(|m| m.marketing)
                .sum();
            let next_year: f64 = t
                .months
                .iter()
                .filter(|m| m.month > 12)
                .map(|m| m.marketing)
                .sum();
            let expected = plan.in_year_marketing_revenue.value().expect("defined");
            assert!(close(in_year, expected), "L = {l}: {in_year} vs {expected}");
            let expected = plan.next_year_marketing_revenue.value().expect("defined");
            assert!(
                close(next_year, expected),
                "L = {l}: {next_year} vs {expected}"
            );
        }
    }

    #[test]
    fn cut_losses_match_the_budget_cut_metrics() {
        for l in [0.0, 3.0, 4.0, 6.0, 11.0, 12.0, 24.0] {
            for from in [1.0, 2.0, 7.0, 9.0, 12.0] {
                for cut in [0.0, 0.2, 1.0] {
                    let (plan, t) = of(&scenario(l, cut, from));
                    let lost = |m: &Month| m.marketing - m.marketing_after_cut;
                    let in_year: f64 = t.months.iter().filter(|m| m.month <= 12).map(lost).sum();
                    let total: f64 = t.months.iter().map(lost).sum();
                    let cut_metrics = plan.budget_cut;
                    let expected = cut_metrics.lost_in_year_revenue.value().expect("defined");
                    assert!(
                        close(in_year, expected),
                        "L={l} from={from} cut={cut}: {in_year} vs {expected}"
                    );
                    let expected = cut_metrics.lost_revenue.value().expect("defined");
                    assert!(
                        close(total, expected),
                        "L={l} from={from} cut={cut}: {total} vs {expected}"
                    );
                }
            }
        }
    }

    #[test]
    fn cumulative_ends_at_the_projected_revenue() {
        for l in [0.0, 4.0, 24.0] {
            let (plan, t) = of(&scenario(l, 0.2, 7.0));
            let rows = t.cumulative();
            let last = rows.last().expect("at least 12 months");
            let projected = plan.projected_revenue.value().expect("defined");
            assert!(close(last.3, projected), "L = {l}");
            let lost = plan.budget_cut.lost_revenue.value().expect("defined");
            assert!(close(last.3 - last.4, lost), "L = {l}");
            // Month 12: everything but what lands next year.
            let next_year = plan.next_year_marketing_revenue.value().expect("defined");
            assert!(close(rows[11].3, projected - next_year), "L = {l}");
            // Stacks never decrease and are ordered.
            for pair in rows.windows(2) {
                assert!(pair[1].1 >= pair[0].1 && pair[1].3 >= pair[0].3);
            }
            assert!(rows.iter().all(|r| r.1 <= r.2 && r.2 <= r.3 && r.4 <= r.3));
        }
    }

    #[test]
    fn invalid_inputs_have_no_timeline() {
        let s = scenario(7.5, 0.2, 7.0);
        let plan = Plan::compute(&s);
        assert_eq!(
            Timeline::of(&s, &plan),
            Err(Undefined::Invalid(Field::SalesCycleMonths))
        );
        let s = scenario(4.0, 0.2, 13.0);
        let plan = Plan::compute(&s);
        assert_eq!(
            Timeline::of(&s, &plan),
            Err(Undefined::Invalid(Field::CutFromMonth))
        );
    }
}
