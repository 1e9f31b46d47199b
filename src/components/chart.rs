use super::Planner;
use super::near_screen::near_the_screen;
use crate::charts::Chart;
use leptos::html::Figure;
use leptos::prelude::*;

/// One chart: title, the drawing, its conclusion in words, a "show as
/// table" toggle with the same data, and downloads for a slide deck.
#[component]
pub fn ChartFigure(
    /// The chart, recomputed with the plan.
    #[prop(into)]
    chart: Signal<Chart>,
    /// Appended to element ids when the same chart shows more than once.
    #[prop(optional, into)]
    id_suffix: String,
) -> impl IntoView {
    let show_table = RwSignal::new(false);
    let id = chart.with_untracked(|c| c.id);
    let table_id = format!("chart-{id}{id_suffix}-table");
    let title = move || chart.with(|c| c.title.clone());
    let summary = move || chart.with(|c| c.summary.clone());
    // A memo: the page's SVG is replaced only when the drawing changed, not
    // when only the summary did.
    let svg = Memo::new(move |_| chart.with(|c| c.svg.clone()));
    let has_svg = Memo::new(move |_| svg.with(Option::is_some));
    // Far off screen, the page keeps the drawing it has and swaps in the new
    // one as the chart scrolls near: each swap costs the browser a parse,
    // layout and paint of the SVG, which an input would otherwise wait on
    // for charts nobody can see. Title, summary, table and downloads are
    // always current; so is every chart while printing.
    let figure = NodeRef::<Figure>::new();
    let near = near_the_screen(figure);
    let printing = use_context::<Planner>().map(|p| p.printing);
    let drawn = Memo::new(move |last: Option<&Option<String>>| match last {
        Some(last) if !near.get() && !printing.is_some_and(|p| p.get()) => last.clone(),
        _ => svg.get(),
    });
    // Not drawn yet (further down the page, drawn after the first paint).
    let pending = Memo::new(move |_| chart.with(Chart::is_pending));
    let file_name = move || chart.with(|c| format!("{}-{}", c.id, slug(&c.title)));
    let download = move |png: bool| {
        if let Some(svg) = svg.get_untracked() {
            if png {
                crate::download::png_file(&svg, &file_name());
            } else {
                crate::download::svg_file(&svg, &file_name());
            }
        }
    };
    let table = move || {
        chart.with(|c| {
            let headers = c
                .table
                .headers
                .iter()
                .map(|h| view! { <th scope="col">{h.clone()}</th> })
                .collect_view();
            let rows = c
                .table
                .rows
                .iter()
                .map(|row| {
                    let cells = row
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| {
                            if i == 0 {
                                view! { <th scope="row">{cell.clone()}</th> }.into_any()
                            } else {
                                view! { <td>{cell.clone()}</td> }.into_any()
                            }
                        })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <table class="chart-table">
                    <caption class="visually-hidden">{c.title.clone()}</caption>
                    <thead>
                        <tr>{headers}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    view! {
        <figure
            node_ref=figure
            class="chart"
            id=format!("chart-{id}{id_suffix}")
            data-chart=id
            aria-busy=move || pending.get().then_some("true")
        >
            <figcaption>
                <span class="chart-title">{title}</span>
                <span class="chart-actions">
                    <button
                        type="button"
                        class="link-button"
                        aria-expanded=move || show_table.get().to_string()
                        aria-controls=table_id.clone()
                        on:click=move |_| show_table.update(|v| *v = !*v)
                    >
                        {move || if show_table.get() { "Hide table" } else { "Show as table" }}
                    </button>
                    <button
                        type="button"
                        class="link-button"
                        disabled=move || !has_svg.get()
                        on:click=move |_| download(false)
                    >
                        "Download SVG"
                    </button>
                    <button
                        type="button"
                        class="link-button"
                        disabled=move || !has_svg.get()
                        on:click=move |_| download(true)
                    >
                        "PNG"
                    </button>
                </span>
            </figcaption>
            // One element for the chart's life: a redraw swaps its markup and
            // nothing else. The SVG comes from plotters, which escapes all text it writes.
            <div
                class="chart-canvas"
                class:chart-empty=move || !has_svg.get()
                role=move || has_svg.get().then_some("img")
                aria-label=move || has_svg.get().then(|| format!("{}. {}", title(), summary()))
                inner_html=move || {
                    drawn
                        .get()
                        .unwrap_or_else(|| {
                            if pending.get() { String::new() } else { NO_CHART.to_string() }
                        })
                }
            ></div>
            <p class="chart-summary">{summary}</p>
            // Focusable: a wide table scrolls sideways, and keyboard users must reach it.
            <div
                id=table_id
                class="table-wrap"
                role="region"
                tabindex="0"
                aria-label=move || format!("{} (table)", title())
                hidden=move || !show_table.get()
            >
                {move || show_table.get().then(table)}
            </div>
        </figure>
    }
}

/// The canvas when the plan cannot be drawn (the summary says why).
const NO_CHART: &str = "<p>No chart: see below.</p>";

/// A file-name-safe version of a title.
fn slug(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    slug.split('-')
        .filter(|p| !p.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-")
}
