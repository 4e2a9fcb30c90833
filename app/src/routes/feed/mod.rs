//! The Feed tab (SPEC §4): notifications of recent sales activity — emails opened, clicked and
//! replied to, forms submitted, pages visited, meetings booked, sequence enrollments — by
//! contacts of the customers the viewer owns, newest first.
//!
//! The filters (**Search**, **Activity type**, **Sequence enrollment**) live in the URL
//! (`?q=&type=&sequence=`) and are a plain GET form, so the first page renders on the server
//! and reads without JavaScript. With it: **Load older activities** continues after the last
//! notification shown (keyset paging on the server), **Delete** hides one for the viewer, each
//! notification's **Call**, **Send email**, **Create task**, **Create note** and **Schedule**
//! log that activity on the contact, and the live stream's news of sales activity becomes a
//! "3 new activities" button that puts them on top.

mod feed_action_dialog;
mod feed_item;
mod feed_toolbar;

use leptos::{html, prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

use crate::{
    components::{ErrorBanner, RequireAccess, use_live_events},
    error::AppError,
    functions::{binary_answer::load, count_new_feed_items, delete_feed_item, load_feed},
    models::{
        ActivityKind, Requirement,
        feed::{FeedCursor, FeedEntry, FeedUrl, FeedView, kind_label, new_items_label},
        live_event::LiveEvent,
        record_detail::RecordLink,
    },
};
use feed_item::FeedItem;
use feed_toolbar::FeedToolbar;

#[component]
pub fn FeedPage() -> impl IntoView {
    let query_map = use_query_map();
    // The filters as the URL has them, in one canonical form: the feed reads again only when a
    // filter changes, not when the same one is written differently.
    let query = Memo::new(move |_| {
        query_map
            .with(|q| {
                FeedUrl::from_parts(
                    q.get("q").as_deref(),
                    q.get("type").as_deref(),
                    q.get("sequence").as_deref(),
                )
            })
            .to_query()
    });
    // Made before the access gate, as every page's resources are (see `RequireAccess`).
    let feed = load(move || query.get(), |query| load_feed(query, None, None));
    view! {
        <Title text="Feed"/>
        <RequireAccess requirement=Requirement::Workspace>
            <section class="tab-page feed-page" aria-labelledby="feed-heading">
                <header class="tab-header">
                    <h1 id="feed-heading">"Feed"</h1>
                    <p class="tab-subtitle">"Sales activity by contacts of your customers, newest first."</p>
                </header>
                <Transition fallback=|| view! { <p class="loading">"Loading the feed…"</p> }>
                    {move || feed.get().map(|result| match result {
                        Ok(view) => view! { <FeedBody view/> }.into_any(),
                        Err(error) => view! {
                            <ErrorBanner error/>
                            <p><a href="/feed">"Show all activity"</a></p>
                        }
                        .into_any(),
                    })}
                </Transition>
            </section>
        </RequireAccess>
    }
}

/// The toolbar and the notifications of one set of filters.
#[component]
fn FeedBody(view: FeedView) -> impl IntoView {
    let FeedView {
        url,
        entries,
        next,
        as_of,
        unavailable,
        owns_customers,
    } = view;
    // The filters the server answered for: later reads (older, newer) ask for the same.
    let asked = StoredValue::new(url.to_query());
    let filtered = url.is_filtered();
    let entries = RwSignal::new(entries);
    let next = RwSignal::new(next);
    let as_of = RwSignal::new(as_of);
    let loading_older = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    // What the last action did, said in the status region: a logged activity (with a link to
    // the contact's timeline) or a deleted notification.
    let status = RwSignal::new(None::<(String, Option<RecordLink>)>);
    let list = NodeRef::<html::Ol>::new();

    let fresh = RwSignal::new(0u32);
    follow_new_activity(asked, entries, as_of, fresh);

    let load_older = move |_| {
        let Some(cursor) = next.get_untracked() else {
            return;
        };
        loading_older.set(true);
        spawn_local(async move {
            let result = load_feed(asked.get_value(), Some(cursor.at), Some(cursor.id)).await;
            match result {
                Ok(older) => {
                    entries.try_update(|shown| {
                        // Keyset pages never overlap; a notification put on top meanwhile
                        // (new ones) is still not shown twice.
                        let known: Vec<i64> = shown.iter().map(|e| e.id).collect();
                        shown.extend(older.entries.into_iter().filter(|e| !known.contains(&e.id)));
                    });
                    next.try_set(older.next);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
            loading_older.try_set(false);
        });
    };

    let show_new = move |_| {
        spawn_local(async move {
            match load_feed(asked.get_value(), None, None).await {
                Ok(newest) => {
                    let Some(top) = entries.try_with_untracked(|shown| shown.first().map(|e| e.id))
                    else {
                        return;
                    };
                    match top.and_then(|id| newest.entries.iter().position(|e| e.id == id)) {
                        // The new ones are those above the one on top: they go on top.
                        Some(at) => {
                            entries.try_update(|shown| {
                                let mut merged: Vec<FeedEntry> = newest.entries[..at].to_vec();
                                merged.retain(|n| !shown.iter().any(|e| e.id == n.id));
                                merged.append(shown);
                                *shown = merged;
                            });
                        }
                        // More than a page is new (or nothing was shown): the feed starts over.
                        None => {
                            entries.try_set(newest.entries);
                            next.try_set(newest.next);
                        }
                    }
                    as_of.try_set(newest.as_of);
                    fresh.try_set(0);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    let on_delete = Callback::new(move |entry: FeedEntry| {
        spawn_local(async move {
            match delete_feed_item(entry.id).await {
                // Not found: it is not in this viewer's feed any more (a customer moved to
                // another CSM); it goes from the page all the same.
                Ok(()) | Err(AppError::NotFound(_)) => {
                    let removed = entries.try_update(|shown| shown.retain(|e| e.id != entry.id));
                    if removed.is_some() {
                        status.set(Some((
                            format!(
                                "Notification deleted: {} by {}.",
                                kind_label(entry.kind),
                                entry.contact.name
                            ),
                            None,
                        )));
                        // Its Delete button is gone: the list keeps the focus.
                        if let Some(list) = list.get_untracked() {
                            let _ = list.focus();
                        }
                    }
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    });
    let on_logged = Callback::new(move |(contact, kind): (RecordLink, ActivityKind)| {
        let what = match kind {
            ActivityKind::Call => "Call logged",
            ActivityKind::Email => "Email logged",
            ActivityKind::Task => "Task created",
            ActivityKind::Note => "Note created",
            ActivityKind::Meeting => "Meeting scheduled",
        };
        status.set(Some((
            format!("{what} for {}.", contact.name),
            Some(contact),
        )));
    });

    let empty_state = move || empty_view(unavailable.clone(), owns_customers, filtered);

    view! {
        <FeedToolbar url/>
        <div class="feed-status" role="status">
            {move || status.get().map(|(text, contact)| view! {
                <p class="notice">
                    {text}
                    {contact.map(|c| view! {
                        " "<A href=format!("/records/{}", c.id)>{format!("Open {}", c.name)}</A>
                    })}
                </p>
            })}
        </div>
        {move || error.get().map(|error| view! { <ErrorBanner error/> })}
        <Show when=move || { fresh.get() > 0 }>
            <button type="button" class="button feed-new" on:click=show_new>
                {move || new_items_label(fresh.get())}
            </button>
        </Show>
        <Show when=move || entries.with(|e| !e.is_empty()) fallback=empty_state>
            <ol class="feed-list" aria-label="Sales activity" tabindex="-1" node_ref=list>
                <For each=move || entries.get() key=|entry| entry.id let:entry>
                    <FeedItem entry now=as_of.get_untracked() on_delete on_logged/>
                </For>
            </ol>
        </Show>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="button load-older" disabled=move || loading_older.get() on:click=load_older>
                "Load older activities"
            </button>
        </Show>
    }
}

/// What the feed says when it has nothing to show, and why.
fn empty_view(unavailable: Option<String>, owns_customers: bool, filtered: bool) -> AnyView {
    if let Some(reason) = unavailable {
        view! {
            <div class="empty-state">
                <p class="empty-title">"The feed is not available in your workspace"</p>
                <p>{reason}</p>
            </div>
        }
        .into_any()
    } else if !owns_customers {
        view! {
            <div class="empty-state">
                <p class="empty-title">"No customers are assigned to you yet"</p>
                <p>"The feed shows what contacts of your customers do: once you are their Customer Success Manager, their activity appears here."</p>
            </div>
        }
        .into_any()
    } else if filtered {
        view! {
            <div class="empty-state">
                <p class="empty-title">"No sales activity matches these filters"</p>
                <p><A href="/feed">"Show all activity"</A></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="empty-state">
                <p class="empty-title">"No sales activity yet"</p>
                <p>"When contacts of your customers open emails, visit pages, submit forms or book meetings, it shows here."</p>
            </div>
        }
        .into_any()
    }
}

/// Counts, whenever the live stream says contacts were active (or the stream was away), the
/// notifications newer than the one on top, into `fresh`. One count at a time: news arriving
/// meanwhile is counted once the running count returns.
fn follow_new_activity(
    asked: StoredValue<String>,
    entries: RwSignal<Vec<FeedEntry>>,
    as_of: RwSignal<chrono::DateTime<chrono::Utc>>,
    fresh: RwSignal<u32>,
) {
    let stale = RwSignal::new(false);
    let counting = RwSignal::new(false);
    use_live_events(move |event| {
        if matches!(event, LiveEvent::SalesActivity { .. } | LiveEvent::Resync) {
            stale.set(true);
        }
    });
    Effect::new(move |_| {
        if !stale.get() || counting.get() {
            return;
        }
        stale.set(false);
        counting.set(true);
        // Newer than the one on top; with none shown, newer than when the page was read.
        let after = entries
            .with_untracked(|shown| shown.first().map(FeedEntry::cursor))
            .unwrap_or(FeedCursor {
                at: as_of.get_untracked(),
                id: 0,
            });
        spawn_local(async move {
            if let Ok(count) = count_new_feed_items(asked.get_value(), after.at, after.id).await {
                fresh.try_set(count);
            }
            counting.try_set(false);
        });
    });
}
