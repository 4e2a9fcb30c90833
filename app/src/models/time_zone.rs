//! Time zones: times are stored in UTC and shown, entered and counted in days in the viewer's
//! IANA time zone (e.g. "Europe/Warsaw"), daylight-saving changes included.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::{
    date_text::short_date_time,
    input::{format_local_date_time, parse_local_date_time},
    zone_rules::{UTC_RULES, ZoneRules},
};

/// An IANA time zone the viewer works in. It travels with its rules ([`ZoneRules`]), which is
/// how the browser knows the zone without the IANA database; the server reads only the name
/// and uses its own rules.
#[derive(Clone, Copy, Debug)]
pub struct ViewerZone(&'static ZoneRules);

impl PartialEq for ViewerZone {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for ViewerZone {}

impl Default for ViewerZone {
    fn default() -> Self {
        ViewerZone::UTC
    }
}

impl Serialize for ViewerZone {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ViewerZone {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rules = ZoneRules::deserialize(deserializer)?;
        ViewerZone::received(rules).map_err(serde::de::Error::custom)
    }
}

impl ViewerZone {
    pub const UTC: ViewerZone = ViewerZone(&UTC_RULES);

    /// An IANA name such as "Asia/Tokyo" (exactly, as listed by [`ViewerZone::names`]).
    #[cfg(feature = "ssr")]
    pub fn parse(name: &str) -> Result<ViewerZone, String> {
        let name = name.trim();
        let tz = name
            .parse::<chrono_tz::Tz>()
            .map_err(|_| ViewerZone::not_a_zone(name))?;
        let rules = ZoneRules::kept_or(tz.name(), || super::zone_rules::rules_of(tz));
        Ok(ViewerZone(rules))
    }

    /// A zone sent by the browser: the server trusts only its own database.
    #[cfg(feature = "ssr")]
    fn received(rules: ZoneRules) -> Result<ViewerZone, String> {
        ViewerZone::parse(rules.name())
    }

    /// A zone sent by the server: the browser takes its rules.
    #[cfg(not(feature = "ssr"))]
    fn received(rules: ZoneRules) -> Result<ViewerZone, String> {
        Ok(ViewerZone(rules.check()?.keep()))
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// Every IANA zone name, for the profile's searchable list.
    pub fn names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
    }

    /// What a name that is not a zone is told.
    pub fn not_a_zone(name: &str) -> String {
        format!(
            "{:?} is not a time zone; choose one from the list",
            name.trim()
        )
    }

    /// Whether `name` is one of [`ViewerZone::names`].
    pub fn is_name(name: &str) -> bool {
        ViewerZone::names().any(|known| known == name.trim())
    }

    /// "Nov 24, 2026 14:05 CET": a moment as the viewer reads it.
    pub fn format(self, at: DateTime<Utc>) -> String {
        self.0.written(at)
    }

    /// A moment's wall-clock date and time in this zone.
    pub fn local(self, at: DateTime<Utc>) -> NaiveDateTime {
        self.0.local(at)
    }

    /// A moment written with `pattern` (a chrono format) in this zone, e.g. "%H:%M %Z".
    pub fn format_with(self, at: DateTime<Utc>, pattern: &str) -> String {
        self.0.format(at, pattern)
    }

    /// The day a moment falls on in this zone.
    pub fn date_of(self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date()
    }

    /// The value of a `datetime-local` input showing `at`.
    pub fn to_input(self, at: DateTime<Utc>) -> String {
        format_local_date_time(self.local(at))
    }

    /// A `datetime-local` input's value, read in this zone. A time the clocks skip (spring
    /// forward) is refused; one they pass twice (fall back) is the first of the two.
    pub fn parse_input(self, raw: &str) -> Result<DateTime<Utc>, String> {
        let local =
            parse_local_date_time(raw).ok_or_else(|| "Enter a date and time".to_string())?;
        match self.0.from_local(local) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Ok(at),
            LocalResult::None => Err(format!(
                "{} does not exist in {}: the clocks move forward then",
                short_date_time(local),
                self.name()
            )),
        }
    }

    /// The first moment of `date` in this zone: midnight, or — where the clocks skip it — the
    /// first quarter hour that exists.
    pub fn start_of(self, date: NaiveDate) -> DateTime<Utc> {
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        (0..24 * 4)
            .find_map(|quarter| {
                self.0
                    .from_local(midnight + chrono::Duration::minutes(15 * quarter))
                    .earliest()
            })
            .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
    }

    /// `[start, end)` of `date` in this zone, in UTC: 23, 24 or 25 hours long.
    pub fn day_bounds(self, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let next = date.succ_opt().unwrap_or(date);
        (self.start_of(date), self.start_of(next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> ViewerZone {
        ViewerZone::parse(name).unwrap()
    }

    fn utc(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn date(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn names_parse_and_round_trip_through_serde() {
        assert_eq!(zone("Europe/Warsaw").name(), "Europe/Warsaw");
        assert!(ViewerZone::parse("Mars/Olympus").is_err());
        assert!(ViewerZone::names().any(|n| n == "Asia/Tokyo"));
        let json = serde_json::to_string(&zone("Asia/Tokyo")).unwrap();
        assert!(json.contains("\"name\":\"Asia/Tokyo\""), "{json}");
        assert_eq!(
            serde_json::from_str::<ViewerZone>(&json).unwrap(),
            zone("Asia/Tokyo")
        );
        let elsewhere = json.replace("Asia/Tokyo", "Nowhere");
        assert!(serde_json::from_str::<ViewerZone>(&elsewhere).is_err());
    }

    #[test]
    fn a_task_due_2330_in_warsaw_is_today_there_and_tomorrow_in_tokyo() {
        let due = zone("Europe/Warsaw")
            .parse_input("2026-11-24T23:30")
            .unwrap();
        assert_eq!(due, utc("2026-11-24T22:30:00Z"));
        assert_eq!(zone("Europe/Warsaw").date_of(due), date("2026-11-24"));
        assert_eq!(zone("Asia/Tokyo").date_of(due), date("2026-11-25"));
        assert_eq!(zone("Europe/Warsaw").format(due), "Nov 24, 2026 23:30 CET");
        assert_eq!(zone("Asia/Tokyo").format(due), "Nov 25, 2026 07:30 JST");
        assert_eq!(zone("Asia/Tokyo").to_input(due), "2026-11-25T07:30");
    }

    #[test]
    fn days_around_daylight_saving_changes_are_23_and_25_hours() {
        let warsaw = zone("Europe/Warsaw");
        let (start, end) = warsaw.day_bounds(date("2026-03-29"));
        assert_eq!(start, utc("2026-03-28T23:00:00Z"));
        assert_eq!(end - start, chrono::Duration::hours(23));
        let (start, end) = warsaw.day_bounds(date("2026-10-25"));
        assert_eq!(end - start, chrono::Duration::hours(25));
        // A week across the March change: Monday 00:00 CET to the next Monday 00:00 CEST.
        let (monday, _) = warsaw.day_bounds(date("2026-03-23"));
        let (next_monday, _) = warsaw.day_bounds(date("2026-03-30"));
        assert_eq!(next_monday - monday, chrono::Duration::hours(7 * 24 - 1));
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_starts_at_the_first_time_that_exists() {
        // Santiago springs forward at midnight: September 6, 2026 begins at 01:00.
        let santiago = zone("America/Santiago");
        let start = santiago.start_of(date("2026-09-06"));
        assert_eq!(santiago.to_input(start), "2026-09-06T01:00");
    }

    #[test]
    fn skipped_times_are_refused_and_repeated_ones_read_as_the_first() {
        let warsaw = zone("Europe/Warsaw");
        let skipped = warsaw.parse_input("2026-03-29T02:30").unwrap_err();
        assert!(skipped.contains("does not exist"), "{skipped}");
        assert_eq!(
            warsaw.parse_input("2026-10-25T02:30").unwrap(),
            utc("2026-10-25T00:30:00Z"),
            "02:30 CEST comes before 02:30 CET"
        );
        assert!(warsaw.parse_input("tomorrow").is_err());
    }
}
