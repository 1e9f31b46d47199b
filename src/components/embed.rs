use super::headline::Headline;
use super::{ChartFigure, ExampleNote, NumberField, Planner, PresetPicker};
use crate::charts;
use crate::model::Field;
use crate::share;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// The message the embedded planner posts to its host page whenever its
/// height changes: `{ type: "budget-planner:height", height: <CSS px> }`.
pub const HEIGHT_MESSAGE: &str = "budget-planner:height";

/// Tells the host page how tall the planner is, so the iframe needs no
/// scrollbars. Only a number leaves the frame; any host may read it.
fn post_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // The content's own height (offsetHeight), not scrollHeight, which never
    // drops below the frame's current height and so could only grow.
    let Some(height) = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|root| js_sys::Reflect::get(&root, &"offsetHeight".into()).ok())
        .and_then(|h| h.as_f64())
    else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
    let _ = parent.post_message(&message, "*");
}

/// How the host site brands the embed, each validated by the link reader.
pub struct Branding {
    /// The host's heading.
    pub title: Option<String>,
    /// The host's accent colour, `#rgb`/`#rrggbb`.
    pub accent: Option<String>,
    /// The page colour, `#rgb`/`#rrggbb` or `transparent`.
    pub background: Option<String>,
}

/// The compact layout for an agency's website: the key inputs, the plan's
/// other assumptions with their values, the headline, one chart, and a
/// link to the full planner with this plan.
#[component]
pub fn EmbeddedPlanner(branding: Branding) -> impl IntoView {
    let Branding {
        title,
        accent,
        background,
    } = branding;
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let full_link = move || {
        let location = web_sys::window().map(|w| w.location());
        let base = location
            .map(|l| {
                format!(
                    "{}{}",
                    l.origin().unwrap_or_default(),
                    l.pathname().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        format!("{base}?{}", scenario.with(share::to_query))
    };
    // The page's height follows the plan (messages, errors), the chart (it
    // redraws a frame after the plan) and the width.
    Effect::new(move |_| {
        planner.plan.track();
        planner.charts_due.track();
        planner.chart_width.track();
        if let Some(window) = web_sys::window() {
            let callback = wasm_bindgen::closure::Closure::once_into_js(post_height);
            let _ = window.request_animation_frame(callback.unchecked_ref());
        }
    });
    // Through the CSSOM, not a `style` attribute: a strict
    // Content-Security-Policy (style-src 'self') blocks inline style attributes.
    let main_ref = NodeRef::<leptos::html::Main>::new();
    Effect::new(move |_| {
        if let (Some(main), Some(colour)) = (main_ref.get(), accent.as_deref()) {
            let style = main.style();
            let _ = style.set_property("--accent", colour);
            let _ = style.set_property("--focus", colour);
        }
    });
    // The page behind the cards: the host's colour, or none at all.
    if let Some(colour) = background
        && let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = root.style().set_property("--bg", &colour);
    }
    view! {
        <main id="planner" class="embed" node_ref=main_ref>
            <h1 class="embed-title">
                {title.unwrap_or_else(|| "What will your revenue goal take?".into())}
            </h1>
            <div class="card embed-inputs">
                <NumberField field=Field::RevenueGoal />
                <NumberField field=Field::RecurringRevenue />
                <NumberField field=Field::DealSize />
                <NumberField field=Field::SpendPct />
                <NumberField field=Field::WinRatePct />
                <PresetPicker />
                <ExampleNote>
                    "The starting figures are published benchmarks: examples to replace with your own numbers."
                </ExampleNote>
            </div>
            <Assumptions />
            <Headline />
            <div class="card">
                <ChartFigure chart=planner.later_chart("funnel", charts::funnel) />
            </div>
            <p class="embed-foot">
                <a id="open-full" href=full_link target="_blank" rel="noopener">
                    "Open the full planner with these numbers"
                </a>
                <span class="muted">" · Computed in your browser; nothing is sent anywhere."</span>
            </p>
        </main>
    }
}

/// The plan's assumptions the embed has no field for, with their values, so
/// a visitor sees what the answer rests on (the full planner link carries
/// them all).
#[component]
fn Assumptions() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let text = planner.from_scenario(|s| {
        let money = |v: f64| crate::format::text(v, crate::format::Style::Money, &s.currency);
        let percent = |v: f64| format!("{}%", share::percent_text(v));
        let mut parts = vec![
            format!(
                "{} of new deals sourced by marketing",
                percent(s.marketing_sourced)
            ),
            format!("lead → MQL {}", percent(s.lead_to_mql)),
            format!("MQL → SQL {}", percent(s.mql_to_sql)),
            format!("SQL → opportunity {}", percent(s.sql_to_opp)),
            format!(
                "a {}-month sales cycle",
                share::number_text(s.sales_cycle_months)
            ),
            match s.channels.len() {
                1 => "1 channel".to_string(),
                n => format!("{n} channels"),
            },
        ];
        if s.pipeline_revenue > 0.0 {
            parts.push(format!(
                "{} of pipeline closing this year",
                money(s.pipeline_revenue)
            ));
        }
        parts.join(", ")
    });
    view! {
        <p class="hint embed-assumptions">
            "Also assumed: " {move || text.get()} ". Change them in the full planner."
        </p>
    }
}
