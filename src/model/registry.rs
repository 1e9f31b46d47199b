//! The registry of metrics: every `data-metric` id of docs/model.md
//! ("Public interface for outputs") as a typed value that knows its id, its
//! label, how it reads off the model's results and how it is displayed.
//!
//! The model's [`Plan::metrics`](super::Plan::metrics) listing, the page's
//! components and the tests all take their ids from here, so an id is
//! spelled once and a typo does not compile.

use super::{ChannelResult, CheckInResult, Levers, Metric, Plan, SegmentResult, Stage, YearPlan};
use crate::format::Style;

/// A `data-metric` id and how it reads, whichever registry it comes from:
/// what the page's `MetricValue` takes, so no component can pass a bare
/// string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MetricKey {
    id: &'static str,
    style: Style,
}

impl MetricKey {
    pub const fn id(self) -> &'static str {
        self.id
    }

    pub const fn style(self) -> Style {
        self.style
    }
}

/// One registry: an enum of metrics read off `$source`, with
/// `ALL` (in the order the page and [`Plan::metrics`] list them), `id`,
/// `label`, `style` and `read`.
macro_rules! registry {
    (
        $(#[$doc:meta])*
        $name:ident reads $source:ty {
            $( $variant:ident = $id:literal, $label:literal, $style:ident, |$p:ident| $read:expr; )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $variant, )+
        }

        impl $name {
            /// Every metric of this registry, in page order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The `data-metric` id.
            pub const fn id(self) -> &'static str {
                match self { $( $name::$variant => $id, )+ }
            }

            /// What the page calls it.
            pub const fn label(self) -> &'static str {
                match self { $( $name::$variant => $label, )+ }
            }

            /// How it reads on the page.
            pub const fn style(self) -> Style {
                match self { $( $name::$variant => Style::$style, )+ }
            }

            /// Its value in the model's results.
            pub fn read(self, source: &$source) -> Metric {
                match self { $( $name::$variant => { let $p = source; $read } )+ }
            }
        }

        impl From<$name> for MetricKey {
            fn from(metric: $name) -> MetricKey {
                MetricKey { id: metric.id(), style: metric.style() }
            }
        }
    };
}

mod timing;
pub use timing::{CapacityMetric, QuarterMetric, TimingMetric};

registry! {
    /// The plan-wide figures (docs/model.md, from "Required path" to
    /// "Budget-cut impact").
    PlanMetric reads Plan {
        NewRevenue = "new_revenue", "New revenue the goal needs", Money, |p| p.new_revenue;
        RequiredWins = "required_wins", "Deals needed", RequiredCount, |p| p.required_wins;
        MarketingWins = "marketing_wins", "Marketing-sourced deals needed", RequiredCount, |p| p.marketing_wins;
        SalesSourcedWins = "sales_sourced_wins", "Sales-sourced deals", Count, |p| p.sales_sourced_wins;
        RequiredOpportunities = "required_opportunities", "Opportunities needed", RequiredCount, |p| p.required_opportunities;
        RequiredSqls = "required_sqls", "SQLs needed", RequiredCount, |p| p.required_sqls;
        RequiredMqls = "required_mqls", "MQLs needed", RequiredCount, |p| p.required_mqls;
        RequiredLeads = "required_leads", "Leads needed", RequiredCount, |p| p.required_leads;
        BlendedLeadToMql = "blended_lead_to_mql", "Blended lead → MQL rate", Percent, |p| p.blended_lead_to_mql;
        Budget = "budget", "Marketing budget", Money, |p| p.budget;
        Spend = "spend", "Allocated to channels", Money, |p| p.spend;
        UnallocatedBudget = "unallocated_budget", "Unallocated", Money, |p| p.unallocated_budget;
        FundedLeads = "funded_leads", "Leads funded", Count, |p| p.funded_leads;
        FundedMqls = "funded_mqls", "MQLs funded", Count, |p| p.funded_mqls;
        FundedSqls = "funded_sqls", "SQLs funded", Count, |p| p.funded_sqls;
        FundedOpportunities = "funded_opportunities", "Opportunities funded", Count, |p| p.funded_opportunities;
        ProjectedWins = "projected_wins", "Deals funded", Count, |p| p.projected_wins;
        ProjectedMarketingRevenue = "projected_marketing_revenue", "Marketing-sourced revenue", Money, |p| p.projected_marketing_revenue;
        Coverage = "coverage", "Deals funded vs needed", Percent, |p| p.coverage;
        Cac = "cac", "CAC (cost per marketing-sourced deal)", Money, |p| p.cac;
        RequiredBudget = "required_budget", "Budget the goal needs", Money, |p| p.required_budget;
        RequiredSpendShare = "required_spend_share", "…as a share of the goal", Percent, |p| p.required_spend_share;
        BudgetGap = "budget_gap", "Budget gap", Money, |p| p.budget_gap;
        LeadsGap = "leads_gap", "Leads short", Count, |p| p.leads_gap;
        BlendedCpl = "blended_cpl", "Blended cost per lead", Money, |p| p.blended_cpl;
        CostPerMql = "cost_per_mql", "Cost per MQL", Money, |p| p.cost_per_mql;
        ProjectedRevenue = "projected_revenue", "Revenue from the plan's deals, whenever they land", Money, |p| p.projected_revenue;
        Attainment = "attainment", "Attainment, whenever the deals land", Percent, |p| p.attainment;
        Roi = "roi", "ROI (first-year gross profit)", Percent, |p| p.roi;
        LifetimeRoi = "lifetime_roi", "Lifetime ROI", Percent, |p| p.lifetime_roi;
        RevenuePerMarketingDollar = "revenue_per_marketing_dollar", "Revenue per marketing dollar", Multiple, |p| p.revenue_per_marketing_dollar;
        LtvToCac = "ltv_to_cac", "LTV : CAC", Multiple, |p| p.ltv_to_cac;
        PaybackMonths = "payback_months", "CAC payback", Months, |p| p.payback_months;
        InYearMarketingRevenue = "in_year_marketing_revenue", "Marketing-sourced revenue this plan year", Money, |p| p.in_year_marketing_revenue;
        NextYearMarketingRevenue = "next_year_marketing_revenue", "…and next year (sales-cycle delay)", Money, |p| p.next_year_marketing_revenue;
        InYearRevenue = "in_year_revenue", "Revenue booked in the plan year, all sources", Money, |p| p.plan_year.in_year_revenue;
        InYearAttainment = "in_year_attainment", "Plan-year goal attainment", Percent, |p| p.plan_year.in_year_attainment;
        InYearShortfall = "in_year_shortfall", "Short of the plan-year goal", Money, |p| p.plan_year.in_year_shortfall;
        EarlierLeadMonths = "earlier_lead_months", "Months earlier the leads would have to arrive to close it", Count, |p| p.plan_year.earlier_lead_months;
        BudgetSaved = "budget_saved", "Budget saved", Money, |p| p.budget_cut.budget_saved;
        LostWins = "lost_wins", "Deals lost", Count, |p| p.budget_cut.lost_wins;
        LostRevenue = "lost_revenue", "Revenue lost", Money, |p| p.budget_cut.lost_revenue;
        LostInYearRevenue = "lost_in_year_revenue", "Revenue lost this plan year", Money, |p| p.budget_cut.lost_in_year_revenue;
        LostNextYearRevenue = "lost_next_year_revenue", "Revenue lost next year", Money, |p| p.budget_cut.lost_next_year_revenue;
        LostGrossProfit = "lost_gross_profit", "Gross profit lost", Money, |p| p.budget_cut.lost_gross_profit;
        InYearAttainmentAfterCut = "in_year_attainment_after_cut", "Plan-year attainment after the cut", Percent, |p| p.budget_cut.in_year_attainment_after_cut;
        // Listed by `Plan::metrics` only with two or more segments.
        RequiredMarketingRevenue = "required_marketing_revenue", "Marketing-sourced revenue the goal needs", Money, |p| p.required_marketing_revenue;
    }
}

impl PlanMetric {
    /// Whether the plan lists this id only with two or more segments.
    pub const fn segments_only(self) -> bool {
        matches!(self, PlanMetric::RequiredMarketingRevenue)
    }
}

registry! {
    /// Each channel's figures, inside `[data-channel=i]`.
    ChannelMetric reads ChannelResult {
        ChannelBudget = "channel_budget", "Budget", Money, |c| c.channel_budget;
        ChannelLeads = "channel_leads", "Leads", Count, |c| c.channel_leads;
        ChannelMqls = "channel_mqls", "MQLs", Count, |c| c.channel_mqls;
        ChannelSqls = "channel_sqls", "SQLs", Count, |c| c.channel_sqls;
        ChannelOpportunities = "channel_opportunities", "Opportunities", Count, |c| c.channel_opportunities;
        ChannelWins = "channel_wins", "Expected deals", Count, |c| c.channel_wins;
        ChannelRevenue = "channel_revenue", "Revenue", Money, |c| c.channel_revenue;
        ChannelRoi = "channel_roi", "ROI", Percent, |c| c.channel_roi;
    }
}

registry! {
    /// Each segment's figures, inside `[data-segment=g]` (docs/model.md,
    /// "Segments" and "Segment figures the page adds").
    SegmentMetric reads SegmentResult {
        SegmentNewRevenue = "segment_new_revenue", "New revenue", Money, |g| g.segment_new_revenue;
        SegmentRequiredWins = "segment_required_wins", "All deals it needs", RequiredCount, |g| g.segment_required_wins;
        SegmentMarketingWins = "segment_marketing_wins", "Marketing-sourced deals", RequiredCount, |g| g.segment_marketing_wins;
        SegmentRequiredOpportunities = "segment_required_opportunities", "Opportunities", RequiredCount, |g| g.segment_required_opportunities;
        SegmentRequiredSqls = "segment_required_sqls", "SQLs", RequiredCount, |g| g.segment_required_sqls;
        SegmentRequiredMqls = "segment_required_mqls", "MQLs", RequiredCount, |g| g.segment_required_mqls;
        SegmentBlendedLeadToMql = "segment_blended_lead_to_mql", "Blended lead → MQL", Percent, |g| g.segment_blended_lead_to_mql;
        SegmentRequiredLeads = "segment_required_leads", "Leads", RequiredCount, |g| g.segment_required_leads;
        SegmentRequiredMarketingRevenue = "segment_required_marketing_revenue", "Marketing-sourced revenue", Money, |g| g.segment_required_marketing_revenue;
        SegmentSpend = "segment_spend", "Allocated to it", Money, |g| g.segment_spend;
        SegmentFundedLeads = "segment_funded_leads", "Leads funded", Count, |g| g.segment_funded_leads;
        SegmentFundedMqls = "segment_funded_mqls", "MQLs funded", Count, |g| g.segment_funded_mqls;
        SegmentFundedSqls = "segment_funded_sqls", "SQLs funded", Count, |g| g.segment_funded_sqls;
        SegmentFundedOpportunities = "segment_funded_opportunities", "Opportunities funded", Count, |g| g.segment_funded_opportunities;
        SegmentProjectedWins = "segment_projected_wins", "Deals funded", Count, |g| g.segment_projected_wins;
        SegmentProjectedMarketingRevenue = "segment_projected_marketing_revenue", "Marketing-sourced revenue funded", Money, |g| g.segment_projected_marketing_revenue;
        SegmentCoverage = "segment_coverage", "Coverage", Percent, |g| g.segment_coverage;
        SegmentCac = "segment_cac", "CAC", Money, |g| g.segment_cac;
        SegmentRequiredBudget = "segment_required_budget", "Budget it needs", Money, |g| g.segment_required_budget;
    }
}

registry! {
    /// What each lever alone would have to become to close the gap
    /// (docs/model.md, "Levers that close the gap").
    LeverMetric reads Levers {
        LeverSpendShare = "lever_spend_share", "Marketing budget", Percent, |l| l.lever_spend_share;
        LeverWinRate = "lever_win_rate", "Win rate", Percent, |l| l.lever_win_rate;
        LeverSqlToOpp = "lever_sql_to_opp", "SQL → opportunity rate", Percent, |l| l.lever_sql_to_opp;
        LeverMqlToSql = "lever_mql_to_sql", "MQL → SQL rate", Percent, |l| l.lever_mql_to_sql;
        LeverLeadQualityFactor = "lever_lead_quality_factor", "Lead quality", Factor, |l| l.lever_lead_quality_factor;
        LeverDealSize = "lever_deal_size", "Average deal size", Money, |l| l.lever_deal_size;
        LeverCostPerLeadFactor = "lever_cost_per_lead_factor", "Cost per lead", Factor, |l| l.lever_cost_per_lead_factor;
    }
}

impl LeverMetric {
    /// The levers each segment has of its own (the budget lever is
    /// plan-wide).
    pub const PER_SEGMENT: [LeverMetric; 6] = [
        LeverMetric::LeverWinRate,
        LeverMetric::LeverSqlToOpp,
        LeverMetric::LeverMqlToSql,
        LeverMetric::LeverLeadQualityFactor,
        LeverMetric::LeverDealSize,
        LeverMetric::LeverCostPerLeadFactor,
    ];
}

registry! {
    /// Each year of a multi-year plan, inside `[data-year=N]`.
    YearMetric reads YearPlan {
        YearRevenueGoal = "year_revenue_goal", "Revenue goal", Money, |y| y.revenue_goal;
        YearBudget = "year_budget", "Budget", Money, |y| y.plan.budget;
        YearRequiredWins = "year_required_wins", "Deals needed", RequiredCount, |y| y.plan.required_wins;
        YearMarketingWins = "year_marketing_wins", "Marketing deals needed", RequiredCount, |y| y.plan.marketing_wins;
        YearRequiredLeads = "year_required_leads", "Leads needed", RequiredCount, |y| y.plan.required_leads;
        YearFundedLeads = "year_funded_leads", "Leads funded", Count, |y| y.plan.funded_leads;
        YearProjectedWins = "year_projected_wins", "Deals funded", Count, |y| y.plan.projected_wins;
        YearProjectedRevenue = "year_projected_revenue", "Projected revenue", Money, |y| y.plan.projected_revenue;
        YearCoverage = "year_coverage", "Coverage", Percent, |y| y.plan.coverage;
        YearRequiredSpendShare = "year_required_spend_share", "Budget needed, % of goal", Percent, |y| y.plan.required_spend_share;
    }
}

registry! {
    /// A check-in's figures that are not per stage or rate, inside
    /// `[data-check-in=i]`.
    CheckInMetric reads CheckInResult {
        CheckInElapsedMonths = "check_in_elapsed_months", "Months of the plan year elapsed", Count, |r| r.elapsed_months;
        AchievedCpl = "achieved_cpl", "Cost per lead achieved", Money, |r| r.achieved_cpl;
        PlannedCpl = "planned_cpl", "Cost per lead planned", Money, |r| r.planned_cpl;
    }
}

/// The five figures a check-in has for each stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StageColumn {
    Actual,
    PlanToDate,
    Pace,
    Forecast,
    PlanYear,
}

impl StageColumn {
    pub const ALL: [StageColumn; 5] = [
        StageColumn::Actual,
        StageColumn::PlanToDate,
        StageColumn::Pace,
        StageColumn::Forecast,
        StageColumn::PlanYear,
    ];
}

/// A check-in's figure for one stage: `actual_leads`, `pace_wins`…
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StageMetric(pub StageColumn, pub Stage);

/// `[column][stage]`, in the order of [`StageColumn::ALL`] and [`Stage::ALL`].
const STAGE_IDS: [[&str; 7]; 5] = [
    [
        "actual_spend",
        "actual_leads",
        "actual_mqls",
        "actual_sqls",
        "actual_opportunities",
        "actual_wins",
        "actual_revenue",
    ],
    [
        "plan_to_date_spend",
        "plan_to_date_leads",
        "plan_to_date_mqls",
        "plan_to_date_sqls",
        "plan_to_date_opportunities",
        "plan_to_date_wins",
        "plan_to_date_revenue",
    ],
    [
        "pace_spend",
        "pace_leads",
        "pace_mqls",
        "pace_sqls",
        "pace_opportunities",
        "pace_wins",
        "pace_revenue",
    ],
    [
        "forecast_spend",
        "forecast_leads",
        "forecast_mqls",
        "forecast_sqls",
        "forecast_opportunities",
        "forecast_wins",
        "forecast_revenue",
    ],
    [
        "plan_year_spend",
        "plan_year_leads",
        "plan_year_mqls",
        "plan_year_sqls",
        "plan_year_opportunities",
        "plan_year_wins",
        "plan_year_revenue",
    ],
];

impl StageMetric {
    pub const fn id(self) -> &'static str {
        STAGE_IDS[self.0 as usize][self.1 as usize]
    }

    /// Counts and money as the stage reads; the pace as a percentage.
    pub const fn style(self) -> Style {
        match (self.0, self.1) {
            (StageColumn::Pace, _) => Style::Percent,
            (_, Stage::Spend | Stage::Revenue) => Style::Money,
            _ => Style::Count,
        }
    }

    pub fn read(self, result: &CheckInResult) -> Metric {
        let Some(stage) = result.stages.iter().find(|s| s.stage == self.1) else {
            return Metric::undefined(super::Undefined::NotRecorded);
        };
        match self.0 {
            StageColumn::Actual => stage.actual,
            StageColumn::PlanToDate => stage.plan_to_date,
            StageColumn::Pace => stage.pace,
            StageColumn::Forecast => stage.forecast,
            StageColumn::PlanYear => stage.plan_year,
        }
    }
}

impl From<StageMetric> for MetricKey {
    fn from(metric: StageMetric) -> MetricKey {
        MetricKey {
            id: metric.id(),
            style: metric.style(),
        }
    }
}

/// A check-in's conversion rate, achieved or planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RateMetric {
    pub planned: bool,
    /// 0 lead → MQL, 1 MQL → SQL, 2 SQL → opportunity, 3 win rate: the
    /// order of [`CheckInResult::rates`].
    pub rate: usize,
}

const RATE_IDS: [[&str; 4]; 2] = [
    [
        "achieved_lead_to_mql",
        "achieved_mql_to_sql",
        "achieved_sql_to_opp",
        "achieved_win_rate",
    ],
    [
        "planned_lead_to_mql",
        "planned_mql_to_sql",
        "planned_sql_to_opp",
        "planned_win_rate",
    ],
];

impl RateMetric {
    /// The rates in the order of [`CheckInResult::rates`].
    pub const COUNT: usize = 4;

    pub const fn id(self) -> &'static str {
        RATE_IDS[self.planned as usize][self.rate % Self::COUNT]
    }

    pub fn read(self, result: &CheckInResult) -> Metric {
        result
            .rates
            .get(self.rate)
            .map_or(Metric::undefined(super::Undefined::NotRecorded), |r| {
                if self.planned { r.planned } else { r.achieved }
            })
    }
}

impl From<RateMetric> for MetricKey {
    fn from(metric: RateMetric) -> MetricKey {
        MetricKey {
            id: metric.id(),
            style: Style::Percent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every id, of every registry, once.
    fn every_id() -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = PlanMetric::ALL.iter().map(|m| m.id()).collect();
        ids.extend(ChannelMetric::ALL.iter().map(|m| m.id()));
        ids.extend(SegmentMetric::ALL.iter().map(|m| m.id()));
        ids.extend(LeverMetric::ALL.iter().map(|m| m.id()));
        ids.extend(YearMetric::ALL.iter().map(|m| m.id()));
        ids.extend(CheckInMetric::ALL.iter().map(|m| m.id()));
        ids.extend(TimingMetric::ALL.iter().map(|m| m.id()));
        ids.extend(QuarterMetric::ALL.iter().map(|m| m.id()));
        ids.extend(CapacityMetric::ALL.iter().map(|m| m.id()));
        for column in StageColumn::ALL {
            ids.extend(Stage::ALL.map(|s| StageMetric(column, s).id()));
        }
        for planned in [false, true] {
            ids.extend((0..RateMetric::COUNT).map(|rate| RateMetric { planned, rate }.id()));
        }
        ids
    }

    #[test]
    fn no_two_metrics_share_an_id() {
        let ids = every_id();
        let unique: HashSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
    }

    #[test]
    fn ids_are_lower_snake_case() {
        for id in every_id() {
            assert!(
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{id}"
            );
        }
    }

    #[test]
    fn stage_ids_name_their_column_and_stage() {
        assert_eq!(
            StageMetric(StageColumn::PlanToDate, Stage::Opportunities).id(),
            "plan_to_date_opportunities"
        );
        assert_eq!(
            StageMetric(StageColumn::Pace, Stage::Wins).id(),
            "pace_wins"
        );
        assert_eq!(
            RateMetric {
                planned: true,
                rate: 2
            }
            .id(),
            "planned_sql_to_opp"
        );
    }

    #[test]
    fn every_segment_metric_is_prefixed() {
        for m in SegmentMetric::ALL {
            assert!(m.id().starts_with("segment_"), "{}", m.id());
        }
        for m in YearMetric::ALL {
            assert!(m.id().starts_with("year_"), "{}", m.id());
        }
        for m in LeverMetric::ALL {
            assert!(m.id().starts_with("lever_"), "{}", m.id());
        }
        for m in QuarterMetric::ALL {
            assert!(m.id().starts_with("quarter_"), "{}", m.id());
        }
    }
}
