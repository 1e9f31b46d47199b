//! A labelled slider paired with a number field, and the number field alone.
//!
//! The text a person types is theirs: it is never rewritten while it still
//! means the stored value ("12." stays "12."), a value that does not parse is
//! stored as NaN so the model reports the field invalid, and nothing typed is
//! lost.

use super::{FieldError, Planner};
use crate::entry::{Entry, Unit, means, parse_entry};
use crate::model::{Field, InputError};
use crate::scale::Scale;
use crate::share::percent_text;
use leptos::html;
use leptos::prelude::*;

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
    // Month names count from the plan's first month.
    let plan_start = (unit == Unit::MonthOfYear)
        .then(|| expect_context::<Planner>().from_scenario(|s| s.tracking.plan_start.clone()));
    let read = move |text: &str| {
        let start = plan_start.map(|p| p.get_untracked()).unwrap_or_default();
        parse_entry(text, unit, &start)
    };
    // A percentage typed as a fraction ("0.07"): (what it says, what was
    // probably meant). Nothing is stored until the person chooses.
    let asking = RwSignal::new(None::<(f64, f64)>);
    let text = move || {
        let stored = value.get();
        if let Some(el) = input.get_untracked() {
            let current = el.value();
            if means(read(&current), stored) {
                return current;
            }
        }
        stored.map(|v| unit.edit_text(v)).unwrap_or_default()
    };
    let on_input = move |ev| {
        let typed = read(&event_target_value(&ev));
        if let Entry::Ambiguous { typed, meant } = typed {
            asking.set(Some((typed, meant)));
            return;
        }
        asking.set(None);
        set.run(match typed {
            Entry::Empty if optional => None,
            Entry::Empty | Entry::NotANumber => Some(f64::NAN),
            Entry::Number(x) | Entry::Ambiguous { meant: x, .. } => Some(x),
        });
    };
    // On leaving the field, tidy valid text ("12m" → "12,000,000"), unless
    // it is still a question.
    let on_change = move |_| {
        if let (Some(el), Some(v), None) = (
            input.get_untracked(),
            value.get_untracked(),
            asking.get_untracked(),
        ) && v.is_finite()
        {
            el.set_value(&unit.edit_text(v));
        }
    };
    let choose = move |v: f64| {
        asking.set(None);
        set.run(Some(v));
        if let Some(el) = input.get_untracked() {
            el.set_value(&unit.edit_text(v));
            let _ = el.focus();
        }
    };
    let suffix = match unit {
        Unit::Percent => Some("%"),
        Unit::Months => Some("months"),
        _ => None,
    };
    let ask_id = format!("{id}-ask");
    let described = {
        let ask_id = ask_id.clone();
        move || {
            if asking.with(Option::is_some) {
                format!("{described_by} {ask_id}")
            } else {
                described_by.clone()
            }
        }
    };
    let question = move || {
        asking.get().map(|(typed, meant)| {
            let percent = |v: f64| format!("{}%", percent_text(v));
            view! {
                <span class="did-you-mean" id=ask_id.clone() role="status">
                    {format!("Did you mean {}? ", percent(meant))}
                    <button type="button" class="link-button" on:click=move |_| choose(meant)>
                        {format!("Use {}", percent(meant))}
                    </button>
                    " "
                    <button type="button" class="link-button" on:click=move |_| choose(typed)>
                        {format!("Keep {}", percent(typed))}
                    </button>
                </span>
            }
        })
    };
    view! {
        <span
            class="number-input"
            class:invalid=move || invalid.get()
            class:asking=move || asking.with(Option::is_some)
            class:has-unit=suffix.is_some()
            class:long-unit=unit == Unit::Months
        >
            <input
                node_ref=input
                id=id
                class=class
                type="text"
                inputmode=if unit == Unit::MonthOfYear { "text" } else { "decimal" }
                autocomplete="off"
                spellcheck="false"
                aria-label=aria_label
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=described
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
        {question}
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
    // "July 2026": the month a month-of-year field names, from the plan start.
    let month_name = (unit == Unit::MonthOfYear).then(|| {
        planner.from_scenario(move |s| match s.number(field) {
            Some(m) if s.error(field).is_none() => {
                crate::words::plan_month(&s.tracking.plan_start, m as u32)
            }
            _ => String::new(),
        })
    });
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
            {month_name
                .map(|name| {
                    view! {
                        <p class="hint month-name" aria-live="polite">
                            {move || name.get()}
                        </p>
                    }
                })}
            <FieldError
                id=error_id.clone()
                message=Signal::derive(move || error.get().map(|e| e.message))
            />
        </div>
    }
}
