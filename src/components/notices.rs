use leptos::prelude::*;

/// Things the person should know about how the page opened: what a share
/// link asked for that could not be used, or what happened to saved data.
#[component]
pub fn Notices(
    /// The element id (`link-notice`, `storage-notice`).
    id: &'static str,
    /// The first, bold sentence.
    heading: &'static str,
    /// What follows it.
    detail: &'static str,
    /// One sentence per thing to know.
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
                <div id=id class="notice" role="status">
                    <p>
                        <strong>{heading}</strong>
                        " "
                        {detail}
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
