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
