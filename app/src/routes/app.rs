//! The HTML shell rendered on the server and the client-side router.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Redirect, Route, Router, Routes},
    path,
};

use super::{
    coming_later_page::ComingLaterPage, customers_page::CustomersPage, not_found_page::NotFoundPage,
};
use crate::{OUTPUT_NAME, components::AppHeader};

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href=format!("/pkg/{OUTPUT_NAME}.css")/>
        <Title formatter=|page: String| format!("{page} · Customer Success Workspace")/>
        <Router>
            <AppHeader/>
            <main class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                    // In-order streaming sends the table itself, not a placeholder that needs JavaScript to
                    // fill, so the page reads the same with scripts off.
                    <Route path=path!("/customers") view=CustomersPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/summary") view=|| view! { <ComingLaterPage tab="Summary"/> }/>
                    <Route path=path!("/services") view=|| view! { <ComingLaterPage tab="Services"/> }/>
                    <Route path=path!("/revenue") view=|| view! { <ComingLaterPage tab="Revenue"/> }/>
                    <Route path=path!("/tasks") view=|| view! { <ComingLaterPage tab="Tasks"/> }/>
                    <Route path=path!("/schedule") view=|| view! { <ComingLaterPage tab="Schedule"/> }/>
                    <Route path=path!("/feed") view=|| view! { <ComingLaterPage tab="Feed"/> }/>
                </Routes>
            </main>
        </Router>
    }
}
