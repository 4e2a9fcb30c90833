//! The browser entry point: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Only the development client reports panics: the release client's panics abort at once
    // (xtask/src/size_std.rs), so the hook never runs there.
    console_error_panic_hook::set_once();
    // Hydration waits for the code of a lazily loaded page (every page but the list tabs) when
    // the page is one of them, so it runs as a task.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        // A list tab showing a board or a record preview from the start: their code first, so
        // hydration finds it.
        let search = leptos::prelude::window().location().search();
        app::routes::record_list::preload_open_parts(&search.unwrap_or_default()).await;
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // Lets end-to-end tests (and curious users) tell a hydrated page from a static one.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
