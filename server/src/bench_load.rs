//! `server load`: many browsers at once against a running server for a while — list pages,
//! record opens, edits and stage moves, each browser with its own session and kept-alive
//! connection — then every acknowledged edit and move is looked up in the database. Prints
//! p50/p99 per kind of request, requests per second, errors, conflicts, lost updates and the
//! server's peak memory; fails when a request errs or an acknowledged change is missing.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use app::{
    db::{
        Db,
        sessions::{self, SessionPolicy},
        users::{self, EmailAddress},
    },
    on_pool,
};
use chrono::Utc;
use rand::{SeedableRng, rngs::StdRng};

use crate::{
    bench_http::{Browser, rss_kb},
    bench_load_browser::{Kind, Owned, Tally, Work},
    bench_report::{Outcome, report, text},
};

/// Companies each browser edits and deals it moves: its own, so that the last acknowledged
/// change of each is what the database must hold at the end.
const OWN_COMPANIES: usize = 5;
const OWN_DEALS: usize = 3;

pub struct LoadBench {
    /// host:port of the server.
    pub target: String,
    pub sessions: usize,
    pub seconds: u64,
    /// Process ids of the server(s), whose peak memory is reported.
    pub pids: Vec<u32>,
}

pub async fn run(db: &Db, bench: LoadBench) -> Outcome {
    let email = EmailAddress::parse("csm@example.com").map_err(text)?;
    let user = users::user_by_email(db, &email)
        .await
        .map_err(text)?
        .ok_or("the demo CSM is missing: seed the database first")?;
    let schema = db.schema().await.map_err(text)?;
    let companies = schema.object_named("companies").map_err(text)?.clone();
    let deals = schema.object_named("deals").map_err(text)?.clone();
    let city = companies
        .properties
        .iter()
        .find(|p| p.name == "city")
        .ok_or("companies have no city")?
        .column();
    let company_table = companies.object.table();
    let deal_table = deals.object.table();
    let owned_companies: Vec<(i64, i64)> = on_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT record_id, version FROM {company_table} WHERE archived_at IS NULL \
         ORDER BY record_id LIMIT $1"))
        .bind((bench.sessions * OWN_COMPANIES) as i64)
        .fetch_all(pool)
        .await)
    .map_err(text)?;
    let owned_deals: Vec<(i64, i64, i64, i64)> = on_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT record_id, version, pipeline_id, stage_id FROM {deal_table} \
         WHERE archived_at IS NULL AND stage_id IS NOT NULL ORDER BY record_id LIMIT $1"))
        .bind((bench.sessions * OWN_DEALS) as i64)
        .fetch_all(pool)
        .await)
    .map_err(text)?;
    let readable: Vec<i64> = on_pool!(db, pool => sqlx::query_scalar(&format!(
        "SELECT record_id FROM {company_table} WHERE archived_at IS NULL \
         ORDER BY record_id DESC LIMIT 10000"))
        .fetch_all(pool)
        .await)
    .map_err(text)?;
    if owned_companies.len() < bench.sessions * OWN_COMPANIES
        || owned_deals.len() < bench.sessions * OWN_DEALS
    {
        return Err("not enough companies and deals for every browser: seed more".into());
    }
    let pipelines = Arc::new(deals.pipelines.clone());
    let readable = Arc::new(readable);

    println!(
        "Load: {} browsers for {} s against {} (each its own session and connection)",
        bench.sessions, bench.seconds, bench.target
    );
    let started = Instant::now();
    let deadline = started + Duration::from_secs(bench.seconds);
    let mut browsers = Vec::with_capacity(bench.sessions);
    for n in 0..bench.sessions {
        let token = sessions::create_session(db, &SessionPolicy::default(), user.id, Utc::now())
            .await
            .map_err(text)?;
        let own = |(record, version): &(i64, i64)| Owned {
            record: *record,
            version: *version,
            pipeline: 0,
            stage: 0,
        };
        let companies: Vec<Owned> = owned_companies[n * OWN_COMPANIES..(n + 1) * OWN_COMPANIES]
            .iter()
            .map(own)
            .collect();
        let deals: Vec<Owned> = owned_deals[n * OWN_DEALS..(n + 1) * OWN_DEALS]
            .iter()
            .map(|&(record, version, pipeline, stage)| Owned {
                record,
                version,
                pipeline,
                stage,
            })
            .collect();
        let browser = Browser::new(&bench.target, &token);
        let (db, pipelines, readable) = (db.clone(), pipelines.clone(), readable.clone());
        let tables = (company_table.clone(), deal_table.clone());
        browsers.push(tokio::spawn(async move {
            let mut work = Work {
                n,
                browser,
                companies,
                deals,
                pipelines,
                readable,
                db,
                tables,
                rng: StdRng::seed_from_u64(n as u64),
                tally: Tally::default(),
            };
            while Instant::now() < deadline {
                work.step().await;
            }
            work.tally
        }));
    }
    let mut all = Tally::default();
    for browser in browsers {
        let tally = browser.await.map_err(text)?;
        for (kind, timings) in tally.timings {
            all.timings.entry(kind).or_default().extend(timings);
        }
        all.errors.extend(tally.errors);
        all.conflicts += tally.conflicts;
        all.refusals += tally.refusals;
        all.edits.extend(tally.edits);
        all.moves.extend(tally.moves);
    }
    let elapsed = started.elapsed();

    let mut requests = 0;
    for kind in Kind::ALL {
        let timings = all.timings.entry(kind).or_default();
        requests += timings.len();
        if !timings.is_empty() {
            report(&format!("{} ({})", kind.label(), timings.len()), timings);
        }
    }
    println!(
        "{requests} answered requests in {:.1} s: {:.0} requests/s",
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64()
    );
    println!(
        "errors: {}; stale-version conflicts: {} (re-read, as the app does); moves refused by \
         the pipeline's rules: {}",
        all.errors.len(),
        all.conflicts,
        all.refusals
    );
    for error in all.errors.iter().take(5) {
        println!("  {error}");
    }

    // Every acknowledged change is in the database.
    let mut lost = 0;
    for (record, value) in &all.edits {
        let stored: Option<String> = on_pool!(db, pool => sqlx::query_scalar(&format!(
            "SELECT {city} FROM {company_table} WHERE record_id = $1"))
            .bind(record)
            .fetch_one(pool)
            .await)
        .map_err(text)?;
        lost += usize::from(stored.as_deref() != Some(value.as_str()));
    }
    for (record, stage) in &all.moves {
        let stored: Option<i64> = on_pool!(db, pool => sqlx::query_scalar(&format!(
            "SELECT stage_id FROM {deal_table} WHERE record_id = $1"))
            .bind(record)
            .fetch_one(pool)
            .await)
        .map_err(text)?;
        lost += usize::from(stored != Some(*stage));
    }
    println!(
        "lost updates: {lost} (checked the last acknowledged value of {} companies and {} deals)",
        all.edits.len(),
        all.moves.len()
    );
    for (pid, kb) in rss_kb(&bench.pids, true) {
        println!("server {pid}: peak RSS {:.1} MB", kb as f64 / 1024.0);
    }
    if !all.errors.is_empty() || lost > 0 {
        return Err(format!("{} errors, {lost} lost updates", all.errors.len()));
    }
    Ok(())
}
