//! A modal dialog: a titled panel over a dimmed page, closed with Escape (or the dialog's own
//! buttons).

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
    view! {
        <div
            class="dialog-backdrop"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby=title_id>
                <h2 id=title_id>{title}</h2>
                {children()}
            </div>
        </div>
    }
}
