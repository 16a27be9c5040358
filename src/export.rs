//! The findings as a CSV file for a spreadsheet: one row per recurring stream and per alert.
//!
//! Counterparty names come from statements anyone can write into (a shop names itself), so the
//! file is made safe to open in Excel, LibreOffice and Google Sheets:
//!
//! - every cell is quoted (RFC 4180), so commas, quotes and line breaks stay inside their cell;
//! - a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
//!   formula (OWASP "CSV injection"), so it gets a leading `'` and is shown as text;
//! - bidirectional-override characters, which can make a name read backwards, are replaced by a
//!   visible `[U+202E]`-style marker;
//! - amounts are plain non-negative decimals made from integer minor units, so no legitimate cell
//!   starts with `-` and nothing is rounded.
//!
//! The text is UTF-8 with a byte-order mark: without it Excel reads UTF-8 as the local code page
//! and Chinese turns into garbage.

use crate::analysis::{Alert, Frequency, Level, Report, Stream, TransactionRef};
use crate::lang::Lang;
use crate::model::Currency;

/// The byte-order mark that tells spreadsheet programs the file is UTF-8.
pub const UTF8_BOM: char = '\u{feff}';

/// The first characters that make a spreadsheet read a cell as a formula (OWASP).
pub const FORMULA_PREFIXES: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The findings of `report` as CSV text with a header in `lang`: one row per stream, then one
/// per alert, in the report's order.
pub fn findings_csv(report: &Report, lang: Lang) -> String {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let rows = std::iter::once(header(lang))
        .chain(report.streams.iter().map(|s| stream_row(s, lang)))
        .chain(report.alerts.iter().map(|a| alert_row(a, lang)));
    for row in rows {
        let cells = row.iter().map(|cell| safe_cell(cell));
        // Writing into a Vec cannot fail.
        writer
            .write_record(cells)
            .expect("CSV into memory cannot fail");
    }
    let bytes = writer.into_inner().expect("CSV into memory cannot fail");
    let body = String::from_utf8(bytes).expect("the CSV writer keeps UTF-8 cells UTF-8");
    format!("{UTF8_BOM}{body}")
}

/// A cell as it may go into the file: bidi controls made visible, a formula prefix defused.
pub fn safe_cell(text: &str) -> String {
    let visible = show_bidi_controls(text);
    if visible.starts_with(FORMULA_PREFIXES) {
        format!("'{visible}")
    } else {
        visible
    }
}

/// Whether `c` changes the direction text is shown in (embeddings, overrides, isolates and the
/// invisible direction marks).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// Replaces each bidi control with a visible marker such as `[U+202E]`, so a name cannot be
/// shown reversed and the reader can see that the statement held one.
pub fn show_bidi_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_bidi_control(c) {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The column names, in order.
fn header(lang: Lang) -> Vec<String> {
    let names: [&str; 13] = match lang {
        Lang::Zh => [
            "级别",
            "类型",
            "交易对方",
            "周期",
            "通常金额",
            "币种",
            "笔数",
            "合计",
            "首次日期",
            "最近日期",
            "下次预计",
            "原因",
            "证据（文件:行）",
        ],
        Lang::En => [
            "Level",
            "Kind",
            "Counterparty",
            "Cadence",
            "Typical amount",
            "Currency",
            "Count",
            "Total",
            "First date",
            "Last date",
            "Next expected",
            "Reasons",
            "Evidence (file:line)",
        ],
    };
    names.iter().map(|n| n.to_string()).collect()
}

fn stream_row(stream: &Stream, lang: Lang) -> Vec<String> {
    let income = stream
        .reasons
        .iter()
        .any(|r| r.code == "salary" || r.code == "recurring_income");
    let kind = match (income, lang) {
        (false, Lang::Zh) => "定期扣款",
        (false, Lang::En) => "recurring payment",
        (true, Lang::Zh) => "定期收入",
        (true, Lang::En) => "recurring income",
    };
    let reasons: Vec<&str> = stream
        .reasons
        .iter()
        .map(|r| match lang {
            Lang::Zh => r.message_zh.as_str(),
            Lang::En => r.message.as_str(),
        })
        .collect();
    vec![
        level_label(stream.level, lang).to_string(),
        kind.to_string(),
        stream.counterparty.clone(),
        frequency_label(stream.frequency, lang).to_string(),
        amount(stream.typical_amount_minor, stream.currency),
        stream.currency.code().to_string(),
        stream.occurrences.to_string(),
        amount(stream.total_minor, stream.currency),
        stream.first.to_string(),
        stream.last.to_string(),
        stream
            .next_expected
            .map(|d| d.to_string())
            .unwrap_or_default(),
        reasons.join(separator(lang)),
        evidence(&stream.transactions),
    ]
}

fn alert_row(alert: &Alert, lang: Lang) -> Vec<String> {
    let message = match lang {
        Lang::Zh => alert.message_zh.clone(),
        Lang::En => alert.message.clone(),
    };
    vec![
        level_label(alert.level, lang).to_string(),
        alert_kind(&alert.code, lang),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        alert.transactions.len().to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        message,
        evidence(&alert.transactions),
    ]
}

/// How reasons are joined in one cell.
fn separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    }
}

/// Evidence rows as `file:line`, joined by `; `.
fn evidence(rows: &[TransactionRef]) -> String {
    rows.iter()
        .map(|r| format!("{}:{}", r.file, r.line))
        .collect::<Vec<_>>()
        .join("; ")
}

/// An amount as a plain decimal with the currency's minor digits. Amounts in a report are sizes,
/// never signed, so the magnitude is written: a cell never starts with `-`.
fn amount(minor: i64, currency: Currency) -> String {
    let digits = currency.minor_digits();
    let magnitude = minor.unsigned_abs();
    if digits == 0 {
        return magnitude.to_string();
    }
    let scale = 10u64.pow(digits);
    format!(
        "{}.{:0width$}",
        magnitude / scale,
        magnitude % scale,
        width = digits as usize
    )
}

fn level_label(level: Level, lang: Lang) -> &'static str {
    match (level, lang) {
        (Level::High, Lang::Zh) => "高",
        (Level::High, Lang::En) => "high",
        (Level::Medium, Lang::Zh) => "中",
        (Level::Medium, Lang::En) => "medium",
        (Level::Low, Lang::Zh) => "低",
        (Level::Low, Lang::En) => "low",
    }
}

fn frequency_label(frequency: Frequency, lang: Lang) -> &'static str {
    match (frequency, lang) {
        (Frequency::Weekly, Lang::Zh) => "每周",
        (Frequency::Weekly, Lang::En) => "weekly",
        (Frequency::Biweekly, Lang::Zh) => "每两周",
        (Frequency::Biweekly, Lang::En) => "every two weeks",
        (Frequency::Semimonthly, Lang::Zh) => "每半月",
        (Frequency::Semimonthly, Lang::En) => "twice a month",
        (Frequency::Monthly, Lang::Zh) => "每月",
        (Frequency::Monthly, Lang::En) => "monthly",
        (Frequency::Bimonthly, Lang::Zh) => "每两个月",
        (Frequency::Bimonthly, Lang::En) => "every two months",
        (Frequency::Quarterly, Lang::Zh) => "每季度",
        (Frequency::Quarterly, Lang::En) => "quarterly",
        (Frequency::Semiannually, Lang::Zh) => "每半年",
        (Frequency::Semiannually, Lang::En) => "every six months",
        (Frequency::Annually, Lang::Zh) => "每年",
        (Frequency::Annually, Lang::En) => "yearly",
        (Frequency::Irregular, Lang::Zh) => "不定期",
        (Frequency::Irregular, Lang::En) => "irregular",
    }
}

fn alert_kind(code: &str, lang: Lang) -> String {
    let label = match (code, lang) {
        ("duplicate_charge", Lang::Zh) => "重复扣款",
        ("duplicate_charge", Lang::En) => "duplicate charge",
        ("failed_but_charged", Lang::Zh) => "付款失败但已扣款",
        ("failed_but_charged", Lang::En) => "failed but charged",
        ("loan_fee", Lang::Zh) => "借款后扣费",
        ("loan_fee", Lang::En) => "fees after a loan",
        (other, _) => other,
    };
    label.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Reason, Report};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn reason(code: &str, en: &str, zh: &str) -> Reason {
        Reason {
            code: code.to_string(),
            message: en.to_string(),
            message_zh: zh.to_string(),
        }
    }

    fn stream(counterparty: &str, currency: Currency, typical: i64) -> Stream {
        Stream {
            counterparty: counterparty.to_string(),
            frequency: Frequency::Monthly,
            level: Level::High,
            occurrences: 3,
            typical_amount_minor: typical,
            currency,
            first: day(2026, 1, 5),
            last: day(2026, 3, 5),
            active: true,
            reasons: vec![
                reason("auto_renewal", "Renews by itself.", "自动续费。"),
                reason("no_signup", "No sign-up seen.", "未见开通记录。"),
            ],
            transactions: vec![
                TransactionRef {
                    file: "a.csv".into(),
                    line: 30,
                },
                TransactionRef {
                    file: "a.csv".into(),
                    line: 52,
                },
            ],
            state: "mature".into(),
            next_expected: Some(day(2026, 4, 5)),
            total_minor: typical * 3,
            mirrors: Vec::new(),
        }
    }

    fn report(streams: Vec<Stream>, alerts: Vec<Alert>) -> Report {
        Report {
            schema: crate::analysis::report::SCHEMA.to_string(),
            files: Vec::new(),
            streams,
            alerts,
            totals: Vec::new(),
        }
    }

    /// Reads the CSV back as a spreadsheet would: BOM first, then RFC 4180 records.
    fn read_back(text: &str) -> Vec<Vec<String>> {
        let body = text.strip_prefix(UTF8_BOM).expect("starts with a BOM");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn defuses_every_formula_prefix() {
        let cases: &[(&str, &str)] = &[
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\r=1+1", "'\r=1+1"),
            ("=", "'="),
            ("\u{202e}=1+1", "[U+202E]=1+1"),
            ("a=1", "a=1"),
            ("爱奇艺", "爱奇艺"),
            (" =1", " =1"),
            ("", ""),
        ];
        for (raw, expected) in cases {
            assert_eq!(safe_cell(raw), *expected, "{raw:?}");
        }
        for prefix in FORMULA_PREFIXES {
            let cell = safe_cell(&format!("{prefix}x"));
            assert!(cell.starts_with('\''), "{prefix:?}: {cell:?}");
        }
    }

    #[test]
    fn makes_bidi_controls_visible() {
        let cases: &[(&str, &str)] = &[
            ("abc\u{202e}fdp.exe", "abc[U+202E]fdp.exe"),
            ("\u{202a}x\u{202c}", "[U+202A]x[U+202C]"),
            ("\u{2066}名\u{2069}", "[U+2066]名[U+2069]"),
            ("a\u{200f}b", "a[U+200F]b"),
            ("plain", "plain"),
        ];
        for (raw, expected) in cases {
            assert_eq!(show_bidi_controls(raw), *expected, "{raw:?}");
        }
        for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
            assert!(!show_bidi_controls(&format!("a{c}b")).contains(c), "{c:?}");
        }
    }

    #[test]
    fn writes_amounts_from_minor_units() {
        let jpy = Currency::from_code("JPY").unwrap();
        let kwd = Currency::from_code("KWD").unwrap();
        for (minor, currency, text) in [
            (2990, Currency::CNY, "29.90"),
            (5, Currency::CNY, "0.05"),
            (0, Currency::CNY, "0.00"),
            (1500, jpy, "1500"),
            (1234, kwd, "1.234"),
            (-660, Currency::CNY, "6.60"),
            (i64::MIN, Currency::CNY, "92233720368547758.08"),
        ] {
            assert_eq!(amount(minor, currency), text, "{minor} {currency}");
        }
    }

    #[test]
    fn reads_back_field_for_field() {
        let names = [
            "<img src=x onerror=alert(1)>",
            "</script><script>alert(2)</script>",
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tTAB",
            "\rCR",
            "evil\u{202e}gnp.exe",
            "逗号,引号\"换行\n腾讯",
        ];
        let streams: Vec<Stream> = names
            .iter()
            .zip(1..)
            .map(|(name, n)| stream(name, Currency::CNY, n * 1001))
            .collect();
        let alert = Alert {
            code: "duplicate_charge".into(),
            level: Level::Medium,
            message: "=charged twice".into(),
            message_zh: "重复扣款".into(),
            transactions: vec![
                TransactionRef {
                    file: "b.csv".into(),
                    line: 7,
                },
                TransactionRef {
                    file: "b.csv".into(),
                    line: 8,
                },
            ],
        };
        let report = report(streams, vec![alert]);
        for lang in [Lang::Zh, Lang::En] {
            let text = findings_csv(&report, lang);
            let rows = read_back(&text);
            assert_eq!(rows.len(), 1 + names.len() + 1, "{lang:?}");
            assert_eq!(rows[0], header(lang));
            for (row, (name, n)) in rows[1..].iter().zip(names.iter().zip(1i64..)) {
                assert_eq!(row.len(), 13);
                assert_eq!(row[2], safe_cell(name), "{name:?}");
                assert_eq!(row[4], amount(n * 1001, Currency::CNY));
                assert_eq!(row[5], "CNY");
                assert_eq!(row[6], "3");
                assert_eq!(row[7], amount(n * 3003, Currency::CNY));
                assert_eq!(row[8], "2026-01-05");
                assert_eq!(row[9], "2026-03-05");
                assert_eq!(row[10], "2026-04-05");
                assert_eq!(row[12], "a.csv:30; a.csv:52");
                for cell in row {
                    assert!(!cell.starts_with(FORMULA_PREFIXES), "{cell:?}");
                    assert!(!cell.chars().any(is_bidi_control), "{cell:?}");
                }
            }
            let alert_row = rows.last().unwrap();
            assert_eq!(alert_row[6], "2");
            assert_eq!(alert_row[12], "b.csv:7; b.csv:8");
            let expected_message = match lang {
                Lang::Zh => "重复扣款",
                Lang::En => "'=charged twice",
            };
            assert_eq!(alert_row[11], expected_message);
        }
    }

    #[test]
    fn header_and_reasons_follow_the_language() {
        let report = report(vec![stream("爱奇艺", Currency::CNY, 2500)], Vec::new());
        let cases = [
            (Lang::Zh, "级别", "高", "每月", "自动续费。；未见开通记录。"),
            (
                Lang::En,
                "Level",
                "high",
                "monthly",
                "Renews by itself.; No sign-up seen.",
            ),
        ];
        for (lang, first_column, level, cadence, reasons) in cases {
            let rows = read_back(&findings_csv(&report, lang));
            assert_eq!(rows[0][0], first_column);
            assert_eq!(rows[1][0], level);
            assert_eq!(rows[1][3], cadence);
            assert_eq!(rows[1][11], reasons);
        }
    }

    #[test]
    fn quotes_every_cell_and_ends_lines_with_crlf() {
        let report = report(vec![stream("@SUM(A1)", Currency::CNY, 100)], Vec::new());
        let text = findings_csv(&report, Lang::En);
        assert!(text.starts_with("\u{feff}\"Level\",\"Kind\""), "{text:?}");
        assert!(text.contains(",\"'@SUM(A1)\","), "{text:?}");
        assert_eq!(text.matches("\r\n").count(), 2);
    }
}
