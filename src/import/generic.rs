//! Any other bank CSV (or spreadsheet): the columns are guessed, and the guess is a
//! [`ColumnMapping`] the user can correct.
//!
//! The reader finds the field separator (`,` `;` tab `|`), then the header row: the first row with
//! at least three filled cells, mostly labels rather than numbers or dates, followed by rows that
//! hold a date and a number. Each column's role is guessed from its header name (Chinese and
//! English synonyms) and checked against its values (a date column must hold dates, an amount
//! column numbers); a column without a telling name can still be picked up by its values. The
//! day–month order of numeric dates is decided over every row: a first part above 12 means day
//! first, a second part above 12 month first; when all dates read both ways, the order under which
//! the rows are in date order wins, and otherwise day first is assumed and the mapping says the
//! order is ambiguous. Decimal commas (`1.234,56`, common with `;` separators) are recognised.
//!
//! A file is offered to this reader only when it has a plausible date column, an amount (or
//! debit/credit columns) and a text column saying who or what: otherwise it stays an unknown
//! format. Times are China time when the header is Chinese; otherwise the file states no zone
//! and the offset is 0.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::amount::{parse_minor, AmountError};
use super::bank::{currency_from_text, split_currency_code};
use super::datetime::{parse_date_time as parse_ymd, parse_time};
use super::error::{DateOrder, ImportError, ImportErrorKind, ImportNote, SkipReason, SkippedRow};
use super::table::{self, clean, Line};
use super::{base_name, decode, finish, sniff, xls, Format, ImportedFile, Parsed, MAX_FILE_BYTES};
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

/// Which column holds what, for one file (or every file with the same [`header_shape`]).
/// Columns are 0-based indexes into the header row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The field separator of a text file (`,` `;` `\t` `|`); unused for spreadsheets.
    pub delimiter: char,
    /// For a workbook, the 0-based sheet.
    #[serde(default)]
    pub sheet: usize,
    /// The 1-based line (or sheet row) of the header.
    pub header_line: u32,
    /// The date (or date and time) column.
    pub date: usize,
    /// A separate time-of-day column.
    #[serde(default)]
    pub time: Option<usize>,
    /// One signed amount column.
    #[serde(default)]
    pub amount: Option<usize>,
    /// Money out (unsigned), when debits and credits have columns of their own.
    #[serde(default)]
    pub debit: Option<usize>,
    /// Money in (unsigned).
    #[serde(default)]
    pub credit: Option<usize>,
    /// A column saying debit or credit (`借`/`贷`, `DR`/`CR`) for an unsigned amount.
    #[serde(default)]
    pub marker: Option<usize>,
    /// The currency column.
    #[serde(default)]
    pub currency: Option<usize>,
    /// Who was paid or who paid.
    #[serde(default)]
    pub counterparty: Option<usize>,
    /// Columns joined into the description.
    #[serde(default)]
    pub description: Vec<usize>,
    /// The order of day and month in numeric dates that do not start with the year.
    pub date_order: DateOrder,
    /// Whether every date read both ways, so `date_order` is an assumption worth confirming.
    #[serde(default)]
    pub date_order_ambiguous: bool,
    /// Amounts are written `1.234,56`.
    #[serde(default)]
    pub decimal_comma: bool,
    /// Positive amounts are money out (credit-card statements); normally they are money in.
    #[serde(default)]
    pub positive_is_debit: bool,
    /// The currency when no column or amount names one.
    pub default_currency: Currency,
    /// The UTC offset of the file's times, in seconds.
    #[serde(default)]
    pub utc_offset_seconds: i32,
    /// The header's column names as printed, so a person can check and change the mapping.
    #[serde(default)]
    pub columns: Vec<String>,
}

/// A stable key for "files with this header": the header's names folded (trimmed, lower-case,
/// without blanks), trailing empty cells dropped, joined with `|`.
pub fn header_shape(header: &[String]) -> String {
    let mut names: Vec<String> = header.iter().map(|h| fold(h)).collect();
    while names.last().is_some_and(String::is_empty) {
        names.pop();
    }
    names.join("|")
}

/// A row: its 1-based line or sheet row, and its cells (or why the CSV reader refused it).
type Row = (u32, Result<Vec<String>, String>);

/// Folds a header name or marker for comparison.
fn fold(name: &str) -> String {
    table::fold_name(name)
        .chars()
        .filter(|c| !matches!(c, '_' | '.' | ':' | '：' | '*'))
        .flat_map(char::to_lowercase)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Entry points

/// Recognises a text file the generic reader can map: its header line.
pub fn detect(text: &str) -> Option<Line<'_>> {
    let mapping = guess_text(text)?;
    table::lines(text).find(|line| line.number == mapping.header_line)
}

/// Guesses the mapping of a text file; `None` when it does not look like a statement.
pub fn guess_text(text: &str) -> Option<ColumnMapping> {
    let delimiter = guess_delimiter(text)?;
    let sample: Vec<Row> = text_rows(text, 1, delimiter).take(GUESS_ROWS).collect();
    let mut mapping = guess_rows(&sample)?;
    mapping.delimiter = delimiter as char;
    if sample.len() == GUESS_ROWS {
        // A long file: the day–month order is decided over all of its rows.
        let dates: Vec<String> = text_rows(text, mapping.header_line, delimiter)
            .skip(1)
            .filter_map(|(_, cells)| cells.ok()?.get(mapping.date).cloned())
            .collect();
        let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
        (mapping.date_order, mapping.date_order_ambiguous) = decide_order(&dates);
    }
    Some(mapping)
}

/// How many rows from the top the column guess looks at.
const GUESS_ROWS: usize = 2000;

/// Guesses the mapping of a spreadsheet grid.
pub fn guess_grid(grid: &[(u32, Vec<String>)]) -> Option<ColumnMapping> {
    let rows = grid;
    let rows: Vec<Row> = rows
        .iter()
        .take(GUESS_ROWS)
        .map(|(n, c)| (*n, Ok(c.clone())))
        .collect();
    let mut mapping = guess_rows(&rows)?;
    if rows.len() == GUESS_ROWS {
        let all: Vec<&str> = grid
            .iter()
            .filter(|(n, _)| *n > mapping.header_line)
            .filter_map(|(_, cells)| cells.get(mapping.date).map(String::as_str))
            .collect();
        (mapping.date_order, mapping.date_order_ambiguous) = decide_order(&all);
    }
    Some(mapping)
}

/// Reads a text file whose header `sniff` found, with the guessed mapping.
pub fn parse(file: &Arc<str>, text: &str, header: Line<'_>) -> Result<Parsed, ImportError> {
    let mapping = guess_text(text)
        .filter(|m| m.header_line == header.number)
        .ok_or_else(|| ImportError::new(ImportErrorKind::UnknownFormat))?;
    parse_text(file, text, &mapping)
}

/// Reads a text file with `mapping`.
pub fn parse_text(
    file: &Arc<str>,
    text: &str,
    mapping: &ColumnMapping,
) -> Result<Parsed, ImportError> {
    let delimiter = u8::try_from(mapping.delimiter)
        .ok()
        .filter(u8::is_ascii)
        .unwrap_or(b',');
    read_rows(
        file,
        text_rows(text, mapping.header_line, delimiter),
        mapping,
    )
}

/// Reads a spreadsheet grid with `mapping`.
pub fn parse_grid(
    file: &Arc<str>,
    rows: &[(u32, Vec<String>)],
    mapping: &ColumnMapping,
) -> Result<Parsed, ImportError> {
    let rows = rows
        .iter()
        .filter(|(n, _)| *n >= mapping.header_line)
        .map(|(n, c)| (*n, Ok(c.clone())));
    read_rows(file, rows, mapping)
}

/// Reads a file with a mapping the user chose (or confirmed): a text file, or a sheet of an XLS or
/// XLSX workbook. The result is a `generic_csv` file carrying `mapping`.
pub fn import_file_with_mapping(name: &str, bytes: &[u8], mapping: &ColumnMapping) -> ImportedFile {
    let name: Arc<str> = Arc::from(base_name(name));
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        let kind = ImportErrorKind::TooLarge {
            bytes: size,
            limit: MAX_FILE_BYTES,
        };
        return ImportedFile::failed(name, size, ImportError::new(kind));
    }
    let mut encoding = None;
    let parsed = match sniff::sniff_bytes(bytes) {
        Some(kind @ ("xls" | "xlsx")) => {
            let sheets = if kind == "xls" {
                xls::read_xls(bytes)
            } else {
                xls::read_xlsx(bytes)
            };
            sheets.and_then(|sheets| match sheets.get(mapping.sheet) {
                Some(sheet) => parse_grid(&name, &sheet.rows, mapping),
                None => Err(ImportError::new(ImportErrorKind::MissingColumn {
                    column: format!("sheet {}", mapping.sheet + 1),
                })),
            })
        }
        Some(what) => Err(ImportError::new(ImportErrorKind::Unsupported {
            what: what.to_string(),
        })),
        None => match decode::decode_for(bytes, sniff::is_western) {
            Ok(decoded) => {
                encoding = Some(decoded.encoding);
                parse_text(&name, &decoded.text, mapping)
            }
            Err(error) => Err(error),
        },
    };
    let mut file = finish(name, size, Some(Format::GenericCsv), parsed);
    file.encoding = encoding;
    file.mapping = Some(mapping.clone());
    file
}

// ---------------------------------------------------------------------------------------------
// Splitting text into rows

/// The separator that splits the first lines into the most rows of one width (three or more).
/// Only the first [`DELIMITER_SAMPLE_BYTES`] are looked at.
fn guess_delimiter(text: &str) -> Option<u8> {
    let mut end = text.len().min(DELIMITER_SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let first = table::lines(text).next()?;
    let mut best: Option<(usize, u8)> = None;
    for delimiter in [b',', b';', b'\t', b'|'] {
        let widths: Vec<usize> = table::records_delimited(text, first, delimiter)
            .take(60)
            .filter_map(|(_, r)| r.ok())
            .filter(|r| !table::is_blank(r))
            .map(|r| r.len())
            .collect();
        let Some(&mode) = most_common(&widths) else {
            continue;
        };
        if mode < 3 {
            continue;
        }
        let score = widths.iter().filter(|w| **w == mode).count();
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, delimiter));
        }
    }
    best.map(|(_, d)| d)
}

/// How much of a file the delimiter guess reads: sixty rows of any real statement, and a bound
/// on the work for a file that is one enormous line.
const DELIMITER_SAMPLE_BYTES: usize = 256 * 1024;

fn most_common(values: &[usize]) -> Option<&usize> {
    values
        .iter()
        .max_by_key(|v| (values.iter().filter(|w| w == v).count(), **v))
}

/// The records of `text` from line `from` on, cells cleaned.
fn text_rows(text: &str, from: u32, delimiter: u8) -> impl Iterator<Item = Row> + '_ {
    let first = table::lines(text).find(|l| l.number == from);
    first
        .into_iter()
        .flat_map(move |first| table::records_delimited(text, first, delimiter))
        .map(|(line, record)| {
            let cells = record
                .map(|r| r.iter().map(|f| clean(f).to_string()).collect())
                .map_err(|e| e.to_string());
            (line, cells)
        })
}

// ---------------------------------------------------------------------------------------------
// Cell values

/// Numeric date parts `a/b/c` that do not start with a year: (a, b).
fn day_month_parts(text: &str) -> Option<(u32, u32)> {
    let date = date_part(text);
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[0].len() > 2 || !parts.iter().all(|p| is_digits(p)) {
        return None;
    }
    if !matches!(parts[2].len(), 2 | 4) {
        return None;
    }
    Some((parts[0].parse().ok()?, parts[1].parse().ok()?))
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The date part of a date-time cell (before a blank or `T` followed by a time).
fn date_part(text: &str) -> &str {
    let text = text.trim();
    match text.split_once([' ', 'T']) {
        Some((date, rest)) if rest.contains(':') => date,
        _ => text,
    }
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date (with an optional time) in any of the forms bank CSVs use: ISO and other year-first
/// forms, `DD/MM/YYYY` or `MM/DD/YYYY` as `order` says, two-digit years, and month names
/// (`14 Jan 2026`, `Jan 14, 2026`, `14-Jan-26`), optionally followed by `HH:MM[:SS]` and AM/PM.
pub fn parse_date(text: &str, order: DateOrder) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(found) = parse_ymd(text) {
        return Some(found);
    }
    let mut tokens: Vec<&str> = text.split_whitespace().collect();
    let mut time = None;
    let mut pm = None;
    if let Some(last) = tokens.last() {
        match last.to_ascii_lowercase().as_str() {
            "am" => pm = Some(false),
            "pm" => pm = Some(true),
            _ => {}
        }
        if pm.is_some() {
            tokens.pop();
        }
    }
    if let Some(last) = tokens.last() {
        if last.contains(':') {
            let mut t = parse_time(last)?;
            if let Some(pm) = pm {
                use chrono::Timelike;
                let hour = t.hour() % 12 + if pm { 12 } else { 0 };
                t = t.with_hour(hour)?;
            }
            time = Some(t);
            tokens.pop();
        }
    }
    let date_text = tokens.join(" ");
    let date = if date_text.bytes().any(|b| b.is_ascii_alphabetic()) {
        named_month_date(&date_text)?
    } else {
        numeric_date(&date_text, order)?
    };
    Some((date, time))
}

fn numeric_date(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3 || !parts.iter().all(|p| is_digits(p)) {
        return None;
    }
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        );
    }
    if parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let a: u32 = parts[0].parse().ok()?;
    let b: u32 = parts[1].parse().ok()?;
    let year = full_year(parts[2])?;
    let (month, day) = match order {
        DateOrder::MonthDayYear => (a, b),
        _ => (b, a),
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

fn full_year(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(y),
        2 => Some(if y < 70 { 2000 + y } else { 1900 + y }),
        _ => None,
    }
}

/// `14 Jan 2026`, `Jan 14, 2026`, `14-Jan-26`, `2026-Jan-14`.
fn named_month_date(text: &str) -> Option<NaiveDate> {
    let tokens: Vec<&str> = text
        .split([' ', '-', '/', ',', '.'])
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() != 3 {
        return None;
    }
    let month_at = tokens.iter().position(|t| {
        let lower = t.to_ascii_lowercase();
        lower.len() >= 3 && MONTHS.iter().any(|m| lower.starts_with(m))
    })?;
    let lower = tokens[month_at].to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| lower.starts_with(m))? as u32 + 1;
    let numbers: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != month_at)
        .map(|(_, t)| *t)
        .collect();
    if !numbers.iter().all(|t| is_digits(t)) {
        return None;
    }
    let (day, year) = if numbers[0].len() == 4 {
        (numbers[1], numbers[0])
    } else {
        (numbers[0], numbers[1])
    };
    if day.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(full_year(year)?, month, day.parse().ok()?)
}

/// Whether the cell is a date under some order.
fn is_date(text: &str) -> bool {
    parse_date(text, DateOrder::DayMonthYear).is_some()
        || parse_date(text, DateOrder::MonthDayYear).is_some()
}

/// An amount: a sign, parentheses, a `CR`/`DR` suffix, currency signs or codes, thousands
/// separators (`,` or, with `decimal_comma`, `.`; blanks) and `digits` fraction digits.
pub fn parse_amount(text: &str, decimal_comma: bool, digits: u32) -> Result<i64, AmountError> {
    let mut t = text.trim();
    let mut sign = 1;
    let lower = t.to_ascii_lowercase();
    if lower.ends_with("cr") && t.len() > 2 {
        t = t[..t.len() - 2].trim_end();
    } else if lower.ends_with("dr") && t.len() > 2 {
        t = t[..t.len() - 2].trim_end();
        sign = -1;
    }
    let (_, t) = split_currency_code(t);
    // `US$5.00`, `HK$5.00`: letters glued to a dollar sign.
    let t = match t.find('$') {
        Some(at) if t[..at].bytes().all(|b| b.is_ascii_alphabetic()) => &t[at..],
        _ => t,
    };
    let mut normal = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' => {}
            '.' if decimal_comma => {}
            ',' if decimal_comma => normal.push('.'),
            other => normal.push(other),
        }
    }
    parse_minor(&normal, digits).map(|v| v * sign)
}

/// Whether a cell is a number under either decimal style.
fn is_number(text: &str) -> bool {
    parse_amount(text, false, 6).is_ok() || parse_amount(text, true, 6).is_ok()
}

/// Evidence for a decimal comma: `12,34` or `1.234,56` (but not `1,234`).
fn comma_decimal_vote(text: &str) -> i32 {
    let t = text.trim();
    let last_comma = t.rfind(',');
    let last_dot = t.rfind('.');
    let digits_after = |at: usize| t[at + 1..].bytes().take_while(u8::is_ascii_digit).count();
    match (last_comma, last_dot) {
        (Some(c), Some(d)) if c > d => 1,
        (Some(_), Some(_)) => -1,
        (Some(c), None) if matches!(digits_after(c), 1 | 2) => 1,
        (None, Some(d)) if matches!(digits_after(d), 1 | 2) => -1,
        _ => 0,
    }
}

/// A debit/credit marker: `Some(Debit)` for 借/支出/DR/D/Debit/out …
fn marker_direction(text: &str) -> Option<Direction> {
    let f = fold(text);
    const DEBIT: &[&str] = &[
        "借", "借方", "支出", "支", "出", "dr", "d", "debit", "out", "借dr",
    ];
    const CREDIT: &[&str] = &[
        "贷", "贷方", "收入", "收", "入", "cr", "c", "credit", "in", "贷cr",
    ];
    if DEBIT.contains(&f.as_str()) {
        Some(Direction::Debit)
    } else if CREDIT.contains(&f.as_str()) {
        Some(Direction::Credit)
    } else {
        None
    }
}

fn is_time(text: &str) -> bool {
    parse_time(text).is_some()
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

// ---------------------------------------------------------------------------------------------
// Header names

/// What a header name says about its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Date,
    Time,
    Amount,
    Debit,
    Credit,
    Marker,
    Balance,
    Currency,
    Counterparty,
    Description,
    Ignore,
}

/// Names by role: exact folded names, then words a longer name may contain. Earlier entries are
/// preferred when several columns qualify.
const NAMES: &[(Role, &[&str], &[&str])] = &[
    (
        Role::Balance,
        &[
            "balance",
            "余额",
            "账户余额",
            "本次余额",
            "联机余额",
            "可用余额",
        ],
        &["balance", "余额"],
    ),
    (
        Role::Ignore,
        &[
            "序号",
            "no",
            "#",
            "id",
            "流水号",
            "账号",
            "卡号",
            "本方账号",
            "对方账号",
            "对方账户",
            "对方卡号",
            "account",
            "accountnumber",
            "accountno",
            "cardnumber",
            "日志号",
        ],
        &[
            "账号",
            "卡号",
            "accountnumber",
            "accountno",
            "iban",
            "sortcode",
            "kontonummer",
        ],
    ),
    (
        Role::Debit,
        &[
            "debit",
            "debits",
            "debitamount",
            "withdrawal",
            "withdrawals",
            "moneyout",
            "paidout",
            "out",
            "outflow",
            "支出",
            "支出金额",
            "借方",
            "借方金额",
            "借方发生额",
            "取出金额",
            "付款金额",
            "转出金额",
            "soll",
            "lastschrift",
            "débit",
            "debe",
            "cargo",
            "af",
        ],
        &[
            "debit", "withdraw", "moneyout", "paidout", "支出", "借方", "取出",
        ],
    ),
    (
        Role::Credit,
        &[
            "credit",
            "credits",
            "creditamount",
            "deposit",
            "deposits",
            "moneyin",
            "paidin",
            "in",
            "inflow",
            "收入",
            "收入金额",
            "贷方",
            "贷方金额",
            "贷方发生额",
            "存入金额",
            "收款金额",
            "转入金额",
            "haben",
            "gutschrift",
            "crédit",
            "haber",
            "abono",
            "bij",
        ],
        &[
            "credit", "deposit", "moneyin", "paidin", "收入", "贷方", "存入",
        ],
    ),
    (
        Role::Marker,
        &[
            "借贷",
            "借贷标志",
            "借贷方向",
            "收支",
            "收/支",
            "dr/cr",
            "debit/credit",
            "crdr",
            "drcr",
            "indicator",
        ],
        &["借贷", "收/支"],
    ),
    (
        Role::Amount,
        &[
            "amount",
            "transactionamount",
            "amt",
            "value",
            "sum",
            "betrag",
            "montant",
            "importe",
            "bedrag",
            "金额",
            "交易金额",
            "发生额",
            "收支金额",
            "人民币金额",
            "入账金额",
            "记账金额",
            "交易额",
            "umsatz",
            "betrag(eur)",
            "importo",
        ],
        &["amount", "金额"],
    ),
    (
        Role::Currency,
        &[
            "currency",
            "ccy",
            "cur",
            "币种",
            "币别",
            "货币",
            "交易币种",
            "记账币种",
            "入账币种",
            "währung",
            "devise",
            "moneda",
        ],
        &["currency", "币种", "币别"],
    ),
    (
        Role::Date,
        &[
            "transactiondate",
            "date",
            "transdate",
            "txndate",
            "tradedate",
            "postingdate",
            "posteddate",
            "postdate",
            "bookingdate",
            "valuedate",
            "交易日期",
            "交易时间",
            "日期",
            "交易日",
            "发生日期",
            "记账日期",
            "入账日期",
            "记账日",
            "入账日",
            "buchungstag",
            "buchungsdatum",
            "datum",
            "wertstellung",
            "valutadatum",
            "dateopération",
            "fecha",
            "data",
            "postedon",
            "completedate",
        ],
        &["date", "日期"],
    ),
    (
        Role::Time,
        &["time", "时间", "交易时间", "记账时间", "transactiontime"],
        &["time", "时间"],
    ),
    (
        Role::Counterparty,
        &[
            "payee",
            "payer",
            "counterparty",
            "merchant",
            "merchantname",
            "name",
            "beneficiary",
            "recipient",
            "payeename",
            "对方户名",
            "对方名称",
            "对方账户名",
            "对方账户名称",
            "交易对方",
            "对手信息",
            "收款人",
            "付款人",
            "收款方",
            "付款方",
            "商户名称",
            "商户",
            "交易对手名称",
            "对方",
            "对手方",
            "empfänger",
            "auftraggeber",
            "zahlungsempfänger",
            "beguenstigter/zahlungspflichtiger",
            "begünstigter/zahlungspflichtiger",
            "bénéficiaire",
            "tegenrekeninghouder",
        ],
        &[
            "payee",
            "merchant",
            "counterparty",
            "对方户名",
            "对方名称",
            "对手",
        ],
    ),
    (
        Role::Description,
        &[
            "description",
            "details",
            "transactiondetails",
            "transactiondescription",
            "memo",
            "narrative",
            "particulars",
            "reference",
            "type",
            "transactiontype",
            "摘要",
            "交易摘要",
            "用途",
            "附言",
            "备注",
            "说明",
            "交易说明",
            "交易类型",
            "交易描述",
            "交易备注",
            "交易详情",
            "业务摘要",
            "交易名称",
            "verwendungszweck",
            "buchungstext",
            "libellé",
            "libelle",
            "concepto",
            "omschrijving",
            "descrizione",
        ],
        &[
            "description",
            "detail",
            "memo",
            "narrative",
            "摘要",
            "说明",
            "备注",
            "附言",
            "用途",
            "描述",
        ],
    ),
];

/// The roles a header name can play, with a rank (lower is better).
fn roles_of(name: &str) -> Vec<(Role, usize)> {
    let f = fold(name);
    if f.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (role, exact, words) in NAMES {
        if let Some(rank) = exact.iter().position(|e| fold(e) == f) {
            found.push((*role, rank));
        } else if words.iter().any(|w| f.contains(&fold(w))) {
            found.push((*role, 100));
        }
    }
    // A name that is a balance or an account number is nothing else.
    if let Some(&(role, rank)) = found
        .iter()
        .find(|(r, _)| matches!(r, Role::Balance | Role::Ignore))
    {
        return vec![(role, rank)];
    }
    found
}

/// A currency named in a header (`Amount (GBP)`, `金额(元)`).
fn header_currency(name: &str) -> Option<Currency> {
    let inside = name
        .split_once(['(', '（'])?
        .1
        .split_once([')', '）'])?
        .0
        .trim();
    if inside == "元" {
        return Some(Currency::CNY);
    }
    currency_from_text(inside)
}

// ---------------------------------------------------------------------------------------------
// Guessing

/// Facts about one column's values below the header.
#[derive(Clone, Debug, Default)]
struct Stats {
    filled: usize,
    dates: usize,
    numbers: usize,
    times: usize,
    markers: usize,
    currencies: usize,
    text_len: usize,
}

impl Stats {
    fn mostly(&self, count: usize) -> bool {
        self.filled > 0 && count * 10 >= self.filled * 9
    }
}

fn label_like(cell: &str) -> bool {
    !cell.is_empty() && !is_number(cell) && !is_date(cell)
}

/// Where the header is: the first row of three or more filled cells, mostly labels, with a row
/// holding a date and a number within the next few rows.
fn find_header(rows: &[Row]) -> Option<usize> {
    let filled = |cells: &[String]| cells.iter().filter(|c| !c.is_empty()).count();
    rows.iter()
        .take(60)
        .enumerate()
        .find_map(|(i, (_, cells))| {
            let cells = cells.as_ref().ok()?;
            if cells.iter().map(String::len).sum::<usize>() > table::MAX_HEADER_BYTES {
                return None;
            }
            let labels = cells.iter().filter(|c| label_like(c)).count();
            if filled(cells) < 3 || labels < 2 || labels * 2 < filled(cells) {
                return None;
            }
            let has_data = rows[i + 1..].iter().take(5).any(|(_, next)| {
                next.as_ref().is_ok_and(|cells| {
                    cells.iter().any(|c| is_date(c))
                        && cells.iter().any(|c| !is_date(c) && is_number(c))
                })
            });
            has_data.then_some(i)
        })
}

/// Guesses a mapping from rows (text records or a sheet).
fn guess_rows(rows: &[Row]) -> Option<ColumnMapping> {
    let header_index = find_header(rows)?;
    let (header_line, header) = (&rows[header_index].0, rows[header_index].1.as_ref().ok()?);
    let body: Vec<&Vec<String>> = rows[header_index + 1..]
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .filter(|cells| cells.iter().any(|c| !c.is_empty()))
        .filter(|cells| cells.iter().any(|c| is_date(c)))
        .collect();
    if body.is_empty() {
        return None;
    }
    let width = header.len();
    let mut stats = vec![Stats::default(); width];
    for cells in &body {
        for (j, cell) in cells.iter().enumerate().take(width) {
            if cell.is_empty() {
                continue;
            }
            let s = &mut stats[j];
            s.filled += 1;
            s.dates += usize::from(is_date(cell));
            s.numbers += usize::from(is_number(cell));
            s.times += usize::from(is_time(cell));
            s.markers += usize::from(marker_direction(cell).is_some());
            s.currencies += usize::from(currency_from_text(cell).is_some());
            s.text_len += cell.chars().count();
        }
    }
    let roles: Vec<Vec<(Role, usize)>> = header.iter().map(|h| roles_of(h)).collect();
    let named = |role: Role, ok: &dyn Fn(&Stats) -> bool, taken: &[usize]| -> Option<usize> {
        (0..width)
            .filter(|j| !taken.contains(j) && ok(&stats[*j]))
            .filter_map(|j| {
                roles[j]
                    .iter()
                    .find(|(r, _)| *r == role)
                    .map(|(_, rank)| (*rank, j))
            })
            .min()
            .map(|(_, j)| j)
    };
    let unnamed = |j: usize| roles[j].is_empty();

    // Date: a named column of dates, else the first column of dates.
    let date = named(Role::Date, &|s| s.mostly(s.dates), &[])
        .or_else(|| {
            (0..width)
                .find(|&j| stats[j].mostly(stats[j].dates) && !stats[j].mostly(stats[j].numbers))
        })
        .or_else(|| (0..width).find(|&j| stats[j].mostly(stats[j].dates)))?;
    let mut taken = vec![date];
    let time = named(Role::Time, &|s| s.mostly(s.times), &taken);
    taken.extend(time);

    let numeric = |s: &Stats| s.filled == 0 || s.mostly(s.numbers);
    let (mut amount, mut debit, mut credit) = (None, None, None);
    let named_debit = named(Role::Debit, &numeric, &taken);
    let named_credit = named(Role::Credit, &numeric, &taken);
    if let (Some(d), Some(c)) = (named_debit, named_credit) {
        (debit, credit) = (Some(d), Some(c));
    } else if let Some(a) = named(Role::Amount, &|s| s.mostly(s.numbers), &taken) {
        amount = Some(a);
    } else {
        // No telling names: numeric columns that are not balances, ids or the date.
        let candidates: Vec<usize> = (0..width)
            .filter(|j| !taken.contains(j))
            .filter(|j| {
                unnamed(*j)
                    || roles[*j]
                        .iter()
                        .any(|(r, _)| matches!(r, Role::Amount | Role::Debit | Role::Credit))
            })
            .filter(|j| {
                let s = &stats[*j];
                s.filled > 0 && s.mostly(s.numbers) && !s.mostly(s.dates)
            })
            .collect();
        let complementary = |a: usize, b: usize| {
            body.iter().all(|cells| {
                let filled = |j: usize| {
                    cells.get(j).is_some_and(|c| {
                        !c.is_empty() && parse_amount(c, false, 6).is_ok_and(|v| v != 0)
                    })
                };
                !(filled(a) && filled(b))
            })
        };
        match candidates[..] {
            [a, b, ..] if complementary(a, b) => (debit, credit) = (Some(a), Some(b)),
            [a, ..] => amount = Some(a),
            [] => return None,
        }
    }
    taken.extend(amount.into_iter().chain(debit).chain(credit));
    let marker = amount.and_then(|_| {
        named(Role::Marker, &|s| s.mostly(s.markers), &taken).or_else(|| {
            (0..width).find(|&j| {
                !taken.contains(&j)
                    && stats[j].filled > 0
                    && stats[j].mostly(stats[j].markers)
                    && !stats[j].mostly(stats[j].numbers)
            })
        })
    });
    taken.extend(marker);
    let currency = named(
        Role::Currency,
        &|s| s.filled == 0 || s.mostly(s.currencies),
        &taken,
    );
    taken.extend(currency);
    let counterparty = named(Role::Counterparty, &|_| true, &taken);
    taken.extend(counterparty);
    let mut description: Vec<usize> = (0..width)
        .filter(|j| !taken.contains(j))
        .filter(|j| roles[*j].iter().any(|(r, _)| *r == Role::Description))
        .collect();
    if description.is_empty() && counterparty.is_none() {
        // The longest text column that nothing else claimed.
        description.extend(
            (0..width)
                .filter(|j| {
                    !taken.contains(j)
                        && roles[*j]
                            .iter()
                            .all(|(r, _)| !matches!(r, Role::Balance | Role::Ignore))
                })
                .filter(|j| {
                    stats[*j].filled > 0
                        && !stats[*j].mostly(stats[*j].numbers)
                        && !stats[*j].mostly(stats[*j].dates)
                })
                .max_by_key(|j| stats[*j].text_len * 1000 / stats[*j].filled.max(1)),
        );
    }
    if description.is_empty() && counterparty.is_none() {
        return None;
    }

    let dates: Vec<&str> = body
        .iter()
        .filter_map(|c| c.get(date).map(String::as_str))
        .collect();
    let (date_order, date_order_ambiguous) = decide_order(&dates);
    let amount_cells = body.iter().flat_map(|cells| {
        [amount, debit, credit]
            .into_iter()
            .flatten()
            .filter_map(|j| cells.get(j))
            .collect::<Vec<_>>()
    });
    let decimal_comma = amount_cells.map(|c| comma_decimal_vote(c)).sum::<i32>() > 0;
    let chinese = header.iter().any(|h| has_cjk(h));
    // Chinese credit-card statements (信用卡账单) list spending as positive amounts.
    let credit_card = rows[..header_index]
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .any(|cells| cells.iter().any(|c| c.contains("信用卡")));
    let default_currency = [amount, debit, credit]
        .into_iter()
        .flatten()
        .find_map(|j| header_currency(&header[j]))
        .unwrap_or(if chinese {
            Currency::CNY
        } else {
            Currency::UNSPECIFIED
        });
    let mapping = ColumnMapping {
        delimiter: ',',
        sheet: 0,
        header_line: *header_line,
        date,
        time,
        amount,
        debit,
        credit,
        marker,
        currency,
        counterparty,
        description,
        date_order,
        date_order_ambiguous,
        decimal_comma,
        positive_is_debit: credit_card && amount.is_some(),
        default_currency,
        utc_offset_seconds: if chinese {
            LocalTime::CHINA_OFFSET_SECONDS
        } else {
            0
        },
        columns: header.iter().map(|h| table::clean(h).to_string()).collect(),
    };
    // Plausible only if some row reads completely.
    let readable = rows[header_index + 1..]
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .any(|cells| read_cells(cells, &mapping).is_ok());
    readable.then_some(mapping)
}

/// Day first or month first, over every date: (order, ambiguous).
fn decide_order(dates: &[&str]) -> (DateOrder, bool) {
    let parts: Vec<(u32, u32)> = dates.iter().filter_map(|d| day_month_parts(d)).collect();
    let day_first = parts.iter().any(|(a, _)| *a > 12);
    let month_first = parts.iter().any(|(_, b)| *b > 12);
    match (day_first, month_first) {
        (true, false) => return (DateOrder::DayMonthYear, false),
        (false, true) => return (DateOrder::MonthDayYear, false),
        _ => {}
    }
    if parts.is_empty() {
        return (DateOrder::DayMonthYear, false);
    }
    // Every date reads both ways (or the file mixes them): the order that keeps the rows sorted.
    let disorder = |order: DateOrder| {
        let parsed: Vec<NaiveDate> = dates
            .iter()
            .filter_map(|d| parse_date(d, order).map(|(d, _)| d))
            .collect();
        let ups = parsed.windows(2).filter(|w| w[0] < w[1]).count();
        let downs = parsed.windows(2).filter(|w| w[0] > w[1]).count();
        (ups.min(downs), usize::MAX - parsed.len())
    };
    match disorder(DateOrder::DayMonthYear).cmp(&disorder(DateOrder::MonthDayYear)) {
        std::cmp::Ordering::Less => (DateOrder::DayMonthYear, false),
        std::cmp::Ordering::Greater => (DateOrder::MonthDayYear, false),
        std::cmp::Ordering::Equal => (DateOrder::DayMonthYear, true),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading rows

/// Words of summary and closing lines that are not transactions.
const NOT_ROWS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "以上数据",
    "total",
    "closing balance",
    "opening balance",
    "balance brought forward",
    "balance carried forward",
];

fn read_rows(
    file: &Arc<str>,
    mut rows: impl Iterator<Item = Row>,
    mapping: &ColumnMapping,
) -> Result<Parsed, ImportError> {
    let Some((_, header)) = rows.next() else {
        return Err(ImportError::new(ImportErrorKind::MissingColumn {
            column: format!("line {}", mapping.header_line),
        }));
    };
    let header = header.map_err(|detail| {
        ImportError::at(
            ImportErrorKind::MissingColumn { column: detail },
            mapping.header_line,
        )
    })?;
    let width = header.len();
    let used = [mapping.date]
        .into_iter()
        .chain(mapping.time)
        .chain(mapping.amount)
        .chain(mapping.debit)
        .chain(mapping.credit)
        .chain(mapping.marker)
        .chain(mapping.currency)
        .chain(mapping.counterparty)
        .chain(mapping.description.iter().copied());
    for index in used {
        if index >= width.max(1) + 64 {
            return Err(ImportError::at(
                ImportErrorKind::MissingColumn {
                    column: format!("#{}", index + 1),
                },
                mapping.header_line,
            ));
        }
    }
    if mapping.amount.is_none() && mapping.debit.is_none() && mapping.credit.is_none() {
        return Err(ImportError::at(
            ImportErrorKind::MissingColumn {
                column: "amount / 金额".to_string(),
            },
            mapping.header_line,
        ));
    }
    let header_folded: Vec<String> = header.iter().map(|h| fold(h)).collect();
    let mut parsed = Parsed::default();
    for (line, cells) in rows {
        let cells = match cells {
            Ok(cells) => cells,
            Err(detail) => {
                parsed.skipped.push(SkippedRow {
                    line,
                    reason: SkipReason::Malformed { detail },
                });
                continue;
            }
        };
        if cells.iter().all(|c| c.is_empty()) || is_not_a_row(&cells, mapping, &header_folded) {
            continue;
        }
        match read_cells(&cells, mapping) {
            Ok(row) => parsed
                .transactions
                .push(row.into_transaction(file, line, mapping)),
            Err(reason) => parsed.skipped.push(SkippedRow { line, reason }),
        }
    }
    if mapping.date_order_ambiguous {
        parsed.notes.push(ImportNote::AmbiguousDateOrder {
            assumed: mapping.date_order,
        });
    }
    Ok(parsed)
}

fn is_not_a_row(cells: &[String], mapping: &ColumnMapping, header: &[String]) -> bool {
    if cells.iter().zip(header).all(|(c, h)| fold(c) == *h) {
        return true;
    }
    let date = cells.get(mapping.date).map_or("", String::as_str);
    if parse_date(date, mapping.date_order).is_some() {
        return false;
    }
    let first = cells
        .iter()
        .find(|c| !c.is_empty())
        .map_or("", String::as_str);
    let filled = cells.iter().filter(|c| !c.is_empty()).count();
    first.starts_with('#')
        || filled <= 2
        || cells.iter().any(|c| {
            let lower = c.to_lowercase();
            NOT_ROWS.iter().any(|w| lower.contains(w))
        })
}

/// A row's values before they become a transaction.
struct RowValues {
    date: NaiveDate,
    time: Option<NaiveTime>,
    minor: i64,
    direction: Direction,
    currency: Currency,
    counterparty: String,
    description: String,
}

fn cell(cells: &[String], index: Option<usize>) -> &str {
    index.and_then(|j| cells.get(j)).map_or("", |c| clean(c))
}

fn read_cells(cells: &[String], mapping: &ColumnMapping) -> Result<RowValues, SkipReason> {
    let date_text = cell(cells, Some(mapping.date));
    let time_text = cell(cells, mapping.time);
    let bad_time = || SkipReason::BadTime {
        text: format!("{date_text} {time_text}").trim().to_string(),
    };
    let (date, mut time) = parse_date(date_text, mapping.date_order).ok_or_else(bad_time)?;
    if !time_text.is_empty() {
        time = Some(parse_time(time_text).ok_or_else(bad_time)?);
    }

    let currency_text = cell(cells, mapping.currency);
    let amount_texts: Vec<&str> = [mapping.amount, mapping.debit, mapping.credit]
        .iter()
        .map(|j| cell(cells, *j))
        .collect();
    let currency = match amount_texts.iter().find_map(|t| split_currency_code(t).0) {
        Some(code) => currency_from_text(code),
        None if !currency_text.is_empty() => currency_from_text(currency_text),
        None => Some(mapping.default_currency),
    }
    .ok_or_else(|| SkipReason::UnknownCurrency {
        text: currency_text.to_string(),
    })?;
    let digits = currency.minor_digits();
    let read = |text: &str| -> Result<Option<i64>, SkipReason> {
        if text.is_empty() {
            return Ok(None);
        }
        parse_amount(text, mapping.decimal_comma, digits)
            .map(Some)
            .map_err(|error| SkipReason::BadAmount {
                text: text.to_string(),
                error,
            })
    };
    let (minor, direction) = if mapping.amount.is_some() {
        let value = read(amount_texts[0])?.ok_or(SkipReason::MissingAmount)?;
        let marker_text = cell(cells, mapping.marker);
        let direction = if mapping.marker.is_some() && !marker_text.is_empty() {
            marker_direction(marker_text).ok_or_else(|| SkipReason::BadDirection {
                text: marker_text.to_string(),
            })?
        } else if (value > 0) != mapping.positive_is_debit {
            Direction::Credit
        } else {
            Direction::Debit
        };
        let direction = if value == 0 {
            Direction::Neutral
        } else {
            direction
        };
        (value.abs(), direction)
    } else {
        let debit = read(amount_texts[1])?.filter(|v| *v != 0);
        let credit = read(amount_texts[2])?.filter(|v| *v != 0);
        match (debit, credit) {
            (Some(_), Some(_)) => {
                return Err(SkipReason::TwoAmounts {
                    income: amount_texts[2].to_string(),
                    expense: amount_texts[1].to_string(),
                })
            }
            // Some banks print debits negative in their own column: the column decides.
            (Some(d), None) => (d.abs(), Direction::Debit),
            (None, Some(c)) => (c.abs(), Direction::Credit),
            (None, None) if !amount_texts[1].is_empty() || !amount_texts[2].is_empty() => {
                (0, Direction::Neutral)
            }
            (None, None) => return Err(SkipReason::MissingAmount),
        }
    };

    let description = {
        let mut parts: Vec<&str> = Vec::new();
        for j in &mapping.description {
            let text = cell(cells, Some(*j));
            if !text.is_empty() && !parts.contains(&text) {
                parts.push(text);
            }
        }
        parts.join(" ")
    };
    let counterparty = match cell(cells, mapping.counterparty) {
        "" => description.clone(),
        name => name.to_string(),
    };
    Ok(RowValues {
        date,
        time,
        minor,
        direction,
        currency,
        counterparty,
        description,
    })
}

impl RowValues {
    fn into_transaction(self, file: &Arc<str>, line: u32, mapping: &ColumnMapping) -> Transaction {
        let refund = ["refund", "退款", "退货"]
            .iter()
            .any(|w| self.description.to_lowercase().contains(w));
        Transaction {
            source: SourceRef {
                file: Arc::clone(file),
                line,
            },
            when: LocalTime {
                date: self.date,
                time: self.time,
                utc_offset_seconds: mapping.utc_offset_seconds,
            },
            direction: self.direction,
            amount: Money::new(self.minor, self.currency),
            counterparty: self.counterparty,
            counterparty_account: None,
            description: self.description,
            category: None,
            status: String::new(),
            status_kind: if refund {
                StatusKind::Refunded
            } else {
                StatusKind::Succeeded
            },
            payment_method: None,
            order_id: None,
            merchant_order_id: None,
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DMY: DateOrder = DateOrder::DayMonthYear;
    const MDY: DateOrder = DateOrder::MonthDayYear;

    #[test]
    fn reads_dates_in_every_order() {
        let d = |s: &str, o| {
            parse_date(s, o)
                .map(|(d, t)| format!("{d}{}", t.map(|t| format!(" {t}")).unwrap_or_default()))
        };
        let cases: &[(&str, DateOrder, Option<&str>)] = &[
            ("14/01/2026", DMY, Some("2026-01-14")),
            ("14/01/2026", MDY, None),
            ("01/14/2026", MDY, Some("2026-01-14")),
            ("03/04/2026", DMY, Some("2026-04-03")),
            ("03/04/2026", MDY, Some("2026-03-04")),
            ("3.4.26", DMY, Some("2026-04-03")),
            ("2026-01-14", MDY, Some("2026-01-14")),
            ("2026/1/14 10:30", DMY, Some("2026-01-14 10:30:00")),
            ("14/01/2026 10:30:05", DMY, Some("2026-01-14 10:30:05")),
            ("01/14/2026 1:05 PM", MDY, Some("2026-01-14 13:05:00")),
            ("01/14/2026 12:05 AM", MDY, Some("2026-01-14 00:05:00")),
            ("14 Jan 2026", MDY, Some("2026-01-14")),
            ("Jan 14, 2026", DMY, Some("2026-01-14")),
            ("14-Jan-26", DMY, Some("2026-01-14")),
            ("20260114", DMY, Some("2026-01-14")),
            ("31/02/2026", DMY, None),
            ("14/01", DMY, None),
            ("MERCHANT 14", DMY, None),
            ("", DMY, None),
        ];
        for (text, order, expected) in cases {
            assert_eq!(d(text, *order).as_deref(), *expected, "{text:?} {order:?}");
        }
    }

    #[test]
    fn reads_amounts_in_both_decimal_styles() {
        let cases: &[(&str, bool, Result<i64, AmountError>)] = &[
            ("-21.96", false, Ok(-2196)),
            ("1,234.56", false, Ok(123_456)),
            ("1.234,56", true, Ok(123_456)),
            ("-1 234,56", true, Ok(-123_456)),
            ("12,50", true, Ok(1250)),
            ("(12.00)", false, Ok(-1200)),
            ("12.00 DR", false, Ok(-1200)),
            ("12.00CR", false, Ok(1200)),
            ("US$5.00", false, Ok(500)),
            ("EUR 5.00", false, Ok(500)),
            ("€1.234,00", true, Ok(123_400)),
            ("12.345", false, Err(AmountError::TooPrecise)),
            ("abc", false, Err(AmountError::Malformed)),
        ];
        for (text, comma, expected) in cases {
            assert_eq!(&parse_amount(text, *comma, 2), expected, "{text:?}");
        }
        assert_eq!(comma_decimal_vote("1.234,56"), 1);
        assert_eq!(comma_decimal_vote("12,5"), 1);
        assert_eq!(comma_decimal_vote("1,234"), 0);
        assert_eq!(comma_decimal_vote("1,234.56"), -1);
        assert_eq!(comma_decimal_vote("-21.96"), -1);
    }

    #[test]
    fn decides_the_day_month_order_over_all_rows() {
        let cases: &[(&[&str], (DateOrder, bool))] = &[
            (&["01/02/2026", "14/02/2026"], (DMY, false)),
            (&["01/02/2026", "02/14/2026"], (MDY, false)),
            // In date order only when read month first: 2 Jan, 1 Feb, 1 Mar.
            (&["01/02/2026", "02/01/2026", "03/01/2026"], (MDY, false)),
            // In date order only when read day first: 2 Jan, 1 Feb, 1 Mar.
            (&["02/01/2026", "01/02/2026", "01/03/2026"], (DMY, false)),
            // Both readings are in date order: an assumption.
            (&["01/02/2026", "01/03/2026", "01/04/2026"], (DMY, true)),
            (&["01/02/2026"], (DMY, true)),
            (&["2026-01-02"], (DMY, false)),
        ];
        for (dates, expected) in cases {
            assert_eq!(decide_order(dates), *expected, "{dates:?}");
        }
    }

    #[test]
    fn header_shape_is_stable() {
        let h = |v: &[&str]| header_shape(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            h(&["Date", " Description ", "Amount", ""]),
            "date|description|amount"
        );
        assert_eq!(
            h(&["date", "DESCRIPTION", "amount"]),
            h(&["Date", "Description", "Amount"])
        );
        assert_ne!(
            h(&["Date", "Amount", "Description"]),
            h(&["Date", "Description", "Amount"])
        );
        assert_eq!(h(&["交易日期", "金额（元）"]), "交易日期|金额(元)");
    }

    #[test]
    fn names_map_to_roles() {
        let first = |name: &str| roles_of(name).first().map(|(r, _)| *r);
        assert_eq!(first("Transaction Date"), Some(Role::Date));
        assert_eq!(first("Amount (GBP)"), Some(Role::Amount));
        assert_eq!(first("Running Balance"), Some(Role::Balance));
        assert_eq!(first("Balance Amount"), Some(Role::Balance));
        assert_eq!(first("对方账号"), Some(Role::Ignore));
        assert_eq!(first("Money Out"), Some(Role::Debit));
        assert_eq!(first("借方发生额"), Some(Role::Debit));
        assert_eq!(first("Paid in"), Some(Role::Credit));
        assert_eq!(first("Payee"), Some(Role::Counterparty));
        assert_eq!(first("摘要"), Some(Role::Description));
        assert_eq!(first("xyz"), None);
        assert_eq!(
            header_currency("Amount (GBP)").map(|c| c.to_string()),
            Some("GBP".into())
        );
        assert_eq!(header_currency("金额(元)"), Some(Currency::CNY));
        assert_eq!(header_currency("Amount"), None);
    }
}
