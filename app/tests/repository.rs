//! The repository layer on a real database: the same tests on SQLite and PostgreSQL.

mod common;

use app::{
    db::{
        Db,
        activities::{
            NewActivity, TaskFields, activities_of_record, create_activity, open_tasks_due,
        },
        associations::{associate, associated_records},
        follows::{follow, is_following, unfollow},
        passwords::NewPassword,
        pipelines::{NewStage, create_pipeline, pipelines},
        profiles::{adopt_time_zone, change_password, set_time_zone},
        records::{ChangeContext, create_record, get_record, property_history, update_record},
        sales_events::{events_of_contact, record_sales_event},
        schema::{NewProperty, ObjectType, create_property, object_type_by_name, properties},
        seed::{SeedOptions, seed},
        stage_moves::{StageMoveRequest, move_record_to_stage},
        users::{
            EmailAddress, add_team_member, create_team, create_user, primary_team, user_by_id,
        },
    },
    error::AppError,
    models::{
        ActivityKind, PropertyType, PropertyValue, SalesEventKind, TaskPriority, TaskStatus,
        TaskType, time_zone::ViewerZone,
    },
};
use chrono::{Duration, NaiveDate, TimeZone, Utc};

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

fn text(s: &str) -> PropertyValue {
    PropertyValue::Text(s.to_string())
}

async fn companies(db: &Db) -> ObjectType {
    object_type_by_name(db, "companies")
        .await
        .expect("companies object")
}

async fn user(db: &Db, email: &str) -> i64 {
    create_user(
        db,
        &EmailAddress::parse(email).unwrap(),
        "Test User",
        NewPassword::parse("test-password-1").unwrap(),
    )
    .await
    .expect("user")
}

async fn create_update_and_history(db: Db) {
    let actor = user(&db, "carl@example.com").await;
    let companies = companies(&db).await;
    let id = create_record(
        &db,
        &companies,
        &[
            ("name", text("Acme")),
            ("arr", PropertyValue::Currency(1_000_000)),
        ],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let created = get_record(&db, id).await.unwrap();
    assert_eq!(created.version, 1);
    assert_eq!(created.value("name"), Some(&text("Acme")));
    assert_eq!(created.value("domain"), None);

    let context = ChangeContext {
        actor: Some(actor),
        source: "crm_ui",
    };
    let renewal = PropertyValue::Date(NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
    let version = update_record(
        &db,
        id,
        1,
        &[
            ("arr", Some(PropertyValue::Currency(1_250_000))),
            ("renewal_date", Some(renewal.clone())),
            ("name", Some(text("Acme"))),
        ],
        context,
    )
    .await
    .unwrap();
    assert_eq!(version, 2);
    let updated = get_record(&db, id).await.unwrap();
    assert_eq!(
        updated.value("arr"),
        Some(&PropertyValue::Currency(1_250_000))
    );
    assert_eq!(updated.value("renewal_date"), Some(&renewal));

    let history = property_history(&db, id, "arr").await.unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0].old_value.as_deref(), Some("10000.00"));
    assert_eq!(history[0].new_value.as_deref(), Some("12500.00"));
    assert_eq!(history[0].changed_by, Some(actor));
    assert_eq!(history[0].source, "crm_ui");
    assert_eq!(history[1].old_value, None);
    // An unchanged value writes no history.
    assert_eq!(property_history(&db, id, "name").await.unwrap().len(), 1);

    let cleared = update_record(&db, id, 2, &[("renewal_date", None)], context)
        .await
        .unwrap();
    assert_eq!(cleared, 3);
    assert_eq!(
        get_record(&db, id).await.unwrap().value("renewal_date"),
        None
    );
}
db_test!(create_update_and_history);

async fn stale_versions_are_refused(db: Db) {
    let companies = companies(&db).await;
    let id = create_record(&db, &companies, &[("name", text("Globex"))], None, IMPORT)
        .await
        .unwrap();
    update_record(&db, id, 1, &[("name", Some(text("Globex Corp")))], IMPORT)
        .await
        .unwrap();
    let stale = update_record(&db, id, 1, &[("name", Some(text("Lost update")))], IMPORT).await;
    assert!(matches!(stale, Err(AppError::StaleVersion)), "{stale:?}");
    let record = get_record(&db, id).await.unwrap();
    assert_eq!(record.value("name"), Some(&text("Globex Corp")));
    assert_eq!(record.version, 2);
}
db_test!(stale_versions_are_refused);

async fn bad_values_change_nothing(db: Db) {
    let companies = companies(&db).await;
    let id = create_record(&db, &companies, &[("name", text("Initech"))], None, IMPORT)
        .await
        .unwrap();
    let wrong_type = update_record(&db, id, 1, &[("arr", Some(text("lots")))], IMPORT).await;
    assert!(
        matches!(&wrong_type, Err(AppError::Invalid { field, .. }) if field == "arr"),
        "{wrong_type:?}"
    );
    let unknown_option = update_record(
        &db,
        id,
        1,
        &[(
            "industry",
            Some(PropertyValue::Enumeration("mining".into())),
        )],
        IMPORT,
    )
    .await;
    assert!(matches!(&unknown_option, Err(AppError::Invalid { field, .. }) if field == "industry"));
    let unknown_property =
        update_record(&db, id, 1, &[("colour", Some(text("red")))], IMPORT).await;
    assert!(matches!(&unknown_property, Err(AppError::Invalid { field, .. }) if field == "colour"));
    let record = get_record(&db, id).await.unwrap();
    assert_eq!(record.version, 1);
    assert_eq!(record.value("arr"), None);
    let missing = get_record(&db, 999_999).await;
    assert!(matches!(missing, Err(AppError::NotFound(_))));
}
db_test!(bad_values_change_nothing);

async fn associations_work_from_both_sides(db: Db) {
    let companies = companies(&db).await;
    let contacts = object_type_by_name(&db, "contacts").await.unwrap();
    let company = create_record(&db, &companies, &[("name", text("Umbrella"))], None, IMPORT)
        .await
        .unwrap();
    let alice = create_record(&db, &contacts, &[("name", text("Alice"))], None, IMPORT)
        .await
        .unwrap();
    let bob = create_record(&db, &contacts, &[("name", text("Bob"))], None, IMPORT)
        .await
        .unwrap();
    associate(&db, alice, company).await.unwrap();
    associate(&db, company, bob).await.unwrap();
    associate(&db, company, bob).await.unwrap();
    assert_eq!(
        associated_records(&db, company, contacts.id).await.unwrap(),
        vec![alice, bob]
    );
    assert_eq!(
        associated_records(&db, bob, companies.id).await.unwrap(),
        vec![company]
    );
    assert!(
        associated_records(&db, company, companies.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(associate(&db, company, company).await.is_err());
}
db_test!(associations_work_from_both_sides);

async fn stage_moves_require_dependent_properties(db: Db) {
    let deals = object_type_by_name(&db, "deals").await.unwrap();
    let pipeline = create_pipeline(
        &db,
        &deals,
        "Enterprise",
        &[
            NewStage {
                name: "Discovery",
                is_closed: false,
                required_properties: &[],
            },
            NewStage {
                name: "Contract sent",
                is_closed: false,
                required_properties: &["amount", "close_date"],
            },
            NewStage {
                name: "Won",
                is_closed: true,
                required_properties: &[],
            },
        ],
    )
    .await
    .unwrap();
    let listed = pipelines(&db, deals.id).await.unwrap();
    assert_eq!(listed, vec![pipeline.clone()]);
    assert_eq!(
        listed[0].stages[1].required_properties,
        vec!["amount", "close_date"]
    );

    let (discovery, contract) = (pipeline.stages[0].id, pipeline.stages[1].id);
    let deal = create_record(
        &db,
        &deals,
        &[("name", text("Big deal"))],
        Some(discovery),
        IMPORT,
    )
    .await
    .unwrap();
    let refused = move_to(
        &db,
        deal,
        contract,
        1,
        &[("amount", PropertyValue::Currency(500_000))],
    )
    .await;
    match refused {
        Err(AppError::MissingRequired { properties, .. }) => {
            let labels: Vec<&str> = properties.iter().map(|p| p.label.as_str()).collect();
            assert_eq!(labels, ["Close date"]);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let unchanged = get_record(&db, deal).await.unwrap();
    assert_eq!(
        (unchanged.version, unchanged.stage_id),
        (1, Some(discovery))
    );
    assert_eq!(unchanged.value("amount"), None);

    let close = PropertyValue::Date(NaiveDate::from_ymd_opt(2027, 1, 15).unwrap());
    let version = move_to(
        &db,
        deal,
        contract,
        1,
        &[
            ("amount", PropertyValue::Currency(500_000)),
            ("close_date", close),
        ],
    )
    .await
    .unwrap();
    let moved = get_record(&db, deal).await.unwrap();
    assert_eq!(
        (moved.version, moved.stage_id, moved.pipeline_id),
        (version, Some(contract), Some(pipeline.id))
    );
    let stage_history = property_history(&db, deal, "stage").await.unwrap();
    assert_eq!(stage_history[0].old_value.as_deref(), Some("Discovery"));
    assert_eq!(stage_history[0].new_value.as_deref(), Some("Contract sent"));

    let stale = move_to(&db, deal, pipeline.stages[2].id, 1, &[]).await;
    assert!(matches!(stale, Err(AppError::StaleVersion)));
    let companies = companies(&db).await;
    let company = create_record(
        &db,
        &companies,
        &[("name", text("No pipelines"))],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let foreign_stage = move_to(&db, company, contract, 1, &[]).await;
    assert!(matches!(foreign_stage, Err(AppError::Invalid { .. })));
}
db_test!(stage_moves_require_dependent_properties);

async fn pages_are_sorted_and_complete(db: Db) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    seed(
        &db,
        &SeedOptions {
            companies: 2_500,
            seed: 5,
            now,
        },
        |_| {},
    )
    .await
    .unwrap();
    let companies = companies(&db).await;
    let unnamed = create_record(
        &db,
        &companies,
        &[("domain", text("anonymous.example"))],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let none = Default::default();
    let columns = ["name", "arr", "csm"];
    let mut ascending = Vec::new();
    let mut page_number = 1;
    loop {
        let page = common::list_of(
            &db,
            "companies",
            &columns,
            Some(("name", false)),
            &none,
            page_number,
            200,
        )
        .await
        .unwrap();
        assert_eq!(page.total, 2_501);
        assert!(
            page.rows
                .iter()
                .all(|r| page.columns.len() == r.cells.len())
        );
        let has_next = page.paging().has_next();
        ascending.extend(page.rows.into_iter().map(|r| (r.id, r.cells[0].clone())));
        if !has_next {
            break;
        }
        page_number += 1;
    }
    assert_eq!(page_number, 13);
    assert_eq!(ascending.len(), 2_501);
    assert_eq!(ascending[0].0, unnamed, "a missing value sorts first");
    let keys: Vec<(String, i64)> = ascending[1..]
        .iter()
        .map(|(id, name)| match name {
            Some(PropertyValue::Text(n)) => (n.to_lowercase(), *id),
            other => panic!("unexpected name {other:?}"),
        })
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "names are in case-insensitive order"
    );

    let first_descending = common::list_of(
        &db,
        "companies",
        &columns,
        Some(("name", true)),
        &none,
        1,
        50,
    )
    .await
    .unwrap();
    let expected: Vec<i64> = ascending
        .iter()
        .rev()
        .take(50)
        .map(|(id, _)| id)
        .copied()
        .collect();
    let got: Vec<i64> = first_descending.rows.iter().map(|r| r.id).collect();
    assert_eq!(got, expected, "descending is the exact reverse");
    assert!(
        !first_descending.users.is_empty(),
        "CSM names come with the page"
    );

    let by_arr = common::list_of(
        &db,
        "companies",
        &columns,
        Some(("arr", false)),
        &none,
        2,
        50,
    )
    .await
    .unwrap();
    let amounts: Vec<i64> = by_arr
        .rows
        .iter()
        .map(|r| match r.cells[1] {
            Some(PropertyValue::Currency(c)) => c,
            ref other => panic!("unexpected ARR {other:?}"),
        })
        .collect();
    assert!(
        amounts.windows(2).all(|w| w[0] <= w[1]),
        "ARR sorts numerically"
    );

    assert!(matches!(
        common::list_of(
            &db,
            "companies",
            &columns,
            Some(("favourite_colour", false)),
            &none,
            1,
            50
        )
        .await,
        Err(AppError::Invalid { .. })
    ));
}
db_test!(pages_are_sorted_and_complete);

async fn custom_properties_get_columns(db: Db) {
    let companies = companies(&db).await;
    let mut tx = db.begin().await.unwrap();
    let tier = NewProperty::parse(
        "health_tier",
        "Health tier",
        PropertyType::Enumeration,
        vec![
            ("gold".into(), "Gold".into()),
            ("silver".into(), "Silver".into()),
        ],
    )
    .unwrap();
    create_property(&mut tx, &companies, &tier).await.unwrap();
    tx.commit().await.unwrap();
    let again = {
        let mut tx = db.begin().await.unwrap();
        create_property(&mut tx, &companies, &tier).await
    };
    assert!(
        matches!(&again, Err(AppError::Invalid { field, .. }) if field == "name"),
        "{again:?}"
    );
    assert!(
        properties(&db, companies.id)
            .await
            .unwrap()
            .iter()
            .any(|p| p.name == "health_tier" && !p.is_standard)
    );

    for (name, tier) in [("Zeta", "silver"), ("Alpha", "gold")] {
        create_record(
            &db,
            &companies,
            &[
                ("name", text(name)),
                ("health_tier", PropertyValue::Enumeration(tier.into())),
            ],
            None,
            IMPORT,
        )
        .await
        .unwrap();
    }
    let page = common::list_of(
        &db,
        "companies",
        &["name", "health_tier"],
        Some(("health_tier", false)),
        &Default::default(),
        1,
        50,
    )
    .await
    .unwrap();
    assert_eq!(page.rows[0].cells[0], Some(text("Alpha")));
    assert_eq!(
        page.columns[1].options[0],
        ("gold".to_string(), "Gold".to_string())
    );
}
db_test!(custom_properties_get_columns);

async fn activities_events_and_follows(db: Db) {
    let owner = user(&db, "owner@example.com").await;
    let companies = companies(&db).await;
    let contacts = object_type_by_name(&db, "contacts").await.unwrap();
    let company = create_record(&db, &companies, &[("name", text("Hooli"))], None, IMPORT)
        .await
        .unwrap();
    let contact = create_record(&db, &contacts, &[("name", text("Gavin"))], None, IMPORT)
        .await
        .unwrap();
    let due = Utc::now() + Duration::hours(2);
    let task = create_activity(
        &db,
        &NewActivity {
            kind: ActivityKind::Task,
            subject: "Send renewal quote".into(),
            body: String::new(),
            owner_id: Some(owner),
            created_by: Some(owner),
            occurred_at: due,
            task: Some(TaskFields {
                due_at: due,
                status: TaskStatus::NotStarted,
                task_type: TaskType::Email,
                priority: TaskPriority::High,
            }),
            meeting: None,
            duration_minutes: None,
            record_ids: vec![company, contact],
        },
    )
    .await
    .unwrap();
    let timeline = activities_of_record(&db, company, 10).await.unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!((timeline[0].id, timeline[0].kind.as_str()), (task, "task"));
    let due_soon = open_tasks_due(&db, owner, Utc::now(), Utc::now() + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(due_soon.len(), 1);
    let no_subject = create_activity(
        &db,
        &NewActivity {
            subject: " ".into(),
            kind: ActivityKind::Call,
            task: None,
            ..base_note(company)
        },
    )
    .await;
    assert!(matches!(no_subject, Err(AppError::Invalid { .. })));

    record_sales_event(
        &db,
        contact,
        SalesEventKind::EmailOpened,
        Utc::now(),
        "Renewal offer",
        None,
    )
    .await
    .unwrap();
    record_sales_event(
        &db,
        contact,
        SalesEventKind::SequenceEnrolled,
        Utc::now(),
        "",
        Some("Renewal nurture"),
    )
    .await
    .unwrap();
    let events = events_of_contact(&db, contact).await.unwrap();
    assert_eq!(events.len(), 2);
    assert!(
        events
            .iter()
            .any(|e| e.sequence_name.as_deref() == Some("Renewal nurture"))
    );

    assert!(!is_following(&db, owner, company).await.unwrap());
    follow(&db, owner, company).await.unwrap();
    follow(&db, owner, company).await.unwrap();
    assert!(is_following(&db, owner, company).await.unwrap());
    unfollow(&db, owner, company).await.unwrap();
    assert!(!is_following(&db, owner, company).await.unwrap());
}
db_test!(activities_events_and_follows);

fn base_note(record: i64) -> NewActivity {
    NewActivity {
        kind: ActivityKind::Note,
        subject: "Note".into(),
        body: "Body".into(),
        owner_id: None,
        created_by: None,
        occurred_at: Utc::now(),
        task: None,
        meeting: None,
        duration_minutes: None,
        record_ids: vec![record],
    }
}

async fn users_have_unique_emails_and_one_primary_team(db: Db) {
    let first = user(&db, "dup@example.com").await;
    let duplicate = create_user(
        &db,
        &EmailAddress::parse("DUP@example.com").unwrap(),
        "Other",
        NewPassword::parse("test-password-2").unwrap(),
    )
    .await;
    match duplicate {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "email");
            assert_eq!(message, "A user with this email already exists");
        }
        other => panic!("expected a duplicate refusal, got {other:?}"),
    }
    let (a, b) = (
        create_team(&db, "Team A").await.unwrap(),
        create_team(&db, "Team B").await.unwrap(),
    );
    assert!(create_team(&db, "Team A").await.is_err());
    add_team_member(&db, first, a, true).await.unwrap();
    add_team_member(&db, first, b, true).await.unwrap();
    assert_eq!(primary_team(&db, first).await.unwrap(), Some(b));
}
db_test!(users_have_unique_emails_and_one_primary_team);

async fn deactivation_and_password_resets_end_sessions(db: Db) {
    use app::db::users::{
        list_users, reset_password, set_user_active, set_user_teams, update_user,
    };
    let id = user(&db, "leaver@example.com").await;
    let first = common::open_session(&db, id).await;
    assert_eq!(common::session_owner(&db, &first).await, Some(id));
    set_user_active(&db, id, false).await.unwrap();
    assert_eq!(common::session_owner(&db, &first).await, None);
    set_user_active(&db, id, true).await.unwrap();
    let second = common::open_session(&db, id).await;
    reset_password(&db, id, NewPassword::parse("another-password").unwrap())
        .await
        .unwrap();
    assert_eq!(common::session_owner(&db, &second).await, None);

    let other = user(&db, "taken@example.com").await;
    let taken = update_user(
        &db,
        id,
        "Leaver",
        &EmailAddress::parse("taken@example.com").unwrap(),
    )
    .await;
    assert!(
        matches!(taken, Err(AppError::Invalid { ref field, .. }) if field == "email"),
        "{taken:?}"
    );
    let team = create_team(&db, "Team C").await.unwrap();
    let outside = set_user_teams(&db, other, &[], Some(team)).await;
    assert!(matches!(outside, Err(AppError::Invalid { .. })));
    set_user_teams(&db, other, &[team], Some(team))
        .await
        .unwrap();
    let listed = list_users(&db).await.unwrap();
    let summary = listed.iter().find(|u| u.id == other).unwrap();
    assert_eq!(
        (summary.team_ids.clone(), summary.primary_team_id),
        (vec![team], Some(team))
    );
}
db_test!(deactivation_and_password_resets_end_sessions);

async fn teams_in_a_workspace_cannot_be_deleted(db: Db) {
    use app::db::{
        users::delete_team,
        workspaces::{create_workspace, workspace_of_team},
    };
    let (east, west) = (
        create_team(&db, "East").await.unwrap(),
        create_team(&db, "West").await.unwrap(),
    );
    let admin = create_user(
        &db,
        &EmailAddress::parse("admin@example.com").unwrap(),
        "Ada Admin",
        NewPassword::parse("long enough!").unwrap(),
    )
    .await
    .unwrap();
    create_workspace(&db, admin, "Enterprise", "Large accounts", &[east])
        .await
        .unwrap();
    let taken = create_workspace(&db, admin, "Second", "", &[east]).await;
    assert!(
        matches!(&taken, Err(AppError::Invalid { field, .. }) if field == "teams"),
        "{taken:?}"
    );
    assert_eq!(
        workspace_of_team(&db, east).await.unwrap().as_deref(),
        Some("Enterprise")
    );
    match delete_team(&db, east).await {
        Err(AppError::Conflict(message)) => assert!(message.contains("Enterprise"), "{message}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        workspace_of_team(&db, east).await.unwrap().as_deref(),
        Some("Enterprise")
    );
    delete_team(&db, west).await.unwrap();
    assert!(matches!(
        delete_team(&db, west).await,
        Err(AppError::NotFound(_))
    ));
}
db_test!(teams_in_a_workspace_cannot_be_deleted);

async fn blank_or_repeated_values_do_not_pass(db: Db) {
    let deals = object_type_by_name(&db, "deals").await.unwrap();
    let pipeline = create_pipeline(
        &db,
        &deals,
        "Strict",
        &[
            NewStage {
                name: "Open",
                is_closed: false,
                required_properties: &[],
            },
            NewStage {
                name: "Lost",
                is_closed: true,
                required_properties: &["lost_reason"],
            },
        ],
    )
    .await
    .unwrap();
    let deal = create_record(
        &db,
        &deals,
        &[("name", text("Deal")), ("lost_reason", text("Budget"))],
        Some(pipeline.stages[0].id),
        IMPORT,
    )
    .await
    .unwrap();
    let blanked = move_to(
        &db,
        deal,
        pipeline.stages[1].id,
        1,
        &[("lost_reason", text("  "))],
    )
    .await;
    assert!(
        matches!(blanked, Err(AppError::MissingRequired { .. })),
        "a blank fill does not satisfy a required property: {blanked:?}"
    );
    let twice = update_record(
        &db,
        deal,
        1,
        &[("name", Some(text("A"))), ("name", Some(text("B")))],
        IMPORT,
    )
    .await;
    assert!(
        matches!(&twice, Err(AppError::Invalid { field, .. }) if field == "name"),
        "{twice:?}"
    );
    assert_eq!(get_record(&db, deal).await.unwrap().version, 1);
}
db_test!(blank_or_repeated_values_do_not_pass);

/// A stage move by an importer, held to the pipeline's rules.
async fn move_to(
    db: &Db,
    record_id: i64,
    stage_id: i64,
    expected_version: i64,
    fills: &[(&str, PropertyValue)],
) -> Result<i64, AppError> {
    let request = StageMoveRequest {
        record_id,
        stage_id,
        expected_version,
        fills,
        bypass_rules: false,
    };
    move_record_to_stage(db, request, IMPORT).await
}

async fn users_keep_a_time_zone_and_change_their_own_password(db: Db) {
    let id = user(&db, "zone@example.com").await;
    let zone_of = |db: Db| async move { user_by_id(&db, id).await.unwrap().unwrap().time_zone };
    assert_eq!(
        zone_of(db.clone()).await,
        None,
        "no zone until one is chosen"
    );
    let tokyo = ViewerZone::parse("Asia/Tokyo").unwrap();
    adopt_time_zone(&db, id, tokyo).await.unwrap();
    assert_eq!(zone_of(db.clone()).await.as_deref(), Some("Asia/Tokyo"));
    // A later login from elsewhere does not override it; the Profile page does.
    let warsaw = ViewerZone::parse("Europe/Warsaw").unwrap();
    adopt_time_zone(&db, id, warsaw).await.unwrap();
    assert_eq!(zone_of(db.clone()).await.as_deref(), Some("Asia/Tokyo"));
    set_time_zone(&db, id, warsaw).await.unwrap();
    assert_eq!(zone_of(db.clone()).await.as_deref(), Some("Europe/Warsaw"));

    let here = common::open_session(&db, id).await;
    let elsewhere = common::open_session(&db, id).await;
    let refused = |result: Result<(), AppError>| match result {
        Err(AppError::Invalid { field, .. }) => field,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(
        refused(
            change_password(
                &db,
                id,
                "wrong-password".into(),
                "new-password-1",
                &here,
                ""
            )
            .await
        ),
        "current_password"
    );
    assert_eq!(
        refused(change_password(&db, id, "test-password-1".into(), "short", &here, "").await),
        "new_password"
    );
    change_password(
        &db,
        id,
        "test-password-1".into(),
        "new-password-1",
        &here,
        "",
    )
    .await
    .unwrap();
    assert_eq!(
        common::session_owner(&db, &here).await,
        Some(id),
        "this session stays"
    );
    assert_eq!(
        common::session_owner(&db, &elsewhere).await,
        None,
        "the others end"
    );
    assert_eq!(
        refused(
            change_password(
                &db,
                id,
                "test-password-1".into(),
                "another-one-2",
                &here,
                ""
            )
            .await
        ),
        "current_password",
        "the old password no longer counts"
    );
    // Wrong current passwords count with failed logins: the sixth in a row is throttled,
    // even with the right password.
    for _ in 0..3 {
        refused(change_password(&db, id, "guess".into(), "another-one-2", &here, "").await);
    }
    let throttled =
        change_password(&db, id, "new-password-1".into(), "another-one-2", &here, "").await;
    assert!(
        matches!(throttled, Err(AppError::TooManyRequests(_))),
        "{throttled:?}"
    );
}
db_test!(users_keep_a_time_zone_and_change_their_own_password);
