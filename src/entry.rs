//! What a person types into a number field, read as a model value.
//!
//! People type numbers the way they write them: "12m", "$1,200", "15 %",
//! "7,5" with a decimal comma, "Jul" for a month. A percentage typed as a
//! fraction ("0.07" for a 7% budget) is a question, never silently 0.07%.

use crate::format::{self, Style};
use crate::model::Field;
use crate::share::{number_text, parse_number, parse_percent, percent_text};
use crate::words;

/// What a number means, for parsing and showing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Money in the scenario's currency.
    Money,
    /// A rate shown as a percentage, stored as a fraction.
    Percent,
    /// Whole months.
    Months,
    /// A month of the plan year, 1–12.
    MonthOfYear,
    /// A plain number of things: people, MQLs a month.
    Count,
}

impl Unit {
    pub fn of(field: Field) -> Unit {
        use crate::model::ChannelPart;
        match field {
            Field::RevenueGoal
            | Field::RecurringRevenue
            | Field::PipelineRevenue
            | Field::DealSize
            | Field::LifetimeValue
            | Field::AeQuota
            | Field::Channel(_, ChannelPart::CostPerLead) => Unit::Money,
            Field::SalesCycleMonths => Unit::Months,
            Field::CutFromMonth => Unit::MonthOfYear,
            Field::AeCount | Field::SdrCount | Field::SdrMqlsPerMonth => Unit::Count,
            _ => Unit::Percent,
        }
    }

    /// A shown value (e.g. a slider's 22.5) in model units. Percentages
    /// move the decimal point rather than divide, so 22.5 is exactly 0.225.
    pub fn to_model(self, shown: f64) -> f64 {
        match self {
            Unit::Percent => parse_percent(&number_text(shown)).unwrap_or(shown / 100.0),
            _ => shown,
        }
    }

    pub fn to_shown(self, model: f64) -> f64 {
        match self {
            Unit::Percent => model * 100.0,
            _ => model,
        }
    }

    /// The text to edit: exact, so reading it back gives the same value.
    pub fn edit_text(self, model: f64) -> String {
        if !model.is_finite() {
            return String::new();
        }
        match self {
            Unit::Percent => percent_text(model),
            Unit::Money => {
                let text = format::plain(model, 2);
                // Keep every digit the model has when 2 decimals would round.
                if parse_entry(&text, self, "") == Entry::Number(model) {
                    text
                } else {
                    number_text(model)
                }
            }
            Unit::Months | Unit::MonthOfYear | Unit::Count => number_text(model),
        }
    }

    /// How a value reads to a screen reader or beside a slider.
    pub fn spoken(self, model: f64, currency: &str) -> String {
        if !model.is_finite() {
            return "not a valid number".into();
        }
        match self {
            Unit::Money => format::text(model, Style::Money, currency),
            Unit::Percent => format!("{}%", percent_text(model)),
            Unit::Months if model == 1.0 => "1 month".into(),
            Unit::Months => format!("{} months", number_text(model)),
            Unit::MonthOfYear => format!("month {}", number_text(model)),
            Unit::Count => number_text(model),
        }
    }
}

/// What a person typed, in model units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Entry {
    Empty,
    Number(f64),
    NotANumber,
    /// A percentage typed as a fraction of one ("0.07"): `typed` is what the
    /// text says as a percentage (0.07% = 0.0007), `meant` what the person
    /// probably meant (7% = 0.07). Neither is used until they choose.
    Ambiguous {
        typed: f64,
        meant: f64,
    },
}

/// Reads a typed number in `unit` as a model value. Thousands separators,
/// currency signs, a trailing % (with or without a space) and the suffixes
/// k, m, bn ("12m") are allowed. A comma is a decimal comma when it cannot
/// be a thousands separator ("7,5", "1.234,5"). A month of the plan year
/// may be named ("Jul", "July"), counted from `plan_start` ("YYYY-MM").
pub fn parse_entry(text: &str, unit: Unit, plan_start: &str) -> Entry {
    if unit == Unit::MonthOfYear
        && let Some(month) = words::month_number(text)
    {
        return Entry::Number(f64::from(words::plan_month_of(plan_start, month)));
    }
    let explicit_percent = text.contains('%');
    let cleaned: String = text
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '_' | ' ' | '\u{a0}' | '\u{202f}' | '$' | '€' | '£' | '¥' | '₹' | '%'
            )
        })
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.is_empty() {
        return Entry::Empty;
    }
    let cleaned = separators(&cleaned);
    let (digits, multiplier) = if let Some(d) = cleaned.strip_suffix("bn") {
        (d, 1e9)
    } else if let Some(d) = cleaned.strip_suffix('b') {
        (d, 1e9)
    } else if let Some(d) = cleaned.strip_suffix('m') {
        (d, 1e6)
    } else if let Some(d) = cleaned.strip_suffix('k') {
        (d, 1e3)
    } else {
        (cleaned.as_str(), 1.0)
    };
    let value = match unit {
        Unit::Percent if multiplier == 1.0 => parse_percent(digits),
        Unit::Percent => None,
        _ => parse_number(digits).map(|v| v * multiplier),
    };
    match value {
        None => Entry::NotANumber,
        // "0.07" in a percent field: 7% typed as a fraction, or really 0.07%?
        Some(v) if unit == Unit::Percent && !explicit_percent && v > 0.0 && v < 0.01 => {
            match parse_number(digits) {
                Some(meant) => Entry::Ambiguous { typed: v, meant },
                None => Entry::Number(v),
            }
        }
        Some(v) => Entry::Number(v),
    }
}

/// `text` with thousands separators dropped and a decimal comma as ".".
/// A lone comma followed by other than three digits ("7,5", "12,50") can
/// only be a decimal comma; with both marks, the last one is the decimal
/// separator ("1.234,5" and "1,234.5" are both 1234.5).
fn separators(text: &str) -> String {
    let commas = text.matches(',').count();
    if commas == 0 {
        return text.to_string();
    }
    let last_comma = text.rfind(',').unwrap_or(0);
    let decimal_comma = match text.rfind('.') {
        Some(point) => commas == 1 && last_comma > point,
        None => {
            let after = &text[last_comma + 1..];
            let digits_after = after.chars().take_while(char::is_ascii_digit).count();
            commas == 1 && digits_after != 3
        }
    };
    if decimal_comma {
        text.replace('.', "").replace(',', ".")
    } else {
        text.replace(',', "")
    }
}

/// The stored value `model` is what `entry` (typed in `unit`) means.
pub fn means(entry: Entry, model: Option<f64>) -> bool {
    match (entry, model) {
        (Entry::Empty, None) => true,
        (Entry::NotANumber, Some(v)) => v.is_nan(),
        (Entry::Number(x), Some(v)) => x == v,
        (Entry::Ambiguous { typed, meant }, Some(v)) => v == typed || v == meant,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each typed string becomes, as a table.
    #[test]
    fn typed_numbers_read_as_people_write_them() {
        let n = Entry::Number;
        let cases: &[(&str, Unit, Entry)] = &[
            ("7,5", Unit::Percent, n(0.075)),
            ("7.5", Unit::Percent, n(0.075)),
            ("15 %", Unit::Percent, n(0.15)),
            ("15%", Unit::Percent, n(0.15)),
            ("15", Unit::Percent, n(0.15)),
            ("100", Unit::Percent, n(1.0)),
            ("1", Unit::Percent, n(0.01)),
            ("0", Unit::Percent, n(0.0)),
            (
                "0.07",
                Unit::Percent,
                Entry::Ambiguous {
                    typed: 0.0007,
                    meant: 0.07,
                },
            ),
            (
                "0.22",
                Unit::Percent,
                Entry::Ambiguous {
                    typed: 0.0022,
                    meant: 0.22,
                },
            ),
            (
                ".5",
                Unit::Percent,
                Entry::Ambiguous {
                    typed: 0.005,
                    meant: 0.5,
                },
            ),
            (
                "0,07",
                Unit::Percent,
                Entry::Ambiguous {
                    typed: 0.0007,
                    meant: 0.07,
                },
            ),
            ("0.07%", Unit::Percent, n(0.0007)),
            ("0.07 %", Unit::Percent, n(0.0007)),
            ("12k", Unit::Percent, Entry::NotANumber),
            ("abc", Unit::Percent, Entry::NotANumber),
            ("", Unit::Percent, Entry::Empty),
            ("1,000", Unit::Money, n(1000.0)),
            ("1,5", Unit::Money, n(1.5)),
            ("12,50", Unit::Money, n(12.5)),
            ("1,234,567", Unit::Money, n(1_234_567.0)),
            ("1.234,5", Unit::Money, n(1234.5)),
            ("1,234.5", Unit::Money, n(1234.5)),
            ("$210,000", Unit::Money, n(210_000.0)),
            ("12m", Unit::Money, n(12_000_000.0)),
            ("1,5m", Unit::Money, n(1_500_000.0)),
            ("€ 450", Unit::Money, n(450.0)),
            ("0.5", Unit::Money, n(0.5)),
            ("4", Unit::Months, n(4.0)),
            ("7", Unit::MonthOfYear, n(7.0)),
            ("Jul", Unit::MonthOfYear, n(7.0)),
            ("July", Unit::MonthOfYear, n(7.0)),
            ("december", Unit::MonthOfYear, n(12.0)),
        ];
        for &(text, unit, expected) in cases {
            assert_eq!(
                parse_entry(text, unit, "2026-01"),
                expected,
                "{text:?} as {unit:?}"
            );
        }
    }

    #[test]
    fn a_named_month_counts_from_the_plan_start() {
        // A plan year from April 2026: July is its 4th month, March its 12th.
        assert_eq!(
            parse_entry("Jul", Unit::MonthOfYear, "2026-04"),
            Entry::Number(4.0)
        );
        assert_eq!(
            parse_entry("March", Unit::MonthOfYear, "2026-04"),
            Entry::Number(12.0)
        );
        assert_eq!(
            parse_entry("Apr", Unit::MonthOfYear, "2026-04"),
            Entry::Number(1.0)
        );
        // Without a valid start, the plan year is the calendar year.
        assert_eq!(
            parse_entry("Jul", Unit::MonthOfYear, ""),
            Entry::Number(7.0)
        );
    }

    #[test]
    fn an_ambiguous_percentage_means_either_reading_it_was_given() {
        let entry = parse_entry("0.07", Unit::Percent, "");
        assert!(means(entry, Some(0.07)));
        assert!(means(entry, Some(0.0007)));
        assert!(!means(entry, Some(0.09)));
    }
}
