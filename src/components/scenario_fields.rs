//! The scenario's own fields: its name and currency.

use super::{FieldError, Library, Planner};
use crate::model::{CURRENCIES, Field};
use leptos::prelude::*;

/// The scenario's name, marked while it has unsaved changes.
#[component]
pub fn ScenarioName() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let error = planner.error(Field::Name);
    let unsaved = use_context::<Library>().map(|library| library.unsaved);
    view! {
        <div class="field">
            <div class="field-head">
                <label for="in-name">"Scenario name"</label>
                {move || {
                    unsaved
                        .and_then(|u| u.get())
                        .map(|_| {
                            view! { <span class="badge unsaved-badge">"unsaved changes"</span> }
                        })
                }}
            </div>
            <input
                id="in-name"
                type="text"
                autocomplete="off"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="err-name"
                prop:value=move || scenario.with(|s| s.name.clone())
                on:input=move |ev| scenario.update(|s| s.name = event_target_value(&ev))
            />
            <FieldError id="err-name" message=error />
        </div>
    }
}

/// The currency every money figure reads in.
#[component]
pub fn CurrencySelect() -> impl IntoView {
    let scenario = expect_context::<Planner>().scenario;
    view! {
        <div class="field">
            <label for="in-currency">"Currency"</label>
            <select
                id="in-currency"
                on:change=move |ev| scenario.update(|s| s.currency = event_target_value(&ev))
            >
                {CURRENCIES
                    .map(|code| {
                        view! {
                            <option
                                value=code
                                selected=move || scenario.with(|s| s.currency == code)
                            >
                                {code}
                            </option>
                        }
                    })}
            </select>
        </div>
    }
}
