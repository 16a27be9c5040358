//! Exact decimal amounts: statement text such as `¥1,020.00` or `-6.60` into integer minor units.

use serde::{Deserialize, Serialize};

/// Why an amount could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AmountError {
    /// Nothing but blanks or currency signs.
    Empty,
    /// Characters that do not belong in an amount.
    Malformed,
    /// More fraction digits than the currency has, and not just trailing zeros.
    TooPrecise,
    /// Larger than [`MAX_MINOR`]: no statement row holds that much, and sums of such rows
    /// would overflow.
    Overflow,
}

/// The largest amount a row may hold, in minor units (10 billion yuan in fen). Far above any
/// personal statement, and low enough that the rows of a file of the largest accepted size
/// (a few million rows at most) cannot add up past an `i64`.
pub const MAX_MINOR: i64 = 1_000_000_000_000;

/// Minor digits of CNY, the currency of every Alipay and WeChat Pay export: a constant, so their
/// readers do not look the currency code up once per row.
pub const CNY_DIGITS: u32 = 2;

/// Reads a decimal amount into minor units with `digits` fraction digits.
///
/// Accepts a leading or trailing sign, accounting parentheses for negatives, the currency signs
/// `¥ ￥ $ € £`, a trailing `元`, thousands separators (`,` and the narrow spaces some banks use)
/// and surrounding spaces or tabs. Only one sign is accepted (`--5` and `(-5)` are refused).
/// Returns the signed amount, at most [`MAX_MINOR`] either way; it never rounds.
pub fn parse_minor(text: &str, digits: u32) -> Result<i64, AmountError> {
    match plain_minor(text.as_bytes(), digits) {
        Some(read) => read,
        None => parse_any_minor(text, digits),
    }
}

/// [`parse_minor`] for every form it accepts.
fn parse_any_minor(text: &str, digits: u32) -> Result<i64, AmountError> {
    let mut s = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut signs = 0;
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        signs += 1;
        s = inner.trim();
    }
    for (sign, neg) in [('-', true), ('+', false), ('−', true)] {
        if let Some(rest) = s.strip_prefix(sign) {
            negative |= neg;
            signs += 1;
            s = rest.trim_start();
            break;
        }
    }
    s = s
        .trim_start_matches(['¥', '￥', '$', '€', '£'])
        .trim_start();
    if let Some(rest) = s.strip_prefix('-') {
        // `¥-5.00`: the sign after the currency sign.
        negative = true;
        signs += 1;
        s = rest;
    }
    if let Some(rest) = s.strip_suffix('-') {
        negative = true;
        signs += 1;
        s = rest;
    }
    if signs > 1 {
        return Err(AmountError::Malformed);
    }
    s = s.trim_end_matches('元').trim();

    let mut integer: i64 = 0;
    let mut fraction: i64 = 0;
    let mut fraction_digits: u32 = 0;
    let mut seen_digit = false;
    let mut in_fraction = false;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                let d = i64::from(c as u8 - b'0');
                seen_digit = true;
                if in_fraction {
                    if fraction_digits < digits {
                        fraction = fraction * 10 + d;
                        fraction_digits += 1;
                    } else if d != 0 {
                        return Err(AmountError::TooPrecise);
                    }
                } else {
                    integer = integer
                        .checked_mul(10)
                        .and_then(|v| v.checked_add(d))
                        .ok_or(AmountError::Overflow)?;
                }
            }
            '.' if !in_fraction => in_fraction = true,
            ',' | '\u{2009}' | '\u{202f}' | '\'' if !in_fraction && seen_digit => {}
            _ => return Err(AmountError::Malformed),
        }
    }
    if !seen_digit {
        return Err(if s.is_empty() {
            AmountError::Empty
        } else {
            AmountError::Malformed
        });
    }
    let scale = 10i64.pow(digits);
    let fraction = fraction * 10i64.pow(digits - fraction_digits);
    let value = integer
        .checked_mul(scale)
        .and_then(|v| v.checked_add(fraction))
        .filter(|v| *v <= MAX_MINOR)
        .ok_or(AmountError::Overflow)?;
    Ok(if negative { -value } else { value })
}

/// `1766.74` or `¥1766.74`, the forms of almost every row: unsigned digits, a point and one to
/// `digits` fraction digits, after at most one yen sign, nothing else. `Some` of what
/// [`parse_minor`] gives for it, `None` for any other form.
fn plain_minor(bytes: &[u8], digits: u32) -> Option<Result<i64, AmountError>> {
    let bytes = bytes.strip_prefix("¥".as_bytes()).unwrap_or(bytes);
    let point = bytes.iter().position(|&b| b == b'.')?;
    let (whole, fraction) = (&bytes[..point], &bytes[point + 1..]);
    // Twelve whole digits times the largest scale here stays far inside an i64.
    let plain = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
    if whole.is_empty()
        || whole.len() > 12
        || fraction.is_empty()
        || fraction.len() > digits as usize
        || digits > 6
        || !plain(whole)
        || !plain(fraction)
    {
        return None;
    }
    let number = |part: &[u8]| {
        part.iter()
            .fold(0i64, |value, &b| value * 10 + i64::from(b - b'0'))
    };
    let value = number(whole) * 10i64.pow(digits)
        + number(fraction) * 10i64.pow(digits - fraction.len() as u32);
    Some(if value <= MAX_MINOR {
        Ok(value)
    } else {
        Err(AmountError::Overflow)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cny_has_two_minor_digits() {
        assert_eq!(CNY_DIGITS, crate::model::Currency::CNY.minor_digits());
    }

    #[test]
    fn reads_amounts_exactly() {
        let cases: &[(&str, u32, Result<i64, AmountError>)] = &[
            ("49.74", 2, Ok(4974)),
            ("49.74               ", 2, Ok(4974)),
            ("\t0.01\t", 2, Ok(1)),
            ("0.1", 2, Ok(10)),
            ("1", 2, Ok(100)),
            ("222228.50", 2, Ok(22_222_850)),
            ("1,020.00", 2, Ok(102_000)),
            ("¥28.16", 2, Ok(2816)),
            ("￥1,234.56", 2, Ok(123_456)),
            ("-6.60", 2, Ok(-660)),
            ("+10000.00", 2, Ok(1_000_000)),
            ("(12.00)", 2, Ok(-1200)),
            ("¥-5.00", 2, Ok(-500)),
            ("12.50元", 2, Ok(1250)),
            ("29.900", 2, Ok(2990)),
            ("1000", 0, Ok(1000)),
            (".5", 2, Ok(50)),
            ("0.001", 2, Err(AmountError::TooPrecise)),
            ("", 2, Err(AmountError::Empty)),
            ("¥", 2, Err(AmountError::Empty)),
            ("abc", 2, Err(AmountError::Malformed)),
            ("1.2.3", 2, Err(AmountError::Malformed)),
            ("1e5", 2, Err(AmountError::Malformed)),
            (",5", 2, Err(AmountError::Malformed)),
            ("--5", 2, Err(AmountError::Malformed)),
            ("-¥-5", 2, Err(AmountError::Malformed)),
            ("(-5.00)", 2, Err(AmountError::Malformed)),
            ("-5.00-", 2, Err(AmountError::Malformed)),
            ("5.00-", 2, Ok(-500)),
            ("99999999999999999999", 2, Err(AmountError::Overflow)),
            ("92233720368547758.08", 2, Err(AmountError::Overflow)),
            ("10000000000.00", 2, Ok(MAX_MINOR)),
            ("-10000000000.00", 2, Ok(-MAX_MINOR)),
            ("10000000000.01", 2, Err(AmountError::Overflow)),
            ("1000000000000", 0, Ok(MAX_MINOR)),
            ("1000000000001", 0, Err(AmountError::Overflow)),
        ];
        for (text, digits, expected) in cases {
            assert_eq!(&parse_minor(text, *digits), expected, "{text:?}");
        }
    }

    #[test]
    fn the_plain_form_reads_as_any_form_does() {
        let texts = [
            "1766.74",
            "¥36.23",
            "0.5",
            "0.01",
            "00.10",
            "12.345",
            "1.",
            ".5",
            "5",
            "¥¥5.00",
            "¥-5.00",
            "-5.00",
            "1,020.00",
            "999999999999.99",
            "9999999999.99",
            "10000000000.01",
            "10000000000.00",
            "1234567890123.4",
            "1.2.3",
            "1.5 ",
            " 1.5",
            "1.5元",
            "１.５",
        ];
        for text in texts {
            for digits in [0, 2, 3] {
                if let Some(plain) = plain_minor(text.as_bytes(), digits) {
                    assert_eq!(plain, parse_any_minor(text, digits), "{text:?} {digits}");
                }
            }
        }
        // The common forms do take the short way.
        assert_eq!(plain_minor(b"1766.74", 2), Some(Ok(176_674)));
        assert_eq!(plain_minor("¥36.2".as_bytes(), 2), Some(Ok(3620)));
    }
}
