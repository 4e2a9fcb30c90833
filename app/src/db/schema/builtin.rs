//! The built-in objects (contacts, companies, deals, tickets, services) and their standard
//! properties, created at start-up where missing.

use super::{
    create::{create_object_type, create_property, ensure_workload_indexes},
    read::{OBJECT_COLUMNS, properties_in_tx},
    types::{Identifier, NewProperty, ObjectType},
};
use crate::{db::Db, error::AppError, models::PropertyType, on_tx};

/// A built-in object type with its standard properties.
struct BuiltinObject {
    name: &'static str,
    singular: &'static str,
    plural: &'static str,
    has_pipelines: bool,
    properties: &'static [BuiltinProperty],
}

type BuiltinProperty = (
    &'static str,
    &'static str,
    PropertyType,
    &'static [(&'static str, &'static str)],
);

const INDUSTRIES: &[(&str, &str)] = &[
    ("software", "Software"),
    ("financial_services", "Financial services"),
    ("healthcare", "Healthcare"),
    ("manufacturing", "Manufacturing"),
    ("retail", "Retail"),
    ("education", "Education"),
    ("logistics", "Logistics"),
    ("media", "Media"),
];
const PLANS: &[(&str, &str)] = &[
    ("starter", "Starter"),
    ("professional", "Professional"),
    ("enterprise", "Enterprise"),
];
const SENTIMENTS: &[(&str, &str)] = &[
    ("positive", "Positive"),
    ("neutral", "Neutral"),
    ("negative", "Negative"),
];
const PRIORITIES: &[(&str, &str)] = &[("low", "Low"), ("medium", "Medium"), ("high", "High")];

const BUILTIN_OBJECTS: &[BuiltinObject] = &[
    BuiltinObject {
        name: "contacts",
        singular: "Contact",
        plural: "Contacts",
        has_pipelines: false,
        properties: &[
            ("name", "Name", PropertyType::Text, &[]),
            ("email", "Email", PropertyType::Text, &[]),
            ("phone", "Phone number", PropertyType::Text, &[]),
            ("job_title", "Job title", PropertyType::Text, &[]),
            ("owner", "Contact owner", PropertyType::User, &[]),
            (
                "lifecycle_stage",
                "Lifecycle stage",
                PropertyType::Enumeration,
                &[
                    ("lead", "Lead"),
                    ("opportunity", "Opportunity"),
                    ("customer", "Customer"),
                ],
            ),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
    BuiltinObject {
        name: "companies",
        singular: "Company",
        plural: "Companies",
        has_pipelines: false,
        properties: &[
            ("name", "Company name", PropertyType::Text, &[]),
            ("domain", "Company domain name", PropertyType::Text, &[]),
            (
                "industry",
                "Industry",
                PropertyType::Enumeration,
                INDUSTRIES,
            ),
            ("csm", "Customer Success Manager", PropertyType::User, &[]),
            ("owner", "Company owner", PropertyType::User, &[]),
            ("arr", "ARR", PropertyType::Currency, &[]),
            ("renewal_date", "Renewal date", PropertyType::Date, &[]),
            ("plan", "Plan", PropertyType::Enumeration, PLANS),
            (
                "employees",
                "Number of employees",
                PropertyType::Number,
                &[],
            ),
            ("nps", "NPS score", PropertyType::Number, &[]),
            (
                "csm_sentiment",
                "CSM sentiment",
                PropertyType::Enumeration,
                SENTIMENTS,
            ),
            ("city", "City", PropertyType::Text, &[]),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
    BuiltinObject {
        name: "deals",
        singular: "Deal",
        plural: "Deals",
        has_pipelines: true,
        properties: &[
            ("name", "Deal name", PropertyType::Text, &[]),
            ("amount", "Amount", PropertyType::Currency, &[]),
            ("close_date", "Close date", PropertyType::Date, &[]),
            ("owner", "Deal owner", PropertyType::User, &[]),
            ("csm", "Customer Success Manager", PropertyType::User, &[]),
            (
                "deal_type",
                "Deal type",
                PropertyType::Enumeration,
                &[
                    ("new_business", "New business"),
                    ("renewal", "Renewal"),
                    ("upsell", "Upsell"),
                ],
            ),
            (
                "contract_end_date",
                "Contract end date",
                PropertyType::Date,
                &[],
            ),
            ("lost_reason", "Closed lost reason", PropertyType::Text, &[]),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
    BuiltinObject {
        name: "tickets",
        singular: "Ticket",
        plural: "Tickets",
        has_pipelines: true,
        properties: &[
            ("name", "Ticket name", PropertyType::Text, &[]),
            (
                "priority",
                "Priority",
                PropertyType::Enumeration,
                PRIORITIES,
            ),
            ("owner", "Ticket owner", PropertyType::User, &[]),
            ("csm", "Customer Success Manager", PropertyType::User, &[]),
            ("resolution", "Resolution", PropertyType::Text, &[]),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
    BuiltinObject {
        name: "services",
        singular: "Service",
        plural: "Services",
        has_pipelines: true,
        properties: &[
            ("name", "Service name", PropertyType::Text, &[]),
            (
                "service_type",
                "Service type",
                PropertyType::Enumeration,
                &[
                    ("onboarding", "Onboarding"),
                    ("consulting", "Consulting"),
                    ("maintenance", "Maintenance"),
                ],
            ),
            ("owner", "Service owner", PropertyType::User, &[]),
            ("csm", "Customer Success Manager", PropertyType::User, &[]),
            ("value", "Service value", PropertyType::Currency, &[]),
            ("start_date", "Start date", PropertyType::Date, &[]),
            ("end_date", "End date", PropertyType::Date, &[]),
            ("renewal_date", "Renewal date", PropertyType::Date, &[]),
            (
                "last_activity_date",
                "Last activity date",
                PropertyType::DateTime,
                &[],
            ),
        ],
    },
];

/// Creates the built-in objects and their standard properties where missing. Several server
/// instances may start at once on one PostgreSQL, so the work is serialised by a transaction
/// lock (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's advisory lock).
pub async fn ensure_builtin_objects(db: &Db) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if let Some(pg) = tx.postgres() {
        sqlx::query("SELECT pg_advisory_xact_lock(7270001)")
            .execute(pg)
            .await?;
    }
    for builtin in BUILTIN_OBJECTS {
        let existing: Option<ObjectType> = on_tx!(&mut tx, conn => sqlx::query_as(
            &format!("SELECT {OBJECT_COLUMNS} FROM object_types WHERE name = $1"))
            .bind(builtin.name)
            .fetch_optional(&mut *conn)
            .await)?;
        let object = match existing {
            Some(object) => object,
            None => {
                let name = Identifier::parse("name", builtin.name)?;
                create_object_type(
                    &mut tx,
                    &name,
                    builtin.singular,
                    builtin.plural,
                    false,
                    builtin.has_pipelines,
                )
                .await?
            }
        };
        let defined = properties_in_tx(&mut tx, object.id).await?;
        for (name, label, property_type, options) in builtin.properties {
            if defined.iter().any(|p| p.name == *name) {
                continue;
            }
            let options = options
                .iter()
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect();
            let mut property = NewProperty::parse(name, label, *property_type, options)?;
            property.is_standard = true;
            create_property(&mut tx, &object, &property).await?;
        }
        // Databases created before an index was added to the workload set get it here.
        let all = properties_in_tx(&mut tx, object.id).await?;
        ensure_workload_indexes(&mut tx, &object, &all).await?;
    }
    crate::db::task_object::ensure_task_object(&mut tx).await?;
    tx.commit().await
}
