//! Dates and times in words, in the forms lists and cards show ("Nov 24, 2026",
//! "Nov 24, 2026 14:05"). Written directly rather than with chrono's `format`, which interprets
//! its pattern at run time: the first page the browser loads then carries no strftime
//! interpreter (the Schedule and the Feed, loaded later, still use it for their many forms).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "Nov 24, 2026" (chrono's `%b %-d, %Y`).
pub fn short_date(date: NaiveDate) -> String {
    let month = MONTHS[date.month0() as usize];
    format!("{month} {}, {:04}", date.day(), date.year())
}

/// "Nov 24, 2026 14:05" (`%b %-d, %Y %H:%M`).
pub fn short_date_time(at: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        short_date(at.date()),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_chrono_writes_them() {
        // Every day of a leap year, and a year of fewer digits, against chrono's own formatter.
        let days = NaiveDate::from_ymd_opt(2024, 1, 1)
            .unwrap()
            .iter_days()
            .take(366)
            .chain([NaiveDate::from_ymd_opt(999, 3, 9).unwrap()]);
        for day in days {
            assert_eq!(short_date(day), day.format("%b %-d, %Y").to_string());
            let at = day.and_hms_opt(7, 5, 59).unwrap();
            assert_eq!(
                short_date_time(at),
                at.format("%b %-d, %Y %H:%M").to_string()
            );
        }
        let evening = NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(23, 30, 0)
            .unwrap();
        assert_eq!(short_date_time(evening), "Nov 24, 2026 23:30");
    }
}
