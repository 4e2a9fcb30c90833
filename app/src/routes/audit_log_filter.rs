//! The Audit log's filters: **Kind**, **User** (who acted or was acted on) and the days
//! **From** and **To** (in the viewer's time zone). A plain GET form, so it works without
//! JavaScript; with it, **Filter** navigates on the client.

use leptos::{prelude::*, web_sys};
use leptos_router::{components::A, hooks::use_navigate};

use crate::{
    components::form_of::form_of,
    models::audit::{AuditFilter, AuditKind, AuditUser},
};

#[component]
pub fn AuditLogFilter(filter: AuditFilter, users: Vec<AuditUser>) -> impl IntoView {
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(data) = form_of(&ev).and_then(|form| web_sys::FormData::new_with_form(&form).ok())
        else {
            return;
        };
        let chosen = AuditFilter::from_query(|name| data.get(name).as_string());
        let query = chosen.to_query();
        navigate(&format!("/admin/audit-log?{query}"), Default::default());
    };
    let kinds = AuditKind::ALL
        .iter()
        .map(|kind| {
            let selected = filter.kind == Some(*kind);
            view! { <option value=kind.as_str() selected=selected>{kind.label()}</option> }
        })
        .collect_view();
    let people = users
        .into_iter()
        .map(|user| {
            let selected = filter.user_id == Some(user.id);
            view! { <option value=user.id.to_string() selected=selected>{user.name}</option> }
        })
        .collect_view();
    let day = |date: Option<chrono::NaiveDate>| date.map(|d| d.to_string()).unwrap_or_default();
    let clear = (filter != AuditFilter::default()).then(|| {
        view! { <A href="/admin/audit-log" attr:class="button subtle">"Clear filters"</A> }
    });
    view! {
        <form
            class="feed-toolbar audit-filter"
            method="get"
            action="/admin/audit-log"
            role="search"
            aria-label="Filter the audit log"
            on:submit=on_submit
        >
            <div class="feed-filter">
                <label for="audit-kind">"Kind"</label>
                <select id="audit-kind" name="kind">
                    <option value="" selected=filter.kind.is_none()>"All kinds"</option>
                    {kinds}
                </select>
            </div>
            <div class="feed-filter">
                <label for="audit-user">"User"</label>
                <select id="audit-user" name="user">
                    <option value="" selected=filter.user_id.is_none()>"Everyone"</option>
                    {people}
                </select>
            </div>
            <div class="feed-filter">
                <label for="audit-from">"From"</label>
                <input id="audit-from" type="date" name="from" value=day(filter.from)/>
            </div>
            <div class="feed-filter">
                <label for="audit-to">"To"</label>
                <input id="audit-to" type="date" name="to" value=day(filter.to)/>
            </div>
            <div class="feed-toolbar-actions">
                <button type="submit" class="button">"Filter"</button>
                {clear}
            </div>
        </form>
    }
}
