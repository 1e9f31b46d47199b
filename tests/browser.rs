//! Component tests in a real browser (headless Chromium via
//! wasm-bindgen-test): the page, driven through DOM events, shows exactly the
//! model's numbers.
#![cfg(target_arch = "wasm32")]

use budget_planner::App;
use budget_planner::format::data_value;
use budget_planner::model::{MetricKey, Plan, PlanMetric, Scenario};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Event, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Lets the reactive system flush its updates to the DOM, including those
/// of sections off screen, which follow a change after the next paint.
async fn next_tick() {
    for _ in 0..2 {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("window")
                .request_animation_frame(&resolve)
                .expect("requestAnimationFrame");
        });
        JsFuture::from(frame).await.expect("frame");
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .expect("setTimeout");
        });
        JsFuture::from(promise).await.expect("tick");
    }
}

/// Mounts a fresh planner; dropping the handle unmounts it.
struct Mounted {
    _handle: Box<dyn std::any::Any>,
    root: HtmlElement,
}

async fn mount() -> Mounted {
    // Each test starts like a first visit: the planner saves as it is edited.
    if let Ok(Some(storage)) = web_sys::window().expect("window").local_storage() {
        storage.clear().expect("clear storage");
    }
    let root: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let handle = leptos::mount::mount_to(root.clone(), App);
    // The sections below the first screen are built in idle periods.
    for _ in 0..200 {
        next_tick().await;
        if document()
            .query_selector("[data-deferred]")
            .ok()
            .flatten()
            .is_none()
        {
            break;
        }
    }
    Mounted {
        _handle: Box::new(handle),
        root,
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

impl Mounted {
    fn query(&self, selector: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(selector)
            .expect("valid selector")
            .map(|e| e.unchecked_into())
    }

    fn metric(&self, id: impl Into<MetricKey>) -> (String, String) {
        let id = id.into().id();
        let el = self
            .query(&format!("[data-metric=\"{id}\"]"))
            .unwrap_or_else(|| panic!("metric {id} is on the page"));
        (
            el.get_attribute("data-value").unwrap_or_default(),
            el.text_content().unwrap_or_default(),
        )
    }

    fn input(&self, selector: &str) -> HtmlInputElement {
        self.query(selector)
            .unwrap_or_else(|| panic!("{selector} is on the page"))
            .unchecked_into()
    }

    async fn type_into(&self, selector: &str, text: &str) {
        let input = self.input(selector);
        input.set_value(text);
        input
            .dispatch_event(&Event::new("input").expect("event"))
            .expect("dispatch");
        next_tick().await;
    }

    async fn click(&self, selector: &str) {
        self.query(selector)
            .unwrap_or_else(|| panic!("{selector} is on the page"))
            .click();
        next_tick().await;
    }
}

fn expected(plan: &Plan, pick: fn(&Plan) -> budget_planner::model::Metric) -> String {
    pick(plan).value().map(data_value).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn default_page_shows_the_models_numbers() {
    let page = mount().await;
    let plan = Plan::compute(&Scenario::default());
    assert_eq!(
        page.metric(PlanMetric::RequiredLeads).0,
        expected(&plan, |p| p.required_leads)
    );
    assert_eq!(
        page.metric(PlanMetric::Coverage).0,
        expected(&plan, |p| p.coverage)
    );
    assert_eq!(page.metric(PlanMetric::Roi).0, expected(&plan, |p| p.roi));
    assert_eq!(
        page.metric(PlanMetric::LostInYearRevenue).0,
        expected(&plan, |p| p.budget_cut.lost_in_year_revenue)
    );
    let first_channel_leads = page
        .query("[data-channel=\"0\"] [data-metric=\"channel_leads\"]")
        .expect("per-channel results")
        .get_attribute("data-value");
    assert_eq!(
        first_channel_leads,
        plan.channels[0].channel_leads.value().map(data_value)
    );
    let text = page.root.text_content().unwrap_or_default();
    assert!(
        !text.contains("NaN") && !text.contains("inf"),
        "no NaN or infinity on the page"
    );
}

#[wasm_bindgen_test]
async fn an_invalid_win_rate_blanks_what_depends_on_it_and_says_why() {
    let page = mount().await;
    page.type_into("#in-win_rate_pct", "150").await;
    let error = page
        .query("#err-win_rate_pct")
        .expect("the field shows an error");
    assert_eq!(
        error.text_content().unwrap_or_default(),
        "Win rate must be above 0% and at most 100%"
    );
    let (value, text) = page.metric(PlanMetric::RequiredLeads);
    assert_eq!(value, "");
    assert_eq!(text, "—");
    assert!(
        !page.metric(PlanMetric::Budget).0.is_empty(),
        "the budget does not depend on the win rate"
    );
    // What was typed is kept, not replaced by a default.
    assert_eq!(page.input("#in-win_rate_pct").value(), "150");

    page.type_into("#in-win_rate_pct", "25").await;
    assert!(
        page.query("#err-win_rate_pct").is_none(),
        "the error clears"
    );
    let plan = Plan::compute(&Scenario {
        win_rate: 0.25,
        ..Scenario::default()
    });
    assert_eq!(
        page.metric(PlanMetric::RequiredLeads).0,
        expected(&plan, |p| p.required_leads)
    );
}

#[wasm_bindgen_test]
async fn typing_is_never_rewritten_while_it_means_the_same_number() {
    let page = mount().await;
    page.type_into("#in-revenue_goal", "15000000.").await;
    assert_eq!(page.input("#in-revenue_goal").value(), "15000000.");
    let plan = Plan::compute(&Scenario {
        revenue_goal: 15e6,
        ..Scenario::default()
    });
    assert_eq!(
        page.metric(PlanMetric::Budget).0,
        expected(&plan, |p| p.budget)
    );
    page.type_into("#in-revenue_goal", "20m").await;
    let plan = Plan::compute(&Scenario {
        revenue_goal: 20e6,
        ..Scenario::default()
    });
    assert_eq!(
        page.metric(PlanMetric::Budget).0,
        expected(&plan, |p| p.budget)
    );
}

#[wasm_bindgen_test]
async fn moving_a_slider_updates_its_number_field_and_the_plan() {
    let page = mount().await;
    let before = page
        .metric(PlanMetric::RequiredLeads)
        .0
        .parse::<f64>()
        .expect("a number");
    page.type_into("#in-win_rate_pct-slider", "30").await;
    assert_eq!(page.input("#in-win_rate_pct").value(), "30");
    let after = page
        .metric(PlanMetric::RequiredLeads)
        .0
        .parse::<f64>()
        .expect("a number");
    assert!(
        after < before,
        "a higher win rate needs fewer leads ({after} < {before})"
    );
    let slider = page.input("#in-win_rate_pct-slider");
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("30%")
    );
}

#[wasm_bindgen_test]
async fn channels_can_be_added_overallocated_and_removed() {
    let page = mount().await;
    page.click("#add-channel").await;
    assert!(
        page.query("[data-channel-row=\"4\"]").is_some(),
        "a fifth row"
    );
    assert!(
        page.query("[data-channel=\"4\"]").is_some(),
        "with its results"
    );
    page.type_into("[data-channel-row=\"4\"] .ch-share", "10")
        .await;
    let error = page
        .query("#err-channels")
        .expect("over-allocation is an error");
    assert!(error.text_content().unwrap_or_default().contains("110%"));
    assert_eq!(page.metric(PlanMetric::FundedLeads).0, "");
    page.click("[data-channel-row=\"4\"] .ch-remove").await;
    assert!(page.query("[data-channel-row=\"4\"]").is_none());
    assert!(page.query("#err-channels").is_none());
    let plan = Plan::compute(&Scenario::default());
    assert_eq!(
        page.metric(PlanMetric::FundedLeads).0,
        expected(&plan, |p| p.funded_leads)
    );
}

#[wasm_bindgen_test]
async fn a_hostile_channel_name_is_text_not_markup() {
    let page = mount().await;
    let hostile = "<img src=x onerror=alert(1)>";
    page.type_into("[data-channel-row=\"0\"] .ch-name", hostile)
        .await;
    assert!(
        page.query("img").is_none(),
        "no element was created from the name"
    );
    let cell = page.query("[data-channel=\"0\"] th").expect("results row");
    assert_eq!(cell.text_content().unwrap_or_default(), hostile);
}

#[wasm_bindgen_test]
async fn an_edit_is_saved_as_a_versioned_envelope_that_reads_back() {
    use budget_planner::storage::{Decoded, Key, decode_scenario};
    let page = mount().await;
    page.type_into("#in-deal_size", "72500").await;
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("storage");
    let text = storage
        .get_item(Key::Working.name())
        .expect("readable")
        .expect("saved after the edit");
    let schema = budget_planner::storage::SCHEMA_VERSION;
    assert!(
        text.starts_with(&format!("{{\"schema\":{schema},")),
        "{text}"
    );
    let Decoded::Ok(saved) = decode_scenario(&text) else {
        panic!("the saved plan reads back: {text}")
    };
    assert_eq!(
        saved,
        Scenario {
            deal_size: 72_500.0,
            ..Scenario::default()
        }
    );
}
