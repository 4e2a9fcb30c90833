//! One browser of `server load` (see [`crate::bench_load`]): what it asks for — list pages,
//! record opens, edits of its own companies, moves of its own deals — with its session and
//! kept-alive connection, and what it saw: timings, errors, conflicts and the last acknowledged
//! change of each record it owns.

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use app::{db::Db, models::pipeline::Pipeline, on_pool};
use rand::{Rng, rngs::StdRng};

use crate::bench_http::Browser;

/// List pages browsed (of 25 companies each).
const LIST_PAGES: u32 = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    List,
    Open,
    Edit,
    Move,
}

impl Kind {
    pub(crate) const ALL: [Kind; 4] = [Kind::List, Kind::Open, Kind::Edit, Kind::Move];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::List => "list page (Customers, 25 of 100,000)",
            Kind::Open => "record open",
            Kind::Edit => "property edit",
            Kind::Move => "stage move",
        }
    }

    /// Four in ten requests are list pages, three record opens, two edits, one a move.
    pub(crate) fn pick(rng: &mut StdRng) -> Kind {
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
pub(crate) struct Owned {
    pub(crate) record: i64,
    pub(crate) version: i64,
    pub(crate) pipeline: i64,
    pub(crate) stage: i64,
}

/// What one browser did.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) timings: HashMap<Kind, Vec<Duration>>,
    pub(crate) errors: Vec<String>,
    pub(crate) conflicts: usize,
    pub(crate) refusals: usize,
    /// The last acknowledged city of each company edited, the last stage of each deal moved.
    pub(crate) edits: HashMap<i64, String>,
    pub(crate) moves: HashMap<i64, i64>,
}

/// One browser's state while it works.
pub(crate) struct Work {
    pub(crate) n: usize,
    pub(crate) browser: Browser,
    pub(crate) companies: Vec<Owned>,
    pub(crate) deals: Vec<Owned>,
    pub(crate) pipelines: Arc<Vec<Pipeline>>,
    pub(crate) readable: Arc<Vec<i64>>,
    pub(crate) db: Db,
    /// The companies' and the deals' tables.
    pub(crate) tables: (String, String),
    pub(crate) rng: StdRng,
    pub(crate) tally: Tally,
}

impl Work {
    pub(crate) async fn step(&mut self) {
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
