//! The demo's views: CSM assignments within the last 30 days (written through the property
//! history path, so "Assigned in the last 30 days" is non-empty for every demo CSM) and a
//! couple of views shared with Everyone, one of them featured.

use chrono::{DateTime, Duration, Utc};

use super::{
    Db,
    records::{ChangeContext, write_history},
    views::{NewView, create_view},
};
use crate::{
    error::AppError,
    models::{
        filter::{Condition, FilterGroup, FilterTree, Operator},
        view::{Sharing, Sort, ViewState},
    },
    on_pool,
};

/// Companies per CSM whose assignment is dated: the first ones within 30 days, the rest older.
const ASSIGNMENTS_PER_CSM: usize = 8;
const RECENT_ASSIGNMENTS: usize = 6;

pub(super) async fn seed_views_and_assignments(
    db: &Db,
    csms: &[i64],
    manager_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let schema = db.schema().await?;
    let companies = schema.object_named("companies")?;
    let Some(csm) = companies.property("csm") else {
        return Ok(());
    };
    let sql = format!(
        "SELECT record_id FROM {} WHERE {} = $1 AND archived_at IS NULL ORDER BY record_id LIMIT $2",
        companies.object.table(),
        csm.column()
    );
    let mut tx = db.begin().await?;
    for (i, user_id) in csms.iter().enumerate() {
        let previous = csms[(i + 1) % csms.len()];
        let owned: Vec<i64> = on_pool!(db, pool => sqlx::query_scalar(&sql)
            .bind(user_id)
            .bind(ASSIGNMENTS_PER_CSM as i64)
            .fetch_all(pool)
            .await)?;
        for (j, record_id) in owned.into_iter().enumerate() {
            let days_ago = if j < RECENT_ASSIGNMENTS {
                (j * 4 + i) as i64 % 28 + 1
            } else {
                45 + j as i64
            };
            let change = (
                csm.name.clone(),
                Some(previous.to_string()),
                Some(user_id.to_string()),
            );
            let context = ChangeContext {
                actor: Some(manager_id),
                source: "reassignment",
            };
            write_history(
                &mut tx,
                record_id,
                &[change],
                context,
                now - Duration::days(days_ago),
            )
            .await?;
        }
    }
    tx.commit().await?;

    let condition = |property: &str, operator, values: &[&str]| Condition {
        property: property.into(),
        operator,
        values: values.iter().map(|v| v.to_string()).collect(),
    };
    let columns = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
    let views = [
        (
            "Enterprise renewals",
            true,
            "Enterprise customers renewing in the next 90 days",
            ViewState {
                columns: columns(&["name", "csm", "arr", "renewal_date", "plan"]),
                filters: FilterTree {
                    groups: vec![FilterGroup {
                        conditions: vec![
                            condition("plan", Operator::IsAnyOf, &["enterprise"]),
                            condition("renewal_date", Operator::InNextDays, &["90"]),
                        ],
                    }],
                },
                sort: Some(Sort {
                    property: "renewal_date".into(),
                    descending: false,
                }),
                created: None,
                last_activity: None,
                owner: None,
            },
        ),
        (
            "Largest accounts",
            false,
            "",
            ViewState {
                columns: columns(&["name", "industry", "csm", "arr", "employees"]),
                filters: FilterTree {
                    groups: vec![FilterGroup {
                        conditions: vec![condition("arr", Operator::AtLeast, &["100000"])],
                    }],
                },
                sort: Some(Sort {
                    property: "arr".into(),
                    descending: true,
                }),
                created: None,
                last_activity: None,
                owner: None,
            },
        ),
    ];
    for (name, featured, description, state) in views {
        let view = NewView::parse(
            companies.object.id,
            manager_id,
            name,
            Sharing::Everyone,
            featured,
            description,
            state,
            true,
        )?;
        create_view(db, &view).await?;
    }
    Ok(())
}
