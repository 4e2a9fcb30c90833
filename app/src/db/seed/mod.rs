//! The demo data generator: a realistic, deterministic customer-success portfolio of any size.
//!
//! `seed(db, SeedOptions { companies: N, .. })` creates the demo teams and users (one per
//! permission combination of SPEC §1), the pipelines, and per company about 3 contacts, ½ deal,
//! ⅕ ticket, ⅕ service, 10 activities and 3 sales events, all dated relative to
//! `SeedOptions::now` (tasks overdue, due today and tomorrow; meetings this week). The same seed
//! and `now` give the same data. Rows are written in multi-row `INSERT`s, one transaction per
//! chunk of companies, so 100,000 companies take minutes, not hours.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};

use super::{
    Backend, Db, Tx,
    passwords::NewPassword,
    pipelines::{NewStage, create_pipeline},
    records::SYSTEM_COLUMNS,
    schema::{self, ObjectType, PropertyDef},
    sql_value::{SqlValue, bind_values, placeholders},
    users::{EmailAddress, add_team_member, create_team, create_user, grant_permission},
};
use crate::{
    error::AppError,
    models::{Permission, Pipeline},
    on_pool, on_tx,
};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "demo-password";

/// The demo accounts: `(email, name, primary team index, permissions)`.
pub const DEMO_USERS: &[(&str, &str, usize, &[Permission])] = &[
    (
        "admin@example.com",
        "Ada Admin",
        0,
        &[
            Permission::SuperAdmin,
            Permission::ServiceSeat,
            Permission::CsWorkspaceAccess,
            Permission::ManageCsSettings,
        ],
    ),
    (
        "superadmin.noseat@example.com",
        "Sam Seatless",
        0,
        &[Permission::SuperAdmin],
    ),
    (
        "manager@example.com",
        "Maya Manager",
        0,
        &[
            Permission::ServiceSeat,
            Permission::CsWorkspaceAccess,
            Permission::ManageCsSettings,
        ],
    ),
    (
        "csm@example.com",
        "Carl Customer",
        0,
        &[Permission::ServiceSeat, Permission::CsWorkspaceAccess],
    ),
    (
        "csm.midmarket@example.com",
        "Chloe Chen",
        1,
        &[Permission::ServiceSeat, Permission::CsWorkspaceAccess],
    ),
    (
        "csm.onboarding@example.com",
        "Ben Brooks",
        2,
        &[Permission::ServiceSeat, Permission::CsWorkspaceAccess],
    ),
    (
        "viewer@example.com",
        "Vera Viewer",
        1,
        &[Permission::CsWorkspaceAccess],
    ),
    ("noaccess@example.com", "Otto Outsider", 2, &[]),
];

pub const DEMO_TEAMS: &[&str] = &["Enterprise CS", "Mid-Market CS", "Onboarding"];

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

const ADJECTIVES: &[&str] = &[
    "Blue",
    "Bright",
    "Cedar",
    "Clear",
    "Copper",
    "Crimson",
    "Delta",
    "Eastern",
    "Evergreen",
    "First",
    "Golden",
    "Granite",
    "Harbor",
    "Iron",
    "Lunar",
    "Maple",
    "Mighty",
    "Nimble",
    "North",
    "Oak",
    "Pacific",
    "Pine",
    "Prime",
    "Quantum",
    "Rapid",
    "Red",
    "Silver",
    "Solar",
    "Summit",
    "True",
    "Union",
    "Vertex",
    "Vivid",
    "Western",
    "Wild",
    "Zen",
];
const NOUNS: &[&str] = &[
    "Analytics",
    "Anchor",
    "Arrow",
    "Beacon",
    "Bridge",
    "Canyon",
    "Cloud",
    "Compass",
    "Crest",
    "Data",
    "Dynamics",
    "Falcon",
    "Field",
    "Forge",
    "Freight",
    "Grove",
    "Health",
    "Horizon",
    "Insight",
    "Ledger",
    "Logic",
    "Metrics",
    "Motion",
    "Network",
    "Orbit",
    "Peak",
    "Pixel",
    "Point",
    "Signal",
    "Spark",
    "Stone",
    "Systems",
    "Thread",
    "Tide",
    "Vista",
    "Wave",
];
const SUFFIXES: &[&str] = &[
    "Inc.",
    "Labs",
    "Group",
    "Partners",
    "Software",
    "Co.",
    "Holdings",
    "Technologies",
    "GmbH",
    "Ltd",
];
const FIRST_NAMES: &[&str] = &[
    "Alex", "Amira", "Ana", "Ben", "Carla", "Chen", "Daniel", "Elena", "Emma", "Farah", "Giulia",
    "Hana", "Ivan", "Jonas", "Julia", "Kai", "Lena", "Liam", "Lucas", "Maria", "Marta", "Mateo",
    "Noah", "Nora", "Olga", "Omar", "Paula", "Piotr", "Priya", "Rafael", "Sara", "Sofia", "Tom",
    "Yuki", "Zoe",
];
const LAST_NAMES: &[&str] = &[
    "Almeida",
    "Bauer",
    "Bianchi",
    "Brown",
    "Costa",
    "Dubois",
    "Fischer",
    "Garcia",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalski",
    "Kumar",
    "Lee",
    "Martin",
    "Meyer",
    "Moreau",
    "Nowak",
    "Okafor",
    "Patel",
    "Rossi",
    "Santos",
    "Schmidt",
    "Silva",
    "Smith",
    "Tanaka",
    "Wagner",
    "Wong",
    "Zielinski",
];
const JOB_TITLES: &[&str] = &[
    "CEO",
    "CTO",
    "Head of Operations",
    "VP Customer Experience",
    "IT Manager",
    "Product Owner",
    "Procurement Lead",
    "Finance Director",
    "Marketing Manager",
    "Support Lead",
];
const CITIES: &[&str] = &[
    "Berlin",
    "Boston",
    "Chicago",
    "Dublin",
    "Krakow",
    "Lisbon",
    "London",
    "Madrid",
    "Milan",
    "Paris",
    "Singapore",
    "Sydney",
    "Toronto",
    "Warsaw",
];
const INDUSTRIES: &[&str] = &[
    "software",
    "financial_services",
    "healthcare",
    "manufacturing",
    "retail",
    "education",
    "logistics",
    "media",
];
const NOTE_SUBJECTS: &[&str] = &[
    "Quarterly business review notes",
    "Adoption check-in",
    "Feedback on the new dashboard",
    "Escalation follow-up",
    "Expansion opportunity",
    "Renewal risk discussed",
];
const TASK_SUBJECTS: &[&str] = &[
    "Prepare QBR deck",
    "Send renewal quote",
    "Follow up on support ticket",
    "Schedule onboarding call",
    "Review usage report",
    "Confirm training date",
    "Collect NPS feedback",
    "Update success plan",
];
const CALL_SUBJECTS: &[&str] = &[
    "Check-in call",
    "Renewal call",
    "Executive sponsor call",
    "Technical review call",
];
const EMAIL_SUBJECTS: &[&str] = &[
    "Your monthly usage summary",
    "Re: contract questions",
    "Training resources",
    "Next steps",
];
const MEETING_SUBJECTS: &[&str] = &[
    "Quarterly business review",
    "Onboarding workshop",
    "Roadmap preview",
    "Success plan review",
];
const PAGES: &[&str] = &[
    "/pricing",
    "/product/analytics",
    "/blog/renewals",
    "/docs/api",
    "/customers",
];
const SEQUENCES: &[&str] = &["Renewal nurture", "Onboarding week 1", "Expansion outreach"];

/// Companies generated (and committed) per transaction.
const CHUNK: u32 = 2_000;
/// Bound parameters per multi-row INSERT (SQLite allows 32,766, PostgreSQL 65,535).
const MAX_PARAMS: usize = 30_000;

struct Objects {
    object: ObjectType,
    columns: HashMap<String, String>,
}

impl Objects {
    async fn load(db: &Db, name: &str) -> Result<Objects, AppError> {
        let object = schema::object_type_by_name(db, name).await?;
        let columns = schema::properties(db, object.id)
            .await?
            .into_iter()
            .map(|p: PropertyDef| (p.name.clone(), p.column()))
            .collect();
        Ok(Objects { object, columns })
    }

    fn column(&self, property: &str) -> String {
        self.columns
            .get(property)
            .cloned()
            .unwrap_or_else(|| panic!("no property {property}"))
    }
}

/// Rows for one object table plus the matching `records` rows.
struct RecordBatch {
    table: String,
    object_type_id: i64,
    columns: Vec<String>,
    rows: Vec<Vec<SqlValue>>,
    records: Vec<Vec<SqlValue>>,
}

impl RecordBatch {
    fn new(objects: &Objects, properties: &[&str]) -> RecordBatch {
        let mut columns: Vec<String> = SYSTEM_COLUMNS.iter().map(|c| c.to_string()).collect();
        columns.extend(properties.iter().map(|p| objects.column(p)));
        RecordBatch {
            table: objects.object.table(),
            object_type_id: objects.object.id,
            columns,
            rows: vec![],
            records: vec![],
        }
    }

    fn push(
        &mut self,
        id: i64,
        created_at: DateTime<Utc>,
        stage: Option<(i64, i64)>,
        values: Vec<SqlValue>,
    ) {
        let mut row = vec![
            SqlValue::from(id),
            SqlValue::from(1),
            SqlValue::from(created_at),
            SqlValue::from(created_at),
            SqlValue::from(stage.map(|s| s.0)),
            SqlValue::from(stage.map(|s| s.1)),
        ];
        row.extend(values);
        self.rows.push(row);
        self.records.push(vec![
            SqlValue::from(id),
            SqlValue::from(self.object_type_id),
            SqlValue::from(created_at),
        ]);
    }

    async fn write(self, tx: &mut Tx) -> Result<u64, AppError> {
        let count = self.rows.len() as u64;
        let record_columns = [
            "id".to_string(),
            "object_type_id".into(),
            "created_at".into(),
        ];
        insert_rows(tx, "records", &record_columns, &self.records).await?;
        insert_rows(tx, &self.table, &self.columns, &self.rows).await?;
        Ok(count)
    }
}

/// Inserts `rows` into `table` with as few statements as the parameter limits allow.
///
/// SQLite gets anonymous `?` placeholders here: it looks numbered ones up by name in a list, which
/// makes binding tens of thousands of `$n` parameters quadratic.
async fn insert_rows(
    tx: &mut Tx,
    table: &str,
    columns: &[String],
    rows: &[Vec<SqlValue>],
) -> Result<(), AppError> {
    let per_row = columns.len();
    let anonymous = tx.backend() == Backend::Sqlite;
    for chunk in rows.chunks((MAX_PARAMS / per_row).max(1)) {
        let values = (0..chunk.len())
            .map(|i| {
                if anonymous {
                    format!("({})", vec!["?"; per_row].join(", "))
                } else {
                    format!("({})", placeholders(1 + i * per_row, per_row))
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {values}",
            columns.join(", ")
        );
        let params: Vec<SqlValue> = chunk.concat();
        on_tx!(tx, conn => execute bind_values(sqlx::query(&sql), &params))?;
    }
    Ok(())
}

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

async fn next_id(db: &Db, table: &str) -> Result<i64, AppError> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}");
    Ok(on_pool!(db, pool => sqlx::query_scalar(&sql).fetch_one(pool).await)?)
}

struct DemoPipelines {
    sales: Pipeline,
    renewals: Pipeline,
    support: Pipeline,
    delivery: Pipeline,
}

async fn ensure_pipelines(
    db: &Db,
    deals: &ObjectType,
    tickets: &ObjectType,
    services: &ObjectType,
) -> Result<DemoPipelines, AppError> {
    async fn find_or_create(
        db: &Db,
        object: &ObjectType,
        name: &str,
        stages: &[NewStage<'_>],
    ) -> Result<Pipeline, AppError> {
        let existing = super::pipelines::pipelines(db, object.id).await?;
        match existing.into_iter().find(|p| p.name == name) {
            Some(pipeline) => Ok(pipeline),
            None => create_pipeline(db, object, name, stages).await,
        }
    }
    let stage = |name, is_closed, required_properties| NewStage {
        name,
        is_closed,
        required_properties,
    };
    Ok(DemoPipelines {
        sales: find_or_create(
            db,
            deals,
            "Sales pipeline",
            &[
                stage("Appointment scheduled", false, &[]),
                stage("Qualified to buy", false, &[]),
                stage("Presentation scheduled", false, &[]),
                stage("Decision maker bought-in", false, &[]),
                stage("Contract sent", false, &["amount", "close_date"]),
                stage("Closed won", true, &["amount"]),
                stage("Closed lost", true, &["lost_reason"]),
            ],
        )
        .await?,
        renewals: find_or_create(
            db,
            deals,
            "Renewals pipeline",
            &[
                stage("Renewal upcoming", false, &[]),
                stage("Renewal in negotiation", false, &[]),
                stage("Renewed", true, &["contract_end_date"]),
                stage("Churned", true, &["lost_reason"]),
            ],
        )
        .await?,
        support: find_or_create(
            db,
            tickets,
            "Support pipeline",
            &[
                stage("New", false, &[]),
                stage("Waiting on contact", false, &[]),
                stage("Waiting on us", false, &[]),
                stage("Closed", true, &["resolution"]),
            ],
        )
        .await?,
        delivery: find_or_create(
            db,
            services,
            "Service delivery",
            &[
                stage("Kick-off", false, &[]),
                stage("In progress", false, &[]),
                stage("On hold", false, &[]),
                stage("Completed", true, &[]),
            ],
        )
        .await?,
    })
}

async fn create_demo_users(db: &Db) -> Result<Vec<i64>, AppError> {
    let mut teams = Vec::new();
    for team in DEMO_TEAMS {
        teams.push(create_team(db, team).await?);
    }
    let mut users = Vec::new();
    for (email, name, team, permissions) in DEMO_USERS {
        let id = create_user(
            db,
            &EmailAddress::parse(email)?,
            name,
            NewPassword::parse(DEMO_PASSWORD)?,
        )
        .await?;
        add_team_member(db, id, teams[*team], true).await?;
        for permission in *permissions {
            grant_permission(db, id, *permission).await?;
        }
        users.push(id);
    }
    // The manager also works with the mid-market team.
    add_team_member(db, users[2], teams[1], false).await?;
    Ok(users)
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    items.choose(rng).expect("non-empty list")
}

fn pick_str(rng: &mut StdRng, items: &[&'static str]) -> &'static str {
    items.choose(rng).copied().expect("non-empty list")
}

fn day_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
}

fn slug(name: &str) -> String {
    name.split_whitespace()
        .take(2)
        .map(|w| {
            w.to_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("")
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

    let mut rng = StdRng::seed_from_u64(options.seed);
    let now = options.now;
    let today = day_start(now);
    let mut report = SeedReport {
        users: users.len() as u64,
        ..SeedReport::default()
    };
    let mut record_id = next_id(db, "records").await?;
    let mut activity_id = next_id(db, "activities").await?;
    let mut event_id = next_id(db, "sales_events").await?;

    let mut done = 0;
    while done < options.companies {
        let chunk = CHUNK.min(options.companies - done);
        let mut company_batch = RecordBatch::new(
            &companies,
            &[
                "name",
                "domain",
                "industry",
                "csm",
                "owner",
                "arr",
                "renewal_date",
                "plan",
                "employees",
                "nps",
                "csm_sentiment",
                "city",
                "last_activity_date",
            ],
        );
        let mut contact_batch = RecordBatch::new(
            &contacts,
            &[
                "name",
                "email",
                "phone",
                "job_title",
                "owner",
                "lifecycle_stage",
                "last_activity_date",
            ],
        );
        let mut deal_batch = RecordBatch::new(
            &deals,
            &[
                "name",
                "amount",
                "close_date",
                "owner",
                "csm",
                "deal_type",
                "contract_end_date",
                "lost_reason",
            ],
        );
        let mut ticket_batch = RecordBatch::new(
            &tickets,
            &["name", "priority", "owner", "csm", "resolution"],
        );
        let mut service_batch = RecordBatch::new(
            &services,
            &[
                "name",
                "service_type",
                "owner",
                "csm",
                "value",
                "start_date",
                "end_date",
                "renewal_date",
            ],
        );
        let mut associations: Vec<Vec<SqlValue>> = Vec::new();
        let mut activities: Vec<Vec<SqlValue>> = Vec::new();
        let mut activity_links: Vec<Vec<SqlValue>> = Vec::new();
        let mut events: Vec<Vec<SqlValue>> = Vec::new();

        for _ in 0..chunk {
            let company_id = record_id;
            record_id += 1;
            let name = format!(
                "{} {} {}",
                pick(&mut rng, ADJECTIVES),
                pick(&mut rng, NOUNS),
                pick(&mut rng, SUFFIXES)
            );
            let domain = format!(
                "{}.{}",
                slug(&name),
                pick(&mut rng, &["com", "io", "co", "net"])
            );
            let csm = *pick(&mut rng, &csms);
            let arr_dollars: i64 = (rng.gen_range(8.5f64..13.2)).exp() as i64;
            let plan = match arr_dollars {
                0..=20_000 => "starter",
                20_001..=150_000 => "professional",
                _ => "enterprise",
            };
            let created_at = now
                - Duration::days(rng.gen_range(30..1_000))
                - Duration::minutes(rng.gen_range(0..1_440));
            let last_activity = now - Duration::hours(rng.gen_range(1..24 * 90));
            let renewal = now.date_naive() + Duration::days(rng.gen_range(-30..365));
            let nps = rng.gen_bool(0.8).then(|| f64::from(rng.gen_range(0..=10)));
            company_batch.push(
                company_id,
                created_at,
                None,
                vec![
                    SqlValue::from(name.clone()),
                    SqlValue::from(domain.clone()),
                    SqlValue::from(*pick(&mut rng, INDUSTRIES)),
                    SqlValue::from(csm),
                    SqlValue::from(*pick(&mut rng, &csms)),
                    SqlValue::Int(Some(arr_dollars * 100)),
                    SqlValue::Date(Some(renewal)),
                    SqlValue::from(plan),
                    SqlValue::Real(Some(f64::from(rng.gen_range(5..20_000)))),
                    SqlValue::Real(nps),
                    SqlValue::from(sentiment(&mut rng, nps)),
                    SqlValue::from(*pick(&mut rng, CITIES)),
                    SqlValue::from(last_activity),
                ],
            );

            let mut company_contacts = Vec::new();
            for _ in 0..rng.gen_range(2..=4) {
                let contact_id = record_id;
                record_id += 1;
                let first = pick(&mut rng, FIRST_NAMES);
                let last = pick(&mut rng, LAST_NAMES);
                contact_batch.push(
                    contact_id,
                    created_at + Duration::days(rng.gen_range(0..30)),
                    None,
                    vec![
                        SqlValue::from(format!("{first} {last}")),
                        SqlValue::from(format!(
                            "{}.{}@{domain}",
                            first.to_lowercase(),
                            last.to_lowercase()
                        )),
                        SqlValue::from(format!("+1 555 {:04}", rng.gen_range(0..10_000))),
                        SqlValue::from(*pick(&mut rng, JOB_TITLES)),
                        SqlValue::from(csm),
                        SqlValue::from(*pick(
                            &mut rng,
                            &["lead", "opportunity", "customer", "customer"],
                        )),
                        SqlValue::from(now - Duration::hours(rng.gen_range(1..24 * 120))),
                    ],
                );
                associations.push(vec![
                    SqlValue::from(company_id),
                    SqlValue::from(contact_id),
                    SqlValue::from(now),
                ]);
                company_contacts.push(contact_id);
                for _ in 0..rng.gen_range(0..=2) {
                    let kind = *pick(
                        &mut rng,
                        &[
                            "email_opened",
                            "email_opened",
                            "email_clicked",
                            "email_replied",
                            "form_submitted",
                            "page_visited",
                            "page_visited",
                            "meeting_booked",
                            "sequence_enrolled",
                            "sequence_unenrolled",
                        ],
                    );
                    let detail = match kind {
                        "page_visited" => pick(&mut rng, PAGES).to_string(),
                        "form_submitted" => "Contact us form".to_string(),
                        "email_opened" | "email_clicked" | "email_replied" => {
                            pick_str(&mut rng, EMAIL_SUBJECTS).to_string()
                        }
                        _ => String::new(),
                    };
                    let sequence = kind
                        .starts_with("sequence")
                        .then(|| pick(&mut rng, SEQUENCES).to_string());
                    events.push(vec![
                        SqlValue::from(event_id),
                        SqlValue::from(contact_id),
                        SqlValue::from(kind),
                        SqlValue::from(now - Duration::minutes(rng.gen_range(1..60 * 24 * 30))),
                        SqlValue::from(detail),
                        SqlValue::from(sequence),
                    ]);
                    event_id += 1;
                }
            }

            if rng.gen_bool(0.5) {
                let deal_id = record_id;
                record_id += 1;
                let renewal_deal = rng.gen_bool(0.4);
                let pipeline = if renewal_deal {
                    &pipelines.renewals
                } else {
                    &pipelines.sales
                };
                let stage = pick(&mut rng, &pipeline.stages);
                let lost = stage.required_properties.iter().any(|p| p == "lost_reason");
                let amount = rng.gen_range(20..2_000) * 10_000;
                deal_batch.push(
                    deal_id,
                    now - Duration::days(rng.gen_range(1..200)),
                    Some((pipeline.id, stage.id)),
                    vec![
                        SqlValue::from(format!(
                            "{} – {}",
                            name,
                            if renewal_deal { "Renewal" } else { "Expansion" }
                        )),
                        SqlValue::Int(Some(amount)),
                        SqlValue::Date(Some(
                            now.date_naive() + Duration::days(rng.gen_range(-60..180)),
                        )),
                        SqlValue::from(*pick(&mut rng, &csms)),
                        SqlValue::from(csm),
                        SqlValue::from(if renewal_deal {
                            "renewal"
                        } else {
                            *pick(&mut rng, &["new_business", "upsell"])
                        }),
                        SqlValue::Date(Some(renewal)),
                        SqlValue::Text(lost.then(|| {
                            pick(
                                &mut rng,
                                &["Budget cut", "Chose a competitor", "No decision"],
                            )
                            .to_string()
                        })),
                    ],
                );
                associations.push(vec![
                    SqlValue::from(company_id),
                    SqlValue::from(deal_id),
                    SqlValue::from(now),
                ]);
            }
            if rng.gen_bool(0.2) {
                let ticket_id = record_id;
                record_id += 1;
                let stage = pick(&mut rng, &pipelines.support.stages);
                ticket_batch.push(
                    ticket_id,
                    now - Duration::days(rng.gen_range(0..60)),
                    Some((pipelines.support.id, stage.id)),
                    vec![
                        SqlValue::from(format!(
                            "{} – {}",
                            pick(
                                &mut rng,
                                &[
                                    "Login issue",
                                    "Export fails",
                                    "Billing question",
                                    "Slow dashboard",
                                    "SSO setup"
                                ]
                            ),
                            name
                        )),
                        SqlValue::from(*pick(&mut rng, &["low", "medium", "medium", "high"])),
                        SqlValue::from(*pick(&mut rng, &csms)),
                        SqlValue::from(csm),
                        SqlValue::Text(
                            stage
                                .is_closed
                                .then(|| "Resolved with a configuration change".to_string()),
                        ),
                    ],
                );
                associations.push(vec![
                    SqlValue::from(company_id),
                    SqlValue::from(ticket_id),
                    SqlValue::from(now),
                ]);
            }
            if rng.gen_bool(0.2) {
                let service_id = record_id;
                record_id += 1;
                let stage = pick(&mut rng, &pipelines.delivery.stages);
                let service_type = *pick(&mut rng, &["onboarding", "consulting", "maintenance"]);
                let start = now.date_naive() - Duration::days(rng.gen_range(0..120));
                service_batch.push(
                    service_id,
                    now - Duration::days(rng.gen_range(0..120)),
                    Some((pipelines.delivery.id, stage.id)),
                    vec![
                        SqlValue::from(format!("{} – {}", name, capitalised(service_type))),
                        SqlValue::from(service_type),
                        SqlValue::from(*pick(&mut rng, &csms)),
                        SqlValue::from(csm),
                        SqlValue::Int(Some(rng.gen_range(5..200) * 100_000)),
                        SqlValue::Date(Some(start)),
                        SqlValue::Date(Some(start + Duration::days(rng.gen_range(30..365)))),
                        SqlValue::Date(Some(renewal)),
                    ],
                );
                associations.push(vec![
                    SqlValue::from(company_id),
                    SqlValue::from(service_id),
                    SqlValue::from(now),
                ]);
            }

            for _ in 0..10 {
                let roll: u32 = rng.gen_range(0..100);
                let contact = *pick(&mut rng, &company_contacts);
                let mut row = ActivityRowBuilder::new(activity_id, csm, now);
                match roll {
                    0..=24 => row.note(
                        pick_str(&mut rng, NOTE_SUBJECTS),
                        now - Duration::hours(rng.gen_range(1..24 * 180)),
                    ),
                    25..=44 => row.email(
                        pick_str(&mut rng, EMAIL_SUBJECTS),
                        now - Duration::hours(rng.gen_range(1..24 * 180)),
                    ),
                    45..=59 => row.call(
                        pick_str(&mut rng, CALL_SUBJECTS),
                        now - Duration::hours(rng.gen_range(1..24 * 180)),
                        rng.gen_range(5..60),
                    ),
                    60..=89 => {
                        // Tasks cluster around today so every CSM has overdue work, work due
                        // today and tomorrow, and a history of completed tasks.
                        let day_offset = rng.gen_range(-10..=10);
                        let due = today
                            + Duration::days(day_offset)
                            + Duration::minutes(rng.gen_range(8 * 4..18 * 4) * 15);
                        let completed = day_offset < 0 && rng.gen_bool(0.5) || rng.gen_bool(0.1);
                        let priority = *pick(&mut rng, &["none", "low", "medium", "high"]);
                        let task_type = *pick(&mut rng, &["todo", "call", "email"]);
                        row.task(
                            pick_str(&mut rng, TASK_SUBJECTS),
                            due,
                            completed,
                            task_type,
                            priority,
                        );
                    }
                    _ => {
                        let week_start = today
                            - Duration::days(i64::from(today.weekday().num_days_from_monday()));
                        // Spread over four weeks around this one, as a CSM's calendar is.
                        let starts = week_start
                            + Duration::days(rng.gen_range(-7..21))
                            + Duration::minutes(rng.gen_range(16..36) * 30);
                        row.meeting(
                            pick_str(&mut rng, MEETING_SUBJECTS),
                            starts,
                            Duration::minutes(*pick(&mut rng, &[30, 45, 60])),
                            &domain,
                        );
                    }
                }
                activities.push(row.finish());
                activity_links.push(vec![
                    SqlValue::from(activity_id),
                    SqlValue::from(company_id),
                ]);
                activity_links.push(vec![SqlValue::from(activity_id), SqlValue::from(contact)]);
                activity_id += 1;
            }
        }

        let mut tx = db.begin().await?;
        report.companies += company_batch.write(&mut tx).await?;
        report.contacts += contact_batch.write(&mut tx).await?;
        report.deals += deal_batch.write(&mut tx).await?;
        report.tickets += ticket_batch.write(&mut tx).await?;
        report.services += service_batch.write(&mut tx).await?;
        insert_rows(
            &mut tx,
            "associations",
            &columns(&["from_record_id", "to_record_id", "created_at"]),
            &associations,
        )
        .await?;
        insert_rows(
            &mut tx,
            "activities",
            &columns(ActivityRowBuilder::COLUMNS),
            &activities,
        )
        .await?;
        insert_rows(
            &mut tx,
            "activity_associations",
            &columns(&["activity_id", "record_id"]),
            &activity_links,
        )
        .await?;
        insert_rows(
            &mut tx,
            "sales_events",
            &columns(&[
                "id",
                "contact_id",
                "kind",
                "occurred_at",
                "detail",
                "sequence_name",
            ]),
            &events,
        )
        .await?;
        tx.commit().await?;
        report.activities += activities.len() as u64;
        report.sales_events += events.len() as u64;
        done += chunk;
        progress(&format!(
            "{done}/{} companies, {} contacts, {} deals, {} activities",
            options.companies, report.contacts, report.deals, report.activities
        ));
    }
    resync_identities(db).await?;
    super::seed_views::seed_views_and_assignments(db, &csms, users[2], now).await?;
    gather_statistics(db).await?;
    progress("scoring customer health over the past six months");
    super::seed_health::seed_health_score(db, users[2], now).await?;
    Ok(report)
}

/// After a bulk load the planners know nothing of the data yet (PostgreSQL's autovacuum gets
/// to it later; SQLite keeps no statistics until asked): gather them now, so the first queries
/// choose their indexes as they will on a database in use.
async fn gather_statistics(db: &Db) -> Result<(), AppError> {
    match db.pool() {
        super::Pool::Postgres(pool) => {
            sqlx::query("VACUUM (ANALYZE)").execute(pool).await?;
        }
        super::Pool::Sqlite(pool) => {
            sqlx::query("PRAGMA analysis_limit = 1000")
                .execute(pool)
                .await?;
            sqlx::query("ANALYZE").execute(pool).await?;
        }
    }
    Ok(())
}

/// Explicit ids were inserted above; PostgreSQL's identity sequences must continue after them.
async fn resync_identities(db: &Db) -> Result<(), AppError> {
    if let super::Pool::Postgres(pool) = db.pool() {
        for table in ["records", "activities", "sales_events"] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            );
            sqlx::query(&sql).execute(pool).await?;
        }
    }
    Ok(())
}

/// The CSM's sentiment mostly follows the customer's NPS, as it does in life.
fn sentiment(rng: &mut StdRng, nps: Option<f64>) -> &'static str {
    let likely = match nps {
        Some(n) if n >= 9.0 => "positive",
        Some(n) if n >= 7.0 => "neutral",
        Some(_) => "negative",
        None => "neutral",
    };
    if rng.gen_bool(0.7) {
        likely
    } else {
        pick_str(rng, &["positive", "neutral", "negative"])
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Builds one `activities` row; fields a kind does not use stay NULL.
struct ActivityRowBuilder {
    id: i64,
    owner: i64,
    created_at: DateTime<Utc>,
    kind: &'static str,
    subject: String,
    occurred_at: DateTime<Utc>,
    due_at: Option<DateTime<Utc>>,
    task: Option<(&'static str, &'static str, &'static str)>,
    completed_at: Option<DateTime<Utc>>,
    /// Start, end and video link.
    meeting: Option<(DateTime<Utc>, DateTime<Utc>, String)>,
    duration_minutes: Option<i64>,
}

impl ActivityRowBuilder {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "kind",
        "subject",
        "body",
        "owner_id",
        "created_by",
        "occurred_at",
        "due_at",
        "task_status",
        "task_type",
        "priority",
        "completed_at",
        "starts_at",
        "ends_at",
        "link",
        "duration_minutes",
        "created_at",
    ];

    fn new(id: i64, owner: i64, created_at: DateTime<Utc>) -> Self {
        ActivityRowBuilder {
            id,
            owner,
            created_at,
            kind: "note",
            subject: String::new(),
            occurred_at: created_at,
            due_at: None,
            task: None,
            completed_at: None,
            meeting: None,
            duration_minutes: None,
        }
    }

    fn note(&mut self, subject: &str, at: DateTime<Utc>) {
        self.kind = "note";
        self.subject = subject.into();
        self.occurred_at = at;
    }

    fn email(&mut self, subject: &str, at: DateTime<Utc>) {
        self.kind = "email";
        self.subject = subject.into();
        self.occurred_at = at;
    }

    fn call(&mut self, subject: &str, at: DateTime<Utc>, minutes: i64) {
        self.kind = "call";
        self.subject = subject.into();
        self.occurred_at = at;
        self.duration_minutes = Some(minutes);
    }

    fn task(
        &mut self,
        subject: &str,
        due: DateTime<Utc>,
        completed: bool,
        task_type: &'static str,
        priority: &'static str,
    ) {
        self.kind = "task";
        self.subject = subject.into();
        self.occurred_at = due;
        self.due_at = Some(due);
        let status = if completed {
            "completed"
        } else {
            "not_started"
        };
        self.task = Some((status, task_type, priority));
        self.completed_at = completed.then_some(due);
    }

    fn meeting(&mut self, subject: &str, starts: DateTime<Utc>, length: Duration, domain: &str) {
        self.kind = "meeting";
        self.subject = subject.into();
        self.occurred_at = starts;
        self.meeting = Some((
            starts,
            starts + length,
            format!("https://meet.{domain}/{}", self.id),
        ));
    }

    fn finish(self) -> Vec<SqlValue> {
        let (status, task_type, priority) = match self.task {
            Some((s, t, p)) => (Some(s), Some(t), Some(p)),
            None => (None, None, None),
        };
        let (starts, ends, link) = match self.meeting {
            Some((s, e, l)) => (Some(s), Some(e), Some(l)),
            None => (None, None, None),
        };
        vec![
            SqlValue::from(self.id),
            SqlValue::from(self.kind),
            SqlValue::from(self.subject),
            SqlValue::from(""),
            SqlValue::from(self.owner),
            SqlValue::from(self.owner),
            SqlValue::from(self.occurred_at),
            SqlValue::from(self.due_at),
            SqlValue::Text(status.map(str::to_string)),
            SqlValue::Text(task_type.map(str::to_string)),
            SqlValue::Text(priority.map(str::to_string)),
            SqlValue::from(self.completed_at),
            SqlValue::from(starts),
            SqlValue::from(ends),
            SqlValue::Text(link),
            SqlValue::from(self.duration_minutes),
            SqlValue::from(self.created_at),
        ]
    }
}
