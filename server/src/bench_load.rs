//! `server load`: many browsers at once against a running server for a while — list pages,
//! record opens, edits and stage moves, each browser with its own session and kept-alive
//! connection — then every acknowledged edit and move is looked up in the database. Prints
//! p50/p99 per kind of request, requests per second, errors, conflicts, lost updates and the
//! server's peak memory; fails when a request errs or an acknowledged change is missing.

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use app::{
    db::{
        Db,
        sessions::{self, SessionPolicy},
        users::{self, EmailAddress},
    },
    models::pipeline::Pipeline,
    on_pool,
};
use chrono::Utc;
use rand::{Rng, SeedableRng, rngs::StdRng};

use crate::{
    bench::{Outcome, report, text},
    bench_http::{Browser, rss_kb},
};

/// Companies each browser edits and deals it moves: its own, so that the last acknowledged
/// change of each is what the database must hold at the end.
const OWN_COMPANIES: usize = 5;
const OWN_DEALS: usize = 3;
/// List pages browsed (of 25 companies each).
const LIST_PAGES: u32 = 40;

pub struct LoadBench {
    /// host:port of the server.
    pub target: String,
    pub sessions: usize,
    pub seconds: u64,
    /// Process ids of the server(s), whose peak memory is reported.
    pub pids: Vec<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    List,
    Open,
    Edit,
    Move,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::List, Kind::Open, Kind::Edit, Kind::Move];

    fn label(self) -> &'static str {
        match self {
            Kind::List => "list page (Customers, 25 of 100,000)",
            Kind::Open => "record open",
            Kind::Edit => "property edit",
            Kind::Move => "stage move",
        }
    }

    /// Four in ten requests are list pages, three record opens, two edits, one a move.
    fn pick(rng: &mut StdRng) -> Kind {
        match rng.gen_range(0..10) {
            0..=3 => Kind::List,
            4..=6 => Kind::Open,
            7 | 8 => Kind::Edit,
            _ => Kind::Move,
        }
    }
}

/// A record a browser changes, with the version it last saw.
#[derive(Clone, Debug)]
struct Owned {
    record: i64,
    version: i64,
    pipeline: i64,
    stage: i64,
}

/// What one browser did.
#[derive(Default)]
struct Tally {
    timings: HashMap<Kind, Vec<Duration>>,
    errors: Vec<String>,
    conflicts: usize,
    refusals: usize,
    /// The last acknowledged city of each company edited, the last stage of each deal moved.
    edits: HashMap<i64, String>,
    moves: HashMap<i64, i64>,
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

/// One browser's state while it works.
struct Work {
    n: usize,
    browser: Browser,
    companies: Vec<Owned>,
    deals: Vec<Owned>,
    pipelines: Arc<Vec<Pipeline>>,
    readable: Arc<Vec<i64>>,
    db: Db,
    /// The companies' and the deals' tables.
    tables: (String, String),
    rng: StdRng,
    tally: Tally,
}

impl Work {
    async fn step(&mut self) {
        let kind = Kind::pick(&mut self.rng);
        let (path, body, target) = match kind {
            Kind::List => {
                let page = self.rng.gen_range(1..=LIST_PAGES);
                let body = format!("tab=customers&query=view%3Dall%26page%3D{page}");
                ("/api/load_record_list", body, None)
            }
            Kind::Open => {
                let record = self.readable[self.rng.gen_range(0..self.readable.len())];
                (
                    "/api/get_record_detail",
                    format!("record_id={record}"),
                    None,
                )
            }
            Kind::Edit => {
                let i = self.rng.gen_range(0..self.companies.len());
                let company = &self.companies[i];
                let value = format!("Load {}-{}", self.n, self.rng.r#gen::<u32>());
                let body = format!(
                    "record_id={}&version={}&property=city&value={}",
                    company.record,
                    company.version,
                    value.replace(' ', "+")
                );
                ("/api/update_record_property", body, Some((i, value, 0)))
            }
            Kind::Move => {
                let i = self.rng.gen_range(0..self.deals.len());
                let deal = &self.deals[i];
                let Some(stage) = next_stage(&self.pipelines, deal) else {
                    return;
                };
                let body = format!(
                    "request[record_id]={}&request[stage_id]={stage}&request[version]={}",
                    deal.record, deal.version
                );
                (
                    "/api/move_record_to_stage",
                    body,
                    Some((i, String::new(), stage)),
                )
            }
        };
        let sent = Instant::now();
        let answer = self.browser.post(path, &body).await;
        let took = sent.elapsed();
        match answer {
            Ok((200, _)) => {
                self.tally.timings.entry(kind).or_default().push(took);
                match (kind, target) {
                    (Kind::Edit, Some((i, value, _))) => {
                        self.companies[i].version += 1;
                        self.tally.edits.insert(self.companies[i].record, value);
                    }
                    (Kind::Move, Some((i, _, stage))) => {
                        self.deals[i].version += 1;
                        self.deals[i].stage = stage;
                        self.tally.moves.insert(self.deals[i].record, stage);
                    }
                    _ => {}
                }
            }
            Ok((409, _)) => {
                // Changed meanwhile (the health scorer writes companies' scores): read the
                // version again, as the app reloads the record.
                self.tally.timings.entry(kind).or_default().push(took);
                self.tally.conflicts += 1;
                if let Some((i, _, _)) = target {
                    self.reread(kind, i).await;
                }
            }
            Ok((422, _)) if kind == Kind::Move => {
                self.tally.timings.entry(kind).or_default().push(took);
                self.tally.refusals += 1;
            }
            Ok((status, body)) => {
                let head: String = body.chars().take(160).collect();
                self.tally.errors.push(format!("{path}: {status} {head}"));
            }
            Err(error) => self.tally.errors.push(format!("{path}: {error}")),
        }
    }

    /// Reads the version (and stage) of an owned record again.
    async fn reread(&mut self, kind: Kind, i: usize) {
        let (table, owned) = match kind {
            Kind::Edit => (&self.tables.0, &mut self.companies[i]),
            _ => (&self.tables.1, &mut self.deals[i]),
        };
        let sql =
            format!("SELECT version, COALESCE(stage_id, 0) FROM {table} WHERE record_id = $1");
        let read: Result<(i64, i64), sqlx::Error> = on_pool!(&self.db, pool => sqlx::query_as(&sql)
            .bind(owned.record)
            .fetch_one(pool)
            .await);
        if let Ok((version, stage)) = read {
            owned.version = version;
            owned.stage = stage;
        }
    }
}

/// The stage a deal moves to: the next one of its pipeline that asks for no properties, or
/// else the first such one.
fn next_stage(pipelines: &[Pipeline], deal: &Owned) -> Option<i64> {
    let pipeline = pipelines.iter().find(|p| p.id == deal.pipeline)?;
    let open: Vec<i64> = pipeline
        .stages
        .iter()
        .filter(|stage| stage.required_properties.is_empty())
        .map(|stage| stage.id)
        .collect();
    let here = pipeline.stages.iter().position(|s| s.id == deal.stage);
    let after = here.and_then(|here| {
        pipeline.stages[here + 1..]
            .iter()
            .find(|stage| stage.required_properties.is_empty())
            .map(|stage| stage.id)
    });
    after.or_else(|| open.into_iter().find(|&id| id != deal.stage))
}
