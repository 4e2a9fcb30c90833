//! Warns before unsaved settings are lost: closing or reloading the tab asks the browser's
//! "Leave site?" question, and following a link inside the app asks for confirmation first.
//! The router handles link clicks on `window`; this guard listens on `document` in the capture
//! phase, so a cancelled click is stopped before the router sees it.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
mod browser {
    use std::{cell::Cell, sync::Once};

    use leptos::{
        prelude::*,
        wasm_bindgen::{JsCast, closure::Closure},
        web_sys::{Element, MouseEvent},
    };

    thread_local! {
        /// Whether the page being shown has unsaved changes; read by the global listeners.
        pub static UNSAVED: Cell<bool> = const { Cell::new(false) };
    }

    const QUESTION: &str = "You have unsaved changes. Leave without saving?";

    /// Installs the two listeners once per page load.
    pub fn install() {
        static INSTALLED: Once = Once::new();
        INSTALLED.call_once(|| {
            let unload = window_event_listener(leptos::ev::beforeunload, |ev| {
                if UNSAVED.get() {
                    ev.prevent_default();
                    ev.set_return_value("");
                }
            });
            std::mem::forget(unload);
            let guard = Closure::<dyn Fn(MouseEvent)>::new(|ev: MouseEvent| {
                if !UNSAVED.get() {
                    return;
                }
                let on_link = ev
                    .target()
                    .and_then(|target| target.dyn_into::<Element>().ok())
                    .and_then(|element| element.closest("a[href]").ok().flatten())
                    .is_some();
                if on_link && !window().confirm_with_message(QUESTION).unwrap_or(true) {
                    ev.prevent_default();
                    ev.stop_propagation();
                } else if on_link {
                    UNSAVED.set(false);
                }
            });
            let _ = document().add_event_listener_with_callback_and_bool(
                "click",
                guard.as_ref().unchecked_ref(),
                true,
            );
            // The listener lives as long as the page.
            guard.forget();
        });
    }
}

/// Renders nothing; keeps the guard armed while `dirty` holds. One per page.
#[component]
pub fn UnsavedChangesGuard(#[prop(into)] dirty: Signal<bool>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            browser::install();
            browser::UNSAVED.set(dirty.get());
        });
        on_cleanup(|| browser::UNSAVED.set(false));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = dirty;
}
