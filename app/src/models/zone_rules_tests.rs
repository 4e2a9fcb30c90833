//! The rules agree with the IANA database (chrono-tz) they were read from, moment by moment
//! and wall-clock time by wall-clock time, in zones with unusual changes.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{UTC_RULES, ZoneRules, rules_of};

const ZONES: [&str; 9] = [
    "Europe/Warsaw",
    "America/New_York",
    "America/Santiago",
    "Asia/Tokyo",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Europe/Dublin",
    "Asia/Dubai",
];

fn utc(raw: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(raw)
        .unwrap()
        .with_timezone(&Utc)
}

/// Every 37 minutes from `from` for `days`: lands on every quarter hour over time.
fn moments(from: &str, days: i64) -> impl Iterator<Item = DateTime<Utc>> {
    let from = utc(from);
    (0..days * 24 * 60 / 37).map(move |step| from + Duration::minutes(37 * step))
}

#[test]
fn moments_read_as_the_database_reads_them() {
    for name in ZONES {
        let tz: Tz = name.parse().unwrap();
        let rules = rules_of(tz);
        for at in moments("1971-03-01T00:00:00Z", 800).chain(moments("2024-01-01T00:00:00Z", 1200))
        {
            let there = at.with_timezone(&tz);
            assert_eq!(rules.local(at), there.naive_local(), "{name} at {at}");
            assert_eq!(
                rules.format(at, "%a %b %-d, %Y %H:%M %Z"),
                there.format("%a %b %-d, %Y %H:%M %Z").to_string(),
                "{name} at {at}"
            );
        }
    }
}

#[test]
fn wall_clock_times_name_the_moments_the_database_names() {
    for name in ZONES {
        let tz: Tz = name.parse().unwrap();
        let rules = rules_of(tz);
        let from = NaiveDateTime::parse_from_str("2025-01-01T00:00", "%Y-%m-%dT%H:%M").unwrap();
        // Every quarter hour for two years: every gap and overlap of these zones.
        for quarter in 0..2 * 365 * 24 * 4 {
            let local = from + Duration::minutes(15 * quarter);
            let expected = tz
                .from_local_datetime(&local)
                .map(|at| at.with_timezone(&Utc));
            let found = rules.from_local(local);
            match (expected, found) {
                (LocalResult::None, LocalResult::None) => {}
                (LocalResult::Single(a), LocalResult::Single(b)) => {
                    assert_eq!(a, b, "{name} {local}")
                }
                (LocalResult::Ambiguous(a1, a2), LocalResult::Ambiguous(b1, b2)) => {
                    assert_eq!((a1, a2), (b1, b2), "{name} {local}")
                }
                (expected, found) => panic!("{name} {local}: {expected:?} but {found:?}"),
            }
        }
    }
}

#[test]
fn a_summer_zone_has_two_changes_a_year_and_a_fixed_one_none() {
    let warsaw = rules_of("Europe/Warsaw".parse().unwrap());
    // 1977 to 2099, two a year (Poland kept one time in 1970–1976 and from 2100 on is unknown).
    assert!(
        warsaw.transitions.len() >= 240,
        "{}",
        warsaw.transitions.len()
    );
    let tokyo = rules_of("Asia/Tokyo".parse().unwrap());
    assert!(tokyo.transitions.is_empty());
    assert_eq!(
        tokyo.offset_at(utc("2026-07-01T00:00:00Z")).abbreviation,
        "JST"
    );
}

#[test]
fn rules_are_kept_once_under_their_name() {
    let made = || rules_of("Asia/Kathmandu".parse().unwrap());
    let first = ZoneRules::kept_or("Asia/Kathmandu", made);
    let again = ZoneRules::kept_or("Asia/Kathmandu", || panic!("made twice"));
    assert!(std::ptr::eq(first, again));
    assert!(std::ptr::eq(
        ZoneRules::kept_or("UTC", || panic!("UTC is made once, statically")),
        &UTC_RULES
    ));
}

#[test]
fn malformed_rules_are_refused() {
    let whole = rules_of("Europe/Dublin".parse().unwrap());
    assert!(whole.clone().check().is_ok());
    let mut short = whole.clone();
    short.spans.to_mut().pop();
    assert!(short.check().is_err());
    let mut unlisted = whole.clone();
    unlisted.spans.to_mut()[1] = 200;
    assert!(unlisted.check().is_err());
    let mut unordered = whole;
    unordered.transitions.to_mut().swap(0, 1);
    assert!(unordered.check().is_err());
}
