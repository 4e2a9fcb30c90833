//! The form an event happened in: GET forms of filters (Feed, Schedule, Audit log) read their
//! fields from it to navigate on the client instead of reloading the page.

use leptos::{wasm_bindgen::JsCast, web_sys};

/// The form element `ev`'s target is in.
pub fn form_of(ev: &web_sys::Event) -> Option<web_sys::HtmlFormElement> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("form").ok().flatten())
        .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
}
