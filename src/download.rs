//! Saving a chart as a file (SVG or PNG) for a slide deck. Browser-only.
//!
//! On the page, chart colours are `var(--chart-…)` so the theme applies; a
//! file has no page around it, so the colours are resolved first.

use wasm_bindgen::{JsCast, JsValue, closure::Closure};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Replaces every `var(--chart-NAME)` with the colour the page uses now.
pub fn with_resolved_colours(svg: &str) -> String {
    let style = window().and_then(|w| {
        let root = w.document()?.document_element()?;
        w.get_computed_style(&root).ok().flatten()
    });
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find("var(--chart-") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        let Some(end) = after.find(')') else { break };
        let name = &after[..end];
        let colour = style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .map(|c| c.trim().to_string())
            .filter(|c| {
                !c.is_empty()
                    && c.chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || "#(),. %".contains(ch))
            })
            .unwrap_or_else(|| "#555555".into());
        out.push_str(&colour);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The drawing size from the SVG's `viewBox="0 0 W H"`.
pub fn view_box_size(svg: &str) -> Option<(u32, u32)> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let rest = &svg[start..];
    let values: Vec<f64> = rest[..rest.find('"')?]
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    match values[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 && w <= 10_000.0 && h <= 10_000.0 => {
            Some((w as u32, h as u32))
        }
        _ => None,
    }
}

/// A standalone SVG file: fixed size and resolved colours.
fn standalone(svg: &str, width: u32, height: u32) -> String {
    let svg = with_resolved_colours(svg);
    let svg = svg.replacen(
        " class=\"chart-svg\"",
        &format!(" width=\"{width}\" height=\"{height}\""),
        1,
    );
    svg.replacen(" aria-hidden=\"true\" focusable=\"false\"", "", 1)
}

fn blob_url(content: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn click_download(url: &str, file_name: &str) -> Option<()> {
    let document = window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(url);
    Some(())
}

/// Downloads text (CSV, JSON) as a file.
pub fn text_file(content: &str, mime: &str, file_name: &str) {
    if let Some(url) = blob_url(content, mime) {
        click_download(&url, file_name);
    }
}

/// Downloads `svg` as `file_name`.svg.
pub fn svg_file(svg: &str, file_name: &str) {
    let Some((width, height)) = view_box_size(svg) else {
        return;
    };
    let content = standalone(svg, width, height);
    if let Some(url) = blob_url(&content, "image/svg+xml") {
        click_download(&url, &format!("{file_name}.svg"));
    }
}

/// Downloads `svg` rendered at twice its size as `file_name`.png.
pub fn png_file(svg: &str, file_name: &str) {
    let Some((width, height)) = view_box_size(svg) else {
        return;
    };
    let content = standalone(svg, width, height);
    let Some(url) = blob_url(&content, "image/svg+xml") else {
        return;
    };
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let file_name = format!("{file_name}.png");
    let loaded = image.clone();
    let svg_url = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = draw_png(&loaded, width, height, &file_name);
        let _ = web_sys::Url::revoke_object_url(&svg_url);
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
}

fn draw_png(
    image: &web_sys::HtmlImageElement,
    width: u32,
    height: u32,
    file_name: &str,
) -> Option<()> {
    const SCALE: u32 = 2;
    let document = window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width * SCALE);
    canvas.set_height(height * SCALE);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            image,
            0.0,
            0.0,
            f64::from(width * SCALE),
            f64::from(height * SCALE),
        )
        .ok()?;
    let png = canvas.to_data_url_with_type("image/png").ok()?;
    click_download(&png, file_name)
}
