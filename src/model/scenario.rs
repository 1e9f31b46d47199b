//! A scenario: the inputs of one plan, and their validation.

use super::field::{MAX_MQLS_PER_SDR_MONTH, MAX_TEAM};
use super::{
    ChannelPart, Field, InputError, MAX_SEGMENTS, Metric, MultiYear, QuarterShares, Segment,
    SegmentPart, Tracking, Undefined,
};
use serde::{Deserialize, Serialize};

/// The largest amount of money the planner accepts (docs/model.md: ≤ 1e13).
pub const MONEY_MAX: f64 = 1e13;
/// At most this many channels.
pub const MAX_CHANNELS: usize = 12;
/// Supported ISO 4217 codes, the common ones first.
pub const CURRENCIES: [&str; 16] = [
    "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "NZD", "SGD", "SEK", "NOK", "DKK",
    "BRL", "MXN", "ZAR",
];

/// One marketing channel of the mix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Channel {
    pub name: String,
    /// Share of the marketing budget, a fraction.
    pub share: f64,
    /// Cost per lead, in the scenario's currency.
    pub cost_per_lead: f64,
    /// Lead → MQL rate, a fraction; `None` inherits the scenario's rate.
    pub lead_to_mql: Option<f64>,
    /// The segment (0-based) whose funnel this channel's leads take.
    pub segment: usize,
}

impl Default for Channel {
    fn default() -> Self {
        Channel {
            name: "New channel".into(),
            share: 0.0,
            cost_per_lead: 200.0,
            lead_to_mql: None,
            segment: 0,
        }
    }
}

impl Channel {
    pub fn new(name: &str, share: f64, cost_per_lead: f64, lead_to_mql: Option<f64>) -> Self {
        Channel {
            name: name.into(),
            share,
            cost_per_lead,
            lead_to_mql,
            segment: 0,
        }
    }

    /// The same channel, feeding segment `segment` (0-based).
    pub fn in_segment(self, segment: usize) -> Self {
        Channel { segment, ..self }
    }
}

/// The inputs of one plan, as the person entered them. Rates are fractions.
///
/// Values may be invalid (a number typed out of range is kept so nothing is
/// lost); [`Scenario::errors`] says which, and the plan shows "—" for what
/// depends on them. `#[serde(default)]` lets older saved data load when
/// fields are added.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    pub name: String,
    pub currency: String,
    pub revenue_goal: f64,
    pub recurring_revenue: f64,
    /// Marketing-sourced revenue expected to close in the plan year from
    /// leads made before it (the open pipeline at the start of the year).
    pub pipeline_revenue: f64,
    pub deal_size: f64,
    /// Marketing budget as a fraction of the revenue goal.
    pub spend: f64,
    pub marketing_sourced: f64,
    pub lead_to_mql: f64,
    pub mql_to_sql: f64,
    pub sql_to_opp: f64,
    pub win_rate: f64,
    /// Whole months; kept as typed so "7.5" can be shown as an error.
    pub sales_cycle_months: f64,
    pub gross_margin: f64,
    pub lifetime_value: f64,
    pub channels: Vec<Channel>,
    /// The kinds of deal, 1–6 (docs/model.md, "Segments"); older saved
    /// data has none recorded and gets the one segment "All deals".
    pub segments: Vec<Segment>,
    /// Budget cut for the what-if, a fraction.
    pub cut: f64,
    /// Month of the plan year (1–12) the cut starts.
    pub cut_from_month: f64,
    /// What the team agreed counts as an MQL; empty when not recorded.
    pub mql_definition: String,
    /// What the team agreed counts as an SQL; empty when not recorded.
    pub sql_definition: String,
    /// The plan-year start and check-ins of actuals (absent in older data).
    #[serde(default)]
    pub tracking: Tracking,
    /// Growth, horizon and per-year changes of the multi-year view.
    #[serde(default)]
    pub multi_year: MultiYear,
    /// Each quarter's share of the year's new revenue (docs/model.md,
    /// "Timing"); even (25% each) in older saved data.
    pub seasonality: QuarterShares,
    /// Each quarter's share of the marketing budget; even in older data.
    pub budget_phasing: QuarterShares,
    /// Account executives; `None` (blank) when sales capacity is not planned.
    pub ae_count: Option<f64>,
    /// New revenue one account executive closes a year; `None` when not planned.
    pub ae_quota: Option<f64>,
    /// People who work MQLs; `None` when not planned.
    pub sdr_count: Option<f64>,
    /// MQLs one SDR works a month; `None` when not planned.
    pub sdr_mqls_per_month: Option<f64>,
}

impl Default for Scenario {
    /// A sales-led B2B company, with funnel medians and costs per lead from
    /// the published benchmarks (docs/benchmarks.md): example figures to replace.
    fn default() -> Self {
        Scenario {
            name: "FY27 growth plan".into(),
            currency: "USD".into(),
            revenue_goal: 12_000_000.0,
            recurring_revenue: 6_000_000.0,
            pipeline_revenue: 0.0,
            deal_size: 60_000.0,
            spend: 0.09,
            marketing_sourced: 0.50,
            lead_to_mql: 0.26,
            mql_to_sql: 0.36,
            sql_to_opp: 0.44,
            win_rate: 0.22,
            sales_cycle_months: 4.0,
            gross_margin: 0.75,
            lifetime_value: 135_000.0,
            channels: vec![
                Channel::new("Paid search", 0.35, 310.0, Some(0.26)),
                Channel::new("Content & SEO", 0.25, 164.0, Some(0.22)),
                Channel::new("Events", 0.20, 400.0, Some(0.30)),
                Channel::new("LinkedIn ads", 0.20, 250.0, Some(0.18)),
            ],
            segments: vec![Segment::default()],
            cut: 0.20,
            cut_from_month: 7.0,
            mql_definition: String::new(),
            sql_definition: String::new(),
            tracking: Tracking::default(),
            multi_year: MultiYear::default(),
            seasonality: QuarterShares::EVEN,
            budget_phasing: QuarterShares::EVEN,
            ae_count: None,
            ae_quota: None,
            sdr_count: None,
            sdr_mqls_per_month: None,
        }
    }
}

fn in_range(v: f64, low: f64, low_inclusive: bool, high: f64) -> bool {
    v.is_finite() && (if low_inclusive { v >= low } else { v > low }) && v <= high
}

fn valid_text(text: &str, max_chars: usize) -> bool {
    let count = text.trim().chars().count();
    (1..=max_chars).contains(&count) && !text.chars().any(char::is_control)
}

/// The longest definition of an MQL or SQL: a sentence or two.
pub const DEFINITION_MAX_CHARS: usize = 280;

/// Free text that may be empty and may span lines, but holds no other
/// control characters (they would garble the page, CSV and links).
fn valid_note(text: &str, max_chars: usize) -> bool {
    text.chars().count() <= max_chars && !text.chars().any(|c| c.is_control() && c != '\n')
}

fn is_whole(v: f64, low: f64, high: f64) -> bool {
    v.is_finite() && v.fract() == 0.0 && v >= low && v <= high
}

/// What is wrong with a seasonality or phasing, naming the quarter or the
/// total, as the segment-share message does.
fn quarter_shares_message(field: Field, shares: QuarterShares) -> String {
    if let Some(q) = shares.bad_quarter() {
        return format!("{} Q{} must be between 0% and 100%", field.label(), q + 1);
    }
    let total = shares.total() * 100.0;
    format!(
        "{} shares add up to {}%: the four quarters must add up to 100%",
        field.label(),
        (total * 10.0).round() / 10.0
    )
}

impl Scenario {
    /// Sum of the channel shares, as a fraction.
    pub fn allocated_share(&self) -> f64 {
        self.channels.iter().map(|c| c.share).sum()
    }

    fn scalar_valid(&self, field: Field) -> bool {
        let pct = |v: f64| in_range(v, 0.0, false, 1.0);
        match field {
            Field::Name => valid_text(&self.name, 80),
            Field::Currency => CURRENCIES.contains(&self.currency.as_str()),
            Field::RevenueGoal => in_range(self.revenue_goal, 0.0, false, MONEY_MAX),
            Field::RecurringRevenue => in_range(self.recurring_revenue, 0.0, true, MONEY_MAX),
            Field::PipelineRevenue => in_range(self.pipeline_revenue, 0.0, true, MONEY_MAX),
            Field::DealSize => in_range(self.deal_size, 0.0, false, MONEY_MAX),
            Field::SpendPct => pct(self.spend),
            Field::MarketingSourcedPct => in_range(self.marketing_sourced, 0.0, true, 1.0),
            Field::LeadToMqlPct => pct(self.lead_to_mql),
            Field::MqlToSqlPct => pct(self.mql_to_sql),
            Field::SqlToOppPct => pct(self.sql_to_opp),
            Field::WinRatePct => pct(self.win_rate),
            Field::SalesCycleMonths => is_whole(self.sales_cycle_months, 0.0, 24.0),
            Field::GrossMarginPct => pct(self.gross_margin),
            Field::LifetimeValue => in_range(self.lifetime_value, 0.0, false, MONEY_MAX),
            Field::CutPct => in_range(self.cut, 0.0, true, 1.0),
            Field::CutFromMonth => is_whole(self.cut_from_month, 1.0, 12.0),
            Field::Channels => {
                (1..=MAX_CHANNELS).contains(&self.channels.len())
                    && self.channels.iter().all(|c| in_range(c.share, 0.0, true, 1.0))
                    // A hair of tolerance so 33.3 + 33.3 + 33.4 is not an error.
                    && self.allocated_share() <= 1.0 + 1e-9
            }
            Field::Channel(i, part) => self.channel_part_valid(i, part),
            Field::Segments => self.segments_valid(),
            Field::Segment(i, part) => self.segment_part_valid(i, part),
            Field::MqlDefinition => valid_note(&self.mql_definition, DEFINITION_MAX_CHARS),
            Field::SqlDefinition => valid_note(&self.sql_definition, DEFINITION_MAX_CHARS),
            Field::Seasonality => self.seasonality.valid(),
            Field::BudgetPhasing => self.budget_phasing.valid(),
            // Blank is valid: not planned.
            Field::AeCount => self.ae_count.is_none_or(|v| is_whole(v, 1.0, MAX_TEAM)),
            Field::SdrCount => self.sdr_count.is_none_or(|v| is_whole(v, 1.0, MAX_TEAM)),
            Field::AeQuota => self
                .ae_quota
                .is_none_or(|v| in_range(v, 0.0, false, MONEY_MAX)),
            Field::SdrMqlsPerMonth => self
                .sdr_mqls_per_month
                .is_none_or(|v| in_range(v, 0.0, false, MAX_MQLS_PER_SDR_MONTH)),
        }
    }

    fn channel_part_valid(&self, index: usize, part: ChannelPart) -> bool {
        let Some(c) = self.channels.get(index) else {
            return false;
        };
        match part {
            ChannelPart::Name => valid_text(&c.name, 40) && !c.name.contains('~'),
            ChannelPart::Share => in_range(c.share, 0.0, true, 1.0),
            ChannelPart::CostPerLead => in_range(c.cost_per_lead, 0.0, false, MONEY_MAX),
            ChannelPart::LeadToMql => c.lead_to_mql.is_none_or(|r| in_range(r, 0.0, false, 1.0)),
            ChannelPart::Segment => c.segment < self.segments.len(),
        }
    }

    /// The error for `field`, if its value is invalid.
    pub fn error(&self, field: Field) -> Option<InputError> {
        if self.scalar_valid(field) {
            return None;
        }
        let mut error = field.error();
        if field == Field::Channels && self.channels.len() <= MAX_CHANNELS {
            let total = self.allocated_share() * 100.0;
            if total.is_finite() && total > 100.0 {
                error.message = format!(
                    "Channel shares add up to {}%: they must add up to at most 100%",
                    (total * 10.0).round() / 10.0
                );
            }
        }
        if field == Field::Segments {
            error.message = self.segments_message();
        }
        if let Some(shares) = self.quarter_shares(field) {
            error.message = quarter_shares_message(field, shares);
        }
        Some(error)
    }

    /// The seasonality or budget phasing, for those two fields.
    pub fn quarter_shares(&self, field: Field) -> Option<QuarterShares> {
        match field {
            Field::Seasonality => Some(self.seasonality),
            Field::BudgetPhasing => Some(self.budget_phasing),
            _ => None,
        }
    }

    /// Stores quarter `q`'s (0-based) share of the seasonality or budget
    /// phasing, as typed; `errors` reports a set that is invalid.
    pub fn set_quarter_share(&mut self, field: Field, q: usize, share: f64) {
        let shares = match field {
            Field::Seasonality => &mut self.seasonality,
            Field::BudgetPhasing => &mut self.budget_phasing,
            _ => return,
        };
        if let Some(slot) = shares.0.get_mut(q) {
            *slot = share;
        }
    }

    /// Blanks an optional capacity input (not planned) or sets it.
    pub fn set_optional(&mut self, field: Field, value: Option<f64>) {
        let slot = match field {
            Field::AeCount => &mut self.ae_count,
            Field::AeQuota => &mut self.ae_quota,
            Field::SdrCount => &mut self.sdr_count,
            Field::SdrMqlsPerMonth => &mut self.sdr_mqls_per_month,
            _ => return,
        };
        *slot = value;
    }

    /// What is wrong with the set of segments, in words that name it.
    fn segments_message(&self) -> String {
        let n = self.segments.len();
        if !(1..=MAX_SEGMENTS).contains(&n) {
            return format!("A plan has 1 to {MAX_SEGMENTS} segments, not {n}");
        }
        if let Some(name) = self.duplicate_segment_name() {
            return format!("Two segments are named “{name}”: each needs a name of its own");
        }
        let total = self.segment_share_total() * 100.0;
        if total.is_finite() {
            format!(
                "Segment shares add up to {}%: they must add up to 100%",
                (total * 10.0).round() / 10.0
            )
        } else {
            Field::Segments.error().message
        }
    }

    /// Every invalid input, in page order.
    pub fn errors(&self) -> Vec<InputError> {
        let channel_fields = (0..self.channels.len()).flat_map(|i| {
            [
                ChannelPart::Name,
                ChannelPart::Share,
                ChannelPart::CostPerLead,
                ChannelPart::LeadToMql,
                ChannelPart::Segment,
            ]
            .map(|part| Field::Channel(i, part))
        });
        let segment_fields = std::iter::once(Field::Segments).chain(
            (0..self.segments.len())
                .flat_map(|i| SegmentPart::ALL.map(|part| Field::Segment(i, part))),
        );
        Field::SCALARS
            .into_iter()
            .chain(segment_fields)
            .chain(channel_fields)
            .filter_map(|f| self.error(f))
            .collect()
    }

    /// Whether every figure is still the example plan's (the published
    /// benchmarks of [`Scenario::default`]): what the page calls examples.
    /// Names, currency, definitions and tracking are not figures.
    pub fn holds_example_figures(&self) -> bool {
        let example = Scenario::default();
        Field::SCALARS
            .into_iter()
            .all(|f| self.number(f).map(f64::to_bits) == example.number(f).map(f64::to_bits))
            && self.channels == example.channels
            && self.segments == example.segments
            && self.seasonality == example.seasonality
            && self.budget_phasing == example.budget_phasing
    }

    /// The stored value of a one-number input (rates as fractions).
    pub fn number(&self, field: Field) -> Option<f64> {
        Some(match field {
            Field::RevenueGoal => self.revenue_goal,
            Field::RecurringRevenue => self.recurring_revenue,
            Field::PipelineRevenue => self.pipeline_revenue,
            Field::DealSize => self.deal_size,
            Field::SpendPct => self.spend,
            Field::MarketingSourcedPct => self.marketing_sourced,
            Field::LeadToMqlPct => self.lead_to_mql,
            Field::MqlToSqlPct => self.mql_to_sql,
            Field::SqlToOppPct => self.sql_to_opp,
            Field::WinRatePct => self.win_rate,
            Field::SalesCycleMonths => self.sales_cycle_months,
            Field::GrossMarginPct => self.gross_margin,
            Field::LifetimeValue => self.lifetime_value,
            Field::CutPct => self.cut,
            Field::CutFromMonth => self.cut_from_month,
            Field::Channel(i, ChannelPart::Share) => self.channels.get(i)?.share,
            Field::Channel(i, ChannelPart::CostPerLead) => self.channels.get(i)?.cost_per_lead,
            Field::Channel(i, ChannelPart::LeadToMql) => self.channels.get(i)?.lead_to_mql?,
            Field::Segment(i, SegmentPart::RevenueShare) => self.segments.get(i)?.revenue_share,
            Field::Segment(i, part) => self.segments.get(i)?.override_of(part)?,
            Field::AeCount => self.ae_count?,
            Field::AeQuota => self.ae_quota?,
            Field::SdrCount => self.sdr_count?,
            Field::SdrMqlsPerMonth => self.sdr_mqls_per_month?,
            Field::Name
            | Field::Seasonality
            | Field::BudgetPhasing
            | Field::Segments
            | Field::Channel(_, ChannelPart::Segment)
            | Field::Currency
            | Field::Channels
            | Field::MqlDefinition
            | Field::SqlDefinition
            | Field::Channel(_, ChannelPart::Name) => {
                return None;
            }
        })
    }

    /// The stored text of a text input (name, currency, definitions).
    pub fn text(&self, field: Field) -> Option<&str> {
        Some(match field {
            Field::Name => &self.name,
            Field::Currency => &self.currency,
            Field::MqlDefinition => &self.mql_definition,
            Field::SqlDefinition => &self.sql_definition,
            _ => return None,
        })
    }

    /// Stores a text input as typed (line breaks normalised to `\n`);
    /// `errors` reports it if it is invalid.
    pub fn set_text(&mut self, field: Field, text: &str) {
        let slot = match field {
            Field::Name => &mut self.name,
            Field::Currency => &mut self.currency,
            Field::MqlDefinition => &mut self.mql_definition,
            Field::SqlDefinition => &mut self.sql_definition,
            _ => return,
        };
        *slot = text.replace("\r\n", "\n").replace('\r', "\n");
    }

    /// Stores a one-number input (rates as fractions). Invalid values are
    /// kept, so what a person typed is never lost; `errors` reports them.
    pub fn set_number(&mut self, field: Field, value: f64) {
        let slot = match field {
            Field::RevenueGoal => &mut self.revenue_goal,
            Field::RecurringRevenue => &mut self.recurring_revenue,
            Field::PipelineRevenue => &mut self.pipeline_revenue,
            Field::DealSize => &mut self.deal_size,
            Field::SpendPct => &mut self.spend,
            Field::MarketingSourcedPct => &mut self.marketing_sourced,
            Field::LeadToMqlPct => &mut self.lead_to_mql,
            Field::MqlToSqlPct => &mut self.mql_to_sql,
            Field::SqlToOppPct => &mut self.sql_to_opp,
            Field::WinRatePct => &mut self.win_rate,
            Field::SalesCycleMonths => &mut self.sales_cycle_months,
            Field::GrossMarginPct => &mut self.gross_margin,
            Field::LifetimeValue => &mut self.lifetime_value,
            Field::CutPct => &mut self.cut,
            Field::CutFromMonth => &mut self.cut_from_month,
            Field::Channel(i, part) => {
                let Some(channel) = self.channels.get_mut(i) else {
                    return;
                };
                match part {
                    ChannelPart::Share => &mut channel.share,
                    ChannelPart::CostPerLead => &mut channel.cost_per_lead,
                    ChannelPart::LeadToMql => {
                        channel.lead_to_mql = Some(value);
                        return;
                    }
                    ChannelPart::Name | ChannelPart::Segment => return,
                }
            }
            Field::Segment(i, part) => {
                if let Some(segment) = self.segments.get_mut(i) {
                    segment.set_override(part, Some(value));
                }
                return;
            }
            Field::AeCount | Field::AeQuota | Field::SdrCount | Field::SdrMqlsPerMonth => {
                self.set_optional(field, Some(value));
                return;
            }
            Field::Name
            | Field::Seasonality
            | Field::BudgetPhasing
            | Field::Segments
            | Field::Currency
            | Field::Channels
            | Field::MqlDefinition
            | Field::SqlDefinition => return,
        };
        *slot = value;
    }

    /// The value of a numeric input as a model metric: undefined when invalid.
    pub(crate) fn input(&self, field: Field) -> Metric {
        if !self.scalar_valid(field) {
            return Metric::undefined(Undefined::Invalid(field));
        }
        match (field, self.number(field)) {
            (_, Some(value)) => Metric::of(value),
            // A channel without its own rate inherits the scenario's.
            (Field::Channel(_, ChannelPart::LeadToMql), None) => self.input(Field::LeadToMqlPct),
            (_, None) => Metric::undefined(Undefined::Invalid(field)),
        }
    }
}
