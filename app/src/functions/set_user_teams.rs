//! Sets the teams of a user and which one is primary.

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "set_user_teams", output = super::binary_answer::BinaryAnswer)]
pub async fn set_user_teams(
    user_id: i64,
    #[server(default)] team_ids: Vec<i64>,
    primary_team_id: Option<i64>,
) -> Result<(), AppError> {
    use crate::{
        auth,
        db::{audit_log, users},
        models::{Requirement, audit::AuditKind},
        state,
    };

    auth::respond(async move {
        let admin = auth::require(Requirement::SuperAdmin).await?;
        let db = state::db()?;
        users::set_user_teams(&db, user_id, &team_ids, primary_team_id).await?;
        let teams = users::list_teams(&db).await?;
        let name_of = |id: i64| {
            teams
                .iter()
                .find(|team| team.id == id)
                .map_or_else(|| format!("#{id}"), |team| team.name.clone())
        };
        let named: Vec<String> = team_ids.iter().map(|&id| name_of(id)).collect();
        let details = vec![
            format!(
                "Teams: {}",
                if named.is_empty() {
                    "none".to_string()
                } else {
                    named.join(", ")
                }
            ),
            format!(
                "Primary team: {}",
                primary_team_id.map_or("none".to_string(), name_of)
            ),
        ];
        audit_log::record_account_event(&db, AuditKind::TeamsChanged, admin.id, user_id, details)
            .await
    })
    .await
}
