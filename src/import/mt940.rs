//! SWIFT MT940 customer statements (and the MT942 interim reports that share their fields), as
//! European banks export them.
//!
//! Files may start with a byte 0x01 or bank lines before the first `:20:`, wrap statements in
//! `{1:…}{2:…}{4:` … `-}` envelopes and hold many statements. Fields start with `:tag:` at the
//! start of a line and continue on the following lines. Each `:61:` statement line is one
//! transaction at the line of its `:61:`; the `:86:` after it (wrapped over up to six lines,
//! joined back) gives the counterparty and purpose, read from the German `?20…?33` subfields,
//! the `/NAME/…/REMI/…` layout or free text. The currency is the one of the opening balance
//! (`:60F:`/`:60M:`); amounts use a decimal comma; `C`/`D`/`RC`/`RD` give the direction.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::amount::parse_minor;
use super::error::{ImportError, SkipReason, SkippedRow};
use super::table::{self, Line};
use super::{Parsed, Period};
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

/// How many lines from the top the first field may be (bank header lines come first).
const SNIFF_LINES: usize = 20;

/// The width SWIFT wraps `:86:` lines at: a line this long continues mid-word on the next.
const WRAP_WIDTH: usize = 65;

/// A line without the 0x01 and 0x03 bytes some banks frame files with.
fn unframed(text: &str) -> &str {
    text.trim_matches(|c| c == '\u{1}' || c == '\u{3}' || c == '\u{feff}')
}

/// Recognises MT940: a `{1:` envelope or a `:20:` field among the first lines, followed by an
/// account (`:25:`) or balance field. Returns the line of the envelope or `:20:`.
pub fn detect(text: &str) -> Option<Line<'_>> {
    let lines: Vec<Line<'_>> = table::lines(text).take(SNIFF_LINES + 20).collect();
    let start = lines.iter().take(SNIFF_LINES).find(|line| {
        let t = unframed(line.text).trim_start();
        t.starts_with("{1:") || t.starts_with(":20:")
    })?;
    let has_fields = lines.iter().any(|line| {
        let t = unframed(line.text).trim_start();
        [":25:", ":60F:", ":60M:", ":28C:", ":61:"]
            .iter()
            .any(|tag| t.starts_with(tag) || t.contains(&format!("{{4:{tag}")))
    });
    has_fields.then_some(*start)
}

/// One field: its tag, the line it starts on and its lines.
#[derive(Debug)]
struct Field<'t> {
    tag: &'t str,
    line: u32,
    lines: Vec<&'t str>,
}

/// Splits the text into fields. Envelope markers, `-` terminators and lines before the first
/// field are dropped.
fn fields(text: &str) -> Vec<Field<'_>> {
    let mut fields: Vec<Field<'_>> = Vec::new();
    for line in table::lines(text) {
        let mut content = unframed(line.text).trim_end();
        // `{1:…}{2:…}{4:` may share a line with the first field.
        if let Some(at) = content.find("{4:") {
            content = &content[at + 3..];
        }
        if content.trim() == "-}" || content.trim() == "-" || content.trim().is_empty() {
            if content.trim().starts_with('-') {
                fields.push(Field {
                    tag: "-",
                    line: line.number,
                    lines: Vec::new(),
                });
            }
            continue;
        }
        if content.starts_with("{1:") || content.starts_with("{5:") {
            continue;
        }
        if let Some((tag, rest)) = field_start(content) {
            fields.push(Field {
                tag,
                line: line.number,
                lines: vec![rest],
            });
        } else if let Some(last) = fields.last_mut() {
            if last.tag != "-" {
                let continuation = content.trim_end_matches("-}");
                last.lines.push(continuation);
            }
        }
    }
    fields
}

/// `:61:rest` → (`61`, `rest`): two digits and an optional letter between colons.
fn field_start(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let end = rest.find(':')?;
    let tag = &rest[..end];
    let bytes = tag.as_bytes();
    let valid = (2..=3).contains(&bytes.len())
        && bytes[0].is_ascii_digit()
        && bytes[1].is_ascii_digit()
        && bytes.get(2).is_none_or(u8::is_ascii_alphabetic);
    valid.then(|| (tag, &rest[end + 1..]))
}

/// A `:61:` line taken apart.
#[derive(Debug, PartialEq, Eq)]
struct StatementLine {
    value_date: NaiveDate,
    entry_date: Option<NaiveDate>,
    direction: Direction,
    reversal: bool,
    amount: String,
    type_code: String,
    customer_ref: String,
    bank_ref: String,
    supplementary: String,
}

/// Two-digit SWIFT years: 80–99 are 19xx, the rest 20xx.
fn year(yy: u32) -> i32 {
    if yy >= 80 {
        1900 + yy as i32
    } else {
        2000 + yy as i32
    }
}

fn digits(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// The entry date `MMDD` in the year that puts it nearest the value date (a December value date
/// may be booked in January).
fn entry_date(value: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    [value.year(), value.year() + 1, value.year() - 1]
        .iter()
        .filter_map(|&y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - value).num_days().abs())
}

/// Why a `:61:` line could not be read.
#[derive(Debug, PartialEq, Eq)]
enum LineError {
    Date(String),
    Mark(String),
    Amount(String),
}

fn parse_statement_line(lines: &[&str]) -> Result<StatementLine, LineError> {
    let first = lines.first().copied().unwrap_or("").trim();
    let date_error = || LineError::Date(first.chars().take(10).collect());
    let value_date = NaiveDate::from_ymd_opt(
        year(digits(first, 0..2).ok_or_else(date_error)?),
        digits(first, 2..4).ok_or_else(date_error)?,
        digits(first, 4..6).ok_or_else(date_error)?,
    )
    .ok_or_else(date_error)?;
    let mut rest = &first[6..];
    // An optional entry date MMDD.
    let mut entry = None;
    if rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        let month = digits(rest, 0..2).ok_or_else(date_error)?;
        let day = digits(rest, 2..4).ok_or_else(date_error)?;
        entry = Some(entry_date(value_date, month, day).ok_or_else(date_error)?);
        rest = &rest[4..];
    }
    // The mark: C, D, RC, RD (and EC/ED, expected entries in MT942).
    let (direction, reversal, after_mark) = if let Some(r) = rest.strip_prefix("RC") {
        (Direction::Debit, true, r)
    } else if let Some(r) = rest.strip_prefix("RD") {
        (Direction::Credit, true, r)
    } else if let Some(r) = rest.strip_prefix("EC").or_else(|| rest.strip_prefix('C')) {
        (Direction::Credit, false, r)
    } else if let Some(r) = rest.strip_prefix("ED").or_else(|| rest.strip_prefix('D')) {
        (Direction::Debit, false, r)
    } else {
        return Err(LineError::Mark(rest.chars().take(2).collect()));
    };
    rest = after_mark;
    // An optional funds code: the third letter of the currency, a letter before the amount.
    if rest.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        rest = &rest[1..];
    }
    let amount_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let amount = rest[..amount_len].to_string();
    if amount.is_empty() || !amount.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(LineError::Amount(rest.chars().take(15).collect()));
    }
    rest = &rest[amount_len..];
    // The transaction type: N, S or F and three characters.
    let type_len = if rest.starts_with(['N', 'S', 'F']) {
        rest.char_indices().nth(4).map_or(rest.len(), |(i, _)| i)
    } else {
        0
    };
    let type_code = rest[..type_len].to_string();
    rest = &rest[type_len..];
    let (customer_ref, bank_ref) = match rest.split_once("//") {
        Some((customer, bank)) => (customer.trim(), bank.trim()),
        None => (rest.trim(), ""),
    };
    let supplementary = lines[1..]
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(StatementLine {
        value_date,
        entry_date: entry,
        direction,
        reversal,
        amount,
        type_code,
        customer_ref: customer_ref.to_string(),
        bank_ref: bank_ref.to_string(),
        supplementary,
    })
}

/// Joins the lines of a `:86:` field: a full-width physical line (the first one counted with its
/// `:86:` tag) was wrapped mid-word and continues directly; a shorter one ended where the bank
/// broke it, so a space stands for the break. The German structured layout (`?20…`) wraps
/// inside subfields and is joined directly.
fn join_86(lines: &[&str]) -> String {
    let structured = lines.first().is_some_and(|l| is_structured(l));
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 && !structured {
            let tag = if i == 1 { ":86:".len() } else { 0 };
            if lines[i - 1].chars().count() + tag < WRAP_WIDTH {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// `166?00SEPA-UEBERWEISUNG?10…`: a three-digit business code and `?` subfields.
fn is_structured(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 4 && bytes[..3].iter().all(u8::is_ascii_digit) && bytes[3] == b'?'
        || text.starts_with("?00")
}

/// What a `:86:` field says about a transaction.
#[derive(Debug, Default, PartialEq, Eq)]
struct Information {
    counterparty: String,
    counterparty_account: String,
    description: String,
    category: String,
    reference: String,
}

/// Reads the German structured layout: `?00` posting text, `?20`–`?29` and `?60`–`?63` purpose,
/// `?31` IBAN, `?32`/`?33` name. SEPA keywords in the purpose (`EREF+`, `MREF+`, `SVWZ+` …) are
/// taken apart.
fn read_structured(text: &str) -> Information {
    let mut info = Information::default();
    let mut purpose = String::new();
    let mut name = String::new();
    for part in text.split('?').skip(1) {
        let Some(code) = part.get(..2) else {
            continue;
        };
        let value = &part[2..];
        match code {
            "00" => info.category = value.trim().to_string(),
            "20" | "21" | "22" | "23" | "24" | "25" | "26" | "27" | "28" | "29" | "60" | "61"
            | "62" | "63" => purpose.push_str(value),
            "31" => info.counterparty_account = value.trim().to_string(),
            "32" | "33" => name.push_str(value),
            _ => {}
        }
    }
    info.counterparty = name.trim().to_string();
    let keywords = sepa_keywords(&purpose);
    let find = |key: &str| {
        keywords
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim().to_string())
    };
    info.description = find("SVWZ").unwrap_or_else(|| {
        if keywords.is_empty() {
            purpose.trim().to_string()
        } else {
            String::new()
        }
    });
    info.reference = find("MREF").or_else(|| find("EREF")).unwrap_or_default();
    if info.reference == "NOTPROVIDED" {
        info.reference.clear();
    }
    if info.counterparty.is_empty() {
        info.counterparty = find("ABWA").unwrap_or_default();
    }
    info
}

/// Splits a purpose text at SEPA keywords (`EREF+…SVWZ+…`) into (keyword, value) pairs.
fn sepa_keywords(purpose: &str) -> Vec<(&'static str, String)> {
    const KEYS: &[&str] = &[
        "EREF", "KREF", "MREF", "CRED", "DEBT", "SVWZ", "ABWA", "ABWE", "COAM", "OAMT", "IBAN",
        "BIC",
    ];
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    for key in KEYS {
        let marker = format!("{key}+");
        let mut from = 0;
        while let Some(at) = purpose[from..].find(&marker) {
            found.push((from + at, key));
            from += at + marker.len();
        }
    }
    found.sort();
    found
        .iter()
        .enumerate()
        .map(|(i, (at, key))| {
            let start = at + key.len() + 1;
            let end = found.get(i + 1).map_or(purpose.len(), |(next, _)| *next);
            (*key, purpose[start.min(end)..end].to_string())
        })
        .collect()
}

/// Reads the `/TRTP/…/IBAN/…/NAME/…/REMI/…` layout (Dutch and Belgian banks).
fn read_slashed(text: &str) -> Option<Information> {
    const KEYS: &[&str] = &[
        "TRTP",
        "IBAN",
        "BIC",
        "NAME",
        "REMI",
        "EREF",
        "MARF",
        "CSID",
        "ORDP",
        "BENM",
        "ULTB",
        "ULTD",
        "CNTP",
        "PURP",
        "RTRN",
        "ID",
        "ADDR",
        "USTD",
        "STRD",
        "ISDT",
        "FX",
        "CDTRREF",
        "CDTRREFTP",
        "CD",
        "ISSR",
    ];
    let trimmed = text.trim();
    if !trimmed.starts_with('/') {
        return None;
    }
    let tokens: Vec<&str> = trimmed.split('/').collect();
    let mut pairs: Vec<(&str, Vec<&str>)> = Vec::new();
    for token in tokens.iter().skip(1) {
        if KEYS.contains(&token.trim()) && !token.is_empty() {
            pairs.push((token.trim(), Vec::new()));
        } else if let Some((_, values)) = pairs.last_mut() {
            values.push(token);
        }
    }
    if !pairs
        .iter()
        .any(|(k, _)| matches!(*k, "NAME" | "REMI" | "TRTP" | "CNTP"))
    {
        return None;
    }
    let value = |key: &str| -> String {
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| {
                v.iter()
                    .flat_map(|s| s.split_whitespace())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let mut info = Information {
        counterparty: value("NAME"),
        counterparty_account: value("IBAN"),
        description: value("REMI"),
        category: value("TRTP"),
        reference: value("MARF"),
    };
    if info.description.is_empty() {
        info.description = value("USTD");
    }
    if info.reference.is_empty() {
        info.reference = value("EREF");
    }
    if info.reference == "NOTPROVIDED" {
        info.reference.clear();
    }
    // `/CNTP/account/BIC/name/city/` (Rabobank).
    if let Some((_, values)) = pairs.iter().find(|(k, _)| *k == "CNTP") {
        if info.counterparty_account.is_empty() {
            info.counterparty_account = values.first().map_or("", |s| s.trim()).to_string();
        }
        if info.counterparty.is_empty() {
            info.counterparty = values.get(2).map_or("", |s| s.trim()).to_string();
        }
    }
    Some(info)
}

/// Reads a `:86:` field in whichever layout it has.
fn read_information(text: &str) -> Information {
    if is_structured(text) {
        return read_structured(text);
    }
    if let Some(info) = read_slashed(text) {
        return info;
    }
    Information {
        description: text.split_whitespace().collect::<Vec<_>>().join(" "),
        ..Information::default()
    }
}

/// One statement's context.
#[derive(Debug, Default)]
struct Statement {
    account: String,
    currency: String,
    /// `:61:` fields with the `:86:` that follows each, waiting for the currency.
    pending: Vec<(u32, Result<StatementLine, LineError>, String)>,
}

/// Reads an MT940 text. `_header` is where [`detect`] found it; the whole text is read.
pub fn parse(file: &Arc<str>, text: &str, _header: Line<'_>) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::default();
    let mut statement = Statement::default();
    let mut last_61 = false;
    let mut period: Option<Period> = None;
    let flush = |statement: &mut Statement, parsed: &mut Parsed| {
        let currency = Currency::from_code(&statement.currency);
        for (line, result, information) in std::mem::take(&mut statement.pending) {
            match build(
                file,
                line,
                result,
                &information,
                currency,
                &statement.account,
            ) {
                Ok(transaction) => parsed.transactions.push(transaction),
                Err(reason) => parsed.skipped.push(SkippedRow { line, reason }),
            }
        }
    };
    for field in fields(text) {
        match field.tag {
            "20" => {
                flush(&mut statement, &mut parsed);
                statement = Statement::default();
                last_61 = false;
            }
            "25" => statement.account = field.lines.join("").trim().to_string(),
            "60F" | "60M" | "62F" | "62M" => {
                let value = field.lines.first().copied().unwrap_or("").trim();
                // D/C mark, YYMMDD, currency, amount.
                if statement.currency.is_empty() {
                    if let Some(code) = value.get(7..10) {
                        statement.currency = code.to_string();
                    }
                }
                if let Some(date) = balance_date(value) {
                    let p = period.get_or_insert(Period {
                        start: date,
                        end: date,
                    });
                    p.start = p.start.min(date);
                    p.end = p.end.max(date);
                }
                last_61 = false;
            }
            "61" => {
                statement.pending.push((
                    field.line,
                    parse_statement_line(&field.lines),
                    String::new(),
                ));
                last_61 = true;
            }
            "86" if last_61 => {
                if let Some(last) = statement.pending.last_mut() {
                    last.2 = join_86(&field.lines);
                }
                last_61 = false;
            }
            "-" => {
                flush(&mut statement, &mut parsed);
                statement.currency.clear();
                last_61 = false;
            }
            _ => last_61 = false,
        }
    }
    flush(&mut statement, &mut parsed);
    parsed.transactions.sort_by_key(|t| t.source.line);
    parsed.skipped.sort_by_key(|s| s.line);
    parsed.period = period;
    Ok(parsed)
}

/// The date of a balance field (`C250601CNY123,45`).
fn balance_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        year(digits(value, 1..3)?),
        digits(value, 3..5)?,
        digits(value, 5..7)?,
    )
}

fn build(
    file: &Arc<str>,
    line: u32,
    result: Result<StatementLine, LineError>,
    information: &str,
    currency: Option<Currency>,
    account: &str,
) -> Result<Transaction, SkipReason> {
    let statement_line = result.map_err(|error| match error {
        LineError::Date(text) => SkipReason::BadTime { text },
        LineError::Mark(text) => SkipReason::BadDirection { text },
        LineError::Amount(text) => SkipReason::BadAmount {
            text,
            error: super::amount::AmountError::Malformed,
        },
    })?;
    let currency = currency.unwrap_or(Currency::UNSPECIFIED);
    let amount_text = &statement_line.amount;
    let minor =
        parse_minor(&amount_text.replace(',', "."), currency.minor_digits()).map_err(|error| {
            SkipReason::BadAmount {
                text: amount_text.clone(),
                error,
            }
        })?;
    let info = read_information(information);
    // Without a named party: the supplementary details of the `:61:` (unless they are coded,
    // `/TRCD/…`), else the free text itself.
    let counterparty = if !info.counterparty.is_empty() {
        info.counterparty
    } else if !statement_line.supplementary.is_empty()
        && !statement_line.supplementary.starts_with('/')
    {
        statement_line.supplementary.clone()
    } else {
        info.description.clone()
    };
    let category = if info.category.is_empty() {
        statement_line.type_code.clone()
    } else {
        info.category
    };
    let customer_ref = match statement_line.customer_ref.as_str() {
        "NONREF" | "" => None,
        other => Some(other.to_string()),
    };
    let order_id = Some(statement_line.bank_ref.clone())
        .filter(|s| !s.is_empty())
        .or_else(|| customer_ref.clone());
    let merchant_order_id = Some(info.reference)
        .filter(|s| !s.is_empty())
        .or(customer_ref);
    Ok(Transaction {
        source: SourceRef {
            file: Arc::clone(file),
            line,
        },
        when: LocalTime {
            date: statement_line
                .entry_date
                .unwrap_or(statement_line.value_date),
            time: None,
            utc_offset_seconds: 0,
        },
        direction: statement_line.direction,
        amount: Money::new(minor.abs(), currency),
        counterparty,
        counterparty_account: Some(info.counterparty_account).filter(|s| !s.is_empty()),
        description: info.description,
        category: Some(category).filter(|s| !s.is_empty()),
        status: String::new(),
        status_kind: if statement_line.reversal {
            StatusKind::Refunded
        } else {
            StatusKind::Succeeded
        },
        payment_method: Some(account.to_string()).filter(|s| !s.is_empty()),
        order_id,
        merchant_order_id,
        note: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn takes_statement_lines_apart() {
        let ok = |lines: &[&str]| parse_statement_line(lines).unwrap();
        let line = ok(&["2506010602D123,45NTRFNONREF//B1234", "SUPPLEMENT"]);
        assert_eq!(line.value_date, date("2025-06-01"));
        assert_eq!(line.entry_date, Some(date("2025-06-02")));
        assert_eq!(line.direction, Direction::Debit);
        assert_eq!(line.amount, "123,45");
        assert_eq!(line.type_code, "NTRF");
        assert_eq!(line.customer_ref, "NONREF");
        assert_eq!(line.bank_ref, "B1234");
        assert_eq!(line.supplementary, "SUPPLEMENT");

        let line = ok(&["251231C9,NMSCREF1"]);
        assert_eq!(
            (line.direction, line.entry_date, line.amount.as_str()),
            (Direction::Credit, None, "9,")
        );
        assert_eq!(line.customer_ref, "REF1");
        // Entry date in the next year.
        assert_eq!(
            ok(&["2512310102D1,00NDDTX"]).entry_date,
            Some(date("2026-01-02"))
        );
        // Funds code letter after the mark.
        let line = ok(&["250601CR11,8N192NONREF"]);
        assert_eq!(
            (line.direction, line.amount.as_str()),
            (Direction::Credit, "11,8")
        );
        // Reversals.
        let line = ok(&["250601RC5,00NTRFX"]);
        assert_eq!((line.direction, line.reversal), (Direction::Debit, true));
        let line = ok(&["250601RD5,00NTRFX"]);
        assert_eq!((line.direction, line.reversal), (Direction::Credit, true));

        for (lines, error) in [
            (vec!["259901D1,00NTRF"], "date"),
            (vec!["250601X1,00NTRF"], "mark"),
            (vec!["250601DNTRF"], "amount"),
            (vec!["2506"], "date"),
            (vec![""], "date"),
        ] {
            let got = match parse_statement_line(&lines) {
                Err(LineError::Date(_)) => "date",
                Err(LineError::Mark(_)) => "mark",
                Err(LineError::Amount(_)) => "amount",
                Ok(_) => "ok",
            };
            assert_eq!(got, error, "{lines:?}");
        }
    }

    #[test]
    fn joins_wrapped_information() {
        // The first line is full at 61 characters (its `:86:` tag makes 65), the others at 65.
        let first = "A".repeat(60) + "B";
        let second = "C".repeat(64) + "D";
        assert_eq!(
            join_86(&[&first, &second, "EF"]),
            format!("{first}{second}EF")
        );
        let short_first = "A".repeat(59) + "B";
        let short_second = "C".repeat(63) + "D";
        assert_eq!(
            join_86(&[&short_first, &short_second, "EF"]),
            format!("{short_first} {short_second} EF")
        );
        assert_eq!(join_86(&["SHORT LINE", "NEXT"]), "SHORT LINE NEXT");
        assert_eq!(
            join_86(&["166?00SEPA-LASTSCHRIFT?20EREF+1?21SVWZ+Mo", "nthly fee"]),
            "166?00SEPA-LASTSCHRIFT?20EREF+1?21SVWZ+Monthly fee"
        );
    }

    #[test]
    fn reads_each_information_layout() {
        let german = "105?00FOLGELASTSCHRIFT?10931?20EREF+ABC123?21MREF+M-77?22CRED+DE98ZZZ?23SVWZ+Beitrag Ju?24ni?30BYLADEM1001?31DE02100100109307118603?32Fitness Studio?33 GmbH";
        assert_eq!(
            read_information(german),
            Information {
                counterparty: "Fitness Studio GmbH".into(),
                counterparty_account: "DE02100100109307118603".into(),
                description: "Beitrag Juni".into(),
                category: "FOLGELASTSCHRIFT".into(),
                reference: "M-77".into(),
            }
        );
        let dutch = "/TRTP/SEPA Incasso algemeen doorlopend/CSID/NL12ZZZ/NAME/Vodafone Libertel B.V./MARF/V123/REMI/Factuur 42/IBAN/NL91ABNA0417164300/BIC/ABNANL2A/EREF/E-1";
        assert_eq!(
            read_information(dutch),
            Information {
                counterparty: "Vodafone Libertel B.V.".into(),
                counterparty_account: "NL91ABNA0417164300".into(),
                description: "Factuur 42".into(),
                category: "SEPA Incasso algemeen doorlopend".into(),
                reference: "V123".into(),
            }
        );
        let free = read_information("BEA   NR:XXX  Albert   Heijn");
        assert_eq!(free.description, "BEA NR:XXX Albert Heijn");
        assert_eq!(free.counterparty, "");
    }

    #[test]
    fn recognises_field_starts() {
        assert_eq!(field_start(":61:2506"), Some(("61", "2506")));
        assert_eq!(field_start(":28C:1/1"), Some(("28C", "1/1")));
        assert_eq!(field_start(":60F:C2506"), Some(("60F", "C2506")));
        assert_eq!(field_start("::x"), None);
        assert_eq!(field_start(":ABC:x"), None);
        assert_eq!(field_start("text :61: x"), None);
    }
}
