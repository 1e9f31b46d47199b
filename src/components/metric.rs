use super::Planner;
use crate::format::{self, Style};
use crate::model::Metric;
use leptos::prelude::*;

/// One model number on the page, carrying the public `data-metric` /
/// `data-value` interface of MODEL.md. Undefined shows "—" and why.
#[component]
pub fn MetricValue(
    /// The `data-metric` id from MODEL.md.
    id: &'static str,
    /// The model value.
    #[prop(into)]
    value: Signal<Metric>,
    /// How it reads.
    style: Style,
    /// Show the magnitude only (the label says which way, e.g. "to spare").
    #[prop(optional)]
    magnitude: bool,
) -> impl IntoView {
    let currency = expect_context::<Planner>().currency();
    let data_value = move || {
        value
            .get()
            .value()
            .map(format::data_value)
            .unwrap_or_default()
    };
    let shown = move || match value.get().0 {
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
        <span class="metric" data-metric=id data-value=data_value>
            {shown}
        </span>
        {why}
    }
}
