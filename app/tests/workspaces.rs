//! Workspace configuration on a real database (SQLite and PostgreSQL): the limits of SPEC §3,
//! the type checks of the tab settings, which workspace a user sees, and the audit log.

mod common;

use app::{
    db::{
        Db,
        audit_log::list_audit_log,
        cs_objects::{cs_objects, save_cs_objects},
        passwords::NewPassword,
        pipelines::{NewStage, create_pipeline},
        schema::{Identifier, create_object_type, object_type_by_name, properties},
        users::{EmailAddress, add_team_member, create_team, create_user},
        workspaces::{
            MAIN_WORKSPACE_NAME, PipelineTabForm, create_workspace, customer_tab, delete_workspace,
            save_customers_settings, save_pipeline_tab_settings, update_workspace,
            viewer_workspace, workspace_settings, workspaces_overview,
        },
    },
    error::AppError,
    models::workspace::{CsObjects, Layout, ObjectPropertyChoice, PipelineTab},
};

async fn user(db: &Db, email: &str) -> i64 {
    create_user(
        db,
        &EmailAddress::parse(email).unwrap(),
        email,
        NewPassword::parse("long enough!").unwrap(),
    )
    .await
    .unwrap()
}

fn field_of<T: std::fmt::Debug>(result: Result<T, AppError>) -> String {
    match result {
        Err(AppError::Invalid { field, .. }) => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn main_workspace(db: &Db) -> i64 {
    let overview = workspaces_overview(db).await.unwrap();
    let main = &overview.workspaces[0];
    assert!(main.is_main, "the main workspace is listed first");
    assert_eq!(main.name, MAIN_WORKSPACE_NAME);
    main.id
}

async fn at_most_five_team_workspaces(db: Db) {
    let admin = user(&db, "admin@example.com").await;
    main_workspace(&db).await;
    for n in 1..=5 {
        create_workspace(&db, admin, &format!("Team {n}"), "", &[])
            .await
            .unwrap();
    }
    let sixth = create_workspace(&db, admin, "Team 6", "", &[]).await;
    assert_eq!(
        sixth,
        Err(AppError::invalid(
            "workspaces",
            "You can create up to 5 workspaces"
        ))
    );
    let overview = workspaces_overview(&db).await.unwrap();
    assert_eq!(
        overview.workspaces.len(),
        6,
        "main + 5, the sixth was not stored"
    );
    assert_eq!(overview.team_workspace_count(), 5);
    assert_eq!(
        field_of(create_workspace(&db, admin, "  ", "", &[]).await),
        "name"
    );
    // Deleting one makes room again; the main workspace cannot be deleted.
    let team_1 = overview.workspaces[1].id;
    delete_workspace(&db, admin, team_1).await.unwrap();
    create_workspace(&db, admin, "Team 6", "", &[])
        .await
        .unwrap();
    let main = main_workspace(&db).await;
    assert!(matches!(
        delete_workspace(&db, admin, main).await,
        Err(AppError::Conflict(_))
    ));
}
db_test!(at_most_five_team_workspaces);

async fn concurrent_creations_respect_the_limit(db: Db) {
    let admin = user(&db, "admin@example.com").await;
    for n in 1..=4 {
        create_workspace(&db, admin, &format!("Team {n}"), "", &[])
            .await
            .unwrap();
    }
    // Two requests race for the last place: exactly one gets it.
    let (a, b) = tokio::join!(
        create_workspace(&db, admin, "Racer A", "", &[]),
        create_workspace(&db, admin, "Racer B", "", &[]),
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} {b:?}"
    );
    assert_eq!(
        workspaces_overview(&db)
            .await
            .unwrap()
            .team_workspace_count(),
        5
    );
}
db_test!(concurrent_creations_respect_the_limit);

async fn a_team_belongs_to_one_workspace_and_its_members_see_it(db: Db) {
    let admin = user(&db, "admin@example.com").await;
    let csm = user(&db, "csm@example.com").await;
    let (enterprise, smb) = (
        create_team(&db, "Enterprise CS").await.unwrap(),
        create_team(&db, "SMB CS").await.unwrap(),
    );
    add_team_member(&db, csm, enterprise, true).await.unwrap();
    add_team_member(&db, csm, smb, false).await.unwrap();
    let main = main_workspace(&db).await;
    assert_eq!(viewer_workspace(&db, csm).await.unwrap().id, main);

    let first = create_workspace(&db, admin, "Enterprise", "Large accounts", &[enterprise])
        .await
        .unwrap();
    let second = create_workspace(&db, admin, "SMB", "", &[smb])
        .await
        .unwrap();
    // The primary team decides, not any team.
    let seen = viewer_workspace(&db, csm).await.unwrap();
    assert_eq!((seen.id, seen.name.as_str()), (first, "Enterprise"));

    let refused = update_workspace(&db, admin, second, "SMB", "", Some(&[smb, enterprise])).await;
    match refused {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "teams");
            assert!(message.contains("Enterprise"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        field_of(update_workspace(&db, admin, main, "Main", "", Some(&[smb])).await),
        "teams",
        "the main workspace holds no teams"
    );
    assert_eq!(
        field_of(update_workspace(&db, admin, second, "Enterprise", "", None).await),
        "name",
        "names are unique"
    );
    // Removing the team (the × on its chip) sends its members back to the main workspace.
    update_workspace(
        &db,
        admin,
        first,
        "Enterprise accounts",
        "Top 100",
        Some(&[]),
    )
    .await
    .unwrap();
    assert_eq!(viewer_workspace(&db, csm).await.unwrap().id, main);
    update_workspace(&db, admin, second, "SMB", "", Some(&[smb, enterprise]))
        .await
        .unwrap();
    assert_eq!(viewer_workspace(&db, csm).await.unwrap().id, second);
    delete_workspace(&db, admin, second).await.unwrap();
    assert_eq!(viewer_workspace(&db, csm).await.unwrap().id, main);

    let log = list_audit_log(&db, 1, Default::default(), Default::default())
        .await
        .unwrap();
    let areas: Vec<&str> = log.entries.iter().map(|e| e.area.as_str()).collect();
    assert_eq!(log.entries[0].changes, vec!["Deleted"]);
    assert!(
        areas.contains(&"Workspace “Enterprise accounts” · General"),
        "{areas:?}"
    );
    let renamed = log
        .entries
        .iter()
        .find(|e| e.area == "Workspace “Enterprise accounts” · General")
        .unwrap();
    assert!(
        renamed
            .changes
            .contains(&"Name: “Enterprise” → “Enterprise accounts”".to_string()),
        "{:?}",
        renamed.changes
    );
    assert!(
        renamed
            .changes
            .contains(&"Teams: “Enterprise CS” → none".to_string())
    );
    assert_eq!(renamed.user_name.as_deref(), Some("admin@example.com"));
    assert_eq!(log.total, 5, "two creations, two updates, one deletion");
}
db_test!(a_team_belongs_to_one_workspace_and_its_members_see_it);

/// A custom object with a pipeline, to offer a third revenue object.
async fn subscriptions(db: &Db) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let object = create_object_type(
        &mut tx,
        &Identifier::parse("name", "subscriptions").unwrap(),
        "Subscription",
        "Subscriptions",
        true,
        true,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    object.id
}

async fn at_most_two_revenue_objects(db: Db) {
    let admin = user(&db, "admin@example.com").await;
    let id = |name: &'static str| {
        let db = db.clone();
        async move { object_type_by_name(&db, name).await.unwrap().id }
    };
    let (companies, contacts, deals, tickets, services) = (
        id("companies").await,
        id("contacts").await,
        id("deals").await,
        id("tickets").await,
        id("services").await,
    );
    let defaults = cs_objects(&db).await.unwrap();
    assert_eq!(
        defaults,
        CsObjects {
            customer_object_id: companies,
            services_object_id: Some(services),
            revenue_object_ids: vec![deals, tickets],
        }
    );
    let subscriptions = subscriptions(&db).await;
    let three = CsObjects {
        revenue_object_ids: vec![deals, tickets, subscriptions],
        ..defaults.clone()
    };
    assert_eq!(
        save_cs_objects(&db, admin, &three).await,
        Err(AppError::invalid(
            "revenue",
            "Choose at most 2 revenue objects"
        ))
    );
    let wrong_customer = CsObjects {
        customer_object_id: deals,
        ..defaults.clone()
    };
    assert_eq!(
        field_of(save_cs_objects(&db, admin, &wrong_customer).await),
        "customers"
    );
    assert_eq!(
        cs_objects(&db).await.unwrap(),
        defaults,
        "refusals change nothing"
    );

    let chosen = CsObjects {
        customer_object_id: contacts,
        services_object_id: None,
        revenue_object_ids: vec![deals, subscriptions],
    };
    save_cs_objects(&db, admin, &chosen).await.unwrap();
    assert_eq!(cs_objects(&db).await.unwrap(), chosen);
    let log = list_audit_log(&db, 1, Default::default(), Default::default())
        .await
        .unwrap();
    assert_eq!(log.entries[0].area, "Objects");
    assert_eq!(
        log.entries[0].changes,
        vec![
            "Customers: “Companies” → “Contacts”",
            "Services: “Services” → none",
            "Revenue: “Deals, Tickets” → “Deals, Subscriptions”",
        ]
    );

    // The tabs follow: customers are contacts (CSM = contact owner), no services object.
    let main = main_workspace(&db).await;
    let tab = customer_tab(&db, main).await.unwrap();
    assert_eq!(tab.object.name, "contacts");
    assert_eq!(tab.csm_property.map(|p| p.name).as_deref(), Some("owner"));
    let settings = workspace_settings(&db, main).await.unwrap();
    assert!(settings.services.objects.is_empty());
    let revenue_labels: Vec<&str> = settings
        .revenue
        .objects
        .iter()
        .map(|o| o.object.label.as_str())
        .collect();
    assert_eq!(revenue_labels, ["Deals", "Subscriptions"]);
}
db_test!(at_most_two_revenue_objects);

async fn tab_settings_accept_only_fitting_properties_and_pipelines(db: Db) {
    let admin = user(&db, "admin@example.com").await;
    let main = main_workspace(&db).await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let deals = object_type_by_name(&db, "deals").await.unwrap();
    let tickets = object_type_by_name(&db, "tickets").await.unwrap();
    let property = |properties: &[app::db::schema::PropertyDef], name: &str| {
        properties.iter().find(|p| p.name == name).unwrap().id
    };
    let company_properties = properties(&db, companies.id).await.unwrap();
    let (csm, owner, name, renewal) = (
        property(&company_properties, "csm"),
        property(&company_properties, "owner"),
        property(&company_properties, "name"),
        property(&company_properties, "renewal_date"),
    );
    let defaults = workspace_settings(&db, main).await.unwrap();
    assert_eq!(defaults.customers.csm_property_id, Some(csm));
    assert_eq!(defaults.customers.date_property_id, Some(renewal));

    assert_eq!(
        field_of(save_customers_settings(&db, admin, main, Some(name), None).await),
        "csm_property",
        "a text property cannot hold the CSM"
    );
    assert_eq!(
        field_of(save_customers_settings(&db, admin, main, Some(csm), Some(owner)).await),
        "date_property"
    );
    assert_eq!(
        field_of(save_customers_settings(&db, admin, main, None, None).await),
        "csm_property"
    );
    save_customers_settings(&db, admin, main, Some(owner), None)
        .await
        .unwrap();
    let saved = workspace_settings(&db, main).await.unwrap();
    assert_eq!(
        (
            saved.customers.csm_property_id,
            saved.customers.date_property_id
        ),
        (Some(owner), None),
        "an explicit “no renewal date” is kept, not replaced by the default"
    );
    assert_eq!(
        customer_tab(&db, main)
            .await
            .unwrap()
            .csm_property
            .map(|p| p.name)
            .as_deref(),
        Some("owner")
    );

    let stage = [NewStage {
        name: "Open",
        is_closed: false,
        required_properties: &[],
    }];
    let sales = create_pipeline(&db, &deals, "Sales", &stage).await.unwrap();
    let renewals = create_pipeline(&db, &deals, "Renewals", &stage)
        .await
        .unwrap();
    let support = create_pipeline(&db, &tickets, "Support", &stage)
        .await
        .unwrap();
    let deal_properties = properties(&db, deals.id).await.unwrap();
    let ticket_properties = properties(&db, tickets.id).await.unwrap();
    let form = |pipeline_ids: Vec<i64>, default: Option<i64>, deal_csm: i64| PipelineTabForm {
        shown: false,
        properties: vec![
            ObjectPropertyChoice {
                object_type_id: deals.id,
                csm_property_id: Some(deal_csm),
                date_property_id: Some(property(&deal_properties, "close_date")),
            },
            ObjectPropertyChoice {
                object_type_id: tickets.id,
                csm_property_id: Some(property(&ticket_properties, "owner")),
                date_property_id: None,
            },
        ],
        pipeline_ids,
        default_pipeline_id: default,
        default_layout: Layout::Table,
    };
    let revenue = |form| {
        let db = db.clone();
        async move { save_pipeline_tab_settings(&db, admin, main, PipelineTab::Revenue, &form).await }
    };
    // A company property on a deal, a pipeline of another object, a default not shown.
    assert_eq!(
        field_of(revenue(form(vec![sales.id], None, csm)).await),
        "csm_property"
    );
    let services = object_type_by_name(&db, "services").await.unwrap();
    let delivery = create_pipeline(&db, &services, "Delivery", &stage)
        .await
        .unwrap();
    assert_eq!(
        field_of(
            revenue(form(
                vec![sales.id, delivery.id],
                None,
                property(&deal_properties, "owner")
            ))
            .await
        ),
        "pipelines"
    );
    assert_eq!(
        field_of(
            revenue(form(
                vec![sales.id],
                Some(support.id),
                property(&deal_properties, "owner")
            ))
            .await
        ),
        "default_pipeline"
    );
    assert_eq!(
        field_of(revenue(form(vec![], None, property(&deal_properties, "owner"))).await),
        "pipelines"
    );
    let unchanged = workspace_settings(&db, main).await.unwrap().revenue;
    assert!(unchanged.shown);
    assert_eq!(
        unchanged.shown_pipeline_ids,
        vec![sales.id, renewals.id, support.id]
    );

    revenue(form(
        vec![support.id, renewals.id],
        Some(support.id),
        property(&deal_properties, "owner"),
    ))
    .await
    .unwrap();
    let saved = workspace_settings(&db, main).await.unwrap().revenue;
    assert!(!saved.shown);
    assert_eq!(saved.shown_pipeline_ids, vec![renewals.id, support.id]);
    assert_eq!(saved.default_pipeline_id, Some(support.id));
    assert_eq!(saved.default_layout, Layout::Table);
    assert_eq!(
        saved.objects[0].csm_property_id,
        Some(property(&deal_properties, "owner"))
    );
    let member = user(&db, "csm@example.com").await;
    assert!(
        !viewer_workspace(&db, member)
            .await
            .unwrap()
            .show_revenue_tab
    );

    let log = list_audit_log(&db, 1, Default::default(), Default::default())
        .await
        .unwrap();
    assert_eq!(log.entries[0].area, "Workspace “Main workspace” · Revenue");
    for line in [
        "Show Revenue tab: “on” → “off”",
        "Pipelines: “Sales, Renewals, Support” → “Renewals, Support”",
        "Default pipeline: “Sales” → “Support”",
        "Default layout: “Board” → “Table”",
    ] {
        assert!(
            log.entries[0].changes.contains(&line.to_string()),
            "{:?}",
            log.entries[0].changes
        );
    }
}
db_test!(tab_settings_accept_only_fitting_properties_and_pipelines);
