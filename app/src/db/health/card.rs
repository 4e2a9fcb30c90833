//! A record's health cards: per live profile of its object, the score, the category, which
//! criteria earned or lost the points, the latest changes and the history for the chart.

use chrono::{DateTime, NaiveDate, Utc};

use super::profiles::{ProfileRow, live_profiles};
use crate::{
    db::Db,
    error::AppError,
    models::{
        health_score::{HealthCategory, HealthScoreDefinition},
        health_score_view::{
            CriterionOutcome, DayValue, GroupOutcome, HealthScoreCard, ScoreChange, describe_rule,
        },
        time_zone::ViewerZone,
        view::FieldInfo,
    },
    on_pool,
};

/// Changes listed on a card.
const CHANGES_SHOWN: usize = 5;
/// History rows the chart reads at most (the newest).
const HISTORY_READ: i64 = 500;

/// The cards of `record_id` (of object `object_type_id`), one per live profile of that object;
/// days of the history in the viewer's `zone`.
pub async fn health_cards(
    db: &Db,
    record_id: i64,
    object_type_id: i64,
    zone: ViewerZone,
) -> Result<Vec<HealthScoreCard>, AppError> {
    let profiles: Vec<ProfileRow> = live_profiles(db)
        .await?
        .into_iter()
        .filter(|p| p.object_type_id == object_type_id)
        .collect();
    if profiles.is_empty() {
        return Ok(vec![]);
    }
    let schema = db.schema().await?;
    let fields = schema.object(object_type_id)?.field_infos();
    let mut cards = Vec::with_capacity(profiles.len());
    for profile in profiles {
        let Some(definition) = profile.published_definition()? else {
            continue;
        };
        cards.push(card(db, record_id, &profile, &definition, &fields, zone).await?);
    }
    Ok(cards)
}

async fn card(
    db: &Db,
    record_id: i64,
    profile: &ProfileRow,
    definition: &HealthScoreDefinition,
    fields: &[FieldInfo],
    zone: ViewerZone,
) -> Result<HealthScoreCard, AppError> {
    let current: Option<(i64, String, String, DateTime<Utc>)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT score, category, held, changed_at FROM health_scores \
         WHERE profile_id = $1 AND record_id = $2")
        .bind(profile.id)
        .bind(record_id)
        .fetch_optional(pool)
        .await)?;
    let history: Vec<(i64, String, DateTime<Utc>)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT score, category, changed_at FROM health_score_history \
         WHERE record_id = $1 AND profile_id = $2 ORDER BY changed_at DESC, id DESC LIMIT $3")
        .bind(record_id)
        .bind(profile.id)
        .bind(HISTORY_READ)
        .fetch_all(pool)
        .await)?;
    // A change of the score or the category (a change of reasons alone is not listed).
    let changes = history
        .iter()
        .enumerate()
        .filter(|(i, (score, category, _))| {
            history.get(i + 1).is_none_or(|(older, older_category, _)| {
                older != score || older_category != category
            })
        })
        .take(CHANGES_SHOWN)
        .filter_map(|(_, (score, category, at))| {
            Some(ScoreChange {
                at: *at,
                score: u32::try_from(*score).ok()?,
                category: HealthCategory::parse(category)?,
            })
        })
        .collect();
    let mut by_day: Vec<DayValue> = Vec::new();
    for (score, _, at) in history.iter().rev() {
        let day: NaiveDate = zone.date_of(*at);
        match by_day.last_mut() {
            Some(last) if last.day == day => last.value = *score as f64,
            _ => by_day.push(DayValue {
                day,
                value: *score as f64,
            }),
        }
    }
    let held: Vec<(usize, usize)> = current
        .as_ref()
        .and_then(|(_, _, held, _)| serde_json::from_str(held).ok())
        .unwrap_or_default();
    let held_matrix: Vec<Vec<bool>> = definition
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            (0..group.criteria.len())
                .map(|c| held.contains(&(g, c)))
                .collect()
        })
        .collect();
    let (_, points) = definition.score(&held_matrix);
    let groups = definition
        .groups
        .iter()
        .zip(&held_matrix)
        .zip(points)
        .map(|((group, held), points)| GroupOutcome {
            name: group.name.clone(),
            points,
            max_points: group.max_points,
            criteria: group
                .criteria
                .iter()
                .zip(held)
                .map(|(criterion, held)| CriterionOutcome {
                    text: describe_rule(&criterion.rule, fields),
                    points: criterion.points,
                    held: *held,
                })
                .collect(),
        })
        .collect();
    Ok(HealthScoreCard {
        profile_id: profile.id,
        profile_name: profile.name.clone(),
        score: current
            .as_ref()
            .and_then(|(score, ..)| u32::try_from(*score).ok()),
        category: current
            .as_ref()
            .and_then(|(_, category, ..)| HealthCategory::parse(category)),
        scored_at: current.as_ref().map(|(.., at)| *at),
        groups: if current.is_some() { groups } else { vec![] },
        changes,
        history: by_day,
    })
}
