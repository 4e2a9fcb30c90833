//! A time zone as plain data: the offsets it has used and when each began. The server derives
//! them from the IANA database (chrono-tz) and sends them with the zone, so the browser shows
//! and reads times in the viewer's zone without carrying the whole database — its tables were
//! about 0.9 MB of the client's WASM, a seventh of the first load compressed. Both sides
//! compute with these rules, so a page reads the same on the server and in the browser.
//!
//! The rules cover 1970 to 2100; a moment outside keeps the nearest span's offset.

use std::{
    borrow::Cow,
    collections::HashMap,
    sync::{LazyLock, Mutex},
};

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::date_text::short_date_time;

/// One offset a zone has used: seconds east of UTC and its abbreviation ("CET", "EDT", "+04").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneOffset {
    pub seconds: i32,
    pub abbreviation: Cow<'static, str>,
}

/// A zone's offsets over time: span 0 runs until `transitions[0]`, span `i` from
/// `transitions[i - 1]`, each with the offset `offsets[spans[i]]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneRules {
    name: Cow<'static, str>,
    /// UTC seconds at which each span after the first begins, ascending.
    transitions: Cow<'static, [i64]>,
    /// Each span's offset, as an index into `offsets`: one more than `transitions`.
    spans: Cow<'static, [u8]>,
    offsets: Cow<'static, [ZoneOffset]>,
}

/// UTC, which needs no database.
pub static UTC_RULES: ZoneRules = ZoneRules {
    name: Cow::Borrowed("UTC"),
    transitions: Cow::Borrowed(&[]),
    spans: Cow::Borrowed(&[0]),
    offsets: Cow::Borrowed(&[ZoneOffset {
        seconds: 0,
        abbreviation: Cow::Borrowed("UTC"),
    }]),
};

/// Every zone's rules are made once and kept for the life of the process: a zone is a handful
/// of kilobytes and there are a few hundred zones at most, so zones can be `Copy` references.
static KNOWN: LazyLock<Mutex<HashMap<String, &'static ZoneRules>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

impl ZoneRules {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rules kept under their name: the ones already kept, or these from now on.
    pub fn keep(self) -> &'static ZoneRules {
        if self.name == UTC_RULES.name {
            return &UTC_RULES;
        }
        let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
        known
            .entry(self.name.to_string())
            .or_insert_with(|| Box::leak(Box::new(self)))
    }

    /// The rules kept under `name`, or made by `make` and kept.
    pub fn kept_or(name: &str, make: impl FnOnce() -> ZoneRules) -> &'static ZoneRules {
        if name == UTC_RULES.name {
            return &UTC_RULES;
        }
        let found = KNOWN
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(name)
            .copied();
        found.unwrap_or_else(|| make().keep())
    }

    /// Rules received from elsewhere are only used if they are whole: a span per transition
    /// and one before them, every span's offset listed, transitions in order.
    pub fn check(self) -> Result<ZoneRules, String> {
        let in_order = self.transitions.windows(2).all(|w| w[0] < w[1]);
        let spans_fit = self.spans.len() == self.transitions.len() + 1
            && self
                .spans
                .iter()
                .all(|&i| usize::from(i) < self.offsets.len());
        let offsets_fit = self
            .offsets
            .iter()
            .all(|o| FixedOffset::east_opt(o.seconds).is_some());
        if in_order && spans_fit && offsets_fit && !self.name.is_empty() {
            Ok(self)
        } else {
            Err(format!(
                "the rules of time zone {:?} are malformed",
                self.name
            ))
        }
    }

    /// The offset in effect at `at`.
    pub fn offset_at(&self, at: DateTime<Utc>) -> &ZoneOffset {
        self.offset_of_span(self.span_at(at.timestamp()))
    }

    fn span_at(&self, utc_seconds: i64) -> usize {
        self.transitions.partition_point(|&t| t <= utc_seconds)
    }

    fn offset_of_span(&self, span: usize) -> &ZoneOffset {
        &self.offsets[usize::from(self.spans[span])]
    }

    /// The moments a wall-clock time names here: none in a gap the clocks skip, two when they
    /// pass it twice (earliest first), else one.
    pub fn from_local(&self, local: NaiveDateTime) -> LocalResult<DateTime<Utc>> {
        let wall = local.and_utc().timestamp();
        let mut found: Vec<i64> = Vec::with_capacity(2);
        for offset in self.offsets.iter() {
            let utc = wall - i64::from(offset.seconds);
            if self.offset_of_span(self.span_at(utc)).seconds == offset.seconds
                && !found.contains(&utc)
            {
                found.push(utc);
            }
        }
        found.sort_unstable();
        let nanos = local.nanosecond();
        let moments: Vec<DateTime<Utc>> = found
            .iter()
            .filter_map(|&seconds| Utc.timestamp_opt(seconds, nanos).single())
            .collect();
        match moments.as_slice() {
            [] => LocalResult::None,
            [only] => LocalResult::Single(*only),
            [first, .., last] => LocalResult::Ambiguous(*first, *last),
        }
    }

    /// `at` in this zone, with `pattern` (a chrono format whose `%Z` is the abbreviation).
    pub fn format(&self, at: DateTime<Utc>, pattern: &str) -> String {
        let offset = self.offset_at(at);
        let fixed = FixedOffset::east_opt(offset.seconds).unwrap_or_else(|| Utc.fix());
        let pattern = pattern.replace("%Z", &offset.abbreviation);
        at.with_timezone(&fixed).format(&pattern).to_string()
    }

    /// "Nov 24, 2026 14:05 CET": `at` in this zone, as lists and cards show moments.
    pub fn written(&self, at: DateTime<Utc>) -> String {
        let abbreviation = &self.offset_at(at).abbreviation;
        format!("{} {abbreviation}", short_date_time(self.local(at)))
    }

    /// The wall-clock date and time at `at`.
    pub fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.naive_utc() + chrono::Duration::seconds(i64::from(self.offset_at(at).seconds))
    }
}

#[cfg(feature = "ssr")]
mod from_database {
    //! Rules read off the IANA database, by probing it: the server's side.

    use std::borrow::Cow;

    use chrono::{DateTime, Offset, TimeZone, Utc};
    use chrono_tz::Tz;

    use super::{ZoneOffset, ZoneRules};

    /// The years the rules cover: 1970-01-01 to 2100-01-01.
    const FROM: i64 = 0;
    const UNTIL: i64 = 4_102_444_800;
    /// Probes this far apart find every change: no zone has changed twice within 12 hours.
    const STEP: i64 = 12 * 3600;

    fn offset_of(tz: Tz, seconds: i64) -> ZoneOffset {
        let at: DateTime<Utc> = Utc.timestamp_opt(seconds, 0).single().unwrap_or_default();
        let there = at.with_timezone(&tz);
        ZoneOffset {
            seconds: there.offset().fix().local_minus_utc(),
            abbreviation: Cow::Owned(there.format("%Z").to_string()),
        }
    }

    /// `tz`'s rules from 1970 to 2100.
    pub fn rules_of(tz: Tz) -> ZoneRules {
        let mut offsets = vec![offset_of(tz, FROM)];
        let mut spans = vec![0u8];
        let mut transitions = Vec::new();
        let mut at = FROM;
        while at < UNTIL {
            let next = (at + STEP).min(UNTIL);
            let before = &offsets[usize::from(*spans.last().unwrap_or(&0))];
            let after = offset_of(tz, next);
            if &after != before {
                // The change lies in (at, next]: find its first second.
                let (mut low, mut high) = (at, next);
                while high - low > 1 {
                    let middle = low + (high - low) / 2;
                    if &offset_of(tz, middle) == before {
                        low = middle;
                    } else {
                        high = middle;
                    }
                }
                let changed = offset_of(tz, high);
                let index = offsets
                    .iter()
                    .position(|o| o == &changed)
                    .unwrap_or_else(|| {
                        offsets.push(changed);
                        offsets.len() - 1
                    });
                transitions.push(high);
                spans.push(u8::try_from(index).unwrap_or(0));
                at = high;
            } else {
                at = next;
            }
        }
        ZoneRules {
            name: Cow::Owned(tz.name().to_string()),
            transitions: Cow::Owned(transitions),
            spans: Cow::Owned(spans),
            offsets: Cow::Owned(offsets),
        }
    }
}

#[cfg(feature = "ssr")]
pub use from_database::rules_of;

#[cfg(all(test, feature = "ssr"))]
#[path = "zone_rules_tests.rs"]
mod tests;
