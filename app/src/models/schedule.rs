//! The Schedule tab: a calendar of the viewer's tasks and meetings by day, week or month, in a
//! time zone of their choice. Its state is in the URL (`?mode=week&date=2026-11-24&tz=…&weekends=hide`)
//! so a calendar can be linked and read without JavaScript; the server lays it out
//! ([`ScheduleView`]) and the browser draws it.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{calendar_layout::Placement, task::AssociableRecord, time_zone::ViewerZone};

string_enum!(
    /// How much of the calendar shows.
    CalendarMode { Day => "day", Week => "week", Month => "month" }
);

impl CalendarMode {
    pub fn label(self) -> &'static str {
        match self {
            CalendarMode::Day => "Day",
            CalendarMode::Week => "Week",
            CalendarMode::Month => "Month",
        }
    }
}

/// Most items one calendar shows; a busier range says so.
pub const MAX_SCHEDULE_ITEMS: usize = 1_000;
/// Items a month cell lists before "+N more".
pub const MONTH_CELL_ITEMS: usize = 3;

/// The calendar's state as the URL holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleUrl {
    pub mode: Option<CalendarMode>,
    /// The day the calendar shows (or whose week or month); `None`: today.
    pub date: Option<NaiveDate>,
    /// An IANA zone; `None`: the viewer's own.
    pub zone: Option<String>,
    pub hide_weekends: bool,
}

impl ScheduleUrl {
    /// Reads a query string; unknown or malformed parameters fall back to the defaults.
    pub fn parse(query: &str) -> ScheduleUrl {
        let mut url = ScheduleUrl::default();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match key.as_ref() {
                "mode" => url.mode = CalendarMode::parse(&value),
                "date" => url.date = value.parse().ok(),
                "tz" if !value.is_empty() => url.zone = Some(value.into_owned()),
                "weekends" => url.hide_weekends = value == "hide",
                _ => {}
            }
        }
        url
    }

    /// `/schedule?…` with only what differs from the defaults.
    pub fn href(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(mode) = self.mode {
            query.append_pair("mode", mode.as_str());
        }
        if let Some(date) = self.date {
            query.append_pair("date", &date.to_string());
        }
        if let Some(zone) = &self.zone {
            query.append_pair("tz", zone);
        }
        if self.hide_weekends {
            query.append_pair("weekends", "hide");
        }
        super::list_url::href("/schedule", &query.finish())
    }
}

/// The days a calendar of `mode` around `anchor` shows, Monday-first weeks; without Saturdays
/// and Sundays when `hide_weekends` (week and month only).
pub fn visible_days(mode: CalendarMode, anchor: NaiveDate, hide_weekends: bool) -> Vec<NaiveDate> {
    let monday = |day: NaiveDate| day - Days::new(u64::from(day.weekday().num_days_from_monday()));
    let (first, count) = match mode {
        CalendarMode::Day => return vec![anchor],
        CalendarMode::Week => (monday(anchor), 7),
        CalendarMode::Month => {
            let first_of_month = anchor.with_day(1).unwrap_or(anchor);
            let start = monday(first_of_month);
            let next_month = first_of_month + Months::new(1);
            let days = (next_month - start).num_days();
            (start, ((days + 6) / 7) * 7)
        }
    };
    first
        .iter_days()
        .take(count as usize)
        .filter(|d| !(hide_weekends && matches!(d.weekday(), Weekday::Sat | Weekday::Sun)))
        .collect()
}

/// The anchor one step before (`-1`) or after (`1`) `anchor`.
pub fn step(mode: CalendarMode, anchor: NaiveDate, direction: i32) -> NaiveDate {
    let forward = direction >= 0;
    let moved = match mode {
        CalendarMode::Day if forward => anchor.checked_add_days(Days::new(1)),
        CalendarMode::Day => anchor.checked_sub_days(Days::new(1)),
        CalendarMode::Week if forward => anchor.checked_add_days(Days::new(7)),
        CalendarMode::Week => anchor.checked_sub_days(Days::new(7)),
        CalendarMode::Month if forward => anchor.checked_add_months(Months::new(1)),
        CalendarMode::Month => anchor.checked_sub_months(Months::new(1)),
    };
    moved.unwrap_or(anchor)
}

/// The calendar's heading: "Tuesday, Nov 24, 2026", "Nov 23 – 29, 2026", "November 2026".
pub fn title(mode: CalendarMode, anchor: NaiveDate, days: &[NaiveDate]) -> String {
    match mode {
        CalendarMode::Day => anchor.format("%A, %b %-d, %Y").to_string(),
        CalendarMode::Month => anchor.format("%B %Y").to_string(),
        CalendarMode::Week => match (days.first(), days.last()) {
            (Some(first), Some(last)) if first.month() == last.month() => format!(
                "{} – {}, {}",
                first.format("%b %-d"),
                last.format("%-d"),
                last.year()
            ),
            (Some(first), Some(last)) => {
                format!("{} – {}", first.format("%b %-d"), last.format("%b %-d, %Y"))
            }
            _ => String::new(),
        },
    }
}

string_enum!(ScheduleItemKind { Task => "task", Meeting => "meeting" });

/// A task or meeting as the calendar and its summary show it (times already in the
/// calendar's zone).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleItem {
    pub id: i64,
    pub kind: ScheduleItemKind,
    pub title: String,
    /// "09:00", or "09:00 – 10:30" for meetings; empty for all-day items.
    pub time_label: String,
    /// The whole date and time, e.g. "Tue, Nov 24, 2026 09:00 – 10:30 CET".
    pub when_label: String,
    pub description: String,
    pub location: String,
    pub link: String,
    pub completed: bool,
    pub started: bool,
    pub records: Vec<AssociableRecord>,
    pub attendees: Vec<AssociableRecord>,
}

/// An item placed in a day's time grid: minutes since local midnight and its column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacedItem {
    /// Index into [`ScheduleView::items`].
    pub item: usize,
    pub start_minute: u32,
    pub end_minute: u32,
    pub placement: Placement,
}

/// One day of the calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleDay {
    pub date: NaiveDate,
    /// All-day and untimed items (indexes into the items), for the top row.
    pub all_day: Vec<usize>,
    pub timed: Vec<PlacedItem>,
}

/// A laid-out calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleView {
    pub mode: CalendarMode,
    pub anchor: NaiveDate,
    pub today: NaiveDate,
    /// The zone the calendar is drawn in, and the viewer's own (the dropdown's default).
    pub zone: ViewerZone,
    pub profile_zone: String,
    pub hide_weekends: bool,
    pub title: String,
    pub days: Vec<ScheduleDay>,
    pub items: Vec<ScheduleItem>,
    /// More items than [`MAX_SCHEDULE_ITEMS`] fell in the range.
    pub truncated: bool,
}

impl ScheduleView {
    /// The URL of this calendar with `change` applied.
    pub fn href_with(&self, change: impl FnOnce(&mut ScheduleUrl)) -> String {
        let mut url = ScheduleUrl {
            mode: Some(self.mode),
            date: Some(self.anchor),
            zone: (self.zone.name() != self.profile_zone).then(|| self.zone.name().to_string()),
            hide_weekends: self.hide_weekends,
        };
        change(&mut url);
        url.href()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_can_hide_weekends() {
        let week = visible_days(CalendarMode::Week, day("2026-11-26"), false);
        assert_eq!(week.first(), Some(&day("2026-11-23")));
        assert_eq!(week.len(), 7);
        let workweek = visible_days(CalendarMode::Week, day("2026-11-29"), true);
        assert_eq!(
            workweek,
            day("2026-11-23").iter_days().take(5).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_month_is_whole_weeks_around_it() {
        // November 2026 starts on a Sunday and ends on a Monday: six weeks.
        let month = visible_days(CalendarMode::Month, day("2026-11-24"), false);
        assert_eq!(month.first(), Some(&day("2026-10-26")));
        assert_eq!(month.last(), Some(&day("2026-12-06")));
        assert_eq!(month.len(), 42);
        let weekdays = visible_days(CalendarMode::Month, day("2026-11-24"), true);
        assert_eq!(weekdays.len(), 30);
        assert!(
            weekdays
                .iter()
                .all(|d| d.weekday().num_days_from_monday() < 5)
        );
    }

    #[test]
    fn steps_move_by_the_mode() {
        assert_eq!(
            step(CalendarMode::Day, day("2026-11-30"), 1),
            day("2026-12-01")
        );
        assert_eq!(
            step(CalendarMode::Week, day("2026-11-24"), -1),
            day("2026-11-17")
        );
        assert_eq!(
            step(CalendarMode::Month, day("2026-01-31"), 1),
            day("2026-02-28")
        );
    }

    #[test]
    fn titles_name_the_range() {
        let week = visible_days(CalendarMode::Week, day("2026-11-24"), false);
        assert_eq!(
            title(CalendarMode::Week, day("2026-11-24"), &week),
            "Nov 23 – 29, 2026"
        );
        let across = visible_days(CalendarMode::Week, day("2026-12-30"), false);
        assert_eq!(
            title(CalendarMode::Week, day("2026-12-30"), &across),
            "Dec 28 – Jan 3, 2027"
        );
        assert_eq!(
            title(CalendarMode::Month, day("2026-11-24"), &[]),
            "November 2026"
        );
        assert_eq!(
            title(CalendarMode::Day, day("2026-11-24"), &[]),
            "Tuesday, Nov 24, 2026"
        );
    }

    #[test]
    fn the_url_round_trips() {
        let url = ScheduleUrl {
            mode: Some(CalendarMode::Month),
            date: Some(day("2026-03-29")),
            zone: Some("Etc/GMT+5".into()),
            hide_weekends: true,
        };
        let href = url.href();
        assert_eq!(
            href,
            "/schedule?mode=month&date=2026-03-29&tz=Etc%2FGMT%2B5&weekends=hide"
        );
        assert_eq!(
            ScheduleUrl::parse(href.trim_start_matches("/schedule?")),
            url
        );
        assert_eq!(
            ScheduleUrl::parse("mode=year&date=soon"),
            ScheduleUrl::default()
        );
    }
}
