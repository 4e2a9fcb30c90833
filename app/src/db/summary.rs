//! The Summary page of one user (the viewer, or the user a super admin views it as): each
//! section read by the engine and modules the tabs use — task views as list-engine scopes, the
//! customers' "Owned by me" scope, the day's schedule, alerts, health aggregates and reports —
//! with the independent reads run side by side.

use std::{collections::HashMap, sync::Arc};

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{
    Db, alerts,
    health::{profiles::live_profiles, summary::health_summary},
    list_tabs::{TabLookup, tab_object},
    query::{
        QueryContext, Scope,
        compile::compile_where,
        field::{Table, resolve},
        list::count_each,
        sql_builder::SqlBuilder,
    },
    record_detail::active_users,
    report_figures::{report_figures, report_objects, unavailable_report},
    reports::reports_of,
    schedule::todays_schedule,
    schema_cache::{ObjectSchema, Schema},
    sql_value::{SqlValue, bind_values},
    task_object::{DUE_DATE, TASKS_OBJECT, TITLE},
    task_views::task_view_scopes,
    views::visible_views,
};
use crate::{
    error::AppError,
    models::{
        UserRef, Viewer,
        filter::FilterTree,
        report::Report,
        summary::{
            AlertList, CustomerViews, FeaturedView, HealthSummary, ProfileChoice,
            SUMMARY_LIST_ITEMS, SUMMARY_SCHEDULE_ITEMS, SummaryPage, SummarySubject, TaskLine,
            TaskList,
        },
        time_zone::ViewerZone,
        view::{BuiltinView, ListTab, ListUrl},
    },
    on_pool,
};

/// The Summary of `subject` as `viewer` asks for it, with the health section of `profile`
/// (else the first live profile).
pub async fn summary_page(
    db: &Db,
    viewer: &Viewer,
    subject: &Viewer,
    profile: Option<i64>,
) -> Result<SummaryPage, AppError> {
    let now = Utc::now();
    let schema = db.schema().await?;
    let (alerts, task_lists, customers, schedule, (health_profiles, health), users) = tokio::try_join!(
        alert_list(db, subject.id, now),
        task_lists(db, &schema, subject),
        customer_views(db, subject),
        todays_schedule(db, subject, SUMMARY_SCHEDULE_ITEMS),
        health_section(db, profile),
        active_users(db),
    )?;
    let reports = reports_with_figures(db, &schema, subject, &users).await?;
    let viewing_other = viewer.id != subject.id;
    Ok(SummaryPage {
        subject: SummarySubject {
            user: UserRef {
                id: subject.id,
                name: subject.name.clone(),
            },
            read_only: viewing_other,
            view_as: if viewer.is_super_admin() {
                users
            } else {
                vec![]
            },
        },
        alerts,
        task_lists,
        customers,
        schedule,
        health_profiles,
        health,
        reports,
        report_objects: report_objects(&schema),
    })
}

async fn alert_list(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<AlertList, AppError> {
    let ((alerts, _), active) = tokio::try_join!(
        alerts::newest_alerts(db, user_id, None, now, SUMMARY_LIST_ITEMS),
        alerts::active_count(db, user_id, now),
    )?;
    Ok(AlertList { active, alerts })
}

/// The Tasks tab's Due today, Overdue and Due tomorrow views: their counts in one statement,
/// their first tasks in another.
async fn task_lists(db: &Db, schema: &Schema, subject: &Viewer) -> Result<Vec<TaskList>, AppError> {
    let tasks = schema.object_named(TASKS_OBJECT)?;
    let cx = QueryContext::for_viewer(subject);
    let views = [
        BuiltinView::DueToday,
        BuiltinView::Overdue,
        BuiltinView::DueTomorrow,
    ];
    let scopes: Vec<Vec<Scope>> = views
        .iter()
        .map(|view| task_view_scopes(*view, subject.id, cx.today).unwrap_or_default())
        .collect();
    let scope_sets: Vec<&[Scope]> = scopes.iter().map(Vec::as_slice).collect();
    let (counts, lines) = tokio::try_join!(
        count_each(db, tasks, &scope_sets, &cx),
        first_tasks(db, tasks, &scope_sets, &cx),
    )?;
    Ok(views
        .iter()
        .enumerate()
        .map(|(i, view)| TaskList {
            view: *view,
            count: counts.get(i).copied().unwrap_or(0),
            tasks: lines
                .iter()
                .filter(|(list, _)| *list == i as i64)
                .map(|(_, line)| line.clone())
                .collect(),
        })
        .collect())
}

/// `(list, task id, title, due)`.
type TaskLineRow = (i64, i64, Option<String>, Option<DateTime<Utc>>);

/// The first [`SUMMARY_LIST_ITEMS`] tasks of each scope set, soonest due first, tagged with
/// the set's index: one `UNION ALL` of small index range reads.
async fn first_tasks(
    db: &Db,
    tasks: &ObjectSchema,
    scope_sets: &[&[Scope]],
    cx: &QueryContext,
) -> Result<Vec<(i64, TaskLine)>, AppError> {
    let table = Table::of(tasks);
    let title = resolve(tasks, TITLE)?.column;
    let due = resolve(tasks, DUE_DATE)?.column;
    let mut sql = SqlBuilder::new();
    for (i, scopes) in scope_sets.iter().enumerate() {
        if i > 0 {
            sql.push(" UNION ALL ");
        }
        sql.push("SELECT * FROM (SELECT ")
            .bind(SqlValue::from(i as i64))
            .push(" AS list, record_id, ")
            .column(&title)
            .push(" AS title, ")
            .column(&due)
            .push(" AS due FROM ")
            .table(&table)
            .push(" WHERE ");
        sql.append(compile_where(tasks, scopes, &FilterTree::default(), cx)?);
        sql.push(" ORDER BY ")
            .column(&due)
            .push(", record_id LIMIT ")
            .bind(SqlValue::from(SUMMARY_LIST_ITEMS as i64))
            .push(") t");
    }
    let rows: Vec<TaskLineRow> = on_pool!(db, pool => {
        let rows = bind_values(sqlx::query(sql.sql()), sql.params())
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?)))
            .collect::<Result<Vec<_>, sqlx::Error>>()
    })?;
    Ok(rows
        .into_iter()
        .map(|(list, id, title, due)| {
            (
                list,
                TaskLine {
                    id,
                    title: title.unwrap_or_else(|| "Untitled task".into()),
                    due_label: due.map(|at| due_label(cx.zone, at)).unwrap_or_default(),
                },
            )
        })
        .collect())
}

/// "3:00 PM" today or tomorrow, "Dec 2, 3:00 PM" otherwise.
fn due_label(zone: ViewerZone, at: DateTime<Utc>) -> String {
    let today = zone.date_of(Utc::now());
    let day = zone.date_of(at);
    if day == today || today.succ_opt() == Some(day) {
        zone.format_with(at, "%-I:%M %p")
    } else {
        zone.format_with(at, "%b %-d, %-I:%M %p")
    }
}

/// How many customers the subject owns (the workspace's "Owned by me"), and the featured
/// views of the customer object.
async fn customer_views(db: &Db, subject: &Viewer) -> Result<CustomerViews, AppError> {
    let object = match tab_object(db, subject, ListTab::Customers, &ListUrl::default()).await? {
        TabLookup::Ready(object) => object,
        TabLookup::Unavailable { .. } => {
            return Ok(CustomerViews {
                plural_noun: "customers".into(),
                owned: None,
                featured: vec![],
            });
        }
    };
    let schema = &object.schema;
    let cx = QueryContext::for_viewer(subject);
    let owned = match &object.settings.csm_property {
        Some(csm) => {
            let scopes = [Scope::UserIs {
                property: csm.name.clone(),
                user_id: subject.id,
            }];
            count_each(db, schema, &[&scopes], &cx)
                .await?
                .first()
                .copied()
        }
        None => None,
    };
    let featured = visible_views(db, schema.object.id, subject.id)
        .await?
        .into_iter()
        .filter(|view| view.featured)
        .map(|view| FeaturedView {
            id: view.id,
            name: view.name,
            description: view.description,
        })
        .collect();
    Ok(CustomerViews {
        plural_noun: schema.object.plural_label.to_lowercase(),
        owned,
        featured,
    })
}

/// The live profiles and the chosen one's summary.
async fn health_section(
    db: &Db,
    profile: Option<i64>,
) -> Result<(Vec<ProfileChoice>, Option<HealthSummary>), AppError> {
    let live = live_profiles(db).await?;
    let choices: Vec<ProfileChoice> = live
        .iter()
        .map(|p| ProfileChoice {
            id: p.id,
            name: p.name.clone(),
        })
        .collect();
    let chosen = profile
        .and_then(|id| live.iter().position(|p| p.id == id))
        .or((!live.is_empty()).then_some(0));
    let summary = match chosen {
        Some(i) => Some(health_summary(db, &choices[i], live[i].object_type_id).await?),
        None => None,
    };
    Ok((choices, summary))
}

/// The subject's reports with their figures, each aggregated in SQL, side by side: the
/// reports whose figures must be computed again after a change are computed at once, one per
/// connection, rather than one after another.
async fn reports_with_figures(
    db: &Db,
    schema: &Arc<Schema>,
    subject: &Viewer,
    users: &[UserRef],
) -> Result<Vec<Report>, AppError> {
    let cx = QueryContext::for_viewer(subject);
    let names: Arc<HashMap<i64, String>> =
        Arc::new(users.iter().map(|u| (u.id, u.name.clone())).collect());
    let mut running = tokio::task::JoinSet::new();
    for (position, (id, spec)) in reports_of(db, subject.id).await?.into_iter().enumerate() {
        let (db, schema, names) = (db.clone(), schema.clone(), names.clone());
        running.spawn(async move {
            let figures = report_figures(&db, &schema, (id, spec.clone()), &cx, &names).await;
            let shown = match figures {
                Err(problem @ (AppError::Invalid { .. } | AppError::NotFound(_))) => {
                    Ok(unavailable_report(id, spec, problem.to_string()))
                }
                other => other,
            };
            (position, shown)
        });
    }
    let mut shown = Vec::new();
    while let Some(done) = running.join_next().await {
        let (position, report) = done.map_err(|e| AppError::internal("report figures", e))?;
        shown.push((position, report?));
    }
    shown.sort_by_key(|(position, _)| *position);
    Ok(shown.into_iter().map(|(_, report)| report).collect())
}
