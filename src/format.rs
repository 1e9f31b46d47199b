//! How numbers read on the page. Rounding happens here and only here: the
//! model keeps full precision, `data-value` carries it unrounded.
//!
//! In the browser, text comes from `Intl.NumberFormat` in the visitor's
//! locale; natively (tests) a plain en-US rendering stands in.

/// How a metric is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// Money in the scenario's currency.
    Money,
    /// Money in compact notation for charts ("$1.2M").
    CompactMoney,
    /// A count the plan produces ("1,234 leads"); small counts keep a decimal.
    Count,
    /// A count the goal requires: rounded *up* (docs/model.md, "Units").
    RequiredCount,
    /// A fraction shown as a percentage.
    Percent,
    /// A multiple such as LTV:CAC ("4.9×").
    Multiple,
    /// A factor applied to today's value ("×1.28").
    Factor,
    /// A duration in months.
    Months,
}

/// `ceil`, forgiving float noise: 60.000000000001 required deals is 60, not 61.
/// The noise forgiven is at most 1e-9, or 1e-13 of the value for huge counts
/// (float noise of a few operations is ~1e-15 of it): a need of
/// 1,000,000,000,400.25 leads is 1,000,000,000,401.
pub fn ceil_count(value: f64) -> f64 {
    let nearest = value.round();
    if (value - nearest).abs() <= (1e-13 * value.abs()).max(1e-9) {
        nearest
    } else {
        value.ceil()
    }
}

/// What is bought short of what is needed (positive) or beyond it
/// (negative), as the page shows the two: the need rounded up, less what is
/// bought. "Needs 6,147, buys 4,270" is short by 1,877, though the exact gap
/// (6,146.6 − 4,270.4) is 1,876.2. A need that is met is never shown short,
/// even when rounding puts its figure above what is bought.
pub fn shown_gap(required: f64, funded: f64) -> f64 {
    let gap = ceil_count(required) - display_value(funded, Style::Count);
    if funded + 1e-9 < required {
        gap
    } else {
        gap.min(0.0)
    }
}

/// How many decimals a value of this style shows.
fn decimals(value: f64, style: Style) -> usize {
    let magnitude = value.abs();
    match style {
        Style::Money if magnitude >= 100.0 => 0,
        Style::Money => 2,
        Style::CompactMoney => 1,
        Style::Count if magnitude >= 100.0 => 0,
        Style::Count => 1,
        Style::RequiredCount => 0,
        Style::Percent | Style::Multiple | Style::Months => 1,
        Style::Factor => 2,
    }
}

/// Rounds for display and turns −0 into 0, so nothing reads "-$0".
pub fn display_value(value: f64, style: Style) -> f64 {
    if style == Style::CompactMoney {
        // Intl rounds compact notation itself; only −0 needs care.
        return if value == 0.0 { 0.0 } else { value };
    }
    let value = if style == Style::RequiredCount {
        ceil_count(value)
    } else {
        value
    };
    let scale = 10f64.powi(decimals(value, style) as i32);
    let scaled = if style == Style::Percent {
        value * 100.0
    } else {
        value
    };
    let rounded = (scaled * scale).round() / scale;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    if style == Style::Percent {
        rounded / 100.0
    } else {
        rounded
    }
}

/// The text for `value` in `style`; money in `currency` (an ISO code).
pub fn text(value: f64, style: Style, currency: &str) -> String {
    if !value.is_finite() {
        // The model never yields these; a guard so the page never shows them.
        return "—".into();
    }
    let shown = display_value(value, style);
    let digits = decimals(value, style);
    let number = platform::format(shown, style, currency, digits);
    match style {
        Style::Multiple => format!("{number}×"),
        Style::Factor => format!("×{number}"),
        Style::Months if shown == 1.0 => format!("{number} month"),
        Style::Months => format!("{number} months"),
        _ => number,
    }
}

/// A plain decimal for `data-value`: the model value, unrounded.
pub fn data_value(value: f64) -> String {
    format!("{value}")
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use super::Style;
    use js_sys::{Array, Function, Intl, Object, Reflect};
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::JsValue;

    thread_local! {
        /// Building an Intl.NumberFormat costs far more than using one.
        static FORMATTERS: RefCell<HashMap<(Style, String, usize), Function>> = RefCell::default();
    }

    fn formatter(style: Style, currency: &str, digits: usize) -> Function {
        FORMATTERS.with(|cache| {
            cache
                .borrow_mut()
                .entry((style, currency.to_string(), digits))
                .or_insert_with(|| {
                    let options = Object::new();
                    let set = |key: &str, value: JsValue| {
                        let _ = Reflect::set(&options, &JsValue::from_str(key), &value);
                    };
                    match style {
                        Style::Money => {
                            set("style", "currency".into());
                            set("currency", currency.into());
                        }
                        Style::CompactMoney => {
                            set("style", "currency".into());
                            set("currency", currency.into());
                            set("notation", "compact".into());
                        }
                        Style::Percent => set("style", "percent".into()),
                        _ => {}
                    }
                    set("minimumFractionDigits", 0.into());
                    set("maximumFractionDigits", (digits as u32).into());
                    Intl::NumberFormat::new(&Array::new(), &options).format()
                })
                .clone()
        })
    }

    pub fn format(value: f64, style: Style, currency: &str, digits: usize) -> String {
        let currency = if crate::model::CURRENCIES.contains(&currency) {
            currency
        } else {
            "USD"
        };
        formatter(style, currency, digits)
            .call1(&JsValue::NULL, &JsValue::from_f64(value))
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| super::plain(value, digits))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use super::Style;

    pub fn format(value: f64, style: Style, currency: &str, digits: usize) -> String {
        match style {
            Style::CompactMoney => {
                let (scaled, suffix) = match value.abs() {
                    v if v >= 1e12 => (value / 1e12, "T"),
                    v if v >= 1e9 => (value / 1e9, "B"),
                    v if v >= 1e6 => (value / 1e6, "M"),
                    v if v >= 1e3 => (value / 1e3, "K"),
                    _ => (value, ""),
                };
                let digits = if scaled.abs() >= 100.0 { 0 } else { digits };
                format!("{}{suffix}", format(scaled, Style::Money, currency, digits))
            }
            Style::Money => {
                let symbol = match currency {
                    "USD" => "$",
                    "EUR" => "€",
                    "GBP" => "£",
                    _ => return format!("{currency} {}", super::plain(value, digits)),
                };
                let sign = if value < 0.0 { "-" } else { "" };
                format!("{sign}{symbol}{}", super::plain(value.abs(), digits))
            }
            Style::Percent => format!("{}%", super::plain(value * 100.0, digits)),
            _ => super::plain(value, digits),
        }
    }
}

/// en-US text with thousands separators and at most `digits` decimals.
pub fn plain(value: f64, digits: usize) -> String {
    let fixed = format!("{:.*}", digits, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_counts_round_up_but_forgive_float_noise() {
        assert_eq!(ceil_count(60.2), 61.0);
        assert_eq!(ceil_count(60.000_000_000_01), 60.0);
        assert_eq!(ceil_count(0.3), 1.0);
        // Huge counts round up too (a tolerance of 1e-9 of the value forgave
        // up to 1,000 here).
        assert_eq!(ceil_count(1e12 + 400.25), 1e12 + 401.0);
        assert_eq!(ceil_count(3.0 * (1e12 / 3.0)), 1e12);
        assert_eq!(text(0.3, Style::RequiredCount, "USD"), "1");
    }

    #[test]
    fn a_gap_reads_as_the_difference_of_the_two_figures_shown() {
        // Needs 6,146.6 (shown 6,147), buys 4,270.4 (shown 4,270).
        assert_eq!(
            text(shown_gap(6146.6, 4270.4), Style::Count, "USD"),
            "1,877"
        );
        assert_eq!(
            text(-shown_gap(3000.2, 4270.4), Style::Count, "USD"),
            "1,269"
        );
        // Large counts show no decimals, small ones one (buys 34.7).
        for (base, step) in [(1900.0, 0.05), (30.0, 0.013)] {
            for (i, j) in (0..400).flat_map(|i| (0..400).map(move |j| (i, j))) {
                let required = base + 3.0 + f64::from(i) * step * 7.3;
                let funded = base + f64::from(j) * step * 11.0;
                let (needs, buys) = (ceil_count(required), display_value(funded, Style::Count));
                let gap = shown_gap(required, funded);
                if funded < required {
                    let (shown, expected) = (
                        text(gap, Style::Count, "USD"),
                        text(needs - buys, Style::Count, "USD"),
                    );
                    assert_eq!(shown, expected, "{required} {funded}");
                } else {
                    // Met: never shown short, spare as the figures give it.
                    assert!(gap <= 0.0, "{required} {funded}");
                    let spare = text(-gap, Style::Count, "USD");
                    assert_eq!(
                        spare,
                        text((buys - needs).max(0.0), Style::Count, "USD"),
                        "{required} {funded}"
                    );
                }
            }
        }
    }

    #[test]
    fn tiny_negative_money_never_reads_minus_zero() {
        assert_eq!(text(-1e-9, Style::Money, "USD"), "$0");
        assert_eq!(text(-1234.4, Style::Money, "USD"), "-$1,234");
    }

    #[test]
    fn percentages_and_multiples_read_naturally() {
        assert_eq!(text(0.776, Style::Percent, "USD"), "77.6%");
        assert_eq!(text(0.22, Style::Percent, "USD"), "22%");
        assert_eq!(text(0.0912, Style::Percent, "USD"), "9.1%");
        assert_eq!(text(4.87, Style::Multiple, "USD"), "4.9×");
        assert_eq!(text(7.36, Style::Months, "USD"), "7.4 months");
        assert_eq!(text(12_000_000.0, Style::Money, "USD"), "$12,000,000");
        assert_eq!(text(2727.27, Style::Count, "USD"), "2,727");
        assert_eq!(text(7.44, Style::Count, "USD"), "7.4");
        assert_eq!(text(12_400_000.0, Style::CompactMoney, "USD"), "$12.4M");
        assert_eq!(text(950.0, Style::CompactMoney, "USD"), "$950");
    }

    #[test]
    fn data_value_is_plain_decimal() {
        assert_eq!(data_value(1e13), "10000000000000");
        assert_eq!(data_value(1e-7), "0.0000001");
        assert_eq!(data_value(0.25), "0.25");
    }
}
