//! Which calendar days an item falls on, and where: a task at its due time (at local midnight
//! it is an all-day task), a meeting from its start to its end, cut at midnights, a meeting of
//! a day or more in the all-day row. Positions are wall-clock minutes in the calendar's zone,
//! so a 10:00 meeting sits at 10:00 on both sides of a daylight-saving change.

use chrono::{DateTime, NaiveDate, Timelike, Utc};

use super::{
    calendar_layout::{MIN_BLOCK_MINUTES, Span, lay_out},
    schedule::{PlacedItem, ScheduleDay},
    time_zone::ViewerZone,
};

const MINUTES_PER_DAY: u32 = 24 * 60;

/// When an item happens: a task's due time, or a meeting's start and end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Due(DateTime<Utc>),
    Between(DateTime<Utc>, DateTime<Utc>),
}

/// Lays `items` (indexes are theirs) out over `days`, seen in `zone`.
pub fn arrange(zone: ViewerZone, days: &[NaiveDate], items: &[When]) -> Vec<ScheduleDay> {
    let mut out: Vec<ScheduleDay> = days
        .iter()
        .map(|date| ScheduleDay {
            date: *date,
            all_day: vec![],
            timed: vec![],
        })
        .collect();
    let minute_of = |at: DateTime<Utc>| {
        let local = zone.local(at);
        (local.date(), local.hour() * 60 + local.minute())
    };
    for (index, when) in items.iter().enumerate() {
        match *when {
            When::Due(at) => {
                let (date, minute) = minute_of(at);
                let Some(day) = out.iter_mut().find(|d| d.date == date) else {
                    continue;
                };
                if minute == 0 {
                    day.all_day.push(index);
                } else {
                    day.timed.push(PlacedItem {
                        item: index,
                        start_minute: minute,
                        end_minute: (minute + MIN_BLOCK_MINUTES).min(MINUTES_PER_DAY),
                        placement: Default::default(),
                    });
                }
            }
            When::Between(start, end) => {
                let (first, start_minute) = minute_of(start);
                let (last, end_minute) = minute_of(end);
                let whole_days = end - start >= chrono::Duration::hours(24);
                for day in out.iter_mut() {
                    // A meeting ending at midnight does not reach into the next day.
                    let touches = day.date >= first
                        && (day.date < last
                            || (day.date == last && (end_minute > 0 || first == last)));
                    if !touches {
                        continue;
                    }
                    if whole_days {
                        day.all_day.push(index);
                        continue;
                    }
                    let from = if day.date == first { start_minute } else { 0 };
                    let to = if day.date == last {
                        end_minute
                    } else {
                        MINUTES_PER_DAY
                    };
                    day.timed.push(PlacedItem {
                        item: index,
                        start_minute: from,
                        end_minute: to.max(from),
                        placement: Default::default(),
                    });
                }
            }
        }
    }
    for day in &mut out {
        let spans: Vec<Span> = day
            .timed
            .iter()
            .map(|p| Span {
                start: p.start_minute,
                end: p.end_minute,
            })
            .collect();
        for (placed, placement) in day.timed.iter_mut().zip(lay_out(&spans)) {
            placed.placement = placement;
        }
        day.timed.sort_by_key(|p| (p.start_minute, p.item));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn zone(name: &str) -> ViewerZone {
        ViewerZone::parse(name).unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_task_due_late_in_warsaw_is_the_next_day_in_tokyo() {
        // 23:30 in Warsaw on Nov 24 (CET, UTC+1) is 07:30 on Nov 25 in Tokyo.
        let due = utc(2026, 11, 24, 22, 30);
        let days = [date("2026-11-24"), date("2026-11-25")];
        let warsaw = arrange(zone("Europe/Warsaw"), &days, &[When::Due(due)]);
        assert_eq!(warsaw[0].timed[0].start_minute, 23 * 60 + 30);
        assert!(warsaw[1].timed.is_empty());
        let tokyo = arrange(zone("Asia/Tokyo"), &days, &[When::Due(due)]);
        assert!(tokyo[0].timed.is_empty());
        assert_eq!(tokyo[1].timed[0].start_minute, 7 * 60 + 30);
    }

    #[test]
    fn a_week_across_the_march_change_keeps_wall_clock_hours() {
        // Warsaw moves from UTC+1 to UTC+2 on Sunday March 29, 2026. A 10:00 meeting each
        // weekday is 09:00 UTC before the change and 08:00 UTC after it.
        let days: Vec<NaiveDate> = date("2026-03-23").iter_days().take(14).collect();
        let before = When::Between(utc(2026, 3, 27, 9, 0), utc(2026, 3, 27, 10, 0));
        let after = When::Between(utc(2026, 3, 30, 8, 0), utc(2026, 3, 30, 9, 0));
        let laid = arrange(zone("Europe/Warsaw"), &days, &[before, after]);
        let friday = &laid[4];
        let monday = &laid[7];
        assert_eq!(friday.timed[0].start_minute, 600);
        assert_eq!(monday.timed[0].start_minute, 600);
        assert_eq!(monday.timed[0].end_minute, 660);
        // In UTC the same two meetings sit an hour apart.
        let in_utc = arrange(ViewerZone::UTC, &days, &[before, after]);
        assert_eq!(in_utc[4].timed[0].start_minute, 540);
        assert_eq!(in_utc[7].timed[0].start_minute, 480);
    }

    #[test]
    fn midnight_tasks_and_long_meetings_go_to_the_top_row() {
        let days = [date("2026-11-24"), date("2026-11-25"), date("2026-11-26")];
        let items = [
            When::Due(utc(2026, 11, 24, 0, 0)),
            When::Between(utc(2026, 11, 24, 0, 0), utc(2026, 11, 26, 0, 0)),
            // 22:00 to 01:00 is cut at midnight into two blocks.
            When::Between(utc(2026, 11, 25, 22, 0), utc(2026, 11, 26, 1, 0)),
        ];
        let laid = arrange(ViewerZone::UTC, &days, &items);
        assert_eq!(laid[0].all_day, [0, 1]);
        assert_eq!(laid[1].all_day, [1]);
        assert!(laid[2].all_day.is_empty(), "ends at midnight");
        assert_eq!(laid[1].timed[0].start_minute, 22 * 60);
        assert_eq!(laid[1].timed[0].end_minute, 24 * 60);
        assert_eq!(laid[2].timed[0].start_minute, 0);
        assert_eq!(laid[2].timed[0].end_minute, 60);
    }

    #[test]
    fn overlapping_meetings_of_a_day_share_its_width() {
        let days = [date("2026-11-24")];
        let items = [
            When::Between(utc(2026, 11, 24, 9, 0), utc(2026, 11, 24, 10, 0)),
            When::Between(utc(2026, 11, 24, 9, 30), utc(2026, 11, 24, 11, 0)),
        ];
        let laid = arrange(ViewerZone::UTC, &days, &items);
        let columns: Vec<_> = laid[0]
            .timed
            .iter()
            .map(|p| (p.placement.column, p.placement.columns))
            .collect();
        assert_eq!(columns, [(0, 2), (1, 2)]);
    }
}
