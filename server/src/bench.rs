//! `server bench`: times what the Customers tab and the record preview do at scale — the
//! built-in views on their first and a deep page, a three-condition advanced filter with an OR
//! group and a sort, opening the preview sidebar — through the same code the server functions
//! run, and beside each the page query alone run bare in SQL (the ratio is the overhead of the
//! rest: settings, views, count, user names). Also a Revenue board, the Tasks views and the
//! Schedule's week and month of the demo CSM, and health scores ([`crate::bench_health`]).
//! Prints p50 and p99; a
//! benchmark, not a test: it asserts nothing.

use std::time::Instant;

use app::{
    db::{
        Db, list_tabs, list_views,
        query::{ListSpec, QueryContext, Scope, list::plan},
        record_detail, schedule, seed,
        sql_value::bind_values,
        users::{self, EmailAddress},
        workspaces,
    },
    models::{
        Viewer,
        filter::{Condition, FilterGroup, FilterTree, Operator},
        schedule::ScheduleUrl,
        view::{LIST_PAGE_SIZE, ListPage, ListTab, ListUrl, Sort, ViewState},
    },
    on_pool,
};
use chrono::{Duration as Days, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng};

use crate::bench_report::{Outcome, report, report_pair, text};

/// The demo CSM whose portfolio the views show.
async fn demo_csm(db: &Db) -> Outcome<Viewer> {
    let email = EmailAddress::parse("csm@example.com").map_err(text)?;
    let user = users::user_by_email(db, &email)
        .await
        .map_err(text)?
        .ok_or("the demo CSM is missing")?;
    Ok(Viewer {
        id: user.id,
        name: user.name,
        email: user.email,
        permissions: users::permissions_of(db, user.id).await.map_err(text)?,
        workspace: workspaces::viewer_workspace(db, user.id)
            .await
            .map_err(text)?,
        time_zone: Default::default(),
    })
}

pub async fn run(db: &Db, companies: u32, samples: u32, part: BenchPart) -> Outcome {
    if seed::is_empty(db).await.map_err(text)? {
        println!("Seeding {companies} companies first…");
        let started = Instant::now();
        let options = seed::SeedOptions {
            companies,
            seed: 42,
            now: Utc::now(),
        };
        seed::seed(db, &options, |line| println!("  {line}"))
            .await
            .map_err(text)?;
        println!("Seeded in {:.1}s", started.elapsed().as_secs_f64());
    }
    let viewer = demo_csm(db).await?;
    println!("{:?}, {} samples per line", db.backend(), samples);
    if part.includes(BenchPart::Lists) {
        lists(db, &viewer, samples).await?;
    }
    if part.includes(BenchPart::Summary) {
        crate::bench_summary::run(db, &viewer, samples).await?;
    }
    if part.includes(BenchPart::Health) {
        crate::bench_health::run(db, samples).await?;
    }
    Ok(())
}

/// Which lines `server bench` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchPart {
    All,
    /// The Customers tab, the preview, the Revenue board, the Tasks views and the Schedule.
    Lists,
    /// The Summary, its reports and the Feed.
    Summary,
    /// Health scores.
    Health,
}

impl BenchPart {
    fn includes(self, part: BenchPart) -> bool {
        self == BenchPart::All || self == part
    }
}

/// The lists, the preview, the board, the Tasks views and the Schedule.
async fn lists(db: &Db, viewer: &Viewer, samples: u32) -> Outcome {
    let tab = list_tabs::ready_tab_object(db, viewer, ListTab::Customers, &ListUrl::default())
        .await
        .map_err(text)?;
    let csm = tab
        .settings
        .csm_property
        .as_ref()
        .ok_or("the customer object has no CSM property")?
        .name
        .clone();
    let columns = tab.settings.columns();
    println!("The page query alone (bare SQL) beside the whole server-side list");
    let cx = QueryContext {
        viewer_id: viewer.id,
        today: Utc::now().date_naive(),
        zone: app::models::time_zone::ViewerZone::UTC,
    };
    let views = [
        (
            "owned",
            "Owned by me",
            vec![Scope::UserIs {
                property: csm.clone(),
                user_id: viewer.id,
            }],
        ),
        (
            "assigned",
            "Assigned in the last 30 days",
            vec![Scope::AssignedSince {
                property: csm.clone(),
                user_id: viewer.id,
                since: Utc::now() - Days::days(list_views::RECENT_ASSIGNMENT_DAYS),
            }],
        ),
        ("all", "All companies", vec![]),
    ];
    // Deep pages: page 1,000 of all companies (of 2,000); the CSM's own and recent lists are
    // shorter, so theirs is their last full page as far as 1,000.
    for (param, label, scopes) in &views {
        let schema = &tab.schema;
        let count_all = format!(
            "SELECT COUNT(*) FROM {} WHERE archived_at IS NULL",
            schema.object.table()
        );
        let companies: i64 =
            on_pool!(db, pool => sqlx::query_scalar(&count_all).fetch_one(pool).await)
                .map_err(text)?;
        let first = ListUrl::parse(&format!("view={param}")).map_err(text)?;
        let ListPage::Ready(listed) =
            list_views::record_list(db, viewer, ListTab::Customers, &first)
                .await
                .map_err(text)?
        else {
            return Err("the Customers tab is unavailable".into());
        };
        let listed = listed.page;
        let rows = if listed.total_exact {
            listed.total
        } else {
            companies as u64 / if *param == "all" { 1 } else { 5 }
        };
        let deep = u32::try_from(rows / u64::from(LIST_PAGE_SIZE))
            .unwrap_or(1)
            .clamp(1, 1_000);
        let pages = if deep > 1 { vec![1, deep] } else { vec![1] };
        for page in pages {
            let url = ListUrl::parse(&format!("view={param}&page={page}")).map_err(text)?;
            let spec = ListSpec {
                columns: &columns,
                sort: None,
                scopes,
                filters: &FilterTree::default(),
                page,
                page_size: LIST_PAGE_SIZE,
            };
            compare(
                db,
                &format!("{label}, page {page} (~{rows} records)"),
                samples,
                viewer,
                &url,
                schema,
                &spec,
                &cx,
            )
            .await?;
        }
    }

    // Three conditions, an OR group and a sort by ARR.
    let condition = |property: &str, operator, values: &[&str]| Condition {
        property: property.into(),
        operator,
        values: values.iter().map(|v| v.to_string()).collect(),
    };
    let filters = FilterTree {
        groups: vec![
            FilterGroup {
                conditions: vec![
                    condition("industry", Operator::IsAnyOf, &["software", "healthcare"]),
                    condition("arr", Operator::AtLeast, &["50000"]),
                ],
            },
            FilterGroup {
                conditions: vec![condition("name", Operator::StartsWith, &["Blue"])],
            },
        ],
    };
    let sort = Sort {
        property: "arr".into(),
        descending: true,
    };
    let state = ViewState {
        columns: columns.clone(),
        filters: filters.clone(),
        sort: Some(sort.clone()),
        ..ViewState::default()
    };
    let url = ListUrl {
        view: Some(app::models::view::ViewRef::Builtin(
            app::models::view::BuiltinView::All,
        )),
        state: Some(state),
        page: 1,
        ..ListUrl::default()
    };
    let spec = ListSpec {
        columns: &columns,
        sort: Some(&sort),
        scopes: &[],
        filters: &filters,
        page: 1,
        page_size: LIST_PAGE_SIZE,
    };
    compare(
        db,
        "advanced filter (3 conditions, OR, sort)",
        samples,
        viewer,
        &url,
        &tab.schema,
        &spec,
        &cx,
    )
    .await?;

    preview(db, samples, viewer, &tab.schema).await?;
    let revenue = (ListTab::Revenue, "layout=board");
    whole_list(
        db,
        viewer,
        samples,
        "revenue board (stage totals and first cards)",
        revenue,
    )
    .await?;
    for (query, label) in [
        (
            "view=due_today",
            "tasks: Due today (with the views' counts)",
        ),
        ("view=overdue", "tasks: Overdue"),
        ("view=completed", "tasks: All completed"),
        ("view=all&page=20", "tasks: all tasks, page 20"),
    ] {
        whole_list(db, viewer, samples, label, (ListTab::Tasks, query)).await?;
    }
    calendar(db, viewer, samples, "schedule: this week", "mode=week").await?;
    calendar(db, viewer, samples, "schedule: this month", "mode=month").await?;
    Ok(())
}

/// Times the whole list (as the server function runs it) and its page query alone.
#[allow(clippy::too_many_arguments)]
async fn compare(
    db: &Db,
    label: &str,
    samples: u32,
    viewer: &Viewer,
    url: &ListUrl,
    schema: &app::db::schema_cache::ObjectSchema,
    spec: &ListSpec<'_>,
    cx: &QueryContext,
) -> Outcome {
    let mut whole = Vec::with_capacity(samples as usize);
    for _ in 0..samples {
        let started = Instant::now();
        list_views::record_list(db, viewer, ListTab::Customers, url)
            .await
            .map_err(text)?;
        whole.push(started.elapsed());
    }
    let planned = plan(schema, spec, cx).map_err(text)?;
    let mut bare = Vec::with_capacity(samples as usize);
    for _ in 0..samples {
        let started = Instant::now();
        on_pool!(db, pool => bind_values(sqlx::query(planned.rows.sql()), planned.rows.params())
            .fetch_all(pool)
            .await
            .map(|rows| rows.len()))
        .map_err(text)?;
        bare.push(started.elapsed());
    }
    report_pair(label, &mut whole, &mut bare);
    Ok(())
}

/// Opening the preview sidebar: record, follow state, associations, first activities and
/// users; beside it, the record's own row alone.
async fn preview(
    db: &Db,
    samples: u32,
    viewer: &Viewer,
    schema: &app::db::schema_cache::ObjectSchema,
) -> Outcome {
    let sql = format!(
        "SELECT record_id FROM {} WHERE archived_at IS NULL ORDER BY record_id",
        schema.object.table()
    );
    let ids: Vec<i64> =
        on_pool!(db, pool => sqlx::query_scalar(&sql).fetch_all(pool).await).map_err(text)?;
    if ids.is_empty() {
        return Ok(());
    }
    let mut rng = StdRng::seed_from_u64(7);
    let row_sql = format!(
        "SELECT * FROM {} WHERE record_id = $1 AND archived_at IS NULL",
        schema.object.table()
    );
    let mut whole = Vec::with_capacity(samples as usize);
    let mut bare = Vec::with_capacity(samples as usize);
    for _ in 0..samples {
        let id = ids[rng.gen_range(0..ids.len())];
        let started = Instant::now();
        record_detail::record_detail(db, id, viewer.id, viewer.time_zone)
            .await
            .map_err(text)?;
        whole.push(started.elapsed());
        let started = Instant::now();
        on_pool!(db, pool => sqlx::query(&row_sql).bind(id).fetch_optional(pool).await.map(|row| row.is_some()))
            .map_err(text)?;
        bare.push(started.elapsed());
    }
    report_pair("preview sidebar (random company)", &mut whole, &mut bare);
    Ok(())
}

/// A whole list as its tab loads it for the demo CSM: `tab` at `query` (`layout=board`: the
/// Revenue board's stage totals and first cards; a Tasks view with its counts).
async fn whole_list(
    db: &Db,
    viewer: &Viewer,
    samples: u32,
    label: &str,
    (tab, query): (ListTab, &str),
) -> Outcome {
    let url = ListUrl::parse(query).map_err(text)?;
    let mut timings = Vec::with_capacity(samples as usize);
    for _ in 0..samples {
        let started = Instant::now();
        list_views::record_list(db, viewer, tab, &url)
            .await
            .map_err(text)?;
        timings.push(started.elapsed());
    }
    report(label, &mut timings);
    Ok(())
}

/// The demo CSM's calendar as the Schedule loads it: `query` picks the week or month.
async fn calendar(db: &Db, viewer: &Viewer, samples: u32, label: &str, query: &str) -> Outcome {
    let url = ScheduleUrl::parse(query);
    let mut timings = Vec::with_capacity(samples as usize);
    for _ in 0..samples {
        let started = Instant::now();
        schedule::schedule_view(db, viewer, &url)
            .await
            .map_err(text)?;
        timings.push(started.elapsed());
    }
    report(label, &mut timings);
    Ok(())
}
