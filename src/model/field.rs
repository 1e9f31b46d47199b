//! The inputs of a scenario, their names and their valid ranges.

use super::SegmentPart;
use std::fmt;

/// One part of a channel row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChannelPart {
    Name,
    Share,
    CostPerLead,
    LeadToMql,
    /// The segment whose funnel the channel's leads take (0-based).
    Segment,
}

/// An input of the scenario. Channel parts carry the channel's 0-based index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Currency,
    RevenueGoal,
    RecurringRevenue,
    /// Marketing-sourced revenue closing this year from leads made before it.
    PipelineRevenue,
    DealSize,
    SpendPct,
    MarketingSourcedPct,
    LeadToMqlPct,
    MqlToSqlPct,
    SqlToOppPct,
    WinRatePct,
    SalesCycleMonths,
    GrossMarginPct,
    LifetimeValue,
    /// The channel mix as a whole (count, shares adding up to more than 100%).
    Channels,
    Channel(usize, ChannelPart),
    /// The set of segments as a whole (count, shares adding up to 100%, unique names).
    Segments,
    /// One part of a segment, with the segment's 0-based index.
    Segment(usize, SegmentPart),
    CutPct,
    CutFromMonth,
    /// The team's agreed definition of a marketing-qualified lead (free text).
    MqlDefinition,
    /// The team's agreed definition of a sales-qualified lead (free text).
    SqlDefinition,
    /// The four quarters' shares of the year's new revenue (docs/model.md, "Timing").
    Seasonality,
    /// The four quarters' shares of the marketing budget.
    BudgetPhasing,
    /// Account executives (optional; docs/model.md, "Sales capacity").
    AeCount,
    /// New revenue one account executive closes a year (optional).
    AeQuota,
    /// People who work MQLs (optional).
    SdrCount,
    /// MQLs one of them works a month (optional).
    SdrMqlsPerMonth,
}

/// The most account executives, or SDRs, a plan can have: a sales floor
/// of 5,000 is beyond any plan this planner is for, and a typo (10000 for
/// 10) should read as one.
pub const MAX_TEAM: f64 = 5_000.0;
/// The most MQLs one SDR can work in a month (about 450 a working day).
pub const MAX_MQLS_PER_SDR_MONTH: f64 = 10_000.0;

/// An invalid input: which field, and a message that names it and its range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub field: Field,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Field {
    /// The scenario fields with one value each, in the order the page shows them.
    pub const SCALARS: [Field; 26] = [
        Field::Name,
        Field::Currency,
        Field::RevenueGoal,
        Field::RecurringRevenue,
        Field::PipelineRevenue,
        Field::DealSize,
        Field::SpendPct,
        Field::MarketingSourcedPct,
        Field::LeadToMqlPct,
        Field::MqlToSqlPct,
        Field::SqlToOppPct,
        Field::WinRatePct,
        Field::SalesCycleMonths,
        Field::GrossMarginPct,
        Field::LifetimeValue,
        Field::CutPct,
        Field::CutFromMonth,
        Field::Channels,
        Field::MqlDefinition,
        Field::SqlDefinition,
        Field::Seasonality,
        Field::BudgetPhasing,
        Field::AeCount,
        Field::AeQuota,
        Field::SdrCount,
        Field::SdrMqlsPerMonth,
    ];

    /// The optional inputs of "Sales capacity": blank means not planned.
    pub const CAPACITY: [Field; 4] = [
        Field::AeCount,
        Field::AeQuota,
        Field::SdrCount,
        Field::SdrMqlsPerMonth,
    ];

    /// The share-link parameter name (docs/model.md). Channel parts share `channel`.
    pub fn param(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Currency => "currency",
            Field::RevenueGoal => "revenue_goal",
            Field::RecurringRevenue => "recurring_revenue",
            Field::PipelineRevenue => "pipeline_revenue",
            Field::DealSize => "deal_size",
            Field::SpendPct => "spend_pct",
            Field::MarketingSourcedPct => "marketing_sourced_pct",
            Field::LeadToMqlPct => "lead_to_mql_pct",
            Field::MqlToSqlPct => "mql_to_sql_pct",
            Field::SqlToOppPct => "sql_to_opp_pct",
            Field::WinRatePct => "win_rate_pct",
            Field::SalesCycleMonths => "sales_cycle_months",
            Field::GrossMarginPct => "gross_margin_pct",
            Field::LifetimeValue => "lifetime_value",
            Field::Channels | Field::Channel(..) => "channel",
            Field::Segments | Field::Segment(..) => "segment",
            Field::CutPct => "cut_pct",
            Field::CutFromMonth => "cut_from_month",
            Field::MqlDefinition => "mql_definition",
            Field::SqlDefinition => "sql_definition",
            Field::Seasonality => "seasonality",
            Field::BudgetPhasing => "budget_phasing",
            Field::AeCount => "ae_count",
            Field::AeQuota => "ae_quota",
            Field::SdrCount => "sdr_count",
            Field::SdrMqlsPerMonth => "sdr_mqls_per_month",
        }
    }

    /// A rate: a fraction in the model, a percentage in the UI, links and CSV.
    pub fn is_percent(self) -> bool {
        matches!(
            self,
            Field::SpendPct
                | Field::MarketingSourcedPct
                | Field::LeadToMqlPct
                | Field::MqlToSqlPct
                | Field::SqlToOppPct
                | Field::WinRatePct
                | Field::GrossMarginPct
                | Field::CutPct
                | Field::Seasonality
                | Field::BudgetPhasing
                | Field::Channel(_, ChannelPart::Share | ChannelPart::LeadToMql)
                | Field::Segment(
                    _,
                    SegmentPart::RevenueShare
                        | SegmentPart::MarketingSourced
                        | SegmentPart::WinRate
                        | SegmentPart::SqlToOpp
                        | SegmentPart::MqlToSql
                )
        )
    }

    /// The label a person reads, capitalised.
    pub fn label(self) -> String {
        match self {
            Field::Name => "Scenario name".into(),
            Field::Currency => "Currency".into(),
            Field::RevenueGoal => "Revenue goal".into(),
            Field::RecurringRevenue => "Revenue from existing customers".into(),
            Field::PipelineRevenue => "Pipeline closing this year".into(),
            Field::DealSize => "Average deal size".into(),
            Field::SpendPct => "Marketing budget".into(),
            Field::MarketingSourcedPct => "Marketing-sourced share of new deals".into(),
            Field::LeadToMqlPct => "Lead → MQL rate".into(),
            Field::MqlToSqlPct => "MQL → SQL rate".into(),
            Field::SqlToOppPct => "SQL → opportunity rate".into(),
            Field::WinRatePct => "Win rate".into(),
            Field::SalesCycleMonths => "Sales cycle".into(),
            Field::GrossMarginPct => "Gross margin".into(),
            Field::LifetimeValue => "Customer lifetime value".into(),
            Field::Channels => "Channel mix".into(),
            Field::Channel(i, part) => {
                let part = match part {
                    ChannelPart::Name => "name",
                    ChannelPart::Share => "budget share",
                    ChannelPart::CostPerLead => "cost per lead",
                    ChannelPart::LeadToMql => "lead → MQL rate",
                    ChannelPart::Segment => "segment",
                };
                format!("Channel {} {part}", i + 1)
            }
            Field::Segments => "Segments".into(),
            Field::Segment(i, part) => {
                let part = match part {
                    SegmentPart::Name => "name".to_string(),
                    SegmentPart::RevenueShare => "share of new revenue".to_string(),
                    other => other.default_field().map(Field::noun).unwrap_or_default(),
                };
                format!("Segment {} {part}", i + 1)
            }
            Field::CutPct => "Budget cut".into(),
            Field::CutFromMonth => "Month the cut starts".into(),
            Field::MqlDefinition => "MQL definition".into(),
            Field::SqlDefinition => "SQL definition".into(),
            Field::Seasonality => "Seasonality".into(),
            Field::BudgetPhasing => "Budget phasing".into(),
            Field::AeCount => "Number of account executives".into(),
            Field::AeQuota => "Quota per account executive".into(),
            Field::SdrCount => "Number of SDRs".into(),
            Field::SdrMqlsPerMonth => "MQLs one SDR works a month".into(),
        }
    }

    /// The label inside a sentence ("needs a valid win rate").
    pub fn noun(self) -> String {
        if self == Field::Segments {
            return "split into segments".into();
        }
        let label = self.label();
        // Keep acronyms (MQL, SQL) as they are; lower-case only a leading word.
        let mut chars = label.chars();
        match chars.next() {
            Some(first) if chars.clone().next().is_some_and(|c| c.is_ascii_lowercase()) => {
                std::iter::once(first.to_ascii_lowercase())
                    .chain(chars)
                    .collect()
            }
            _ => label,
        }
    }

    /// Where this input's valid range is stated, e.g. "above 0% and at most 100%".
    pub fn range_text(self) -> &'static str {
        match self {
            Field::Name => "1 to 80 characters long",
            Field::Currency => "one of the supported currencies",
            Field::RevenueGoal | Field::DealSize | Field::LifetimeValue => {
                "above 0 and at most 10 trillion"
            }
            Field::RecurringRevenue | Field::PipelineRevenue => "between 0 and 10 trillion",
            Field::SpendPct
            | Field::LeadToMqlPct
            | Field::MqlToSqlPct
            | Field::SqlToOppPct
            | Field::WinRatePct
            | Field::GrossMarginPct
            | Field::Channel(_, ChannelPart::LeadToMql) => "above 0% and at most 100%",
            Field::MarketingSourcedPct | Field::CutPct | Field::Channel(_, ChannelPart::Share) => {
                "between 0% and 100%"
            }
            Field::SalesCycleMonths => "a whole number of months from 0 to 24",
            Field::CutFromMonth => "a whole month from 1 to 12",
            Field::Channels => "1 to 12 channels whose shares add up to at most 100%",
            Field::Channel(_, ChannelPart::Segment) => "one of the plan's segments",
            Field::Segments => "1 to 6 segments with different names whose shares add up to 100%",
            Field::Segment(_, SegmentPart::Name) => "1 to 40 characters long, without ~",
            Field::Segment(_, SegmentPart::RevenueShare) => "above 0% and at most 100%",
            Field::Segment(_, part) => part.default_field().map_or("", Field::range_text),
            Field::Channel(_, ChannelPart::Name) => "1 to 40 characters long, without ~",
            Field::Channel(_, ChannelPart::CostPerLead) => "above 0 and at most 10 trillion",
            Field::MqlDefinition | Field::SqlDefinition => {
                "at most 280 characters, without control characters"
            }
            Field::Seasonality | Field::BudgetPhasing => {
                "four quarter shares, each between 0% and 100%, adding up to 100%"
            }
            Field::AeCount | Field::SdrCount => "a whole number from 1 to 5,000, or blank",
            Field::AeQuota => "above 0 and at most 10 trillion, or blank",
            Field::SdrMqlsPerMonth => "above 0 and at most 10,000, or blank",
        }
    }

    /// "Win rate must be above 0% and at most 100%".
    pub fn error(self) -> InputError {
        InputError {
            field: self,
            message: format!("{} must be {}", self.label(), self.range_text()),
        }
    }

    /// The id of the element that shows this field's error on the page.
    pub fn dom_id(self) -> String {
        match self {
            Field::Channel(i, _) => format!("channel-{i}"),
            Field::Channels => "channels".to_string(),
            Field::Segment(i, _) => format!("segment-{i}"),
            Field::Segments => "segments".to_string(),
            other => other.param().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Field;

    #[test]
    fn a_label_inside_a_sentence_lowercases_only_a_leading_word() {
        assert_eq!(Field::WinRatePct.noun(), "win rate");
        assert_eq!(Field::LeadToMqlPct.noun(), "lead → MQL rate");
        assert_eq!(Field::MqlToSqlPct.noun(), "MQL → SQL rate");
        assert_eq!(Field::SpendPct.noun(), "marketing budget");
    }
}
