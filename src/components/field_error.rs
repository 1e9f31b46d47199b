use leptos::prelude::*;

/// The message under an input while its value is invalid. It is announced
/// as it appears (`role="alert"`) and, by its `id`, is what the input's
/// `aria-describedby` points at.
#[component]
pub fn FieldError(
    /// The element id the input's `aria-describedby` names.
    #[prop(into)]
    id: String,
    /// The message, or `None` while the value is valid.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|text| {
            view! {
                <p class="error" id=id.clone() role="alert">
                    {text}
                </p>
            }
        })
    }
}
