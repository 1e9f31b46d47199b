fn main() {
    console_error_panic_hook::set_once();
    // index.html paints a one-line placeholder while the wasm loads; the
    // planner replaces it.
    if let Some(placeholder) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-loading"))
    {
        placeholder.remove();
    }
    leptos::mount::mount_to_body(budget_planner::App);
}
