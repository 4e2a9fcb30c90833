//! Compiles a score's criteria into SQL: one boolean expression per criterion over a row `o` of
//! the customer object's table, so one `SELECT` decides every criterion for a whole set of
//! records. Property conditions are the list engine's own ([`condition_sql`]); event conditions
//! are correlated subqueries on indexed tables:
//! - activities: `activity_associations (record_id, activity_id)`, then the activity by key;
//! - tickets: `associations` in both directions (its primary key and `associations_to`), the
//!   ticket's row by key, its stage by key.
//!
//! Every value is bound; identifiers come only from the schema (columns and [`Table`]).

use chrono::{DateTime, Duration, Utc};

use crate::{
    db::{
        query::{
            QueryContext,
            compile::condition_sql,
            field::{Table, resolve},
            sql_builder::SqlBuilder,
        },
        schema_cache::{ObjectSchema, Schema},
        sql_value::SqlValue,
    },
    error::AppError,
    models::{
        ActivityKind, PropertyType,
        filter::{Condition, Operator},
        health_score::{Bound, CriterionRule, HealthScoreDefinition},
        time_zone::ViewerZone,
    },
};

/// The kinds of activity that count as "activity" for *Last activity within*.
const ENGAGEMENT_KINDS: [ActivityKind; 4] = [
    ActivityKind::Note,
    ActivityKind::Email,
    ActivityKind::Call,
    ActivityKind::Meeting,
];

/// What criteria are evaluated against: the schemas and the moment windows end at.
pub struct CriteriaContext<'s> {
    pub schema: &'s Schema,
    pub customer: &'s ObjectSchema,
    pub now: DateTime<Utc>,
}

impl CriteriaContext<'_> {
    fn query_context(&self) -> QueryContext {
        QueryContext {
            // "is me" is refused in scores; no user is "me" here.
            viewer_id: 0,
            today: self.now.date_naive(),
            zone: ViewerZone::UTC,
        }
    }
}

/// `SELECT o.record_id, <criterion 1 held>, … FROM <table> o WHERE <live, in a segment>`, the
/// criteria in group order, each 1 when it holds and 0 otherwise. `records` limits it to those
/// ids; `segments` are the filter trees of the segments (any of them).
pub fn criteria_select(
    cx: &CriteriaContext,
    definition: &HealthScoreDefinition,
    segments: &[crate::models::filter::FilterTree],
    records: Option<&[i64]>,
) -> Result<SqlBuilder, AppError> {
    let mut sql = SqlBuilder::new();
    sql.push("SELECT o.record_id");
    for group in &definition.groups {
        for criterion in &group.criteria {
            sql.push(", CASE WHEN ")
                .append(rule_sql(cx, &criterion.rule)?)
                .push(" THEN 1 ELSE 0 END");
        }
    }
    sql.push(" FROM ")
        .table(&Table::of(cx.customer))
        .push(" o WHERE o.archived_at IS NULL");
    if !segments.is_empty() {
        sql.push(" AND (");
        for (i, segment) in segments.iter().enumerate() {
            if i > 0 {
                sql.push(" OR ");
            }
            sql.push("(");
            sql.append(crate::db::query::compile::compile_where(
                cx.customer,
                &[],
                segment,
                &cx.query_context(),
            )?);
            sql.push(")");
        }
        sql.push(")");
    }
    if let Some(records) = records {
        sql.push(" AND o.record_id IN (")
            .bind_list(records.iter().map(|id| SqlValue::from(*id)))
            .push(")");
    }
    Ok(sql)
}

/// Checks that every criterion compiles against the customer object (properties exist, values
/// parse): a draft naming a missing property is refused at the criterion.
pub fn check_rules(
    cx: &CriteriaContext,
    definition: &HealthScoreDefinition,
) -> Result<(), AppError> {
    for (g, group) in definition.groups.iter().enumerate() {
        for (c, criterion) in group.criteria.iter().enumerate() {
            rule_sql(cx, &criterion.rule).map_err(|error| match error {
                AppError::Invalid { message, .. } => {
                    AppError::invalid(format!("group-{g}-criterion-{c}-conditions"), message)
                }
                other => other,
            })?;
        }
    }
    Ok(())
}

fn rule_sql(cx: &CriteriaContext, rule: &CriterionRule) -> Result<SqlBuilder, AppError> {
    let mut sql = SqlBuilder::new();
    match rule {
        CriterionRule::Properties { conditions } => {
            sql.push("(");
            for (i, condition) in conditions.iter().enumerate() {
                // A score built on another score would break when that one is turned off.
                if resolve(cx.customer, &condition.property)?
                    .property
                    .is_some_and(|p| p.computed)
                {
                    return Err(AppError::invalid(
                        "conditions",
                        "A score cannot be built on another health score",
                    ));
                }
                if i > 0 {
                    sql.push(" AND ");
                }
                sql.append(condition_sql(cx.customer, condition, &cx.query_context())?);
            }
            sql.push(")");
        }
        CriterionRule::Activities {
            activity,
            bound,
            count,
            days,
            min_minutes,
        } => {
            sql.push(
                "(SELECT COUNT(*) FROM activity_associations aa \
                 JOIN activities a ON a.id = aa.activity_id \
                 WHERE aa.record_id = o.record_id AND a.kind = ",
            )
            .bind(SqlValue::from(activity.as_str()));
            window(&mut sql, cx.now, *days);
            if let Some(minutes) = min_minutes {
                sql.push(" AND a.duration_minutes >= ")
                    .bind(SqlValue::from(i64::from(*minutes)));
            }
            sql.push(match bound {
                Bound::AtLeast => ") >= ",
                Bound::AtMost => ") <= ",
            })
            .bind(SqlValue::from(i64::from(*count)));
        }
        CriterionRule::LastActivityWithin { days } => {
            sql.push(
                "EXISTS (SELECT 1 FROM activity_associations aa \
                 JOIN activities a ON a.id = aa.activity_id \
                 WHERE aa.record_id = o.record_id AND a.kind IN (",
            )
            .bind_list(ENGAGEMENT_KINDS.iter().map(|k| SqlValue::from(k.as_str())))
            .push(")");
            window(&mut sql, cx.now, *days);
            sql.push(")");
        }
        CriterionRule::NoOpenHighPriorityTicket => {
            let tickets = cx
                .schema
                .object_named("tickets")
                .map_err(|_| AppError::invalid("rule", "There is no tickets object to look at"))?;
            let priority = resolve(tickets, "priority")
                .ok()
                .filter(|f| f.property_type == PropertyType::Enumeration)
                .ok_or_else(|| AppError::invalid("rule", "Tickets have no priority property"))?;
            let table = Table::of(tickets);
            sql.push("NOT EXISTS (SELECT 1 FROM associations s JOIN ")
                .table(&table)
                .push(
                    " t ON t.record_id = CASE WHEN s.from_record_id = o.record_id \
                     THEN s.to_record_id ELSE s.from_record_id END \
                     JOIN pipeline_stages st ON st.id = t.stage_id \
                     WHERE (s.from_record_id = o.record_id OR s.to_record_id = o.record_id) \
                     AND t.archived_at IS NULL AND st.is_closed = ",
                )
                .bind(SqlValue::from(false))
                .push(" AND LOWER(t.")
                .column(&priority.column)
                .push(") = ")
                .bind(SqlValue::from("high"))
                .push(")");
        }
        CriterionRule::DaysToRenewal {
            property,
            bound,
            days,
        } => {
            let field = resolve(cx.customer, property)?;
            if !matches!(
                field.property_type,
                PropertyType::Date | PropertyType::DateTime
            ) {
                return Err(AppError::invalid(
                    "property",
                    format!("{} is not a date", field.label),
                ));
            }
            // At most N days away: in the next N days. At least N days away: after today + N.
            let condition = match bound {
                Bound::AtMost => Condition {
                    property: property.clone(),
                    operator: Operator::InNextDays,
                    values: vec![days.to_string()],
                },
                Bound::AtLeast => Condition {
                    property: property.clone(),
                    operator: Operator::After,
                    values: vec![
                        (cx.now.date_naive() + Duration::days(i64::from(*days))
                            - Duration::days(1))
                        .format("%Y-%m-%d")
                        .to_string(),
                    ],
                },
            };
            sql.append(condition_sql(cx.customer, &condition, &cx.query_context())?);
        }
    }
    Ok(sql)
}

/// `AND a.occurred_at > now − days AND a.occurred_at <= now`: the window ends now, so future
/// meetings do not count, and a moment exactly `days` ago is outside it.
fn window(sql: &mut SqlBuilder, now: DateTime<Utc>, days: u32) {
    sql.push(" AND a.occurred_at > ")
        .bind(SqlValue::from(now - Duration::days(i64::from(days))))
        .push(" AND a.occurred_at <= ")
        .bind(SqlValue::from(now));
}
