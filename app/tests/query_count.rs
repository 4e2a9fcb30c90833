//! How many statements one Customers page, one Revenue board, one Tasks page and one Summary
//! cost, on SQLite and PostgreSQL. A test binary of its own: it counts every sqlx statement of
//! the process through a global subscriber (SQLite runs its statements on a thread of its own),
//! so nothing else may run beside it.

mod common;

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use app::{
    db::{
        Db, list_views,
        passwords::NewPassword,
        pipelines::{NewStage, create_pipeline},
        records::{ChangeContext, create_record},
        reports,
        schema::object_type_by_name,
        summary::summary_page,
        users::{EmailAddress, create_user, grant_permission, permissions_of},
        workspaces::viewer_workspace,
    },
    models::{
        Permission, PropertyValue, Viewer,
        report::{ChartKind, ReportMeasure, ReportSpec},
        view::{ListTab, ListUrl},
    },
};
use tracing_subscriber::layer::SubscriberExt;

/// Counts the statements sqlx runs, but not the set-up of a new pooled connection (SQLite's
/// `PRAGMA …`): whether the pool opens one during a page depends on timing, not on the page.
#[derive(Clone, Default)]
struct QueryCounter(Arc<AtomicUsize>);

/// Whether an event's statement summary is connection set-up.
#[derive(Default)]
struct ConnectionSetup(bool);

impl tracing::field::Visit for ConnectionSetup {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "summary" {
            self.0 = value.starts_with("PRAGMA");
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}")
                .trim_start_matches('"')
                .starts_with("PRAGMA");
        }
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for QueryCounter {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut setup = ConnectionSetup::default();
            event.record(&mut setup);
            if !setup.0 {
                self.0.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

async fn statements_of_one_page(db: Db, counter: QueryCounter) -> (usize, usize) {
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let csm = create_user(
        &db,
        &EmailAddress::parse("carl@example.com").unwrap(),
        "Carl",
        NewPassword::parse("test-password-1").unwrap(),
    )
    .await
    .unwrap();
    for permission in [Permission::ServiceSeat, Permission::CsWorkspaceAccess] {
        grant_permission(&db, csm, permission).await.unwrap();
    }
    let context = ChangeContext {
        actor: None,
        source: "test",
    };
    for name in ["Acme", "Globex", "Initech"] {
        let values = [
            ("name", PropertyValue::Text(name.into())),
            ("csm", PropertyValue::User(csm)),
        ];
        create_record(&db, &companies, &values, None, context)
            .await
            .unwrap();
    }
    let viewer = Viewer {
        id: csm,
        name: "Carl".into(),
        email: "carl@example.com".into(),
        permissions: permissions_of(&db, csm).await.unwrap(),
        workspace: viewer_workspace(&db, csm).await.unwrap(),
        time_zone: Default::default(),
    };
    let url = ListUrl::parse("view=owned").unwrap();
    // Warm the schema cache as a running server has it.
    list_views::record_list(&db, &viewer, ListTab::Customers, &url)
        .await
        .unwrap();
    let before = counter.0.load(Ordering::SeqCst);
    let list = common::ready(
        list_views::record_list(&db, &viewer, ListTab::Customers, &url)
            .await
            .unwrap(),
    );
    assert_eq!(list.page.rows.len(), 3);
    let customers = counter.0.load(Ordering::SeqCst) - before;

    // The Revenue board of a pipeline with three stages and a deal in each.
    let deals = object_type_by_name(&db, "deals").await.unwrap();
    let stage = |name| NewStage {
        name,
        is_closed: false,
        required_properties: &[],
    };
    let pipeline = create_pipeline(
        &db,
        &deals,
        "Counted",
        &[stage("New"), stage("Won"), stage("Lost")],
    )
    .await
    .unwrap();
    for (i, stage) in pipeline.stages.iter().enumerate() {
        let values = [
            ("name", PropertyValue::Text(format!("Deal {i}"))),
            ("owner", PropertyValue::User(csm)),
        ];
        create_record(&db, &deals, &values, Some(stage.id), context)
            .await
            .unwrap();
    }
    let url = ListUrl::parse(&format!("pipeline={}&layout=board", pipeline.id)).unwrap();
    list_views::record_list(&db, &viewer, ListTab::Revenue, &url)
        .await
        .unwrap();
    let before = counter.0.load(Ordering::SeqCst);
    let board = common::ready(
        list_views::record_list(&db, &viewer, ListTab::Revenue, &url)
            .await
            .unwrap(),
    );
    let columns = board.board.expect("a board").columns;
    assert_eq!(columns.iter().map(|c| c.count).sum::<u64>(), 3);
    let board_statements = counter.0.load(Ordering::SeqCst) - before;

    // The Tasks tab's default view: the schema version, the saved views, the page, its count,
    // the users named on it and offered by the filters, the four views' counts (one statement)
    // and which of the page's tasks are completed (the user names and completions only when
    // the page has tasks).
    let due_today = ListUrl::parse("view=due_today").unwrap();
    let before = counter.0.load(Ordering::SeqCst);
    let tasks = common::ready(
        list_views::record_list(&db, &viewer, ListTab::Tasks, &due_today)
            .await
            .unwrap(),
    );
    let task_statements = counter.0.load(Ordering::SeqCst) - before;
    println!(
        "{:?}: one Tasks page ran {task_statements} statements",
        db.backend()
    );
    assert!(tasks.views.iter().any(|v| v.count == Some(0)));
    assert!(
        (6..=10).contains(&task_statements),
        "{task_statements} statements"
    );

    // The Summary with two reports. Loaded again with nothing changed, the reports' figures
    // are the ones kept (no aggregate runs); after a company changes, its report is computed
    // again and only it.
    let report = |title: &str, object_type_id: i64| ReportSpec {
        title: title.into(),
        object_type_id,
        measure: ReportMeasure::Count,
        measure_property: None,
        group_by: Some("csm".into()),
        time_unit: None,
        chart: ChartKind::Bar,
    };
    reports::create_report(&db, csm, &report("Companies by CSM", companies.id))
        .await
        .unwrap();
    reports::create_report(
        &db,
        csm,
        &ReportSpec {
            group_by: Some("stage".into()),
            ..report("Deals by stage", deals.id)
        },
    )
    .await
    .unwrap();
    let summary = || summary_page(&db, &viewer, &viewer, None);
    // The first load computes the figures (and on PostgreSQL starts listening for changes).
    let first = summary().await.unwrap();
    let before = counter.0.load(Ordering::SeqCst);
    let again = summary().await.unwrap();
    let kept = counter.0.load(Ordering::SeqCst) - before;
    assert_eq!(first.reports, again.reports);
    assert_eq!(first.reports[0].total, 3.0);
    create_record(
        &db,
        &companies,
        &[("name", PropertyValue::Text("Hooli".into()))],
        None,
        context,
    )
    .await
    .unwrap();
    let before = counter.0.load(Ordering::SeqCst);
    let changed = summary().await.unwrap();
    let after_change = counter.0.load(Ordering::SeqCst) - before;
    assert_eq!(changed.reports[0].total, 4.0);
    assert_eq!(changed.reports[1].total, 3.0);
    assert_eq!(
        after_change,
        kept + 1,
        "only the changed object's report runs"
    );
    println!(
        "{:?}: one Summary ran {kept} statements with its reports' figures kept",
        db.backend()
    );
    assert!((12..=24).contains(&kept), "{kept} statements");
    (customers, board_statements)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_page_costs_a_handful_of_statements() {
    let counter = QueryCounter::default();
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(counter.clone()))
        .expect("the only subscriber of this test binary");
    let outcome = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
    let (sqlite_counter, sqlite_outcome) = (counter.clone(), outcome.clone());
    common::on_sqlite(move |db| async move {
        let (list, board) = statements_of_one_page(db, sqlite_counter).await;
        sqlite_outcome.0.store(list, Ordering::SeqCst);
        sqlite_outcome.1.store(board, Ordering::SeqCst);
    })
    .await;
    let (sqlite, sqlite_board) = (
        outcome.0.load(Ordering::SeqCst),
        outcome.1.load(Ordering::SeqCst),
    );
    println!(
        "SQLite: one Customers page ran {sqlite} statements, one Revenue board {sqlite_board}"
    );
    // The board: the same settings, views and users, then the stage totals (one grouped
    // query), every stage's first cards (one UNION ALL) and the owners' names.
    assert!(
        (8..=14).contains(&sqlite_board),
        "{sqlite_board} statements"
    );
    // The schema version, one read snapshot of the workspace settings (roles ×2, workspace row,
    // object settings, pipelines, saved pipelines, inside BEGIN … COMMIT), the saved views, the
    // page, its count, the users named on it and the users offered by the filters.
    assert!((8..=14).contains(&sqlite), "{sqlite} statements");
    if common::postgres_url().is_some() {
        let pg_outcome = outcome.clone();
        common::on_postgres(move |db| async move {
            let (list, board) = statements_of_one_page(db, counter).await;
            pg_outcome.0.store(list, Ordering::SeqCst);
            pg_outcome.1.store(board, Ordering::SeqCst);
        })
        .await;
        let (postgres, postgres_board) = (
            outcome.0.load(Ordering::SeqCst),
            outcome.1.load(Ordering::SeqCst),
        );
        println!(
            "PostgreSQL: one Customers page ran {postgres} statements, one Revenue board {postgres_board}"
        );
        // The same queries; the drivers log the transaction's BEGIN and COMMIT differently.
        assert!((8..=14).contains(&postgres), "{postgres} statements");
        assert!(
            (8..=15).contains(&postgres_board),
            "{postgres_board} statements"
        );
    }
}
