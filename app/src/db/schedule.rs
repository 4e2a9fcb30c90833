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
    let limit = MAX_SCHEDULE_ITEMS as i64 + 1;
    // Tasks have no end: their `ends_at` is NULL, and selecting it (not a bare NULL) gives the
    // two halves of the union the same column type on PostgreSQL.
    let rows: Vec<ItemRow> = on_pool!(db, pool => sqlx::query_as(
        "SELECT * FROM (\
           SELECT id, kind, subject, body, due_at AS starts, ends_at AS ends, location, link, \
                  task_status, started_at FROM activities \
           WHERE kind = 'task' AND owner_id = $1 AND due_at >= $2 AND due_at < $3 \
           ORDER BY due_at, id LIMIT $5) tasks \
         UNION ALL SELECT * FROM (\
           SELECT id, kind, subject, body, starts_at AS starts, ends_at AS ends, location, link, \
                  task_status, started_at FROM activities \
           WHERE kind = 'meeting' AND owner_id = $1 AND starts_at >= $4 AND starts_at < $3 \
                 AND ends_at > $2 \
           ORDER BY starts_at, id LIMIT $5) meetings")
        .bind(viewer.id)
        .bind(from)
        .bind(to)
        .bind(from - Duration::hours(MAX_MEETING_HOURS))
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    let truncated = rows.len() > MAX_SCHEDULE_ITEMS;
    let mut rows = rows;
    rows.sort_by_key(|r| (r.starts, r.id));
    rows.truncate(MAX_SCHEDULE_ITEMS);
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let (records, attendees) = tokio::try_join!(
        linked_records(db, ActivityLink::Association, &ids),
        linked_records(db, ActivityLink::Attendee, &ids)
    )?;
    let whens: Vec<When> = rows
        .iter()
        .map(|r| match r.ends {
            Some(ends) => When::Between(r.starts, ends),
            None => When::Due(r.starts),
        })
        .collect();
    let items = rows
        .into_iter()
        .map(|row| item(row, zone, &records, &attendees))
        .collect();
    Ok(ScheduleView {
        mode,
        anchor,
        today,
        zone: zone.name().to_string(),
        profile_zone: viewer.time_zone.name().to_string(),
        hide_weekends,
        title: title(mode, anchor, &days),
        days: arrange(zone, &days, &whens),
        items,
        truncated,
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
