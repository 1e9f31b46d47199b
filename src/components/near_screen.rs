//! Whether an element is on the screen or close to it.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// Whether `target` is on the screen or within a screen's height of it
/// (true until the browser first says otherwise, and where it cannot say).
pub fn near_the_screen<E>(target: NodeRef<E>) -> ReadSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    watch(
        move || target.get().map(JsCast::unchecked_into),
        true,
        SCREEN,
    )
}

/// Like [`near_the_screen`], but false until the browser says the element
/// is near: for what is built only once it is.
pub fn comes_near<E>(target: NodeRef<E>) -> ReadSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    watch(
        move || target.get().map(JsCast::unchecked_into),
        false,
        SCREEN,
    )
}

/// Whether the first element inside `slot` is on the screen: for a wrapper
/// that has no box of its own (`display: contents`).
pub fn first_child_near(slot: NodeRef<leptos::html::Div>) -> ReadSignal<bool> {
    watch(
        move || slot.get().and_then(|s| s.first_element_child()),
        true,
        ON_SCREEN,
    )
}

/// Whether `target` is on the screen (true until the browser says
/// otherwise): for a part of a long section that follows the plan on its
/// own (a segment's card).
pub fn close_to_screen<E>(target: NodeRef<E>) -> ReadSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    watch(
        move || target.get().map(JsCast::unchecked_into),
        true,
        ON_SCREEN,
    )
}

/// A screen's height above and below the screen.
const SCREEN: &str = "100% 0px";

/// The screen itself. What follows each key press at once is what can be
/// seen; a part just off the screen catches up after the next paint, a
/// frame later, which nobody sees (see `Planner::section`).
const ON_SCREEN: &str = "0px";

/// Observes the element `target` gives once it is on the page.
fn watch(
    target: impl Fn() -> Option<web_sys::Element> + 'static,
    until_known: bool,
    margin: &str,
) -> ReadSignal<bool> {
    let (near, set_near) = signal(until_known);
    let on_change = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The newest entry is the current state.
        if let Some(entry) = entries.iter().last() {
            let now = entry
                .unchecked_into::<IntersectionObserverEntry>()
                .is_intersecting();
            if near.get_untracked() != now {
                set_near.set(now);
            }
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(margin);
    let Ok(observer) =
        IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &options)
    else {
        set_near.set(true);
        return near;
    };
    let watch = StoredValue::new_local(Watch {
        observer,
        _on_change: on_change,
    });
    Effect::new(move |_| {
        if let Some(element) = target() {
            watch.with_value(|w| w.observer.observe(&element));
        }
    });
    near
}

/// An observer that stops when its element leaves the page.
struct Watch {
    observer: IntersectionObserver,
    _on_change: Closure<dyn Fn(js_sys::Array)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
