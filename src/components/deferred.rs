//! Sections below the first screen, built when they are needed.
//!
//! Start-up builds only what the first screenful shows: the inputs, the
//! headline and the funnel. Every other section starts as an empty
//! placeholder about its height, and is built at the first of:
//! - it comes within a screen's height of the screen (built in a task of
//!   its own, so that several coming near at once make no long task);
//! - the browser is idle: the waiting sections are built in page order,
//!   one per idle period, so within a moment of start-up the whole page is
//!   there for a screen reader, find in page and the tests;
//! - something needs the whole page at once: printing, presenting, find in
//!   page (Ctrl or ⌘ + F), keyboard navigation (Tab), or a link to a place
//!   on the page (`#…`) that is not built yet, which is then scrolled to.

use super::Planner;
use super::near_screen::{comes_near, first_child_near};
use leptos::context::Provider;
use leptos::html::Div;
use leptos::prelude::*;
use std::time::Duration;

/// The page's deferred sections, shared through context.
#[derive(Clone, Copy)]
pub struct Sections {
    /// Set once something needs every section now.
    everything: RwSignal<bool>,
    /// Each section's "built" flag, in page order.
    all: StoredValue<Vec<RwSignal<bool>>>,
}

impl Sections {
    /// Starts building the waiting sections when the browser is idle, and
    /// everything at once when the page is printed or presented, or when the
    /// person looks for something on it.
    pub fn new(printing: Signal<bool>, presenting: Signal<bool>) -> Self {
        let sections = Sections {
            everything: RwSignal::new(false),
            all: StoredValue::new(Vec::new()),
        };
        let everything = sections.everything;
        // Printing is set in the `beforeprint` listener; the effect runs
        // before that listener's task ends, so before the page is laid out
        // for print.
        Effect::new(move |_| {
            if printing.get() || presenting.get() {
                everything.set(true);
            }
        });
        let keys = window_event_listener(leptos::ev::keydown, move |event| {
            let find = (event.ctrl_key() || event.meta_key()) && event.key() == "f";
            if find || event.key() == "Tab" {
                everything.set(true);
            }
        });
        let links = window_event_listener_untyped("hashchange", move |_| sections.show_target());
        on_cleanup(move || {
            keys.remove();
            links.remove();
        });
        request_animation_frame(move || {
            // The page opened at a place on it: the browser looked for it
            // before the page was built.
            sections.show_target();
            // After the first paint, the browser's idle periods.
            set_timeout(move || sections.build_when_idle(), Duration::ZERO)
        });
        sections
    }

    /// A new section's "built" flag, which the idle builder sets in turn,
    /// and whether the section is to be shown.
    fn register(self) -> (RwSignal<bool>, Memo<bool>) {
        let built = RwSignal::new(false);
        self.all.update_value(|all| all.push(built));
        let everything = self.everything;
        (built, Memo::new(move |_| built.get() || everything.get()))
    }

    /// Builds the next waiting section in an idle period, then the next.
    fn build_when_idle(self) {
        request_idle_callback(move || {
            let next = self
                .all
                .with_value(|all| all.iter().copied().find(|b| !b.get_untracked()));
            if let Some(built) = next
                && !self.everything.get_untracked()
                && built.try_set(true).is_none()
            {
                self.build_when_idle();
            }
        });
    }

    /// Scrolls to the place on the page the address names, building
    /// everything first if it is not built yet.
    fn show_target(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let hash = window.location().hash().unwrap_or_default();
        let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
            return;
        };
        let id = js_sys::decode_uri_component(id)
            .ok()
            .and_then(|id| id.as_string())
            .unwrap_or_else(|| id.to_string());
        let document = window.document();
        let missing = document
            .as_ref()
            .is_none_or(|d| d.get_element_by_id(&id).is_none());
        if missing {
            self.everything.set(true);
        }
        // Once the sections are on the page and laid out.
        request_animation_frame(move || {
            if let Some(target) = document.and_then(|d| d.get_element_by_id(&id)) {
                target.scroll_into_view();
            }
        });
    }
}

/// The sections built when they are needed, in page order. The name is the
/// placeholder's `data-deferred`, which the end-to-end tests read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Definitions,
    /// The per-segment results (shown with two or more segments).
    Segments,
    Economics,
    Timing,
    /// Seasonality, budget phasing and the quarters.
    When,
    /// Sales capacity and the binding constraint.
    Capacity,
    Channels,
    Levers,
    BudgetCut,
    CheckIns,
    MultiYear,
}

impl Section {
    pub fn name(self) -> &'static str {
        match self {
            Section::Definitions => "definitions",
            Section::Segments => "segments",
            Section::Economics => "economics",
            Section::Timing => "timing",
            Section::When => "when",
            Section::Capacity => "capacity",
            Section::Channels => "channels",
            Section::Levers => "levers",
            Section::BudgetCut => "budget-cut",
            Section::CheckIns => "check-ins",
            Section::MultiYear => "multi-year",
        }
    }
}

/// A section built when it is needed (see the module's notes); until then
/// an empty placeholder (style/main.css gives it a section's height, so the
/// page below hardly moves when it is built).
#[component]
pub fn Deferred(
    /// Which section it is.
    section: Section,
    children: ChildrenFn,
) -> impl IntoView {
    let sections = expect_context::<Sections>();
    let (built, show) = sections.register();
    let placeholder = NodeRef::<Div>::new();
    let near = comes_near(placeholder);
    // Coming near: built in a task of its own.
    Effect::new(move |_| {
        if near.get() && !show.get_untracked() {
            set_timeout(
                move || {
                    built.try_set(true);
                },
                Duration::ZERO,
            );
        }
    });
    let built = move || {
        let children = children.clone();
        view! { <NearNow>{children()}</NearNow> }
    };
    view! {
        <Show
            when=move || show.get()
            fallback=move || {
                view! {
                    <div
                        node_ref=placeholder
                        class="card deferred"
                        data-deferred=section.name()
                        aria-hidden="true"
                    ></div>
                }
            }
        >
            {built()}
        </Show>
    }
}

/// A section that follows each change inside the key press only while it is
/// near the screen; further away it catches up after the next paint
/// ([`Planner::section`]).
#[component]
pub fn NearNow(children: Children) -> impl IntoView {
    let slot = NodeRef::<Div>::new();
    let planner = expect_context::<Planner>().section(first_child_near(slot).into());
    // No box of its own, so the section stays the layout's child; and a
    // context of its own (a component provides to its parent's owner).
    view! {
        <div class="section-slot" node_ref=slot>
            <Provider value=planner>{children()}</Provider>
        </div>
    }
}
