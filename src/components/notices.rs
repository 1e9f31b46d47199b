use leptos::prelude::*;

/// What a share link asked for that could not be used, and why.
#[component]
pub fn LinkNotices(
    /// One sentence per ignored value.
    notices: Vec<String>,
) -> impl IntoView {
    let open = RwSignal::new(!notices.is_empty());
    move || {
        open.get().then(|| {
            let items = notices
                .iter()
                .map(|n| view! { <li>{n.clone()}</li> })
                .collect_view();
            view! {
                <div id="link-notice" class="notice" role="status">
                    <p>
                        <strong>"Some of this link could not be used."</strong>
                        " Everything else opened as shared."
                    </p>
                    <ul>{items}</ul>
                    <button type="button" class="link-button" on:click=move |_| open.set(false)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}
