//! One notification: what happened (its kind, in words and an icon), who (a link to the
//! contact's record) at which of the viewer's customers (a link to it), the subject or the
//! tool (a sequence's name leads to the feed of that sequence, a booked meeting to the
//! Schedule), when (relative, the exact time in the viewer's zone on hover), and **Delete**.
//! On hover and on keyboard focus its follow-up actions show — **Call**, **Send email**,
//! **Create task**, **Create note**, **Schedule** — each opening a small form that logs the
//! activity on the contact.

use chrono::{DateTime, Utc};
use leptos::{html, prelude::*, wasm_bindgen::JsCast, web_sys};
use leptos_router::components::A;

use super::feed_action_dialog::FeedActionDialog;
use crate::{
    components::viewer_zone::use_viewer_zone,
    models::{
        ActivityKind, SalesEventKind,
        feed::{
            FeedEntry, FeedUrl, SequenceFilter, kind_icon, kind_label, kind_tool, relative_time,
        },
        record_detail::RecordLink,
    },
};

/// The follow-up actions, in order, with their buttons' names.
const ACTIONS: [(ActivityKind, &str); 5] = [
    (ActivityKind::Call, "Call"),
    (ActivityKind::Email, "Send email"),
    (ActivityKind::Task, "Create task"),
    (ActivityKind::Note, "Create note"),
    (ActivityKind::Meeting, "Schedule"),
];

#[component]
pub(super) fn FeedItem(
    entry: FeedEntry,
    /// When the page was read: times are told relative to it.
    now: DateTime<Utc>,
    on_delete: Callback<FeedEntry>,
    /// An activity was logged on the contact.
    on_logged: Callback<(RecordLink, ActivityKind)>,
) -> impl IntoView {
    let zone = use_viewer_zone();
    let open = RwSignal::new(None::<ActivityKind>);
    let actions = NodeRef::<html::Div>::new();
    let label = kind_label(entry.kind);
    let contact = StoredValue::new(entry.contact.clone());
    let stored = StoredValue::new(entry.clone());

    // Closed, the focus goes back to the button that opened the form.
    let close = Callback::new(move |()| {
        let was = open.get_untracked();
        open.set(None);
        if let (Some(kind), Some(actions)) = (was, actions.get_untracked())
            && let Ok(Some(button)) =
                actions.query_selector(&format!("button[data-action=\"{}\"]", kind.as_str()))
            && let Ok(button) = button.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = button.focus();
        }
    });
    let buttons = ACTIONS
        .iter()
        .map(|(kind, text)| {
            let kind = *kind;
            view! {
                <button
                    type="button"
                    class="button small feed-action"
                    data-action=kind.as_str()
                    aria-haspopup="dialog"
                    on:click=move |_| open.set(Some(kind))
                >
                    {*text}
                </button>
            }
        })
        .collect_view();

    let contact_name = entry.contact.name.clone();
    let contact_link = view! {
        <A href=format!("/records/{}", entry.contact.id) attr:class="feed-contact">
            {contact_name}
        </A>
    };
    let company_link = entry.company.clone().map(|company| {
        view! {
            <span class="feed-at">" at "</span>
            <A href=format!("/records/{}", company.id) attr:class="feed-company">{company.name}</A>
        }
    });
    let subject = subject_line(&entry);
    let delete_label = format!("Delete notification: {label} by {}", entry.contact.name);
    let actions_label = format!("Follow up with {}", entry.contact.name);

    view! {
        <li class="feed-item" data-kind=entry.kind.as_str() data-event=entry.id.to_string()>
            <span class="feed-icon" aria-hidden="true">{kind_icon(entry.kind)}</span>
            <div class="feed-main">
                <p class="feed-meta">
                    <span class="feed-kind">{label}</span>
                    " · "
                    <time datetime=entry.occurred_at.to_rfc3339() title=zone.format(entry.occurred_at)>
                        {relative_time(entry.occurred_at, now, zone)}
                    </time>
                </p>
                <p class="feed-who">{contact_link}{company_link}</p>
                {subject}
            </div>
            <div class="feed-tools">
                <div class="feed-actions" role="group" aria-label=actions_label node_ref=actions>
                    {buttons}
                </div>
                <button
                    type="button"
                    class="button subtle small feed-delete"
                    aria-label=delete_label
                    on:click=move |_| on_delete.run(stored.get_value())
                >
                    "Delete"
                </button>
            </div>
            {move || open.get().map(|kind| {
                let on_saved = Callback::new(move |()| {
                    on_logged.run((contact.get_value(), kind));
                    close.run(());
                });
                view! { <FeedActionDialog contact=contact.get_value() kind on_close=close on_saved/> }
            })}
        </li>
    }
}

/// The tool and subject line: "Email: Renewal offer", "Page: /pricing", "Form: Contact us",
/// "Sequence: <name>" (the feed of that sequence), "Meetings: <title>" (the Schedule).
fn subject_line(entry: &FeedEntry) -> Option<AnyView> {
    let tool = kind_tool(entry.kind);
    match entry.kind {
        SalesEventKind::SequenceEnrolled | SalesEventKind::SequenceUnenrolled => {
            let name = entry.sequence_name.clone()?;
            let href = FeedUrl {
                sequence: SequenceFilter::In(name.clone()),
                ..FeedUrl::default()
            }
            .href();
            Some(
                view! {
                    <p class="feed-subject">
                        <span class="feed-tool">{tool}": "</span>
                        <A href=href attr:class="feed-tool-link">{name}</A>
                    </p>
                }
                .into_any(),
            )
        }
        SalesEventKind::MeetingBooked => Some(
            view! {
                <p class="feed-subject">
                    <A href="/schedule" attr:class="feed-tool feed-tool-link">{tool}</A>
                    {(!entry.subject.is_empty()).then(|| format!(": {}", entry.subject))}
                </p>
            }
            .into_any(),
        ),
        _ if entry.subject.is_empty() => None,
        _ => Some(
            view! {
                <p class="feed-subject">
                    <span class="feed-tool">{tool}": "</span>
                    <span class="feed-subject-text">{entry.subject.clone()}</span>
                </p>
            }
            .into_any(),
        ),
    }
}
