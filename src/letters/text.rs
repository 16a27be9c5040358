//! Small text helpers every letter uses: the two languages side by side, blanks the user must
//! fill, money and dates as a consumer writes them, and the cleaning of text that comes from a
//! statement (counterparty names are chosen by whoever took the money, so they are hostile input).

use chrono::{Datelike, NaiveDate};

use crate::lang::Lang;
use crate::model::{format_minor, Currency};

/// Picks the Chinese or the English wording.
pub(crate) fn tr<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A clearly marked blank for a fact only the user knows: `【请填写：姓名】` / `[FILL IN: name]`.
pub fn blank(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => format!("【请填写：{zh}】"),
        Lang::En => format!("[FILL IN: {en}]"),
    }
}

/// A marker after a sentence the user has to confirm before sending (it states something only
/// they can know, such as "I never signed up").
pub fn check(lang: Lang) -> &'static str {
    tr(lang, "【请核实】", "[CHECK]")
}

/// Whether a character may reorder or hide text when shown: bidirectional controls, zero-width
/// characters, control characters and non-characters.
pub(crate) fn is_hostile(c: char) -> bool {
    matches!(
        c,
        '\u{0000}'..='\u{001F}'
            | '\u{007F}'..='\u{009F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{FFFE}'
            | '\u{FFFF}'
    ) || (c as u32 & 0xFFFE) == 0xFFFE
        || ('\u{FDD0}'..='\u{FDEF}').contains(&c)
}

/// Text from a statement or typed by the user, made safe to print: controls, bidirectional
/// overrides and zero-width characters are removed (line breaks and tabs become spaces), runs
/// of spaces collapse, the ends are trimmed. Markup characters are kept: each output format
/// escapes them itself.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = if matches!(c, '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            ' '
        } else {
            c
        };
        if is_hostile(c) {
            continue;
        }
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// [`clean`], or `None` when nothing is left.
pub fn clean_opt(text: Option<&str>) -> Option<String> {
    text.map(clean).filter(|s| !s.is_empty() && s != "/")
}

/// Digits grouped in thousands: `1234567.89` → `1,234,567.89`.
fn group_thousands(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

/// An amount as a consumer writes it, exact to the minor unit: `¥1,234.56` (Chinese, CNY),
/// `CNY 1,234.56` (English), `$12.00`, `£12.00`, `€12.00`; an unknown currency (`XXX`) is
/// printed without a symbol.
pub fn money(minor: i64, currency: Currency, lang: Lang) -> String {
    let amount = group_thousands(&format_minor(minor, currency.minor_digits()));
    match (currency.code(), lang) {
        ("CNY", Lang::Zh) => format!("¥{amount}"),
        ("USD", _) => format!("${amount}"),
        ("GBP", _) => format!("£{amount}"),
        ("EUR", _) => format!("€{amount}"),
        ("XXX", _) => amount,
        (code, _) => format!("{code} {amount}"),
    }
}

/// How dates are written in running text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// `2026年12月8日`.
    Chinese,
    /// `8 December 2026` (UK, EU, and English drafts of Chinese letters).
    British,
    /// `December 8, 2026`.
    American,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in running text.
pub fn long_date(date: NaiveDate, style: DateStyle) -> String {
    let month = MONTHS[date.month0() as usize];
    match style {
        DateStyle::Chinese => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        DateStyle::British => format!("{} {month} {}", date.day(), date.year()),
        DateStyle::American => format!("{month} {}, {}", date.day(), date.year()),
    }
}

/// A UTC offset as `UTC+08:00`.
pub fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

/// Masks a phone number: `13812345678` → `138****5678`; text without enough digits is kept.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return phone.to_string();
    }
    let head: String = digits[..3].iter().collect();
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// Masks an account or card number, keeping its last four digits: `6222021234567890` →
/// `**** 7890`. Text with fewer than eight digits (already masked, a login name) is kept.
pub fn mask_account(account: &str) -> String {
    let digits: Vec<char> = account.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return account.to_string();
    }
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("**** {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_hostile_text() {
        for (raw, clean_text) in [
            ("  乐享\t权益\r\n服务  ", "乐享 权益 服务"),
            ("evil\u{202E}gnp.exe", "evilgnp.exe"),
            ("a\u{200B}b\u{2066}c\u{2069}", "abc"),
            ("<b>&]]>", "<b>&]]>"),
            ("\u{0}\u{7}x\u{FFFF}", "x"),
            ("", ""),
        ] {
            assert_eq!(clean(raw), clean_text, "{raw:?}");
        }
        assert_eq!(clean_opt(Some(" / ")), None);
        assert_eq!(clean_opt(Some(" 余额 ")), Some("余额".to_string()));
    }

    #[test]
    fn prints_exact_money() {
        let cny = Currency::CNY;
        let usd = Currency::from_code("USD").unwrap();
        let jpy = Currency::from_code("JPY").unwrap();
        for (minor, currency, lang, text) in [
            (123456, cny, Lang::Zh, "¥1,234.56"),
            (123456, cny, Lang::En, "CNY 1,234.56"),
            (1, cny, Lang::Zh, "¥0.01"),
            (100000000, usd, Lang::En, "$1,000,000.00"),
            (5000, jpy, Lang::En, "JPY 5,000"),
            (99, Currency::UNSPECIFIED, Lang::En, "0.99"),
            (-2990, cny, Lang::Zh, "¥-29.90"),
        ] {
            assert_eq!(money(minor, currency, lang), text);
        }
    }

    #[test]
    fn writes_dates_and_masks() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert_eq!(long_date(date, DateStyle::Chinese), "2026年12月8日");
        assert_eq!(long_date(date, DateStyle::British), "8 December 2026");
        assert_eq!(long_date(date, DateStyle::American), "December 8, 2026");
        assert_eq!(utc_offset(28800), "UTC+08:00");
        assert_eq!(utc_offset(-18000), "UTC-05:00");
        assert_eq!(mask_phone("138 1234 5678"), "138****5678");
        assert_eq!(mask_phone("12315"), "12315");
        assert_eq!(mask_account("6222 0212 3456 7890"), "**** 7890");
        assert_eq!(mask_account("138****5678"), "138****5678");
        assert_eq!(blank(Lang::Zh, "姓名", "name"), "【请填写：姓名】");
        assert_eq!(blank(Lang::En, "姓名", "name"), "[FILL IN: name]");
    }
}
