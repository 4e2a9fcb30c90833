//! Fresh databases for integration tests: one SQLite file per test, and — when `DATABASE_URL`
//! is a postgres:// URL — one newly created PostgreSQL database per test, dropped afterwards.
//!
//! `db_test!(name)` turns `async fn name(db: Db)` into the tests `name::sqlite` and
//! `name::postgres`, so the same data-layer test runs on both backends.

#![allow(dead_code)]

use std::{
    future::Future,
    sync::atomic::{AtomicU32, Ordering},
};

use app::db::Db;
use sqlx::{Connection, PgConnection};

#[macro_export]
macro_rules! db_test {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::common::on_sqlite(super::$name).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::common::on_postgres(super::$name).await;
            }
        }
    };
}

/// Runs `test` on a fresh, migrated SQLite database file.
pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(Db) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/test.db", folder.path().display());
    let db = Db::open(&url).await.expect("open SQLite test database");
    let outcome = tokio::spawn(test(db.clone())).await;
    db.close().await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The postgres:// URL in `DATABASE_URL`, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres"))
}

/// Runs `test` on a freshly created PostgreSQL database, dropped afterwards (also when the test
/// fails). Without a postgres:// `DATABASE_URL` it says so and returns: CI always sets it.
pub async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(Db) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(admin_url) = postgres_url() else {
        eprintln!("PostgreSQL not tested: DATABASE_URL is not a postgres:// URL");
        return;
    };
    let name = format!(
        "cswt_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        chrono::Utc::now().timestamp_micros()
    );
    let mut admin = PgConnection::connect(&admin_url)
        .await
        .expect("connect to DATABASE_URL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create test database");
    let outcome = match Db::open(&with_database(&admin_url, &name)).await {
        Ok(db) => {
            let outcome = tokio::spawn(test(db.clone())).await;
            db.close().await;
            outcome.map_err(|error| error.into_panic())
        }
        Err(error) => Err(Box::new(format!("open PostgreSQL test database: {error}")) as _),
    };
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .expect("drop test database");
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// On PostgreSQL, a second instance's handle on `db`'s database (a server started beside the
/// first); SQLite is served by one process.
pub async fn second_instance(db: &Db) -> Option<Db> {
    let app::db::Pool::Postgres(pool) = db.pool() else {
        return None;
    };
    let name: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(pool)
        .await
        .expect("the database's name");
    let url = with_database(&postgres_url()?, &name);
    Some(Db::open(&url).await.expect("a second instance"))
}

/// `url` with its database name replaced by `database`.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map(|i| authority_start + i);
    let server = path_start.map_or(base, |i| &base[..i]);
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

#[test]
fn database_names_are_replaced() {
    assert_eq!(
        with_database("postgres://u@h:5432/postgres", "x"),
        "postgres://u@h:5432/x"
    );
    assert_eq!(
        with_database("postgres://u@h/db?sslmode=disable", "x"),
        "postgres://u@h/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
}

/// A page of `object`'s records through the list engine, as a list tab asks for it.
pub async fn list_of(
    db: &Db,
    object: &str,
    columns: &[&str],
    sort: Option<(&str, bool)>,
    filters: &app::models::filter::FilterTree,
    page: u32,
    page_size: u32,
) -> Result<app::models::RecordPage, app::error::AppError> {
    use app::db::query::{ListSpec, QueryContext, list_page};
    let schema = db.schema().await?;
    let object = schema.object_named(object)?;
    let columns: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    let sort = sort.map(|(property, descending)| app::models::view::Sort {
        property: property.into(),
        descending,
    });
    let spec = ListSpec {
        columns: &columns,
        sort: sort.as_ref(),
        scopes: &[],
        filters,
        page,
        page_size,
    };
    let cx = QueryContext {
        viewer_id: 0,
        today: chrono::Utc::now().date_naive(),
        zone: app::models::time_zone::ViewerZone::UTC,
    };
    list_page(db, object, &spec, &cx).await
}

/// The list of a tab that has one (the test's workspace shows it).
pub fn ready(page: app::models::view::ListPage) -> Box<app::models::view::RecordListView> {
    match page {
        app::models::view::ListPage::Ready(list) => list,
        app::models::view::ListPage::Unavailable { title, .. } => panic!("no list: {title}"),
    }
}

/// A new active user named by `email` (password `test-password-1`); returns its id.
pub async fn new_user(db: &Db, email: &str) -> i64 {
    use app::db::{
        passwords::NewPassword,
        users::{EmailAddress, create_user},
    };
    create_user(
        db,
        &EmailAddress::parse(email).unwrap(),
        email,
        NewPassword::parse("test-password-1").unwrap(),
    )
    .await
    .unwrap()
}

/// Opens a session for `user` now, under the default session policy; returns its token.
pub async fn open_session(db: &Db, user: i64) -> String {
    use app::db::sessions::{SessionPolicy, create_session};
    create_session(db, &SessionPolicy::default(), user, chrono::Utc::now())
        .await
        .unwrap()
}

/// The user a session token opens now (a check, which does not count as use).
pub async fn session_owner(db: &Db, token: &str) -> Option<i64> {
    use app::db::sessions::{SessionPolicy, SessionUse, session_user};
    session_user(
        db,
        &SessionPolicy::default(),
        token,
        chrono::Utc::now(),
        SessionUse::Check,
    )
    .await
    .unwrap()
}

/// User `id` as a CSM working in `zone` (an IANA name) sees the workspace.
pub async fn viewer_in(db: &Db, id: i64, zone: &str) -> app::models::Viewer {
    use app::models::{Permission, time_zone::ViewerZone};
    app::models::Viewer {
        id,
        name: "Viewer".into(),
        email: "viewer@example.com".into(),
        permissions: vec![Permission::CsWorkspaceAccess, Permission::ServiceSeat],
        workspace: app::db::workspaces::viewer_workspace(db, id).await.unwrap(),
        time_zone: ViewerZone::parse(zone).unwrap(),
    }
}
