//! Bank statements exported as CSV with an English header: `Date,Description,Amount,Balance`,
//! or separate `Debit`/`Credit` (`Money out`/`Money in`, `Paid out`/`Paid in`,
//! `Withdrawals`/`Deposits`) columns, with optional `Currency`, `Type`, `Payee`/`Counterparty`/
//! `Merchant`, `Status` and reference columns. The header may follow a few lines of free text.
//!
//! Columns are found by name (any case, any order, an `(GBP)`-style currency suffix allowed). The
//! day–month order of numeric dates (`14/01/2026` or `01/14/2026`) is decided over all rows: a
//! first part above 12 means day first, a second part above 12 month first; when every date reads
//! both ways, the order under which the rows are in date order wins, and if that does not decide
//! either, day first is assumed (month first for a US-dollar file) and an
//! [`ImportNote::AmbiguousDateOrder`] says so. ISO dates and dates with month names read as they
//! are. Negative amounts carry `-` or parentheses; a `CR`/`DR` suffix or indicator column wins over
//! the sign. The currency comes from a currency column or the header, else it is
//! [`Currency::UNSPECIFIED`]. Times are as printed with offset 0: these files do not state a zone.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use super::amount::{parse_minor, AmountError};
use super::datetime::parse_time;
use super::error::{DateOrder, ImportError, ImportNote, SkipReason, SkippedRow};
use super::table::{self, ColumnSpec, Columns, Line};
use super::Parsed;
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Date,
    Description,
    Payee,
    Amount,
    Debit,
    Credit,
    Currency,
    Type,
    Indicator,
    Status,
    Category,
    Reference,
    Id,
    CounterpartyAccount,
}

const fn column(key: Col, names: &'static [&'static str]) -> ColumnSpec<Col> {
    ColumnSpec {
        key,
        names,
        required: false,
    }
}

/// The columns, by their lower-cased names; the first name a header has wins.
const COLUMNS: &[ColumnSpec<Col>] = &[
    column(
        Col::Date,
        &[
            "date",
            "transaction date",
            "posting date",
            "posted date",
            "date posted",
            "booking date",
            "trans. date",
            "trans date",
            "txn date",
            "completed date",
            "started date",
            "value date",
        ],
    ),
    column(
        Col::Description,
        &[
            "description",
            "transaction description",
            "details",
            "transaction details",
            "narrative",
            "particulars",
            "memo",
        ],
    ),
    column(
        Col::Payee,
        &[
            "payee",
            "payee name",
            "counterparty",
            "counter party",
            "counterparty name",
            "merchant",
            "merchant name",
            "beneficiary",
            "name",
        ],
    ),
    column(
        Col::Amount,
        &["amount", "transaction amount", "amount in account currency"],
    ),
    column(
        Col::Debit,
        &[
            "debit",
            "debits",
            "debit amount",
            "money out",
            "paid out",
            "withdrawals",
            "withdrawal",
            "withdrawal amount",
            "out",
        ],
    ),
    column(
        Col::Credit,
        &[
            "credit",
            "credits",
            "credit amount",
            "money in",
            "paid in",
            "deposits",
            "deposit",
            "deposit amount",
            "in",
        ],
    ),
    column(Col::Currency, &["currency", "ccy", "currency code"]),
    column(Col::Type, &["type", "transaction type"]),
    column(
        Col::Indicator,
        &[
            "debit/credit",
            "credit/debit",
            "dr/cr",
            "cr/dr",
            "d/c",
            "c/d",
            "credit or debit",
        ],
    ),
    column(Col::Status, &["status", "state"]),
    column(Col::Category, &["category", "spending category"]),
    column(Col::Reference, &["reference", "ref"]),
    column(
        Col::Id,
        &[
            "transaction id",
            "transaction reference",
            "reference number",
            "id",
        ],
    ),
    column(
        Col::CounterpartyAccount,
        &["account number", "counterparty account", "payee account"],
    ),
];

/// How many lines from the top the header may be (some banks print an account block first).
const HEADER_SEARCH_LINES: usize = 30;

/// A header cell lower-cased, with a trailing `(GBP)`/`(£)` unit taken off; returns the currency
/// the unit names, if it names one.
fn normalize_name(cell: &str) -> (String, Option<Currency>) {
    let lower = table::clean(cell).to_lowercase();
    if let Some(open) = lower.rfind('(') {
        if let Some(unit) = lower[open + 1..].strip_suffix(')') {
            let currency = match unit.trim() {
                "£" => Currency::from_code("GBP"),
                "€" => Currency::from_code("EUR"),
                code => Currency::from_code(code),
            };
            return (lower[..open].trim().to_string(), currency);
        }
    }
    (lower, None)
}

/// The normalized names of a header line and the currency its units name.
fn header_names(line: &str) -> (Vec<String>, Option<Currency>) {
    let mut currency = None;
    let names = table::split_line(line)
        .iter()
        .map(|cell| {
            let (name, unit) = normalize_name(cell);
            currency = currency.or(unit);
            name
        })
        .collect();
    (names, currency)
}

/// Whether the columns are enough to read a statement: a date, an amount (or debit/credit
/// columns) and something that says what the row was.
fn usable(columns: &Columns<Col>) -> bool {
    columns.has(Col::Date)
        && (columns.has(Col::Amount) || columns.has(Col::Debit) || columns.has(Col::Credit))
        && (columns.has(Col::Description) || columns.has(Col::Payee) || columns.has(Col::Reference))
}

/// Recognises an English bank CSV: a header line, among the first lines, naming a date, an
/// amount and a description or payee column. Returns the header line.
pub fn detect(text: &str) -> Option<Line<'_>> {
    table::lines(text).take(HEADER_SEARCH_LINES).find(|line| {
        if !line.text.contains(',') {
            return false;
        }
        let (names, _) = header_names(line.text);
        Columns::find(&names, COLUMNS).is_ok_and(|c| usable(&c))
    })
}

/// Reads an English bank CSV whose header is `header`.
pub fn parse(file: &Arc<str>, text: &str, header: Line<'_>) -> Result<Parsed, ImportError> {
    let (names, header_currency) = header_names(header.text);
    let columns = Columns::find(&names, COLUMNS).map_err(|missing| {
        ImportError::at(
            super::ImportErrorKind::MissingColumn {
                column: missing.to_string(),
            },
            header.number,
        )
    })?;
    if !usable(&columns) {
        let missing = if !columns.has(Col::Date) {
            "Date"
        } else if !columns.has(Col::Amount) {
            "Amount"
        } else {
            "Description"
        };
        return Err(ImportError::at(
            super::ImportErrorKind::MissingColumn {
                column: missing.to_string(),
            },
            header.number,
        ));
    }

    let mut parsed = Parsed::default();
    let mut rows = Vec::new();
    for (line, record) in table::records(text, header).skip(1) {
        match record {
            Ok(record) if table::is_blank(&record) => {}
            Ok(record) => rows.push((line, record)),
            Err(error) => parsed.skipped.push(SkippedRow {
                line,
                reason: SkipReason::Malformed {
                    detail: error.to_string(),
                },
            }),
        }
    }

    let dates: Vec<&str> = rows
        .iter()
        .map(|(_, record)| columns.get(record, Col::Date))
        .collect();
    let mut fallback = DateOrder::DayMonthYear;
    if header_currency.is_some_and(|c| c.code() == "USD")
        || rows
            .iter()
            .any(|(_, r)| columns.get(r, Col::Currency).eq_ignore_ascii_case("USD"))
    {
        fallback = DateOrder::MonthDayYear;
    }
    let (order, assumed) = decide_order(&dates, fallback);
    if assumed {
        parsed
            .notes
            .push(ImportNote::AmbiguousDateOrder { assumed: order });
    }

    let context = Context {
        file,
        columns: &columns,
        header_width: names.len(),
        header_currency,
        order,
    };
    for (line, record) in &rows {
        match context.read_row(*line, record) {
            Ok(transaction) => parsed.transactions.push(transaction),
            Err(reason) => parsed.skipped.push(SkippedRow {
                line: *line,
                reason,
            }),
        }
    }
    parsed.skipped.sort_by_key(|s| s.line);
    Ok(parsed)
}

/// What every row of one file is read with.
struct Context<'a> {
    file: &'a Arc<str>,
    columns: &'a Columns<Col>,
    header_width: usize,
    header_currency: Option<Currency>,
    order: DateOrder,
}

impl Context<'_> {
    fn read_row(&self, line: u32, record: &csv::StringRecord) -> Result<Transaction, SkipReason> {
        let get = |key| self.columns.get(record, key);
        let amount_cells = [get(Col::Amount), get(Col::Debit), get(Col::Credit)];
        if record.len() < self.header_width
            && (get(Col::Date).is_empty() || amount_cells.iter().all(|c| c.is_empty()))
        {
            return Err(SkipReason::TooFewFields {
                found: record.len(),
                needed: self.header_width,
            });
        }
        let date_text = get(Col::Date);
        let (date, time) =
            parse_date_time(date_text, self.order).ok_or_else(|| SkipReason::BadTime {
                text: date_text.to_string(),
            })?;

        let currency_text = get(Col::Currency);
        let currency = if currency_text.is_empty() {
            self.header_currency.unwrap_or(Currency::UNSPECIFIED)
        } else {
            Currency::from_code(currency_text).ok_or_else(|| SkipReason::UnknownCurrency {
                text: currency_text.to_string(),
            })?
        };
        let digits = currency.minor_digits();

        let (signed, marker) = self.signed_amount(record, digits)?;
        let indicator = marker
            .or_else(|| indicator(get(Col::Indicator)))
            .or_else(|| indicator(get(Col::Type)));
        let direction = match indicator {
            Some(direction) => direction,
            None => match signed.signum() {
                -1 => Direction::Debit,
                1 => Direction::Credit,
                _ => Direction::Neutral,
            },
        };

        let description_col = if self.columns.has(Col::Description) {
            Col::Description
        } else {
            Col::Reference
        };
        let description = get(description_col).to_string();
        let payee = get(Col::Payee);
        let counterparty = if payee.is_empty() {
            description.clone()
        } else {
            payee.to_string()
        };
        let order_id = table::optional(get(Col::Id)).or_else(|| {
            (description_col == Col::Description)
                .then(|| table::optional(get(Col::Reference)))
                .flatten()
        });
        let category = table::optional(get(Col::Type))
            .filter(|t| indicator_word(t).is_none())
            .or_else(|| table::optional(get(Col::Category)));
        let status = get(Col::Status).to_string();
        Ok(Transaction {
            source: SourceRef {
                file: Arc::clone(self.file),
                line,
            },
            when: LocalTime {
                date,
                time,
                utc_offset_seconds: 0,
            },
            direction,
            amount: Money::new(signed.abs(), currency),
            counterparty,
            counterparty_account: table::optional(get(Col::CounterpartyAccount)),
            description,
            category,
            status_kind: status_kind(&status),
            status,
            payment_method: None,
            order_id,
            merchant_order_id: None,
            note: None,
        })
    }

    /// The row's amount, signed as the file writes it, and the direction a `CR`/`DR` suffix
    /// gives, if any.
    fn signed_amount(
        &self,
        record: &csv::StringRecord,
        digits: u32,
    ) -> Result<(i64, Option<Direction>), SkipReason> {
        let read = |text: &str| -> Result<(i64, Option<Direction>), SkipReason> {
            let (number, marker) = strip_marker(text);
            parse_amount(number, digits)
                .map(|minor| (minor, marker))
                .map_err(|error| SkipReason::BadAmount {
                    text: text.to_string(),
                    error,
                })
        };
        let amount = self.columns.get(record, Col::Amount);
        if !amount.is_empty() {
            return read(amount);
        }
        let debit = self.columns.get(record, Col::Debit);
        let credit = self.columns.get(record, Col::Credit);
        match (debit.is_empty(), credit.is_empty()) {
            (true, true) => Err(SkipReason::MissingAmount),
            (false, true) => read(debit).map(|(minor, _)| (-minor.abs(), None)),
            (true, false) => read(credit).map(|(minor, _)| (minor, None)),
            (false, false) => {
                let (out, _) = read(debit)?;
                let (inn, _) = read(credit)?;
                Ok((inn - out.abs(), None))
            }
        }
    }
}

/// Takes a trailing `CR`/`DR` (`12.00 CR`, `12.00DR`) off an amount.
fn strip_marker(text: &str) -> (&str, Option<Direction>) {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    for (suffix, direction) in [("CR", Direction::Credit), ("DR", Direction::Debit)] {
        if upper.ends_with(suffix) && trimmed.len() > 2 {
            return (trimmed[..trimmed.len() - 2].trim_end(), Some(direction));
        }
    }
    (trimmed, None)
}

/// A debit/credit word: `DR`, `Debit`, `D`, `CR`, `Credit`, `C`.
fn indicator_word(text: &str) -> Option<Direction> {
    match text.trim().to_ascii_lowercase().as_str() {
        "dr" | "debit" | "d" | "dbit" => Some(Direction::Debit),
        "cr" | "credit" | "c" | "crdt" => Some(Direction::Credit),
        _ => None,
    }
}

fn indicator(text: &str) -> Option<Direction> {
    indicator_word(text)
}

/// Classifies an English status word (`Completed`, `Pending`, `Declined` …). A file without a
/// status column lists booked transactions.
pub fn status_kind(status: &str) -> StatusKind {
    let lower = status.trim().to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if lower.is_empty()
        || has(&[
            "complete", "posted", "cleared", "booked", "settled", "success",
        ])
    {
        StatusKind::Succeeded
    } else if has(&["refund", "revert", "reversed", "reversal"]) {
        StatusKind::Refunded
    } else if has(&["cancel", "void", "closed"]) {
        StatusKind::Closed
    } else if has(&["declin", "fail", "reject"]) {
        StatusKind::Failed
    } else if has(&["pending", "authori", "processing", "hold"]) {
        StatusKind::Pending
    } else {
        StatusKind::Other
    }
}

/// Reads an amount written with either decimal separator: `1,234.56`, `-1.234,56`, `12,50`,
/// `(5.00)`, `£-3.20`. A single comma followed by exactly three digits is a thousands
/// separator (`1,234`); otherwise a last comma after any dots is the decimal point. Exact, never
/// rounded (see [`parse_minor`]).
pub fn parse_amount(text: &str, digits: u32) -> Result<i64, AmountError> {
    parse_minor(&normalize_decimal_comma(text), digits)
}

fn normalize_decimal_comma(text: &str) -> Cow<'_, str> {
    let Some(comma) = text.rfind(',') else {
        return Cow::Borrowed(text);
    };
    let dot = text.rfind('.');
    if dot.is_some_and(|dot| dot > comma) {
        // `1,234.56`: commas group thousands.
        return Cow::Borrowed(text);
    }
    let fraction_digits = text[comma + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    let grouped_thousands = dot.is_none() && fraction_digits == 3;
    if grouped_thousands {
        return Cow::Borrowed(text);
    }
    // `1.234,56` or `12,50`: dots (and spaces) group thousands, the comma is the decimal point.
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '.' => {}
            ',' if i == comma => out.push('.'),
            ',' => {}
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date cell split into its date and time texts.
fn split_time(text: &str) -> (&str, Option<&str>) {
    let text = text.trim();
    // The time, if any, is the last space- or `T`-separated part containing a colon.
    if let Some(i) = text.rfind([' ', 'T']) {
        let (date, time) = (&text[..i], &text[i + 1..]);
        if time.contains(':') {
            return (date.trim(), Some(time));
        }
    }
    (text, None)
}

/// The numbers of a numeric date: `[a, b, year]`, or `None` for ISO (`year-first`) and
/// month-name dates, which need no order.
fn numeric_parts(date: &str) -> Option<[u32; 3]> {
    let pieces: Vec<&str> = date.split(['/', '-', '.']).collect();
    if pieces.len() != 3 || pieces[0].len() > 2 {
        return None;
    }
    let mut parts = [0u32; 3];
    for (slot, piece) in parts.iter_mut().zip(&pieces) {
        if piece.is_empty() || !piece.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = piece.parse().ok()?;
    }
    Some(parts)
}

/// Decides the day–month order over every date of the file; `true` when nothing in the file
/// decided it and `fallback` was assumed.
fn decide_order(dates: &[&str], fallback: DateOrder) -> (DateOrder, bool) {
    let numeric: Vec<[u32; 3]> = dates
        .iter()
        .filter_map(|d| numeric_parts(split_time(d).0))
        .collect();
    if numeric.is_empty() {
        return (fallback, false);
    }
    let day_first = numeric.iter().filter(|[a, _, _]| *a > 12).count();
    let month_first = numeric
        .iter()
        .filter(|[a, b, _]| *a <= 12 && *b > 12)
        .count();
    if day_first > month_first {
        return (DateOrder::DayMonthYear, false);
    }
    if month_first > day_first {
        return (DateOrder::MonthDayYear, false);
    }
    // Every date reads both ways: statements are listed in date order (either way round), so
    // the reading with fewer steps out of order is the file's.
    let disorder = |order: DateOrder| {
        let dates: Vec<NaiveDate> = dates
            .iter()
            .filter_map(|d| parse_date(split_time(d).0, order))
            .collect();
        let up = dates.windows(2).filter(|w| w[0] > w[1]).count();
        let down = dates.windows(2).filter(|w| w[0] < w[1]).count();
        up.min(down)
    };
    let mdy = disorder(DateOrder::MonthDayYear);
    let dmy = disorder(DateOrder::DayMonthYear);
    match mdy.cmp(&dmy) {
        std::cmp::Ordering::Less => (DateOrder::MonthDayYear, false),
        std::cmp::Ordering::Greater => (DateOrder::DayMonthYear, false),
        std::cmp::Ordering::Equal => (fallback, true),
    }
}

/// Reads a date cell with an optional time.
fn parse_date_time(text: &str, order: DateOrder) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let (date, time) = split_time(text);
    let date = parse_date(date, order)?;
    let time = match time {
        Some(time) => Some(parse_time(time.trim_end_matches('Z'))?),
        None => None,
    };
    Some((date, time))
}

/// Reads `14/01/2026`, `1/14/26`, `2026-01-14`, `14.01.2026`, `14 Jan 2026`, `14-Jan-26`,
/// `Jan 14, 2026`.
fn parse_date(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = super::datetime::parse_date(text) {
        return Some(date);
    }
    let year = |y: u32, len: usize| -> Option<i32> {
        match len {
            4 => i32::try_from(y).ok(),
            2 => Some(2000 + y as i32),
            _ => None,
        }
    };
    if let Some([a, b, y]) = numeric_parts(text) {
        let len = text.rsplit(['/', '-', '.']).next().map_or(0, str::len);
        let (month, day) = match order {
            DateOrder::MonthDayYear => (a, b),
            DateOrder::DayMonthYear => (b, a),
        };
        return NaiveDate::from_ymd_opt(year(y, len)?, month, day);
    }
    // Month names.
    let words: Vec<&str> = text
        .split([' ', '-', '/', ',', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() != 3 {
        return None;
    }
    let month_at = words.iter().position(|w| {
        let lower = w.to_ascii_lowercase();
        lower.len() >= 3 && MONTHS.iter().any(|m| lower.starts_with(m))
    })?;
    let lower = words[month_at].to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| lower.starts_with(m))? as u32 + 1;
    let numbers: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != month_at)
        .map(|(_, w)| *w)
        .collect();
    let all_digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    if !numbers.iter().all(|w| all_digits(w)) {
        return None;
    }
    let (day, y) = if numbers[0].len() == 4 {
        (numbers[1], numbers[0])
    } else {
        (numbers[0], numbers[1])
    };
    if day.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year(y.parse().ok()?, y.len())?, month, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_amounts_with_either_separator() {
        let cases: &[(&str, Result<i64, AmountError>)] = &[
            ("-21.96", Ok(-2196)),
            ("1,234.56", Ok(123_456)),
            ("1,234", Ok(123_400)),
            ("12,50", Ok(1250)),
            ("-1.234,56", Ok(-123_456)),
            ("1.234.567,8", Ok(123_456_780)),
            ("(5.00)", Ok(-500)),
            ("£-3.20", Ok(-320)),
            ("-£3.20", Ok(-320)),
            ("$1,000,000.00", Ok(100_000_000)),
            ("1,5", Ok(150)),
            ("abc", Err(AmountError::Malformed)),
            ("", Err(AmountError::Empty)),
            ("0.005", Err(AmountError::TooPrecise)),
        ];
        for (text, expected) in cases {
            assert_eq!(&parse_amount(text, 2), expected, "{text:?}");
        }
    }

    #[test]
    fn reads_dates_in_the_files_order() {
        let dmy = DateOrder::DayMonthYear;
        let mdy = DateOrder::MonthDayYear;
        let cases: &[(&str, DateOrder, Option<&str>)] = &[
            ("14/01/2026", dmy, Some("2026-01-14")),
            ("01/14/2026", mdy, Some("2026-01-14")),
            ("01/02/2026", dmy, Some("2026-02-01")),
            ("01/02/2026", mdy, Some("2026-01-02")),
            ("1/2/26", mdy, Some("2026-01-02")),
            ("2026-01-14", mdy, Some("2026-01-14")),
            ("14.01.2026", dmy, Some("2026-01-14")),
            ("14 Jan 2026", mdy, Some("2026-01-14")),
            ("14-Jan-26", mdy, Some("2026-01-14")),
            ("Jan 14, 2026", dmy, Some("2026-01-14")),
            ("14 January 2026", dmy, Some("2026-01-14")),
            ("2026 Jan 14", dmy, Some("2026-01-14")),
            ("14/13/2026", dmy, None),
            ("30/02/2026", dmy, None),
            ("14 Foo 2026", dmy, None),
            ("Total", dmy, None),
            ("", dmy, None),
        ];
        for (text, order, expected) in cases {
            assert_eq!(
                parse_date(text, *order).map(|d| d.to_string()).as_deref(),
                *expected,
                "{text:?}"
            );
        }
        let (date, time) = parse_date_time("2026-01-14 10:20:30", dmy).unwrap();
        assert_eq!(
            (date.to_string(), time.map(|t| t.to_string())),
            ("2026-01-14".into(), Some("10:20:30".into()))
        );
        assert_eq!(parse_date_time("14/01/2026 25:00", dmy), None);
    }

    #[test]
    fn decides_the_date_order_over_all_rows() {
        let dmy = DateOrder::DayMonthYear;
        let mdy = DateOrder::MonthDayYear;
        let cases: &[(&[&str], DateOrder, (DateOrder, bool))] = &[
            (&["01/02/2026", "14/02/2026"], mdy, (dmy, false)),
            (&["01/02/2026", "02/14/2026"], dmy, (mdy, false)),
            // Sorted as day first (1 Feb, 2 Feb, 1 Mar), not as month first (2 Jan, 2 Feb, 3 Jan).
            (
                &["01/02/2026", "02/02/2026", "01/03/2026"],
                mdy,
                (dmy, false),
            ),
            // Sorted as month first (1 Feb, 2 Feb, 1 Mar), not as day first.
            (
                &["02/01/2026", "02/02/2026", "03/01/2026"],
                dmy,
                (mdy, false),
            ),
            (&["01/01/2026"], dmy, (dmy, true)),
            (&["01/01/2026"], mdy, (mdy, true)),
            (&["2026-01-02", "2026-02-01"], dmy, (dmy, false)),
        ];
        for (dates, fallback, expected) in cases {
            assert_eq!(decide_order(dates, *fallback), *expected, "{dates:?}");
        }
    }

    #[test]
    fn recognises_headers_by_name() {
        let cases: &[(&str, Option<u32>)] = &[
            ("Date,Description,Amount,Balance\n", Some(1)),
            ("DATE,DESCRIPTION,AMOUNT\n", Some(1)),
            ("Date,Payee,Money out,Money in\n", Some(1)),
            (
                "Account,123\n\nTransaction Date,Details,Paid out,Paid in,Balance\n",
                Some(3),
            ),
            (
                "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP)\n",
                Some(1),
            ),
            ("Date,Description,Paid out (£),Paid in (£)\n", Some(1)),
            ("date,amount\n2026-01-01,5\n", None),
            ("Description,Amount\n", None),
            ("交易日期,摘要,金额\n", None),
        ];
        for (text, line) in cases {
            assert_eq!(detect(text).map(|l| l.number), *line, "{text:?}");
        }
        assert_eq!(
            header_names("Date,Amount (GBP)").1,
            Currency::from_code("GBP")
        );
        assert_eq!(
            header_names("Date,Paid out (£)").1,
            Currency::from_code("GBP")
        );
    }

    #[test]
    fn classifies_statuses_and_markers() {
        for (text, kind) in [
            ("", StatusKind::Succeeded),
            ("COMPLETED", StatusKind::Succeeded),
            ("Pending", StatusKind::Pending),
            ("DECLINED", StatusKind::Failed),
            ("REVERTED", StatusKind::Refunded),
            ("Cancelled", StatusKind::Closed),
            ("weird", StatusKind::Other),
        ] {
            assert_eq!(status_kind(text), kind, "{text}");
        }
        assert_eq!(strip_marker("12.00 CR"), ("12.00", Some(Direction::Credit)));
        assert_eq!(strip_marker("12.00DR"), ("12.00", Some(Direction::Debit)));
        assert_eq!(strip_marker("-12.00"), ("-12.00", None));
    }
}
