//! The Customers tab: the records of the customer object, 50 per page, sorted by name; all of
//! them or only those the viewer owns through the workspace's CSM property ("Owned by me").

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{ErrorBanner, Pager, RecordTable, RequireAccess},
    functions::list_customers,
    models::Requirement,
};

/// The `page` query parameter: a positive number, else the first page.
pub fn parse_page(raw: Option<&str>) -> u32 {
    raw.and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || parse_page(query.read().get("page").as_deref());
    let owned_by_me = move || query.read().get("view").as_deref() == Some("mine");
    let customers = Resource::new(
        move || (page(), owned_by_me()),
        |(page, mine)| list_customers(page, mine),
    );
    view! {
        <Title text="Customers"/>
        <RequireAccess requirement=Requirement::Workspace>
            <section class="tab-page" aria-labelledby="customers-heading">
            <header class="tab-header">
                <h1 id="customers-heading">"Customers"</h1>
                <nav class="view-tabs" aria-label="Views">
                    <a href="/customers" aria-current=move || (!owned_by_me()).then_some("page")>
                        "All customers"
                    </a>
                    <a href="/customers?view=mine" aria-current=move || owned_by_me().then_some("page")>
                        "Owned by me"
                    </a>
                </nav>
            </header>
            <Transition fallback=|| view! { <p class="loading">"Loading customers…"</p> }>
                {move || {
                    customers
                        .get()
                        .map(|result| match result {
                            Ok(list) => {
                                let subtitle = match (&list.csm_label, list.owned_by_me) {
                                    (Some(csm), true) => format!("{} where you are the {csm}, sorted by name", list.object_label),
                                    _ => format!("All {}, sorted by name", list.object_label.to_lowercase()),
                                };
                                let base = if list.owned_by_me { "/customers?view=mine" } else { "/customers" };
                                let empty = if list.owned_by_me {
                                    "No customers are assigned to you yet."
                                } else {
                                    "No customers yet. Records you add appear here."
                                };
                                view! {
                                    <p class="tab-subtitle">{subtitle}</p>
                                    <RecordTable page=list.page.clone() caption="Customers" empty_message=empty/>
                                    <Pager paging=list.page.paging() base_path=base noun="customers"/>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorBanner error/> }.into_any(),
                        })
                }}
            </Transition>
        </section>
        </RequireAccess>
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
