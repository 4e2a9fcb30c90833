//! Admin → Audit log: settings changes and security events, newest first, filtered by kind,
//! user and date.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{
        ErrorBanner, Pager, RequireAccess, pager::parse_page, viewer_zone::use_viewer_zone,
    },
    functions::{binary_answer::load, list_audit_log},
    models::{
        Requirement,
        audit::{AuditFilter, AuditLogPage},
    },
    routes::{admin_nav::AdminNav, audit_log_filter::AuditLogFilter},
};

#[component]
pub fn AdminAuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let log = load(
        move || {
            let query = query.read();
            (
                parse_page(query.get("page").as_deref()),
                AuditFilter::from_query(|name| query.get(name)),
            )
        },
        |(page, filter)| list_audit_log(page, filter),
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
                        Ok(log) => view! {
                            <AuditLogFilter filter=log.filter.clone() users=log.users.clone()/>
                            <AuditTable log/>
                        }
                        .into_any(),
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
        let message = if log.filter == AuditFilter::default() {
            "Nothing has been logged yet."
        } else {
            "No entries match these filters."
        };
        return view! { <p class="empty-state">{message}</p> }.into_any();
    }
    let paging = log.paging();
    let query = log.filter.to_query();
    let base_path = if query.is_empty() {
        "/admin/audit-log".to_string()
    } else {
        format!("/admin/audit-log?{query}")
    };
    let rows = log
        .entries
        .into_iter()
        .map(|entry| {
            let changes = entry
                .changes
                .into_iter()
                .map(|line| view! { <li>{line}</li> })
                .collect_view();
            let who = entry.user_name.unwrap_or_else(|| "Unknown user".into());
            let subject = entry.subject_name.filter(|subject| *subject != who).map(
                |subject| view! { <span class="audit-subject">{format!("on {subject}")}</span> },
            );
            view! {
                <tr>
                    <td>
                        <time datetime=entry.changed_at.to_rfc3339()>
                            {zone.format(entry.changed_at)}
                        </time>
                    </td>
                    <td>{entry.kind.label()}</td>
                    <td>{who}" "{subject}</td>
                    <td>{entry.area}</td>
                    <td><ul class="audit-changes">{changes}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="record-table admin-table">
                <caption class="visually-hidden">"Audit log"</caption>
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"Details"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager paging base_path noun="entries"/>
    }
    .into_any()
}
