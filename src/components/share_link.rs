use super::Planner;
use crate::share;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// "Copy share link": the current scenario as a link, copied when the
/// browser allows it and always shown, selected, to copy by hand.
#[component]
pub fn ShareLink() -> impl IntoView {
    let scenario = expect_context::<Planner>().scenario;
    let link = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let text = scenario.with_untracked(|s| {
            let query = share::to_query(s);
            let left_out = share::left_out(s);
            (format!("{base}?{query}"), left_out)
        });
        let (url, left_out) = text;
        link.set(Some(url.clone()));
        let note = if left_out.is_empty() {
            String::new()
        } else {
            format!(" It leaves out what is invalid: {}.", left_out.join(", "))
        };
        status.set(format!("Link ready: select it to copy.{note}"));
        // navigator.clipboard is missing outside secure contexts: then the
        // selected field is the way to copy.
        let navigator = window.navigator();
        let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
            .is_ok_and(|c| !c.is_undefined() && !c.is_null());
        if !has_clipboard {
            return;
        }
        let clipboard = navigator.clipboard();
        leptos::task::spawn_local(async move {
            if JsFuture::from(clipboard.write_text(&url)).await.is_ok() {
                status.set(format!("Link copied to the clipboard.{note}"));
            }
        });
    };
    view! {
        <div class="share">
            <button id="copy-link" type="button" class="primary" on:click=copy>
                "Copy share link"
            </button>
            {move || {
                link.get()
                    .map(|url| {
                        view! {
                            <label class="visually-hidden" for="share-link">
                                "Share link"
                            </label>
                            <input
                                id="share-link"
                                type="text"
                                readonly
                                prop:value=url
                                on:focus=|ev| {
                                    use wasm_bindgen::JsCast;
                                    if let Some(input) = ev
                                        .target()
                                        .and_then(|t| {
                                            t.dyn_into::<web_sys::HtmlInputElement>().ok()
                                        })
                                    {
                                        input.select();
                                    }
                                }
                            />
                        }
                    })
            }}
            <p class="share-status" role="status">
                {move || status.get()}
            </p>
        </div>
    }
}
