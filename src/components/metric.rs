use super::Planner;
use crate::format::{self, Style};
use crate::model::{Metric, MetricKey};
use leptos::prelude::*;

/// One model number on the page, carrying the public `data-metric` /
/// `data-value` interface of docs/model.md. Undefined shows "—" and why.
#[component]
pub fn MetricValue(
    /// The `data-metric` id from docs/model.md, out of the registry
    /// (`PlanMetric::Coverage`, …).
    #[prop(into)]
    id: MetricKey,
    /// The model value.
    #[prop(into)]
    value: Signal<Metric>,
    /// How it reads, when not as the registry says.
    #[prop(optional)]
    style: Option<Style>,
    /// Show the magnitude only (the label says which way, e.g. "to spare").
    #[prop(optional)]
    magnitude: bool,
    /// For a number that comes and goes with the plan (the levers): while
    /// false the element stays on the page, hidden by its container, but is
    /// not a `data-metric`. Building and dropping the view at each change
    /// would cost a frame and never return its memory.
    #[prop(optional, into)]
    present: Option<Signal<bool>>,
    /// The figure the text shows when it is not the model value itself: a
    /// gap between two numbers as the page rounds them
    /// ([`format::shown_gap`]). `data-value` stays the model value.
    #[prop(optional, into)]
    shown_as: Option<Signal<Metric>>,
) -> impl IntoView {
    let currency = expect_context::<Planner>().currency();
    let style = style.unwrap_or(id.style());
    let id = id.id();
    let data_value = move || {
        value
            .get()
            .value()
            .map(format::data_value)
            .unwrap_or_default()
    };
    let shown = move || match shown_as.unwrap_or(value).get().0 {
        Ok(v) => format::text(if magnitude { v.abs() } else { v }, style, &currency.get()),
        Err(_) => "—".to_string(),
    };
    let why = move || {
        value
            .get()
            .0
            .err()
            .map(|why| view! { <span class="why">{why.to_string()}</span> })
    };
    view! {
        <span
            class="metric"
            data-metric=move || present.is_none_or(|p| p.get()).then_some(id)
            data-value=data_value
        >
            {shown}
        </span>
        {why}
    }
}
