//! Activities (notes, emails, calls, tasks, meetings) and the records they are associated with.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{
    Db, Tx,
    record_detail::named_records,
    sql_value::{SqlValue, bind_values, placeholders},
};
use crate::{
    error::AppError,
    models::{ActivityKind, TaskPriority, TaskStatus, TaskType, task::AssociableRecord},
    on_pool, on_tx,
};

/// An activity to log. Task fields apply to tasks, meeting fields to meetings.
#[derive(Clone, Debug)]
pub struct NewActivity {
    pub kind: ActivityKind,
    pub subject: String,
    pub body: String,
    pub owner_id: Option<i64>,
    pub created_by: Option<i64>,
    /// When it happened (or, for a task, when it is due; for a meeting, when it starts).
    pub occurred_at: DateTime<Utc>,
    pub task: Option<TaskFields>,
    pub meeting: Option<MeetingFields>,
    pub duration_minutes: Option<i64>,
    /// Records the activity is logged on.
    pub record_ids: Vec<i64>,
}

#[derive(Clone, Debug)]
pub struct TaskFields {
    pub due_at: DateTime<Utc>,
    pub status: TaskStatus,
    pub task_type: TaskType,
    pub priority: TaskPriority,
}

#[derive(Clone, Debug)]
pub struct MeetingFields {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
    /// Contact records attending.
    pub attendee_ids: Vec<i64>,
}

/// An activity as the timeline shows it.
#[derive(Clone, Debug, PartialEq, FromRow)]
pub struct ActivityRow {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub owner_id: Option<i64>,
    pub occurred_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub task_status: Option<String>,
}

impl NewActivity {
    fn check(&self) -> Result<(), AppError> {
        if self.subject.trim().is_empty() && self.kind != ActivityKind::Note {
            return Err(AppError::invalid("subject", "Enter a subject"));
        }
        if self.kind == ActivityKind::Task && self.task.is_none() {
            return Err(AppError::invalid("due_at", "A task needs a due date"));
        }
        if let Some(meeting) = &self.meeting {
            if self.kind != ActivityKind::Meeting {
                return Err(AppError::invalid(
                    "kind",
                    "Only meetings have a start and an end",
                ));
            }
            if meeting.ends_at < meeting.starts_at {
                return Err(AppError::invalid(
                    "ends_at",
                    "The meeting must end after it starts",
                ));
            }
        } else if self.kind == ActivityKind::Meeting {
            return Err(AppError::invalid(
                "starts_at",
                "A meeting needs a start and an end",
            ));
        }
        if self.record_ids.is_empty() {
            return Err(AppError::invalid(
                "records",
                "Associate the activity with a record",
            ));
        }
        Ok(())
    }
}

pub async fn create_activity(db: &Db, activity: &NewActivity) -> Result<i64, AppError> {
    activity.check()?;
    let task = activity.task.as_ref();
    let meeting = activity.meeting.as_ref();
    let completed_at = task
        .filter(|t| t.status == TaskStatus::Completed)
        .map(|_| Utc::now());
    let mut tx = db.begin().await?;
    let id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO activities (kind, subject, body, owner_id, created_by, occurred_at, due_at, \
         task_status, task_type, priority, completed_at, starts_at, ends_at, location, \
         duration_minutes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id")
        .bind(activity.kind.as_str())
        .bind(activity.subject.trim())
        .bind(&activity.body)
        .bind(activity.owner_id)
        .bind(activity.created_by)
        .bind(activity.occurred_at)
        .bind(task.map(|t| t.due_at))
        .bind(task.map(|t| t.status.as_str()))
        .bind(task.map(|t| t.task_type.as_str()))
        .bind(task.map(|t| t.priority.as_str()))
        .bind(completed_at)
        .bind(meeting.map(|m| m.starts_at))
        .bind(meeting.map(|m| m.ends_at))
        .bind(meeting.map(|m| m.location.as_str()))
        .bind(activity.duration_minutes)
        .bind(Utc::now())
        .fetch_one(&mut *conn)
        .await)?;
    link_records(&mut tx, ActivityLink::Association, id, &activity.record_ids).await?;
    let attendees = meeting.map(|m| m.attendee_ids.as_slice());
    link_records(
        &mut tx,
        ActivityLink::Attendee,
        id,
        attendees.unwrap_or_default(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// How an activity refers to a record: associated with it, or (meetings) attended by it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum ActivityLink {
    Association,
    Attendee,
}

impl ActivityLink {
    fn table(self) -> &'static str {
        match self {
            ActivityLink::Association => "activity_associations",
            ActivityLink::Attendee => "meeting_attendees",
        }
    }
}

/// Links `record_ids` to activity `activity_id`.
pub(crate) async fn link_records(
    tx: &mut Tx,
    link: ActivityLink,
    activity_id: i64,
    record_ids: &[i64],
) -> Result<(), AppError> {
    let sql = format!(
        "INSERT INTO {} (activity_id, record_id) VALUES ($1, $2)",
        link.table()
    );
    for record_id in record_ids {
        on_tx!(tx, conn => execute sqlx::query(&sql).bind(activity_id).bind(record_id))?;
    }
    if matches!(link, ActivityLink::Association) {
        // Activities count in health scores: their records are scored again.
        crate::db::health::queue::mark_activity_changed(tx, activity_id).await?;
    }
    Ok(())
}

/// A record's timeline, newest first, at most `limit` entries.
pub async fn activities_of_record(
    db: &Db,
    record_id: i64,
    limit: u32,
) -> Result<Vec<ActivityRow>, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, a.kind, a.subject, a.owner_id, a.occurred_at, a.due_at, a.task_status \
         FROM activity_associations aa JOIN activities a ON a.id = aa.activity_id \
         WHERE aa.record_id = $1 ORDER BY a.occurred_at DESC, a.id DESC LIMIT $2")
        .bind(record_id)
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await)?)
}

/// Open tasks of `owner_id` due in `[from, to)`, soonest first.
pub async fn open_tasks_due(
    db: &Db,
    owner_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ActivityRow>, AppError> {
    Ok(on_pool!(db, pool => sqlx::query_as(
        "SELECT id, kind, subject, owner_id, occurred_at, due_at, task_status FROM activities \
         WHERE kind = 'task' AND owner_id = $1 AND task_status = 'not_started' \
         AND due_at >= $2 AND due_at < $3 ORDER BY due_at, id")
        .bind(owner_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await)?)
}

/// The live records each of `activity_ids` is linked to by `link`, named, each activity's in
/// the schema's object order and by name.
pub(crate) async fn linked_records(
    db: &Db,
    link: ActivityLink,
    activity_ids: &[i64],
) -> Result<HashMap<i64, Vec<AssociableRecord>>, AppError> {
    if activity_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<SqlValue> = activity_ids.iter().map(|id| SqlValue::from(*id)).collect();
    let sql = format!(
        "SELECT l.activity_id, l.record_id, r.object_type_id FROM {} l \
         JOIN records r ON r.id = l.record_id WHERE l.activity_id IN ({})",
        link.table(),
        placeholders(1, ids.len())
    );
    let links: Vec<(i64, i64, i64)> =
        on_pool!(db, pool => bind_values(sqlx::query_as(&sql), &ids).fetch_all(pool).await)?;
    if links.is_empty() {
        return Ok(HashMap::new());
    }
    let mut activities_of: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut object_of: BTreeMap<i64, i64> = BTreeMap::new();
    for (activity_id, record_id, object_type_id) in links {
        activities_of
            .entry(record_id)
            .or_default()
            .push(activity_id);
        object_of.insert(record_id, object_type_id);
    }
    let distinct: Vec<(i64, i64)> = object_of.iter().map(|(r, o)| (*r, *o)).collect();
    let schema = db.schema().await?;
    let mut by_activity: HashMap<i64, Vec<AssociableRecord>> = HashMap::new();
    for group in named_records(db, &schema, &distinct, usize::MAX).await? {
        for record in group.records {
            let object_label = object_of
                .get(&record.id)
                .and_then(|o| schema.object(*o).ok())
                .map(|o| o.object.singular_label.clone())
                .unwrap_or_default();
            let named = AssociableRecord {
                id: record.id,
                name: record.name,
                object_label,
            };
            for activity_id in activities_of.get(&named.id).into_iter().flatten() {
                by_activity
                    .entry(*activity_id)
                    .or_default()
                    .push(named.clone());
            }
        }
    }
    Ok(by_activity)
}
