//! When the leads must arrive and when revenue is booked, month by month
//! and quarter by quarter (docs/model.md, "Timing").
//!
//! Every monthly share is written as `x × weight / 12`, the weight being
//! 12 × the month's share of the year ([`QuarterShares::month_weight`]):
//! an even year weighs every month exactly 1, so its figures are exactly
//! the even-year formulas `x / 12` of "Timeline" and "Budget-cut impact".

use super::{Field, Metric, QuarterShares, Scenario, SegmentResult, Undefined};

/// Seasonality or budget phasing as the model uses it: the shares, or why
/// they cannot be used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Shares(Result<QuarterShares, Undefined>);

impl Shares {
    pub(super) fn of(s: &Scenario, field: Field) -> Shares {
        match s.quarter_shares(field) {
            Some(shares) if s.error(field).is_none() => Shares(Ok(shares)),
            _ => Shares(Err(Undefined::Invalid(field))),
        }
    }

    /// Σ of the month weights over months `from..=to` of the plan year
    /// (whole month numbers as metrics; an empty range weighs 0).
    pub(super) fn between(self, from: Metric, to: Metric) -> Metric {
        match (from.0, to.0, self.0) {
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Metric::undefined(e),
            (Ok(from), Ok(to), Ok(shares)) => {
                Metric::of(shares.weight_between(from as i32, to as i32))
            }
        }
    }

    /// 12 × the share of the year's budget spent in the first `t` months
    /// (0..12, a part month pro rata), for the plan to date of a check-in:
    /// `t` itself in an even year, so the even pace is kept to the bit.
    pub(super) fn weight_to(self, t: Metric) -> Metric {
        match (t.0, self.0) {
            (Err(e), _) | (_, Err(e)) => Metric::undefined(e),
            (Ok(_), Ok(shares)) if shares.is_even() => t,
            (Ok(t), Ok(shares)) => {
                let t = t.clamp(0.0, 12.0);
                let whole = t.floor();
                let part = t - whole;
                let next = shares.month_weight(whole as i32 + 1);
                Metric::of(shares.weight_between(1, whole as i32) + part * next)
            }
        }
    }

    /// Month `m`'s weight (0 outside 1..12).
    fn month(self, m: i32) -> Metric {
        match self.0 {
            Ok(shares) => Metric::of(shares.month_weight(m)),
            Err(e) => Metric::undefined(e),
        }
    }
}

/// The weight of a segment's lead months whose deals land in the plan
/// year, Σ over k in 1..12 with k + L ≤ 12 of 12 × phase(k): its in-year
/// share times 12 (even phasing: max(0, 12 − L)).
pub(super) fn in_year_weight(phasing: Shares, cycle: Metric) -> Metric {
    phasing.between(Metric::of(1.0), cycle.map(|l| 12.0 - l))
}

/// The leads needed in one month: `month` ≤ 0 is before the plan year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeadMonth {
    /// 1..12 the plan year; 0 the month before it, −1 the one before that…
    pub month: i32,
    pub leads_needed: Metric,
}

/// One quarter's figures, inside `data-quarter="1".."4"`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuarterResult {
    /// 1..4.
    pub quarter: u8,
    pub quarter_goal: Metric,
    pub quarter_booked_revenue: Metric,
    pub quarter_attainment: Metric,
    pub quarter_leads_needed: Metric,
    pub quarter_funded_leads: Metric,
}

/// The plan's months and quarters (docs/model.md, "Timing").
#[derive(Clone, Debug, PartialEq)]
pub struct Timing {
    /// `goal_by_month(m)` at index m − 1.
    pub goal_by_month: [Metric; 12],
    /// `leads_needed(k)` from the earliest month the longest segment cycle
    /// reaches back to (1 − L_max) through month 12, in order. Only months
    /// 1..12 when a cycle is invalid (each then undefined).
    pub leads_needed: Vec<LeadMonth>,
    /// Σ of `leads_needed(k)` over the months before the plan year.
    pub leads_needed_before_year: Metric,
    /// `funded_leads_by_month(k)` at index k − 1.
    pub funded_leads_by_month: [Metric; 12],
    /// Marketing-sourced revenue booked in month m (index m − 1).
    pub booked_marketing_revenue_by_month: [Metric; 12],
    /// Everything booked in month m (index m − 1): recurring,
    /// sales-sourced, marketing-sourced and the pipeline.
    pub booked_revenue_by_month: [Metric; 12],
    pub quarters: [QuarterResult; 4],
}

/// What [`Timing::compute`] takes from the plan.
pub(super) struct TimingInputs<'a> {
    pub recurring: Metric,
    pub new_revenue: Metric,
    pub sales_sourced_revenue: Metric,
    pub funded_leads: Metric,
    pub pipeline: Metric,
    pub segments: &'a [SegmentResult],
    pub seasonality: Shares,
    pub phasing: Shares,
}

impl Timing {
    pub(super) fn compute(i: &TimingInputs) -> Timing {
        let season = i.seasonality;
        let phase = i.phasing;
        let goal_by_month = months(|m| i.recurring / 12.0 + i.new_revenue * season.month(m) / 12.0);
        let funded_leads_by_month = months(|k| i.funded_leads * phase.month(k) / 12.0);

        // Each segment's cycle, or the first reason one has none.
        let cycles: Result<Vec<i32>, Undefined> = i
            .segments
            .iter()
            .map(|g| g.funnel.sales_cycle.0.map(|l| l as i32))
            .collect();
        let longest = cycles.map(|c| c.into_iter().max().unwrap_or(0));

        // Leads of month k close in k + L_g: they are needed for the deals
        // the seasonality books then.
        // A segment whose deals of month k + L fall outside the plan year
        // has no term (an empty sum is 0), even while its leads are unknown.
        let leads_in = |k: i32| {
            Metric::sum(i.segments.iter().map(
                |g| match g.funnel.sales_cycle.0.map(|l| k + l as i32) {
                    Ok(m) if !(1..=12).contains(&m) => Metric::of(0.0),
                    Ok(m) => g.segment_required_leads * season.month(m) / 12.0,
                    Err(e) => Metric::undefined(e),
                },
            ))
        };
        let (leads_needed, leads_needed_before_year) = match longest {
            Ok(longest) => {
                let all: Vec<LeadMonth> = (1 - longest..=12)
                    .map(|month| LeadMonth {
                        month,
                        leads_needed: leads_in(month),
                    })
                    .collect();
                let before =
                    Metric::sum(all.iter().filter(|k| k.month <= 0).map(|k| k.leads_needed));
                (all, before)
            }
            Err(e) => (
                (1..=12)
                    .map(|month| LeadMonth {
                        month,
                        leads_needed: Metric::undefined(e),
                    })
                    .collect(),
                Metric::undefined(e),
            ),
        };

        // Revenue from the leads of month m − L_g, each segment its own L.
        let booked_marketing_revenue_by_month = months(|m| {
            Metric::sum(i.segments.iter().map(|g| {
                let weight = match g.funnel.sales_cycle.0 {
                    Ok(l) => phase.month(m - l as i32),
                    Err(e) => Metric::undefined(e),
                };
                g.segment_projected_marketing_revenue * weight / 12.0
            }))
        });
        // The pipeline lands evenly over months 1 … max(1, L_max), never
        // past month 12 (docs/model.md, "Timeline").
        let pipeline_months = longest.map(|l| l.clamp(1, 12));
        let booked_revenue_by_month = months(|m| {
            let pipeline = match pipeline_months {
                Ok(n) if m <= n => i.pipeline / f64::from(n),
                Ok(_) => i.pipeline * 0.0,
                Err(e) => Metric::undefined(e),
            };
            i.recurring / 12.0
                + i.sales_sourced_revenue * season.month(m) / 12.0
                + booked_marketing_revenue_by_month[(m - 1) as usize]
                + pipeline
        });

        let quarters = [1u8, 2, 3, 4].map(|quarter| {
            let of = |by_month: &[Metric; 12]| {
                let first = usize::from(quarter - 1) * 3;
                Metric::sum(by_month[first..first + 3].iter().copied())
            };
            let quarter_goal = of(&goal_by_month);
            let quarter_booked_revenue = of(&booked_revenue_by_month);
            let in_quarter = |k: i32| (k - 1) / 3 + 1 == i32::from(quarter) && k >= 1;
            QuarterResult {
                quarter,
                quarter_goal,
                quarter_booked_revenue,
                quarter_attainment: quarter_booked_revenue
                    .per(quarter_goal, Undefined::NoQuarterGoal),
                quarter_leads_needed: Metric::sum(
                    leads_needed
                        .iter()
                        .filter(|k| in_quarter(k.month))
                        .map(|k| k.leads_needed),
                ),
                quarter_funded_leads: of(&funded_leads_by_month),
            }
        });

        Timing {
            goal_by_month,
            leads_needed,
            leads_needed_before_year,
            funded_leads_by_month,
            booked_marketing_revenue_by_month,
            booked_revenue_by_month,
            quarters,
        }
    }

    /// `leads_needed(k)`: 0 for a month no segment's deals need leads from
    /// (before the longest cycle reaches, or after 12); undefined while
    /// a cycle is.
    pub fn leads_needed_in(&self, month: i32) -> Metric {
        match self.leads_needed.iter().find(|k| k.month == month) {
            Some(k) => k.leads_needed,
            None => match self.leads_needed_before_year.0 {
                Err(e) => Metric::undefined(e),
                Ok(_) => Metric::of(0.0),
            },
        }
    }

    /// The quarter `q` (1..4), if it is one.
    pub fn quarter(&self, q: u8) -> Option<&QuarterResult> {
        self.quarters.get(usize::from(q).checked_sub(1)?)
    }
}

/// A metric for each month 1..12.
fn months(f: impl Fn(i32) -> Metric) -> [Metric; 12] {
    std::array::from_fn(|index| f(index as i32 + 1))
}
