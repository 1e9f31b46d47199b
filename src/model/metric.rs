//! A metric is a number or the reason it has none.
//!
//! Arithmetic on [`Metric`] propagates the first reason, so every output
//! automatically shows "—" when any input it depends on is invalid, and only
//! those outputs do.

use super::Field;
use std::fmt;
use std::ops::{Add, Div, Mul, Sub};

/// Why a metric has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undefined {
    /// An input it depends on is invalid.
    Invalid(Field),
    /// No budget is allocated to any channel.
    NoSpend,
    /// The budget buys no leads.
    NoFundedLeads,
    /// The budget buys no deals.
    NoFundedWins,
    /// The goal needs no marketing-sourced deals.
    NoMarketingWins,
    /// This channel gets no budget.
    NoChannelBudget,
    /// Coverage is 0: no single lever helps when nothing is funded.
    NothingFunded,
    /// The lever would need a rate above 100%.
    NotReachable,
    /// Leads arriving earlier cannot close the plan-year gap on their own.
    NotByTiming,
    /// Extreme (though valid) inputs overflow what a number can hold.
    TooLarge,
    /// A check-in's date is not a valid date within the plan year.
    InvalidCheckInDate,
    /// A check-in's actual is invalid (negative or not a number).
    InvalidActual,
    /// The actual was left blank.
    NotRecorded,
    /// The plan expects none of this by the check-in's date.
    NothingPlannedYet,
    /// No deal is due yet: the sales cycle has not passed.
    NoDealsDueYet,
    /// The stage a rate is measured from has none (0 or blank).
    NoPriorStage,
    /// A multi-year setting (growth, horizon or a year's change) is invalid.
    InvalidMultiYear,
    /// This segment (0-based) needs marketing-sourced deals but its
    /// channels buy none.
    SegmentNotFunded(usize),
    /// With two or more segments this lever is set in each segment.
    PerSegment,
    /// An optional input it uses was left blank: not planned.
    NotPlanned(Field),
    /// The goal needs no new revenue (recurring revenue covers it).
    NoNewRevenue,
    /// This quarter has no goal to measure against.
    NoQuarterGoal,
}

impl fmt::Display for Undefined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Undefined::Invalid(field) => write!(f, "needs a valid {}", field.noun()),
            Undefined::NoSpend => f.write_str("no budget is allocated to a channel"),
            Undefined::NoFundedLeads => f.write_str("the budget buys no leads"),
            Undefined::NoFundedWins => f.write_str("the budget buys no deals"),
            Undefined::NoMarketingWins => f.write_str("goal met without marketing-sourced deals"),
            Undefined::NoChannelBudget => f.write_str("this channel has no budget"),
            Undefined::NothingFunded => f.write_str("no single lever helps when nothing is funded"),
            Undefined::NotReachable => f.write_str("not reachable by this lever alone"),
            Undefined::NotByTiming => {
                f.write_str("leads arriving earlier cannot close it on their own")
            }
            Undefined::TooLarge => f.write_str("too large to compute"),
            Undefined::InvalidCheckInDate => {
                f.write_str("needs a valid check-in date within the plan year")
            }
            Undefined::InvalidActual => f.write_str("needs a valid actual"),
            Undefined::NotRecorded => f.write_str("not recorded"),
            Undefined::NothingPlannedYet => f.write_str("the plan expects none by this date"),
            Undefined::NoDealsDueYet => {
                f.write_str("no deals are due yet: the sales cycle has not passed")
            }
            Undefined::NoPriorStage => f.write_str("the stage before it has none recorded"),
            Undefined::InvalidMultiYear => f.write_str("needs valid multi-year settings"),
            Undefined::SegmentNotFunded(g) => write!(f, "segment {} buys no deals", g + 1),
            Undefined::PerSegment => f.write_str("set in each segment"),
            Undefined::NotPlanned(field) => write!(f, "not planned: no {} given", field.noun()),
            Undefined::NoNewRevenue => f.write_str("the goal needs no new revenue"),
            Undefined::NoQuarterGoal => f.write_str("this quarter has no goal"),
        }
    }
}

/// A model value: a finite number, or why there is none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metric(pub Result<f64, Undefined>);

impl Metric {
    /// A defined value. Non-finite numbers never get in (extreme valid
    /// inputs, such as a deal size of 1e-300, can overflow), and −0 becomes
    /// 0 so no count ever reads "-0".
    pub fn of(value: f64) -> Self {
        if value.is_finite() {
            Metric(Ok(value + 0.0))
        } else {
            Metric(Err(Undefined::TooLarge))
        }
    }

    pub fn undefined(why: Undefined) -> Self {
        Metric(Err(why))
    }

    pub fn value(self) -> Option<f64> {
        self.0.ok()
    }

    /// `self / divisor`, undefined for `why` when the divisor is 0.
    pub fn per(self, divisor: Metric, why: Undefined) -> Metric {
        match (self.0, divisor.0) {
            (Err(e), _) | (_, Err(e)) => Metric(Err(e)),
            (Ok(_), Ok(0.0)) => Metric(Err(why)),
            (Ok(n), Ok(d)) => Metric::of(n / d),
        }
    }

    pub fn max(self, floor: f64) -> Metric {
        self.map(|v| v.max(floor))
    }

    pub fn map(self, f: impl FnOnce(f64) -> f64) -> Metric {
        match self.0 {
            Ok(v) => Metric::of(f(v)),
            Err(e) => Metric(Err(e)),
        }
    }

    /// Keeps the value only while `ok` holds for it; otherwise undefined for `why`.
    pub fn only_if(self, ok: impl FnOnce(f64) -> bool, why: Undefined) -> Metric {
        match self.0 {
            Ok(v) if !ok(v) => Metric(Err(why)),
            other => Metric(other),
        }
    }

    /// Sum of metrics in order, starting from 0.
    pub fn sum(items: impl IntoIterator<Item = Metric>) -> Metric {
        items.into_iter().fold(Metric::of(0.0), |acc, m| acc + m)
    }
}

impl From<f64> for Metric {
    fn from(value: f64) -> Self {
        Metric::of(value)
    }
}

macro_rules! arithmetic {
    ($trait:ident, $method:ident, $op:tt) => {
        impl $trait for Metric {
            type Output = Metric;
            fn $method(self, rhs: Metric) -> Metric {
                match (self.0, rhs.0) {
                    (Ok(a), Ok(b)) => Metric::of(a $op b),
                    (Err(e), _) | (_, Err(e)) => Metric(Err(e)),
                }
            }
        }
        impl $trait<f64> for Metric {
            type Output = Metric;
            fn $method(self, rhs: f64) -> Metric {
                self $op Metric::of(rhs)
            }
        }
    };
}

arithmetic!(Add, add, +);
arithmetic!(Sub, sub, -);
arithmetic!(Mul, mul, *);
// Division by a validated input (a rate or deal size, both > 0). Divisions
// that can meet 0 use `Metric::per` with a reason instead.
arithmetic!(Div, div, /);
