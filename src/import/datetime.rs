//! Statement dates and times: `2026-09-28 19:09:37`, `2026/9/28 19:09` (re-saved by a spreadsheet),
//! `20260928`, `2026-09-28T19:09:37`. The zone is not in the text; each importer knows it.

use chrono::{NaiveDate, NaiveTime};

/// Reads a date with an optional time. `None` when the text is not a real calendar date
/// (or time): `2026-02-30` and `25:00` are refused, not adjusted.
pub fn parse_date_time(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    match plain_date_time(text.as_bytes()) {
        Some(read) => read,
        None => parse_any_date_time(text),
    }
}

/// [`parse_date_time`] for every form it accepts.
fn parse_any_date_time(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
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

/// `YYYY-MM-DD HH:MM:SS` exactly, the form of almost every row, read without splitting:
/// `Some` of what [`parse_date_time`] gives for it, `None` for any other form.
fn plain_date_time(bytes: &[u8]) -> Option<Option<(NaiveDate, Option<NaiveTime>)>> {
    let separators = [(4, b'-'), (7, b'-'), (10, b' '), (13, b':'), (16, b':')];
    if bytes.len() != 19 || separators.iter().any(|&(at, byte)| bytes[at] != byte) {
        return None;
    }
    let digits = |from: usize, to: usize| {
        bytes[from..to].iter().try_fold(0u32, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    let year = digits(0, 4)?;
    let (month, day) = (digits(5, 7)?, digits(8, 10)?);
    let (hour, minute, second) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    Some(
        NaiveDate::from_ymd_opt(year as i32, month, day)
            .and_then(|date| Some((date, Some(NaiveTime::from_hms_opt(hour, minute, second)?)))),
    )
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

    #[test]
    fn the_plain_form_reads_as_any_form_does() {
        let texts = [
            "2026-09-28 19:09:37",
            "2024-02-29 23:59:59",
            "2026-02-29 00:00:00",
            "2026-13-01 00:00:00",
            "2026-00-10 00:00:00",
            "2026-09-00 00:00:00",
            "2026-09-28 24:00:00",
            "2026-09-28 23:60:00",
            "2026-09-28 23:59:60",
            "0000-01-01 00:00:00",
            "2026-09-28T19:09:37",
            "2026/09/28 19:09:37",
            "2026-09-28 19:09:3x",
            "2026-09-28 19:09:37 ",
            "+026-09-28 19:09:37",
        ];
        for text in texts {
            if let Some(plain) = plain_date_time(text.as_bytes()) {
                assert_eq!(plain, parse_any_date_time(text), "{text:?}");
            }
        }
        assert!(plain_date_time(b"2026-09-28 19:09:37").is_some_and(|read| read.is_some()));
        assert_eq!(plain_date_time(b"2026-09-28T19:09:37"), None);
    }
}
