//! Shows a page only to viewers who meet its requirement; others get a clear explanation (and,
//! on the server, a 403). The server functions behind the page check again on their own.
//!
//! The children may render more than once while the viewer loads, so pages create their
//! resources before this gate, never inside it: resource ids must match between the server
//! render and hydration.

use leptos::prelude::*;

use crate::{components::ViewerResource, models::Requirement};

#[component]
pub fn RequireAccess(requirement: Requirement, children: ChildrenFn) -> impl IntoView {
    let ViewerResource(viewer) = expect_context();
    view! {
        <Transition fallback=|| ()>
            {move || {
                viewer
                    .get()
                    .map(|result| {
                        let viewer = result.ok().flatten();
                        match requirement.check(viewer.as_ref()) {
                            Ok(()) => children().into_any(),
                            Err(error) => {
                                #[cfg(feature = "ssr")]
                                if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                                    response.set_status(axum::http::StatusCode::FORBIDDEN);
                                }
                                let title = if requirement == Requirement::Workspace {
                                    "A service seat is needed"
                                } else {
                                    "You don't have access to this page"
                                };
                                let summary_link = viewer
                                    .filter(|v| v.can_open_summary())
                                    .map(|_| view! { <p><a href="/summary">"Go to your Summary"</a></p> });
                                view! {
                                    <section class="tab-page">
                                        <div class="empty-state" role="alert">
                                            <h1 class="empty-title">{title}</h1>
                                            <p>{format!("{error}. Ask an administrator if you need it.")}</p>
                                            {summary_link}
                                        </div>
                                    </section>
                                }
                                    .into_any()
                            }
                        }
                    })
            }}
        </Transition>
    }
}
