//! Four quarter shares of the plan year: the seasonality of new revenue
//! and the phasing of the marketing budget (docs/model.md, "Timing").

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The share of something (new revenue booked, budget spent) in each
/// quarter of the plan year, as fractions that should add up to 1.
///
/// Values are kept as typed, like every input: [`QuarterShares::valid`]
/// says whether they can be used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuarterShares(pub [f64; 4]);

impl Default for QuarterShares {
    /// The even year: 25% a quarter.
    fn default() -> Self {
        QuarterShares::EVEN
    }
}

/// A total this close to 100% is 100% (33.3 + 33.3 + 33.4 is not an error).
const TOTAL_TOLERANCE: f64 = 1e-9;

impl QuarterShares {
    /// 25% a quarter: what a plan without seasonality or phasing has.
    pub const EVEN: QuarterShares = QuarterShares([0.25; 4]);

    /// The share of quarter `q` (0-based; 0 outside 0..4).
    pub fn quarter(self, q: usize) -> f64 {
        self.0.get(q).copied().unwrap_or(0.0)
    }

    /// The sum of the four shares.
    pub fn total(self) -> f64 {
        self.0.iter().sum()
    }

    /// The first quarter (0-based) whose share is not a number from 0 to 1.
    pub fn bad_quarter(self) -> Option<usize> {
        self.0
            .iter()
            .position(|&v| !(v.is_finite() && (0.0..=1.0).contains(&v)))
    }

    /// Four shares from 0% to 100% that add up to 100% (within 1e-9).
    pub fn valid(self) -> bool {
        self.bad_quarter().is_none() && (self.total() - 1.0).abs() <= TOTAL_TOLERANCE
    }

    /// Whether every quarter has exactly 25%.
    pub fn is_even(self) -> bool {
        self == QuarterShares::EVEN
    }

    /// Month `m`'s weight, 12 × its share of the year (`12 × share_q / 3`):
    /// 1 for every month of an even year, so formulas written as
    /// `x × weight / 12` give exactly the even-year figures `x / 12`
    /// (4 × 0.25 is exactly 1). 0 outside the plan year's months 1..12.
    pub fn month_weight(self, m: i32) -> f64 {
        if (1..=12).contains(&m) {
            4.0 * self.quarter(((m - 1) / 3) as usize)
        } else {
            0.0
        }
    }

    /// Σ of the month weights over months `from..=to` (empty when
    /// `from > to`; months outside 1..12 weigh 0). Sums of whole weights
    /// are exact, so an even year gives the month count itself.
    pub fn weight_between(self, from: i32, to: i32) -> f64 {
        (from.max(1)..=to.min(12))
            .map(|m| self.month_weight(m))
            .sum()
    }
}

impl Serialize for QuarterShares {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for QuarterShares {
    /// Four numbers. JSON has no NaN (serde writes an invalid share as
    /// null): a null share takes the even 25%, so the rest still loads;
    /// a list of another length is hand-edited data and reads as even.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let shares = Vec::<Option<f64>>::deserialize(deserializer)?;
        Ok(match shares.as_slice() {
            [a, b, c, d] => {
                QuarterShares([*a, *b, *c, *d].map(|v| v.unwrap_or(QuarterShares::EVEN.0[0])))
            }
            _ => QuarterShares::EVEN,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::QuarterShares;

    #[test]
    fn an_even_year_weighs_every_month_exactly_1() {
        let even = QuarterShares::EVEN;
        assert!((1..=12).all(|m| even.month_weight(m) == 1.0));
        assert_eq!(even.month_weight(0), 0.0);
        assert_eq!(even.month_weight(13), 0.0);
        for (from, to) in [(1, 12), (7, 12), (1, 8), (13, 12), (-5, 3)] {
            let months = f64::from((to.min(12) - from.max(1) + 1).max(0));
            assert_eq!(even.weight_between(from, to), months, "{from}..={to}");
        }
    }

    #[test]
    fn a_quarter_weighs_its_share_of_the_year() {
        // 40% in Q1: each of its months weighs 4 × 0.4 = 1.6, i.e. 13.33% of the year.
        let front = QuarterShares([0.4, 0.3, 0.2, 0.1]);
        assert!((front.month_weight(2) - 1.6).abs() < 1e-15);
        assert!((front.weight_between(1, 3) / 12.0 - 0.4).abs() < 1e-15);
        assert!((front.weight_between(1, 12) - 12.0).abs() < 1e-12);
    }

    #[test]
    fn shares_are_valid_only_from_0_to_100_adding_up_to_100() {
        assert!(QuarterShares::EVEN.valid());
        assert!(QuarterShares([0.0, 0.5, 0.5, 0.0]).valid());
        assert!(QuarterShares([0.333, 0.333, 0.334, 0.0]).valid());
        assert!(!QuarterShares([0.25, 0.25, 0.25, 0.2]).valid());
        assert!(!QuarterShares([-0.1, 0.5, 0.5, 0.1]).valid());
        assert!(!QuarterShares([f64::NAN, 0.25, 0.25, 0.25]).valid());
        assert_eq!(QuarterShares([0.5, 1.5, 0.0, 0.0]).bad_quarter(), Some(1));
    }

    #[test]
    fn stored_shares_read_back_and_nulls_take_25_percent() {
        let front = QuarterShares([0.4, 0.3, 0.2, 0.1]);
        let text = serde_json::to_string(&front).expect("serialisable");
        assert_eq!(text, "[0.4,0.3,0.2,0.1]");
        let back: QuarterShares = serde_json::from_str(&text).expect("readable");
        assert_eq!(back, front);
        let with_null: QuarterShares =
            serde_json::from_str("[0.4,null,0.2,0.1]").expect("readable");
        assert_eq!(with_null, QuarterShares([0.4, 0.25, 0.2, 0.1]));
        let short: QuarterShares = serde_json::from_str("[1]").expect("readable");
        assert_eq!(short, QuarterShares::EVEN);
    }
}
