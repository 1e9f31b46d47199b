//! Every formula of docs/model.md, in its order: required path, funded path,
//! plan versus goal, timeline, levers and budget-cut impact.

use super::capacity::Capacity;
use super::levers;
use super::plan_year::PlanYearInputs;
use super::registry::{ChannelMetric, LeverMetric, PlanMetric};
use super::segment_plan::{SegmentResult, Shared, segment_result};
use super::timing::{Shares, Timing, TimingInputs, in_year_weight};
use super::{ChannelPart, Field, Funnel, Metric, PlanYear, Scenario, Undefined};

/// What one channel buys (docs/model.md, "Funded path").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelResult {
    pub channel_budget: Metric,
    pub channel_leads: Metric,
    pub channel_mqls: Metric,
    pub channel_sqls: Metric,
    pub channel_opportunities: Metric,
    pub channel_wins: Metric,
    pub channel_revenue: Metric,
    pub channel_roi: Metric,
}

/// What each lever alone would have to become to close the gap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Levers {
    pub lever_spend_share: Metric,
    pub lever_win_rate: Metric,
    pub lever_sql_to_opp: Metric,
    pub lever_mql_to_sql: Metric,
    pub lever_lead_quality_factor: Metric,
    pub lever_deal_size: Metric,
    pub lever_cost_per_lead_factor: Metric,
}

impl Levers {
    /// `(metric id, value)` in the order the page lists them.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, Metric)> + '_ {
        LeverMetric::ALL.iter().map(|m| (m.id(), m.read(self)))
    }
}

/// What a budget cut costs the business.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BudgetCut {
    pub budget_saved: Metric,
    pub lost_wins: Metric,
    pub lost_revenue: Metric,
    pub lost_in_year_revenue: Metric,
    pub lost_next_year_revenue: Metric,
    pub lost_gross_profit: Metric,
    /// The plan year's attainment if the cut happens: its lost in-year
    /// revenue off the in-year revenue.
    pub in_year_attainment_after_cut: Metric,
}

/// Every output of the planner for one scenario. Field names are the
/// `data-metric` ids of docs/model.md.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    // Required path.
    pub new_revenue: Metric,
    pub required_wins: Metric,
    pub marketing_wins: Metric,
    pub sales_sourced_wins: Metric,
    pub required_opportunities: Metric,
    pub required_sqls: Metric,
    pub required_mqls: Metric,
    pub required_leads: Metric,
    pub blended_lead_to_mql: Metric,
    // Funded path.
    pub budget: Metric,
    pub channels: Vec<ChannelResult>,
    /// Each segment's paths, in the scenario's order.
    pub segments: Vec<SegmentResult>,
    pub spend: Metric,
    pub unallocated_budget: Metric,
    pub funded_leads: Metric,
    pub funded_mqls: Metric,
    pub funded_sqls: Metric,
    pub funded_opportunities: Metric,
    pub projected_wins: Metric,
    pub projected_marketing_revenue: Metric,
    /// Marketing-sourced revenue the goal needs: Σ marketing wins × deal size.
    pub required_marketing_revenue: Metric,
    // Plan versus goal.
    pub coverage: Metric,
    pub cac: Metric,
    pub required_budget: Metric,
    pub required_spend_share: Metric,
    pub budget_gap: Metric,
    pub leads_gap: Metric,
    pub blended_cpl: Metric,
    pub cost_per_mql: Metric,
    pub projected_revenue: Metric,
    pub attainment: Metric,
    pub roi: Metric,
    pub lifetime_roi: Metric,
    pub revenue_per_marketing_dollar: Metric,
    pub ltv_to_cac: Metric,
    pub payback_months: Metric,
    // Timeline.
    pub in_year_marketing_revenue: Metric,
    pub next_year_marketing_revenue: Metric,
    /// The plan year against the goal: in-year revenue and attainment.
    pub plan_year: PlanYear,
    /// Levers, present only when coverage is defined and below 1. With
    /// two or more segments only `lever_spend_share` is plan-wide; each
    /// segment's levers are in its [`SegmentResult`].
    pub levers: Option<Levers>,
    pub budget_cut: BudgetCut,
    /// Month by month and quarter by quarter: when the leads must arrive
    /// and when revenue is booked (docs/model.md, "Timing").
    pub timing: Timing,
    /// Whether sales can work what marketing buys (docs/model.md, "Sales capacity").
    pub capacity: Capacity,
    /// The budget phasing the plan was computed with: check-ins compare
    /// actuals with the plan to date it paces.
    pub(super) phasing: Shares,
}

impl Plan {
    /// Derives every metric of docs/model.md from `s`. Never panics and never
    /// yields a non-finite number.
    ///
    /// Every figure is computed per segment and summed. With one segment the
    /// sums are that segment's figures exactly (0 + x = x), and the few
    /// plan-wide ratios whose segment form would round differently
    /// (coverage, LTV:CAC, payback, the levers) use the one-segment formula,
    /// so a plan without segments gives the numbers it always gave.
    pub fn compute(s: &Scenario) -> Plan {
        let goal = s.input(Field::RevenueGoal);
        let recurring = s.input(Field::RecurringRevenue);
        let spend_pct = s.input(Field::SpendPct);
        let lead_to_mql = s.input(Field::LeadToMqlPct);
        let gross_margin = s.input(Field::GrossMarginPct);
        let one_segment = s.segments.len() == 1;
        let seasonality = Shares::of(s, Field::Seasonality);
        let phasing = Shares::of(s, Field::BudgetPhasing);
        let funnels: Vec<Funnel> = (0..s.segments.len()).map(|g| s.funnel(g)).collect();

        // Required path, plan-wide.
        let new_revenue = (goal - recurring).max(0.0);

        // Funded path: each channel with its segment's funnel.
        let budget = goal * spend_pct;
        // A channel feeding a segment that does not exist leaves the mix unknowable.
        let mix_error = s
            .error(Field::Channels)
            .map(|_| Metric::undefined(Undefined::Invalid(Field::Channels)))
            .or_else(|| {
                let i = s
                    .channels
                    .iter()
                    .position(|c| c.segment >= s.segments.len())?;
                Some(Metric::undefined(Undefined::Invalid(Field::Channel(
                    i,
                    ChannelPart::Segment,
                ))))
            });
        let channels: Vec<ChannelResult> = s
            .channels
            .iter()
            .enumerate()
            .map(|(i, c)| match funnels.get(c.segment) {
                Some(funnel) => channel_result(s, i, budget, mix_error, funnel, gross_margin),
                None => ChannelResult::undefined(Undefined::Invalid(Field::Channel(
                    i,
                    ChannelPart::Segment,
                ))),
            })
            .collect();

        let shared = Shared {
            new_revenue,
            lead_to_mql,
            phasing,
        };
        let mut segments: Vec<SegmentResult> = (0..s.segments.len())
            .map(|g| segment_result(s, g, &shared, &channels, mix_error))
            .collect();
        let sum = |part: fn(&SegmentResult) -> Metric| Metric::sum(segments.iter().map(part));
        let required_wins = sum(|g| g.segment_required_wins);
        let marketing_wins = sum(|g| g.segment_marketing_wins);
        let sales_sourced_wins = sum(|g| g.segment_sales_sourced_wins);
        let required_opportunities = sum(|g| g.segment_required_opportunities);
        let required_sqls = sum(|g| g.segment_required_sqls);
        let required_mqls = sum(|g| g.segment_required_mqls);
        let required_leads = sum(|g| g.segment_required_leads);
        let required_marketing_revenue = sum(|g| g.segment_required_marketing_revenue);
        let sales_sourced_revenue = Metric::sum(
            segments
                .iter()
                .map(|g| g.segment_sales_sourced_wins * g.funnel.deal_size),
        );

        // An invalid mix (including no channels at all) funds nothing knowable.
        let total = |part: fn(&ChannelResult) -> Metric| {
            mix_error.unwrap_or_else(|| Metric::sum(channels.iter().map(part)))
        };
        let spend = total(|c| c.channel_budget);
        let unallocated_budget = budget - spend;
        let funded_leads = total(|c| c.channel_leads);
        let funded_mqls = total(|c| c.channel_mqls);
        let funded_sqls = total(|c| c.channel_sqls);
        let funded_opportunities = total(|c| c.channel_opportunities);
        let projected_wins = total(|c| c.channel_wins);
        let projected_marketing_revenue = total(|c| c.channel_revenue);

        // The mix's average lead quality; the scenario's rate when nothing is allocated.
        let blended_lead_to_mql = match spend.0 {
            Ok(0.0) => lead_to_mql,
            _ => funded_mqls.per(funded_leads, Undefined::NoFundedLeads),
        };

        // Plan versus goal.
        let coverage = if one_segment {
            projected_wins.per(marketing_wins, Undefined::NoMarketingWins)
        } else {
            // Revenue-weighted: a big deal counts for more than a small one.
            projected_marketing_revenue.per(required_marketing_revenue, Undefined::NoMarketingWins)
        };
        let cac = spend.per(projected_wins, Undefined::NoFundedWins);
        let required_budget = if one_segment {
            marketing_wins * cac
        } else {
            segments
                .iter()
                .enumerate()
                .fold(Metric::of(0.0), |acc, (g, r)| {
                    let need = match r.segment_required_budget.0 {
                        Err(Undefined::NoFundedWins) => {
                            Metric::undefined(Undefined::SegmentNotFunded(g))
                        }
                        _ => r.segment_required_budget,
                    };
                    acc + need
                })
        };
        let required_spend_share = required_budget / goal;
        let budget_gap = required_budget - spend;
        let leads_gap = required_leads - funded_leads;
        let blended_cpl = spend.per(funded_leads, Undefined::NoFundedLeads);
        let cost_per_mql = spend.per(funded_mqls, Undefined::NoFundedLeads);
        let projected_revenue = recurring + sales_sourced_revenue + projected_marketing_revenue;
        let attainment = projected_revenue / goal;
        let roi =
            (projected_marketing_revenue * gross_margin - spend).per(spend, Undefined::NoSpend);
        let lifetime_value_bought = Metric::sum(
            segments
                .iter()
                .map(|g| g.segment_projected_wins * g.funnel.lifetime_value),
        );
        let lifetime_roi = (lifetime_value_bought - spend).per(spend, Undefined::NoSpend);
        let revenue_per_marketing_dollar =
            projected_marketing_revenue.per(spend, Undefined::NoSpend);
        let (ltv_to_cac, payback_months) = if one_segment {
            let f = &funnels[0];
            (
                f.lifetime_value.per(cac, Undefined::NoFundedWins),
                cac / (f.deal_size * gross_margin / 12.0),
            )
        } else {
            let average_ltv = lifetime_value_bought.per(projected_wins, Undefined::NoFundedWins);
            let average_deal =
                projected_marketing_revenue.per(projected_wins, Undefined::NoFundedWins);
            (
                average_ltv.per(cac, Undefined::NoFundedWins),
                cac.per(average_deal * gross_margin / 12.0, Undefined::NoFundedWins),
            )
        };

        // Timeline: leads of month m close in month m + L, each segment its
        // own L, the leads spread by the budget phasing (an even year
        // weighs max(0, 12 − L) months).
        let in_year_marketing_revenue = Metric::sum(segments.iter().map(|g| {
            g.segment_projected_marketing_revenue * in_year_weight(phasing, g.funnel.sales_cycle)
                / 12.0
        }));
        let next_year_marketing_revenue = projected_marketing_revenue - in_year_marketing_revenue;
        let plan_year = PlanYear::compute(PlanYearInputs {
            goal,
            recurring,
            sales_sourced_revenue,
            in_year_marketing_revenue,
            projected_marketing_revenue,
            pipeline: s.input(Field::PipelineRevenue),
            by_segment: segments
                .iter()
                .map(|g| (g.segment_projected_marketing_revenue, g.funnel.sales_cycle))
                .collect(),
            phasing: s.budget_phasing,
        });

        let levers = match coverage.0 {
            Ok(c) if c < 1.0 && one_segment => {
                let f = &funnels[0];
                Some(levers::single(s, c, required_spend_share, f))
            }
            Ok(c) if c < 1.0 => {
                let gap = required_marketing_revenue - projected_marketing_revenue;
                let spend_share = levers::plan_wide_spend_share(c, spend, goal);
                for (g, result) in segments.iter_mut().enumerate() {
                    result.levers = Some(levers::segment(
                        s,
                        g,
                        c,
                        gap,
                        result.segment_projected_marketing_revenue,
                        spend_share,
                    ));
                }
                Some(levers::plan_wide(c, spend_share))
            }
            _ => None,
        };

        // Budget-cut impact, each segment with its own cycle, over the
        // phased budget (an even year: months_cut = 13 − s).
        let cut = s.input(Field::CutPct);
        let cut_from = s.input(Field::CutFromMonth);
        let months_cut = phasing.between(cut_from, Metric::of(12.0));
        let budget_saved = spend * cut * months_cut / 12.0;
        let lost_wins_by_segment: Vec<Metric> = segments
            .iter()
            .map(|g| g.segment_projected_wins * cut * months_cut / 12.0)
            .collect();
        let lost_wins = Metric::sum(lost_wins_by_segment.iter().copied());
        let lost_revenue = Metric::sum(
            lost_wins_by_segment
                .iter()
                .zip(&segments)
                .map(|(&lost, g)| lost * g.funnel.deal_size),
        );
        // Months s … 12 − L_g: the cut leads whose deals would have landed
        // in the year (an even year: max(0, 13 − s − L_g) of them).
        let lost_in_year_revenue = Metric::sum(segments.iter().map(|g| {
            let in_year_months = phasing.between(cut_from, g.funnel.sales_cycle.map(|l| 12.0 - l));
            g.segment_projected_marketing_revenue * cut * in_year_months / 12.0
        }));
        let lost_next_year_revenue = lost_revenue - lost_in_year_revenue;
        let lost_gross_profit = lost_revenue * gross_margin;
        let in_year_attainment_after_cut =
            (plan_year.in_year_revenue - lost_in_year_revenue) / goal;

        let timing = Timing::compute(&TimingInputs {
            recurring,
            new_revenue,
            sales_sourced_revenue,
            funded_leads,
            pipeline: s.input(Field::PipelineRevenue),
            segments: &segments,
            seasonality,
            phasing,
        });
        let capacity = Capacity::compute(s, new_revenue, required_mqls, funded_mqls);

        Plan {
            new_revenue,
            required_wins,
            marketing_wins,
            sales_sourced_wins,
            required_opportunities,
            required_sqls,
            required_mqls,
            required_leads,
            blended_lead_to_mql,
            budget,
            channels,
            segments,
            spend,
            unallocated_budget,
            funded_leads,
            funded_mqls,
            funded_sqls,
            funded_opportunities,
            projected_wins,
            projected_marketing_revenue,
            required_marketing_revenue,
            coverage,
            cac,
            required_budget,
            required_spend_share,
            budget_gap,
            leads_gap,
            blended_cpl,
            cost_per_mql,
            projected_revenue,
            attainment,
            roi,
            lifetime_roi,
            revenue_per_marketing_dollar,
            ltv_to_cac,
            payback_months,
            in_year_marketing_revenue,
            next_year_marketing_revenue,
            plan_year,
            levers,
            budget_cut: BudgetCut {
                budget_saved,
                lost_wins,
                lost_revenue,
                lost_in_year_revenue,
                lost_next_year_revenue,
                lost_gross_profit,
                in_year_attainment_after_cut,
            },
            timing,
            capacity,
            phasing,
        }
    }
}

/// What channel `i` buys with its segment's funnel (docs/model.md, "Funded path").
fn channel_result(
    s: &Scenario,
    i: usize,
    budget: Metric,
    mix_error: Option<Metric>,
    funnel: &Funnel,
    gross_margin: Metric,
) -> ChannelResult {
    let share = mix_error.unwrap_or_else(|| s.input(Field::Channel(i, ChannelPart::Share)));
    let cost_per_lead = s.input(Field::Channel(i, ChannelPart::CostPerLead));
    let channel_lead_to_mql = s.input(Field::Channel(i, ChannelPart::LeadToMql));
    let channel_budget = budget * share;
    let channel_leads = channel_budget / cost_per_lead;
    let channel_mqls = channel_leads * channel_lead_to_mql;
    let channel_sqls = channel_mqls * funnel.mql_to_sql;
    let channel_opportunities = channel_sqls * funnel.sql_to_opp;
    let channel_wins = channel_opportunities * funnel.win_rate;
    let channel_revenue = channel_wins * funnel.deal_size;
    let channel_roi = (channel_revenue * gross_margin - channel_budget)
        .per(channel_budget, Undefined::NoChannelBudget);
    ChannelResult {
        channel_budget,
        channel_leads,
        channel_mqls,
        channel_sqls,
        channel_opportunities,
        channel_wins,
        channel_revenue,
        channel_roi,
    }
}

impl ChannelResult {
    fn undefined(why: Undefined) -> ChannelResult {
        let none = Metric::undefined(why);
        ChannelResult {
            channel_budget: none,
            channel_leads: none,
            channel_mqls: none,
            channel_sqls: none,
            channel_opportunities: none,
            channel_wins: none,
            channel_revenue: none,
            channel_roi: none,
        }
    }
}

impl Plan {
    /// Every metric with its `data-metric` id: the scalars, each channel's
    /// (as `channel_leads[2]`), the levers when shown, and the budget cut.
    pub fn metrics(&self) -> Vec<(String, Metric)> {
        let mut all: Vec<(String, Metric)> = PlanMetric::ALL
            .iter()
            .filter(|m| !m.segments_only())
            .map(|m| (m.id().to_string(), m.read(self)))
            .collect();
        for (i, c) in self.channels.iter().enumerate() {
            for m in ChannelMetric::ALL {
                all.push((format!("{}[{i}]", m.id()), m.read(c)));
            }
        }
        // A plan with one segment lists what a plan without segments always
        // did; with two or more, each segment's figures follow.
        let several = self.segments.len() > 1;
        if several {
            let m = PlanMetric::RequiredMarketingRevenue;
            all.push((m.id().to_string(), m.read(self)));
            for (g, segment) in self.segments.iter().enumerate() {
                for (n, m) in segment.entries() {
                    all.push((format!("{n}[{g}]"), m));
                }
            }
        }
        if let Some(levers) = self.levers {
            if !several {
                for (n, m) in levers.entries() {
                    all.push((n.to_string(), m));
                }
            } else {
                let m = LeverMetric::LeverSpendShare;
                all.push((m.id().to_string(), m.read(&levers)));
            }
        }
        for (g, segment) in self.segments.iter().enumerate() {
            if let Some(levers) = &segment.levers {
                for m in LeverMetric::PER_SEGMENT {
                    all.push((format!("{}[segment {g}]", m.id()), m.read(levers)));
                }
            }
        }
        all
    }
}
