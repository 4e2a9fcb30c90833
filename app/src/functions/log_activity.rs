//! Logs a note, email, call, task or meeting on a record; it appears in the record's timeline
//! at once. A note, email, call or meeting that has happened also moves the record's *Last
//! activity date* forward. Answers the record as it is afterwards.

use leptos::prelude::*;

use crate::{
    error::AppError,
    models::record_detail::{ActivityInput, RecordDetail},
};

#[server(endpoint = "log_activity", output = super::binary_answer::BinaryAnswer)]
pub async fn log_activity(
    record_id: i64,
    activity: ActivityInput,
) -> Result<RecordDetail, AppError> {
    use chrono::{DateTime, Utc};

    use crate::{
        auth,
        db::{
            activities::{MeetingFields, NewActivity, TaskFields, create_activity},
            record_detail,
            records::note_activity_time,
        },
        models::{
            ActivityKind, Requirement, TaskPriority, TaskStatus, TaskType, time_zone::ViewerZone,
        },
        state,
    };

    /// A `datetime-local` value, read in the viewer's zone.
    fn parse_time(
        zone: ViewerZone,
        field: &str,
        raw: &str,
    ) -> Result<Option<DateTime<Utc>>, AppError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        zone.parse_input(raw)
            .map(Some)
            .map_err(|message| AppError::invalid(field, message))
    }

    auth::respond(async move {
        let viewer = auth::require(Requirement::Workspace).await?;
        let ActivityInput {
            kind,
            subject,
            body,
            when,
            until,
            location,
            duration_minutes,
        } = activity;
        let db = state::db()?;
        let schema = db.schema().await?;
        record_detail::load_record(&db, &schema, record_id).await?;
        if subject.chars().count() > 200 {
            return Err(AppError::invalid(
                "subject",
                "Keep the subject under 200 characters",
            ));
        }
        if kind == ActivityKind::Note && body.trim().is_empty() {
            return Err(AppError::invalid("body", "Write the note"));
        }
        let when = parse_time(viewer.time_zone, "when", &when)?;
        let until = parse_time(viewer.time_zone, "until", &until)?;
        let now = Utc::now();
        let task = match kind {
            ActivityKind::Task => Some(TaskFields {
                due_at: when
                    .ok_or_else(|| AppError::invalid("when", "Choose when the task is due"))?,
                status: TaskStatus::NotStarted,
                task_type: TaskType::Todo,
                priority: TaskPriority::None,
            }),
            _ => None,
        };
        let meeting = match kind {
            ActivityKind::Meeting => Some(MeetingFields {
                starts_at: when
                    .ok_or_else(|| AppError::invalid("when", "Choose when the meeting starts"))?,
                ends_at: until
                    .ok_or_else(|| AppError::invalid("until", "Choose when the meeting ends"))?,
                location: location.trim().to_string(),
                attendee_ids: vec![],
            }),
            _ => None,
        };
        let occurred_at = when.unwrap_or(now);
        let activity = NewActivity {
            kind,
            subject,
            body,
            owner_id: Some(viewer.id),
            created_by: Some(viewer.id),
            occurred_at,
            task,
            meeting,
            duration_minutes: duration_minutes.map(i64::from),
            record_ids: vec![record_id],
        };
        create_activity(&db, &activity).await?;
        if kind != ActivityKind::Task && occurred_at <= now {
            // Bookkeeping: the activity is saved; a concurrent edit of the record that wins
            // the race only means the date is moved by the next activity.
            match note_activity_time(&db, record_id, occurred_at, Some(viewer.id)).await {
                Ok(()) | Err(AppError::StaleVersion) => {}
                Err(other) => return Err(other),
            }
        }
        record_detail::record_detail(&db, record_id, viewer.id, viewer.time_zone).await
    })
    .await
}
