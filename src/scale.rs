//! The range and steps of each input's slider, in shown units (percent for
//! rates). Pure, so it is tested natively.

use crate::model::Field;

/// The slider's scale, in shown units (percent for rates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    Linear {
        min: f64,
        max: f64,
        step: f64,
    },
    /// Money spanning decades, in round steps: each decade stops at
    /// 1, 1.05 … 1.95, 2, 2.1 … 4.9, 5, 5.25 … 9.75 of its power of ten, so
    /// $40M or $12.5M is a stop. `zero` puts 0 at the far left. `min` and
    /// `max` must themselves be stops.
    Log {
        min: f64,
        max: f64,
        zero: bool,
    },
}

/// Stops per decade of a [`Scale::Log`]: 20 from 1 to 2, 30 from 2 to 5,
/// 20 from 5 to 10.
const PER_DECADE: f64 = 70.0;

/// The stop number of `value` counted from 10⁰ (fractional between stops).
fn stop_of(value: f64) -> f64 {
    let decade = value.log10().floor();
    let mantissa = value / 10f64.powf(decade);
    let within = if mantissa < 2.0 {
        (mantissa - 1.0) / 0.05
    } else if mantissa < 5.0 {
        20.0 + (mantissa - 2.0) / 0.1
    } else {
        50.0 + (mantissa - 5.0) / 0.25
    };
    decade * PER_DECADE + within
}

/// The value at stop number `stop` counted from 10⁰.
fn value_of(stop: f64) -> f64 {
    let decade = (stop / PER_DECADE).floor();
    let within = stop - decade * PER_DECADE;
    let mantissa = if within < 20.0 {
        1.0 + within * 0.05
    } else if within < 50.0 {
        2.0 + (within - 20.0) * 0.1
    } else {
        5.0 + (within - 50.0) * 0.25
    };
    round_significant(mantissa * 10f64.powf(decade), 4)
}

impl Scale {
    /// The slider range of each one-number input: one range per field, so
    /// the full and embedded layouts cannot drift apart.
    pub fn of(field: Field) -> Scale {
        let percent = Scale::Linear {
            min: 1.0,
            max: 100.0,
            step: 1.0,
        };
        match field {
            Field::RevenueGoal => Scale::Log {
                min: 100_000.0,
                max: 1e9,
                zero: false,
            },
            Field::RecurringRevenue | Field::PipelineRevenue => Scale::Log {
                min: 10_000.0,
                max: 1e9,
                zero: true,
            },
            Field::DealSize => Scale::Log {
                min: 500.0,
                max: 5e6,
                zero: false,
            },
            Field::LifetimeValue => Scale::Log {
                min: 1_000.0,
                max: 5e7,
                zero: false,
            },
            Field::SpendPct => Scale::Linear {
                min: 0.5,
                max: 30.0,
                step: 0.5,
            },
            Field::MarketingSourcedPct => Scale::Linear {
                min: 0.0,
                max: 100.0,
                step: 1.0,
            },
            Field::SalesCycleMonths => Scale::Linear {
                min: 0.0,
                max: 24.0,
                step: 1.0,
            },
            Field::CutPct => Scale::Linear {
                min: 0.0,
                max: 100.0,
                step: 5.0,
            },
            Field::CutFromMonth => Scale::Linear {
                min: 1.0,
                max: 12.0,
                step: 1.0,
            },
            _ => percent,
        }
    }

    pub fn bounds(self) -> (f64, f64, f64) {
        match self {
            Scale::Linear { min, max, step } => (min, max, step),
            Scale::Log { min, max, zero } => {
                let stops = (stop_of(max) - stop_of(min)).round();
                (0.0, stops + f64::from(u8::from(zero)), 1.0)
            }
        }
    }

    pub fn position(self, shown: f64) -> f64 {
        match self {
            Scale::Linear { min, max, .. } => shown.clamp(min, max),
            Scale::Log { min, max, zero } => {
                if zero && shown <= 0.0 {
                    return 0.0;
                }
                let p = (stop_of(shown.clamp(min, max)) - stop_of(min)).round();
                p + f64::from(u8::from(zero))
            }
        }
    }

    pub fn value_at(self, position: f64) -> f64 {
        match self {
            Scale::Linear { step, .. } => (position / step).round() * step,
            Scale::Log { min, max, zero } => {
                if zero && position <= 0.0 {
                    return 0.0;
                }
                let p = position - f64::from(u8::from(zero));
                value_of(stop_of(min).round() + p.round()).clamp(min, max)
            }
        }
    }
}

/// `value` rounded to `digits` significant digits, so slider values are round.
fn round_significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let magnitude = 10f64.powi(value.abs().log10().floor() as i32 - digits + 1);
    (value / magnitude).round() * magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_money_slider_stops_at_round_figures() {
        let goal = Scale::of(Field::RevenueGoal);
        for round in [
            100_000.0,
            1_000_000.0,
            12_000_000.0,
            12_500_000.0,
            40_000_000.0,
            75_000_000.0,
            1e9,
        ] {
            let p = goal.position(round);
            assert_eq!(p.fract(), 0.0);
            assert_eq!(goal.value_at(p), round, "{round} is a stop");
        }
        // Every stop reads back to itself, and they rise.
        let (min, max, step) = goal.bounds();
        assert_eq!((min, step), (0.0, 1.0));
        assert_eq!(max, 4.0 * PER_DECADE);
        let mut last = 0.0;
        for p in 0..=(max as u32) {
            let v = goal.value_at(f64::from(p));
            assert!(v > last, "{p}: {v} after {last}");
            assert_eq!(goal.position(v), f64::from(p));
            last = v;
        }
        assert_eq!(goal.value_at(max), 1e9);
    }

    #[test]
    fn zero_sits_at_the_far_left_of_a_scale_that_allows_it() {
        let recurring = Scale::of(Field::RecurringRevenue);
        assert_eq!(recurring.position(0.0), 0.0);
        assert_eq!(recurring.value_at(0.0), 0.0);
        assert_eq!(recurring.value_at(1.0), 10_000.0);
        assert_eq!(
            recurring.value_at(recurring.position(6_000_000.0)),
            6_000_000.0
        );
        // Beyond the ends, the slider sits at the end; typing may go further.
        assert_eq!(recurring.position(5e12), recurring.bounds().1);
        let lifetime = Scale::of(Field::LifetimeValue);
        assert_eq!(lifetime.value_at(lifetime.bounds().1), 5e7);
        assert_eq!(lifetime.value_at(lifetime.position(135_000.0)), 135_000.0);
    }
}
