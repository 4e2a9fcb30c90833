//! The Schedule: the viewer's tasks (by due time) and meetings (by start) in the visible range
//! only, read on the owner's indexes, with their records and attendees; laid out in the
//! calendar's zone.

use std::collections::HashMap;

use chrono::{DateTime, Days, Duration, Utc};
use sqlx::FromRow;

use super::{
    Db,
    activities::{ActivityLink, linked_records},
};
use crate::{
    error::AppError,
    models::{
        Viewer,
        meeting::MAX_MEETING_HOURS,
        schedule::{
            CalendarMode, MAX_SCHEDULE_ITEMS, ScheduleItem, ScheduleItemKind, ScheduleUrl,
            ScheduleView, title, visible_days,
        },
        schedule_days::{When, arrange},
        summary::TodaysSchedule,
        task::AssociableRecord,
        time_zone::ViewerZone,
    },
    on_pool,
};

#[derive(FromRow)]
struct ItemRow {
    id: i64,
    kind: String,
    subject: String,
    body: String,
    starts: DateTime<Utc>,
    ends: Option<DateTime<Utc>>,
    location: Option<String>,
    link: Option<String>,
    task_status: Option<String>,
    started_at: Option<DateTime<Utc>>,
}

/// The calendar `url` asks for, of `viewer`'s own items.
pub async fn schedule_view(
    db: &Db,
    viewer: &Viewer,
    url: &ScheduleUrl,
) -> Result<ScheduleView, AppError> {
    let zone = match &url.zone {
        Some(name) => {
            ViewerZone::parse(name).map_err(|message| AppError::invalid("tz", message))?
        }
        None => viewer.time_zone,
    };
    let today = zone.date_of(Utc::now());
    let mode = url.mode.unwrap_or(CalendarMode::Week);
    let anchor = url.date.unwrap_or(today);
    let hide_weekends = url.hide_weekends && mode != CalendarMode::Day;
    let days = visible_days(mode, anchor, hide_weekends);
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Err(AppError::invalid("date", "There are no days to show"));
    };
    let from = zone.start_of(*first);
    let to = zone.start_of(last.checked_add_days(Days::new(1)).unwrap_or(*last));
    let mut rows = item_rows(db, viewer.id, from, to, MAX_SCHEDULE_ITEMS + 1).await?;
    let truncated = rows.len() > MAX_SCHEDULE_ITEMS;
    rows.truncate(MAX_SCHEDULE_ITEMS);
    let whens: Vec<When> = rows
        .iter()
        .map(|r| match r.ends {
            Some(ends) => When::Between(r.starts, ends),
            None => When::Due(r.starts),
        })
        .collect();
    let items = items_of(db, rows, zone).await?;
    Ok(ScheduleView {
        mode,
        anchor,
        today,
        zone,
        profile_zone: viewer.time_zone.name().to_string(),
        hide_weekends,
        title: title(mode, anchor, &days),
        days: arrange(zone, &days, &whens),
        items,
        truncated,
    })
}

/// Owner `$1`'s tasks due in `[$2, $3)`: one range of the owner's due-date index.
const TASKS_IN_RANGE: &str = "FROM activities WHERE kind = 'task' AND owner_id = $1 \
    AND due_at >= $2 AND due_at < $3";
/// Owner `$1`'s meetings overlapping `[$2, $3)`: starting before its end, ending after its
/// start and, to keep it an index range, starting at most [`MAX_MEETING_HOURS`] before it (`$4`).
const MEETINGS_IN_RANGE: &str = "FROM activities WHERE kind = 'meeting' AND owner_id = $1 \
    AND starts_at >= $4 AND starts_at < $3 AND ends_at > $2";

/// `owner`'s tasks due and meetings under way in `[from, to)`, soonest first, at most
/// `limit`: two index ranges.
async fn item_rows(
    db: &Db,
    owner: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<ItemRow>, AppError> {
    // Tasks have no end: their `ends_at` is NULL, and selecting it (not a bare NULL) gives the
    // two halves of the union the same column type on PostgreSQL.
    let sql = format!(
        "SELECT * FROM (\
           SELECT id, kind, subject, body, due_at AS starts, ends_at AS ends, location, link, \
                  task_status, started_at {TASKS_IN_RANGE} ORDER BY due_at, id LIMIT $5) tasks \
         UNION ALL SELECT * FROM (\
           SELECT id, kind, subject, body, starts_at AS starts, ends_at AS ends, location, link, \
                  task_status, started_at {MEETINGS_IN_RANGE} ORDER BY starts_at, id LIMIT $5) meetings"
    );
    let mut rows: Vec<ItemRow> = on_pool!(db, pool => sqlx::query_as(&sql)
        .bind(owner)
        .bind(from)
        .bind(to)
        .bind(from - Duration::hours(MAX_MEETING_HOURS))
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await)?;
    rows.sort_by_key(|r| (r.starts, r.id));
    rows.truncate(limit);
    Ok(rows)
}

/// How many items [`item_rows`] would find without a limit (index-only counts).
async fn count_items(
    db: &Db,
    owner: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<u64, AppError> {
    let sql = format!(
        "SELECT (SELECT COUNT(*) {TASKS_IN_RANGE}) + (SELECT COUNT(*) {MEETINGS_IN_RANGE})"
    );
    let count: i64 = on_pool!(db, pool => sqlx::query_scalar(&sql)
        .bind(owner)
        .bind(from)
        .bind(to)
        .bind(from - Duration::hours(MAX_MEETING_HOURS))
        .fetch_one(pool)
        .await)?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// The items of `rows`, with their records and attendees, laid out in `zone`.
async fn items_of(
    db: &Db,
    rows: Vec<ItemRow>,
    zone: ViewerZone,
) -> Result<Vec<ScheduleItem>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let (records, attendees) = tokio::try_join!(
        linked_records(db, ActivityLink::Association, &ids),
        linked_records(db, ActivityLink::Attendee, &ids)
    )?;
    Ok(rows
        .into_iter()
        .map(|row| item(row, zone, &records, &attendees))
        .collect())
}

/// `viewer`'s first `shown` items of today in their zone (the Summary), and how many today
/// holds in all.
pub async fn todays_schedule(
    db: &Db,
    viewer: &Viewer,
    shown: usize,
) -> Result<TodaysSchedule, AppError> {
    let zone = viewer.time_zone;
    let today = zone.date_of(Utc::now());
    let from = zone.start_of(today);
    let to = zone.start_of(today.checked_add_days(Days::new(1)).unwrap_or(today));
    let (rows, total) = tokio::try_join!(
        item_rows(db, viewer.id, from, to, shown),
        count_items(db, viewer.id, from, to)
    )?;
    Ok(TodaysSchedule {
        items: items_of(db, rows, zone).await?,
        total,
    })
}

fn item(
    row: ItemRow,
    zone: ViewerZone,
    records: &HashMap<i64, Vec<AssociableRecord>>,
    attendees: &HashMap<i64, Vec<AssociableRecord>>,
) -> ScheduleItem {
    let kind = if row.kind == "meeting" {
        ScheduleItemKind::Meeting
    } else {
        ScheduleItemKind::Task
    };
    let time = |at| zone.format_with(at, "%H:%M");
    let midnight = zone.local(row.starts).time() == chrono::NaiveTime::MIN;
    let (time_label, when_label) = match row.ends {
        Some(ends) => (
            format!("{} – {}", time(row.starts), time(ends)),
            format!(
                "{} – {}",
                zone.format_with(row.starts, "%a, %b %-d, %Y %H:%M"),
                if zone.date_of(ends) == zone.date_of(row.starts) {
                    zone.format_with(ends, "%H:%M %Z")
                } else {
                    zone.format_with(ends, "%a, %b %-d, %Y %H:%M %Z")
                }
            ),
        ),
        None if midnight => (
            String::new(),
            format!("Due {}", zone.format_with(row.starts, "%a, %b %-d, %Y")),
        ),
        None => (
            time(row.starts),
            format!(
                "Due {}",
                zone.format_with(row.starts, "%a, %b %-d, %Y %H:%M %Z")
            ),
        ),
    };
    ScheduleItem {
        id: row.id,
        kind,
        title: row.subject,
        time_label,
        when_label,
        description: row.body,
        location: row.location.unwrap_or_default(),
        link: row.link.unwrap_or_default(),
        completed: row.task_status.as_deref() == Some("completed"),
        started: row.started_at.is_some(),
        records: records.get(&row.id).cloned().unwrap_or_default(),
        attendees: attendees.get(&row.id).cloned().unwrap_or_default(),
    }
}
