//! Security events reach the audit log through the real server functions — logins (success,
//! failure, lockout), logout, users created, edited, deactivated and reactivated, passwords
//! reset and changed, permissions granted and revoked, team membership — and Admin → Audit log
//! filters them by kind, user and date.

mod demo_router;
mod fake_site;
mod router_lock;

use app::{
    db::{
        audit_log::list_audit_log,
        users::{EmailAddress, user_by_email},
    },
    models::{
        audit::{AuditFilter, AuditKind, AuditLogPage},
        time_zone::ViewerZone,
    },
};
use chrono::{Duration, Utc};
use demo_router::{demo_router, log_in, post, post_for_answer};

const PASSWORD: &str = "demo-password";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_events_are_audited_and_filtered() {
    let (_folder, db, router) = demo_router(None).await;
    let id_of = |email: &'static str| {
        let db = db.clone();
        async move {
            user_by_email(&db, &EmailAddress::parse(email).unwrap())
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let csm = id_of("csm@example.com").await;
    let viewer = id_of("viewer@example.com").await;
    let zone = ViewerZone::default();
    let read = |filter: AuditFilter| {
        let db = db.clone();
        async move { list_audit_log(&db, 1, filter, zone).await.unwrap() }
    };
    // Loading the demo data changed settings; those entries are all there is so far.
    let seeded = read(AuditFilter::default()).await.total;

    // Logins: one success, one failure, and five failures that lock an account.
    let csm_token = log_in(&router, "csm@example.com", PASSWORD).await.unwrap();
    assert_eq!(
        log_in(&router, "csm@example.com", "wrong-guess").await,
        None
    );
    for _ in 0..5 {
        assert_eq!(
            log_in(&router, "viewer@example.com", "wrong-guess").await,
            None
        );
    }
    let admin = log_in(&router, "admin@example.com", PASSWORD)
        .await
        .unwrap();

    // A super admin's account work, each through its server function.
    let ok = |(status, _, body): (axum::http::StatusCode, _, String)| {
        assert!(status.is_success(), "{status}: {body}");
        body
    };
    let nina: i64 = post_for_answer(
        &router,
        "/api/create_user",
        "name=Nina+New&email=nina%40example.com&password=long-enough-1",
        Some(&admin),
    )
    .await;
    for body in [format!(
        "user_id={nina}&name=Nina+Newer&email=nina%40example.com"
    )] {
        ok(post(&router, "/api/update_user", &body, Some(&admin)).await);
    }
    for active in ["false", "true"] {
        let body = format!("user_id={nina}&active={active}");
        ok(post(&router, "/api/set_user_active", &body, Some(&admin)).await);
    }
    let body = format!("user_id={nina}&password=another-long-one");
    ok(post(&router, "/api/reset_password", &body, Some(&admin)).await);
    for granted in ["true", "false"] {
        let body = format!("user_id={nina}&permission=service_seat&granted={granted}");
        ok(post(&router, "/api/set_user_permission", &body, Some(&admin)).await);
    }
    let team = app::db::users::list_teams(&db).await.unwrap()[0].id;
    let body = format!("user_id={nina}&team_ids[0]={team}&primary_team_id={team}");
    ok(post(&router, "/api/set_user_teams", &body, Some(&admin)).await);

    // The CSM changes their password and logs out.
    let body = format!("current_password={PASSWORD}&new_password=a-brand-new-password");
    ok(post(&router, "/api/change_password", &body, Some(&csm_token)).await);
    let (status, _, _) = post(&router, "/api/log_out", "", Some(&csm_token)).await;
    assert!(status.is_success() || status.is_redirection());

    let expected = [
        (AuditKind::LoginSucceeded, 2),
        (AuditKind::LoginFailed, 6),
        (AuditKind::LoginLocked, 1),
        (AuditKind::LoggedOut, 1),
        (AuditKind::UserCreated, 1),
        (AuditKind::UserEdited, 1),
        (AuditKind::UserDeactivated, 1),
        (AuditKind::UserReactivated, 1),
        (AuditKind::PasswordReset, 1),
        (AuditKind::PasswordChanged, 1),
        (AuditKind::PermissionGranted, 1),
        (AuditKind::PermissionRevoked, 1),
        (AuditKind::TeamsChanged, 1),
        (AuditKind::SettingsChanged, seeded),
    ];
    for (kind, count) in expected {
        let page = read(AuditFilter {
            kind: Some(kind),
            ..AuditFilter::default()
        })
        .await;
        assert_eq!(page.total, count, "{kind:?}: {:#?}", page.entries);
        assert!(page.entries.iter().all(|entry| entry.kind == kind));
    }
    let everything = read(AuditFilter::default()).await;
    assert_eq!(everything.total, seeded + 19);

    // What the entries say.
    let locked = read(AuditFilter {
        kind: Some(AuditKind::LoginLocked),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(locked.entries[0].area, "viewer@example.com");
    assert_eq!(
        locked.entries[0].subject_name.as_deref(),
        Some("Vera Viewer")
    );
    assert!(
        locked.entries[0].changes[0].contains("after 5 failures"),
        "{:?}",
        locked.entries[0]
    );
    let edited = read(AuditFilter {
        kind: Some(AuditKind::UserEdited),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(
        edited.entries[0].changes,
        vec!["Name: “Nina New” → “Nina Newer”"]
    );
    assert_eq!(edited.entries[0].user_name.as_deref(), Some("Ada Admin"));

    // By user: who acted or was acted on.
    let about_nina = read(AuditFilter {
        user_id: Some(nina),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(about_nina.total, 8, "{:#?}", about_nina.entries);
    let about_carl = read(AuditFilter {
        user_id: Some(csm),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(about_carl.total, 4, "{:#?}", about_carl.entries);
    let about_vera = read(AuditFilter {
        user_id: Some(viewer),
        kind: Some(AuditKind::LoginFailed),
        ..AuditFilter::default()
    })
    .await;
    assert_eq!(about_vera.total, 5);

    // By date, in the viewer's zone: today holds everything, other days nothing.
    let today = zone.date_of(Utc::now());
    let on = |from, to| AuditFilter {
        from: Some(from),
        to: Some(to),
        ..AuditFilter::default()
    };
    assert_eq!(read(on(today, today)).await.total, seeded + 19);
    let tomorrow = today + Duration::days(1);
    let yesterday = today - Duration::days(1);
    assert_eq!(read(on(tomorrow, tomorrow)).await.total, 0);
    assert_eq!(read(on(yesterday, yesterday)).await.total, 0);

    // The server function takes the same filter from a super admin, and no one else.
    let body = "page=1&filter[kind]=login_failed";
    let page: AuditLogPage =
        post_for_answer(&router, "/api/list_audit_log", body, Some(&admin)).await;
    assert_eq!(page.total, 6, "{:#?}", page.entries);
    let carl_again = log_in(&router, "csm@example.com", "a-brand-new-password")
        .await
        .unwrap();
    let (status, _, _) = post(&router, "/api/list_audit_log", body, Some(&carl_again)).await;
    assert_eq!(status, axum::http::StatusCode::FORBIDDEN);
}
