//! A pipeline as a board: per stage, the count and amount total of the records a list's
//! conditions keep (one grouped query), and cards newest first in keyset pages per stage.
//!
//! Cards are ordered by `record_id DESC` and a page continues after the last id it saw
//! (`record_id < cursor`), so each page is one range scan of `(stage_id, record_id) WHERE
//! archived_at IS NULL`, however deep the column; cards moving in or out of a stage meanwhile
//! never make a later page repeat or skip the cards that stayed.

use std::collections::BTreeSet;

use sqlx::Row;

use super::{
    field::{Column, SystemColumn, Table},
    sql_builder::SqlBuilder,
};
use crate::{
    db::{
        Db,
        schema::PropertyDef,
        schema_cache::ObjectSchema,
        sql_value::{SqlValue, bind_values, decode_cell},
    },
    error::AppError,
    models::{
        BoardCard, PropertyType, PropertyValue, UserRef,
        pipeline::{BoardCardPage, BoardColumn, Pipeline},
        time_zone::ViewerZone,
    },
    on_pool,
};

/// The properties a card shows, as far as the object has them.
#[derive(Clone, Copy, Debug)]
pub struct CardFields<'s> {
    pub name: Option<&'s PropertyDef>,
    /// Summed per stage and shown on cards.
    pub amount: Option<&'s PropertyDef>,
    pub date: Option<&'s PropertyDef>,
    pub owner: Option<&'s PropertyDef>,
    /// The viewer's zone: the day a date-time falls on.
    pub zone: ViewerZone,
}

impl<'s> CardFields<'s> {
    /// The name, the first currency property, and the given date and owner properties.
    pub fn of(
        schema: &'s ObjectSchema,
        date: Option<&'s PropertyDef>,
        owner: Option<&'s PropertyDef>,
        zone: ViewerZone,
    ) -> CardFields<'s> {
        CardFields {
            name: schema.name_property(),
            amount: schema
                .properties
                .iter()
                .find(|p| p.property_type == PropertyType::Currency),
            date: date
                .filter(|p| matches!(p.property_type, PropertyType::Date | PropertyType::DateTime)),
            owner: owner.filter(|p| p.property_type == PropertyType::User),
            zone,
        }
    }

    fn push_select(&self, sql: &mut SqlBuilder) {
        sql.push("SELECT ")
            .column(&Column::system(SystemColumn::RecordId))
            .push(", ")
            .column(&Column::system(SystemColumn::Version))
            .push(", ")
            .column(&Column::system(SystemColumn::StageId));
        for property in [self.name, self.amount, self.date, self.owner] {
            match property {
                Some(p) => sql.push(", ").column(&Column::of_property(p)),
                None => sql.push(", NULL"),
            };
        }
    }
}

/// The board of `pipeline` under `filter` (a compiled `WHERE`, scoped to the pipeline): every
/// stage with its totals and first `page_size` cards. Two queries: the grouped totals, and the
/// first page of every stage as one `UNION ALL` of per-stage range scans; one more names the
/// owners.
pub async fn board_columns(
    db: &Db,
    schema: &ObjectSchema,
    pipeline: &Pipeline,
    filter: &SqlBuilder,
    fields: CardFields<'_>,
    page_size: u32,
) -> Result<Vec<BoardColumn>, AppError> {
    let table = Table::of(schema);
    let mut totals = SqlBuilder::new();
    totals
        .push("SELECT ")
        .column(&Column::system(SystemColumn::StageId))
        .push(", COUNT(*), ");
    match fields.amount {
        Some(amount) => totals
            .push("CAST(SUM(")
            .column(&Column::of_property(amount))
            .push(") AS BIGINT)"),
        None => totals.push("CAST(NULL AS BIGINT)"),
    };
    totals.push(" FROM ").table(&table).push(" WHERE ");
    totals.append(filter.clone());
    totals
        .push(" GROUP BY ")
        .column(&Column::system(SystemColumn::StageId));

    let mut cards = SqlBuilder::new();
    for (i, stage) in pipeline.stages.iter().enumerate() {
        if i > 0 {
            cards.push(" UNION ALL ");
        }
        cards.push("SELECT * FROM (");
        cards.append(stage_page_sql(
            &table,
            fields,
            filter,
            stage.id,
            None,
            page_size + 1,
        ));
        cards.push(") s");
    }
    let totals_query = async {
        Ok::<_, AppError>(on_pool!(db, pool => bind_values(
            sqlx::query_as::<_, (Option<i64>, i64, Option<i64>)>(totals.sql()),
            totals.params(),
        )
        .fetch_all(pool)
        .await)?)
    };
    let (totals, rows) = tokio::try_join!(totals_query, fetch_cards(db, &cards, fields))?;
    let owners = owner_names(db, &rows).await?;
    Ok(pipeline
        .stages
        .iter()
        .map(|stage| {
            let (count, total_cents) = totals
                .iter()
                .find(|(id, _, _)| *id == Some(stage.id))
                .map_or((0, None), |(_, count, total)| (*count, *total));
            let stage_rows: Vec<&CardRow> =
                rows.iter().filter(|r| r.stage_id == stage.id).collect();
            BoardColumn {
                stage_id: stage.id,
                name: stage.name.clone(),
                count: u64::try_from(count).unwrap_or(0),
                total_cents: fields.amount.map(|_| total_cents.unwrap_or(0)),
                required_properties: stage.required_properties.clone(),
                first: page_of(stage_rows, page_size, &owners),
            }
        })
        .collect())
}

/// The cards of `stage_id` under `filter` older than `before` (a record id), newest first.
pub async fn column_page(
    db: &Db,
    schema: &ObjectSchema,
    stage_id: i64,
    before: Option<i64>,
    filter: &SqlBuilder,
    fields: CardFields<'_>,
    page_size: u32,
) -> Result<BoardCardPage, AppError> {
    let sql = stage_page_sql(
        &Table::of(schema),
        fields,
        filter,
        stage_id,
        before,
        page_size + 1,
    );
    let rows = fetch_cards(db, &sql, fields).await?;
    let owners = owner_names(db, &rows).await?;
    Ok(page_of(rows.iter().collect(), page_size, &owners))
}

fn stage_page_sql(
    table: &Table,
    fields: CardFields<'_>,
    filter: &SqlBuilder,
    stage_id: i64,
    before: Option<i64>,
    limit: u32,
) -> SqlBuilder {
    let record_id = Column::system(SystemColumn::RecordId);
    let mut sql = SqlBuilder::new();
    fields.push_select(&mut sql);
    sql.push(" FROM ").table(table).push(" WHERE ");
    sql.append(filter.clone());
    sql.push(" AND ")
        .column(&Column::system(SystemColumn::StageId))
        .push(" = ")
        .bind(SqlValue::from(stage_id));
    if let Some(before) = before {
        sql.push(" AND ")
            .column(&record_id)
            .push(" < ")
            .bind(SqlValue::from(before));
    }
    sql.push(" ORDER BY ")
        .column(&record_id)
        .push(" DESC LIMIT ")
        .bind(SqlValue::from(i64::from(limit)));
    sql
}

/// A card as read, before its owner is named.
struct CardRow {
    id: i64,
    version: i64,
    stage_id: i64,
    name: Option<String>,
    amount_cents: Option<i64>,
    date: Option<chrono::NaiveDate>,
    owner_id: Option<i64>,
}

async fn fetch_cards(
    db: &Db,
    sql: &SqlBuilder,
    fields: CardFields<'_>,
) -> Result<Vec<CardRow>, AppError> {
    let type_of = |p: Option<&PropertyDef>, fallback| p.map_or(fallback, |p| p.property_type);
    let date_type = type_of(fields.date, PropertyType::Date);
    Ok(on_pool!(db, pool => {
        let fetched = bind_values(sqlx::query(sql.sql()), sql.params()).fetch_all(pool).await?;
        let mut rows = Vec::with_capacity(fetched.len());
        for row in &fetched {
            let name = match decode_cell(row, 3, PropertyType::Text)? {
                Some(PropertyValue::Text(name)) => Some(name),
                _ => None,
            };
            let amount_cents = match decode_cell(row, 4, PropertyType::Currency)? {
                Some(PropertyValue::Currency(cents)) => Some(cents),
                _ => None,
            };
            let date = match decode_cell(row, 5, date_type)? {
                Some(PropertyValue::Date(date)) => Some(date),
                Some(PropertyValue::DateTime(at)) => Some(fields.zone.date_of(at)),
                _ => None,
            };
            let owner_id = match decode_cell(row, 6, PropertyType::User)? {
                Some(PropertyValue::User(id)) => Some(id),
                _ => None,
            };
            rows.push(CardRow {
                id: row.try_get(0)?,
                version: row.try_get(1)?,
                stage_id: row.try_get::<Option<i64>, _>(2)?.unwrap_or_default(),
                name,
                amount_cents,
                date,
                owner_id,
            });
        }
        Ok::<_, sqlx::Error>(rows)
    })?)
}

async fn owner_names(db: &Db, rows: &[CardRow]) -> Result<Vec<UserRef>, AppError> {
    let ids: BTreeSet<i64> = rows.iter().filter_map(|r| r.owner_id).collect();
    super::list::user_names(db, ids).await
}

/// Up to `page_size` of `rows` (fetched one beyond, to tell whether more remain).
fn page_of(rows: Vec<&CardRow>, page_size: u32, owners: &[UserRef]) -> BoardCardPage {
    let has_more = rows.len() > page_size as usize;
    BoardCardPage {
        cards: rows
            .into_iter()
            .take(page_size as usize)
            .map(|row| BoardCard {
                id: row.id,
                version: row.version,
                name: row.name.clone(),
                amount_cents: row.amount_cents,
                date: row.date,
                owner: row
                    .owner_id
                    .and_then(|id| owners.iter().find(|u| u.id == id).cloned()),
            })
            .collect(),
        has_more,
    }
}
