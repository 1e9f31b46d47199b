use super::embed;
use super::full_page::FullPage;
use super::planner::Planner;
use super::start_up::start_up;
use leptos::prelude::*;

/// The planner: where it starts, its shared state, and the layout — the
/// full page, or the compact one an agency embeds.
#[component]
pub fn App() -> impl IntoView {
    let mut start = start_up();
    let planner = Planner::new(std::mem::take(&mut start.scenario));
    provide_context(planner);
    planner.follow_window();
    match start.embed.take() {
        Some(branding) => view! { <embed::EmbeddedPlanner branding=branding /> }.into_any(),
        None => view! { <FullPage start=start /> }.into_any(),
    }
}
