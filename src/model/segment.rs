//! Segments: kinds of deal, each with its own funnel (docs/model.md,
//! "Segments").
//!
//! The scenario's own deal size, rates, cycle and lifetime value are the
//! defaults; a segment overrides any of them. A plan has 1–6 segments whose
//! shares of new revenue add up to 100%, and every channel feeds one.

use super::{Field, MONEY_MAX, Metric, Scenario, Undefined};
use serde::{Deserialize, Serialize};

/// At most this many segments.
pub const MAX_SEGMENTS: usize = 6;
/// The name of a plan's only segment when nobody has named one.
pub const ALL_DEALS: &str = "All deals";

/// A part of a segment: its name, its share, or one overridable default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentPart {
    Name,
    RevenueShare,
    DealSize,
    MarketingSourced,
    WinRate,
    SqlToOpp,
    MqlToSql,
    SalesCycle,
    LifetimeValue,
}

impl SegmentPart {
    /// The defaults a segment can override, in the share link's order.
    pub const OVERRIDES: [SegmentPart; 7] = [
        SegmentPart::DealSize,
        SegmentPart::MarketingSourced,
        SegmentPart::WinRate,
        SegmentPart::SqlToOpp,
        SegmentPart::MqlToSql,
        SegmentPart::SalesCycle,
        SegmentPart::LifetimeValue,
    ];

    /// Every part, in the order the page and the share link show them.
    pub const ALL: [SegmentPart; 9] = [
        SegmentPart::Name,
        SegmentPart::RevenueShare,
        SegmentPart::DealSize,
        SegmentPart::MarketingSourced,
        SegmentPart::WinRate,
        SegmentPart::SqlToOpp,
        SegmentPart::MqlToSql,
        SegmentPart::SalesCycle,
        SegmentPart::LifetimeValue,
    ];

    /// The scenario-wide input this part overrides, if it is an override.
    pub fn default_field(self) -> Option<Field> {
        Some(match self {
            SegmentPart::DealSize => Field::DealSize,
            SegmentPart::MarketingSourced => Field::MarketingSourcedPct,
            SegmentPart::WinRate => Field::WinRatePct,
            SegmentPart::SqlToOpp => Field::SqlToOppPct,
            SegmentPart::MqlToSql => Field::MqlToSqlPct,
            SegmentPart::SalesCycle => Field::SalesCycleMonths,
            SegmentPart::LifetimeValue => Field::LifetimeValue,
            SegmentPart::Name | SegmentPart::RevenueShare => return None,
        })
    }
}

/// One kind of deal. `None` overrides take the scenario's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Segment {
    pub name: String,
    /// Share of new revenue, a fraction.
    pub revenue_share: f64,
    pub deal_size: Option<f64>,
    pub marketing_sourced: Option<f64>,
    pub win_rate: Option<f64>,
    pub sql_to_opp: Option<f64>,
    pub mql_to_sql: Option<f64>,
    /// Whole months; kept as typed so "7.5" can be shown as an error.
    pub sales_cycle_months: Option<f64>,
    pub lifetime_value: Option<f64>,
}

impl Default for Segment {
    /// A plan's only segment: all deals, no overrides.
    fn default() -> Self {
        Segment::named(ALL_DEALS, 1.0)
    }
}

impl Segment {
    /// A segment with no overrides.
    pub fn named(name: &str, revenue_share: f64) -> Self {
        Segment {
            name: name.into(),
            revenue_share,
            deal_size: None,
            marketing_sourced: None,
            win_rate: None,
            sql_to_opp: None,
            mql_to_sql: None,
            sales_cycle_months: None,
            lifetime_value: None,
        }
    }

    /// The override stored for `part` (`None` for name and share, or when
    /// the segment takes the default).
    pub fn override_of(&self, part: SegmentPart) -> Option<f64> {
        match part {
            SegmentPart::DealSize => self.deal_size,
            SegmentPart::MarketingSourced => self.marketing_sourced,
            SegmentPart::WinRate => self.win_rate,
            SegmentPart::SqlToOpp => self.sql_to_opp,
            SegmentPart::MqlToSql => self.mql_to_sql,
            SegmentPart::SalesCycle => self.sales_cycle_months,
            SegmentPart::LifetimeValue => self.lifetime_value,
            SegmentPart::Name | SegmentPart::RevenueShare => None,
        }
    }

    /// Sets (`Some`) or clears (`None`) the override for `part`.
    pub fn set_override(&mut self, part: SegmentPart, value: Option<f64>) {
        let slot = match part {
            SegmentPart::DealSize => &mut self.deal_size,
            SegmentPart::MarketingSourced => &mut self.marketing_sourced,
            SegmentPart::WinRate => &mut self.win_rate,
            SegmentPart::SqlToOpp => &mut self.sql_to_opp,
            SegmentPart::MqlToSql => &mut self.mql_to_sql,
            SegmentPart::SalesCycle => &mut self.sales_cycle_months,
            SegmentPart::LifetimeValue => &mut self.lifetime_value,
            SegmentPart::Name => return,
            SegmentPart::RevenueShare => {
                if let Some(v) = value {
                    self.revenue_share = v;
                }
                return;
            }
        };
        *slot = value;
    }

    /// Whether the segment overrides nothing.
    pub fn has_no_overrides(&self) -> bool {
        SegmentPart::OVERRIDES
            .iter()
            .all(|&p| self.override_of(p).is_none())
    }
}

/// The funnel of one segment: each value its override, else the default,
/// as a metric (undefined when the value it takes is invalid).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Funnel {
    pub deal_size: Metric,
    pub marketing_sourced: Metric,
    pub win_rate: Metric,
    pub sql_to_opp: Metric,
    pub mql_to_sql: Metric,
    pub sales_cycle: Metric,
    pub lifetime_value: Metric,
}

impl Scenario {
    /// Sum of the segments' shares of new revenue, as a fraction.
    pub fn segment_share_total(&self) -> f64 {
        self.segments.iter().map(|g| g.revenue_share).sum()
    }

    /// Whether the set of segments is valid: 1–6, unique names, shares
    /// adding up to 100% (a hair of tolerance, as docs/model.md allows).
    pub(super) fn segments_valid(&self) -> bool {
        let count_ok = (1..=MAX_SEGMENTS).contains(&self.segments.len());
        let names_unique = self.segments.iter().enumerate().all(|(i, g)| {
            self.segments[..i]
                .iter()
                .all(|other| !same_name(&other.name, &g.name))
        });
        let total = self.segment_share_total();
        count_ok && names_unique && total.is_finite() && (total - 1.0).abs() <= 1e-9
    }

    /// The first name that two segments share, if any.
    pub fn duplicate_segment_name(&self) -> Option<&str> {
        self.segments.iter().enumerate().find_map(|(i, g)| {
            self.segments[..i]
                .iter()
                .any(|other| same_name(&other.name, &g.name))
                .then_some(g.name.trim())
        })
    }

    pub(super) fn segment_part_valid(&self, index: usize, part: SegmentPart) -> bool {
        let Some(g) = self.segments.get(index) else {
            return false;
        };
        match part {
            SegmentPart::Name => {
                let n = g.name.trim().chars().count();
                (1..=40).contains(&n)
                    && !g.name.contains('~')
                    && !g.name.chars().any(char::is_control)
            }
            SegmentPart::RevenueShare => {
                g.revenue_share.is_finite() && g.revenue_share > 0.0 && g.revenue_share <= 1.0
            }
            _ => match (g.override_of(part), part.default_field()) {
                (None, _) | (_, None) => true,
                (Some(v), Some(field)) => field_accepts(field, v),
            },
        }
    }

    /// The effective funnel of segment `index` (docs/model.md: override,
    /// else default). An invalid override makes only what uses it undefined.
    pub fn funnel(&self, index: usize) -> Funnel {
        let value = |part: SegmentPart| -> Metric {
            let field = part.default_field().unwrap_or(Field::DealSize);
            match self.segments.get(index).and_then(|g| g.override_of(part)) {
                None => self.input(field),
                Some(v) if field_accepts(field, v) => Metric::of(v),
                Some(_) => Metric::undefined(Undefined::Invalid(Field::Segment(index, part))),
            }
        };
        Funnel {
            deal_size: value(SegmentPart::DealSize),
            marketing_sourced: value(SegmentPart::MarketingSourced),
            win_rate: value(SegmentPart::WinRate),
            sql_to_opp: value(SegmentPart::SqlToOpp),
            mql_to_sql: value(SegmentPart::MqlToSql),
            sales_cycle: value(SegmentPart::SalesCycle),
            lifetime_value: value(SegmentPart::LifetimeValue),
        }
    }

    /// Segment `index`'s share of new revenue, undefined while the set of
    /// segments (or this share) is invalid.
    pub fn segment_share(&self, index: usize) -> Metric {
        if !self.segments_valid() {
            return Metric::undefined(Undefined::Invalid(Field::Segments));
        }
        if !self.segment_part_valid(index, SegmentPart::RevenueShare) {
            return Metric::undefined(Undefined::Invalid(Field::Segment(
                index,
                SegmentPart::RevenueShare,
            )));
        }
        Metric::of(self.segments[index].revenue_share)
    }

    /// Removes segment `index` (never the last one): its channels move to
    /// the first segment, later segments' channels keep theirs.
    ///
    /// When one segment is left it becomes the whole plan, as a plan
    /// without segments reads: 100% of new revenue, named "All deals", its
    /// overrides moved into the plan's own fields (where the page shows
    /// them), so its numbers do not change. Returns the plan fields it
    /// replaced, with their values before, for an undo.
    pub fn remove_segment(&mut self, index: usize) -> Vec<(Field, f64)> {
        if self.segments.len() <= 1 || index >= self.segments.len() {
            return Vec::new();
        }
        self.segments.remove(index);
        for c in &mut self.channels {
            if c.segment == index {
                c.segment = 0;
            } else if c.segment > index {
                c.segment -= 1;
            }
        }
        let mut replaced = Vec::new();
        if self.segments.len() == 1 {
            let kept = std::mem::replace(&mut self.segments[0], Segment::named(ALL_DEALS, 1.0));
            for part in SegmentPart::ALL {
                let (Some(field), Some(value)) = (part.default_field(), kept.override_of(part))
                else {
                    continue;
                };
                if let Some(before) = self.number(field) {
                    replaced.push((field, before));
                }
                self.set_number(field, value);
            }
        }
        replaced
    }

    /// Moves segment `from` to position `to`, its channels with it.
    pub fn move_segment(&mut self, from: usize, to: usize) {
        let n = self.segments.len();
        if from >= n || to >= n || from == to {
            return;
        }
        let segment = self.segments.remove(from);
        self.segments.insert(to, segment);
        // Where each old position ends up.
        let new_index = |old: usize| {
            if old == from {
                to
            } else if from < to && old > from && old <= to {
                old - 1
            } else if to < from && old >= to && old < from {
                old + 1
            } else {
                old
            }
        };
        for c in &mut self.channels {
            if c.segment < n {
                c.segment = new_index(c.segment);
            }
        }
    }

    /// Whether the plan uses segments at all: more than one, or one that
    /// is named or overrides a default. A plan that does not reads as a
    /// plan without segments everywhere (page, link, export).
    pub fn uses_segments(&self) -> bool {
        match self.segments.as_slice() {
            [only] => *only != Segment::default(),
            _ => true,
        }
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Whether `value` is valid for the scenario-wide `field` (each override
/// has its field's own range).
fn field_accepts(field: Field, value: f64) -> bool {
    let finite = value.is_finite();
    match field {
        Field::DealSize | Field::LifetimeValue => finite && value > 0.0 && value <= MONEY_MAX,
        Field::MarketingSourcedPct => finite && (0.0..=1.0).contains(&value),
        Field::WinRatePct | Field::SqlToOppPct | Field::MqlToSqlPct => {
            finite && value > 0.0 && value <= 1.0
        }
        Field::SalesCycleMonths => finite && value.fract() == 0.0 && (0.0..=24.0).contains(&value),
        _ => false,
    }
}
