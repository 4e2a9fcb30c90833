//! The health score part of `server bench`: a full computation of the demo's live five-group
//! profile over every company (first with every score new, then again with nothing changed,
//! as the daily run mostly finds), and how long an edit takes to show in the record's score
//! with the background scorer running (write committed → score changed, polled every 5 ms).
//! Prints figures; asserts nothing.

use std::time::{Duration, Instant};

use app::{
    db::{
        Db,
        health::{
            compute::{Scope, score_profile},
            profiles::live_profiles,
            queue::run_scorer,
        },
        records::{ChangeContext, get_record, update_record},
    },
    models::PropertyValue,
    on_pool,
};
use chrono::Utc;
use rand::{Rng, SeedableRng, rngs::StdRng};

use crate::bench_report::{Outcome, report, text};

pub async fn run(db: &Db, samples: u32) -> Outcome {
    let profile = live_profiles(db)
        .await
        .map_err(text)?
        .into_iter()
        .next()
        .ok_or("the demo has no live health score")?;
    let scored: i64 = on_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM health_scores WHERE profile_id = $1")
        .bind(profile.id)
        .fetch_one(pool)
        .await)
    .map_err(text)?;
    on_pool!(db, pool => execute sqlx::query("DELETE FROM health_scores WHERE profile_id = $1")
        .bind(profile.id))
    .map_err(text)?;
    let started = Instant::now();
    let first = score_profile(db, &profile, Scope::All, Utc::now())
        .await
        .map_err(text)?;
    println!(
        "health score, full computation, every score new: {:.1} s ({} records, {} written)",
        started.elapsed().as_secs_f64(),
        first.scored,
        first.changed
    );
    let started = Instant::now();
    let again = score_profile(db, &profile, Scope::All, Utc::now())
        .await
        .map_err(text)?;
    println!(
        "health score, full computation, nothing changed: {:.1} s ({} records, {} written; \
         {scored} were scored before)",
        started.elapsed().as_secs_f64(),
        again.scored,
        again.changed
    );

    // Edits with the background scorer running, as in the server.
    let scorer = tokio::spawn(run_scorer(db.clone()));
    let ids: Vec<i64> = on_pool!(db, pool => sqlx::query_scalar(
        "SELECT record_id FROM health_scores WHERE profile_id = $1 ORDER BY record_id LIMIT 2000")
        .bind(profile.id)
        .fetch_all(pool)
        .await)
    .map_err(text)?;
    let mut rng = StdRng::seed_from_u64(7);
    let mut latencies = Vec::with_capacity(samples as usize);
    let context = ChangeContext {
        actor: None,
        source: "bench",
    };
    for _ in 0..samples.min(200) {
        let id = ids[rng.gen_range(0..ids.len())];
        let record = get_record(db, id).await.map_err(text)?;
        let before = current_score(db, profile.id, id).await?;
        // NPS 10 or 0: the NPS group's points move between 20 and 0.
        let nps = match record.value("nps") {
            Some(PropertyValue::Number(n)) if *n >= 9.0 => 0.0,
            _ => 10.0,
        };
        update_record(
            db,
            id,
            record.version,
            &[("nps", Some(PropertyValue::Number(nps)))],
            context,
        )
        .await
        .map_err(text)?;
        let written = Instant::now();
        loop {
            if current_score(db, profile.id, id).await? != before {
                latencies.push(written.elapsed());
                break;
            }
            if written.elapsed() > Duration::from_secs(10) {
                return Err(format!("record {id}'s score did not change within 10 s"));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    scorer.abort();
    report(
        "health score: an edit until its score changed",
        &mut latencies,
    );
    Ok(())
}

async fn current_score(db: &Db, profile_id: i64, record_id: i64) -> Outcome<Option<i64>> {
    on_pool!(db, pool => sqlx::query_scalar(
        "SELECT score FROM health_scores WHERE profile_id = $1 AND record_id = $2")
        .bind(profile_id)
        .bind(record_id)
        .fetch_optional(pool)
        .await)
    .map_err(text)
}
