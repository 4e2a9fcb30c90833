//! The Feed tab (SPEC §4): notifications of recent sales activity (an email opened, a page
//! visited, a meeting booked, …) by contacts of the customers the viewer owns, newest first.
//! This module holds what travels between server and browser: the filters as the URL carries
//! them (`?q=&type=&sequence=`), the notifications, and the words the page shows for them.

use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{SalesEventKind, list_url::href, record_detail::RecordLink, time_zone::ViewerZone};

/// Notifications per page; "Load older activities" reads the next page.
pub const FEED_PAGE_SIZE: usize = 30;
/// New notifications are counted up to this many; beyond it the button says "99+".
pub const NEW_COUNT_CAP: u32 = 99;
/// Longer searches are cut here: a search box, not a document.
pub const MAX_SEARCH_CHARS: usize = 100;

/// The sequence enrollment filter. A CSM asks "is this contact being emailed by a sequence
/// right now?" — to leave a contact a sequence is working alone, or to follow up by hand with
/// those no sequence reaches — so it is about the contact's *current* enrollment (their latest
/// enroll or unenroll event; a contact is in at most one sequence at a time), not about the
/// notification's own kind. One sequence by name is offered when the URL names it (a click on
/// a sequence's name in a notification): sequence names are free text, so the select does not
/// list them all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SequenceFilter {
    #[default]
    Any,
    /// The contact is enrolled in a sequence now.
    Enrolled,
    /// The contact is in no sequence now (never enrolled, or unenrolled since).
    NotEnrolled,
    /// The contact is enrolled in this sequence now.
    In(String),
}

impl SequenceFilter {
    /// The URL's value: `enrolled`, `not_enrolled`, `in:<name>`; nothing for any.
    pub fn param(&self) -> Option<String> {
        match self {
            SequenceFilter::Any => None,
            SequenceFilter::Enrolled => Some("enrolled".into()),
            SequenceFilter::NotEnrolled => Some("not_enrolled".into()),
            SequenceFilter::In(name) => Some(format!("in:{name}")),
        }
    }

    /// Reads a URL value; anything unknown is "any".
    pub fn parse(raw: &str) -> SequenceFilter {
        match raw.trim() {
            "enrolled" => SequenceFilter::Enrolled,
            "not_enrolled" => SequenceFilter::NotEnrolled,
            other => match other.strip_prefix("in:").map(str::trim) {
                Some(name) if !name.is_empty() => SequenceFilter::In(name.to_string()),
                _ => SequenceFilter::Any,
            },
        }
    }

    /// The option's text in the "Sequence enrollment" select.
    pub fn label(&self) -> String {
        match self {
            SequenceFilter::Any => "Any".into(),
            SequenceFilter::Enrolled => "Enrolled in a sequence".into(),
            SequenceFilter::NotEnrolled => "Not in a sequence".into(),
            SequenceFilter::In(name) => format!("Enrolled in “{name}”"),
        }
    }
}

/// The Feed's filters, as its URL carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedUrl {
    /// Part of a contact's name, a customer's name or the subject (email subject, page, form,
    /// sequence); trimmed, empty for none.
    pub search: String,
    pub kind: Option<SalesEventKind>,
    pub sequence: SequenceFilter,
}

impl FeedUrl {
    /// The filters from the URL's `q`, `type` and `sequence` values; unknown values are
    /// ignored, as a hand-edited link should still open the feed.
    pub fn from_parts(search: Option<&str>, kind: Option<&str>, sequence: Option<&str>) -> FeedUrl {
        FeedUrl {
            search: search
                .map(|s| s.trim().chars().take(MAX_SEARCH_CHARS).collect::<String>())
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
            kind: kind.and_then(SalesEventKind::parse),
            sequence: sequence.map(SequenceFilter::parse).unwrap_or_default(),
        }
    }

    /// Reads a query string (with or without `?`).
    pub fn parse(query: &str) -> FeedUrl {
        let (mut search, mut kind, mut sequence) = (None, None, None);
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match key.as_ref() {
                "q" => search = Some(value.into_owned()),
                "type" => kind = Some(value.into_owned()),
                "sequence" => sequence = Some(value.into_owned()),
                _ => {}
            }
        }
        FeedUrl::from_parts(search.as_deref(), kind.as_deref(), sequence.as_deref())
    }

    /// The query string (without `?`) with only what is set, always in the same order.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.search.is_empty() {
            query.append_pair("q", &self.search);
        }
        if let Some(kind) = self.kind {
            query.append_pair("type", kind.as_str());
        }
        if let Some(sequence) = self.sequence.param() {
            query.append_pair("sequence", &sequence);
        }
        query.finish()
    }

    /// `/feed?…`
    pub fn href(&self) -> String {
        href("/feed", &self.to_query())
    }

    /// Whether any filter narrows the feed (the empty state then says so).
    pub fn is_filtered(&self) -> bool {
        *self != FeedUrl::default()
    }
}

/// Where a page of the feed continues: the last notification shown, in the feed's order
/// (`occurred_at` descending, then `id` descending).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedCursor {
    pub at: DateTime<Utc>,
    pub id: i64,
}

/// One notification: a sales event of a contact of one of the viewer's customers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedEntry {
    /// The sales event's id; deleting the notification hides this event for the viewer.
    pub id: i64,
    pub kind: SalesEventKind,
    pub occurred_at: DateTime<Utc>,
    /// The email's subject, the page's address or the form's name; may be empty.
    pub subject: String,
    /// Sequence events: the sequence.
    pub sequence_name: Option<String>,
    pub contact: RecordLink,
    /// The customer of the viewer's the contact belongs to (none when the customer object is
    /// the contacts themselves).
    pub company: Option<RecordLink>,
}

impl FeedEntry {
    pub fn cursor(&self) -> FeedCursor {
        FeedCursor {
            at: self.occurred_at,
            id: self.id,
        }
    }
}

/// What the Feed page shows: a page of notifications under the filters of `url`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedView {
    /// The filters as the server read them.
    pub url: FeedUrl,
    pub entries: Vec<FeedEntry>,
    /// Older notifications follow this one ("Load older activities"); none at the end.
    pub next: Option<FeedCursor>,
    /// When the server read the page: times are told relative to it, and notifications after
    /// it are new.
    pub as_of: DateTime<Utc>,
    /// Why the workspace cannot have a feed (no CSM property for its customers), if so.
    pub unavailable: Option<String>,
    /// Whether any customer is assigned to the viewer (the empty state says which it is).
    pub owns_customers: bool,
}

/// What a notification's kind is called, as the "Activity type" filter also lists it.
pub fn kind_label(kind: SalesEventKind) -> &'static str {
    match kind {
        SalesEventKind::EmailOpened => "Email opened",
        SalesEventKind::EmailClicked => "Email clicked",
        SalesEventKind::EmailReplied => "Email replied",
        SalesEventKind::FormSubmitted => "Form submitted",
        SalesEventKind::PageVisited => "Page visited",
        SalesEventKind::MeetingBooked => "Meeting booked",
        SalesEventKind::SequenceEnrolled => "Enrolled in sequence",
        SalesEventKind::SequenceUnenrolled => "Unenrolled from sequence",
    }
}

/// A glyph beside the kind's name (decoration: the name says it in words).
pub fn kind_icon(kind: SalesEventKind) -> &'static str {
    match kind {
        SalesEventKind::EmailOpened => "✉",
        SalesEventKind::EmailClicked => "↗",
        SalesEventKind::EmailReplied => "↩",
        SalesEventKind::FormSubmitted => "✎",
        SalesEventKind::PageVisited => "◉",
        SalesEventKind::MeetingBooked => "◷",
        SalesEventKind::SequenceEnrolled => "▶",
        SalesEventKind::SequenceUnenrolled => "■",
    }
}

/// The tool a kind of event comes from, named before its subject ("Email", "Page", …).
pub fn kind_tool(kind: SalesEventKind) -> &'static str {
    match kind {
        SalesEventKind::EmailOpened
        | SalesEventKind::EmailClicked
        | SalesEventKind::EmailReplied => "Email",
        SalesEventKind::FormSubmitted => "Form",
        SalesEventKind::PageVisited => "Page",
        SalesEventKind::MeetingBooked => "Meetings",
        SalesEventKind::SequenceEnrolled | SalesEventKind::SequenceUnenrolled => "Sequence",
    }
}

/// The button that shows new notifications: "1 new activity", "3 new activities", "99+ …".
pub fn new_items_label(count: u32) -> String {
    match count {
        1 => "1 new activity".into(),
        n if n > NEW_COUNT_CAP => format!("{NEW_COUNT_CAP}+ new activities"),
        n => format!("{n} new activities"),
    }
}

/// When something happened, as a feed says it: "Just now", "5 min ago", "3 h ago", then the
/// date and time in the viewer's zone ("Mar 4, 14:05"; the year too when it is not this one).
/// `now` is when the page was read, so the server and the browser say the same.
pub fn relative_time(at: DateTime<Utc>, now: DateTime<Utc>, zone: ViewerZone) -> String {
    let age = now - at;
    if age < -Duration::minutes(1) {
        // In the future (a clock ahead somewhere): say exactly when.
        return zone.format(at);
    }
    if age < Duration::minutes(1) {
        return "Just now".into();
    }
    if age < Duration::hours(1) {
        return format!("{} min ago", age.num_minutes());
    }
    if age < Duration::hours(24) {
        return format!("{} h ago", age.num_hours());
    }
    if zone.date_of(at).year() == zone.date_of(now).year() {
        zone.format_with(at, "%b %-d, %H:%M")
    } else {
        zone.format_with(at, "%b %-d, %Y")
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn filters_round_trip_through_the_url() {
        let url = FeedUrl {
            search: "acme & co".into(),
            kind: Some(SalesEventKind::EmailOpened),
            sequence: SequenceFilter::In("Renewal nurture".into()),
        };
        assert_eq!(FeedUrl::parse(&url.to_query()), url);
        assert_eq!(FeedUrl::parse(&format!("?{}", url.to_query())), url);
        assert!(
            url.href()
                .starts_with("/feed?q=acme+%26+co&type=email_opened&sequence=in%3A")
        );
        assert_eq!(FeedUrl::default().href(), "/feed");
        assert!(!FeedUrl::default().is_filtered());
    }

    #[test]
    fn unknown_values_fall_back_to_no_filter() {
        let url = FeedUrl::parse("q=++&type=teleport&sequence=sometimes&page=3");
        assert_eq!(url, FeedUrl::default());
        assert_eq!(SequenceFilter::parse("in:  "), SequenceFilter::Any);
        assert_eq!(
            SequenceFilter::parse("not_enrolled"),
            SequenceFilter::NotEnrolled
        );
        let long = "x".repeat(MAX_SEARCH_CHARS + 20);
        assert_eq!(
            FeedUrl::parse(&format!("q={long}")).search.len(),
            MAX_SEARCH_CHARS
        );
    }

    #[test]
    fn every_kind_has_its_words() {
        for kind in SalesEventKind::ALL {
            assert!(!kind_label(*kind).is_empty());
            assert!(!kind_tool(*kind).is_empty());
        }
        assert_eq!(kind_label(SalesEventKind::EmailOpened), "Email opened");
        assert_eq!(
            kind_label(SalesEventKind::SequenceUnenrolled),
            "Unenrolled from sequence"
        );
    }

    #[test]
    fn new_activities_are_counted_in_words() {
        assert_eq!(new_items_label(1), "1 new activity");
        assert_eq!(new_items_label(3), "3 new activities");
        assert_eq!(new_items_label(NEW_COUNT_CAP + 1), "99+ new activities");
    }

    #[test]
    fn times_are_relative_then_absolute_in_the_viewer_zone() {
        let now = Utc.with_ymd_and_hms(2026, 3, 4, 12, 0, 0).unwrap();
        let utc = ViewerZone::UTC;
        assert_eq!(relative_time(now, now, utc), "Just now");
        assert_eq!(
            relative_time(now - Duration::minutes(5), now, utc),
            "5 min ago"
        );
        assert_eq!(relative_time(now - Duration::hours(3), now, utc), "3 h ago");
        let warsaw = ViewerZone::parse("Europe/Warsaw").unwrap();
        assert_eq!(
            relative_time(now - Duration::days(2), now, warsaw),
            "Mar 2, 13:00"
        );
        assert_eq!(
            relative_time(now - Duration::days(400), now, utc),
            "Jan 28, 2025"
        );
    }
}
