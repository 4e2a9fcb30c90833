//! How answers travel: every server function's answer and error, and every resource's value
//! sent along with the page, are encoded with postcard, a compact binary form of serde.
//!
//! Why not JSON: a JSON decoder of a type matches field names and accepts a struct as either
//! an object or an array, and serde_json holds both paths for every type the browser reads —
//! ~110 KB of the client before wasm-opt (a list page, a record, a viewer…). Postcard reads
//! fields in order, by position: measured, the first load's WASM 7% smaller (476 → 442 KB
//! gzip) and the lazily loaded code ~10%, and the answers are smaller on the wire.
//!
//! What that asks of the types: serde's positional form only. No `skip_serializing_if` (a
//! field left out shifts the rest) and no internally tagged or untagged enums (they need a
//! self-describing format); a value stored as JSON with such a shape travels as
//! [`AsJson`](crate::models::as_json::AsJson).

use std::future::Future;

use leptos::{prelude::Resource, server_fn::codec::Postcard};
use serde::{Serialize, de::DeserializeOwned};

/// A server function's answer: arguments POSTed as a form, the answer in postcard.
pub type BinaryAnswer = Postcard;

/// A resource whose value, rendered on the server, reaches the browser in postcard (with the
/// page, base64-encoded) — read with the same decoder as the server function's answer.
pub type Loaded<T> = Resource<T, codee::binary::PostcardCodec>;

/// [`Resource::new`], in postcard: what every page loads its data with.
#[track_caller]
pub fn load<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Loaded<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use chrono::{NaiveDate, TimeZone, Utc};
    use leptos::server_fn::{Bytes, Decodes, Encodes, codec::PostcardEncoding};

    use crate::{
        error::{AppError, MissingProperty},
        models::{
            filter::{Condition, FilterGroup, FilterTree, Operator},
            property::PropertyValue,
            time_zone::ViewerZone,
        },
    };

    fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
        let bytes = <PostcardEncoding as Encodes<T>>::encode(value).unwrap();
        <PostcardEncoding as Decodes<T>>::decode(bytes).unwrap()
    }

    #[test]
    fn every_property_value_reads_back_as_it_was_written() {
        let values = vec![
            Some(PropertyValue::Text("Acme".into())),
            Some(PropertyValue::Number(2.5)),
            Some(PropertyValue::Currency(-1_999)),
            Some(PropertyValue::Date(
                NaiveDate::from_ymd_opt(2026, 2, 28).unwrap(),
            )),
            Some(PropertyValue::DateTime(
                Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap(),
            )),
            Some(PropertyValue::Enumeration("enterprise".into())),
            Some(PropertyValue::MultiEnumeration(vec![
                "a".into(),
                "b".into(),
            ])),
            Some(PropertyValue::Boolean(true)),
            Some(PropertyValue::User(7)),
            None,
        ];
        assert_eq!(round_trip(&values), values);
    }

    #[test]
    fn filters_zones_and_errors_read_back_as_they_were_written() {
        let condition = |operator, values: &[&str]| Condition {
            property: "plan".into(),
            operator,
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        };
        // A condition without values sits between two with values: nothing may shift.
        let tree = FilterTree {
            groups: vec![FilterGroup {
                conditions: vec![
                    condition(Operator::IsAnyOf, &["pro"]),
                    condition(Operator::IsKnown, &[]),
                    condition(Operator::IsAnyOf, &["free", "team"]),
                ],
            }],
        };
        assert_eq!(round_trip(&tree), tree);
        let zone = ViewerZone::parse("Europe/Warsaw").unwrap();
        assert_eq!(round_trip(&zone), zone);
        let missing = AppError::MissingRequired {
            stage: "Closed won".into(),
            properties: vec![MissingProperty {
                name: "close_date".into(),
                label: "Close date".into(),
            }],
        };
        assert_eq!(round_trip(&missing), missing);
    }

    #[test]
    fn garbage_is_an_error_not_a_value() {
        let truncated = Bytes::from_static(&[5, b'a']);
        assert!(<PostcardEncoding as Decodes<String>>::decode(truncated).is_err());
    }

    fn sources(folder: &str) -> Vec<(PathBuf, String)> {
        fn walk(folder: &Path, found: &mut Vec<(PathBuf, String)>) {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    found.push((path, source));
                }
            }
        }
        let mut found = Vec::new();
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(folder),
            &mut found,
        );
        found
    }

    #[test]
    fn every_server_function_answers_in_postcard() {
        // One left on Leptos's default (JSON) would bring JSON decoders of its types back.
        let mut checked = 0;
        for (path, source) in sources("src/functions") {
            for line in source.lines().filter(|line| line.starts_with("#[server(")) {
                assert!(
                    line.contains("output = super::binary_answer::BinaryAnswer"),
                    "{}: {line}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 70, "only {checked} server functions found");
    }

    #[test]
    fn every_resource_is_loaded_in_postcard() {
        // `Resource::new` sends its value with the page in JSON (a `LocalResource` sends none).
        for (path, source) in sources("src") {
            if path.ends_with("binary_answer.rs") {
                continue;
            }
            assert!(
                !source
                    .replace("LocalResource::new(", "")
                    .contains("Resource::new("),
                "{}: use binary_answer::load",
                path.display()
            );
        }
    }
}
