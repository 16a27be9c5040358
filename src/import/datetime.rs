//! Statement dates and times: `2026-09-28 19:09:37`, `2026/9/28 19:09` (re-saved by a spreadsheet),
//! `20260928`, `2026-09-28T19:09:37`. The zone is not in the text; each importer knows it.

use chrono::{NaiveDate, NaiveTime};

/// Reads a date with an optional time. `None` when the text is not a real calendar date
/// (or time): `2026-02-30` and `25:00` are refused, not adjusted.
pub fn parse_date_time(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let s = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let (date_part, time_part) = match s.find([' ', 'T', '\t']) {
        Some(i) => (&s[..i], Some(s[i + 1..].trim())),
        None => (s, None),
    };
    let date = parse_date(date_part)?;
    let time = match time_part {
        None | Some("") => None,
        Some(t) => Some(parse_time(t)?),
    };
    Some((date, time))
}

/// Reads `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.MM.DD` or `YYYYMMDD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let s = text.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let year = s[0..4].parse().ok()?;
        let month = s[4..6].parse().ok()?;
        let day = s[6..8].parse().ok()?;
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    let mut parts = s.split(['-', '/', '.']);
    let year = number(parts.next()?, 4, 4)?;
    let month = number(parts.next()?, 1, 2)?;
    let day = number(parts.next()?, 1, 2)?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// Reads `H:MM`, `HH:MM:SS` or `HH:MM:SS.fff` (fractions are dropped: statements never need them).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let s = text.trim();
    let s = s.split_once('.').map_or(s, |(whole, fraction)| {
        if fraction.bytes().all(|b| b.is_ascii_digit()) {
            whole
        } else {
            s
        }
    });
    let mut parts = s.split(':');
    let hour = number(parts.next()?, 1, 2)?;
    let minute = number(parts.next()?, 2, 2)?;
    let second = match parts.next() {
        Some(p) => number(p, 2, 2)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

fn number(text: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if text.len() < min_len || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(text: &str) -> Option<String> {
        parse_date_time(text).map(|(d, t)| match t {
            Some(t) => format!("{d} {t}"),
            None => d.to_string(),
        })
    }

    #[test]
    fn reads_statement_dates() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2026-09-28 19:09:37", Some("2026-09-28 19:09:37")),
            ("2026-09-28 19:09:37 ", Some("2026-09-28 19:09:37")),
            ("2026/9/28 19:09", Some("2026-09-28 19:09:00")),
            ("2026-09-28T19:09:37", Some("2026-09-28 19:09:37")),
            ("2026-09-28 19:09:37.123", Some("2026-09-28 19:09:37")),
            ("20260928", Some("2026-09-28")),
            ("2026.09.28", Some("2026-09-28")),
            ("2026-09-28", Some("2026-09-28")),
            ("2024-02-29 00:00:00", Some("2024-02-29 00:00:00")),
            ("2026-02-29 00:00:00", None),
            ("2026-13-01", None),
            ("2026-09-28 24:00:00", None),
            ("2026-09-28 19:9", None),
            ("26-09-28", None),
            ("", None),
            ("交易时间", None),
            ("2026-09-28-01", None),
        ];
        for (text, expected) in cases {
            assert_eq!(dt(text).as_deref(), *expected, "{text:?}");
        }
    }
}
