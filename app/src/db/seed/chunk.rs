//! One chunk of generated companies: the rows of every table they fill, written and committed
//! in one transaction.

use super::{
    SeedReport,
    activities::ActivityRowBuilder,
    bulk_load::{Objects, RecordBatch, columns, insert_rows},
};
use crate::{
    db::{Db, sql_value::SqlValue},
    error::AppError,
};

/// The rows generated for a chunk of companies, table by table.
pub(super) struct Chunk {
    pub(super) companies: RecordBatch,
    pub(super) contacts: RecordBatch,
    pub(super) deals: RecordBatch,
    pub(super) tickets: RecordBatch,
    pub(super) services: RecordBatch,
    pub(super) associations: Vec<Vec<SqlValue>>,
    pub(super) activities: Vec<Vec<SqlValue>>,
    pub(super) activity_links: Vec<Vec<SqlValue>>,
    pub(super) events: Vec<Vec<SqlValue>>,
}

impl Chunk {
    pub(super) fn new(
        companies: &Objects,
        contacts: &Objects,
        deals: &Objects,
        tickets: &Objects,
        services: &Objects,
    ) -> Chunk {
        Chunk {
            companies: RecordBatch::new(
                companies,
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
            ),
            contacts: RecordBatch::new(
                contacts,
                &[
                    "name",
                    "email",
                    "phone",
                    "job_title",
                    "owner",
                    "lifecycle_stage",
                    "last_activity_date",
                ],
            ),
            deals: RecordBatch::new(
                deals,
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
            ),
            tickets: RecordBatch::new(tickets, &["name", "priority", "owner", "csm", "resolution"]),
            services: RecordBatch::new(
                services,
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
            ),
            associations: Vec::new(),
            activities: Vec::new(),
            activity_links: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Writes the chunk in one transaction and counts what it wrote into `report`.
    pub(super) async fn write(self, db: &Db, report: &mut SeedReport) -> Result<(), AppError> {
        let mut tx = db.begin().await?;
        report.companies += self.companies.write(&mut tx).await?;
        report.contacts += self.contacts.write(&mut tx).await?;
        report.deals += self.deals.write(&mut tx).await?;
        report.tickets += self.tickets.write(&mut tx).await?;
        report.services += self.services.write(&mut tx).await?;
        insert_rows(
            &mut tx,
            "associations",
            &columns(&["from_record_id", "to_record_id", "created_at"]),
            &self.associations,
        )
        .await?;
        insert_rows(
            &mut tx,
            "activities",
            &columns(ActivityRowBuilder::COLUMNS),
            &self.activities,
        )
        .await?;
        insert_rows(
            &mut tx,
            "activity_associations",
            &columns(&["activity_id", "record_id"]),
            &self.activity_links,
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
            &self.events,
        )
        .await?;
        tx.commit().await?;
        report.activities += self.activities.len() as u64;
        report.sales_events += self.events.len() as u64;
        Ok(())
    }
}
