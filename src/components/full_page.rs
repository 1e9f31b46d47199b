//! The full page: header, notices, comparison, the assumptions and results
//! columns, and the footer. (The embed has its own compact layout.)

use super::assumptions::Assumptions;
use super::results::Results;
use super::start_up::StartUp;
use super::{
    Library, MeetingTools, Planner, Sections, compare, notices::Notices, save_status::SaveStatus,
    share_link::ShareLink,
};
use crate::storage;
use leptos::prelude::*;

/// The planner as its own page.
#[component]
pub fn FullPage(
    /// How the page opened: its notices and whether it may save.
    start: StartUp,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let printing = planner.printing;
    let (library, library_notices) = Library::load(planner.scenario);
    provide_context(library);
    let storage_notices: Vec<String> = start
        .storage_notices
        .into_iter()
        .chain(library_notices)
        .collect();
    // Another tab saved, renamed or deleted a scenario: show the same list.
    let _other_tab = window_event_listener(leptos::ev::storage, move |event| {
        let ours = event
            .key()
            .is_none_or(|key| key.starts_with(storage::Key::ScenarioPrefix.name()));
        if ours {
            library.refresh();
        }
    });
    let scenario = planner.scenario;
    let presenting = RwSignal::new(false);
    let _leave_presentation = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() == "Escape" && presenting.get_untracked() {
            presenting.set(false);
        }
    });
    provide_context(Sections::new(printing.into(), presenting.into()));

    view! {
        <header class="top" class:presenting=presenting>
            <div class="brand">
                <h1>"Marketing budget planner"</h1>
                <p class="tagline">
                    "From the revenue goal to the leads, budget and channels that deliver it. Your numbers stay in this browser."
                </p>
                <p class="present-only present-name">{move || scenario.with(|s| s.name.clone())}</p>
            </div>
            <div class="top-actions">
                <MeetingTools presenting=presenting />
                <ShareLink />
            </div>
        </header>
        <Notices
            id="link-notice"
            heading="Some of this link could not be used."
            detail="Everything else opened as shared."
            notices=start.link_notices
        />
        <Notices
            id="storage-notice"
            heading="About your saved plan:"
            detail=""
            notices=storage_notices
        />
        <div class="compare-wrap">
            <compare::CompareView />
        </div>
        <SaveStatus from_link=start.from_link cannot_save=start.cannot_save />
        <main id="planner" class="layout" class:presenting=presenting>
            <Assumptions />
            <Results />
        </main>
        <footer class="foot">
            <p>"Everything is computed in your browser. Nothing you type is sent anywhere."</p>
            <p class="muted">{move || scenario.with(|s| format!("Scenario: {}", s.name))}</p>
        </footer>
    }
}
