//! Account security on a real database, SQLite and PostgreSQL. Sessions, with the clock in the
//! test's hands: the idle timeout slides with use (not with background checks), the absolute
//! lifetime holds however busy the session, ended sessions are purged. Login failures are
//! counted per account from one address, per account from anywhere and per address. The last
//! active super admin can be neither demoted nor deactivated, also by two at once. The audit log
//! reads security events by kind, user and day in the viewer's zone.

mod common;

use app::{
    db::{
        Db,
        audit_log::{
            PasswordCheck, SecurityEvent, list_audit_log, record_account_event,
            record_security_event,
        },
        sessions::{
            Attempt, SessionPolicy, SessionUse, ThrottleScope, create_session, purge_expired,
            session_user, throttled_attempt,
        },
        users::{grant_permission, list_users, revoke_permission, set_user_active},
    },
    error::AppError,
    models::{
        Permission,
        audit::{AuditFilter, AuditKind},
        time_zone::ViewerZone,
    },
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

fn refused(result: Result<Attempt, AppError>) -> bool {
    matches!(result, Err(AppError::TooManyRequests(_)))
}

async fn failures_are_counted_by_account_and_address(db: Db) {
    let now = start();
    let limit = ThrottleScope::AccountFromAddress.limit();

    // One address guessing one account is stopped; the owner elsewhere is not. The attempt
    // that reaches the limit says so (the audit log records the lockout then).
    fail(&db, "carl@example.com", "203.0.113.9", now, limit - 1).await;
    let last = throttled_attempt(&db, "carl@example.com", "203.0.113.9", now)
        .await
        .unwrap();
    assert_eq!(
        last.locks_if_failed,
        Some(ThrottleScope::AccountFromAddress)
    );
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

async fn the_audit_log_filters_by_kind_user_and_day(db: Db) {
    let admin = common::new_user(&db, "boss@example.com").await;
    let carl = common::new_user(&db, "carl@example.com").await;
    let check = PasswordCheck {
        account: "carl@example.com",
        user: Some(carl),
        address: "203.0.113.9",
        via: "Login",
    };
    check
        .record_failure(&db, Some(ThrottleScope::AccountFromAddress))
        .await
        .unwrap();
    check.record_success(&db).await.unwrap();
    record_account_event(&db, AuditKind::UserDeactivated, admin, carl, vec![])
        .await
        .unwrap();
    record_security_event(
        &db,
        SecurityEvent {
            kind: AuditKind::LoginFailed,
            actor: None,
            subject: None,
            account: "nobody@example.com".into(),
            details: vec!["Address: 198.51.100.1".into()],
        },
    )
    .await
    .unwrap();

    // Tokyo is 9 hours ahead: its today may be UTC's tomorrow; the filter follows the zone.
    let zone = ViewerZone::parse("Asia/Tokyo").unwrap();
    let read = |filter: AuditFilter| {
        let db = db.clone();
        async move { list_audit_log(&db, 1, filter, zone).await.unwrap() }
    };
    let failed = read(AuditFilter {
        kind: Some(AuditKind::LoginFailed),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(failed.total, 2);
    assert_eq!(failed.entries[0].area, "nobody@example.com", "newest first");
    assert_eq!(
        failed.entries[1].subject_name.as_deref(),
        Some("carl@example.com")
    );
    assert_eq!(
        failed.entries[1].changes,
        vec!["Address: 203.0.113.9", "Via: Login"]
    );
    let locked = read(AuditFilter {
        kind: Some(AuditKind::LoginLocked),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(locked.total, 1);
    let about_carl = read(AuditFilter {
        user_id: Some(carl),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(about_carl.total, 4, "failure, lockout, login, deactivation");
    let by_admin = read(AuditFilter {
        user_id: Some(admin),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(by_admin.total, 1);
    assert_eq!(
        by_admin.entries[0].user_name.as_deref(),
        Some("boss@example.com")
    );

    let today = zone.date_of(Utc::now());
    let days = |from, to| AuditFilter {
        from,
        to,
        ..AuditFilter::default()
    };
    assert_eq!(read(days(Some(today), Some(today))).await.total, 5);
    assert_eq!(read(days(Some(today), None)).await.total, 5);
    assert_eq!(read(days(None, Some(today))).await.total, 5);
    let tomorrow = today + Duration::days(1);
    assert_eq!(read(days(Some(tomorrow), None)).await.total, 0);
    assert_eq!(
        read(days(None, Some(today - Duration::days(1))))
            .await
            .total,
        0
    );
}
db_test!(the_audit_log_filters_by_kind_user_and_day);
