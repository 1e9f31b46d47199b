//! "Can sales work what marketing buys?": the sales team beside the
//! budget (docs/model.md, "Sales capacity"). Four optional inputs, blank by
//! default; each figure shows once the inputs it uses are given, and one
//! sentence names what binds the plan first.

use super::{FieldError, MetricValue, NumberText, Planner, Unit};
use crate::model::{CapacityMetric, Field, Metric, Undefined};
use crate::words;
use leptos::prelude::*;

/// The sales-capacity inputs, figures and binding constraint.
#[component]
pub fn SalesCapacity() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let sentence = planner.from_both(|p, s| words::binding_sentence(p, &s.currency));
    let planned = planner.from_scenario(|s| s.plans_capacity());
    let inputs = Field::CAPACITY
        .iter()
        .map(|&field| view! { <CapacityInput field=field /> })
        .collect_view();
    let figures = CapacityMetric::ALL
        .iter()
        .map(|&m| {
            let value = planner.metric_of(move |p| m.read(&p.capacity));
            let present = Signal::derive(move || shown(value.get()));
            view! {
                <div class="stat" hidden=move || !present.get()>
                    <dt>{m.label()}</dt>
                    <dd>
                        <MetricValue id=m value=value present=present />
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <section
            class="card"
            class:planned=move || planned.get()
            id="capacity"
            aria-labelledby="capacity-title"
        >
            <h2 id="capacity-title">"Can sales work what marketing buys?"</h2>
            <p class="explain binding" aria-live="polite">
                {sentence}
            </p>
            <div class="capacity-inputs">{inputs}</div>
            <p class="hint" hidden=move || planned.get()>
                "Leave these blank to plan marketing alone. Each figure below appears once the numbers it needs are given."
            </p>
            <dl class="stats narrow">{figures}</dl>
        </section>
    }
}

/// One optional capacity input: blank means "not planned".
#[component]
fn CapacityInput(field: Field) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let id = format!("in-{}", field.param());
    let error_id = format!("err-{}", field.dom_id());
    let error = planner.error(field);
    let invalid = planner.from_scenario(move |s| s.error(field).is_some());
    let value = planner.from_scenario(move |s| s.number(field));
    let set = Callback::new(move |v: Option<f64>| scenario.update(|s| s.set_optional(field, v)));
    let unit = Unit::of(field);
    view! {
        <div class="field capacity-input" class:has-error=move || invalid.get()>
            <div class="field-head">
                <label for=id.clone()>{field.label()}</label>
                {(unit == Unit::Money)
                    .then(|| view! { <span class="currency-code">{planner.currency()}</span> })}
            </div>
            <NumberText
                id=id
                unit=unit
                value=value
                set=set
                optional=true
                placeholder="not planned".to_string()
                described_by=error_id.clone()
                invalid=invalid
            />
            <FieldError id=error_id message=error />
        </div>
    }
}

/// Whether a capacity figure is shown: once every input it uses is given.
fn shown(value: Metric) -> bool {
    !matches!(value.0, Err(Undefined::NotPlanned(_)))
}
