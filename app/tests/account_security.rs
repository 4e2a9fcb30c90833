//! Account security on a real database, SQLite and PostgreSQL. Sessions, with the clock in the
//! test's hands: the idle timeout slides with use (not with background checks), the absolute
//! lifetime holds however busy the session, ended sessions are purged. Login failures are
//! counted per account from one address, per account from anywhere and per address. The last
//! active super admin can be neither demoted nor deactivated, also by two at once.

mod common;

use app::{
    db::{
        Db,
        sessions::{
            SessionPolicy, SessionUse, ThrottleScope, create_session, purge_expired, session_user,
            throttled_attempt,
        },
        users::{grant_permission, list_users, revoke_permission, set_user_active},
    },
    error::AppError,
    models::Permission,
};
use chrono::{DateTime, Duration, Utc};

fn start() -> DateTime<Utc> {
    "2026-12-07T08:00:00Z".parse().unwrap()
}

async fn sessions_in(db: &Db) -> i64 {
    match db.pool() {
        app::db::Pool::Sqlite(pool) => sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
            .fetch_one(pool)
            .await
            .unwrap(),
        app::db::Pool::Postgres(pool) => sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
            .fetch_one(pool)
            .await
            .unwrap(),
    }
}

async fn idle_sessions_end_and_use_keeps_them_open(db: Db) {
    let user = common::new_user(&db, "idle@example.com").await;
    let policy = SessionPolicy::default();
    let t0 = start();
    let at = |minutes: i64| t0 + Duration::minutes(minutes);
    let lookup = |token: String, now: DateTime<Utc>, usage: SessionUse| {
        let (db, policy) = (db.clone(), policy.clone());
        async move {
            session_user(&db, &policy, &token, now, usage)
                .await
                .unwrap()
        }
    };

    // Used just before the idle timeout, it lasts another two hours from then.
    let used = create_session(&db, &policy, user, t0).await.unwrap();
    assert_eq!(
        lookup(used.clone(), at(119), SessionUse::Active).await,
        Some(user)
    );
    assert_eq!(
        lookup(used.clone(), at(238), SessionUse::Active).await,
        Some(user)
    );
    assert_eq!(
        lookup(used.clone(), at(238 + 121), SessionUse::Active).await,
        None
    );

    // Background checks (an open tab's live stream) do not keep it alive.
    let watched = create_session(&db, &policy, user, t0).await.unwrap();
    assert_eq!(
        lookup(watched.clone(), at(60), SessionUse::Check).await,
        Some(user)
    );
    assert_eq!(
        lookup(watched.clone(), at(119), SessionUse::Check).await,
        Some(user)
    );
    assert_eq!(
        lookup(watched.clone(), at(121), SessionUse::Check).await,
        None
    );

    // Used every hour, it still ends twelve hours after login.
    let busy = create_session(&db, &policy, user, t0).await.unwrap();
    for hour in 1..12 {
        assert_eq!(
            lookup(busy.clone(), at(hour * 60), SessionUse::Active).await,
            Some(user),
            "hour {hour}"
        );
    }
    assert_eq!(
        lookup(busy.clone(), at(12 * 60 + 1), SessionUse::Active).await,
        None
    );

    // Shorter limits come from the policy.
    let strict = SessionPolicy {
        idle_timeout: Duration::minutes(10),
        lifetime: Duration::minutes(30),
        https: false,
    };
    let short = create_session(&db, &strict, user, t0).await.unwrap();
    assert_eq!(
        session_user(&db, &strict, &short, at(9), SessionUse::Active)
            .await
            .unwrap(),
        Some(user)
    );
    assert_eq!(
        session_user(&db, &strict, &short, at(20), SessionUse::Active)
            .await
            .unwrap(),
        None
    );

    // The purge deletes what ended and keeps what is open.
    let open = create_session(&db, &policy, user, at(12 * 60))
        .await
        .unwrap();
    assert_eq!(sessions_in(&db).await, 5);
    purge_expired(&db, &policy, at(12 * 60 + 30)).await.unwrap();
    assert_eq!(sessions_in(&db).await, 1);
    assert_eq!(
        lookup(open, at(12 * 60 + 31), SessionUse::Check).await,
        Some(user)
    );
}
db_test!(idle_sessions_end_and_use_keeps_them_open);

/// Fails `count` attempts on `account` from `address` at `now`; panics on a refusal.
async fn fail(db: &Db, account: &str, address: &str, now: DateTime<Utc>, count: usize) {
    for _ in 0..count {
        throttled_attempt(db, account, address, now)
            .await
            .unwrap_or_else(|error| panic!("{account} from {address} refused early: {error}"));
    }
}

fn refused(result: Result<i64, AppError>) -> bool {
    matches!(result, Err(AppError::TooManyRequests(_)))
}

async fn failures_are_counted_by_account_and_address(db: Db) {
    let now = start();
    let limit = ThrottleScope::AccountFromAddress.limit();

    // One address guessing one account is stopped; the owner elsewhere is not.
    fail(&db, "carl@example.com", "203.0.113.9", now, limit).await;
    assert!(refused(
        throttled_attempt(&db, "carl@example.com", "203.0.113.9", now).await
    ));
    assert!(!refused(
        throttled_attempt(&db, "carl@example.com", "198.51.100.7", now).await
    ));
    // Waiting the window out is enough.
    let later = now + Duration::minutes(16);
    assert!(!refused(
        throttled_attempt(&db, "carl@example.com", "203.0.113.9", later).await
    ));

    // One address trying many accounts is stopped at the per-address cap.
    let stuffing = ThrottleScope::Address.limit();
    for n in 0..stuffing {
        fail(&db, &format!("user{n}@example.com"), "192.0.2.50", now, 1).await;
    }
    assert!(refused(
        throttled_attempt(&db, "someone@example.com", "192.0.2.50", now).await
    ));
    assert!(!refused(
        throttled_attempt(&db, "someone@example.com", "192.0.2.51", now).await
    ));

    // Many addresses guessing one account hit the looser per-account backstop.
    let backstop = ThrottleScope::Account.limit();
    for n in 0..backstop {
        fail(
            &db,
            "admin@example.com",
            &format!("10.1.{}.{}", n / 200, n % 200),
            now,
            1,
        )
        .await;
    }
    assert!(refused(
        throttled_attempt(&db, "admin@example.com", "10.9.9.9", now).await
    ));
}
db_test!(failures_are_counted_by_account_and_address);

async fn active_super_admins(db: &Db) -> Vec<i64> {
    list_users(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|user| user.active && user.permissions.contains(&Permission::SuperAdmin))
        .map(|user| user.id)
        .collect()
}

async fn one_super_admin_always_remains(db: Db) {
    let mut admins = Vec::new();
    for n in 0..8 {
        let admin = common::new_user(&db, &format!("admin{n}@example.com")).await;
        grant_permission(&db, admin, Permission::SuperAdmin)
            .await
            .unwrap();
        admins.push(admin);
    }
    // All are demoted at the same moment (as by each other): all but one land, the last is
    // refused.
    let revocations: Vec<_> = admins
        .iter()
        .map(|&admin| {
            let db = db.clone();
            tokio::spawn(async move { revoke_permission(&db, admin, Permission::SuperAdmin).await })
        })
        .collect();
    let mut refusals = Vec::new();
    for revocation in revocations {
        if let Err(error) = revocation.await.unwrap() {
            refusals.push(error);
        }
    }
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert!(
        matches!(&refusals[0], AppError::Conflict(text) if text.contains("last super admin")),
        "{refusals:?}"
    );
    let remaining = active_super_admins(&db).await;
    assert_eq!(remaining.len(), 1);
    let last = remaining[0];

    // The last one can be neither demoted nor deactivated…
    assert!(matches!(
        revoke_permission(&db, last, Permission::SuperAdmin).await,
        Err(AppError::Conflict(_))
    ));
    assert!(matches!(
        set_user_active(&db, last, false).await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(active_super_admins(&db).await, vec![last]);
    // …other permissions come and go as before…
    grant_permission(&db, last, Permission::ServiceSeat)
        .await
        .unwrap();
    revoke_permission(&db, last, Permission::ServiceSeat)
        .await
        .unwrap();
    // …and once others are super admins again, deactivating all at once leaves one.
    for &admin in &admins {
        grant_permission(&db, admin, Permission::SuperAdmin)
            .await
            .unwrap();
    }
    let deactivations: Vec<_> = admins
        .iter()
        .map(|&admin| {
            let db = db.clone();
            tokio::spawn(async move { set_user_active(&db, admin, false).await })
        })
        .collect();
    let mut landed = 0;
    for deactivation in deactivations {
        landed += usize::from(deactivation.await.unwrap().is_ok());
    }
    assert_eq!(landed, admins.len() - 1);
    assert_eq!(active_super_admins(&db).await.len(), 1);
}
db_test!(one_super_admin_always_remains);
