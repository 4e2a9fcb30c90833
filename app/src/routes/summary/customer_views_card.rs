//! Customer views: how many customers the user owns, with **View records** (the Customers tab's
//! "Owned by me"), and the views admins featured on the Summary, with their descriptions.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::models::{summary::CustomerViews, view::BuiltinView};

#[component]
pub(super) fn CustomerViewsCard(customers: CustomerViews, read_only: bool) -> impl IntoView {
    let plural = customers.plural_noun;
    let owned = match customers.owned {
        Some(count) => view! {
            <p class="owned-count"><strong>{count}</strong>{format!(" {plural} owned")}</p>
            {(!read_only).then(|| view! {
                <A href=format!("/customers?view={}", BuiltinView::OwnedByMe.as_str()) attr:class="button small">"View records"</A>
            })}
        }
        .into_any(),
        None => view! {
            <p class="muted">"The workspace has no CSM property yet, so no customers are assigned. An admin can choose one in the workspace settings."</p>
        }
        .into_any(),
    };
    let featured = if customers.featured.is_empty() {
        view! { <p class="muted">"No featured views yet. Admins feature views shared with Everyone from the Customers tab."</p> }.into_any()
    } else {
        let items = customers
            .featured
            .into_iter()
            .map(|view| {
                view! {
                    <li>
                        <A href=format!("/customers?view={}", view.id)>{view.name}</A>
                        {(!view.description.is_empty()).then(|| view! { <p class="muted">{view.description}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="summary-items featured-views" aria-label="Featured views">{items}</ul> }
            .into_any()
    };
    view! {
        <section class="summary-card" aria-labelledby="customer-views-heading">
            <h2 id="customer-views-heading">"Customer views"</h2>
            <div class="owned">{owned}</div>
            <h3>"Featured views"</h3>
            {featured}
        </section>
    }
}
