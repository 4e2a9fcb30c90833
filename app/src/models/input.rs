//! Values as people type them — numbers, amounts, dates — parsed the same way in the browser
//! (to show a message at the field) and on the server (to refuse the same input).

use chrono::{NaiveDate, NaiveDateTime, Timelike};

/// A number as people type it: digits with an optional sign, decimal point and thousands
/// commas ("1,250.5"). Letters, several points or a lone sign are refused.
pub fn parse_number(raw: &str) -> Result<f64, String> {
    let cleaned: String = raw.trim().chars().filter(|c| *c != ',').collect();
    let digits = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
    let valid = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err("Enter a number, like 1250 or 12.5".into());
    }
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| "Enter a number, like 1250 or 12.5".into())
}

/// An amount in whole units with at most two decimals ("$1,250.50") → minor units.
pub fn parse_cents(raw: &str) -> Result<i64, String> {
    const MESSAGE: &str = "Enter an amount, like 1250 or 1250.50";
    let trimmed = raw.trim();
    let (negative, rest) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let rest = rest.trim_start_matches('$');
    let cleaned: String = rest.chars().filter(|c| *c != ',').collect();
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || whole.len() > 15
    {
        return Err(MESSAGE.into());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| MESSAGE.to_string())?
    };
    let fraction: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let cents = whole * 100 + fraction;
    Ok(if negative { -cents } else { cents })
}

/// A calendar date as `YYYY-MM-DD` (what date inputs send). Read by chrono's own `YYYY-MM-DD`
/// reader, which dates arriving from the server already need, rather than by a strftime
/// pattern: the pattern's interpreter would be the first page's only use of it. A space
/// inside refuses the date (the pattern took one before a number, the reader before a `-`).
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    let raw = raw.trim();
    raw.parse()
        .ok()
        .filter(|_| !raw.contains(char::is_whitespace))
        .ok_or_else(|| "Enter a date as YYYY-MM-DD".into())
}

/// The date and time of a `datetime-local` input, `YYYY-MM-DDTHH:MM`, read as [`parse_date`]
/// reads dates. Seconds (which chrono's `HH:MM` reader takes) are refused, as the
/// `%Y-%m-%dT%H:%M` pattern refused them: [`format_local_date_time`] could not show them.
pub fn parse_local_date_time(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    let (date, time) = raw.split_once('T')?;
    if time.matches(':').count() != 1 || raw.contains(char::is_whitespace) {
        return None;
    }
    Some(parse_date(date).ok()?.and_time(time.parse().ok()?))
}

/// The value of a `datetime-local` input showing `at` (to the minute).
pub fn format_local_date_time(at: NaiveDateTime) -> String {
    format!("{}T{:02}:{:02}", at.date(), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_read_as_their_strftime_patterns_do() {
        let dates = [
            "2026-11-24",
            " 2026-02-28 ",
            "2024-02-29",
            "2026-1-5",
            "0999-03-09",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-11",
            "24/11/2026",
            "2026-11-24x",
            "2026 -11-24",
            "",
            "abc",
        ];
        for raw in dates {
            let pattern = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
            assert_eq!(parse_date(raw).ok(), pattern, "{raw:?}");
        }
        // The one difference: the pattern took a space before a number; no date input sends one.
        assert!(parse_date("2026-11- 24").is_err());
        let moments = [
            "2026-11-24T14:05",
            " 2026-11-24T00:00 ",
            "2026-11-24T23:59",
            "2026-11-24T24:00",
            "2026-11-24T14:60",
            "2026-11-24 14:05",
            "2026-11-24T",
            "T14:05",
            "2026-02-30T10:00",
            "2026-11-24T14",
            "2026-11-24T14:05:30",
            "2026-11-24T23:59:60",
            "2026-11-24T14:05.5",
            "2026-11-24T14 :05",
            "2026-11-24 T14:05",
            "2026 -11-24T14:05",
            "",
        ];
        for raw in moments {
            let pattern = NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M").ok();
            assert_eq!(parse_local_date_time(raw), pattern, "{raw:?}");
        }
        let at = NaiveDate::from_ymd_opt(999, 3, 9)
            .and_then(|d| d.and_hms_opt(7, 5, 59))
            .unwrap();
        assert_eq!(
            format_local_date_time(at),
            at.format("%Y-%m-%dT%H:%M").to_string()
        );
        assert_eq!(
            parse_local_date_time(&format_local_date_time(at)),
            at.with_second(0)
        );
    }

    #[test]
    fn numbers_refuse_letters_and_accept_grouping() {
        assert_eq!(parse_number("1,250.5"), Ok(1250.5));
        assert_eq!(parse_number("-3"), Ok(-3.0));
        for bad in ["12a", "abc", "1.2.3", "-", "", "1e5", "NaN", "inf"] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_become_cents() {
        assert_eq!(parse_cents("$1,250.50"), Ok(125_050));
        assert_eq!(parse_cents("12.5"), Ok(1_250));
        assert_eq!(parse_cents("-0.05"), Ok(-5));
        assert_eq!(parse_cents("7"), Ok(700));
        for bad in ["1.234", "ten", "", "$", "1,0x"] {
            assert!(parse_cents(bad).is_err(), "{bad}");
        }
    }
}
