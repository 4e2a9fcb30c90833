//! Admin → Audit log: every change of the Customer Success settings, newest first.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{
        ErrorBanner, Pager, RequireAccess, pager::parse_page, viewer_zone::use_viewer_zone,
    },
    functions::list_audit_log,
    models::{Requirement, workspace::AuditLogPage},
    routes::admin_nav::AdminNav,
};

#[component]
pub fn AdminAuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let log = Resource::new(
        move || parse_page(query.read().get("page").as_deref()),
        list_audit_log,
    );
    view! {
        <Title text="Audit log"/>
        <RequireAccess requirement=Requirement::SuperAdmin>
            <section class="tab-page" aria-labelledby="audit-heading">
                <header class="tab-header">
                    <h1 id="audit-heading">"Audit log"</h1>
                    <AdminNav/>
                </header>
                <Transition fallback=|| view! { <p class="loading">"Loading the audit log…"</p> }>
                    {move || log.get().map(|result| match result {
                        Ok(log) => view! { <AuditTable log/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error/> }.into_any(),
                    })}
                </Transition>
            </section>
        </RequireAccess>
    }
}

#[component]
fn AuditTable(log: AuditLogPage) -> impl IntoView {
    let zone = use_viewer_zone();
    if log.entries.is_empty() {
        return view! { <p class="empty-state">"No settings have been changed yet."</p> }
            .into_any();
    }
    let paging = log.paging();
    let rows = log
        .entries
        .into_iter()
        .map(|entry| {
            let changes = entry
                .changes
                .into_iter()
                .map(|line| view! { <li>{line}</li> })
                .collect_view();
            view! {
                <tr>
                    <td>
                        <time datetime=entry.changed_at.to_rfc3339()>
                            {zone.format(entry.changed_at)}
                        </time>
                    </td>
                    <td>{entry.user_name.unwrap_or_else(|| "Unknown user".into())}</td>
                    <td>{entry.area}</td>
                    <td><ul class="audit-changes">{changes}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="record-table admin-table">
                <caption class="visually-hidden">"Settings changes"</caption>
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"Settings"</th>
                        <th scope="col">"Changes"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager paging base_path="/admin/audit-log" noun="changes"/>
    }
    .into_any()
}
