//! Health alerts (SPEC §5): when the scorer moves a customer to another health category, each
//! CSM of the customer (the user in the workspaces' CSM property) gets an alert, kept 14 days.
//! Reads skip expired alerts at once; [`purge_expired`] deletes them later.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

use super::{
    Db, Tx,
    schema::PropertyDef,
    schema_cache::ObjectSchema,
    sql_value::{SqlValue, bind_values, decode_cell, placeholders},
};
use crate::{
    error::AppError,
    models::{
        PropertyType, PropertyValue,
        alert::{ALERT_LIFETIME_DAYS, ALERTS_PER_PAGE, Alert, AlertPage},
        health_score::HealthCategory,
        live_event::LiveEvent,
    },
    on_pool, on_tx,
};

/// A record's move from one category to another, as the scorer found it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CategoryChange {
    pub record_id: i64,
    pub from_category: String,
    pub to_category: &'static str,
    pub from_score: i64,
    pub to_score: i64,
}

/// Raises an alert per change for each CSM of the record, in the scorer's transaction; each
/// recipient's tabs hear of it at commit.
pub(crate) async fn raise_category_alerts(
    tx: &mut Tx,
    customer: &ObjectSchema,
    profile_id: i64,
    changes: &[CategoryChange],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if changes.is_empty() {
        return Ok(());
    }
    let csm_properties = csm_properties(tx, customer).await?;
    if csm_properties.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = changes.iter().map(|c| c.record_id).collect();
    let csms = record_users(tx, customer, &csm_properties, &ids).await?;
    let mut params = Vec::new();
    let mut recipients = BTreeSet::new();
    let mut rows = 0;
    for change in changes {
        for user_id in csms.get(&change.record_id).into_iter().flatten() {
            recipients.insert(*user_id);
            rows += 1;
            params.extend([
                SqlValue::from(*user_id),
                SqlValue::from(change.record_id),
                SqlValue::from(profile_id),
                SqlValue::from(change.from_category.clone()),
                SqlValue::from(change.to_category),
                SqlValue::from(change.from_score),
                SqlValue::from(change.to_score),
                SqlValue::from(now),
                SqlValue::from(now + Duration::days(ALERT_LIFETIME_DAYS)),
            ]);
        }
    }
    if rows == 0 {
        return Ok(());
    }
    let values = (0..rows)
        .map(|r| format!("({})", placeholders(r * 9 + 1, 9)))
        .collect::<Vec<_>>()
        .join(", ");
    let insert = format!(
        "INSERT INTO health_alerts (user_id, record_id, profile_id, from_category, to_category, \
         from_score, to_score, created_at, expires_at) VALUES {values}"
    );
    on_tx!(tx, conn => execute bind_values(sqlx::query(&insert), &params))?;
    for user_id in recipients {
        tx.publish(LiveEvent::AlertsChanged { user_id });
    }
    Ok(())
}

/// The customer object's CSM properties across workspaces: the one each workspace saved, and
/// the default (see `workspaces`) for workspaces that saved none.
async fn csm_properties<'s>(
    tx: &mut Tx,
    customer: &'s ObjectSchema,
) -> Result<Vec<&'s PropertyDef>, AppError> {
    let (saved, unsaved): (Vec<i64>, i64) = on_tx!(tx, conn => {
        let saved: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT csm_property_id FROM workspace_object_settings \
             WHERE object_type_id = $1 AND csm_property_id IS NOT NULL")
            .bind(customer.object.id)
            .fetch_all(&mut *conn)
            .await?;
        let unsaved: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM workspaces w WHERE NOT EXISTS (SELECT 1 FROM \
             workspace_object_settings s WHERE s.workspace_id = w.id AND s.object_type_id = $1)")
            .bind(customer.object.id)
            .fetch_one(&mut *conn)
            .await?;
        Ok::<_, sqlx::Error>((saved, unsaved))
    })?;
    let mut chosen: Vec<&PropertyDef> = customer
        .properties
        .iter()
        .filter(|p| p.property_type == PropertyType::User && saved.contains(&p.id))
        .collect();
    if unsaved > 0
        && let Some(default) = super::workspaces::default_csm_property(&customer.properties)
        && !chosen.iter().any(|p| p.id == default.id)
    {
        chosen.push(default);
    }
    Ok(chosen)
}

/// `record_id → active users` named by `properties` of each record.
async fn record_users(
    tx: &mut Tx,
    customer: &ObjectSchema,
    properties: &[&PropertyDef],
    ids: &[i64],
) -> Result<HashMap<i64, BTreeSet<i64>>, AppError> {
    let columns: Vec<String> = properties.iter().map(|p| p.column()).collect();
    let mut found: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT record_id, {} FROM {} WHERE record_id IN ({})",
            columns.join(", "),
            customer.object.table(),
            placeholders(1, chunk.len())
        );
        let params: Vec<SqlValue> = chunk.iter().map(|id| SqlValue::from(*id)).collect();
        let rows: Vec<(i64, Vec<i64>)> = on_tx!(tx, conn => {
            let rows = bind_values(sqlx::query(&sql), &params).fetch_all(&mut *conn).await?;
            let mut decoded = Vec::with_capacity(rows.len());
            for row in rows {
                let mut users = Vec::new();
                for i in 0..columns.len() {
                    if let Some(PropertyValue::User(id)) =
                        decode_cell(&row, i + 1, PropertyType::User)?
                    {
                        users.push(id);
                    }
                }
                decoded.push((row.try_get(0)?, users));
            }
            Ok::<_, sqlx::Error>(decoded)
        })?;
        for (record_id, users) in rows {
            found.entry(record_id).or_default().extend(users);
        }
    }
    let everyone: BTreeSet<i64> = found.values().flatten().copied().collect();
    if everyone.is_empty() {
        return Ok(found);
    }
    let params: Vec<SqlValue> = std::iter::once(SqlValue::from(true))
        .chain(everyone.iter().map(|id| SqlValue::from(*id)))
        .collect();
    let sql = format!(
        "SELECT id FROM users WHERE active = $1 AND id IN ({})",
        placeholders(2, everyone.len())
    );
    let active: BTreeSet<i64> = on_tx!(tx, conn =>
        bind_values(sqlx::query_scalar::<_, i64>(&sql), &params).fetch_all(&mut *conn).await)?
    .into_iter()
    .collect();
    for users in found.values_mut() {
        users.retain(|id| active.contains(id));
    }
    Ok(found)
}

/// How many of the user's alerts are unread and not expired at `now`.
pub async fn unread_count(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<u64, AppError> {
    let count: i64 = on_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM health_alerts WHERE user_id = $1 AND read_at IS NULL \
         AND expires_at > $2")
        .bind(user_id)
        .bind(now)
        .fetch_one(pool)
        .await)?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// How many of the user's alerts are alive (not expired) at `now`, read or not.
pub async fn active_count(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<u64, AppError> {
    let count: i64 = on_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM health_alerts WHERE user_id = $1 AND expires_at > $2")
        .bind(user_id)
        .bind(now)
        .fetch_one(pool)
        .await)?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// A page of the user's alerts alive at `now`, newest first, older than alert `before` if
/// given: three queries (the page, the records' names, the unread count).
pub async fn list_alerts(
    db: &Db,
    user_id: i64,
    before: Option<i64>,
    now: DateTime<Utc>,
) -> Result<AlertPage, AppError> {
    let (alerts, has_more) = newest_alerts(db, user_id, before, now, ALERTS_PER_PAGE).await?;
    Ok(AlertPage {
        alerts,
        has_more,
        unread: unread_count(db, user_id, now).await?,
    })
}

/// The user's `limit` newest alerts alive at `now`, older than alert `before` if given, and
/// whether more follow: two queries (the alerts, the records' names).
pub async fn newest_alerts(
    db: &Db,
    user_id: i64,
    before: Option<i64>,
    now: DateTime<Utc>,
    limit: usize,
) -> Result<(Vec<Alert>, bool), AppError> {
    type AlertRow = (
        i64,
        i64,
        String,
        i64,
        String,
        String,
        i64,
        i64,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
    );
    let rows: Vec<AlertRow> = on_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, a.record_id, p.name, p.object_type_id, a.from_category, a.to_category, \
         a.from_score, a.to_score, a.created_at, a.read_at FROM health_alerts a \
         JOIN health_score_profiles p ON p.id = a.profile_id \
         WHERE a.user_id = $1 AND a.expires_at > $2 AND a.id < $3 ORDER BY a.id DESC LIMIT $4")
        .bind(user_id)
        .bind(now)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::try_from(limit + 1).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await)?;
    let has_more = rows.len() > limit;
    let rows = &rows[..rows.len().min(limit)];
    let names = record_names(db, rows.iter().map(|r| (r.3, r.1))).await?;
    let alerts = rows
        .iter()
        .map(|row| {
            let category =
                |text: &str| HealthCategory::parse(text).unwrap_or(HealthCategory::Neutral);
            Alert {
                id: row.0,
                record_id: row.1,
                record_name: names
                    .get(&row.1)
                    .cloned()
                    .unwrap_or_else(|| format!("Record #{}", row.1)),
                profile_name: row.2.clone(),
                from_category: category(&row.4),
                to_category: category(&row.5),
                from_score: row.6,
                to_score: row.7,
                created_at: row.8,
                read: row.9.is_some(),
            }
        })
        .collect();
    Ok((alerts, has_more))
}

/// Names of `(object_type_id, record_id)` records: one query per object (alerts name one).
async fn record_names(
    db: &Db,
    records: impl Iterator<Item = (i64, i64)>,
) -> Result<HashMap<i64, String>, AppError> {
    let mut by_object: HashMap<i64, Vec<i64>> = HashMap::new();
    for (object_type_id, record_id) in records {
        by_object.entry(object_type_id).or_default().push(record_id);
    }
    let schema = db.schema().await?;
    let mut names = HashMap::new();
    for (object_type_id, ids) in by_object {
        let object = schema.object(object_type_id)?;
        let Some(name) = object.name_property() else {
            continue;
        };
        let sql = format!(
            "SELECT record_id, {} FROM {} WHERE record_id IN ({})",
            name.column(),
            object.object.table(),
            placeholders(1, ids.len())
        );
        let params: Vec<SqlValue> = ids.iter().map(|id| SqlValue::from(*id)).collect();
        let rows: Vec<(i64, Option<String>)> = on_pool!(db, pool =>
            bind_values(sqlx::query_as(&sql), &params).fetch_all(pool).await)?;
        names.extend(rows.into_iter().filter_map(|(id, n)| Some((id, n?))));
    }
    Ok(names)
}

/// Marks one of the user's alerts read; another user's alert is "not found".
pub async fn mark_read(
    db: &Db,
    user_id: i64,
    alert_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let found = on_tx!(&mut tx, conn => execute sqlx::query(
        "UPDATE health_alerts SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3 \
         AND expires_at > $1")
        .bind(now)
        .bind(alert_id)
        .bind(user_id))?;
    super::require_found(found, "The alert")?;
    tx.publish(LiveEvent::AlertsChanged { user_id });
    tx.commit().await
}

/// Marks every alert of the user read.
pub async fn mark_all_read(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, conn => execute sqlx::query(
        "UPDATE health_alerts SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now)
        .bind(user_id))?;
    tx.publish(LiveEvent::AlertsChanged { user_id });
    tx.commit().await
}

/// Deletes alerts expired at `now`; answers how many.
pub async fn purge_expired(db: &Db, now: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(on_pool!(db, pool => execute sqlx::query(
        "DELETE FROM health_alerts WHERE expires_at <= $1").bind(now))?)
}
