//! Generating the portfolio one company at a time: the company, its contacts and their sales
//! events, sometimes a deal, a ticket and a service, then its activities (see `activities`).
//! The random draws keep their order, so the same seed and `now` still give the same data.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::{Rng, rngs::StdRng};

use super::{
    chunk::Chunk,
    demo_pipelines::DemoPipelines,
    words::{
        ADJECTIVES, CITIES, EMAIL_SUBJECTS, FIRST_NAMES, INDUSTRIES, JOB_TITLES, LAST_NAMES, NOUNS,
        PAGES, SEQUENCES, SUFFIXES, capitalised, pick, pick_str, slug,
    },
};
use crate::db::sql_value::SqlValue;

/// What a run generates from: the random numbers, the moment the data is dated around, who
/// owns the portfolios, the pipelines, and the next free ids.
pub(super) struct Generator<'a> {
    pub(super) rng: StdRng,
    pub(super) now: DateTime<Utc>,
    /// Midnight (UTC) of `now`'s day.
    pub(super) today: DateTime<Utc>,
    pub(super) csms: &'a [i64],
    pub(super) pipelines: &'a DemoPipelines,
    pub(super) record_id: i64,
    pub(super) activity_id: i64,
    pub(super) event_id: i64,
}

/// A generated company, as the records generated with it need it.
pub(super) struct Company {
    pub(super) id: i64,
    name: String,
    pub(super) domain: String,
    pub(super) csm: i64,
    created_at: DateTime<Utc>,
    renewal: NaiveDate,
}

impl Generator<'_> {
    /// One company and everything generated with it, into `chunk`.
    pub(super) fn company(&mut self, chunk: &mut Chunk) {
        let company = self.company_row(chunk);
        let contacts = self.contacts(&company, chunk);
        if self.rng.gen_bool(0.5) {
            self.deal(&company, chunk);
        }
        if self.rng.gen_bool(0.2) {
            self.ticket(&company, chunk);
        }
        if self.rng.gen_bool(0.2) {
            self.service(&company, chunk);
        }
        self.activities(&company, &contacts, chunk);
    }

    fn company_row(&mut self, chunk: &mut Chunk) -> Company {
        let now = self.now;
        let csms = self.csms;
        let company_id = self.record_id;
        self.record_id += 1;
        let name = format!(
            "{} {} {}",
            pick(&mut self.rng, ADJECTIVES),
            pick(&mut self.rng, NOUNS),
            pick(&mut self.rng, SUFFIXES)
        );
        let domain = format!(
            "{}.{}",
            slug(&name),
            pick(&mut self.rng, &["com", "io", "co", "net"])
        );
        let csm = *pick(&mut self.rng, csms);
        let arr_dollars: i64 = (self.rng.gen_range(8.5f64..13.2)).exp() as i64;
        let plan = match arr_dollars {
            0..=20_000 => "starter",
            20_001..=150_000 => "professional",
            _ => "enterprise",
        };
        let created_at = now
            - Duration::days(self.rng.gen_range(30..1_000))
            - Duration::minutes(self.rng.gen_range(0..1_440));
        let last_activity = now - Duration::hours(self.rng.gen_range(1..24 * 90));
        let renewal = now.date_naive() + Duration::days(self.rng.gen_range(-30..365));
        let nps = self
            .rng
            .gen_bool(0.8)
            .then(|| f64::from(self.rng.gen_range(0..=10)));
        chunk.companies.push(
            company_id,
            created_at,
            None,
            vec![
                SqlValue::from(name.clone()),
                SqlValue::from(domain.clone()),
                SqlValue::from(*pick(&mut self.rng, INDUSTRIES)),
                SqlValue::from(csm),
                SqlValue::from(*pick(&mut self.rng, csms)),
                SqlValue::Int(Some(arr_dollars * 100)),
                SqlValue::Date(Some(renewal)),
                SqlValue::from(plan),
                SqlValue::Real(Some(f64::from(self.rng.gen_range(5..20_000)))),
                SqlValue::Real(nps),
                SqlValue::from(sentiment(&mut self.rng, nps)),
                SqlValue::from(*pick(&mut self.rng, CITIES)),
                SqlValue::from(last_activity),
            ],
        );
        Company {
            id: company_id,
            name,
            domain,
            csm,
            created_at,
            renewal,
        }
    }

    /// Two to four contacts of `company`, with their sales events; returns their ids.
    fn contacts(&mut self, company: &Company, chunk: &mut Chunk) -> Vec<i64> {
        let now = self.now;
        let company_id = company.id;
        let csm = company.csm;
        let domain = &company.domain;
        let mut company_contacts = Vec::new();
        for _ in 0..self.rng.gen_range(2..=4) {
            let contact_id = self.record_id;
            self.record_id += 1;
            let first = pick(&mut self.rng, FIRST_NAMES);
            let last = pick(&mut self.rng, LAST_NAMES);
            chunk.contacts.push(
                contact_id,
                company.created_at + Duration::days(self.rng.gen_range(0..30)),
                None,
                vec![
                    SqlValue::from(format!("{first} {last}")),
                    SqlValue::from(format!(
                        "{}.{}@{domain}",
                        first.to_lowercase(),
                        last.to_lowercase()
                    )),
                    SqlValue::from(format!("+1 555 {:04}", self.rng.gen_range(0..10_000))),
                    SqlValue::from(*pick(&mut self.rng, JOB_TITLES)),
                    SqlValue::from(csm),
                    SqlValue::from(*pick(
                        &mut self.rng,
                        &["lead", "opportunity", "customer", "customer"],
                    )),
                    SqlValue::from(now - Duration::hours(self.rng.gen_range(1..24 * 120))),
                ],
            );
            chunk.associations.push(vec![
                SqlValue::from(company_id),
                SqlValue::from(contact_id),
                SqlValue::from(now),
            ]);
            company_contacts.push(contact_id);
            self.sales_events(contact_id, chunk);
        }
        company_contacts
    }

    /// Up to two sales events of a contact within the last 30 days.
    fn sales_events(&mut self, contact_id: i64, chunk: &mut Chunk) {
        let now = self.now;
        for _ in 0..self.rng.gen_range(0..=2) {
            let kind = *pick(
                &mut self.rng,
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
                "page_visited" => pick(&mut self.rng, PAGES).to_string(),
                "form_submitted" => "Contact us form".to_string(),
                "email_opened" | "email_clicked" | "email_replied" => {
                    pick_str(&mut self.rng, EMAIL_SUBJECTS).to_string()
                }
                _ => String::new(),
            };
            let sequence = kind
                .starts_with("sequence")
                .then(|| pick(&mut self.rng, SEQUENCES).to_string());
            chunk.events.push(vec![
                SqlValue::from(self.event_id),
                SqlValue::from(contact_id),
                SqlValue::from(kind),
                SqlValue::from(now - Duration::minutes(self.rng.gen_range(1..60 * 24 * 30))),
                SqlValue::from(detail),
                SqlValue::from(sequence),
            ]);
            self.event_id += 1;
        }
    }

    /// A renewal or an expansion deal of `company`, at a random stage of its pipeline.
    fn deal(&mut self, company: &Company, chunk: &mut Chunk) {
        let now = self.now;
        let csms = self.csms;
        let pipelines = self.pipelines;
        let (name, csm, renewal) = (&company.name, company.csm, company.renewal);
        let deal_id = self.record_id;
        self.record_id += 1;
        let renewal_deal = self.rng.gen_bool(0.4);
        let pipeline = if renewal_deal {
            &pipelines.renewals
        } else {
            &pipelines.sales
        };
        let stage = pick(&mut self.rng, &pipeline.stages);
        let lost = stage.required_properties.iter().any(|p| p == "lost_reason");
        let amount = self.rng.gen_range(20..2_000) * 10_000;
        chunk.deals.push(
            deal_id,
            now - Duration::days(self.rng.gen_range(1..200)),
            Some((pipeline.id, stage.id)),
            vec![
                SqlValue::from(format!(
                    "{} – {}",
                    name,
                    if renewal_deal { "Renewal" } else { "Expansion" }
                )),
                SqlValue::Int(Some(amount)),
                SqlValue::Date(Some(
                    now.date_naive() + Duration::days(self.rng.gen_range(-60..180)),
                )),
                SqlValue::from(*pick(&mut self.rng, csms)),
                SqlValue::from(csm),
                SqlValue::from(if renewal_deal {
                    "renewal"
                } else {
                    *pick(&mut self.rng, &["new_business", "upsell"])
                }),
                SqlValue::Date(Some(renewal)),
                SqlValue::Text(lost.then(|| {
                    pick(
                        &mut self.rng,
                        &["Budget cut", "Chose a competitor", "No decision"],
                    )
                    .to_string()
                })),
            ],
        );
        chunk.associations.push(vec![
            SqlValue::from(company.id),
            SqlValue::from(deal_id),
            SqlValue::from(now),
        ]);
    }

    /// A support ticket of `company`, at a random stage.
    fn ticket(&mut self, company: &Company, chunk: &mut Chunk) {
        let now = self.now;
        let csms = self.csms;
        let pipelines = self.pipelines;
        let (name, csm) = (&company.name, company.csm);
        let ticket_id = self.record_id;
        self.record_id += 1;
        let stage = pick(&mut self.rng, &pipelines.support.stages);
        chunk.tickets.push(
            ticket_id,
            now - Duration::days(self.rng.gen_range(0..60)),
            Some((pipelines.support.id, stage.id)),
            vec![
                SqlValue::from(format!(
                    "{} – {}",
                    pick(
                        &mut self.rng,
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
                SqlValue::from(*pick(&mut self.rng, &["low", "medium", "medium", "high"])),
                SqlValue::from(*pick(&mut self.rng, csms)),
                SqlValue::from(csm),
                SqlValue::Text(
                    stage
                        .is_closed
                        .then(|| "Resolved with a configuration change".to_string()),
                ),
            ],
        );
        chunk.associations.push(vec![
            SqlValue::from(company.id),
            SqlValue::from(ticket_id),
            SqlValue::from(now),
        ]);
    }

    /// A service of `company` (onboarding, consulting or maintenance), at a random stage.
    fn service(&mut self, company: &Company, chunk: &mut Chunk) {
        let now = self.now;
        let csms = self.csms;
        let pipelines = self.pipelines;
        let (name, csm, renewal) = (&company.name, company.csm, company.renewal);
        let service_id = self.record_id;
        self.record_id += 1;
        let stage = pick(&mut self.rng, &pipelines.delivery.stages);
        let service_type = *pick(&mut self.rng, &["onboarding", "consulting", "maintenance"]);
        let start = now.date_naive() - Duration::days(self.rng.gen_range(0..120));
        chunk.services.push(
            service_id,
            now - Duration::days(self.rng.gen_range(0..120)),
            Some((pipelines.delivery.id, stage.id)),
            vec![
                SqlValue::from(format!("{} – {}", name, capitalised(service_type))),
                SqlValue::from(service_type),
                SqlValue::from(*pick(&mut self.rng, csms)),
                SqlValue::from(csm),
                SqlValue::Int(Some(self.rng.gen_range(5..200) * 100_000)),
                SqlValue::Date(Some(start)),
                SqlValue::Date(Some(start + Duration::days(self.rng.gen_range(30..365)))),
                SqlValue::Date(Some(renewal)),
            ],
        );
        chunk.associations.push(vec![
            SqlValue::from(company.id),
            SqlValue::from(service_id),
            SqlValue::from(now),
        ]);
    }
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
