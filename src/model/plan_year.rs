//! The goal is a plan-year goal (docs/model.md, "Timeline"): what is booked
//! by month 12, what lands after it, and what would close the difference.

use super::{Field, Metric, Plan, QuarterShares, Undefined};

/// Revenue booked in the plan year against the goal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanYear {
    /// Recurring, sales-sourced, the in-year part of marketing-sourced, and
    /// the pipeline already in place.
    pub in_year_revenue: Metric,
    pub in_year_attainment: Metric,
    /// How far the plan year falls short of the goal (0 when it does not):
    /// also the pipeline, in place at the start of the year, that would
    /// close it.
    pub in_year_shortfall: Metric,
    /// The whole months by which this plan's leads would have to arrive
    /// earlier (starting before the plan year, at the same pace) to close
    /// the shortfall; undefined when that alone cannot.
    pub earlier_lead_months: Metric,
}

/// The inputs of [`PlanYear::compute`], each as the plan has it.
pub(super) struct PlanYearInputs {
    pub goal: Metric,
    pub recurring: Metric,
    pub sales_sourced_revenue: Metric,
    pub in_year_marketing_revenue: Metric,
    pub projected_marketing_revenue: Metric,
    pub pipeline: Metric,
    /// Each segment's funded marketing revenue and sales cycle.
    pub by_segment: Vec<(Metric, Metric)>,
    /// The budget phasing, which sets how much each lead month brings.
    pub phasing: QuarterShares,
}

impl PlanYear {
    pub(super) fn compute(i: PlanYearInputs) -> PlanYear {
        let in_year_revenue =
            i.recurring + i.sales_sourced_revenue + i.in_year_marketing_revenue + i.pipeline;
        let in_year_attainment = in_year_revenue / i.goal;
        let in_year_shortfall = (i.goal - in_year_revenue).max(0.0);
        // A plan year that reaches the goal but for float noise (the
        // verdict's own tolerance) needs no earlier leads.
        let shortfall_to_close = match (in_year_attainment.0, in_year_shortfall.0) {
            (Ok(a), Ok(_)) if a >= REACHES => Metric::of(0.0),
            _ => in_year_shortfall,
        };
        // Leads k months earlier bring k months of marketing revenue (an
        // even twelfth each) into the year, up to the L months that land late.
        let earlier_lead_months = match i.by_segment.as_slice() {
            // An uneven year: each lead month brings its own share.
            segments if !i.phasing.is_even() => {
                earlier_months_phased(shortfall_to_close, segments, i.phasing)
            }
            [(_, sales_cycle)] => earlier_months_one_cycle(
                shortfall_to_close,
                i.projected_marketing_revenue,
                *sales_cycle,
            ),
            segments => earlier_months(shortfall_to_close, segments),
        };
        PlanYear {
            in_year_revenue,
            in_year_attainment,
            in_year_shortfall,
            earlier_lead_months,
        }
    }
}

/// Leads k months earlier bring k months of marketing revenue (an even
/// twelfth each) into the year, up to the L months that land late.
fn earlier_months_one_cycle(shortfall: Metric, marketing: Metric, cycle: Metric) -> Metric {
    match (shortfall.0, marketing.0, cycle.0) {
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Metric::undefined(e),
        (Ok(0.0), _, _) => Metric::of(0.0),
        (Ok(_), Ok(0.0), _) => Metric::undefined(Undefined::NotByTiming),
        (Ok(short), Ok(marketing), Ok(cycle)) => {
            let months = whole_months(short * 12.0 / marketing);
            Metric::of(months).only_if(|k| k <= cycle, Undefined::NotByTiming)
        }
    }
}

/// With segments: leads k months earlier bring each segment's twelfths for
/// min(k, its cycle) months; the fewest whole k that close the shortfall.
fn earlier_months(shortfall: Metric, segments: &[(Metric, Metric)]) -> Metric {
    let short = match shortfall.0 {
        Err(e) => return Metric::undefined(e),
        Ok(short) => short,
    };
    let mut known = Vec::with_capacity(segments.len());
    for (marketing, cycle) in segments {
        match (marketing.0, cycle.0) {
            (Err(e), _) | (_, Err(e)) => return Metric::undefined(e),
            (Ok(m), Ok(l)) => known.push((m, l)),
        }
    }
    if short == 0.0 {
        return Metric::of(0.0);
    }
    let longest = known.iter().map(|&(_, l)| l).fold(0.0, f64::max);
    (1..=longest as u32)
        .map(f64::from)
        .find(|&k| {
            let gained: f64 = known.iter().map(|&(m, l)| m * k.min(l) / 12.0).sum();
            gained >= short * (1.0 - 1e-12)
        })
        .map_or(Metric::undefined(Undefined::NotByTiming), Metric::of)
}

/// A count rounded up to whole people or deals, forgiving float noise as
/// [`whole_months`] does.
pub(super) fn whole_count(count: f64) -> f64 {
    whole_months(count)
}

/// With a phased budget: leads k months earlier bring into the year the
/// deals of the first min(k, L_g) lead months that would land after it,
/// each its month's weight (12 × phase(j), j = 13 − L_g …); a lead month
/// before the plan year (a cycle above 12 months) weighs 1, the year's
/// average pace. With even phasing this is [`earlier_months`].
fn earlier_months_phased(
    shortfall: Metric,
    segments: &[(Metric, Metric)],
    phasing: QuarterShares,
) -> Metric {
    if !phasing.valid() {
        return Metric::undefined(Undefined::Invalid(Field::BudgetPhasing));
    }
    let short = match shortfall.0 {
        Err(e) => return Metric::undefined(e),
        Ok(short) => short,
    };
    let mut known = Vec::with_capacity(segments.len());
    for (marketing, cycle) in segments {
        match (marketing.0, cycle.0) {
            (Err(e), _) | (_, Err(e)) => return Metric::undefined(e),
            (Ok(m), Ok(l)) => known.push((m, l as i32)),
        }
    }
    if short == 0.0 {
        return Metric::of(0.0);
    }
    let weight = |j: i32| {
        if (1..=12).contains(&j) {
            phasing.month_weight(j)
        } else {
            1.0
        }
    };
    let longest = known.iter().map(|&(_, l)| l).max().unwrap_or(0);
    (1..=longest)
        .find(|&k| {
            let gained: f64 = known
                .iter()
                .map(|&(m, l)| {
                    let brought: f64 = (1..=k.min(l)).map(|i| weight(12 - l + i)).sum();
                    m * brought / 12.0
                })
                .sum();
            gained >= short * (1.0 - 1e-12)
        })
        .map_or(Metric::undefined(Undefined::NotByTiming), |k| {
            Metric::of(f64::from(k))
        })
}

/// `ceil`, forgiving float noise near a whole month (2.000000000001 months
/// is 2), relative to that month. Near 0 there is no noise to forgive: a
/// tiny but real need (1.2e-10 months) is still a month.
fn whole_months(months: f64) -> f64 {
    let nearest = months.round();
    if nearest >= 1.0 && (months - nearest).abs() <= 1e-9 * nearest {
        nearest
    } else {
        months.ceil()
    }
}

/// Float noise forgiven when the plan year is compared with the goal: a
/// plan whose figures add up to the goal exactly reaches it.
const REACHES: f64 = 1.0 - 1e-12;

/// The headline's answer to "does this plan reach the goal?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The budget buys the marketing-sourced deals the goal needs and the
    /// plan year books the goal.
    Reaches,
    /// The budget buys the deals, but part of their revenue lands after the
    /// plan year, so the plan year falls short.
    LandsLate,
    /// The budget funds only part of the deals the goal needs.
    Short,
    /// The budget buys no deals at all.
    NothingFunded,
    /// The goal needs no marketing-sourced deals.
    NoMarketingNeeded,
    /// The plan cannot be judged, and why.
    Unknown(Undefined),
}

impl Plan {
    /// Whether the plan reaches the plan-year goal: only when coverage ≥ 1
    /// and in-year attainment ≥ 1.
    pub fn verdict(&self) -> Verdict {
        match (self.coverage.0, self.plan_year.in_year_attainment.0) {
            (Err(Undefined::NoMarketingWins), _) => Verdict::NoMarketingNeeded,
            (Err(why), _) | (_, Err(why)) => Verdict::Unknown(why),
            (Ok(0.0), _) => Verdict::NothingFunded,
            (Ok(c), _) if c < 1.0 => Verdict::Short,
            (Ok(_), Ok(a)) if a >= REACHES => Verdict::Reaches,
            (Ok(_), Ok(_)) => Verdict::LandsLate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::whole_months;

    #[test]
    fn whole_months_forgives_float_noise_only_near_a_whole_month() {
        // Noise just above or below a whole month is that month.
        assert_eq!(whole_months(2.000_000_000_001), 2.0);
        assert_eq!(whole_months(2.999_999_999_999), 3.0);
        assert_eq!(whole_months(12.000_000_000_01), 12.0);
        // A real fraction of a month needs the whole next month.
        assert_eq!(whole_months(2.52), 3.0);
        assert_eq!(whole_months(0.5), 1.0);
        // A tiny but real need is one month, not none.
        assert_eq!(whole_months(1.2e-10), 1.0);
        assert_eq!(whole_months(1e-300), 1.0);
    }
}
