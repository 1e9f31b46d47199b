use super::Planner;
use crate::model::Scenario;
use leptos::prelude::*;

/// A note shown only while the plan still holds the example figures: a
/// shared plan, or one the person has made their own, is not an example.
#[component]
pub fn ExampleNote(children: ChildrenFn) -> impl IntoView {
    let example = expect_context::<Planner>().from_scenario(Scenario::holds_example_figures);
    view! {
        <p class="example-note" hidden=move || !example.get()>
            {children()}
        </p>
    }
}
