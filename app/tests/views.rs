//! The list engine and views on a real database, SQLite and PostgreSQL: every operator on a
//! small fixture, OR groups, the built-in views, sharing rules, merging, stale and racing
//! updates and the schema cache.

mod common;

use std::{collections::BTreeSet, sync::Arc};

use app::{
    db::{
        Db,
        activities::{NewActivity, activities_of_record, create_activity},
        associations::{associate, associated_records},
        follows::{follow, is_following},
        list_views,
        merge::merge_records,
        query::{ListSpec, QueryContext, list_page},
        records::{ChangeContext, create_record, get_record, property_history, update_record},
        schema::{NewProperty, create_property, object_type_by_name},
        users::{grant_permission, permissions_of},
        views::{NewView, create_view, visible_view, visible_views},
        workspaces::viewer_workspace,
    },
    error::AppError,
    models::{
        ActivityKind, Permission, PropertyValue, Viewer,
        filter::{Condition, FilterGroup, FilterTree, Operator},
        record_detail::MergeSide,
        view::{ListTab, ListUrl, Sharing, ViewState},
    },
};
use chrono::{Duration, Utc};

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

async fn viewer(db: &Db, id: i64) -> Viewer {
    for permission in [Permission::ServiceSeat, Permission::CsWorkspaceAccess] {
        grant_permission(db, id, permission).await.unwrap();
    }
    Viewer {
        id,
        name: "Viewer".into(),
        email: "viewer@example.com".into(),
        permissions: permissions_of(db, id).await.unwrap(),
        workspace: viewer_workspace(db, id).await.unwrap(),
        time_zone: Default::default(),
    }
}

fn text(s: &str) -> PropertyValue {
    PropertyValue::Text(s.into())
}

/// Four companies, A to D, with a value of every type (see each test for which).
struct Fixture {
    csm: i64,
    other_csm: i64,
}

async fn fixture(db: &Db) -> Fixture {
    let companies = object_type_by_name(db, "companies").await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let tags = NewProperty::parse(
        "tags",
        "Tags",
        app::models::PropertyType::MultiEnumeration,
        vec![
            ("vip".into(), "VIP".into()),
            ("beta".into(), "Beta".into()),
            ("legacy".into(), "Legacy".into()),
        ],
    )
    .unwrap();
    create_property(&mut tx, &companies, &tags).await.unwrap();
    let active = NewProperty::parse(
        "is_active",
        "Active",
        app::models::PropertyType::Boolean,
        vec![],
    )
    .unwrap();
    create_property(&mut tx, &companies, &active).await.unwrap();
    tx.commit().await.unwrap();

    let csm = common::new_user(db, "carl@example.com").await;
    let other_csm = common::new_user(db, "chloe@example.com").await;
    let today = Utc::now().date_naive();
    let enumeration = |v: &str| PropertyValue::Enumeration(v.into());
    let multi =
        |vs: &[&str]| PropertyValue::MultiEnumeration(vs.iter().map(|v| v.to_string()).collect());
    let records: Vec<Vec<(&str, PropertyValue)>> = vec![
        vec![
            ("name", text("Acme Corp")),
            ("industry", enumeration("software")),
            ("arr", PropertyValue::Currency(100_000)),
            ("employees", PropertyValue::Number(50.0)),
            (
                "renewal_date",
                PropertyValue::Date(today + Duration::days(7)),
            ),
            ("tags", multi(&["vip", "beta"])),
            ("is_active", PropertyValue::Boolean(true)),
            ("csm", PropertyValue::User(csm)),
            (
                "last_activity_date",
                PropertyValue::DateTime(Utc::now() - Duration::days(2)),
            ),
        ],
        vec![
            ("name", text("acme labs")),
            ("industry", enumeration("retail")),
            ("arr", PropertyValue::Currency(25_050)),
            ("employees", PropertyValue::Number(5.0)),
            ("tags", multi(&["beta"])),
            ("is_active", PropertyValue::Boolean(false)),
            ("csm", PropertyValue::User(other_csm)),
            (
                "last_activity_date",
                PropertyValue::DateTime(Utc::now() - Duration::days(40)),
            ),
        ],
        vec![
            ("name", text("Globex 50%_off")),
            ("employees", PropertyValue::Number(500.0)),
            (
                "renewal_date",
                PropertyValue::Date(today + Duration::days(97)),
            ),
        ],
        vec![
            ("name", text("Initech")),
            ("industry", enumeration("software")),
            ("arr", PropertyValue::Currency(9_999_999)),
            (
                "renewal_date",
                PropertyValue::Date(today - Duration::days(4)),
            ),
            ("tags", multi(&["legacy"])),
            ("is_active", PropertyValue::Boolean(true)),
            ("csm", PropertyValue::User(csm)),
        ],
    ];
    for values in &records {
        create_record(db, &companies, values, None, IMPORT)
            .await
            .unwrap();
    }
    Fixture { csm, other_csm }
}

/// The names of the companies matching `tree` for viewer `viewer_id`, as a set of letters
/// (A = Acme Corp, B = acme labs, C = Globex, D = Initech).
async fn matching(db: &Db, viewer_id: i64, tree: FilterTree) -> Result<String, AppError> {
    let schema = db.schema().await?;
    let object = schema.object_named("companies")?;
    let columns = vec!["name".to_string()];
    let spec = ListSpec {
        columns: &columns,
        sort: None,
        scopes: &[],
        filters: &tree,
        page: 1,
        page_size: 50,
    };
    let cx = QueryContext {
        viewer_id,
        today: Utc::now().date_naive(),
        zone: app::models::time_zone::ViewerZone::UTC,
    };
    let page = list_page(db, object, &spec, &cx).await?;
    let letters: BTreeSet<char> = page
        .rows
        .iter()
        .map(|row| match &row.cells[0] {
            Some(PropertyValue::Text(name)) => match name.as_str() {
                "Acme Corp" => 'A',
                "acme labs" => 'B',
                "Globex 50%_off" => 'C',
                "Initech" => 'D',
                other => panic!("unexpected {other}"),
            },
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        page.total as usize,
        letters.len(),
        "the count agrees with the rows"
    );
    Ok(letters.into_iter().collect())
}

fn one(property: &str, operator: Operator, values: &[&str]) -> FilterTree {
    FilterTree {
        groups: vec![FilterGroup {
            conditions: vec![Condition {
                property: property.into(),
                operator,
                values: values.iter().map(|v| v.to_string()).collect(),
            }],
        }],
    }
}

async fn every_operator_returns_exactly_its_records(db: Db) {
    let Fixture { csm, other_csm } = fixture(&db).await;
    let today = Utc::now().date_naive();
    let day = |offset: i64| (today + Duration::days(offset)).to_string();
    let other = other_csm.to_string();
    use Operator::*;
    let cases: Vec<(&str, Operator, Vec<String>, &str)> = vec![
        ("name", Is, vec!["ACME CORP".into()], "A"),
        ("name", IsNot, vec!["Acme Corp".into()], "BCD"),
        ("name", Contains, vec!["acme".into()], "AB"),
        ("name", Contains, vec!["50%_".into()], "C"),
        ("name", Contains, vec!["%".into()], "C"),
        ("name", DoesNotContain, vec!["acme".into()], "CD"),
        ("name", StartsWith, vec!["AC".into()], "AB"),
        ("name", StartsWith, vec!["_".into()], ""),
        ("name", IsKnown, vec![], "ABCD"),
        ("domain", IsUnknown, vec![], "ABCD"),
        ("employees", Equals, vec!["50".into()], "A"),
        ("employees", NotEquals, vec!["50".into()], "BCD"),
        ("employees", LessThan, vec!["50".into()], "B"),
        ("employees", AtMost, vec!["50".into()], "AB"),
        ("employees", GreaterThan, vec!["50".into()], "C"),
        ("employees", AtLeast, vec!["50".into()], "AC"),
        ("employees", Between, vec!["5".into(), "50".into()], "AB"),
        ("employees", IsKnown, vec![], "ABC"),
        ("employees", IsUnknown, vec![], "D"),
        ("arr", AtLeast, vec!["1,000".into()], "AD"),
        ("arr", Between, vec!["250.50".into(), "1000".into()], "AB"),
        ("arr", IsUnknown, vec![], "C"),
        ("renewal_date", On, vec![day(7)], "A"),
        ("renewal_date", Before, vec![day(7)], "D"),
        ("renewal_date", After, vec![day(7)], "C"),
        ("renewal_date", Between, vec![day(-10), day(10)], "AD"),
        ("renewal_date", InNextDays, vec!["30".into()], "A"),
        ("renewal_date", InLastDays, vec!["30".into()], "D"),
        ("renewal_date", IsUnknown, vec![], "B"),
        ("last_activity_date", InLastDays, vec!["7".into()], "A"),
        ("last_activity_date", InLastDays, vec!["60".into()], "AB"),
        ("last_activity_date", Before, vec![day(-30)], "B"),
        ("last_activity_date", IsUnknown, vec![], "CD"),
        ("created_at", InLastDays, vec!["1".into()], "ABCD"),
        ("created_at", After, vec![day(0)], ""),
        ("industry", IsAnyOf, vec!["software".into()], "AD"),
        ("industry", IsNoneOf, vec!["software".into()], "BC"),
        ("industry", IsUnknown, vec![], "C"),
        (
            "tags",
            ContainsAnyOf,
            vec!["vip".into(), "legacy".into()],
            "AD",
        ),
        (
            "tags",
            ContainsAllOf,
            vec!["vip".into(), "beta".into()],
            "A",
        ),
        ("tags", ContainsNoneOf, vec!["beta".into()], "CD"),
        ("is_active", IsTrue, vec![], "AD"),
        ("is_active", IsFalse, vec![], "B"),
        ("is_active", IsUnknown, vec![], "C"),
        ("csm", IsAnyOf, vec![other.clone()], "B"),
        ("csm", IsMe, vec![], "AD"),
        ("csm", IsUnknown, vec![], "C"),
    ];
    for (property, operator, values, expected) in cases {
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let got = matching(&db, csm, one(property, operator, &values))
            .await
            .unwrap();
        assert_eq!(got, expected, "{property} {operator:?} {values:?}");
    }

    // (software AND ≥ 50 employees) OR name contains "labs"
    let condition = |property: &str, operator, value: &str| Condition {
        property: property.into(),
        operator,
        values: vec![value.into()],
    };
    let tree = FilterTree {
        groups: vec![
            FilterGroup {
                conditions: vec![
                    condition("industry", IsAnyOf, "software"),
                    condition("employees", AtLeast, "50"),
                ],
            },
            FilterGroup {
                conditions: vec![condition("name", Contains, "labs")],
            },
        ],
    };
    assert_eq!(matching(&db, csm, tree).await.unwrap(), "AB");

    // Values are bound, never spliced: the table is still there afterwards.
    let attack = "'; DROP TABLE records; --";
    assert_eq!(
        matching(&db, csm, one("name", Is, &[attack]))
            .await
            .unwrap(),
        ""
    );
    assert_eq!(
        matching(&db, csm, one("name", Contains, &[attack]))
            .await
            .unwrap(),
        ""
    );
    assert_eq!(
        matching(&db, csm, one("name", IsKnown, &[])).await.unwrap(),
        "ABCD"
    );
    for (property, operator, values) in [
        ("employees", Equals, &["ten"][..]),
        ("employees", Between, &["9", "1"][..]),
        ("tags", ContainsAnyOf, &["gold"][..]),
        ("nope", IsKnown, &[][..]),
    ] {
        assert!(
            matches!(
                matching(&db, csm, one(property, operator, values)).await,
                Err(AppError::Invalid { .. })
            ),
            "{property} {operator:?} is refused"
        );
    }
}
db_test!(every_operator_returns_exactly_its_records);

async fn built_in_views_follow_the_csm_and_its_history(db: Db) {
    let Fixture { csm, other_csm } = fixture(&db).await;
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let me = viewer(&db, csm).await;
    let context = ChangeContext {
        actor: Some(other_csm),
        source: "test",
    };
    let create = |name: &'static str, owner: i64| {
        let db = db.clone();
        let companies = companies.clone();
        async move {
            create_record(
                &db,
                &companies,
                &[("name", text(name)), ("csm", PropertyValue::User(owner))],
                None,
                IMPORT,
            )
            .await
            .unwrap()
        }
    };
    // Recent: given to me now. Old: given to me 40 days ago. Gone: given to me, then to another.
    let recent = create("Recent", other_csm).await;
    update_record(
        &db,
        recent,
        1,
        &[("csm", Some(PropertyValue::User(csm)))],
        context,
    )
    .await
    .unwrap();
    let old = create("Old", other_csm).await;
    update_record(
        &db,
        old,
        1,
        &[("csm", Some(PropertyValue::User(csm)))],
        context,
    )
    .await
    .unwrap();
    let forty_days_ago = Utc::now() - Duration::days(40);
    app::on_pool!(&db, pool => sqlx::query(
        "UPDATE property_history SET changed_at = $1 WHERE record_id = $2 AND property_name = 'csm'")
        .bind(forty_days_ago)
        .bind(old)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
    .unwrap();
    let gone = create("Gone", other_csm).await;
    update_record(
        &db,
        gone,
        1,
        &[("csm", Some(PropertyValue::User(csm)))],
        context,
    )
    .await
    .unwrap();
    update_record(
        &db,
        gone,
        2,
        &[("csm", Some(PropertyValue::User(other_csm)))],
        context,
    )
    .await
    .unwrap();

    let names = |url: &str| {
        let db = db.clone();
        let me = me.clone();
        let url = ListUrl::parse(url).unwrap();
        async move {
            let list = common::ready(
                list_views::record_list(&db, &me, ListTab::Customers, &url)
                    .await
                    .unwrap(),
            );
            list.page
                .rows
                .iter()
                .map(|r| {
                    r.cells[0]
                        .clone()
                        .map(|v| v.to_canonical())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
        }
    };
    // Created with me as CSM today counts as assigned today too.
    assert_eq!(
        names("view=assigned").await,
        ["Acme Corp", "Initech", "Recent"]
    );
    assert_eq!(
        names("view=owned").await,
        ["Acme Corp", "Initech", "Old", "Recent"]
    );
    assert_eq!(names("view=all").await.len(), 7);
    // The view's state in the URL: sort by name descending, one column.
    assert_eq!(
        names("view=owned&cols=name&sort=-name").await,
        ["Recent", "Old", "Initech", "Acme Corp"]
    );
    // No view given: the first of the sidebar, Owned by me.
    assert_eq!(names("").await.len(), 4);
}
db_test!(built_in_views_follow_the_csm_and_its_history);

async fn views_are_shared_by_the_rules(db: Db) {
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let csm = common::new_user(&db, "carl@example.com").await;
    let manager = common::new_user(&db, "maya@example.com").await;
    let state = ViewState {
        columns: vec!["name".into(), "arr".into()],
        ..ViewState::default()
    };
    let new = |owner, name: &str, sharing, featured, may_share| {
        NewView::parse(
            companies.id,
            owner,
            name,
            sharing,
            featured,
            "Renewing soon",
            state.clone(),
            may_share,
        )
    };
    let private = create_view(
        &db,
        &new(csm, "My big ones", Sharing::Private, false, false).unwrap(),
    )
    .await
    .unwrap();
    assert!(matches!(
        new(csm, "For all", Sharing::Everyone, false, false),
        Err(AppError::PermissionDenied(_))
    ));
    let shared = create_view(
        &db,
        &new(manager, "Renewals", Sharing::Everyone, true, true).unwrap(),
    )
    .await
    .unwrap();
    let duplicate = create_view(
        &db,
        &new(csm, "My big ones", Sharing::Private, false, false).unwrap(),
    )
    .await;
    assert!(
        matches!(duplicate, Err(AppError::Invalid { ref field, .. }) if field == "name"),
        "{duplicate:?}"
    );

    let seen_by_csm: Vec<i64> = visible_views(&db, companies.id, csm)
        .await
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    assert_eq!(seen_by_csm, [shared, private], "featured first, then own");
    let seen_by_manager: Vec<i64> = visible_views(&db, companies.id, manager)
        .await
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    assert_eq!(
        seen_by_manager,
        [shared],
        "another's private view stays private"
    );
    assert!(matches!(
        visible_view(&db, private, manager).await,
        Err(AppError::NotFound(_))
    ));
    let shared_view = visible_view(&db, shared, csm).await.unwrap();
    assert!(!shared_view.editable_by(csm, false));
    assert!(shared_view.editable_by(csm, true));
    assert_eq!(shared_view.description, "Renewing soon");
    assert_eq!(shared_view.state, state);
}
db_test!(views_are_shared_by_the_rules);

async fn merging_moves_everything_to_the_kept_record(db: Db) {
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let contacts = object_type_by_name(&db, "contacts").await.unwrap();
    let actor = common::new_user(&db, "carl@example.com").await;
    let kept = create_record(
        &db,
        &companies,
        &[
            ("name", text("Kept Inc")),
            ("arr", PropertyValue::Currency(100)),
        ],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let merged = create_record(
        &db,
        &companies,
        &[
            ("name", text("Merged LLC")),
            ("arr", PropertyValue::Currency(200)),
            ("domain", text("merged.example")),
        ],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let only_merged = create_record(
        &db,
        &contacts,
        &[("name", text("Only Merged"))],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let both = create_record(&db, &contacts, &[("name", text("Both"))], None, IMPORT)
        .await
        .unwrap();
    associate(&db, merged, only_merged).await.unwrap();
    associate(&db, merged, both).await.unwrap();
    associate(&db, kept, both).await.unwrap();
    follow(&db, actor, merged).await.unwrap();
    create_activity(
        &db,
        &NewActivity {
            kind: ActivityKind::Note,
            subject: String::new(),
            body: "Called about renewal".into(),
            owner_id: Some(actor),
            created_by: Some(actor),
            occurred_at: Utc::now(),
            task: None,
            meeting: None,
            duration_minutes: None,
            record_ids: vec![merged],
        },
    )
    .await
    .unwrap();

    let refused = merge_records(&db, kept, kept, &[], actor).await;
    assert!(
        matches!(refused, Err(AppError::Invalid { .. })),
        "{refused:?}"
    );
    let contact_into_company = merge_records(&db, kept, both, &[], actor).await;
    assert!(matches!(
        contact_into_company,
        Err(AppError::Invalid { .. })
    ));

    merge_records(
        &db,
        kept,
        merged,
        &[("arr".into(), MergeSide::Merged)],
        actor,
    )
    .await
    .unwrap();
    let record = get_record(&db, kept).await.unwrap();
    assert_eq!(
        record.value("name"),
        Some(&text("Kept Inc")),
        "the kept name stays"
    );
    assert_eq!(
        record.value("arr"),
        Some(&PropertyValue::Currency(200)),
        "the chosen value wins"
    );
    assert_eq!(
        record.value("domain"),
        Some(&text("merged.example")),
        "a value only the other had comes along"
    );
    assert!(
        matches!(get_record(&db, merged).await, Err(AppError::NotFound(_))),
        "the other disappears"
    );
    assert_eq!(
        associated_records(&db, kept, contacts.id).await.unwrap(),
        [only_merged, both]
    );
    assert_eq!(activities_of_record(&db, kept, 10).await.unwrap().len(), 1);
    assert!(is_following(&db, actor, kept).await.unwrap());
    let domain_history = property_history(&db, kept, "domain").await.unwrap();
    assert_eq!(
        domain_history.len(),
        2,
        "the merged record's history moved over, and the merge wrote one entry"
    );
    assert_eq!(domain_history[0].source, "merge");
}
db_test!(merging_moves_everything_to_the_kept_record);

async fn of_two_racing_updates_exactly_one_wins(db: Db) {
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let id = create_record(
        &db,
        &companies,
        &[("name", text("Contested"))],
        None,
        IMPORT,
    )
    .await
    .unwrap();
    let (first_change, second_change) = (
        [("name", Some(text("First")))],
        [("name", Some(text("Second")))],
    );
    let first = update_record(&db, id, 1, &first_change, IMPORT);
    let second = update_record(&db, id, 1, &second_change, IMPORT);
    let (a, b) = tokio::join!(first, second);
    let outcomes = [a.is_ok(), b.is_ok()];
    assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 1, "{a:?} {b:?}");
    assert!(matches!(a, Err(AppError::StaleVersion)) || matches!(b, Err(AppError::StaleVersion)));
    let record = get_record(&db, id).await.unwrap();
    assert_eq!(record.version, 2);
    assert_eq!(
        property_history(&db, id, "name").await.unwrap().len(),
        2,
        "one creation, one winning update"
    );
}
db_test!(of_two_racing_updates_exactly_one_wins);

async fn the_schema_cache_follows_schema_changes(db: Db) {
    let before = db.schema().await.unwrap();
    let again = db.schema().await.unwrap();
    assert!(
        Arc::ptr_eq(&before, &again),
        "unchanged: the cached schema is reused"
    );
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let property = NewProperty::parse(
        "health",
        "Health",
        app::models::PropertyType::Number,
        vec![],
    )
    .unwrap();
    create_property(&mut tx, &companies, &property)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let after = db.schema().await.unwrap();
    assert!(after.version > before.version);
    assert!(
        after
            .object_named("companies")
            .unwrap()
            .property("health")
            .is_some()
    );
    assert!(
        before
            .object_named("companies")
            .unwrap()
            .property("health")
            .is_none()
    );
}
db_test!(the_schema_cache_follows_schema_changes);

async fn activities_move_the_last_activity_date_forward_only(db: Db) {
    let companies = object_type_by_name(&db, "companies").await.unwrap();
    let id = create_record(&db, &companies, &[("name", text("Active"))], None, IMPORT)
        .await
        .unwrap();
    let recent = Utc::now() - Duration::hours(1);
    app::db::records::note_activity_time(&db, id, recent, None)
        .await
        .unwrap();
    let older = recent - Duration::days(3);
    app::db::records::note_activity_time(&db, id, older, None)
        .await
        .unwrap();
    let record = get_record(&db, id).await.unwrap();
    match record.value("last_activity_date") {
        Some(PropertyValue::DateTime(at)) => assert_eq!(at.timestamp(), recent.timestamp()),
        other => panic!("{other:?}"),
    }
    assert_eq!(record.version, 2, "one change, versioned");
    let history = property_history(&db, id, "last_activity_date")
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].source, "activity");
}
db_test!(activities_move_the_last_activity_date_forward_only);

async fn multi_select_values_written_elsewhere_are_backfilled(db: Db) {
    fixture(&db).await;
    // A bulk load that wrote only the column (and a database from before the table existed).
    let schema = db.schema().await.unwrap();
    let companies = schema.object_named("companies").unwrap();
    let tags = companies.property("tags").unwrap();
    let sql = format!(
        "UPDATE {} SET {} = 'legacy;vip' WHERE {} = 'Globex 50%_off'",
        companies.object.table(),
        tags.column(),
        companies.property("name").unwrap().column()
    );
    app::on_pool!(&db, pool => sqlx::query(&sql).execute(pool).await.map(|done| done.rows_affected())).unwrap();
    app::on_pool!(&db, pool => sqlx::query("DELETE FROM multi_values").execute(pool).await.map(|done| done.rows_affected()))
        .unwrap();
    assert_eq!(
        matching(&db, 0, one("tags", Operator::ContainsAnyOf, &["vip"]))
            .await
            .unwrap(),
        ""
    );
    app::db::multi_values::backfill(&db).await.unwrap();
    assert_eq!(
        matching(&db, 0, one("tags", Operator::ContainsAnyOf, &["vip"]))
            .await
            .unwrap(),
        "AC"
    );
    assert_eq!(
        matching(
            &db,
            0,
            one("tags", Operator::ContainsAllOf, &["vip", "legacy", "vip"])
        )
        .await
        .unwrap(),
        "C",
        "a value given twice counts once"
    );
    app::db::multi_values::backfill(&db).await.unwrap();
    assert_eq!(
        matching(&db, 0, one("tags", Operator::ContainsAnyOf, &["beta"]))
            .await
            .unwrap(),
        "AB"
    );
}
db_test!(multi_select_values_written_elsewhere_are_backfilled);
