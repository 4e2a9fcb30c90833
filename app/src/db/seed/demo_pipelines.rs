//! The pipelines of the demo's deals, tickets and services, found by name or created.

use crate::{
    db::{
        Db,
        pipelines::{NewStage, create_pipeline},
        schema::ObjectType,
    },
    error::AppError,
    models::Pipeline,
};

/// The demo's pipelines: two of deals, one of tickets, one of services.
pub(super) struct DemoPipelines {
    pub(super) sales: Pipeline,
    pub(super) renewals: Pipeline,
    pub(super) support: Pipeline,
    pub(super) delivery: Pipeline,
}

pub(super) async fn ensure_pipelines(
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
        let existing = crate::db::pipelines::pipelines(db, object.id).await?;
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
