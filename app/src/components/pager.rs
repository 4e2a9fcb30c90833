//! Previous / Next links for a paged list. Plain links, so paging works without JavaScript and
//! is routed on the client with it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::models::RecordPage;

#[component]
pub fn Pager(
    /// The page shown.
    page: RecordPage,
    /// The list's path; `?page=N` is appended.
    base_path: &'static str,
    /// What the list holds, e.g. "customers".
    noun: &'static str,
) -> impl IntoView {
    let (first, last) = page.shown_range();
    let link = move |n: u32| format!("{base_path}?page={n}");
    let previous = page.has_previous().then(|| link(page.page - 1));
    let next = page.has_next().then(|| link(page.page + 1));
    view! {
        <nav class="pager" aria-label="Pages">
            <p class="pager-status" aria-live="polite">
                {if page.total == 0 {
                    format!("No {noun}")
                } else {
                    format!("Showing {first}–{last} of {} {noun}", page.total)
                }}
            </p>
            <div class="pager-links">
                {match previous {
                    Some(href) => view! { <A href=href attr:class="button" attr:rel="prev">"Previous"</A> }.into_any(),
                    None => view! { <span class="button" aria-disabled="true">"Previous"</span> }.into_any(),
                }}
                <span class="pager-page">{format!("Page {} of {}", page.page, page.page_count())}</span>
                {match next {
                    Some(href) => view! { <A href=href attr:class="button" attr:rel="next">"Next"</A> }.into_any(),
                    None => view! { <span class="button" aria-disabled="true">"Next"</span> }.into_any(),
                }}
            </div>
        </nav>
    }
}
