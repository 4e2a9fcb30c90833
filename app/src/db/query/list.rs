//! One page of a record list: filtered, sorted, paged and counted in SQL.

use std::collections::BTreeSet;

use sqlx::Row;

use super::{
    compile::{QueryContext, Scope, compile_where},
    field::{Column, Field, SystemColumn, Table, resolve},
    sql_builder::SqlBuilder,
};
use crate::{
    db::{
        Db,
        schema_cache::ObjectSchema,
        sql_value::{SqlValue, bind_values, decode_cell, placeholders},
    },
    error::AppError,
    models::{
        ColumnHeader, PropertyValue, RecordPage, RecordRow, UserRef, filter::FilterTree, view::Sort,
    },
    on_pool,
};

/// Most rows one page may hold.
pub const MAX_PAGE_SIZE: u32 = 200;
/// Counts stop here when the page is nearer the start: beyond it the list says "10,000+".
pub const COUNT_CAP: u64 = 10_000;
/// The cap under advanced filters: their conditions (an OR of groups, `contains`) may leave
/// no single index to count with, so counting visits rows, and it stops sooner ("1,000+").
pub const FILTERED_COUNT_CAP: u64 = 1_000;

/// What to list.
#[derive(Clone, Debug)]
pub struct ListSpec<'a> {
    pub columns: &'a [String],
    /// `None`: by the object's name, ascending.
    pub sort: Option<&'a Sort>,
    pub scopes: &'a [Scope],
    pub filters: &'a FilterTree,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

/// A list query ready to run: the page's SQL, the capped count's SQL and the fields read.
pub struct PlannedList<'s> {
    pub columns: Vec<Field<'s>>,
    pub rows: SqlBuilder,
    pub count: SqlBuilder,
    cap: u64,
    page: u32,
    page_size: u32,
}

/// Builds the SQL of `spec` against `schema`, refusing unknown fields and bad filter values.
pub fn plan<'s>(
    schema: &'s ObjectSchema,
    spec: &ListSpec<'_>,
    cx: &QueryContext,
) -> Result<PlannedList<'s>, AppError> {
    let columns = spec
        .columns
        .iter()
        .map(|name| resolve(schema, name))
        .collect::<Result<Vec<_>, _>>()?;
    let sort_field = match spec.sort {
        Some(sort) => resolve(schema, &sort.property)?,
        None => {
            let name = schema
                .name_property()
                .or(schema.properties.first())
                .ok_or_else(|| AppError::invalid("sort", "This object has no properties"))?;
            resolve(schema, &name.name)?
        }
    };
    let descending = spec.sort.is_some_and(|s| s.descending);
    let page = spec.page.max(1);
    let page_size = spec.page_size.clamp(1, MAX_PAGE_SIZE);
    let offset = u64::from(page - 1) * u64::from(page_size);
    let filter = compile_where(schema, spec.scopes, spec.filters, cx)?;
    let table = Table::of(schema);
    let rows = page_sql(
        &table,
        &columns,
        &sort_field.column,
        descending,
        &filter,
        page_size,
        offset,
    );
    let cap = if spec.filters.is_empty() {
        COUNT_CAP
    } else {
        FILTERED_COUNT_CAP
    }
    .max(offset + u64::from(page_size));
    let mut count = SqlBuilder::new();
    count
        .push("SELECT COUNT(*) FROM (SELECT 1 FROM ")
        .table(&table)
        .push(" WHERE ");
    count
        .append(filter)
        .push(" LIMIT ")
        .bind(SqlValue::from(cap as i64 + 1))
        .push(") capped");
    Ok(PlannedList {
        columns,
        rows,
        count,
        cap,
        page,
        page_size,
    })
}

/// The page of `schema`'s live records that `spec` asks for. Three queries: the page, the
/// (capped) count and the names of the users on the page.
pub async fn list_page(
    db: &Db,
    schema: &ObjectSchema,
    spec: &ListSpec<'_>,
    cx: &QueryContext,
) -> Result<RecordPage, AppError> {
    let planned = plan(schema, spec, cx)?;
    let columns = &planned.columns;
    // The page and its count run side by side, each on a connection of its own.
    let rows = async {
        on_pool!(db, pool => {
            let fetched = bind_values(sqlx::query(planned.rows.sql()), planned.rows.params())
                .fetch_all(pool)
                .await?;
            let mut rows = Vec::with_capacity(fetched.len());
            for row in &fetched {
                let mut cells = Vec::with_capacity(columns.len());
                for (i, field) in columns.iter().enumerate() {
                    cells.push(decode_cell(row, i + 3, field.property_type)?);
                }
                rows.push(RecordRow {
                    id: row.try_get(0)?,
                    version: row.try_get(1)?,
                    stage_id: row.try_get(2)?,
                    cells,
                });
            }
            Ok::<_, sqlx::Error>(rows)
        })
    };
    let count = async {
        on_pool!(db, pool => bind_values(sqlx::query_scalar::<_, i64>(planned.count.sql()), planned.count.params())
            .fetch_one(pool)
            .await)
    };
    let (rows, counted) = tokio::try_join!(rows, count)?;
    let counted = u64::try_from(counted).unwrap_or(0);
    let users = users_named_in(db, &rows).await?;
    Ok(RecordPage {
        columns: columns.iter().map(|f| header(schema, f)).collect(),
        rows,
        users,
        total: counted.min(planned.cap),
        total_exact: counted <= planned.cap,
        page: planned.page,
        page_size: planned.page_size,
        stages: vec![],
    })
}

/// How many live records each set of scopes selects, up to [`COUNT_CAP`], in one statement
/// of capped counts (a sidebar's counts beside its views).
pub async fn count_each(
    db: &Db,
    schema: &ObjectSchema,
    scope_sets: &[&[Scope]],
    cx: &QueryContext,
) -> Result<Vec<u64>, AppError> {
    if scope_sets.is_empty() {
        return Ok(vec![]);
    }
    let table = Table::of(schema);
    let mut sql = SqlBuilder::new();
    sql.push("SELECT ");
    for (i, scopes) in scope_sets.iter().enumerate() {
        if i > 0 {
            sql.push(", ");
        }
        let filter = compile_where(schema, scopes, &FilterTree::default(), cx)?;
        sql.push("(SELECT COUNT(*) FROM (SELECT 1 FROM ")
            .table(&table)
            .push(" WHERE ");
        sql.append(filter)
            .push(" LIMIT ")
            .bind(SqlValue::from(COUNT_CAP as i64))
            .push(") capped)");
    }
    let counts: Vec<i64> = on_pool!(db, pool => {
        let row = bind_values(sqlx::query(sql.sql()), sql.params())
            .fetch_one(pool)
            .await?;
        (0..scope_sets.len())
            .map(|i| row.try_get::<i64, _>(i))
            .collect::<Result<Vec<_>, sqlx::Error>>()
    })?;
    Ok(counts
        .into_iter()
        .map(|n| u64::try_from(n).unwrap_or(0))
        .collect())
}

/// `SELECT … WHERE record_id IN (<ids of the page>) ORDER BY …`: the inner query walks only
/// the sort index (`(sort key, record_id) WHERE archived_at IS NULL`) past the skipped rows, so
/// a deep page costs index entries, not table rows; the outer one reads the page's 50 rows.
fn page_sql(
    table: &Table,
    columns: &[Field<'_>],
    sort: &Column,
    descending: bool,
    filter: &SqlBuilder,
    page_size: u32,
    offset: u64,
) -> SqlBuilder {
    let order = |sql: &mut SqlBuilder| {
        sql.push(" ORDER BY ").sort_key(sort);
        if descending {
            sql.push(" DESC NULLS LAST, record_id DESC");
        } else {
            sql.push(" ASC NULLS FIRST, record_id ASC");
        }
    };
    let mut sql = SqlBuilder::new();
    sql.push("SELECT ")
        .column(&Column::system(SystemColumn::RecordId))
        .push(", ")
        .column(&Column::system(SystemColumn::Version))
        .push(", ")
        .column(&Column::system(SystemColumn::StageId));
    for field in columns {
        sql.push(", ").column(&field.column);
    }
    sql.push(" FROM ")
        .table(table)
        .push(" WHERE record_id IN (SELECT record_id FROM ")
        .table(table)
        .push(" WHERE ");
    let mut inner = SqlBuilder::new();
    inner.append(filter.clone());
    order(&mut inner);
    inner
        .push(" LIMIT ")
        .bind(SqlValue::from(i64::from(page_size)))
        .push(" OFFSET ")
        .bind(SqlValue::from(offset as i64));
    sql.append(inner).push(")");
    order(&mut sql);
    sql
}

fn header(schema: &ObjectSchema, field: &Field<'_>) -> ColumnHeader {
    ColumnHeader {
        property_name: field.name.to_string(),
        label: field.label.to_string(),
        property_type: field.property_type,
        options: field
            .property
            .map(|p| schema.options_of(p.id).to_vec())
            .unwrap_or_default(),
    }
}

/// The names of the users that `user` cells of `rows` refer to.
pub(crate) async fn users_named_in(db: &Db, rows: &[RecordRow]) -> Result<Vec<UserRef>, AppError> {
    let ids: BTreeSet<i64> = rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter_map(|c| match c {
            Some(PropertyValue::User(id)) => Some(*id),
            _ => None,
        })
        .collect();
    user_names(db, ids).await
}

/// The names of users `ids`, ordered by id.
pub(crate) async fn user_names(db: &Db, ids: BTreeSet<i64>) -> Result<Vec<UserRef>, AppError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let params: Vec<SqlValue> = ids.into_iter().map(SqlValue::from).collect();
    let sql = format!(
        "SELECT id, name FROM users WHERE id IN ({}) ORDER BY id",
        placeholders(1, params.len())
    );
    let named: Vec<(i64, String)> =
        on_pool!(db, pool => bind_values(sqlx::query_as(&sql), &params).fetch_all(pool).await)?;
    Ok(named
        .into_iter()
        .map(|(id, name)| UserRef { id, name })
        .collect())
}
