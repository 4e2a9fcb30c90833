//! The records associated with this one (contacts, deals, tickets, services, …), linked to
//! their pages.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::models::record_detail::RecordDetail;

#[component]
pub(super) fn AssociationsList(detail: RwSignal<RecordDetail>) -> impl IntoView {
    let groups = move || {
        detail.with(|d| {
            d.associations
                .iter()
                .map(|group| {
                    let links = group
                        .records
                        .iter()
                        .map(|link| {
                            let (href, name) = (format!("/records/{}", link.id), link.name.clone());
                            view! { <li><A href=href>{name}</A></li> }
                        })
                        .collect_view();
                    let hidden = group.total - group.records.len();
                    let more = (hidden > 0).then(
                        || view! { <p class="field-hint">{format!("and {hidden} more")}</p> },
                    );
                    let heading = format!("{} ({})", group.object_label, group.total);
                    view! {
                        <div class="association-group">
                            <h4>{heading}</h4>
                            <ul>{links}</ul>
                            {more}
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="record-section" aria-labelledby="associations-heading">
            <h3 id="associations-heading">"Associated records"</h3>
            <Show
                when=move || detail.with(|d| !d.associations.is_empty())
                fallback=|| view! { <p class="empty-state small">"No associated records."</p> }
            >
                {groups}
            </Show>
        </section>
    }
}
