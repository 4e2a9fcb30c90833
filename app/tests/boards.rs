//! Pipeline boards on a real database, SQLite and PostgreSQL: stage totals under filters,
//! keyset pages of a column while cards move, pipeline rules with the super-admin bypass, and
//! moves that need required properties (named, then saved with their history).

mod common;

use app::{
    db::{
        Db,
        audit_log::list_audit_log,
        passwords::NewPassword,
        pipelines::{NewStage, create_pipeline, save_pipeline_rules},
        query::{
            QueryContext, Scope,
            board::{CardFields, board_columns, column_page},
            compile::compile_where,
        },
        records::{ChangeContext, create_record, get_record, property_history},
        schema::object_type_by_name,
        stage_moves::{StageMoveRequest, move_record_to_stage},
        users::{EmailAddress, create_user},
    },
    error::AppError,
    models::{
        Pipeline, PropertyValue,
        filter::{Condition, FilterGroup, FilterTree, Operator},
        pipeline::PipelineRules,
        time_zone::ViewerZone,
    },
};

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

async fn three_stage_pipeline(db: &Db, name: &str) -> Pipeline {
    let deals = object_type_by_name(db, "deals").await.unwrap();
    let stage = |name, required_properties| NewStage {
        name,
        is_closed: false,
        required_properties,
    };
    create_pipeline(
        db,
        &deals,
        name,
        &[
            stage("New", &[]),
            stage("Qualified", &[]),
            stage("Contract sent", &["amount", "close_date"]),
        ],
    )
    .await
    .unwrap()
}

async fn deal(db: &Db, name: &str, amount: Option<i64>, stage_id: i64) -> i64 {
    let deals = object_type_by_name(db, "deals").await.unwrap();
    let mut values = vec![("name", PropertyValue::Text(name.into()))];
    if let Some(cents) = amount {
        values.push(("amount", PropertyValue::Currency(cents)));
    }
    create_record(db, &deals, &values, Some(stage_id), IMPORT)
        .await
        .unwrap()
}

async fn move_to(
    db: &Db,
    record_id: i64,
    stage_id: i64,
    expected_version: i64,
    bypass_rules: bool,
) -> Result<i64, AppError> {
    let request = StageMoveRequest {
        record_id,
        stage_id,
        expected_version,
        fills: &[],
        bypass_rules,
    };
    move_record_to_stage(db, request, IMPORT).await
}

fn cx() -> QueryContext {
    QueryContext {
        viewer_id: 0,
        today: chrono::Utc::now().date_naive(),
        zone: ViewerZone::UTC,
    }
}

async fn stage_totals_follow_the_filters(db: Db) {
    let pipeline = three_stage_pipeline(&db, "Totals").await;
    let other = three_stage_pipeline(&db, "Elsewhere").await;
    let (new, qualified) = (pipeline.stages[0].id, pipeline.stages[1].id);
    deal(&db, "Small", Some(1_000), new).await;
    deal(&db, "Large", Some(50_000), new).await;
    deal(&db, "Unpriced", None, new).await;
    deal(&db, "Big qualified", Some(70_000), qualified).await;
    deal(&db, "Other pipeline", Some(99_900), other.stages[0].id).await;
    let schema = db.schema().await.unwrap();
    let deals = schema.object_named("deals").unwrap();
    let fields = CardFields::of(deals, None, deals.property("owner"), ViewerZone::UTC);

    let all = compile_where(
        deals,
        &[Scope::InPipeline(pipeline.id)],
        &FilterTree::default(),
        &cx(),
    )
    .unwrap();
    let columns = board_columns(&db, deals, &pipeline, &all, fields, 2)
        .await
        .unwrap();
    let summary: Vec<(u64, Option<i64>, usize, bool)> = columns
        .iter()
        .map(|c| {
            (
                c.count,
                c.total_cents,
                c.first.cards.len(),
                c.first.has_more,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (3, Some(51_000), 2, true),
            (1, Some(70_000), 1, false),
            (0, Some(0), 0, false),
        ]
    );
    assert_eq!(
        columns[2].required_properties,
        ["amount", "close_date"],
        "the board knows what each stage requires"
    );
    let newest: Vec<_> = columns[0]
        .first
        .cards
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert_eq!(newest, [Some("Unpriced".into()), Some("Large".into())]);

    let at_least_10 = FilterTree {
        groups: vec![FilterGroup {
            conditions: vec![Condition {
                property: "amount".into(),
                operator: Operator::AtLeast,
                values: vec!["100".into()],
            }],
        }],
    };
    let filtered = compile_where(
        deals,
        &[Scope::InPipeline(pipeline.id)],
        &at_least_10,
        &cx(),
    )
    .unwrap();
    let columns = board_columns(&db, deals, &pipeline, &filtered, fields, 10)
        .await
        .unwrap();
    assert_eq!(
        columns
            .iter()
            .map(|c| (c.count, c.total_cents))
            .collect::<Vec<_>>(),
        [(1, Some(50_000)), (1, Some(70_000)), (0, Some(0))]
    );
}
db_test!(stage_totals_follow_the_filters);

async fn keyset_pages_neither_repeat_nor_skip_while_cards_move(db: Db) {
    let pipeline = three_stage_pipeline(&db, "Keyset").await;
    let (new, qualified) = (pipeline.stages[0].id, pipeline.stages[1].id);
    let mut in_new = Vec::new();
    for i in 0..25 {
        in_new.push(deal(&db, &format!("Deal {i:02}"), Some(100), new).await);
    }
    let visitor = deal(&db, "Visitor", Some(100), qualified).await;
    let schema = db.schema().await.unwrap();
    let deals = schema.object_named("deals").unwrap();
    let fields = CardFields::of(deals, None, None, ViewerZone::UTC);
    let filter = compile_where(
        deals,
        &[Scope::InPipeline(pipeline.id)],
        &FilterTree::default(),
        &cx(),
    )
    .unwrap();
    let page = |before| column_page(&db, deals, new, before, &filter, fields, 10);

    let first = page(None).await.unwrap();
    assert_eq!(first.cards.len(), 10);
    // Meanwhile a shown card leaves, one not yet shown leaves, and another card arrives.
    let shown = first.cards[3].id;
    let unseen = in_new[5];
    move_to(&db, shown, qualified, 1, false).await.unwrap();
    move_to(&db, unseen, qualified, 1, false).await.unwrap();
    move_to(&db, visitor, new, 1, false).await.unwrap();

    let mut seen: Vec<i64> = first.cards.iter().map(|c| c.id).collect();
    let mut cursor = first.cards.last().map(|c| c.id);
    let mut has_more = first.has_more;
    while has_more {
        let next = page(cursor).await.unwrap();
        seen.extend(next.cards.iter().map(|c| c.id));
        cursor = next.cards.last().map(|c| c.id);
        has_more = next.has_more;
    }
    let mut distinct = seen.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), seen.len(), "no card twice: {seen:?}");
    for id in &in_new {
        if *id != unseen {
            assert!(seen.contains(id), "card {id} stayed and was skipped");
        }
    }
    assert!(
        !seen.contains(&unseen),
        "a card that left before its page is gone"
    );
    assert!(
        !seen.contains(&visitor),
        "the newest card arrived above the cursor: the board shows it where it was dropped"
    );
}
db_test!(keyset_pages_neither_repeat_nor_skip_while_cards_move);

async fn pipeline_rules_refuse_by_name_and_super_admins_bypass_them(db: Db) {
    let pipeline = three_stage_pipeline(&db, "Ruled").await;
    let stage = |i: usize| pipeline.stages[i].id;
    let admin = create_user(
        &db,
        &EmailAddress::parse("rules@example.com").unwrap(),
        "Rule Maker",
        NewPassword::parse("test-password-1").unwrap(),
    )
    .await
    .unwrap();
    let rules = PipelineRules {
        block_skipping: true,
        block_backward: true,
    };
    save_pipeline_rules(&db, admin, pipeline.id, rules)
        .await
        .unwrap();
    let cached = db.schema().await.unwrap();
    let deals = cached.object_named("deals").unwrap();
    assert_eq!(
        deals
            .pipelines
            .iter()
            .find(|p| p.id == pipeline.id)
            .unwrap()
            .rules,
        rules,
        "the schema cache follows a rules change"
    );
    let log = list_audit_log(&db, 1, Default::default(), Default::default())
        .await
        .unwrap();
    assert!(
        log.entries[0]
            .changes
            .iter()
            .any(|line| line == "Block skipping stages: “Off” → “On”"),
        "{:?}",
        log.entries[0]
    );

    let record = deal(&db, "Ruled deal", Some(5_000), stage(0)).await;
    let skipped = move_to(&db, record, stage(2), 1, false).await;
    match skipped {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "stage");
            assert!(message.contains("Block skipping stages"), "{message}");
            assert!(
                message.contains("Qualified"),
                "names the stage to go through: {message}"
            );
        }
        other => panic!("expected the skip rule, got {other:?}"),
    }
    let version = move_to(&db, record, stage(1), 1, false).await.unwrap();
    let backward = move_to(&db, record, stage(0), version, false).await;
    assert!(
        matches!(&backward, Err(AppError::Invalid { message, .. }) if message.contains("Block moving backward")),
        "{backward:?}"
    );
    let unchanged = get_record(&db, record).await.unwrap();
    assert_eq!(
        (unchanged.version, unchanged.stage_id),
        (version, Some(stage(1)))
    );

    let bypassed = move_to(&db, record, stage(0), version, true).await.unwrap();
    assert_eq!(
        get_record(&db, record).await.unwrap().stage_id,
        Some(stage(0))
    );
    // A super admin may skip too, but a stage's required properties still hold.
    let refused = move_to(&db, record, stage(2), bypassed, true).await;
    match refused {
        Err(AppError::MissingRequired { stage, properties }) => {
            assert_eq!(stage, "Contract sent");
            let names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["close_date"], "the amount is already set");
        }
        other => panic!("expected the missing close date, got {other:?}"),
    }
    // A board moves records within their pipeline, for super admins too.
    let elsewhere = three_stage_pipeline(&db, "Elsewhere").await;
    let across = move_to(&db, record, elsewhere.stages[0].id, bypassed, true).await;
    assert!(
        matches!(&across, Err(AppError::Invalid { field, .. }) if field == "stage"),
        "{across:?}"
    );
}
db_test!(pipeline_rules_refuse_by_name_and_super_admins_bypass_them);

async fn a_move_with_its_required_values_is_one_change_with_history(db: Db) {
    let pipeline = three_stage_pipeline(&db, "Dependent").await;
    let record = deal(&db, "Needs details", None, pipeline.stages[1].id).await;
    let close = PropertyValue::Date(chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
    let fills = [
        ("amount", PropertyValue::Currency(1_234_500)),
        ("close_date", close.clone()),
    ];
    let request = StageMoveRequest {
        record_id: record,
        stage_id: pipeline.stages[2].id,
        expected_version: 1,
        fills: &fills,
        bypass_rules: false,
    };
    let version = move_record_to_stage(&db, request, IMPORT).await.unwrap();
    assert_eq!(version, 2, "values and stage are one change");
    let moved = get_record(&db, record).await.unwrap();
    assert_eq!(moved.stage_id, Some(pipeline.stages[2].id));
    assert_eq!(moved.value("close_date"), Some(&close));
    for (property, new_value) in [
        ("stage", "Contract sent"),
        ("amount", "12345.00"),
        ("close_date", "2027-03-31"),
    ] {
        let history = property_history(&db, record, property).await.unwrap();
        assert_eq!(history.len(), 1, "{property}: {history:?}");
        assert_eq!(
            history[0].new_value.as_deref(),
            Some(new_value),
            "{property}"
        );
    }
    let stale = move_record_to_stage(&db, request, IMPORT).await;
    assert!(matches!(stale, Err(AppError::StaleVersion)), "{stale:?}");
}
db_test!(a_move_with_its_required_values_is_one_change_with_history);
