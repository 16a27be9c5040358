//! Property tests: money and date parsing against independent oracles, and cadence detection on
//! generated series, over many random cases each run.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use proptest::prelude::*;
use proptest::sample::select;
use statement_checker::analysis::cadence::{add_months, detect, next_date};
use statement_checker::analysis::{analyse, Frequency};
use statement_checker::import::amount::{parse_minor, AmountError, MAX_MINOR};
use statement_checker::import::datetime::{parse_date, parse_date_time};
use statement_checker::import::{Format, ImportedFile, Period};
use statement_checker::model::{
    Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction,
};

// ---------------------------------------------------------------------------------------------
// Money

/// The integer part with `,` between groups of three digits.
fn grouped(integer: u64) -> String {
    let digits = integer.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How a statement may write the sign of an amount.
#[derive(Clone, Copy, Debug)]
enum SignStyle {
    Leading,
    Trailing,
    Parentheses,
    AfterCurrency,
}

/// Writes `minor` as a statement might: the digits of the currency, thousands separators or
/// not, a sign in one of the accepted places, a currency mark, padding.
fn written(
    minor: i64,
    digits: u32,
    thousands: bool,
    style: SignStyle,
    mark: &str,
    yuan: bool,
    pad: &str,
) -> String {
    let scale = 10u64.pow(digits);
    let magnitude = minor.unsigned_abs();
    let integer = magnitude / scale;
    let mut number = if thousands {
        grouped(integer)
    } else {
        integer.to_string()
    };
    if digits > 0 {
        number = format!(
            "{number}.{:0width$}",
            magnitude % scale,
            width = digits as usize
        );
    }
    let negative = minor < 0;
    let body = match (negative, style) {
        (false, _) => format!("{mark}{number}"),
        (true, SignStyle::Leading) => format!("-{mark}{number}"),
        (true, SignStyle::Trailing) => format!("{mark}{number}-"),
        (true, SignStyle::Parentheses) => format!("({mark}{number})"),
        (true, SignStyle::AfterCurrency) => format!("{mark}-{number}"),
    };
    // `元` follows the number; a trailing minus sign and `元` are not written together.
    let body = if yuan && !matches!(style, SignStyle::Trailing) && !body.ends_with(')') {
        format!("{body}元")
    } else {
        body
    };
    format!("{pad}{body}{pad}")
}

fn sign_style() -> impl Strategy<Value = SignStyle> {
    select(vec![
        SignStyle::Leading,
        SignStyle::Trailing,
        SignStyle::Parentheses,
        SignStyle::AfterCurrency,
    ])
}

/// What a decimal text of digits with at most one `.` is worth, by 128-bit arithmetic: its
/// value in minor units, or the errors it deserves (too precise when a fraction digit past the
/// currency's is not zero, too large past [`MAX_MINOR`]; either one when both hold).
fn oracle(integer: &str, fraction: &str, digits: u32) -> Result<i64, Vec<AmountError>> {
    let kept = &fraction[..fraction.len().min(digits as usize)];
    let too_precise = fraction[kept.len()..].bytes().any(|b| b != b'0');
    let integer: u128 = if integer.is_empty() {
        0
    } else {
        integer.parse().expect("at most 30 digits")
    };
    let kept_value: u128 = if kept.is_empty() {
        0
    } else {
        kept.parse().expect("at most 3 digits")
    };
    let scale = 10u128.pow(digits);
    let value = integer * scale + kept_value * 10u128.pow(digits - kept.len() as u32);
    let too_large = value > MAX_MINOR as u128;
    match (too_precise, too_large) {
        (false, false) => Ok(value as i64),
        (true, false) => Err(vec![AmountError::TooPrecise]),
        (false, true) => Err(vec![AmountError::Overflow]),
        (true, true) => Err(vec![AmountError::TooPrecise, AmountError::Overflow]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn written_amounts_read_back_exactly(
        minor in -MAX_MINOR..=MAX_MINOR,
        digits in select(vec![0u32, 2, 3]),
        thousands in any::<bool>(),
        style in sign_style(),
        mark in select(vec!["", "¥", "￥", "$", "€", "£"]),
        yuan in any::<bool>(),
        pad in select(vec!["", " ", "\t", "  \u{3000}"]),
    ) {
        let text = written(minor, digits, thousands, style, mark, yuan, pad);
        prop_assert_eq!(parse_minor(&text, digits), Ok(minor), "{:?}", text);
    }

    #[test]
    fn plain_decimals_match_exact_arithmetic(
        integer in "[0-9]{0,30}",
        fraction in proptest::option::of("[0-9]{0,6}"),
        digits in 0u32..=3,
        negative in any::<bool>(),
    ) {
        prop_assume!(!integer.is_empty() || fraction.as_deref().is_some_and(|f| !f.is_empty()));
        let text = match &fraction {
            Some(f) => format!("{}{integer}.{f}", if negative { "-" } else { "" }),
            None => format!("{}{integer}", if negative { "-" } else { "" }),
        };
        let parsed = parse_minor(&text, digits);
        match oracle(&integer, fraction.as_deref().unwrap_or(""), digits) {
            Ok(value) => {
                prop_assert_eq!(parsed, Ok(if negative { -value } else { value }), "{}", text)
            }
            // Too large is an error, never a wrapped or clamped number.
            Err(errors) => prop_assert!(
                parsed.as_ref().is_err_and(|e| errors.contains(e)),
                "{text}: {parsed:?}, expected one of {errors:?}"
            ),
        }
    }

    #[test]
    fn any_text_is_an_amount_or_an_error_never_a_panic(text in any::<String>(), digits in 0u32..=4) {
        if let Ok(value) = parse_minor(&text, digits) {
            prop_assert!(value.abs() <= MAX_MINOR, "{text:?} gave {value}");
        }
    }

    #[test]
    fn amount_like_text_never_panics(
        text in "[-+()¥$.,0-9元 ]{0,40}",
        digits in 0u32..=4,
    ) {
        if let Ok(value) = parse_minor(&text, digits) {
            prop_assert!(value.abs() <= MAX_MINOR, "{text:?} gave {value}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1000i32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn written_dates_read_back(
        date in any_date(),
        layout in select(vec!["%Y-%m-%d", "%Y/%m/%d", "%Y/%-m/%-d", "%Y.%m.%d", "%Y%m%d"]),
    ) {
        let text = date.format(layout).to_string();
        prop_assert_eq!(parse_date(&text), Some(date), "{}", text);
        prop_assert_eq!(parse_date_time(&text), Some((date, None)), "{}", text);
    }

    #[test]
    fn written_times_read_back(
        date in any_date(),
        seconds in 0u32..86_400,
        separator in select(vec![" ", "T", "\t"]),
        with_seconds in any::<bool>(),
    ) {
        let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0).unwrap();
        let time = if with_seconds { time } else { time.with_second(0).unwrap() };
        let clock = if with_seconds { time.format("%H:%M:%S") } else { time.format("%H:%M") };
        let text = format!("{}{separator}{clock}", date.format("%Y-%m-%d"));
        prop_assert_eq!(parse_date_time(&text), Some((date, Some(time))), "{}", text);
    }

    #[test]
    fn days_past_the_end_of_the_month_are_refused(
        year in 1000i32..=9999,
        month in 1u32..=12,
        extra in 1u32..=20,
        layout in select(vec!["{y}-{m:02}-{d:02}", "{y}/{m}/{d}", "{y}{m:02}{d:02}"]),
    ) {
        let day = days_in_month(year, month) + extra;
        prop_assume!(day <= 99);
        let text = layout
            .replace("{y}", &year.to_string())
            .replace("{m:02}", &format!("{month:02}"))
            .replace("{d:02}", &format!("{day:02}"))
            .replace("{m}", &month.to_string())
            .replace("{d}", &day.to_string());
        prop_assert_eq!(parse_date(&text), None, "{}", text);
    }

    #[test]
    fn impossible_months_days_and_times_are_refused(
        year in 1000i32..=9999,
        month in select(vec![0u32, 13, 20, 99]),
        day in 1u32..=28,
        hour in 24u32..=99,
        minute in 60u32..=99,
    ) {
        prop_assert_eq!(parse_date(&format!("{year}-{month:02}-{day:02}")), None);
        prop_assert_eq!(parse_date(&format!("{year}-01-00")), None);
        let date = format!("{year}-01-{day:02}");
        prop_assert_eq!(parse_date_time(&format!("{date} {hour:02}:00:00")), None);
        prop_assert_eq!(parse_date_time(&format!("{date} 10:{minute:02}:00")), None);
        prop_assert_eq!(parse_date_time(&format!("{date} 10:00:{minute:02}")), None);
    }

    #[test]
    fn any_text_is_a_date_or_none_never_a_panic(text in any::<String>()) {
        let _ = parse_date_time(&text);
        let _ = parse_date(&text);
    }

    #[test]
    fn date_like_text_never_panics(text in "[0-9./: T-]{0,24}") {
        if let Some((date, _)) = parse_date_time(&text) {
            prop_assert!((0..=9999).contains(&date.year()), "{text:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cadence

fn start_date() -> impl Strategy<Value = NaiveDate> {
    (2015i32..=2030, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// A series at `frequency`: `count` charges from `start`, each moved by its own jitter (days).
fn series(frequency: Frequency, start: NaiveDate, jitter: &[i64]) -> Vec<NaiveDate> {
    jitter
        .iter()
        .enumerate()
        .map(|(k, j)| {
            let k = k as u32;
            let nominal = match frequency {
                Frequency::Weekly => start + Duration::days(7 * i64::from(k)),
                Frequency::Biweekly => start + Duration::days(14 * i64::from(k)),
                Frequency::Monthly => add_months(start, k, start.day()),
                Frequency::Quarterly => add_months(start, 3 * k, start.day()),
                Frequency::Annually => add_months(start, 12 * k, start.day()),
                other => unreachable!("{other:?} is not generated"),
            };
            nominal + Duration::days(*j)
        })
        .collect()
}

/// A frequency, how far each charge may wander from its day while staying inside that
/// frequency's tolerance (gaps then vary by twice as much, plus the months' unequal lengths),
/// and how many charges a series has.
fn cadence_case() -> impl Strategy<Value = (Frequency, Vec<i64>)> {
    select(vec![
        (Frequency::Weekly, 1i64, 4usize..=16),
        (Frequency::Biweekly, 1, 3..=12),
        (Frequency::Monthly, 1, 3..=24),
        (Frequency::Quarterly, 3, 3..=8),
        (Frequency::Annually, 10, 2..=5),
    ])
    .prop_flat_map(|(frequency, wander, count)| {
        (
            Just(frequency),
            proptest::collection::vec(-wander..=wander, count),
        )
    })
}

/// Rows of one statement: the charges of a stream plus unrelated shop purchases, each with its
/// own line and a time of day that makes every row distinct.
fn statement(charges: &[NaiveDate], noise: &[(u16, u8, u32)]) -> ImportedFile {
    let name: Arc<str> = Arc::from("statement.csv");
    let start = charges[0];
    let mut rows: Vec<Transaction> = Vec::new();
    let mut push = |date: NaiveDate, who: String, minor: i64| {
        let line = rows.len() as u32 + 2;
        rows.push(Transaction {
            source: SourceRef {
                file: name.clone(),
                line,
            },
            when: LocalTime {
                date,
                time: NaiveTime::from_num_seconds_from_midnight_opt(line * 7, 0),
                utc_offset_seconds: LocalTime::CHINA_OFFSET_SECONDS,
            },
            direction: Direction::Debit,
            amount: Money::new(minor, Currency::CNY),
            counterparty: who,
            counterparty_account: None,
            description: String::new(),
            category: None,
            status: "交易成功".into(),
            status_kind: StatusKind::Succeeded,
            payment_method: None,
            order_id: Some(format!("2026{line:08}")),
            merchant_order_id: None,
            note: None,
        });
    };
    for date in charges {
        push(*date, "某某视频会员".to_string(), 2500);
    }
    for (offset, shop, minor) in noise {
        let shop = ["便利店", "面包房", "加油站", "药店"][usize::from(*shop) % 4];
        push(
            start + Duration::days(i64::from(*offset)),
            shop.to_string(),
            i64::from(*minor),
        );
    }
    let first = rows.iter().map(|t| t.when.date).min().unwrap();
    let last = rows.iter().map(|t| t.when.date).max().unwrap();
    let mut file = ImportedFile::failed(
        name.clone(),
        0,
        statement_checker::import::ImportError::new(
            statement_checker::import::ImportErrorKind::Empty,
        ),
    );
    file.error = None;
    file.format = Some(Format::Alipay);
    file.transactions = rows;
    file.period = Some(Period {
        start: first,
        end: last,
    });
    file
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn series_at_a_cadence_are_found_at_that_cadence(
        (frequency, jitter) in cadence_case(),
        start in start_date(),
    ) {
        let dates = series(frequency, start, &jitter);
        let found = detect(&dates).map(|f| (f.frequency, f.missed));
        prop_assert_eq!(found, Some((frequency, 0)), "{:?}", dates);
    }

    #[test]
    fn month_ends_stay_monthly(year in 2000i32..=2040, month in 1u32..=12, count in 3usize..=30) {
        let first = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month)).unwrap();
        let dates: Vec<NaiveDate> = (0..count as u32).map(|k| add_months(first, k, 31)).collect();
        for date in &dates {
            prop_assert_eq!(date.day(), days_in_month(date.year(), date.month()));
        }
        let found = detect(&dates).map(|f| (f.frequency, f.missed));
        prop_assert_eq!(found, Some((Frequency::Monthly, 0)), "{:?}", dates);
        let last = *dates.last().unwrap();
        let next = next_date(last, Frequency::Monthly, 31);
        prop_assert_eq!(next, add_months(last, 1, 31));
        prop_assert_eq!(next.day(), days_in_month(next.year(), next.month()));
    }

    #[test]
    fn the_order_of_rows_does_not_change_the_report(
        (frequency, jitter) in cadence_case(),
        start in start_date(),
        noise in proptest::collection::vec((0u16..400, any::<u8>(), 100u32..20_000), 0..30),
        seed in any::<u64>(),
    ) {
        let dates = series(frequency, start, &jitter);
        let file = statement(&dates, &noise);
        let mut shuffled = file.clone();
        // A Fisher–Yates shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.transactions.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let j = (state % (i as u64 + 1)) as usize;
            shuffled.transactions.swap(i, j);
        }
        let report = analyse(std::slice::from_ref(&file));
        let again = analyse(std::slice::from_ref(&shuffled));
        prop_assert_eq!(&report, &again);
        let stream = report.streams.iter().find(|s| s.counterparty == "某某视频会员");
        prop_assert!(stream.is_some(), "{:?}", report.streams);
        prop_assert_eq!(stream.unwrap().frequency, frequency);
    }
}
