//! When revenue is booked across the plan year (docs/model.md, "Timeline").
//!
//! Spend and leads are spread over the 12 months by the budget phasing
//! (evenly by default); the deals from the leads of month m close in month
//! m + L (L = the sales cycle of the segment the leads belong to).
//! Recurring revenue arrives evenly, sales-sourced revenue follows the
//! seasonality (docs/model.md, "Timing"); the pipeline in place at the
//! start of the year lands evenly over months 1 … max(1, L), within the
//! year. Months past 12 are next year.
//!
//! Each month's part is `x × weight / 12` (weight 1 in an even year), so an
//! even year draws exactly the figures it always did.

use super::{Field, Metric, Plan, QuarterShares, Scenario, Undefined};

/// Revenue booked in one month, by source, with and without the budget cut.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Month {
    /// 1-based; above 12 is next year.
    pub month: u32,
    pub recurring: f64,
    pub sales_sourced: f64,
    /// Marketing-sourced revenue from leads made before the plan year.
    pub pipeline: f64,
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
    /// Each segment's marketing-sourced revenue booked in each month, in
    /// the scenario's order (`[segment][month − 1]`): the parts of
    /// [`Month::marketing`], each delayed by its own cycle.
    pub marketing_by_segment: Vec<Vec<f64>>,
}

impl Timeline {
    /// The timeline for `s` and its plan, or why it cannot be drawn.
    pub fn of(s: &Scenario, plan: &Plan) -> Result<Timeline, Undefined> {
        let goal = s.input(Field::RevenueGoal).0?;
        let recurring = s.input(Field::RecurringRevenue).0?;
        let cut = s.input(Field::CutPct).0?;
        let cut_from = s.input(Field::CutFromMonth).0? as u32;
        let shares = |field: Field| match s.quarter_shares(field) {
            Some(shares) if s.error(field).is_none() => Ok(shares),
            _ => Err(Undefined::Invalid(field)),
        };
        let season: QuarterShares = shares(Field::Seasonality)?;
        let phase: QuarterShares = shares(Field::BudgetPhasing)?;
        let weight = |shares: QuarterShares, month: u32| shares.month_weight(month as i32);
        let sales_sourced = Metric::sum(
            plan.segments
                .iter()
                .map(|g| g.segment_sales_sourced_wins * g.funnel.deal_size),
        )
        .0?;
        // Each segment's funded revenue and cycle.
        let segments = plan
            .segments
            .iter()
            .map(|g| {
                Ok((
                    g.segment_projected_marketing_revenue.0?,
                    g.funnel.sales_cycle.0? as u32,
                ))
            })
            .collect::<Result<Vec<(f64, u32)>, Undefined>>()?;
        plan.projected_marketing_revenue.0?;
        let sales_cycle = segments.iter().map(|&(_, l)| l).max().unwrap_or(0);
        let pipeline = s.input(Field::PipelineRevenue).0?;
        // All of it closes in the plan year (that is what it is), so a cycle
        // past 12 months spreads it over the year rather than beyond.
        let pipeline_months = sales_cycle.clamp(1, 12);
        // Leads generated in month `month - cycle` close in `month`.
        let lead_month =
            |month: u32, cycle: u32| month.checked_sub(cycle).filter(|m| (1..=12).contains(m));
        let months = (1..=12 + sales_cycle)
            .map(|month| {
                let in_year = month <= 12;
                // Leads generated in month `month - L` close now, each
                // segment with its own L.
                let (marketing_now, marketing_after_cut) =
                    segments
                        .iter()
                        .fold((0.0, 0.0), |(now, after_cut), &(marketing, cycle)| {
                            let Some(lead_month) = lead_month(month, cycle) else {
                                return (now, after_cut);
                            };
                            let closing = marketing * weight(phase, lead_month) / 12.0;
                            let cut_applies = lead_month >= cut_from;
                            (
                                now + closing,
                                after_cut
                                    + if cut_applies {
                                        closing * (1.0 - cut)
                                    } else {
                                        closing
                                    },
                            )
                        });
                Month {
                    month,
                    recurring: if in_year { recurring / 12.0 } else { 0.0 },
                    sales_sourced: if in_year {
                        sales_sourced * weight(season, month) / 12.0
                    } else {
                        0.0
                    },
                    pipeline: if month <= pipeline_months {
                        pipeline / f64::from(pipeline_months)
                    } else {
                        0.0
                    },
                    marketing: marketing_now,
                    marketing_after_cut,
                }
            })
            .collect();
        let marketing_by_segment = segments
            .iter()
            .map(|&(marketing, cycle)| {
                (1..=12 + sales_cycle)
                    .map(|month| match lead_month(month, cycle) {
                        Some(lead_month) => marketing * weight(phase, lead_month) / 12.0,
                        None => 0.0,
                    })
                    .collect()
            })
            .collect();
        Ok(Timeline {
            months,
            revenue_goal: goal,
            sales_cycle_months: sales_cycle,
            cut_from_month: cut_from,
            marketing_by_segment,
        })
    }

    /// Cumulative booked revenue at the end of each month, stacked in the
    /// order the chart draws it.
    pub fn cumulative(&self) -> Vec<Cumulative> {
        let mut totals = [0.0; 5];
        self.months
            .iter()
            .map(|m| {
                for (total, add) in totals.iter_mut().zip([
                    m.recurring,
                    m.sales_sourced,
                    m.pipeline,
                    m.marketing,
                    m.marketing_after_cut,
                ]) {
                    *total += add;
                }
                let [recurring, sales, pipeline, marketing, after_cut] = totals;
                let sales = recurring + sales;
                let pipeline = sales + pipeline;
                Cumulative {
                    month: m.month,
                    recurring,
                    sales,
                    pipeline,
                    total: pipeline + marketing,
                    after_cut: pipeline + after_cut,
                }
            })
            .collect()
    }
}

/// Booked revenue up to the end of a month, each figure the top of its band
/// (everything below it included).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cumulative {
    pub month: u32,
    pub recurring: f64,
    /// Recurring and sales-sourced.
    pub sales: f64,
    /// … and the pipeline in place at the start of the year.
    pub pipeline: f64,
    /// … and marketing-sourced: everything booked.
    pub total: f64,
    /// Everything booked if the budget cut happens.
    pub after_cut: f64,
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
            assert!(close(last.total, projected), "L = {l}");
            let lost = plan.budget_cut.lost_revenue.value().expect("defined");
            assert!(close(last.total - last.after_cut, lost), "L = {l}");
            // Month 12: everything but what lands next year.
            let next_year = plan.next_year_marketing_revenue.value().expect("defined");
            assert!(close(rows[11].total, projected - next_year), "L = {l}");
            // Stacks never decrease and are ordered.
            for pair in rows.windows(2) {
                assert!(pair[1].recurring >= pair[0].recurring && pair[1].total >= pair[0].total);
            }
            assert!(rows.iter().all(|r| r.recurring <= r.sales
                && r.sales <= r.pipeline
                && r.pipeline <= r.total
                && r.after_cut <= r.total));
        }
    }

    #[test]
    fn month_12_books_the_in_year_revenue_with_the_pipeline() {
        for (l, pipeline_months) in [(0.0, 1), (1.0, 1), (4.0, 4), (12.0, 12), (24.0, 12)] {
            let s = Scenario {
                pipeline_revenue: 1_200_000.0,
                ..scenario(l, 0.2, 7.0)
            };
            let (plan, t) = of(&s);
            let rows = t.cumulative();
            let in_year = plan.plan_year.in_year_revenue.value().expect("defined");
            assert!(close(rows[11].total, in_year), "L = {l}");
            // Evenly over months 1 … max(1, L), and only in the plan year.
            let per_month = 1_200_000.0 / f64::from(pipeline_months);
            for m in &t.months {
                let expected = if m.month <= pipeline_months {
                    per_month
                } else {
                    0.0
                };
                assert!(close(m.pipeline, expected), "L = {l}, month {}", m.month);
            }
            // The cut never touches the pipeline.
            assert!(rows.iter().all(|r| r.after_cut >= r.pipeline));
        }
    }

    #[test]
    fn segments_add_up_to_the_marketing_revenue_each_after_its_cycle() {
        let s = Scenario {
            segments: vec![
                crate::model::Segment {
                    sales_cycle_months: Some(1.0),
                    ..crate::model::Segment::named("SMB", 0.4)
                },
                crate::model::Segment {
                    sales_cycle_months: Some(9.0),
                    deal_size: Some(120_000.0),
                    ..crate::model::Segment::named("Enterprise", 0.6)
                },
            ],
            channels: vec![
                crate::model::Channel::new("Search", 0.6, 200.0, None),
                crate::model::Channel::new("Events", 0.4, 800.0, None).in_segment(1),
            ],
            ..Scenario::default()
        };
        let (plan, t) = of(&s);
        assert_eq!(t.marketing_by_segment.len(), 2);
        for (i, m) in t.months.iter().enumerate() {
            let sum: f64 = t.marketing_by_segment.iter().map(|g| g[i]).sum();
            assert!(close(sum, m.marketing), "month {}", m.month);
        }
        for (g, cycle) in [(0, 1), (1, 9)] {
            let series = &t.marketing_by_segment[g];
            assert_eq!(series.len(), 21);
            assert!(series[..cycle].iter().all(|&v| v == 0.0), "segment {g}");
            assert!(series[cycle] > 0.0, "segment {g}");
            let total: f64 = series.iter().sum();
            let funded = plan.segments[g]
                .segment_projected_marketing_revenue
                .value()
                .expect("defined");
            assert!(close(total, funded), "segment {g}");
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
