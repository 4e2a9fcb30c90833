//! The parsers of what people type and what URLs carry, fed random and hostile text for a
//! bounded number of cases: list URLs (view, columns, sort, the filter tree as JSON, dates),
//! the Feed's and Schedule's URLs, the audit log's filter, property values of every type
//! (`;`-separated select values included), filter values, emails and passwords. None may
//! panic; refusals carry a message. Random filter trees then run through the list engine on a
//! real database (SQLite and PostgreSQL): every one is answered with records or a field's
//! message, never a database error.

mod common;

use app::{
    db::{Db, passwords::NewPassword, users::EmailAddress},
    error::AppError,
    models::{
        PropertyType, PropertyValue,
        audit::AuditFilter,
        feed::FeedUrl,
        filter::{Condition, FilterGroup, FilterTree, Operator, parse_scalar},
        list_url::ListUrl,
        schedule::ScheduleUrl,
        time_zone::ViewerZone,
    },
};
use proptest::{
    prelude::*,
    strategy::ValueTree,
    test_runner::{Config, TestRunner},
};

/// Text people and attackers type: plain words, numbers, dates, separators, quotes, SQL and
/// markup, JSON fragments, control and non-ASCII characters.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9 ;,.:/_-]{0,24}",
        "-?[0-9]{1,20}(\\.[0-9]{0,12})?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2})?",
        Just("' OR 1=1 --".to_string()),
        Just("\"); DROP TABLE records; --".to_string()),
        Just("{\"groups\":[{\"conditions\":[{\"property\":\"name\",\"operator\":\"is\",\"values\":[\"x\"]}]}]}".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("1e309".to_string()),
        Just("9223372036854775808".to_string()),
        Just("\u{0}\u{202e}é漢字".to_string()),
    ]
}

const LIST_KEYS: &[&str] = &[
    "view",
    "pipeline",
    "layout",
    "owner",
    "associated",
    "page",
    "cols",
    "sort",
    "filters",
    "created",
    "activity",
    "created_from",
    "created_to",
    "activity_from",
    "activity_to",
    "q",
    "mode",
    "date",
    "zone",
    "weekends",
    "type",
    "sequence",
    "kind",
    "user",
    "from",
    "to",
];

/// A query string of known keys (and some unknown ones) with hostile values.
fn query_string() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        4 => proptest::sample::select(LIST_KEYS).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec((key, hostile_text()), 0..8).prop_map(|pairs| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            query.append_pair(&key, &value);
        }
        query.finish()
    })
}

proptest! {
    #![proptest_config(Config { cases: 1_500, ..Config::default() })]

    #[test]
    fn urls_parse_or_say_why(query in query_string(), raw in any::<String>()) {
        for text in [query.as_str(), raw.as_str()] {
            match ListUrl::parse(text) {
                Ok(url) => {
                    // What a URL parses to writes out to a URL that parses again.
                    prop_assert!(ListUrl::parse(&url.to_query()).is_ok(), "{:?}", url.to_query());
                }
                Err(message) => prop_assert!(!message.trim().is_empty()),
            }
            let feed = FeedUrl::parse(text);
            let _ = FeedUrl::parse(&feed.to_query());
            let schedule = ScheduleUrl::parse(text);
            let _ = schedule.href();
            let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let filter = AuditFilter::from_query(|name| {
                pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
            });
            // The audit filter writes out what it read, and reads it back the same.
            let again: Vec<(String, String)> =
                form_urlencoded::parse(filter.to_query().as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
            let reread = AuditFilter::from_query(|name| {
                again.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
            });
            prop_assert_eq!(reread, filter);
        }
    }

    #[test]
    fn typed_values_parse_or_say_why(raw in hostile_text()) {
        for property_type in PropertyType::ALL {
            match PropertyValue::parse_input(property_type, &raw, ViewerZone::UTC) {
                Ok(_) => {}
                Err(message) => prop_assert!(!message.trim().is_empty()),
            }
            match parse_scalar(property_type, &raw) {
                Ok(_) => {}
                Err(message) => prop_assert!(!message.trim().is_empty()),
            }
        }
        let _ = EmailAddress::parse(&raw);
        match NewPassword::parse(&raw) {
            Ok(_) => prop_assert!(raw.chars().count() >= 12),
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }
}

/// A random filter tree: properties of the companies object or made up, any operator, hostile
/// values.
fn filter_tree(properties: Vec<String>) -> impl Strategy<Value = FilterTree> {
    let property = prop_oneof![
        4 => proptest::sample::select(properties),
        1 => hostile_text(),
    ];
    let condition = (
        property,
        proptest::sample::select(Operator::ALL),
        prop::collection::vec(hostile_text(), 0..4),
    )
        .prop_map(|(property, operator, values)| Condition {
            property,
            operator,
            values,
        });
    let group =
        prop::collection::vec(condition, 0..4).prop_map(|conditions| FilterGroup { conditions });
    prop::collection::vec(group, 0..4).prop_map(|groups| FilterTree { groups })
}

async fn random_filters_never_reach_the_database_as_errors(db: Db) {
    let options = app::db::seed::SeedOptions {
        companies: 40,
        seed: 7,
        now: chrono::Utc::now(),
    };
    app::db::seed::seed(&db, &options, |_| {}).await.unwrap();
    let schema = db.schema().await.unwrap();
    let companies = schema.object_named("companies").unwrap();
    let properties: Vec<String> = companies
        .properties
        .iter()
        .map(|p| p.name.clone())
        .collect();
    // Drawn before the first await: the strategies are not `Send`.
    let trees: Vec<FilterTree> = {
        let strategy = filter_tree(properties);
        let mut runner = TestRunner::deterministic();
        (0..300)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect()
    };
    let (mut listed, mut refused) = (0, 0);
    for tree in trees {
        match common::list_of(&db, "companies", &["name"], None, &tree, 1, 25).await {
            Ok(_) => listed += 1,
            Err(AppError::Invalid { message, .. }) if !message.trim().is_empty() => refused += 1,
            Err(other) => panic!("{tree:?} answered {other:?}"),
        }
    }
    // Both outcomes were exercised.
    assert!(
        listed > 10 && refused > 10,
        "{listed} listed, {refused} refused"
    );
}
db_test!(random_filters_never_reach_the_database_as_errors);
