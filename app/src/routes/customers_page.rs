//! The Customers tab: the customer accounts, 50 per page, sorted by name.

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
    let customers = Resource::new(page, list_customers);
    view! {
        <Title text="Customers"/>
        <RequireAccess requirement=Requirement::Workspace>
            <section class="tab-page" aria-labelledby="customers-heading">
            <header class="tab-header">
                <h1 id="customers-heading">"Customers"</h1>
                <p class="tab-subtitle">"All customer accounts, sorted by name"</p>
            </header>
            <Transition fallback=|| view! { <p class="loading">"Loading customers…"</p> }>
                {move || {
                    customers
                        .get()
                        .map(|result| match result {
                            Ok(page) => {
                                view! {
                                    <RecordTable
                                        page=page.clone()
                                        caption="Customers"
                                        empty_message="No customers yet. Companies you add appear here."
                                    />
                                    <Pager page base_path="/customers" noun="customers"/>
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
