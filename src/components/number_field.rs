//! A labelled slider paired with a number field, and the number field alone.
//!
//! The text a person types is theirs: it is never rewritten while it still
//! means the stored value ("12." stays "12."), a value that does not parse is
//! stored as NaN so the model reports the field invalid, and nothing typed is
//! lost.

use super::{FieldError, Planner};
use crate::format::{self, Style};
use crate::model::{Field, InputError};
use crate::share::{number_text, parse_number, parse_percent, percent_text};
use leptos::html;
use leptos::prelude::*;

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
}

impl Unit {
    pub fn of(field: Field) -> Unit {
        use crate::model::ChannelPart;
        match field {
            Field::RevenueGoal
            | Field::RecurringRevenue
            | Field::DealSize
            | Field::LifetimeValue
            | Field::Channel(_, ChannelPart::CostPerLead) => Unit::Money,
            Field::SalesCycleMonths => Unit::Months,
            Field::CutFromMonth => Unit::MonthOfYear,
            _ => Unit::Percent,
        }
    }

    /// A shown value (e.g. a slider's 22.5) in model units. Percentages
    /// move the decimal point rather than divide, so 22.5 is exactly 0.225.
    fn to_model(self, shown: f64) -> f64 {
        match self {
            Unit::Percent => parse_percent(&number_text(shown)).unwrap_or(shown / 100.0),
            _ => shown,
        }
    }

    fn to_shown(self, model: f64) -> f64 {
        match self {
            Unit::Percent => model * 100.0,
            _ => model,
        }
    }

    /// The text to edit: exact, so reading it back gives the same value.
    fn edit_text(self, model: f64) -> String {
        if !model.is_finite() {
            return String::new();
        }
        match self {
            Unit::Percent => percent_text(model),
            Unit::Money => {
                let text = format::plain(model, 2);
                // Keep every digit the model has when 2 decimals would round.
                if parse_entry(&text, self) == Entry::Number(model) {
                    text
                } else {
                    number_text(model)
                }
            }
            Unit::Months | Unit::MonthOfYear => number_text(model),
        }
    }

    /// How a value reads to a screen reader or beside a slider.
    fn spoken(self, model: f64, currency: &str) -> String {
        if !model.is_finite() {
            return "not a valid number".into();
        }
        match self {
            Unit::Money => format::text(model, Style::Money, currency),
            Unit::Percent => format!("{}%", percent_text(model)),
            Unit::Months if model == 1.0 => "1 month".into(),
            Unit::Months => format!("{} months", number_text(model)),
            Unit::MonthOfYear => format!("month {}", number_text(model)),
        }
    }
}

/// What a person typed, in model units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Entry {
    Empty,
    Number(f64),
    NotANumber,
}

/// Reads a typed number in `unit` as a model value: thousands separators,
/// currency signs, a trailing % and the suffixes k, m, bn ("12m") are allowed.
pub fn parse_entry(text: &str, unit: Unit) -> Entry {
    let cleaned: String = text
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ',' | '_' | ' ' | '\u{a0}' | '\u{202f}' | '$' | '€' | '£' | '¥' | '₹' | '%'
            )
        })
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.is_empty() {
        return Entry::Empty;
    }
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
    value.map_or(Entry::NotANumber, Entry::Number)
}

/// The stored value `model` is what `entry` (typed in `unit`) means.
fn means(entry: Entry, model: Option<f64>) -> bool {
    match (entry, model) {
        (Entry::Empty, None) => true,
        (Entry::NotANumber, Some(v)) => v.is_nan(),
        (Entry::Number(x), Some(v)) => x == v,
        _ => false,
    }
}

/// A text field for one number. `value` and `set` are in model units;
/// `None` is an empty field (only meaningful where `optional`).
#[component]
pub fn NumberText(
    /// The element id (`in-…` for scenario inputs).
    #[prop(into)]
    id: String,
    /// How the number is shown and parsed.
    unit: Unit,
    /// The stored value, model units.
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// Stores a new value, model units. `Some(NaN)` for text that is not a number.
    set: Callback<Option<f64>>,
    /// The accessible name when no `<label for>` points here.
    #[prop(optional, into)]
    aria_label: Option<String>,
    /// The id of the element that describes an error.
    #[prop(into)]
    described_by: String,
    /// Whether the value is invalid.
    #[prop(into)]
    invalid: Signal<bool>,
    /// Shown when empty.
    #[prop(optional, into)]
    placeholder: Signal<String>,
    /// An empty field is allowed (stores `None`) rather than invalid.
    #[prop(optional)]
    optional: bool,
    /// A class for the input element.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let text = move || {
        let stored = value.get();
        if let Some(el) = input.get_untracked() {
            let current = el.value();
            if means(parse_entry(&current, unit), stored) {
                return current;
            }
        }
        stored.map(|v| unit.edit_text(v)).unwrap_or_default()
    };
    let on_input = move |ev| {
        let typed = parse_entry(&event_target_value(&ev), unit);
        set.run(match typed {
            Entry::Empty if optional => None,
            Entry::Empty | Entry::NotANumber => Some(f64::NAN),
            Entry::Number(x) => Some(x),
        });
    };
    // On leaving the field, tidy valid text ("12m" → "12,000,000").
    let on_change = move |_| {
        if let (Some(el), Some(v)) = (input.get_untracked(), value.get_untracked())
            && v.is_finite()
        {
            el.set_value(&unit.edit_text(v));
        }
    };
    let suffix = match unit {
        Unit::Percent => Some("%"),
        Unit::Months => Some("months"),
        _ => None,
    };
    view! {
        <span
            class="number-input"
            class:invalid=move || invalid.get()
            class:has-unit=suffix.is_some()
            class:long-unit=unit == Unit::Months
        >
            <input
                node_ref=input
                id=id
                class=class
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                aria-label=aria_label
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=described_by
                placeholder=move || placeholder.get()
                prop:value=text
                on:input=on_input
                on:change=on_change
            />
            {suffix
                .map(|s| {
                    view! {
                        <span class="unit" aria-hidden="true">
                            {s}
                        </span>
                    }
                })}
        </span>
    }
}

/// A labelled number that may be left blank, with its error under it: a
/// cell of the check-in actuals and of the multi-year changes.
#[component]
pub fn OptionalNumberCell(
    /// The input's id.
    #[prop(into)]
    id: String,
    /// The id of its error message.
    #[prop(into)]
    error_id: String,
    label: &'static str,
    /// The cell's class.
    class: &'static str,
    unit: Unit,
    /// The stored value; `None` when blank.
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// Stores a new value (`None` for blank).
    set: Callback<Option<f64>>,
    /// Shown when blank.
    #[prop(into)]
    placeholder: Signal<String>,
    /// Why the value is invalid, if it is.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class=class>
            <label for=id.clone()>{label}</label>
            <NumberText
                id=id
                unit=unit
                value=value
                set=set
                optional=true
                placeholder=placeholder
                described_by=error_id.clone()
                invalid=Signal::derive(move || error.with(Option::is_some))
            />
            <FieldError id=error_id message=error />
        </div>
    }
}

/// The slider's scale, in shown units (percent for rates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    Linear {
        min: f64,
        max: f64,
        step: f64,
    },
    /// Logarithmic for money spanning decades; `zero` puts 0 at the far left.
    Log {
        min: f64,
        max: f64,
        zero: bool,
    },
}

const LOG_STEPS: f64 = 1000.0;

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
            Field::RecurringRevenue => Scale::Log {
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

    fn bounds(self) -> (f64, f64, f64) {
        match self {
            Scale::Linear { min, max, step } => (min, max, step),
            Scale::Log { .. } => (0.0, LOG_STEPS, 1.0),
        }
    }

    fn position(self, shown: f64) -> f64 {
        match self {
            Scale::Linear { min, max, .. } => shown.clamp(min, max),
            Scale::Log { min, max, zero } => {
                if zero && shown <= 0.0 {
                    return 0.0;
                }
                let p = (shown.max(min) / min).ln() / (max / min).ln() * LOG_STEPS;
                let p = p.round().clamp(0.0, LOG_STEPS);
                if zero { p.max(1.0) } else { p }
            }
        }
    }

    fn value_at(self, position: f64) -> f64 {
        match self {
            Scale::Linear { step, .. } => (position / step).round() * step,
            Scale::Log { min, max, zero } => {
                if zero && position <= 0.0 {
                    return 0.0;
                }
                round_significant(min * (max / min).powf(position / LOG_STEPS), 3)
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

/// A labelled slider paired with a number field for one scenario input.
#[component]
pub fn NumberField(
    /// The scenario input; its slider range is [`Scale::of`] it (typing may
    /// go beyond the slider within the valid range).
    field: Field,
    /// A short line under the label.
    #[prop(optional)]
    hint: &'static str,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let currency = planner.currency();
    let unit = Unit::of(field);
    let scale = Scale::of(field);
    let id = format!("in-{}", field.param());
    let error_id = format!("err-{}", field.dom_id());
    let error: Signal<Option<InputError>> = planner.from_scenario(move |s| s.error(field)).into();
    // Memos: only the field that changed updates its slider, text and label.
    let value: Signal<Option<f64>> = planner.from_scenario(move |s| s.number(field)).into();
    let set = Callback::new(move |v: Option<f64>| {
        scenario.update(|s| s.set_number(field, v.unwrap_or(f64::NAN)))
    });
    let (min, max, step) = scale.bounds();
    let position = move || {
        let v = value.get().unwrap_or(f64::NAN);
        let shown = unit.to_shown(v);
        if shown.is_finite() {
            scale.position(shown)
        } else {
            min
        }
        .to_string()
    };
    let on_slide = move |ev| {
        if let Ok(p) = event_target_value(&ev).parse::<f64>() {
            set.run(Some(unit.to_model(scale.value_at(p))));
        }
    };
    let spoken = move || unit.spoken(value.get().unwrap_or(f64::NAN), &currency.get());
    let label = field.label();
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <div class="field-head">
                <label for=id.clone()>{label.clone()}</label>
                {(unit == Unit::Money)
                    .then(|| view! { <span class="currency-code">{move || currency.get()}</span> })}
            </div>
            <div class="field-row">
                <input
                    type="range"
                    id=format!("{id}-slider")
                    class="slider"
                    min=min
                    max=max
                    step=step
                    aria-label=label
                    aria-valuetext=spoken
                    aria-describedby=error_id.clone()
                    prop:value=position
                    on:input=on_slide
                />
                <NumberText
                    id=id
                    unit=unit
                    value=value
                    set=set
                    described_by=error_id.clone()
                    invalid=Memo::new(move |_| error.with(Option::is_some))
                />
            </div>
            {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
            <FieldError
                id=error_id.clone()
                message=Signal::derive(move || error.get().map(|e| e.message))
            />
        </div>
    }
}
