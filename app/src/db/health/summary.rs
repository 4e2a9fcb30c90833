//! The Summary's health score section for one live profile: the average and the records per
//! category (from today's daily aggregate, which every scoring pass keeps current), the scores'
//! distribution (from the `(profile_id, score)` index alone) and the daily average over time.

use chrono::NaiveDate;

use crate::{
    db::Db,
    error::AppError,
    models::{
        report::ChartPoint,
        summary::{HealthSummary, ProfileChoice},
    },
    on_pool,
};

/// Days of daily averages the "over time" chart shows.
pub const HEALTH_HISTORY_DAYS: i64 = 90;

/// `profile`'s summary: three indexed reads.
pub async fn health_summary(db: &Db, profile: &ProfileChoice) -> Result<HealthSummary, AppError> {
    let latest: Option<(f64, i64, i64, i64, i64)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT average, scored, at_risk, neutral, healthy FROM health_score_daily \
         WHERE profile_id = $1 ORDER BY day DESC LIMIT 1")
        .bind(profile.id)
        .fetch_optional(pool)
        .await)?;
    let buckets: Vec<(i64, i64)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT CAST(CASE WHEN score >= 90 THEN 9 WHEN score < 0 THEN 0 ELSE score / 10 END \
         AS BIGINT) AS bucket, COUNT(*) FROM health_scores WHERE profile_id = $1 GROUP BY 1")
        .bind(profile.id)
        .fetch_all(pool)
        .await)?;
    let mut days: Vec<(NaiveDate, f64)> = on_pool!(db, pool => sqlx::query_as(
        "SELECT day, average FROM health_score_daily WHERE profile_id = $1 \
         ORDER BY day DESC LIMIT $2")
        .bind(profile.id)
        .bind(HEALTH_HISTORY_DAYS)
        .fetch_all(pool)
        .await)?;
    days.reverse();
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let (average, scored, at_risk, neutral, healthy) = latest.unwrap_or_default();
    Ok(HealthSummary {
        profile_id: profile.id,
        profile_name: profile.name.clone(),
        scored: count(scored),
        average: (scored > 0).then_some((average * 10.0).round() / 10.0),
        at_risk: count(at_risk),
        neutral: count(neutral),
        healthy: count(healthy),
        distribution: distribution(&buckets),
        over_time: days
            .into_iter()
            .map(|(day, average)| ChartPoint {
                label: day.format("%b %-d").to_string(),
                value: (average * 10.0).round() / 10.0,
            })
            .collect(),
    })
}

/// Ten bars, "0–9" to "90–100", empty ones included so the shape reads true.
fn distribution(buckets: &[(i64, i64)]) -> Vec<ChartPoint> {
    (0..10)
        .map(|bucket| {
            let value = buckets
                .iter()
                .find(|(b, _)| *b == bucket)
                .map_or(0.0, |(_, n)| *n as f64);
            let label = if bucket == 9 {
                "90–100".to_string()
            } else {
                format!("{}–{}", bucket * 10, bucket * 10 + 9)
            };
            ChartPoint { label, value }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distribution_has_ten_bars_in_order() {
        let bars = distribution(&[(9, 4), (0, 1), (5, 2)]);
        assert_eq!(bars.len(), 10);
        assert_eq!(bars[0].label, "0–9");
        assert_eq!(bars[0].value, 1.0);
        assert_eq!(bars[5].value, 2.0);
        assert_eq!(bars[9].label, "90–100");
        assert_eq!(bars[9].value, 4.0);
        assert_eq!(bars[3].value, 0.0);
    }
}
