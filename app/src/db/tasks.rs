//! Writing tasks (rows of `activities` of kind `task`) and reading one for its panel. Lists of
//! tasks go through the list engine and the tasks object's view ([`super::task_object`]).
//! Every change bumps the task's version; an edit made on an older version is refused.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{
    Db, Tx,
    activities::{ActivityLink, link_records, linked_records},
    cs_objects,
    query::QueryContext,
    record_detail::active_users,
    record_search::records_named_like,
    sql_value::{SqlValue, bind_values, placeholders},
};
use crate::{
    error::AppError,
    models::{
        TaskPriority, TaskStatus, TaskType,
        live_event::LiveEvent,
        task::{AssociableRecord, CheckedTask, TaskDetail, TaskDraft},
        time_zone::ViewerZone,
    },
    on_pool, on_tx,
};

/// Creates a task; returns its id.
pub async fn create_task(db: &Db, created_by: i64, task: &CheckedTask) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    check_references(&mut tx, task).await?;
    let now = Utc::now();
    let id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO activities (kind, subject, body, owner_id, created_by, occurred_at, due_at, \
         task_status, task_type, priority, created_at) \
         VALUES ('task', $1, $2, $3, $4, $5, $5, 'not_started', $6, $7, $8) RETURNING id")
        .bind(&task.title)
        .bind(&task.notes)
        .bind(task.owner_id)
        .bind(created_by)
        .bind(task.due_at)
        .bind(task.task_type.as_str())
        .bind(task.priority.as_str())
        .bind(now)
        .fetch_one(&mut *conn)
        .await)?;
    link_records(&mut tx, ActivityLink::Association, id, &task.record_ids).await?;
    publish_task_change(db, &mut tx, id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves an edited task read at `expected_version`; returns the new version.
pub async fn update_task(
    db: &Db,
    task_id: i64,
    expected_version: i64,
    task: &CheckedTask,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    check_references(&mut tx, task).await?;
    let updated = on_tx!(&mut tx, conn => execute sqlx::query(
        "UPDATE activities SET subject = $1, body = $2, owner_id = $3, due_at = $4, \
         occurred_at = $4, task_type = $5, priority = $6, version = version + 1 \
         WHERE id = $7 AND kind = 'task' AND version = $8")
        .bind(&task.title)
        .bind(&task.notes)
        .bind(task.owner_id)
        .bind(task.due_at)
        .bind(task.task_type.as_str())
        .bind(task.priority.as_str())
        .bind(task_id)
        .bind(expected_version))?;
    if updated == 0 {
        return Err(missing_or_stale(&mut tx, task_id).await);
    }
    on_tx!(&mut tx, conn => execute sqlx::query(
        "DELETE FROM activity_associations WHERE activity_id = $1").bind(task_id))?;
    link_records(
        &mut tx,
        ActivityLink::Association,
        task_id,
        &task.record_ids,
    )
    .await?;
    publish_task_change(db, &mut tx, task_id).await?;
    tx.commit().await?;
    Ok(expected_version + 1)
}

/// Completes or reopens a task; returns its new version. Idempotent: completing a completed
/// task keeps its completion time.
pub async fn set_task_completed(db: &Db, task_id: i64, completed: bool) -> Result<i64, AppError> {
    let status = if completed {
        TaskStatus::Completed
    } else {
        TaskStatus::NotStarted
    };
    let mut tx = db.begin().await?;
    let version: Option<i64> = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "UPDATE activities SET task_status = $1, \
         completed_at = CASE WHEN $1 = 'completed' THEN COALESCE(completed_at, $2) END, \
         version = version + 1 WHERE id = $3 AND kind = 'task' RETURNING version")
        .bind(status.as_str())
        .bind(Utc::now())
        .bind(task_id)
        .fetch_optional(&mut *conn)
        .await)?;
    let version = version.ok_or_else(|| AppError::not_found("The task"))?;
    crate::db::health::queue::mark_activity_changed(&mut tx, task_id).await?;
    publish_task_change(db, &mut tx, task_id).await?;
    tx.commit().await?;
    Ok(version)
}

/// Deletes a task and its associations; its records are scored again.
pub async fn delete_task(db: &Db, task_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    crate::db::health::queue::mark_activity_changed(&mut tx, task_id).await?;
    let deleted = on_tx!(&mut tx, conn => execute sqlx::query(
        "DELETE FROM activities WHERE id = $1 AND kind = 'task'")
        .bind(task_id))?;
    if deleted == 0 {
        return Err(AppError::not_found("The task"));
    }
    publish_task_change(db, &mut tx, task_id).await?;
    tx.commit().await
}

/// Tells open Tasks lists that a task changed (at commit).
async fn publish_task_change(db: &Db, tx: &mut Tx, task_id: i64) -> Result<(), AppError> {
    let schema = db.schema().await?;
    let tasks = schema.object_named(super::task_object::TASKS_OBJECT)?;
    tx.publish(LiveEvent::records_changed(tasks.object.id, vec![task_id]));
    Ok(())
}

#[derive(FromRow)]
struct TaskRow {
    id: i64,
    version: i64,
    subject: String,
    body: String,
    owner_id: Option<i64>,
    due_at: Option<DateTime<Utc>>,
    task_status: Option<String>,
    task_type: Option<String>,
    priority: Option<String>,
    created_by_name: Option<String>,
}

/// A task for its panel, times in `zone`.
pub async fn task_detail(db: &Db, task_id: i64, zone: ViewerZone) -> Result<TaskDetail, AppError> {
    let row: Option<TaskRow> = on_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, a.version, a.subject, a.body, a.owner_id, a.due_at, a.task_status, \
         a.task_type, a.priority, u.name AS created_by_name \
         FROM activities a LEFT JOIN users u ON u.id = a.created_by \
         WHERE a.id = $1 AND a.kind = 'task'")
        .bind(task_id)
        .fetch_optional(pool)
        .await)?;
    let row = row.ok_or_else(|| AppError::not_found("The task"))?;
    let records = linked_records(db, ActivityLink::Association, &[task_id])
        .await?
        .remove(&task_id)
        .unwrap_or_default();
    let users = active_users(db).await?;
    Ok(TaskDetail {
        id: row.id,
        version: row.version,
        draft: TaskDraft {
            title: row.subject,
            due: row.due_at.map(|at| zone.to_input(at)).unwrap_or_default(),
            task_type: row.task_type.as_deref().and_then(TaskType::parse),
            priority: row.priority.as_deref().and_then(TaskPriority::parse),
            owner_id: row.owner_id.unwrap_or_default(),
            record_ids: records.iter().map(|r| r.id).collect(),
            notes: row.body,
        },
        completed: row.task_status.as_deref() == Some(TaskStatus::Completed.as_str()),
        due_label: row.due_at.map(|at| zone.format(at)).unwrap_or_default(),
        records,
        created_by: row.created_by_name,
        users,
    })
}

/// The owner must be an active user and every associated record must exist.
async fn check_references(tx: &mut Tx, task: &CheckedTask) -> Result<(), AppError> {
    let owner: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT id FROM users WHERE id = $1 AND active")
        .bind(task.owner_id)
        .fetch_optional(&mut *conn)
        .await)?;
    if owner.is_none() {
        return Err(AppError::invalid("owner", "Choose an active user"));
    }
    if task.record_ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<SqlValue> = task
        .record_ids
        .iter()
        .map(|id| SqlValue::from(*id))
        .collect();
    let sql = format!(
        "SELECT COUNT(*) FROM records WHERE id IN ({})",
        placeholders(1, ids.len())
    );
    let found: i64 = on_tx!(tx, conn =>
        bind_values(sqlx::query_scalar(&sql), &ids).fetch_one(&mut *conn).await)?;
    if found != ids.len() as i64 {
        return Err(AppError::invalid(
            "records",
            "One of the associated records no longer exists",
        ));
    }
    Ok(())
}

/// Why an update matched no row: the task is gone, or it changed since it was read.
async fn missing_or_stale(tx: &mut Tx, task_id: i64) -> AppError {
    let exists: Result<Option<i64>, sqlx::Error> = on_tx!(tx, conn => sqlx::query_scalar(
        "SELECT id FROM activities WHERE id = $1 AND kind = 'task'")
        .bind(task_id)
        .fetch_optional(&mut *conn)
        .await);
    match exists {
        Ok(Some(_)) => AppError::StaleVersion,
        Ok(None) => AppError::not_found("The task"),
        Err(error) => error.into(),
    }
}

/// Which of `task_ids` are completed.
pub async fn completed_among(db: &Db, task_ids: &[i64]) -> Result<Vec<i64>, AppError> {
    if task_ids.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<SqlValue> = task_ids.iter().map(|id| SqlValue::from(*id)).collect();
    let sql = format!(
        "SELECT id FROM activities WHERE kind = 'task' AND task_status = 'completed' \
         AND id IN ({}) ORDER BY id",
        placeholders(1, ids.len())
    );
    Ok(on_pool!(db, pool => bind_values(sqlx::query_scalar(&sql), &ids).fetch_all(pool).await)?)
}

/// Records whose name contains `query`, at most `per_object` of each object searched: the
/// customer, services and revenue objects for a task's records, contacts for a meeting's
/// attendees.
pub async fn search_associable_records(
    db: &Db,
    query: &str,
    attendees: bool,
    per_object: u32,
    cx: &QueryContext,
) -> Result<Vec<AssociableRecord>, AppError> {
    let schema = db.schema().await?;
    let object_ids: Vec<i64> = if attendees {
        vec![schema.object_named("contacts")?.object.id]
    } else {
        let roles = cs_objects::cs_objects(db).await?;
        std::iter::once(roles.customer_object_id)
            .chain(roles.services_object_id)
            .chain(roles.revenue_object_ids)
            .collect()
    };
    let mut found = Vec::new();
    for object_id in object_ids {
        let object = schema.object(object_id)?;
        let named = records_named_like(db, object, query, per_object, cx).await?;
        found.extend(named.into_iter().map(|link| AssociableRecord {
            id: link.id,
            name: link.name,
            object_label: object.object.singular_label.clone(),
        }));
    }
    Ok(found)
}
