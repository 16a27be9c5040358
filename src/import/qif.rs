//! QIF (Quicken Interchange Format) files written by Quicken, Microsoft Money, GnuCash, banks and
//! budgeting apps.
//!
//! A file is sections opened by `!Type:Bank`, `!Type:CCard`, `!Type:Cash`, `!Type:Oth A`,
//! `!Type:Oth L` or `!Type:Invst` (optionally after `!Account` blocks and `!Option:AutoSwitch`),
//! each holding records of `<code><value>` lines ended by `^`. Lists that are not transactions
//! (`!Type:Cat`, `!Type:Class`, `!Type:Memorized`, securities, prices) are passed over.
//!
//! QIF states neither the currency (every amount is [`Currency::UNSPECIFIED`]) nor the date
//! order: `01/02/2024` may be January 2 or February 1. The order is decided once for the whole
//! file: a first part above 12 anywhere means day first, a second part above 12 means month
//! first; when every date reads both ways, month first is assumed as Quicken writes it, and an
//! [`ImportNote::AmbiguousDateOrder`] says so. Each record is one transaction at the line of its
//! first field; an opening-balance record (`POpening Balance` with `L[Account]`) is not a
//! transaction and is left out.

use std::sync::Arc;

use chrono::NaiveDate;

use super::bank_en::parse_amount;
use super::error::{DateOrder, ImportError, ImportNote, SkipReason, SkippedRow};
use super::table::{self, Line};
use super::Parsed;
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

/// Recognises a QIF file: its first non-blank line is a `!Type:`, `!Account`, `!Option:` or
/// `!Clear:` header. Returns that line.
pub fn detect(text: &str) -> Option<Line<'_>> {
    let first = table::lines(text).find(|line| !table::clean(line.text).is_empty())?;
    let start = table::clean(first.text).to_ascii_lowercase();
    let known = ["!type:", "!account", "!option:", "!clear:"];
    known.iter().any(|k| start.starts_with(k)).then_some(first)
}

/// What the records of a section are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    /// Register transactions (bank, cash, card, other asset or liability).
    Register,
    /// Investment transactions (`N` is the action).
    Investment,
    /// Account list (`!Account`): names the account that following sections belong to.
    Accounts,
    /// Anything else: categories, classes, memorized payees, securities, prices.
    Other,
}

fn section_of(header: &str) -> Section {
    let lower = header.trim().to_ascii_lowercase();
    if lower.starts_with("!account") {
        return Section::Accounts;
    }
    let Some(kind) = lower.strip_prefix("!type:") else {
        // `!Option:AutoSwitch`, `!Clear:AutoSwitch`: switches, not sections.
        return Section::Other;
    };
    match kind.trim() {
        "bank" | "cash" | "ccard" | "oth a" | "oth l" | "oth s" => Section::Register,
        "invst" => Section::Investment,
        _ => Section::Other,
    }
}

/// One record's fields as written.
#[derive(Debug, Default)]
struct Record {
    line: u32,
    date: Option<String>,
    amount: Option<String>,
    amount_u: Option<String>,
    cleared: String,
    number: String,
    payee: String,
    memo: String,
    category: String,
    /// The investment security (`Y`).
    security: String,
    /// An account list record's name (`N` in `!Account`).
    name: String,
}

impl Record {
    fn is_empty(&self) -> bool {
        self.line == 0
    }
}

/// Reads a QIF text whose first header is `_header` (the whole text is read so lines stay
/// physical).
pub fn parse(file: &Arc<str>, text: &str, _header: Line<'_>) -> Result<Parsed, ImportError> {
    // Pass 1: records with their section and account.
    let mut records: Vec<(Section, String, Record)> = Vec::new();
    let mut section = Section::Other;
    let mut account = String::new();
    let mut record = Record::default();
    for line in table::lines(text) {
        let content = line.text.trim_start_matches('\u{feff}').trim_end();
        if content.trim().is_empty() {
            continue;
        }
        if content.starts_with('!') {
            if !record.is_empty() {
                records.push((section, account.clone(), std::mem::take(&mut record)));
            }
            let next = section_of(content);
            let is_switch = {
                let lower = content.to_ascii_lowercase();
                lower.starts_with("!option:") || lower.starts_with("!clear:")
            };
            if !is_switch {
                section = next;
            }
            continue;
        }
        if content.trim() == "^" {
            if !record.is_empty() {
                if section == Section::Accounts {
                    account = record.name.clone();
                } else {
                    records.push((section, account.clone(), std::mem::take(&mut record)));
                }
            }
            record = Record::default();
            continue;
        }
        if record.is_empty() {
            record.line = line.number;
        }
        let mut chars = content.chars();
        let code = chars.next().unwrap_or(' ');
        let value = chars.as_str().trim().to_string();
        match (section, code) {
            (_, 'D') => record.date = Some(value),
            (_, 'T') => record.amount = Some(value),
            (_, 'U') => record.amount_u = Some(value),
            (_, 'C') => record.cleared = value,
            (Section::Accounts, 'N') => record.name = value,
            (_, 'N') => record.number = value,
            (_, 'P') => record.payee = value,
            (_, 'M') => record.memo = value,
            (_, 'L') => record.category = value,
            (Section::Investment, 'Y') => record.security = value,
            // Address lines, splits, prices, quantities, flags: not needed here.
            _ => {}
        }
    }
    if !record.is_empty() && section != Section::Accounts {
        // The last record of a file that does not end in `^`.
        records.push((section, account.clone(), record));
    }

    // Pass 2: the date order, decided over every date of the file.
    let dates: Vec<&str> = records
        .iter()
        .filter(|(s, _, _)| matches!(s, Section::Register | Section::Investment))
        .filter_map(|(_, _, r)| r.date.as_deref())
        .collect();
    let (order, assumed) = decide_order(&dates);

    let mut parsed = Parsed::default();
    if assumed {
        parsed
            .notes
            .push(ImportNote::AmbiguousDateOrder { assumed: order });
    }
    for (section, account, record) in records {
        if !matches!(section, Section::Register | Section::Investment) {
            continue;
        }
        if is_opening_balance(&record) {
            continue;
        }
        let line = record.line;
        match build(file, section, &account, record, order) {
            Ok(transaction) => parsed.transactions.push(transaction),
            Err(reason) => parsed.skipped.push(SkippedRow { line, reason }),
        }
    }
    Ok(parsed)
}

/// `POpening Balance` with a transfer category: the account's starting balance.
fn is_opening_balance(record: &Record) -> bool {
    record.payee.eq_ignore_ascii_case("Opening Balance") && record.category.starts_with('[')
}

fn build(
    file: &Arc<str>,
    section: Section,
    account: &str,
    record: Record,
    order: DateOrder,
) -> Result<Transaction, SkipReason> {
    let date_text = record.date.as_deref().ok_or(SkipReason::MissingField {
        field: "D".to_string(),
    })?;
    let date = parse_date(date_text, order).ok_or_else(|| SkipReason::BadTime {
        text: date_text.to_string(),
    })?;
    let amount_text = record
        .amount
        .as_deref()
        .filter(|t| !t.is_empty())
        .or(record.amount_u.as_deref())
        .ok_or(SkipReason::MissingAmount)?;
    let currency = Currency::UNSPECIFIED;
    let minor = parse_amount(amount_text, currency.minor_digits()).map_err(|error| {
        SkipReason::BadAmount {
            text: amount_text.to_string(),
            error,
        }
    })?;
    let direction = match section {
        Section::Investment => {
            investment_direction(&record.number).ok_or_else(|| SkipReason::BadDirection {
                text: record.number.clone(),
            })?
        }
        _ if is_transfer(&record.category) => Direction::Neutral,
        _ => match minor.signum() {
            -1 => Direction::Debit,
            1 => Direction::Credit,
            _ => Direction::Neutral,
        },
    };
    let (status, status_kind) = status(&record.cleared);
    let counterparty = [&record.payee, &record.security, &record.memo]
        .into_iter()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_default();
    let (category, order_id) = match section {
        // In an investment record `N` is the action (Buy, Div …), the closest thing to a
        // category; there is no check number.
        Section::Investment => (non_empty(record.number), None),
        _ => (non_empty(record.category), non_empty(record.number)),
    };
    Ok(Transaction {
        source: SourceRef {
            file: Arc::clone(file),
            line: record.line,
        },
        when: LocalTime {
            date,
            time: None,
            utc_offset_seconds: 0,
        },
        direction,
        amount: Money::new(minor.abs(), currency),
        counterparty,
        counterparty_account: None,
        description: record.memo,
        category,
        status: status.to_string(),
        status_kind,
        payment_method: non_empty(account.to_string()),
        order_id,
        merchant_order_id: None,
        note: None,
    })
}

fn non_empty(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// `L[Savings]`: a transfer to another of the person's own accounts (a split category such as
/// `[Savings]/Class` counts too).
fn is_transfer(category: &str) -> bool {
    category.starts_with('[') && category.contains(']')
}

/// The `C` field: blank, `*`/`c` cleared, `X`/`R` reconciled. Every QIF record is a booked
/// register entry; the flag only says whether it was checked against the bank.
fn status(cleared: &str) -> (&'static str, StatusKind) {
    let label = match cleared.trim() {
        "*" | "c" | "C" => "cleared",
        "X" | "x" | "R" | "r" => "reconciled",
        _ => "",
    };
    (label, StatusKind::Succeeded)
}

/// Which way an investment action moves the account's cash.
fn investment_direction(action: &str) -> Option<Direction> {
    let action = action.trim().to_ascii_lowercase();
    let action = action.trim_end_matches('x');
    let debit = ["miscexp", "margint"];
    let credit = [
        "div", "intinc", "miscinc", "cglong", "cgmid", "cgshort", "rtrncap",
    ];
    let neutral = [
        "buy", "sell", "reinvdiv", "reinvint", "reinvlg", "reinvmd", "reinvsh", "shrsin",
        "shrsout", "stksplit", "contrib", "withdrw", "cash", "xin", "xout", "grant", "vest",
        "exercise", "expire", "shtsell", "cvrshrt",
    ];
    if debit.contains(&action) {
        Some(Direction::Debit)
    } else if credit.contains(&action) {
        Some(Direction::Credit)
    } else if neutral.contains(&action) {
        Some(Direction::Neutral)
    } else {
        None
    }
}

/// A QIF date split into its numbers: three parts, whether the first is a four-digit year, and
/// whether the year followed an apostrophe (Quicken's mark for 2000 and later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DateParts {
    parts: [u32; 3],
    year_first: bool,
    apostrophe: bool,
}

fn split_date(text: &str) -> Option<DateParts> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let apostrophe = compact.contains('\'');
    let pieces: Vec<&str> = compact.split(['/', '-', '.', '\'']).collect();
    if pieces.len() != 3 {
        return None;
    }
    let mut parts = [0u32; 3];
    for (slot, piece) in parts.iter_mut().zip(&pieces) {
        if piece.is_empty() || piece.len() > 4 || !piece.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = piece.parse().ok()?;
    }
    let year_first = pieces[0].len() == 4;
    let year_len = if year_first { 4 } else { pieces[2].len() };
    if (!year_first && pieces[0].len() > 2) || pieces[1].len() > 2 || year_len == 3 {
        return None;
    }
    Some(DateParts {
        parts,
        year_first,
        apostrophe,
    })
}

/// Decides the day–month order over all dates of a file; `true` when it had to be assumed.
fn decide_order(dates: &[&str]) -> (DateOrder, bool) {
    let mut first_over_12 = 0usize;
    let mut second_over_12 = 0usize;
    let mut ambiguous = 0usize;
    for parts in dates.iter().filter_map(|d| split_date(d)) {
        if parts.year_first {
            continue;
        }
        let [a, b, _] = parts.parts;
        if a > 12 {
            first_over_12 += 1;
        } else if b > 12 {
            second_over_12 += 1;
        } else {
            ambiguous += 1;
        }
    }
    match (first_over_12, second_over_12) {
        (0, 0) => (DateOrder::MonthDayYear, ambiguous > 0),
        (d, m) if d > m => (DateOrder::DayMonthYear, false),
        _ => (DateOrder::MonthDayYear, false),
    }
}

/// Expands a two-digit year: after an apostrophe it is 20xx; otherwise 00–69 are 20xx and
/// 70–99 are 19xx.
fn full_year(year: u32, digits: usize, apostrophe: bool) -> u32 {
    if digits > 2 {
        year
    } else if apostrophe || year < 70 {
        2000 + year
    } else {
        1900 + year
    }
}

/// Reads one QIF date in the file's order.
fn parse_date(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let parts = split_date(text)?;
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let year_digits = if parts.year_first {
        4
    } else {
        compact
            .rsplit(['/', '-', '.', '\''])
            .next()
            .map_or(0, str::len)
    };
    let [a, b, c] = parts.parts;
    let (year, month, day) = if parts.year_first {
        (a, b, c)
    } else {
        let year = full_year(c, year_digits, parts.apostrophe);
        match order {
            DateOrder::MonthDayYear => (year, a, b),
            DateOrder::DayMonthYear => (year, b, a),
        }
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decides_the_date_order_over_the_file() {
        let cases: &[(&[&str], DateOrder, bool)] = &[
            (&["01/02/2024", "03/04/2024"], DateOrder::MonthDayYear, true),
            (
                &["01/02/2024", "13/04/2024"],
                DateOrder::DayMonthYear,
                false,
            ),
            (
                &["01/02/2024", "04/13/2024"],
                DateOrder::MonthDayYear,
                false,
            ),
            (
                &["2024-01-02", "2024-12-31"],
                DateOrder::MonthDayYear,
                false,
            ),
            (&["1/ 2'24", "12/31'23"], DateOrder::MonthDayYear, false),
            (
                &["31.01.2024", "01.02.2024"],
                DateOrder::DayMonthYear,
                false,
            ),
            (&[], DateOrder::MonthDayYear, false),
        ];
        for (dates, order, assumed) in cases {
            assert_eq!(decide_order(dates), (*order, *assumed), "{dates:?}");
        }
    }

    #[test]
    fn reads_every_date_variant() {
        let mdy = DateOrder::MonthDayYear;
        let dmy = DateOrder::DayMonthYear;
        let cases: &[(&str, DateOrder, Option<&str>)] = &[
            ("01/02/2024", mdy, Some("2024-01-02")),
            ("01/02/2024", dmy, Some("2024-02-01")),
            ("1/2'24", mdy, Some("2024-01-02")),
            ("1/ 2'24", mdy, Some("2024-01-02")),
            (" 1/ 2/24", mdy, Some("2024-01-02")),
            ("12/31'99", mdy, Some("2099-12-31")),
            ("12/31/99", mdy, Some("1999-12-31")),
            ("01-02-2024", mdy, Some("2024-01-02")),
            ("2024-01-02", dmy, Some("2024-01-02")),
            ("31.01.2024", dmy, Some("2024-01-31")),
            ("02/30/2024", mdy, None),
            ("13/01/2024", mdy, None),
            ("2024/01", mdy, None),
            ("yesterday", mdy, None),
            ("", mdy, None),
        ];
        for (text, order, expected) in cases {
            assert_eq!(
                parse_date(text, *order).map(|d| d.to_string()).as_deref(),
                *expected,
                "{text:?} {order:?}"
            );
        }
    }

    #[test]
    fn investment_actions_move_cash_their_way() {
        for (action, direction) in [
            ("Div", Some(Direction::Credit)),
            ("DivX", Some(Direction::Credit)),
            ("IntInc", Some(Direction::Credit)),
            ("MiscExp", Some(Direction::Debit)),
            ("Buy", Some(Direction::Neutral)),
            ("SellX", Some(Direction::Neutral)),
            ("Dance", None),
        ] {
            assert_eq!(investment_direction(action), direction, "{action}");
        }
    }

    #[test]
    fn recognises_sections() {
        assert_eq!(section_of("!Type:Bank"), Section::Register);
        assert_eq!(section_of("!type:CCard "), Section::Register);
        assert_eq!(section_of("!Type:Oth L"), Section::Register);
        assert_eq!(section_of("!Type:Invst"), Section::Investment);
        assert_eq!(section_of("!Type:Cat"), Section::Other);
        assert_eq!(section_of("!Account"), Section::Accounts);
        assert!(detect("\n!Type:Bank\nD1/2/24\n").is_some());
        assert!(detect("!Option:AutoSwitch\n").is_some());
        assert!(detect("Type:Bank\n").is_none());
    }
}
