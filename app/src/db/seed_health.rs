//! The demo's health score: one live profile built from the predefined groups, scored at
//! monthly steps over the past six months and then now — through the same scorer and history
//! tables as in use — so records have score history and the profile an average over time.

use chrono::{DateTime, Duration, Utc};

use super::{
    Db,
    health::{
        compute::{Scope, score_profile},
        profiles::{self, create_profile, turn_on},
    },
};
use crate::{error::AppError, models::health_score_view::ProfileStart};

/// Past moments the demo is scored at before now, in days ago.
const HISTORY_STEPS_DAYS: [i64; 6] = [180, 150, 120, 90, 60, 30];

pub async fn seed_health_score(db: &Db, actor: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let id = create_profile(
        db,
        actor,
        "Customer health",
        "Engagement, calls, support tickets, CSM sentiment and NPS.",
        vec![],
        ProfileStart::PredefinedGroups,
    )
    .await?;
    turn_on(db, actor, id, 1).await?;
    let profile = profiles::profile(db, id).await?;
    for days in HISTORY_STEPS_DAYS {
        score_profile(db, &profile, Scope::All, now - Duration::days(days)).await?;
    }
    score_profile(db, &profile, Scope::All, now).await?;
    Ok(())
}
