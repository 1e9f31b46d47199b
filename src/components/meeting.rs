use leptos::prelude::*;

/// The meeting tools in the header: print (or save as PDF) and the
/// presentation view for a projector.
#[component]
pub fn MeetingTools(
    /// Whether the presentation view is on; the page's layout follows it.
    presenting: RwSignal<bool>,
) -> impl IntoView {
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <div class="meeting-tools">
            <button id="print-plan" type="button" class="secondary" on:click=print>
                "Print or save as PDF"
            </button>
            <button
                id="present-toggle"
                type="button"
                class="secondary"
                aria-pressed=move || presenting.get().to_string()
                on:click=move |_| presenting.update(|p| *p = !*p)
            >
                {move || if presenting.get() { "Exit presentation" } else { "Present" }}
            </button>
        </div>
    }
}
