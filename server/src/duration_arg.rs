//! Durations given on the command line or in the environment: a whole number and a unit —
//! `90s`, `30m`, `2h`, `7d`.

use chrono::Duration;

/// Parses `text` as a positive duration, for clap.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("`{text}` needs a unit: s, m, h or d (e.g. 2h)"))?;
    let (number, unit) = text.split_at(split);
    let amount: i64 = number
        .parse()
        .map_err(|_| format!("`{text}` does not start with a whole number (e.g. 2h)"))?;
    let duration = match unit {
        "s" => Duration::try_seconds(amount),
        "m" => Duration::try_minutes(amount),
        "h" => Duration::try_hours(amount),
        "d" => Duration::try_days(amount),
        _ => {
            return Err(format!(
                "`{unit}` is not a unit: use s, m, h or d (e.g. 2h)"
            ));
        }
    }
    .ok_or_else(|| format!("`{text}` is too long"))?;
    if duration <= Duration::zero() {
        return Err(format!("`{text}` must be longer than nothing"));
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_with_their_unit() {
        assert_eq!(parse_duration("90s"), Ok(Duration::seconds(90)));
        assert_eq!(parse_duration("30m"), Ok(Duration::minutes(30)));
        assert_eq!(parse_duration(" 2h "), Ok(Duration::hours(2)));
        assert_eq!(parse_duration("7d"), Ok(Duration::days(7)));
        for bad in [
            "2",
            "h",
            "2x",
            "0h",
            "-1h",
            "1.5h",
            "",
            "99999999999999999999d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
