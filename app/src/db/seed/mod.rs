//! The demo data generator: a realistic, deterministic customer-success portfolio of any size.
//!
//! `seed(db, SeedOptions { companies: N, .. })` creates the demo teams and users (one per
//! permission combination of SPEC §1), the pipelines, and per company about 3 contacts, ½ deal,
//! ⅕ ticket, ⅕ service, 10 activities and 3 sales events, all dated relative to
//! `SeedOptions::now` (tasks overdue, due today and tomorrow; meetings this week). The same seed
//! and `now` give the same data. Rows are written in multi-row `INSERT`s, one transaction per
//! chunk of companies, so 100,000 companies take minutes, not hours.

mod accounts;
mod activities;
mod bulk_load;
mod chunk;
mod companies;
mod demo_pipelines;
mod words;

use chrono::{DateTime, Utc};
use rand::{SeedableRng, rngs::StdRng};

use crate::{db::Db, error::AppError, on_pool};
use accounts::create_demo_users;
use bulk_load::{Objects, gather_statistics, next_id, resync_identities};
use chunk::Chunk;
use companies::Generator;
use demo_pipelines::ensure_pipelines;

pub use accounts::{DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS};

/// How much to generate.
#[derive(Clone, Debug)]
pub struct SeedOptions {
    pub companies: u32,
    pub seed: u64,
    /// The moment the data is dated around.
    pub now: DateTime<Utc>,
}

/// What a seed run created.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SeedReport {
    pub users: u64,
    pub companies: u64,
    pub contacts: u64,
    pub deals: u64,
    pub tickets: u64,
    pub services: u64,
    pub activities: u64,
    pub sales_events: u64,
}

/// Whether the database has no users yet (so `--demo` may seed it).
pub async fn is_empty(db: &Db) -> Result<bool, AppError> {
    let users: i64 = on_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await)?;
    Ok(users == 0)
}

/// Companies generated (and committed) per transaction.
const CHUNK: u32 = 2_000;

fn day_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
}

/// Fills the database; see the module docs. `progress` receives one line per chunk.
pub async fn seed(
    db: &Db,
    options: &SeedOptions,
    mut progress: impl FnMut(&str),
) -> Result<SeedReport, AppError> {
    if !is_empty(db).await? {
        return Err(AppError::Conflict(
            "The database already holds data; seed an empty one.".into(),
        ));
    }
    let users = create_demo_users(db).await?;
    // Everyone but the seatless admin, the viewer and the outsider can own a portfolio.
    let csms: Vec<i64> = users[..6]
        .iter()
        .copied()
        .filter(|id| *id != users[1])
        .collect();
    let companies = Objects::load(db, "companies").await?;
    let contacts = Objects::load(db, "contacts").await?;
    let deals = Objects::load(db, "deals").await?;
    let tickets = Objects::load(db, "tickets").await?;
    let services = Objects::load(db, "services").await?;
    let pipelines = ensure_pipelines(db, &deals.object, &tickets.object, &services.object).await?;

    let now = options.now;
    let mut report = SeedReport {
        users: users.len() as u64,
        ..SeedReport::default()
    };
    let mut generator = Generator {
        rng: StdRng::seed_from_u64(options.seed),
        now,
        today: day_start(now),
        csms: &csms,
        pipelines: &pipelines,
        record_id: next_id(db, "records").await?,
        activity_id: next_id(db, "activities").await?,
        event_id: next_id(db, "sales_events").await?,
    };

    let mut done = 0;
    while done < options.companies {
        let chunk = CHUNK.min(options.companies - done);
        let mut rows = Chunk::new(&companies, &contacts, &deals, &tickets, &services);
        for _ in 0..chunk {
            generator.company(&mut rows);
        }
        rows.write(db, &mut report).await?;
        done += chunk;
        progress(&format!(
            "{done}/{} companies, {} contacts, {} deals, {} activities",
            options.companies, report.contacts, report.deals, report.activities
        ));
    }
    resync_identities(db).await?;
    crate::db::seed_views::seed_views_and_assignments(db, &csms, users[2], now).await?;
    gather_statistics(db).await?;
    progress("scoring customer health over the past six months");
    crate::db::seed_health::seed_health_score(db, users[2], now).await?;
    Ok(report)
}
