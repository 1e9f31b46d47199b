//! One segment's required and funded paths (docs/model.md, "Segments").

use super::registry::SegmentMetric;
use super::timing::{Shares, in_year_weight};
use super::{ChannelResult, Funnel, Levers, Metric, Scenario, Undefined};

/// What one segment's goal needs and what its channels buy. Field names
/// are the `data-metric` ids used inside `data-segment`.
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentResult {
    pub segment_new_revenue: Metric,
    pub segment_required_wins: Metric,
    pub segment_marketing_wins: Metric,
    /// Wins sales must source in this segment (not a contract id; the
    /// plan's `sales_sourced_wins` is their sum).
    pub segment_sales_sourced_wins: Metric,
    pub segment_required_opportunities: Metric,
    pub segment_required_sqls: Metric,
    pub segment_required_mqls: Metric,
    pub segment_blended_lead_to_mql: Metric,
    pub segment_required_leads: Metric,
    pub segment_required_marketing_revenue: Metric,
    pub segment_spend: Metric,
    pub segment_funded_leads: Metric,
    pub segment_funded_mqls: Metric,
    pub segment_funded_sqls: Metric,
    pub segment_funded_opportunities: Metric,
    pub segment_projected_wins: Metric,
    pub segment_projected_marketing_revenue: Metric,
    pub segment_coverage: Metric,
    pub segment_cac: Metric,
    pub segment_required_budget: Metric,
    /// The share of this segment's funded revenue booked in the plan year:
    /// Σ phase(k) over lead months k with k + L ≤ 12 (docs/model.md,
    /// "Timing"; even phasing: max(0, 12 − L) / 12). Not a `data-metric` id.
    pub in_year_share: Metric,
    /// This segment's levers, with two or more segments and coverage
    /// below 1 (`lever_spend_share` is the plan-wide one).
    pub levers: Option<Levers>,
    /// The effective funnel the figures above use.
    pub funnel: Funnel,
}

impl SegmentResult {
    /// `(metric id, value)` for every `segment_*` id, in page order. The
    /// funded SQLs and opportunities are ids the page adds so each stage
    /// has its "needed versus funded" pair (docs/model.md, "Segments").
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, Metric)> + '_ {
        SegmentMetric::ALL.iter().map(|m| (m.id(), m.read(self)))
    }
}

impl super::Plan {
    /// With two or more segments short of the goal, the segment whose
    /// levers need the smallest move: the one whose funded revenue is
    /// largest, so the factor `1 + gap / its revenue` is smallest.
    pub fn smallest_move_segment(&self) -> Option<usize> {
        self.segments
            .iter()
            .enumerate()
            .filter_map(|(g, r)| Some((g, r.levers?.lever_cost_per_lead_factor.value()?)))
            .filter(|&(_, inverse)| inverse > 0.0)
            // The first of equals: `min_by` keeps the first minimum.
            .min_by(|a, b| b.1.total_cmp(&a.1))
            .map(|(g, _)| g)
    }
}

/// What the plan-wide figures a segment needs: the new revenue, the
/// default lead → MQL rate and the budget phasing.
pub(super) struct Shared {
    pub new_revenue: Metric,
    pub lead_to_mql: Metric,
    pub phasing: Shares,
}

/// Segment `index`'s paths, from the channel results already computed
/// with its funnel (`channels` and `results` in the scenario's order).
pub(super) fn segment_result(
    s: &Scenario,
    index: usize,
    shared: &Shared,
    results: &[ChannelResult],
    mix_error: Option<Metric>,
) -> SegmentResult {
    let funnel = s.funnel(index);
    let share = s.segment_share(index);
    let mine = || {
        s.channels
            .iter()
            .zip(results)
            .filter(move |(c, _)| c.segment == index)
            .map(|(_, r)| r)
    };
    let total = |part: fn(&ChannelResult) -> Metric| {
        mix_error.unwrap_or_else(|| Metric::sum(mine().map(part)))
    };
    let segment_spend = total(|c| c.channel_budget);
    let segment_funded_leads = total(|c| c.channel_leads);
    let segment_funded_mqls = total(|c| c.channel_mqls);
    let segment_funded_sqls = total(|c| c.channel_sqls);
    let segment_funded_opportunities = total(|c| c.channel_opportunities);
    let segment_projected_wins = total(|c| c.channel_wins);
    let segment_projected_marketing_revenue = total(|c| c.channel_revenue);

    let segment_new_revenue = shared.new_revenue * share;
    let segment_required_wins = segment_new_revenue / funnel.deal_size;
    let segment_marketing_wins = segment_required_wins * funnel.marketing_sourced;
    let segment_sales_sourced_wins = segment_required_wins - segment_marketing_wins;
    let segment_required_opportunities = segment_marketing_wins / funnel.win_rate;
    let segment_required_sqls = segment_required_opportunities / funnel.sql_to_opp;
    let segment_required_mqls = segment_required_sqls / funnel.mql_to_sql;
    // The segment's channels' average lead quality; the default rate when
    // it has no budget.
    let segment_blended_lead_to_mql = match segment_spend.0 {
        Ok(0.0) => shared.lead_to_mql,
        _ => segment_funded_mqls.per(segment_funded_leads, Undefined::NoFundedLeads),
    };
    let segment_required_leads = segment_required_mqls / segment_blended_lead_to_mql;
    let segment_required_marketing_revenue = segment_marketing_wins * funnel.deal_size;

    let segment_coverage =
        segment_projected_wins.per(segment_marketing_wins, Undefined::NoMarketingWins);
    let segment_cac = segment_spend.per(segment_projected_wins, Undefined::NoFundedWins);
    // A segment that needs no marketing-sourced wins needs no budget,
    // funded or not.
    let segment_required_budget = match segment_marketing_wins.0 {
        Ok(0.0) => Metric::of(0.0),
        _ => segment_marketing_wins * segment_cac,
    };
    SegmentResult {
        segment_new_revenue,
        segment_required_wins,
        segment_marketing_wins,
        segment_sales_sourced_wins,
        segment_required_opportunities,
        segment_required_sqls,
        segment_required_mqls,
        segment_blended_lead_to_mql,
        segment_required_leads,
        segment_required_marketing_revenue,
        segment_spend,
        segment_funded_leads,
        segment_funded_mqls,
        segment_funded_sqls,
        segment_funded_opportunities,
        segment_projected_wins,
        segment_projected_marketing_revenue,
        segment_coverage,
        segment_cac,
        segment_required_budget,
        in_year_share: in_year_weight(shared.phasing, funnel.sales_cycle) / 12.0,
        levers: None,
        funnel,
    }
}
