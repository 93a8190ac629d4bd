//! Clock times written as "HH:MM" in scenario files.

/// Minutes in one day.
pub const DAY_MINUTES: u32 = 24 * 60;

/// Parses "HH:MM" (00:00–23:59, also "24:00" as the end of the day) to minutes after midnight.
pub fn parse_hhmm(text: &str) -> Option<u32> {
    let (hours, minutes) = text.trim().split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let hours: u32 = hours.parse().ok()?;
    let minutes: u32 = minutes.parse().ok()?;
    if minutes >= 60 || hours > 24 || (hours == 24 && minutes != 0) {
        return None;
    }
    Some(hours * 60 + minutes)
}

/// Formats minutes after midnight (wrapping past 24 h) as "HH:MM".
pub fn format_hhmm(minutes: u32) -> String {
    let minutes = minutes % DAY_MINUTES;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_and_rejects_invalid_times() {
        assert_eq!(parse_hhmm("07:30"), Some(450));
        assert_eq!(parse_hhmm("7:30"), Some(450));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        assert_eq!(parse_hhmm("25:00"), None);
        assert_eq!(parse_hhmm("12:60"), None);
        assert_eq!(parse_hhmm("1230"), None);
        assert_eq!(parse_hhmm("ab:cd"), None);
        assert_eq!(format_hhmm(21 * 60 + 45), "21:45");
        assert_eq!(format_hhmm(DAY_MINUTES + 465), "07:45");
    }
}
