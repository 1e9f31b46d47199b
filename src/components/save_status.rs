use super::after_paint::after_next_paint;
use super::{Library, Planner};
use crate::storage::browser;
use leptos::prelude::*;

/// Whether the plan on screen is saved in this browser.
#[derive(Clone, Debug, PartialEq)]
enum Saving {
    /// Saved after every change.
    On { failed: Option<String> },
    /// Showing a shared link: saved data is left alone until adopted.
    ViewingLink,
    /// This page cannot save (no storage, or it would overwrite data).
    Off(String),
}

/// Saves the working scenario as it is edited and says so; a shared link is
/// only viewed until the person keeps it as theirs.
#[component]
pub fn SaveStatus(
    /// The page opened from a share link.
    from_link: bool,
    /// Why saving is impossible on this page, if it is.
    cannot_save: Option<String>,
) -> impl IntoView {
    let scenario = expect_context::<Planner>().scenario;
    let library = expect_context::<Library>();
    let saving = RwSignal::new(match (cannot_save, from_link) {
        (Some(why), _) => Saving::Off(why),
        (None, true) => Saving::ViewingLink,
        (None, false) => Saving::On { failed: None },
    });
    let save_now = move || {
        let result = scenario.with_untracked(browser::save);
        let state = Saving::On {
            failed: result.err(),
        };
        if saving.get_untracked() != state {
            saving.set(state);
        }
    };
    // Synchronises the outside world (localStorage) with the scenario, once
    // the frame showing a change has painted: serialising and storing the
    // plan is not part of answering a keystroke, and a burst of changes is
    // stored once. Leaving the page stores a change still waiting.
    let unsaved = StoredValue::new(false);
    let flush = move || {
        if unsaved.get_value() && matches!(saving.get_untracked(), Saving::On { .. }) {
            unsaved.set_value(false);
            save_now();
        }
    };
    Effect::new(move |previous: Option<()>| {
        scenario.track();
        // The first run is the page opening: nothing has changed yet.
        if previous.is_some() {
            unsaved.set_value(true);
        }
    });
    let painted = after_next_paint(move || scenario.track());
    Effect::new(move |_| {
        painted.track();
        flush();
    });
    let _leaving = window_event_listener(leptos::ev::pagehide, move |_| flush());
    // "Save as my scenario": the shared plan joins this browser's scenarios.
    let keep = move |_| {
        saving.set(Saving::On { failed: None });
        unsaved.set_value(false);
        save_now();
        library.save_new(scenario.get_untracked());
    };
    view! {
        <div id="save-status" class="save-status" role="status">
            {move || match saving.get() {
                Saving::On { failed: None } => {
                    match (library.unsaved.get(), library.active.with(Option::is_some)) {
                        (Some(name), _) => {
                            // A named scenario is a snapshot: say what is, and is not, saved.
                            view! {
                                <p class="saved unsaved-status">
                                    {format!(
                                        "Your edits are kept in this browser as the working plan, but not yet saved to “{name}”: use Save changes to keep them in it.",
                                    )}
                                </p>
                            }
                                .into_any()
                        }
                        (None, true) => {
                            view! {
                                <p class="saved">
                                    "Saved in this browser: the scenario you are editing is up to date."
                                </p>
                            }
                                .into_any()
                        }
                        (None, false) => {
                            view! { <p class="saved">"Saved in this browser as you edit."</p> }
                                .into_any()
                        }
                    }
                }
                Saving::On { failed: Some(why) } => {
                    view! { <p class="not-saved">{format!("Not saved: {why}.")}</p> }.into_any()
                }
                Saving::ViewingLink => {
                    view! {
                        <p>
                            "You are viewing a shared plan. Your own saved plan is untouched. "
                            <button id="keep-shared" type="button" class="secondary" on:click=keep>
                                "Save as my scenario"
                            </button>
                        </p>
                    }
                        .into_any()
                }
                Saving::Off(why) => {
                    view! {
                        <p class="not-saved">
                            {if why.is_empty() {
                                "This page cannot save.".to_string()
                            } else {
                                format!("Not saving: {why}.")
                            }} " The planner still works; copy a share link to keep this plan."
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
