//! A modal dialog: a titled panel over a dimmed page, closed with Escape (or the dialog's own
//! buttons). It takes the focus when it opens (its first field or button), so keyboard users
//! start inside it and Escape reaches it.

use leptos::prelude::*;

#[component]
pub fn Dialog(
    /// The dialog's heading and accessible name.
    #[prop(into)]
    title: String,
    /// The id of the heading, unique on the page.
    title_id: &'static str,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        use leptos::wasm_bindgen::JsCast;
        if let Some(panel) = panel.get()
            && let Ok(Some(first)) = panel.query_selector(
                "input:not([disabled]):not([type=hidden]), select, textarea, button:not([disabled])",
            )
            && let Ok(first) = first.dyn_into::<leptos::web_sys::HtmlElement>()
        {
            let _ = first.focus();
        }
    });
    view! {
        <div
            class="dialog-backdrop"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby=title_id node_ref=panel>
                <h2 id=title_id>{title}</h2>
                {children()}
            </div>
        </div>
    }
}
