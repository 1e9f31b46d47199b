//! How the page opens: the share link in the address, else the plan saved
//! in this browser, else the example plan.

use super::embed;
use crate::model::Scenario;
use crate::{share, storage};

/// How the page opened.
pub(super) struct StartUp {
    pub scenario: Scenario,
    pub link_notices: Vec<String>,
    pub storage_notices: Vec<String>,
    /// The scenario came from a share link: saved data is left alone until
    /// the person keeps the shared plan as theirs.
    pub from_link: bool,
    /// Why this page cannot save, if it cannot.
    pub cannot_save: Option<String>,
    /// The compact layout for an agency's iframe, with its branding.
    pub embed: Option<embed::Branding>,
}

/// Where the page starts, decided once: the share link in the address, else
/// the plan saved in this browser, else the example plan.
pub(super) fn start_up() -> StartUp {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let link = share::from_link(&href);
    if link.embed {
        // Embedded: the host's link decides the plan; saved data is neither
        // read nor written, and a bad value silently takes the default.
        return StartUp {
            scenario: link.scenario,
            link_notices: vec![],
            storage_notices: vec![],
            from_link: true,
            cannot_save: Some("embedded plans are not saved".into()),
            embed: Some(embed::Branding {
                title: link.title,
                accent: link.accent,
                background: link.background,
            }),
        };
    }
    let restored = storage::browser::restore();
    let from_link = link.has_scenario || !link.notices.is_empty();
    let scenario = if from_link {
        link.scenario
    } else {
        restored.scenario.unwrap_or_default()
    };
    StartUp {
        scenario,
        link_notices: link.notices,
        storage_notices: restored.notices,
        from_link,
        embed: None,
        cannot_save: if restored.can_save {
            None
        } else {
            restored.why_not.or(Some(String::new()))
        },
    }
}
