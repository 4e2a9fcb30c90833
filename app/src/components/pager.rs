//! Previous / Next links for a paged list. Plain links, so paging works without JavaScript and
//! is routed on the client with it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::models::record_page::Paging;

/// The `page` query parameter: a positive number, else the first page.
pub fn parse_page(raw: Option<&str>) -> u32 {
    raw.and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

#[component]
pub fn Pager(
    /// The page shown.
    paging: Paging,
    /// The list's path with its query, if any; `page=N` is appended.
    #[prop(into)]
    base_path: String,
    /// What the list holds, e.g. "customers".
    #[prop(into)]
    noun: String,
) -> impl IntoView {
    let (first, last) = paging.shown_range();
    let separator = if base_path.contains('?') { '&' } else { '?' };
    let link = move |n: u32| format!("{base_path}{separator}page={n}");
    let previous = paging.has_previous().then(|| link(paging.page - 1));
    let next = paging.has_next().then(|| link(paging.page + 1));
    view! {
        <nav class="pager" aria-label="Pages">
            <p class="pager-status" aria-live="polite">
                {if paging.total == 0 {
                    format!("No {noun}")
                } else {
                    format!("Showing {first}–{last} of {} {noun}", paging.total_label())
                }}
            </p>
            <div class="pager-links">
                {match previous {
                    Some(href) => view! { <A href=href attr:class="button" attr:rel="prev">"Previous"</A> }.into_any(),
                    None => view! { <span class="button" aria-disabled="true">"Previous"</span> }.into_any(),
                }}
                <span class="pager-page">
                    {if paging.total_exact {
                        format!("Page {} of {}", paging.page, paging.page_count())
                    } else {
                        format!("Page {}", paging.page)
                    }}
                </span>
                {match next {
                    Some(href) => view! { <A href=href attr:class="button" attr:rel="next">"Next"</A> }.into_any(),
                    None => view! { <span class="button" aria-disabled="true">"Next"</span> }.into_any(),
                }}
            </div>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_page;

    #[test]
    fn bad_page_numbers_fall_back_to_the_first_page() {
        assert_eq!(parse_page(Some("3")), 3);
        assert_eq!(parse_page(Some("0")), 1);
        assert_eq!(parse_page(Some("-2")), 1);
        assert_eq!(parse_page(Some("abc")), 1);
        assert_eq!(parse_page(None), 1);
    }
}
