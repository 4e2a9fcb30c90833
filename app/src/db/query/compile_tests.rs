//! Every operator of every type → its SQL and bound values; nesting; refusals.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::{
    db::schema::{ObjectType, PropertyDef},
    models::filter::FilterGroup,
};

fn fixture() -> ObjectSchema {
    let types = [
        ("name", PropertyType::Text),
        ("employees", PropertyType::Number),
        ("arr", PropertyType::Currency),
        ("renewal_date", PropertyType::Date),
        ("last_activity_date", PropertyType::DateTime),
        ("industry", PropertyType::Enumeration),
        ("tags", PropertyType::MultiEnumeration),
        ("active", PropertyType::Boolean),
        ("csm", PropertyType::User),
    ];
    let properties: Vec<PropertyDef> = types
        .iter()
        .enumerate()
        .map(|(i, (name, property_type))| PropertyDef {
            id: i as i64 + 1,
            object_type_id: 2,
            name: name.to_string(),
            label: name.to_string(),
            property_type: *property_type,
            is_standard: true,
            position: i as i64,
            computed: false,
        })
        .collect();
    let options = HashMap::from([
        (
            6,
            vec![
                ("software".into(), "Software".into()),
                ("retail".into(), "Retail".into()),
            ],
        ),
        (
            7,
            vec![("vip".into(), "VIP".into()), ("beta".into(), "Beta".into())],
        ),
    ]);
    ObjectSchema {
        object: ObjectType {
            id: 2,
            name: "companies".into(),
            singular_label: "Company".into(),
            plural_label: "Companies".into(),
            is_custom: false,
            has_pipelines: false,
        },
        properties,
        options,
        pipelines: vec![],
    }
}

const CX: QueryContext = QueryContext {
    viewer_id: 4,
    today: match NaiveDate::from_ymd_opt(2026, 11, 24) {
        Some(day) => day,
        None => panic!(),
    },
    zone: crate::models::time_zone::ViewerZone::UTC,
};

fn day(raw: &str) -> NaiveDate {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
}

fn compiled(property: &str, operator: Operator, values: &[&str]) -> (String, Vec<SqlValue>) {
    let condition = Condition {
        property: property.into(),
        operator,
        values: values.iter().map(|v| v.to_string()).collect(),
    };
    let sql = condition_sql(&fixture(), &condition, &CX).expect("compiles");
    (sql.sql().to_string(), sql.params().to_vec())
}

fn refused(property: &str, operator: Operator, values: &[&str]) -> AppError {
    let condition = Condition {
        property: property.into(),
        operator,
        values: values.iter().map(|v| v.to_string()).collect(),
    };
    condition_sql(&fixture(), &condition, &CX).unwrap_err()
}

fn text(s: &str) -> SqlValue {
    SqlValue::from(s)
}

#[test]
fn text_operators() {
    use Operator::*;
    // Values are lowercased as LOWER() lowercases the column on both backends: ASCII only.
    assert_eq!(
        compiled("name", Is, &["ÉCOLE Zürich"]).1,
        vec![text("École zürich")]
    );
    assert_eq!(
        compiled("name", Is, &["Acme"]),
        ("LOWER(p_1) = $1".into(), vec![text("acme")])
    );
    assert_eq!(
        compiled("name", IsNot, &["Acme"]),
        (
            "(p_1 IS NULL OR LOWER(p_1) <> $1)".into(),
            vec![text("acme")]
        )
    );
    assert_eq!(
        compiled("name", Contains, &["50%_off\\"]),
        (
            "LOWER(p_1) LIKE $1 ESCAPE '\\'".into(),
            vec![text("%50\\%\\_off\\\\%")]
        )
    );
    assert_eq!(
        compiled("name", DoesNotContain, &["x"]),
        (
            "(p_1 IS NULL OR LOWER(p_1) NOT LIKE $1 ESCAPE '\\')".into(),
            vec![text("%x%")]
        )
    );
    assert_eq!(
        compiled("name", StartsWith, &["Ac"]),
        (
            "LOWER(p_1) >= $1 AND LOWER(p_1) < $2".into(),
            vec![text("ac"), text("ac\u{10FFFF}")]
        )
    );
    assert_eq!(compiled("name", IsKnown, &[]).0, "p_1 IS NOT NULL");
    assert_eq!(compiled("name", IsUnknown, &[]).0, "p_1 IS NULL");
}

#[test]
fn number_and_currency_operators() {
    use Operator::*;
    let cases = [
        (Equals, "p_2 = $1"),
        (NotEquals, "(p_2 IS NULL OR p_2 <> $1)"),
        (LessThan, "p_2 < $1"),
        (AtMost, "p_2 <= $1"),
        (GreaterThan, "p_2 > $1"),
        (AtLeast, "p_2 >= $1"),
    ];
    for (operator, sql) in cases {
        assert_eq!(
            compiled("employees", operator, &["1,500"]),
            (sql.to_string(), vec![SqlValue::Real(Some(1500.0))])
        );
    }
    assert_eq!(
        compiled("employees", Between, &["10", "20"]),
        (
            "p_2 >= $1 AND p_2 <= $2".into(),
            vec![SqlValue::Real(Some(10.0)), SqlValue::Real(Some(20.0))]
        )
    );
    assert_eq!(
        compiled("arr", AtLeast, &["$1,000.50"]),
        ("p_3 >= $1".into(), vec![SqlValue::Int(Some(100_050))])
    );
    assert_eq!(compiled("arr", IsUnknown, &[]).0, "p_3 IS NULL");
}

#[test]
fn date_operators_compare_days() {
    use Operator::*;
    let date = |raw: &str| SqlValue::Date(Some(day(raw)));
    assert_eq!(
        compiled("renewal_date", On, &["2026-12-01"]),
        (
            "p_4 >= $1 AND p_4 <= $2".into(),
            vec![date("2026-12-01"), date("2026-12-01")]
        )
    );
    assert_eq!(
        compiled("renewal_date", Before, &["2026-12-01"]),
        ("p_4 <= $1".into(), vec![date("2026-11-30")])
    );
    assert_eq!(
        compiled("renewal_date", After, &["2026-12-01"]),
        ("p_4 >= $1".into(), vec![date("2026-12-02")])
    );
    assert_eq!(
        compiled("renewal_date", Between, &["2026-01-01", "2026-01-31"]).1,
        vec![date("2026-01-01"), date("2026-01-31")]
    );
    assert_eq!(
        compiled("renewal_date", InLastDays, &["7"]).1,
        vec![date("2026-11-17"), date("2026-11-24")]
    );
    assert_eq!(
        compiled("renewal_date", InNextDays, &["30"]).1,
        vec![date("2026-11-24"), date("2026-12-24")]
    );
    assert_eq!(compiled("renewal_date", IsKnown, &[]).0, "p_4 IS NOT NULL");
}

#[test]
fn datetime_operators_compare_the_instants_bounding_the_days() {
    use Operator::*;
    let at = |raw: &str| SqlValue::from(day(raw).and_hms_opt(0, 0, 0).unwrap().and_utc());
    assert_eq!(
        compiled("last_activity_date", On, &["2026-11-20"]),
        (
            "p_5 >= $1 AND p_5 < $2".into(),
            vec![at("2026-11-20"), at("2026-11-21")]
        )
    );
    assert_eq!(
        compiled("last_activity_date", InLastDays, &["30"]).1,
        vec![at("2026-10-25"), at("2026-11-25")]
    );
    assert_eq!(
        compiled("created_at", Before, &["2026-01-01"]),
        ("created_at < $1".into(), vec![at("2026-01-01")])
    );
}

#[test]
fn select_user_and_boolean_operators() {
    use Operator::*;
    assert_eq!(
        compiled("industry", IsAnyOf, &["software", "retail"]),
        (
            "LOWER(p_6) IN ($1, $2)".into(),
            vec![text("software"), text("retail")]
        )
    );
    assert_eq!(
        compiled("industry", IsNoneOf, &["retail"]).0,
        "(p_6 IS NULL OR LOWER(p_6) NOT IN ($1))"
    );
    assert_eq!(
        compiled("tags", ContainsAnyOf, &["vip", "beta"]),
        (
            "record_id IN (SELECT record_id FROM multi_values WHERE property_id = $1 AND value IN ($2, $3))"
                .into(),
            vec![SqlValue::from(7), text("vip"), text("beta")]
        )
    );
    assert_eq!(
        compiled("tags", ContainsAllOf, &["vip", "beta"]),
        (
            "record_id IN (SELECT record_id FROM multi_values WHERE property_id = $1 AND value IN ($2, $3) GROUP BY record_id HAVING COUNT(*) = $4)"
                .into(),
            vec![SqlValue::from(7), text("vip"), text("beta"), SqlValue::from(2)]
        )
    );
    assert!(
        compiled("tags", ContainsNoneOf, &["vip"])
            .0
            .starts_with("record_id NOT IN (SELECT")
    );
    assert_eq!(
        compiled("active", IsTrue, &[]),
        ("p_8 = $1".into(), vec![SqlValue::from(true)])
    );
    assert_eq!(
        compiled("active", IsFalse, &[]).1,
        vec![SqlValue::from(false)]
    );
    assert_eq!(compiled("active", IsUnknown, &[]).0, "p_8 IS NULL");
    assert_eq!(
        compiled("csm", IsAnyOf, &["3", "5"]),
        (
            "p_9 IN ($1, $2)".into(),
            vec![SqlValue::from(3), SqlValue::from(5)]
        )
    );
    assert_eq!(
        compiled("csm", IsMe, &[]),
        ("p_9 = $1".into(), vec![SqlValue::from(4)])
    );
}

#[test]
fn groups_are_ored_and_conditions_anded_after_the_scopes() {
    let condition = |property: &str, operator, value: &str| Condition {
        property: property.into(),
        operator,
        values: vec![value.into()],
    };
    let tree = FilterTree {
        groups: vec![
            FilterGroup {
                conditions: vec![
                    condition("name", Operator::Contains, "a"),
                    condition("employees", Operator::GreaterThan, "10"),
                ],
            },
            FilterGroup { conditions: vec![] },
            FilterGroup {
                conditions: vec![condition("industry", Operator::IsAnyOf, "retail")],
            },
        ],
    };
    let scopes = [Scope::UserIs {
        property: "csm".into(),
        user_id: 4,
    }];
    let sql = compile_where(&fixture(), &scopes, &tree, &CX).unwrap();
    assert_eq!(
        sql.sql(),
        "archived_at IS NULL AND p_9 = $1 AND ((LOWER(p_1) LIKE $2 ESCAPE '\\' AND p_2 > $3) OR (LOWER(p_6) IN ($4)))"
    );
    assert_eq!(sql.params().len(), 4);
}

#[test]
fn assignment_scope_reads_property_history() {
    let since = day("2026-10-25").and_hms_opt(0, 0, 0).unwrap().and_utc();
    let scopes = [Scope::AssignedSince {
        property: "csm".into(),
        user_id: 4,
        since,
    }];
    let sql = compile_where(&fixture(), &scopes, &FilterTree::default(), &CX).unwrap();
    assert_eq!(
        sql.sql(),
        "archived_at IS NULL AND p_9 = $1 AND record_id IN (SELECT record_id FROM property_history WHERE property_name = $2 AND new_value = $3 AND changed_at >= $4)"
    );
    assert_eq!(sql.params()[2], text("4"));
}

#[test]
fn injection_attempts_stay_values() {
    let attack = "'; DROP TABLE records; --";
    for operator in [Operator::Is, Operator::Contains, Operator::StartsWith] {
        let (sql, params) = compiled("name", operator, &[attack]);
        assert!(!sql.contains("DROP"), "{sql}");
        assert!(params.iter().any(
            |p| matches!(p, SqlValue::Text(Some(t)) if t.contains(&attack.to_ascii_lowercase()))
        ));
    }
    // Names are looked up in the schema, never spliced.
    let error = refused("name; DROP TABLE records", Operator::IsKnown, &[]);
    assert!(matches!(error, AppError::Invalid { .. }), "{error:?}");
    let error = refused("industry", Operator::IsAnyOf, &[attack]);
    assert!(error.to_string().contains("is not an option"), "{error}");
}

#[test]
fn bad_values_are_refused_with_their_field() {
    for (property, operator, values) in [
        ("employees", Operator::Equals, &["12a"][..]),
        ("employees", Operator::Between, &["9", "1"][..]),
        ("name", Operator::Is, &[""][..]),
        ("name", Operator::GreaterThan, &["1"][..]),
        ("renewal_date", Operator::On, &["tomorrow"][..]),
        ("csm", Operator::IsAnyOf, &[][..]),
        ("tags", Operator::ContainsAnyOf, &["gold"][..]),
    ] {
        match refused(property, operator, values) {
            AppError::Invalid { field, .. } => assert_eq!(field, property),
            other => panic!("{property} {operator:?}: {other:?}"),
        }
    }
}

#[test]
fn too_many_groups_are_refused() {
    let group = FilterGroup {
        conditions: vec![Condition {
            property: "name".into(),
            operator: Operator::IsKnown,
            values: vec![],
        }],
    };
    let tree = FilterTree {
        groups: vec![group; MAX_FILTER_GROUPS + 1],
    };
    assert!(compile_where(&fixture(), &[], &tree, &CX).is_err());
}
