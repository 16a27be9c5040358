//! Chinese bank statements (银行流水): one shared reader driven by a [`Layout`] per bank export.
//!
//! Each bank module (`cmb`, `icbc`, `ccb`, …) describes its exports as data: the header names that
//! identify it, where each value sits (found by column NAME, never by position), how amounts are
//! written (separate 收入/支出 columns, one signed column, or an unsigned column with a 借/贷 marker)
//! and where the currency comes from. This module reads any such layout from CSV text or from a
//! spreadsheet grid:
//!
//! * cells are cleaned of the padding banks put around values (spaces to a fixed GBK width, tabs
//!   inside the quotes, a leading `'`), and a cell of dashes (`-`, `------`) means empty;
//! * amounts are exact integer minor units; the sign of the stored amount is dropped and the
//!   direction carries it;
//! * dates `YYYYMMDD`, `YYYY-MM-DD`, `YYYY/MM/DD [HH:MM:SS]`, a separate time column (`10:30:00`,
//!   `103000`), and for credit-card statements `MM/DD` with the year from the statement's title;
//!   all China time (UTC+8);
//! * summary and disclaimer lines (`人民币合计`, `合计金额`, `# 收入合计`, `以上数据仅供参考`) are not
//!   transactions; a row that cannot be read is skipped with its line and reason.

pub mod abc;
pub mod boc;
pub mod bocom;
pub mod ccb;
pub mod cgb;
pub mod cib;
pub mod citic;
pub mod cmb;
pub mod icbc;
pub mod spdb;

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::amount::parse_minor;
use super::datetime::{parse_date, parse_date_time, parse_time};
use super::error::{ImportError, ImportErrorKind, SkipReason, SkippedRow};
use super::table::{self, clean, fold_name, ColumnSpec, Columns, Line};
use super::{Format, Parsed, Period};
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

/// What a bank statement column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    /// The transaction date, or date and time.
    Date,
    /// The time of day (`10:30:00`, `103000`), or a full date and time.
    Time,
    /// Money in, unsigned (收入, 存入金额).
    Income,
    /// Money out, unsigned (支出, 取出金额).
    Expense,
    /// One amount column: signed, or unsigned beside a [`Col::Marker`].
    Amount,
    /// A debit/credit marker (借/贷, `借 Dr`, `贷 Cr`).
    Marker,
    /// The currency of the amount columns (币种, 币别, 记账币种).
    Currency,
    /// Money in, in the transaction's own currency: read only when the posted columns are empty
    /// (ICBC 交易金额(收入)).
    AltIncome,
    /// Money out in the transaction's own currency (ICBC 交易金额(支出)).
    AltExpense,
    /// The currency of [`Col::AltIncome`]/[`Col::AltExpense`] (ICBC 交易币种).
    AltCurrency,
    /// Where the money went: merchant or place (交易场所, 交易地点, 交易备注).
    Place,
    /// The other party's name (对方户名, 对方账户名).
    Payee,
    /// The other party's account number.
    PayeeAccount,
    /// The kind of transaction (摘要, 交易类型).
    Kind,
    /// Further description (交易详情, 附言 when it describes the row).
    Detail,
    /// The channel (渠道, 交易渠道).
    Channel,
    /// A remark (附言, 用途, 备注).
    Note,
    /// The bank's own reference (日志号).
    Reference,
}

/// How a layout writes amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountStyle {
    /// Unsigned money in ([`Col::Income`]) and money out ([`Col::Expense`]), one of them filled.
    Split,
    /// One signed [`Col::Amount`]; a positive amount moves money this way.
    Signed {
        /// The direction of a positive amount: `Credit` on debit-card statements, `Debit` on
        /// credit-card statements (spending positive).
        positive: Direction,
    },
    /// An unsigned [`Col::Amount`] and a [`Col::Marker`] saying 借 (out) or 贷 (in).
    Marker,
}

/// Where a layout's currency comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurrencyStyle {
    /// The statement names no currency per row: the one in its preamble (`币种: 人民币`), else CNY.
    File,
    /// A [`Col::Currency`] column; an empty cell means the file's currency, an unknown one skips
    /// the row.
    Column,
}

/// How a layout writes dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// Full dates.
    Full,
    /// Full dates, or `MM/DD` with the year taken from the statement's title (`2024年01月`).
    MonthDay,
}

/// One bank export layout.
#[derive(Debug)]
pub struct Layout {
    /// The format id it reports.
    pub format: Format,
    /// A short description for messages and tests (`ICBC debit card v2`).
    pub name: &'static str,
    /// Header names that must all be present for a header to be this layout's.
    pub signature: &'static [&'static str],
    /// Every column it reads, by name.
    pub columns: &'static [ColumnSpec<Col>],
    /// How amounts are written.
    pub amount: AmountStyle,
    /// Where the currency comes from.
    pub currency: CurrencyStyle,
    /// How dates are written.
    pub dates: DateStyle,
    /// The columns that may name the counterparty, most specific first. A value with a payment
    /// platform prefix (`支付宝-永辉超市`) wins over the order.
    pub counterparty: &'static [Col],
    /// The columns joined into the description.
    pub description: &'static [Col],
    /// Words at the start of the description that mark money coming back (退货, 还款) on a
    /// statement whose positive amounts are spending.
    pub credit_words: &'static [&'static str],
}

/// A shorthand for the column tables of the bank modules.
pub(crate) const fn col(
    key: Col,
    names: &'static [&'static str],
    required: bool,
) -> ColumnSpec<Col> {
    ColumnSpec {
        key,
        names,
        required,
    }
}

/// Every layout, in the order they are tried: a layout whose signature contains another's comes
/// first.
fn all_layouts() -> impl Iterator<Item = &'static Layout> {
    [
        icbc::LAYOUTS,
        cmb::LAYOUTS,
        ccb::LAYOUTS,
        boc::LAYOUTS,
        abc::LAYOUTS,
        bocom::LAYOUTS,
        citic::LAYOUTS,
        spdb::LAYOUTS,
        cgb::LAYOUTS,
        cib::LAYOUTS,
    ]
    .into_iter()
    .flatten()
}

/// How many lines (or sheet rows) from the top a bank header may be.
const HEADER_SEARCH_LINES: usize = 60;

/// The layout whose header `names` is, if any.
pub fn layout_of_header(names: &[String]) -> Option<&'static Layout> {
    if names.iter().filter(|n| !clean(n).is_empty()).count() < 3 {
        return None;
    }
    let folded: Vec<String> = names.iter().map(|n| fold_name(n)).collect();
    all_layouts().find(|layout| {
        layout
            .signature
            .iter()
            .all(|wanted| folded.contains(&fold_name(wanted)))
            && Columns::find(names, layout.columns).is_ok()
    })
}

/// Recognises a bank CSV from its header line: the format and that line.
pub fn detect(text: &str) -> Option<(Format, Line<'_>)> {
    table::lines(text)
        .take(HEADER_SEARCH_LINES)
        .filter(|line| line.text.contains(',') || line.text.contains('，'))
        .find_map(|line| {
            let layout = layout_of_header(&table::split_line(line.text))?;
            Some((layout.format, line))
        })
}

/// Reads a bank CSV whose header is `header` (found by [`detect`]).
pub fn parse(file: &Arc<str>, text: &str, header: Line<'_>) -> Result<Parsed, ImportError> {
    let names = table::split_line(header.text);
    let layout = layout_of_header(&names).ok_or_else(|| missing_column(header.number))?;
    let preamble: Vec<String> = table::lines(text)
        .take_while(|line| line.number < header.number)
        .map(|line| line.text.to_string())
        .collect();
    let rows = table::records(text, header)
        .skip(1)
        .map(|(line, record)| (line, record.map_err(|e| e.to_string())));
    read_table(file, layout, &names, rows, &preamble, header.number)
}

/// Reads a spreadsheet grid (1-based row number and the row's cells as text) if a bank layout's
/// header is in it: the format and what was read.
pub fn parse_grid(
    file: &Arc<str>,
    rows: &[(u32, Vec<String>)],
) -> Option<(Format, Result<Parsed, ImportError>)> {
    let (index, layout) = rows
        .iter()
        .take(HEADER_SEARCH_LINES)
        .enumerate()
        .find_map(|(i, (_, cells))| Some((i, layout_of_header(cells)?)))?;
    let (header_row, names) = &rows[index];
    let preamble: Vec<String> = rows[..index].iter().map(|(_, c)| c.join(",")).collect();
    let body = rows[index + 1..]
        .iter()
        .map(|(row, cells)| (*row, Ok(csv::StringRecord::from(cells.clone()))));
    let parsed = read_table(file, layout, names, body, &preamble, *header_row);
    Some((layout.format, parsed))
}

fn missing_column(line: u32) -> ImportError {
    ImportError::at(
        ImportErrorKind::MissingColumn {
            column: "交易日期".to_string(),
        },
        line,
    )
}

/// What the lines around the table say about the statement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Context {
    /// The currency named in the preamble: `Ok` when known, `Err(text)` when not.
    currency: Option<Result<Currency, String>>,
    /// The statement's year and month, from a title such as `2024年01月`.
    statement_month: Option<(i32, u32)>,
    /// The period the preamble declares.
    period: Option<Period>,
}

impl Context {
    fn from_preamble(lines: &[String]) -> Context {
        Context {
            currency: preamble_currency(lines),
            statement_month: lines.iter().find_map(|l| year_month(l)),
            period: declared_period(lines),
        }
    }
}

fn read_table(
    file: &Arc<str>,
    layout: &Layout,
    names: &[String],
    rows: impl Iterator<Item = (u32, Result<csv::StringRecord, String>)>,
    preamble: &[String],
    header_line: u32,
) -> Result<Parsed, ImportError> {
    let columns = Columns::find(names, layout.columns).map_err(|missing| {
        ImportError::at(
            ImportErrorKind::MissingColumn {
                column: missing.to_string(),
            },
            header_line,
        )
    })?;
    let context = Context::from_preamble(preamble);
    let folded_header: Vec<String> = names.iter().map(|n| fold_name(n)).collect();
    let mut parsed = Parsed::default();
    let mut trailer: Vec<String> = Vec::new();
    for (line, record) in rows {
        let record = match record {
            Ok(record) => record,
            Err(detail) => {
                parsed.skipped.push(SkippedRow {
                    line,
                    reason: SkipReason::Malformed { detail },
                });
                continue;
            }
        };
        if table::is_blank(&record) {
            continue;
        }
        if is_not_a_row(&record, &columns, layout, &folded_header, &context) {
            trailer.push(record.iter().map(clean).collect::<Vec<_>>().join(","));
            continue;
        }
        match read_row(file, line, &record, &columns, layout, &context) {
            Ok(transaction) => parsed.transactions.push(transaction),
            Err(reason) => parsed.skipped.push(SkippedRow { line, reason }),
        }
    }
    parsed.period = context.period;
    parsed.declared_count = declared_count(preamble.iter().chain(trailer.iter()));
    Ok(parsed)
}

/// Summary, comment and disclaimer lines, and a repeated header: text around the table, not rows.
fn is_not_a_row(
    record: &csv::StringRecord,
    columns: &Columns<Col>,
    layout: &Layout,
    folded_header: &[String],
    context: &Context,
) -> bool {
    let cells: Vec<&str> = record.iter().map(clean).collect();
    let first = cells.iter().find(|c| !c.is_empty()).copied().unwrap_or("");
    if first.starts_with('#') {
        return true;
    }
    if cells
        .iter()
        .zip(folded_header)
        .all(|(cell, name)| fold_name(cell) == *name)
    {
        return true;
    }
    let date_text = bank_clean(columns.get(record, Col::Date));
    if read_date(date_text, layout.dates, context).is_some() {
        return false;
    }
    let filled = cells.iter().filter(|c| !c.is_empty()).count();
    filled <= 2
        || cells.iter().any(|c| {
            ["合计", "总计", "小计", "以上数据", "温馨提示", "说明："]
                .iter()
                .any(|w| c.contains(w))
        })
}

/// Cleans a bank cell: padding, a leading `'` (text marker), and dashes meaning "none".
pub fn bank_clean(field: &str) -> &str {
    let s = clean(field);
    let s = match s.strip_prefix('\'') {
        Some(inner) => clean(inner.strip_suffix('\'').unwrap_or(inner)),
        None => s,
    };
    if !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '—' | '－' | '–' | '/')) {
        ""
    } else {
        s
    }
}

fn read_row(
    file: &Arc<str>,
    line: u32,
    record: &csv::StringRecord,
    columns: &Columns<Col>,
    layout: &Layout,
    context: &Context,
) -> Result<Transaction, SkipReason> {
    if record.len() < columns.needed_width() {
        return Err(SkipReason::TooFewFields {
            found: record.len(),
            needed: columns.needed_width(),
        });
    }
    let get = |key: Col| bank_clean(columns.get(record, key));
    let when = read_when(get(Col::Date), get(Col::Time), layout.dates, context)?;

    let description = joined(layout.description.iter().map(|&key| get(key)));
    let (minor, direction, currency) = read_amount(&get, layout, context, &description)?;
    let counterparty = counterparty(layout.counterparty.iter().map(|&key| get(key)));
    let optional = |key: Col| Some(get(key).to_string()).filter(|s| !s.is_empty());
    let kind = get(Col::Kind);
    Ok(Transaction {
        source: SourceRef {
            file: Arc::clone(file),
            line,
        },
        when,
        direction,
        amount: Money::new(minor, currency),
        counterparty,
        counterparty_account: optional(Col::PayeeAccount),
        status_kind: status_kind(&description),
        description,
        category: Some(kind.to_string()).filter(|s| !s.is_empty()),
        status: String::new(),
        payment_method: optional(Col::Channel),
        order_id: optional(Col::Reference),
        merchant_order_id: None,
        note: optional(Col::Note),
    })
}

/// Joins the non-empty, distinct texts with a space.
fn joined<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for part in parts {
        if !part.is_empty() && !seen.contains(&part) {
            seen.push(part);
        }
    }
    seen.join(" ")
}

/// Payment platforms whose name a bank puts before the merchant's (`支付宝-永辉超市`).
const PLATFORMS: &[&str] = &[
    "支付宝",
    "财付通",
    "微信支付",
    "微信",
    "京东支付",
    "美团支付",
    "云闪付",
    "抖音支付",
    "拼多多支付",
];

/// The most specific counterparty: a platform-prefixed merchant if any column has one (also after
/// a leading type word: `消费 支付宝-X`), else the first non-empty column. A leading tag such as
/// `（消费）` is dropped. The separator after a platform name is written as an ASCII `-` (CITIC
/// prints a full-width `－`) so the row can be linked with the wallet's own export.
pub fn counterparty<'a>(candidates: impl Iterator<Item = &'a str>) -> String {
    let candidates: Vec<&str> = candidates
        .map(strip_tag)
        .filter(|c| !c.is_empty())
        .collect();
    let platform = candidates.iter().find_map(|c| {
        platform_prefixed(c).or_else(|| {
            let (_, rest) = c.split_once(char::is_whitespace)?;
            platform_prefixed(rest.trim())
        })
    });
    if let Some(found) = platform {
        return found;
    }
    // A bare platform (`支付宝`, `支付宝（中国）网络技术有限公司`) says less than any other name.
    candidates
        .iter()
        .find(|c| !is_platform_itself(c))
        .or(candidates.first())
        .map_or_else(String::new, |c| c.to_string())
}

/// Whether a name is a payment platform itself rather than the merchant paid through it.
fn is_platform_itself(name: &str) -> bool {
    let folded: String = name
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect();
    PLATFORMS.contains(&folded.as_str())
        || [
            "支付宝(中国)网络技术有限公司",
            "支付宝(杭州)信息技术有限公司",
            "财付通支付科技有限公司",
            "深圳市财付通支付科技有限公司",
            "网银在线(北京)科技有限公司",
        ]
        .contains(&folded.as_str())
}

/// `（消费）美团` → `美团`: a short bracketed tag in front of a name.
fn strip_tag(text: &str) -> &str {
    for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
        if let Some(rest) = text.strip_prefix(open) {
            if let Some((tag, name)) = rest.split_once(close) {
                if tag.chars().count() <= 6 && !name.trim().is_empty() {
                    return name.trim();
                }
            }
        }
    }
    text
}

/// `支付宝-X` or `支付宝－X` as `支付宝-X`; `None` without a platform prefix and a merchant.
fn platform_prefixed(text: &str) -> Option<String> {
    PLATFORMS.iter().find_map(|platform| {
        let rest = text.strip_prefix(platform)?;
        let merchant = rest.strip_prefix(['-', '－', '—'])?.trim();
        (!merchant.is_empty()).then(|| format!("{platform}-{merchant}"))
    })
}

/// Refund rows say so in their type (快捷退款, 退款, 退货).
fn status_kind(description: &str) -> StatusKind {
    if ["退款", "退货", "冲正"]
        .iter()
        .any(|w| description.contains(w))
    {
        StatusKind::Refunded
    } else {
        StatusKind::Succeeded
    }
}

fn read_when(
    date_text: &str,
    time_text: &str,
    style: DateStyle,
    context: &Context,
) -> Result<LocalTime, SkipReason> {
    let bad = || SkipReason::BadTime {
        text: [date_text, time_text]
            .iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
    };
    let (mut date, mut time) = read_date(date_text, style, context).ok_or_else(bad)?;
    if !time_text.is_empty() {
        match read_time(time_text) {
            Some((Some(full_date), t)) => {
                date = full_date;
                time = Some(t);
            }
            Some((None, t)) => time = Some(t),
            None => return Err(bad()),
        }
    }
    Ok(LocalTime {
        date,
        time,
        utc_offset_seconds: LocalTime::CHINA_OFFSET_SECONDS,
    })
}

/// A date cell: a full date (with an optional time) or, for statements with a month in their
/// title, `MM/DD`.
fn read_date(
    text: &str,
    style: DateStyle,
    context: &Context,
) -> Option<(NaiveDate, Option<NaiveTime>)> {
    if text.is_empty() {
        return None;
    }
    if let Some(found) = parse_date_time(text) {
        return Some(found);
    }
    if style != DateStyle::MonthDay {
        return None;
    }
    let (year, month) = context.statement_month?;
    let (m, d) = match text.split_once(['/', '-', '.']) {
        Some((m, d)) => (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?),
        None if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) => {
            (text[..2].parse().ok()?, text[2..].parse().ok()?)
        }
        None => return None,
    };
    // A January statement lists December's purchases of the year before.
    let year = if m > month { year - 1 } else { year };
    NaiveDate::from_ymd_opt(year, m, d).map(|date| (date, None))
}

/// A time cell: `10:30:00`, `103000` (ABC, leading zero possibly lost), or a full date and time.
fn read_time(text: &str) -> Option<(Option<NaiveDate>, NaiveTime)> {
    if let Some(time) = parse_time(text) {
        return Some((None, time));
    }
    if (5..=6).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        let padded = format!("{text:0>6}");
        let (h, rest) = padded.split_at(2);
        let (m, s) = rest.split_at(2);
        let time = NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, s.parse().ok()?)?;
        return Some((None, time));
    }
    match parse_date_time(text)? {
        (date, Some(time)) => Some((Some(date), time)),
        (_, None) => None,
    }
}

/// The amount in minor units (never negative), its direction and currency.
fn read_amount<'r>(
    get: &impl Fn(Col) -> &'r str,
    layout: &Layout,
    context: &Context,
    description: &str,
) -> Result<(i64, Direction, Currency), SkipReason> {
    match layout.amount {
        AmountStyle::Split => {
            let (mut income, mut expense, mut currency_col) =
                (get(Col::Income), get(Col::Expense), Col::Currency);
            if income.is_empty() && expense.is_empty() {
                (income, expense, currency_col) =
                    (get(Col::AltIncome), get(Col::AltExpense), Col::AltCurrency);
            }
            let currency =
                resolve_currency(layout, context, get(currency_col), &[income, expense])?;
            let income_value = optional_amount(income, currency)?;
            let expense_value = optional_amount(expense, currency)?;
            let signed = match (income_value, expense_value) {
                (None, None) => return Err(SkipReason::MissingAmount),
                (Some(i), Some(e)) if i != 0 && e != 0 => {
                    return Err(SkipReason::TwoAmounts {
                        income: income.to_string(),
                        expense: expense.to_string(),
                    })
                }
                (Some(i), Some(0) | None) => i,
                (_, Some(e)) => -e,
            };
            Ok(signed_to_direction(signed, Direction::Credit, currency))
        }
        AmountStyle::Signed { positive } => {
            let text = get(Col::Amount);
            let currency = resolve_currency(layout, context, get(Col::Currency), &[text])?;
            let value = optional_amount(text, currency)?.ok_or(SkipReason::MissingAmount)?;
            let (minor, mut direction, currency) = signed_to_direction(value, positive, currency);
            if positive == Direction::Debit
                && direction == Direction::Debit
                && layout
                    .credit_words
                    .iter()
                    .any(|w| description.trim_start_matches(['(', '（']).starts_with(w))
            {
                direction = Direction::Credit;
            }
            Ok((minor, direction, currency))
        }
        AmountStyle::Marker => {
            let text = get(Col::Amount);
            let currency = resolve_currency(layout, context, get(Col::Currency), &[text])?;
            let value = optional_amount(text, currency)?.ok_or(SkipReason::MissingAmount)?;
            let marker = get(Col::Marker);
            let direction = marker_direction(marker).ok_or_else(|| SkipReason::BadDirection {
                text: marker.to_string(),
            })?;
            let direction = if value == 0 {
                Direction::Neutral
            } else {
                direction
            };
            Ok((value.abs(), direction, currency))
        }
    }
}

fn signed_to_direction(
    value: i64,
    positive: Direction,
    currency: Currency,
) -> (i64, Direction, Currency) {
    let negative = match positive {
        Direction::Credit => Direction::Debit,
        _ => Direction::Credit,
    };
    let direction = match value.signum() {
        0 => Direction::Neutral,
        1 => positive,
        _ => negative,
    };
    (value.abs(), direction, currency)
}

/// `借`/`Dr`/`D` is money out, `贷`/`Cr`/`C` money in.
fn marker_direction(marker: &str) -> Option<Direction> {
    let m = marker.trim();
    let lower = m.to_ascii_lowercase();
    if m.starts_with('借') || m.starts_with("支出") || lower == "d" || lower.starts_with("dr") {
        Some(Direction::Debit)
    } else if m.starts_with('贷')
        || m.starts_with("收入")
        || lower == "c"
        || lower.starts_with("cr")
    {
        Some(Direction::Credit)
    } else {
        None
    }
}

/// An amount cell, empty → `None`. A currency code written in the cell (`CNY 123.18`) is
/// stripped; [`resolve_currency`] has already taken it into account.
fn optional_amount(text: &str, currency: Currency) -> Result<Option<i64>, SkipReason> {
    let (_, number) = split_currency_code(text);
    if number.is_empty() {
        return Ok(None);
    }
    parse_minor(number, currency.minor_digits())
        .map(Some)
        .map_err(|error| SkipReason::BadAmount {
            text: text.to_string(),
            error,
        })
}

/// `CNY 123.18`, `CNY13.50`, `123.18 USD` → the code and the number.
pub fn split_currency_code(text: &str) -> (Option<&str>, &str) {
    let t = text.trim();
    let letters = t.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 3 && t.len() > 3 {
        return (Some(&t[..3]), t[3..].trim());
    }
    let trailing = t.bytes().rev().take_while(u8::is_ascii_alphabetic).count();
    if trailing == 3 && t.len() > 3 {
        let split = t.len() - 3;
        return (Some(&t[split..]), t[..split].trim());
    }
    (None, t)
}

/// The currency of a row: a code inside an amount cell, else the currency column, else the file's.
fn resolve_currency(
    layout: &Layout,
    context: &Context,
    column_text: &str,
    amounts: &[&str],
) -> Result<Currency, SkipReason> {
    if let Some(code) = amounts.iter().find_map(|a| split_currency_code(a).0) {
        return currency_from_text(code).ok_or_else(|| SkipReason::UnknownCurrency {
            text: code.to_string(),
        });
    }
    if layout.currency == CurrencyStyle::Column && !column_text.is_empty() {
        return currency_from_text(column_text).ok_or_else(|| SkipReason::UnknownCurrency {
            text: column_text.to_string(),
        });
    }
    match &context.currency {
        None => Ok(Currency::CNY),
        Some(Ok(currency)) => Ok(*currency),
        Some(Err(text)) => Err(SkipReason::UnknownCurrency { text: text.clone() }),
    }
}

/// Chinese currency names as banks print them, longest first where one starts another.
const CURRENCY_NAMES: &[(&str, &str)] = &[
    ("人民币元", "CNY"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("港幣", "HKD"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("澳大利亚元", "AUD"),
    ("澳元", "AUD"),
    ("加拿大元", "CAD"),
    ("加元", "CAD"),
    ("新加坡元", "SGD"),
    ("新币", "SGD"),
    ("瑞士法郎", "CHF"),
    ("韩元", "KRW"),
    ("新台币", "TWD"),
    ("澳门元", "MOP"),
    ("澳门币", "MOP"),
    ("泰铢", "THB"),
    ("新西兰元", "NZD"),
    ("卢布", "RUB"),
    ("瑞典克朗", "SEK"),
    ("丹麦克朗", "DKK"),
    ("挪威克朗", "NOK"),
];

/// A currency as a Chinese bank prints it (`人民币`, `人民币元`, `美元`, `CNY`, `RMB`); `None` when
/// unknown.
pub fn currency_from_text(text: &str) -> Option<Currency> {
    let t = clean(text);
    let t = t.trim_end_matches(['钞', '汇']).trim();
    if t.eq_ignore_ascii_case("RMB") {
        return Some(Currency::CNY);
    }
    if t.len() == 3 && t.is_ascii() {
        return Currency::from_code(t);
    }
    CURRENCY_NAMES
        .iter()
        .find(|(name, _)| t.starts_with(name))
        .and_then(|(_, code)| Currency::from_code(code))
}

/// The currency a preamble names: on a `币种`/`币别` line, or a title such as `本期账单明细(人民币)`.
fn preamble_currency(lines: &[String]) -> Option<Result<Currency, String>> {
    for line in lines {
        let folded: String = line
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '"')
            .collect();
        for key in ["币种", "币别", "货币"] {
            let Some(at) = folded.find(key) else { continue };
            let value = folded[at + key.len()..]
                .trim_start_matches([':', '：', '[', ',', '='])
                .trim_end_matches([']', ',']);
            let value = value.split([']', ',']).next().unwrap_or("");
            if value.is_empty() {
                continue;
            }
            return Some(currency_from_text(value).ok_or_else(|| value.to_string()));
        }
        for (open, close) in [('(', ')'), ('（', '）')] {
            if let Some((_, rest)) = folded.split_once(open) {
                if let Some((inside, _)) = rest.split_once(close) {
                    if let Some(currency) = CURRENCY_NAMES
                        .iter()
                        .find(|(name, _)| inside == *name)
                        .and_then(|(_, code)| Currency::from_code(code))
                    {
                        return Some(Ok(currency));
                    }
                }
            }
        }
    }
    None
}

/// `2024年01月` in a statement title → (2024, 1).
fn year_month(line: &str) -> Option<(i32, u32)> {
    let at = line.find('年')?;
    let year: i32 = line[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .ok()?;
    let rest = &line[at + '年'.len_utf8()..];
    let month_text: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let month: u32 = month_text.parse().ok()?;
    let after = &rest[month_text.len()..];
    ((1000..=9999).contains(&year) && (1..=12).contains(&month) && after.starts_with('月'))
        .then_some((year, month))
}

/// Words before the first day of a declared period.
const START_KEYS: &[&str] = &["起始日期", "开始日期", "起始时间", "开始时间"];
/// Words before the last day.
const END_KEYS: &[&str] = &["终止日期", "结束日期", "截止日期", "终止时间", "结束时间"];
/// Words before both days (`日期范围,20251201-20251231`).
const RANGE_KEYS: &[&str] = &["日期范围", "起止日期", "查询期间", "交易期间", "查询日期"];

/// The dates written after `key` on a line (`[20260201]`, `2026-02-01`, `20251201-20251231`).
fn dates_after(line: &str, key: &str) -> Vec<NaiveDate> {
    let Some(at) = line.find(key) else {
        return Vec::new();
    };
    let rest = &line[at + key.len()..];
    let mut dates = Vec::new();
    for token in rest.split(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))) {
        if token.is_empty() {
            continue;
        }
        if let Some(date) = parse_date(token) {
            dates.push(date);
        } else {
            dates.extend(token.split(['-', '~']).filter_map(parse_date));
        }
    }
    dates
}

/// The period a bank preamble declares.
fn declared_period(lines: &[String]) -> Option<Period> {
    let mut start = None;
    let mut end = None;
    for line in lines {
        for key in RANGE_KEYS {
            if let [first, second, ..] = dates_after(line, key)[..] {
                start = start.or(Some(first));
                end = end.or(Some(second));
            }
        }
        for key in START_KEYS {
            if let Some(first) = dates_after(line, key).first() {
                start = start.or(Some(*first));
            }
        }
        for key in END_KEYS {
            if let Some(first) = dates_after(line, key).first() {
                end = end.or(Some(*first));
            }
        }
    }
    let (start, end) = (start?, end?);
    (start <= end && end.year() - start.year() < 100).then_some(Period { start, end })
}

/// The row count the statement declares: the sum of `收入合计: 22 笔` and `支出合计: 272 笔`, or
/// `共 N 笔`.
fn declared_count<'a>(lines: impl Iterator<Item = &'a String>) -> Option<u32> {
    let mut total: Option<u32> = None;
    let mut overall: Option<u32> = None;
    for line in lines {
        let Some(at) = line.find('笔') else { continue };
        let digits: String = line[..at]
            .trim_end()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let Ok(n) = digits.parse::<u32>() else {
            continue;
        };
        if line.contains("合计") {
            total = Some(total.unwrap_or(0).saturating_add(n));
        } else if line[..at].contains('共') {
            overall = overall.or(Some(n));
        }
    }
    total.or(overall)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn cleans_bank_cells() {
        for (cell, clean) in [
            ("\t20260115", "20260115"),
            ("44,201.32           \t", "44,201.32"),
            ("-                   \t", ""),
            ("-------------------", ""),
            ("'5.90", "5.90"),
            ("'-0.20", "-0.20"),
            ("-0.20", "-0.20"),
            ("消费                \t", "消费"),
        ] {
            assert_eq!(bank_clean(cell), clean, "{cell:?}");
        }
    }

    #[test]
    fn reads_currency_names() {
        for (text, code) in [
            ("人民币", Some("CNY")),
            ("人民币元", Some("CNY")),
            ("人民币         \t", Some("CNY")),
            ("CNY", Some("CNY")),
            ("rmb", Some("CNY")),
            ("美元", Some("USD")),
            ("美元钞", Some("USD")),
            ("港币", Some("HKD")),
            ("日元", Some("JPY")),
            ("JPY", Some("JPY")),
            ("火星币", None),
            ("", None),
        ] {
            assert_eq!(
                currency_from_text(text).map(|c| c.code().to_string()),
                code.map(str::to_string),
                "{text:?}"
            );
        }
    }

    #[test]
    fn splits_currency_codes_from_amounts() {
        assert_eq!(split_currency_code("CNY 123.18"), (Some("CNY"), "123.18"));
        assert_eq!(split_currency_code("CNY13.50"), (Some("CNY"), "13.50"));
        assert_eq!(split_currency_code("-1.00 USD"), (Some("USD"), "-1.00"));
        assert_eq!(split_currency_code("1,000.00"), (None, "1,000.00"));
        assert_eq!(split_currency_code("CNY"), (None, "CNY"));
    }

    #[test]
    fn picks_the_most_specific_counterparty() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["支付宝-永辉超市", "支付宝（中国）网络技术有限公司"],
                "支付宝-永辉超市",
            ),
            (
                &["支付宝（中国）网络技术有限公司", "支付宝-永辉超市"],
                "支付宝-永辉超市",
            ),
            (&["", "张三"], "张三"),
            (&["北京分行", "张三"], "北京分行"),
            (
                &["支付宝－北京嘀嘀无限科技发展有限公司"],
                "支付宝-北京嘀嘀无限科技发展有限公司",
            ),
            (&["支付宝"], "支付宝"),
            (&["消费 支付宝-网易云音乐"], "支付宝-网易云音乐"),
            (&["（消费）美团"], "美团"),
            (&["（消费）支付宝-哔哩哔哩"], "支付宝-哔哩哔哩"),
            (&["(2)"], "(2)"),
            (&["支付宝", "永辉超市"], "永辉超市"),
            (
                &["支付宝（中国）网络技术有限公司", ""],
                "支付宝（中国）网络技术有限公司",
            ),
            (&["财付通支付科技有限公司", "张三"], "张三"),
            (&["", ""], ""),
        ];
        for (candidates, expected) in cases {
            assert_eq!(counterparty(candidates.iter().copied()), *expected);
        }
    }

    #[test]
    fn reads_markers_and_times() {
        assert_eq!(marker_direction("借 Dr"), Some(Direction::Debit));
        assert_eq!(marker_direction("贷 Cr"), Some(Direction::Credit));
        assert_eq!(marker_direction("D"), Some(Direction::Debit));
        assert_eq!(marker_direction("CR"), Some(Direction::Credit));
        assert_eq!(marker_direction("?"), None);
        let t = |s: &str| read_time(s).map(|(d, t)| (d.map(|d| d.to_string()), t.to_string()));
        assert_eq!(t("10:30:00"), Some((None, "10:30:00".into())));
        assert_eq!(t("123456"), Some((None, "12:34:56".into())));
        assert_eq!(t("93015"), Some((None, "09:30:15".into())));
        assert_eq!(t("246000"), None);
        assert_eq!(
            t("2025-01-02 08:00:00"),
            Some((Some("2025-01-02".into()), "08:00:00".into()))
        );
        assert_eq!(t("下午"), None);
    }

    #[test]
    fn month_day_dates_take_the_year_from_the_title() {
        let context = Context {
            statement_month: Some((2024, 1)),
            ..Context::default()
        };
        let d = |s: &str| read_date(s, DateStyle::MonthDay, &context).map(|(d, _)| d.to_string());
        assert_eq!(d("01/05").as_deref(), Some("2024-01-05"));
        assert_eq!(d("12/28").as_deref(), Some("2023-12-28"));
        assert_eq!(d("0105").as_deref(), Some("2024-01-05"));
        assert_eq!(d("2023-12-01").as_deref(), Some("2023-12-01"));
        assert_eq!(d("02/30"), None);
        assert_eq!(read_date("01/05", DateStyle::Full, &context), None);
        assert_eq!(
            year_month("招商银行信用卡对账单（个人消费卡账户 2024年01月）"),
            Some((2024, 1))
        );
        assert_eq!(year_month("中国银行信用卡账单(2025年1月)"), Some((2025, 1)));
        assert_eq!(year_month("2025年13月"), None);
        assert_eq!(year_month("年月"), None);
    }

    #[test]
    fn reads_declared_periods_and_counts() {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let period =
            |v: &[&str]| declared_period(&lines(v)).map(|p| format!("{} {}", p.start, p.end));
        assert_eq!(
            period(&["\"# 起始日期: [20260201]   终止日期: [20260331]\""]).as_deref(),
            Some("2026-02-01 2026-03-31")
        );
        assert_eq!(
            period(&["账号,6225880012345678,账户类型,借记卡,日期范围,20251201-20251231"])
                .as_deref(),
            Some("2025-12-01 2025-12-31")
        );
        assert_eq!(
            period(&["起始日期:2025-01-01", "结束日期:2025-03-31"]).as_deref(),
            Some("2025-01-01 2025-03-31")
        );
        assert_eq!(
            period(&["起始日期: [20260331]   终止日期: [20260201]"]),
            None
        );
        assert_eq!(period(&["卡号: 6222****1234"]), None);
        let count = |v: &[&str]| declared_count(lines(v).iter());
        assert_eq!(
            count(&[
                "\"# 收入合计: 22 笔，共 52587.26 元\"",
                "\"# 支出合计: 272 笔，共 1.00 元\""
            ]),
            Some(294)
        );
        assert_eq!(count(&["共12笔"]), Some(12));
        assert_eq!(count(&["人民币合计,,,,\"71.93\""]), None);
        let currency = |v: &[&str]| preamble_currency(&lines(v));
        assert_eq!(
            currency(&["\"# 币    种: [                         人民币]\""]),
            Some(Ok(Currency::CNY))
        );
        assert_eq!(
            currency(&["币　　种：美元"]),
            Some(Ok(Currency::from_code("USD").unwrap()))
        );
        assert_eq!(currency(&["本期账单明细(人民币)"]), Some(Ok(Currency::CNY)));
        assert_eq!(currency(&["币种: 火星币"]), Some(Err("火星币".to_string())));
        assert_eq!(currency(&["卡号: 6222****1234"]), None);
    }

    #[test]
    fn every_layout_is_found_by_its_own_header() {
        // A header made of every column's first name must select its own layout: no layout
        // earlier in the list may swallow a later one.
        for layout in all_layouts() {
            let mut names: Vec<String> = layout
                .columns
                .iter()
                .map(|c| c.names[0].to_string())
                .collect();
            for name in layout.signature {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
            let found = layout_of_header(&names).map(|l| l.name);
            assert_eq!(found, Some(layout.name), "{names:?}");
        }
        assert!(layout_of_header(&strings("日期,金额,说明")).is_none());
        assert!(layout_of_header(&strings(
            "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态"
        ))
        .is_none());
    }
}
