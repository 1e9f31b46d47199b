use leptos::prelude::*;

/// "Deleted “Q3 plan”. Undo": what an action just did, announced politely,
/// with the button that takes it back.
#[component]
pub fn UndoNotice(
    /// The Undo button's id.
    id: &'static str,
    /// The paragraph's class.
    class: &'static str,
    /// What was done, as a sentence.
    message: String,
    /// Takes it back.
    on_undo: Callback<()>,
) -> impl IntoView {
    view! {
        <p class=class role="status">
            {format!("{message} ")}
            <button id=id type="button" class="link-button" on:click=move |_| on_undo.run(())>
                "Undo"
            </button>
        </p>
    }
}
