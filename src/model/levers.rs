//! What each lever alone would have to become to close the gap
//! (docs/model.md, "Levers that close the gap" and "Levers with segments").

use super::{ChannelPart, Field, Funnel, Levers, Metric, Scenario, Undefined};

/// Every lever undefined for the same reason.
fn all(why: Undefined) -> Levers {
    let none = Metric::undefined(why);
    Levers {
        lever_spend_share: none,
        lever_win_rate: none,
        lever_sql_to_opp: none,
        lever_mql_to_sql: none,
        lever_lead_quality_factor: none,
        lever_deal_size: none,
        lever_cost_per_lead_factor: none,
    }
}

fn at_most_one(m: Metric) -> Metric {
    m.only_if(|v| v <= 1.0, Undefined::NotReachable)
}

/// The lead-quality lever `factor`, reachable only while every funded
/// channel of `segment` (every channel when `None`) stays at most 100%.
fn lead_quality(s: &Scenario, segment: Option<usize>, factor: Metric) -> Metric {
    // Only channels that get budget produce leads, so only their rates limit
    // how far lead quality can rise.
    let best_funded_rate = (0..s.channels.len())
        .filter(|&i| s.channels[i].share > 0.0)
        .filter(|&i| segment.is_none_or(|g| s.channels[i].segment == g))
        .map(|i| s.input(Field::Channel(i, ChannelPart::LeadToMql)))
        .fold(Metric::of(0.0), |best, rate| match (best.0, rate.0) {
            (Ok(b), Ok(r)) => Metric::of(b.max(r)),
            (Err(e), _) | (_, Err(e)) => Metric::undefined(e),
        });
    match (best_funded_rate.0, factor.0) {
        (Err(e), _) | (_, Err(e)) => Metric::undefined(e),
        (Ok(rate), Ok(f)) if rate * f > 1.0 => Metric::undefined(Undefined::NotReachable),
        (Ok(_), Ok(f)) => Metric::of(f),
    }
}

/// A plan with one segment: each rate divided by the coverage.
pub(super) fn single(
    s: &Scenario,
    coverage: f64,
    required_spend_share: Metric,
    funnel: &Funnel,
) -> Levers {
    if coverage == 0.0 {
        return all(Undefined::NothingFunded);
    }
    Levers {
        lever_spend_share: at_most_one(required_spend_share),
        lever_win_rate: at_most_one(funnel.win_rate / coverage),
        lever_sql_to_opp: at_most_one(funnel.sql_to_opp / coverage),
        lever_mql_to_sql: at_most_one(funnel.mql_to_sql / coverage),
        lever_lead_quality_factor: lead_quality(s, None, Metric::of(1.0 / coverage)),
        lever_deal_size: funnel.deal_size / coverage,
        lever_cost_per_lead_factor: Metric::of(coverage),
    }
}

/// With segments: every channel's budget scaled alike, `spend / coverage`
/// as a share of the goal.
pub(super) fn plan_wide_spend_share(coverage: f64, spend: Metric, goal: Metric) -> Metric {
    if coverage == 0.0 {
        return Metric::undefined(Undefined::NothingFunded);
    }
    at_most_one(spend / coverage / goal)
}

/// With segments, the plan-wide levers: only the spend share; the rest are
/// per segment.
pub(super) fn plan_wide(coverage: f64, spend_share: Metric) -> Levers {
    if coverage == 0.0 {
        return all(Undefined::NothingFunded);
    }
    Levers {
        lever_spend_share: spend_share,
        ..all(Undefined::PerSegment)
    }
}

/// Segment `g`'s levers: each moved in `g` alone, scaling only g's funded
/// revenue by `1 + gap / g's funded revenue`.
pub(super) fn segment(
    s: &Scenario,
    g: usize,
    coverage: f64,
    gap: Metric,
    funded_revenue: Metric,
    spend_share: Metric,
) -> Levers {
    if coverage == 0.0 {
        return all(Undefined::NothingFunded);
    }
    let factor = Metric::of(1.0) + gap.per(funded_revenue, Undefined::SegmentNotFunded(g));
    let funnel = s.funnel(g);
    Levers {
        lever_spend_share: spend_share,
        lever_win_rate: at_most_one(funnel.win_rate * factor),
        lever_sql_to_opp: at_most_one(funnel.sql_to_opp * factor),
        lever_mql_to_sql: at_most_one(funnel.mql_to_sql * factor),
        lever_lead_quality_factor: lead_quality(s, Some(g), factor),
        lever_deal_size: funnel.deal_size * factor,
        lever_cost_per_lead_factor: Metric::of(1.0).per(factor, Undefined::SegmentNotFunded(g)),
    }
}
