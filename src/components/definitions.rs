use super::{FieldError, Planner};
use crate::model::{DEFINITION_MAX_CHARS, Field};
use leptos::prelude::*;

/// The team's agreed definitions of an MQL and an SQL: the first argument of
/// every planning meeting. Saved, shared and printed with the scenario.
#[component]
pub fn Definitions() -> impl IntoView {
    view! {
        <fieldset class="card definitions">
            <legend>"What counts as a lead"</legend>
            <p class="hint">
                "The definitions your team agreed. They travel with the plan: saved, shared and printed."
            </p>
            <DefinitionField
                field=Field::MqlDefinition
                label="What counts as an MQL"
                placeholder="e.g. Fits our customer profile and asked for a demo or pricing"
            />
            <DefinitionField
                field=Field::SqlDefinition
                label="What counts as an SQL"
                placeholder="e.g. Sales accepted it after a call: budget, need and timing confirmed"
            />
        </fieldset>
    }
}

#[component]
fn DefinitionField(
    /// `Field::MqlDefinition` or `Field::SqlDefinition`.
    field: Field,
    /// The visible label.
    label: &'static str,
    /// An example, shown while the field is empty.
    placeholder: &'static str,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let error = planner.error(field);
    let id = format!("in-{}", field.param());
    let error_id = format!("err-{}", field.dom_id());
    let count_id = format!("count-{}", field.param());
    let count = planner.from_scenario(move |s| s.text(field).map_or(0, |t| t.chars().count()));
    let text = planner.from_scenario(move |s| s.text(field).unwrap_or_default().to_string());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                rows="2"
                placeholder=placeholder
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=format!("{count_id} {error_id}")
                prop:value=text
                on:input=move |ev| scenario.update(|s| s.set_text(field, &event_target_value(&ev)))
            />
            <p class="hint char-count" id=count_id>
                {move || format!("{} of {DEFINITION_MAX_CHARS} characters", count.get())}
            </p>
            <FieldError id=error_id.clone() message=error />
        </div>
    }
}
