//! The Feed (SPEC §4): sales events (email opened, page visited, meeting booked, …) of the
//! contacts associated with the customers the viewer owns — the workspace's customer object,
//! through its CSM property — newest first, filtered, paged by keyset on
//! `(occurred_at DESC, id DESC)` (never `OFFSET`), and each notification deletable for its
//! viewer alone (`feed_dismissals`).
//!
//! # Two ways to the viewer's events
//! Nothing stores "the events of a user's customers"; ownership is read at query time, so a
//! customer handed to another CSM moves its contacts' activity with it at once. The page query
//! comes in two shapes ([`statements::Shape`]), chosen by how many customers the viewer owns
//! (counted on the CSM index, up to [`SMALL_PORTFOLIO`]):
//! - a **large portfolio** walks all events newest first on the time index (or the type index
//!   when a type is chosen) and keeps the viewer's through two association lookups per event.
//!   A CSM owning a fifth of 100,000 companies fills a page of 30 after ~150 events: ~2 ms on
//!   SQLite, the same ten pages on.
//! - a **small portfolio** gathers its contacts (the CSM index, then the associations) and
//!   reads their events on the contact index, then sorts them: a walk would pass over
//!   everyone else's events to find a few (seconds for 3 customers among 100,000), while a
//!   gathering of 2,000 customers' events takes ~13 ms.
//!
//! A **search** (`LIKE '%…%'`, which no B-tree serves) makes a walk keep only a few of the
//! events it passes: a rare term would walk every event. So a searching walk goes at most
//! [`SEARCH_WINDOW`] events back from the cursor; if the page is not full by then, the rest
//! comes from gathering the viewer's events older than that point. Common terms stay fast; a
//! term nobody matches costs one gathering of the portfolio (hundreds of ms at 20,000
//! customers) instead of a walk of every event. The sequence filters read the contact's latest
//! enroll/unenroll event on the contact index, per event.

mod entries;
mod filters;
mod portfolio;
mod statements;

use chrono::{DateTime, Utc};

use super::{
    Db,
    query::{
        field::{Column, Table},
        sql_builder::SqlBuilder,
    },
    sql_value::bind_values,
    workspaces,
};
use crate::{
    error::AppError,
    models::{
        Viewer,
        feed::{FEED_PAGE_SIZE, FeedCursor, FeedUrl, FeedView, NEW_COUNT_CAP},
    },
    on_pool, on_tx,
};
use portfolio::Portfolio;
use statements::{Range, Shape};

/// Up to this many customers the viewer's events are gathered; beyond, walked (see above).
pub const SMALL_PORTFOLIO: i64 = 2_000;
/// Events a searching walk looks at before gathering the rest (see above).
pub const SEARCH_WINDOW: i64 = 5_000;

/// How a page is read. Both plans give the same notifications; tests pin each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// By the size of the viewer's portfolio (see the module docs).
    Auto,
    /// Walk the events newest first; a search walks at most `search_window` events, then
    /// gathers the rest.
    Walk { search_window: i64 },
    /// Gather the events of the viewer's contacts.
    Gather,
}

impl Plan {
    fn resolve(self, owned_customers: i64) -> Plan {
        match self {
            Plan::Auto if owned_customers <= SMALL_PORTFOLIO => Plan::Gather,
            Plan::Auto => Plan::Walk {
                search_window: SEARCH_WINDOW,
            },
            chosen => chosen,
        }
    }
}

/// `(id, contact_id, kind, occurred_at, detail, sequence_name)`.
type EventRow = (i64, i64, String, DateTime<Utc>, String, Option<String>);

/// What the viewer's workspace lets the feed know about their customers.
enum Scope {
    Ready(Portfolio),
    /// No CSM property: nobody owns a customer, so there is no feed; the text says why.
    Unavailable(String),
}

/// The customer object and CSM property of the viewer's workspace, as names for the SQL.
async fn scope(db: &Db, viewer: &Viewer) -> Result<Scope, AppError> {
    let settings = workspaces::customer_tab(db, viewer.workspace.id).await?;
    let Some(csm) = settings.csm_property.as_ref() else {
        return Ok(Scope::Unavailable(format!(
            "Your workspace has no Customer Success Manager property for {}, so the feed \
             cannot tell which customers are yours. An admin can choose one in the workspace \
             settings.",
            settings.object.plural_label.to_lowercase()
        )));
    };
    let schema = db.schema().await?;
    let customers = schema.object(settings.object.id)?;
    let contacts = schema.object_named("contacts")?;
    Ok(Scope::Ready(Portfolio {
        user_id: viewer.id,
        customers: Table::of(customers),
        csm: Column::of_property(csm),
        customer_name: customers.name_property().map(Column::of_property),
        customer_singular: customers.object.singular_label.clone(),
        contacts: Table::of(contacts),
        contact_name: contacts.name_property().map(Column::of_property),
        contacts_are_customers: customers.object.id == contacts.object.id,
    }))
}

/// How many customers the viewer owns, up to one more than [`SMALL_PORTFOLIO`].
async fn owned_customers(db: &Db, p: &Portfolio) -> Result<i64, AppError> {
    let sql = statements::owned_customers(p, SMALL_PORTFOLIO + 1);
    let owned: i64 = on_pool!(db, pool =>
        bind_values(sqlx::query_scalar::<_, i64>(sql.sql()), sql.params()).fetch_one(pool).await)?;
    Ok(owned)
}

async fn fetch(db: &Db, sql: &SqlBuilder) -> Result<Vec<EventRow>, AppError> {
    let rows: Vec<EventRow> = on_pool!(db, pool =>
        bind_values(sqlx::query_as::<_, EventRow>(sql.sql()), sql.params()).fetch_all(pool).await)?;
    Ok(rows)
}

/// A page of the viewer's feed under `url`'s filters, older than `before` if given, read at
/// `now`.
pub async fn feed_view(
    db: &Db,
    viewer: &Viewer,
    url: &FeedUrl,
    before: Option<FeedCursor>,
    plan: Plan,
    now: DateTime<Utc>,
) -> Result<FeedView, AppError> {
    let mut view = FeedView {
        url: url.clone(),
        entries: vec![],
        next: None,
        as_of: now,
        unavailable: None,
        owns_customers: false,
    };
    let p = match scope(db, viewer).await? {
        Scope::Ready(p) => p,
        Scope::Unavailable(reason) => {
            view.unavailable = Some(reason);
            return Ok(view);
        }
    };
    let owned = owned_customers(db, &p).await?;
    view.owns_customers = owned > 0;
    if owned == 0 {
        return Ok(view);
    }
    // One more than a page: whether older ones follow.
    let limit = FEED_PAGE_SIZE + 1;
    let range = Range {
        before,
        ..Range::default()
    };
    let mut rows = match plan.resolve(owned) {
        Plan::Walk { search_window } if !url.search.is_empty() => {
            searching_walk(db, &p, url, before, search_window, limit).await?
        }
        Plan::Gather => {
            fetch(
                db,
                &statements::events(&p, url, Shape::Gather, range, limit),
            )
            .await?
        }
        _ => fetch(db, &statements::events(&p, url, Shape::Walk, range, limit)).await?,
    };
    if rows.len() > FEED_PAGE_SIZE {
        rows.truncate(FEED_PAGE_SIZE);
        view.next = rows.last().map(|row| FeedCursor {
            at: row.3,
            id: row.0,
        });
    }
    view.entries = entries::entries(db, &p, rows).await?;
    Ok(view)
}

/// A walk that searches: at most `window` events back from `before`, then, if the page is not
/// full, the viewer's events older than that gathered (see the module docs). The two parts
/// meet at one event, so nothing is read twice or skipped.
async fn searching_walk(
    db: &Db,
    p: &Portfolio,
    url: &FeedUrl,
    before: Option<FeedCursor>,
    window: i64,
    limit: usize,
) -> Result<Vec<EventRow>, AppError> {
    let end_sql = statements::window_end(url, before, window);
    let end: Option<(DateTime<Utc>, i64)> = on_pool!(db, pool =>
        bind_values(sqlx::query_as::<_, (DateTime<Utc>, i64)>(end_sql.sql()), end_sql.params()).fetch_optional(pool).await)?;
    let Some((at, id)) = end else {
        // Fewer events than the window are left: walk them all.
        let range = Range {
            before,
            ..Range::default()
        };
        return fetch(db, &statements::events(p, url, Shape::Walk, range, limit)).await;
    };
    let end = FeedCursor { at, id };
    let walked = Range {
        before,
        from: Some(end),
        after: None,
    };
    let mut rows = fetch(db, &statements::events(p, url, Shape::Walk, walked, limit)).await?;
    if rows.len() < limit {
        let gathered = Range {
            before: Some(end),
            ..Range::default()
        };
        let rest = limit - rows.len();
        rows.extend(
            fetch(
                db,
                &statements::events(p, url, Shape::Gather, gathered, rest),
            )
            .await?,
        );
    }
    Ok(rows)
}

/// How many of the viewer's notifications under `url`'s filters are newer than `after` (the
/// newest one shown), up to one more than [`NEW_COUNT_CAP`].
pub async fn count_new(
    db: &Db,
    viewer: &Viewer,
    url: &FeedUrl,
    after: FeedCursor,
) -> Result<u32, AppError> {
    let Scope::Ready(p) = scope(db, viewer).await? else {
        return Ok(0);
    };
    let owned = owned_customers(db, &p).await?;
    if owned == 0 {
        return Ok(0);
    }
    // Only events after the cursor are read, whichever the shape: the range bounds the walk.
    let shape = match Plan::Auto.resolve(owned) {
        Plan::Gather => Shape::Gather,
        _ => Shape::Walk,
    };
    let sql = statements::count_newer(&p, url, shape, after, i64::from(NEW_COUNT_CAP) + 1);
    let count: i64 = on_pool!(db, pool =>
        bind_values(sqlx::query_scalar::<_, i64>(sql.sql()), sql.params()).fetch_one(pool).await)?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Deletes notification `event_id` for the viewer only: it no longer shows in their feed and
/// stays in everyone else's. Deleting it again changes nothing. An event that is not in the
/// viewer's feed (unknown, or of a contact of someone else's customer) is "not found", as
/// another user's alert is: nobody learns of events outside their portfolio this way.
pub async fn dismiss(
    db: &Db,
    viewer: &Viewer,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let not_found = || AppError::not_found("The notification");
    let Scope::Ready(p) = scope(db, viewer).await? else {
        return Err(not_found());
    };
    let check = statements::visible(&p, event_id);
    let mut tx = db.begin().await?;
    let visible: i64 = on_tx!(&mut tx, conn =>
        bind_values(sqlx::query_scalar::<_, i64>(check.sql()), check.params())
            .fetch_one(&mut *conn)
            .await)?;
    if visible == 0 {
        return Err(not_found());
    }
    on_tx!(&mut tx, conn => execute sqlx::query(
        "INSERT INTO feed_dismissals (user_id, event_id, dismissed_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, event_id) DO NOTHING")
        .bind(viewer.id)
        .bind(event_id)
        .bind(now))?;
    tx.commit().await
}
