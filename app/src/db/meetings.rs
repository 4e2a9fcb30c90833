//! Meetings created from the Schedule, and starting one.

use chrono::Utc;

use super::{
    Db, Tx,
    activities::{ActivityLink, link_records},
};
use crate::{error::AppError, models::meeting::CheckedMeeting, on_pool, on_tx};

/// Creates a meeting organised by `owner_id`; returns its id.
pub async fn create_meeting(
    db: &Db,
    owner_id: i64,
    meeting: &CheckedMeeting,
) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    check_attendees(&mut tx, &meeting.attendee_ids).await?;
    let id: i64 = on_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO activities (kind, subject, body, owner_id, created_by, occurred_at, \
         starts_at, ends_at, link, created_at) \
         VALUES ('meeting', $1, $2, $3, $3, $4, $4, $5, $6, $7) RETURNING id")
        .bind(&meeting.title)
        .bind(&meeting.description)
        .bind(owner_id)
        .bind(meeting.starts_at)
        .bind(meeting.ends_at)
        .bind(meeting.link.as_deref())
        .bind(Utc::now())
        .fetch_one(&mut *conn)
        .await)?;
    link_records(&mut tx, ActivityLink::Attendee, id, &meeting.attendee_ids).await?;
    tx.commit().await?;
    Ok(id)
}

/// Records that `organiser_id` started their meeting (the first start counts); returns the
/// meeting's link, if it has one.
pub async fn start_meeting(
    db: &Db,
    organiser_id: i64,
    meeting_id: i64,
) -> Result<Option<String>, AppError> {
    let started: Option<(Option<String>,)> = on_pool!(db, pool => sqlx::query_as(
        "UPDATE activities SET started_at = COALESCE(started_at, $1), version = version + 1 \
         WHERE id = $2 AND kind = 'meeting' AND owner_id = $3 RETURNING link")
        .bind(Utc::now())
        .bind(meeting_id)
        .bind(organiser_id)
        .fetch_optional(pool)
        .await)?;
    started
        .map(|(link,)| link)
        .ok_or_else(|| AppError::not_found("The meeting"))
}

/// Every attendee must be an existing record.
async fn check_attendees(tx: &mut Tx, attendee_ids: &[i64]) -> Result<(), AppError> {
    for attendee in attendee_ids {
        let found: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT id FROM records WHERE id = $1")
            .bind(attendee)
            .fetch_optional(&mut *conn)
            .await)?;
        if found.is_none() {
            return Err(AppError::invalid(
                "attendees",
                "One of the attendees no longer exists",
            ));
        }
    }
    Ok(())
}
