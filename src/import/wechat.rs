//! WeChat Pay (微信支付) bill exports: the CSV of up to mid-2025 (UTF-8 with BOM, 16 preamble lines,
//! header `交易时间,交易类型,交易对方,商品,收/支,金额(元),…` on line 17) and the XLSX that replaced it,
//! both the all-text sheet of 2025 (header on row 17) and the sheet of 2026 on (an extra note row,
//! header on row 18, 交易时间 an Excel date serial and 金额(元) a number).
//!
//! Columns are found by name. Every row under the header is a transaction, refunds and failed
//! rows included; a row that cannot be read is skipped with its line (or sheet row) and reason.
//! Times are the statement's local time: UTC+8 unless the preamble names another offset.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::sync::Arc;

use calamine::{open_workbook_from_rs, DataRef, ExcelDateTime, ExcelDateTimeType, Reader, Xlsx};
use chrono::{Duration, NaiveDate, NaiveTime};

use super::amount::{parse_minor, CNY_DIGITS};
use super::datetime::parse_date_time;
use super::error::{ImportError, ImportErrorKind, SkipReason, SkippedRow};
use super::table::{self, clean, optional, ColumnSpec, Columns, LastClass, Line};
use super::{Format, Parsed, Period};
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Time,
    Kind,
    Counterparty,
    Goods,
    Direction,
    Amount,
    Method,
    Status,
    OrderId,
    MerchantOrderId,
    Note,
}

const fn column(key: Col, names: &'static [&'static str], required: bool) -> ColumnSpec<Col> {
    ColumnSpec {
        key,
        names,
        required,
    }
}

/// The columns of every WeChat Pay layout; the first name that a header has wins.
const COLUMNS: &[ColumnSpec<Col>] = &[
    column(Col::Time, &["交易时间"], true),
    column(Col::Counterparty, &["交易对方"], true),
    column(Col::Direction, &["收/支"], true),
    column(Col::Amount, &["金额(元)", "金额"], true),
    column(Col::Status, &["当前状态", "交易状态"], true),
    column(Col::Kind, &["交易类型"], false),
    column(Col::Goods, &["商品", "商品名称", "商品说明"], false),
    column(Col::Method, &["支付方式", "收/付款方式"], false),
    column(Col::OrderId, &["交易单号"], false),
    column(Col::MerchantOrderId, &["商户单号", "商家订单号"], false),
    column(Col::Note, &["备注"], false),
];

/// The text on the first line (or cell A1) of every WeChat Pay export.
const MARKER: &str = "微信支付账单明细";

/// How many lines (or sheet rows) from the top the header may be (17 or 18 in real exports).
const HEADER_SEARCH_LINES: usize = 60;

/// Columns beyond this are ignored in a sheet (the table has 11).
const MAX_SHEET_COLUMNS: u32 = 64;

/// A header candidate: the columns that only a WeChat Pay table has together.
fn looks_like_header(names: &[String]) -> bool {
    let has = |wanted: &str| names.iter().any(|n| n == wanted);
    has("交易时间")
        && has("交易对方")
        && has("收/支")
        && has("当前状态")
        && names.iter().any(|n| n.starts_with("金额"))
}

/// A cheap test before splitting a line into fields.
fn may_be_header(line: &str) -> bool {
    line.contains("交易时间") && line.contains("当前状态") && line.contains("收/支")
}

/// Recognises a WeChat Pay CSV from its text: the header line, or `None`.
///
/// The header is found by its column names. A file that starts with the WeChat marker but has no
/// such header still counts as WeChat Pay: its header is taken to be the line after the dashed
/// `微信支付账单明细列表` line (or the first line), so that reading it names the missing column.
pub fn detect(text: &str) -> Option<(Format, Line<'_>)> {
    let mut after_marker_list = None;
    let mut first = None;
    let mut previous_was_list = false;
    for line in table::lines(text).take(HEADER_SEARCH_LINES) {
        if first.is_none() && !clean(line.text).is_empty() {
            first = Some(line);
        }
        if previous_was_list && after_marker_list.is_none() {
            after_marker_list = Some(line);
        }
        previous_was_list = line.text.contains("微信支付账单明细列表");
        if may_be_header(line.text) && looks_like_header(&table::split_line(line.text)) {
            return Some((Format::WechatCsv, line));
        }
    }
    let first = first?;
    let starts_with_marker = clean(first.text)
        .trim_start_matches('"')
        .starts_with(MARKER);
    if starts_with_marker {
        return Some((Format::WechatCsv, after_marker_list.unwrap_or(first)));
    }
    None
}

/// How a table's rows are laid out: the columns found, the header's width and the local offset.
struct Layout {
    columns: Columns<Col>,
    /// Fields the header names (trailing empty names not counted).
    width: usize,
    /// Where 交易对方 sits, for repairing rows with an unquoted comma in it.
    counterparty: Option<usize>,
    /// UTC offset of the statement's times, in seconds.
    offset: i32,
}

impl Layout {
    fn new(names: &[String], line: u32, offset: i32) -> Result<Layout, ImportError> {
        let columns = Columns::find(names, COLUMNS).map_err(|missing| {
            ImportError::at(
                ImportErrorKind::MissingColumn {
                    column: missing.to_string(),
                },
                line,
            )
        })?;
        let width = names
            .iter()
            .rposition(|n| !n.is_empty())
            .map_or(0, |i| i + 1);
        let counterparty = names.iter().position(|n| n == "交易对方");
        Ok(Layout {
            columns,
            width,
            counterparty,
            offset,
        })
    }
}

/// Reads a WeChat Pay CSV whose header is `header`.
pub fn parse_csv(file: &Arc<str>, text: &str, header: Line<'_>) -> Result<Parsed, ImportError> {
    let preamble: Vec<String> = table::lines(text)
        .take_while(|line| line.number < header.number)
        .filter_map(|line| table::split_line(line.text).into_iter().next())
        .collect();
    let names = table::split_line(header.text);
    let layout = Layout::new(&names, header.number, declared_offset(&preamble))?;

    let mut statuses = Statuses::default();
    let (transactions, skipped) = table::read_rows(text, header, |line, record| {
        read_repaired(file, line, record, &layout, &mut statuses)
    });
    let mut parsed = Parsed {
        transactions,
        skipped,
        ..Parsed::default()
    };
    parsed.period = declared_period(&preamble);
    parsed.declared_count = declared_count(&preamble);
    Ok(parsed)
}

/// Reads a CSV row, repairing the WeChat bug that leaves a comma in 交易对方 unquoted (the row then
/// has a field too many). Candidates are tried in order and the first that reads wins: the
/// counterparty fields merged, the same after dropping empty trailing fields (a spreadsheet's
/// trailing commas), then a merge at any other column (an unquoted `¥1,020.00`).
fn read_repaired(
    file: &Arc<str>,
    line: u32,
    record: &csv::StringRecord,
    layout: &Layout,
    statuses: &mut Statuses,
) -> Result<Transaction, SkipReason> {
    let width = layout.width;
    if record.len() <= width || width == 0 {
        return read_row(file, line, record, layout, statuses);
    }
    let fields: Vec<&str> = record.iter().collect();
    let mut trimmed = fields.clone();
    while trimmed.len() > width && trimmed.last().is_some_and(|f| clean(f).is_empty()) {
        trimmed.pop();
    }
    let counterparty = layout.counterparty.filter(|&i| i < width);
    let others = (0..width).filter(|&i| Some(i) != counterparty);
    let mut candidates: Vec<(&[&str], usize)> = Vec::new();
    if let Some(at) = counterparty {
        candidates.push((&fields, at));
        candidates.push((&trimmed, at));
    }
    candidates.extend(others.clone().map(|at| (trimmed.as_slice(), at)));
    if trimmed.len() != fields.len() {
        candidates.extend(others.map(|at| (fields.as_slice(), at)));
    }
    let mut first_error = None;
    for (fields, at) in candidates {
        match read_row(file, line, &merge_at(fields, at, width), layout, statuses) {
            Ok(transaction) => return Ok(transaction),
            Err(reason) => {
                first_error.get_or_insert(reason);
            }
        }
    }
    match first_error {
        Some(reason) => Err(reason),
        None => read_row(file, line, record, layout, statuses),
    }
}

/// The fields with the surplus ones folded back into column `at`: columns left of it keep their
/// places, columns right of it are aligned from the right. Fields that fit are kept as they are.
fn merge_at(fields: &[&str], at: usize, width: usize) -> csv::StringRecord {
    if fields.len() <= width || at >= width {
        return fields.iter().copied().collect();
    }
    let extra = fields.len() - width;
    let mut record = csv::StringRecord::new();
    for field in &fields[..at] {
        record.push_field(field);
    }
    record.push_field(&fields[at..=at + extra].join(","));
    for field in &fields[at + extra + 1..] {
        record.push_field(field);
    }
    record
}

/// The status classes of the rows before: one for refund rows, one for the others.
type Statuses = [LastClass<StatusKind>; 2];

fn read_row(
    file: &Arc<str>,
    line: u32,
    record: &csv::StringRecord,
    layout: &Layout,
    statuses: &mut Statuses,
) -> Result<Transaction, SkipReason> {
    let columns = &layout.columns;
    if record.len() < columns.needed_width() {
        return Err(SkipReason::TooFewFields {
            found: record.len(),
            needed: columns.needed_width(),
        });
    }
    let time_text = columns.get(record, Col::Time);
    // A bare number is an Excel date serial: the 2026 sheet's cells, or a CSV converted from one.
    let (date, time) = parse_date_time(time_text)
        .or_else(|| serial_from_text(time_text))
        .ok_or_else(|| SkipReason::BadTime {
            text: time_text.to_string(),
        })?;
    let amount_text = columns.get(record, Col::Amount);
    let minor = parse_minor(amount_text, CNY_DIGITS).map_err(|error| SkipReason::BadAmount {
        text: amount_text.to_string(),
        error,
    })?;
    let direction_text = columns.get(record, Col::Direction);
    let direction = direction(direction_text).ok_or_else(|| SkipReason::BadDirection {
        text: direction_text.to_string(),
    })?;
    let kind = columns.get(record, Col::Kind);
    let status_text = columns.get(record, Col::Status);
    let refund_row = is_refund_row(kind);
    let status_kind =
        statuses[usize::from(refund_row)].of(status_text, |text| status_kind(text, refund_row));
    let status = status_text.to_string();
    Ok(Transaction {
        source: SourceRef {
            file: Arc::clone(file),
            line,
        },
        when: LocalTime {
            date,
            time,
            utc_offset_seconds: layout.offset,
        },
        direction,
        amount: Money::new(minor.abs(), Currency::CNY),
        counterparty: columns.get(record, Col::Counterparty).to_string(),
        counterparty_account: None,
        description: columns.get(record, Col::Goods).to_string(),
        category: optional(kind),
        status_kind,
        status,
        payment_method: optional(columns.get(record, Col::Method)),
        order_id: optional(columns.get(record, Col::OrderId)),
        merchant_order_id: optional(columns.get(record, Col::MerchantOrderId)),
        note: optional(columns.get(record, Col::Note)),
    })
}

/// The 收/支 marker: `/` is WeChat's 中性交易 (top-ups, withdrawals, 零钱通 moves, repayments).
fn direction(marker: &str) -> Option<Direction> {
    match marker {
        "支出" => Some(Direction::Debit),
        "收入" => Some(Direction::Credit),
        "/" | "中性交易" | "不计收支" => Some(Direction::Neutral),
        _ => None,
    }
}

/// Whether the 交易类型 marks a refund row (`商户消费-退款`, `微信红包-退款`, plain `退款` …).
fn is_refund_row(kind: &str) -> bool {
    kind.ends_with("退款")
}

/// Classifies WeChat's 当前状态. `refund_row` says whether the row itself is the refund.
///
/// A payment that was later refunded in full (`已全额退款` on the paid row) nets to nothing, like
/// a closed order; one refunded in part (`已退款(¥2.00)`, `已退款¥128.50`) still moved money. A
/// transfer the other side sent back (`对方已退还`) is closed as well.
pub fn status_kind(status: &str, refund_row: bool) -> StatusKind {
    if refund_row && !status.contains("失败") {
        return if status.contains("退款中") || status.contains("处理中") || status.contains("待")
        {
            StatusKind::Pending
        } else {
            StatusKind::Refunded
        };
    }
    if status.contains("失败") {
        StatusKind::Failed
    } else if status.contains("全额退款")
        || status.contains("已退还")
        || status.contains("已退回")
        || status.contains("关闭")
        || status.contains("撤销")
        || status.contains("取消")
    {
        StatusKind::Closed
    } else if status.contains("退款中")
        || status.contains("等待")
        || status.contains("处理中")
        || status.contains("待")
    {
        StatusKind::Pending
    } else if status.contains("已退款") {
        // Refunded in part: the rest of the payment stands.
        StatusKind::Succeeded
    } else if status.contains("成功")
        || status.contains("已存入")
        || status.contains("已转账")
        || status.contains("已收钱")
        || status.contains("已到账")
        || status.contains("完成")
        || status.contains("已转入")
        || status.contains("已入账")
        || status.contains("已支付")
        || status.contains("已扣款")
    {
        StatusKind::Succeeded
    } else {
        StatusKind::Other
    }
}

/// The period the export declares: `起始时间：[2019-08-01 00:00:00] 终止时间：[2019-09-30 23:59:59]`.
fn declared_period(preamble: &[String]) -> Option<Period> {
    let line = preamble
        .iter()
        .find(|l| l.contains("起始") && l.contains("终止"))?;
    let bracketed = |after: &str| -> Option<NaiveDate> {
        let rest = &line[line.find(after)?..];
        let open = rest.find('[')?;
        let close = rest[open..].find(']')? + open;
        parse_date_time(&rest[open + 1..close]).map(|(date, _)| date)
    };
    let start = bracketed("起始")?;
    let end = bracketed("终止")?;
    (start <= end).then_some(Period { start, end })
}

/// The row count the export declares (`共43笔记录`).
fn declared_count(preamble: &[String]) -> Option<u32> {
    preamble.iter().find_map(|line| {
        let rest = clean(line).strip_prefix('共')?;
        rest.strip_suffix("笔记录")?.trim().parse().ok()
    })
}

/// The UTC offset the preamble states (`4. 本账单中所有时间均为UTC+08:00时间`), else China's.
fn declared_offset(preamble: &[String]) -> i32 {
    preamble
        .iter()
        .find_map(|line| parse_utc_offset(line))
        .unwrap_or(LocalTime::CHINA_OFFSET_SECONDS)
}

/// Reads the offset after `UTC`/`GMT`: `UTC+08:00`, `UTC+8`, `GMT-0530`.
fn parse_utc_offset(text: &str) -> Option<i32> {
    let at = text.find("UTC").or_else(|| text.find("GMT"))?;
    let rest = text[at + 3..].trim_start();
    let (sign, rest) = match rest.chars().next()? {
        '+' => (1, &rest[1..]),
        '-' | '−' => (-1, &rest[rest.chars().next()?.len_utf8()..]),
        _ => return None,
    };
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None if digits.len() <= 2 => (digits.parse::<i32>().ok()?, 0),
        None if digits.len() == 4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        None => return None,
    };
    if hours > 14 || minutes >= 60 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60))
}

/// The serial of 1970-01-01: smaller numbers in a time column are not dates of a payment app.
const FIRST_PLAUSIBLE_SERIAL: f64 = 25_569.0;

/// Reads an Excel date serial written as text (`46293.96523148148`), in the 1900 date system.
/// Only serials from 1970 on count, so that a stray small number is not taken for a date.
fn serial_from_text(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let value: f64 = text.parse().ok()?;
    if value.is_nan() || value < FIRST_PLAUSIBLE_SERIAL {
        return None;
    }
    let formatted = serial_text(&ExcelDateTime::new(
        value,
        ExcelDateTimeType::DateTime,
        false,
    ))?;
    parse_date_time(&formatted)
}

/// Formats an Excel date serial as `YYYY-MM-DD HH:MM:SS`, rounded to the second (Excel keeps
/// milliseconds; statements print whole seconds). `None` outside years 1900–9999.
fn serial_text(serial: &ExcelDateTime) -> Option<String> {
    let value = serial.as_f64();
    if !value.is_finite() || !(1.0..2_958_466.0).contains(&value) || serial.is_duration() {
        return None;
    }
    let (year, month, day, hour, minute, second, milli) = serial.to_ymd_hms_milli();
    let date = NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())?;
    let time = NaiveTime::from_hms_opt(hour.into(), minute.into(), second.into())?;
    let mut moment = date.and_time(time);
    if milli >= 500 {
        moment += Duration::seconds(1);
    }
    Some(moment.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// What a sheet cell holds, as text: numbers in their shortest exact decimal form (so `14.83`
/// stays `14.83`), dates as `YYYY-MM-DD HH:MM:SS`.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(serial) => {
            serial_text(serial).unwrap_or_else(|| serial.as_f64().to_string())
        }
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// A sheet as text rows keyed by their 0-based sheet row, each a list of (0-based column, text).
type SheetRows = BTreeMap<u32, Vec<(u32, String)>>;

/// Reads every non-empty cell of a sheet with its absolute position. Rows without cells simply
/// do not appear, so row numbers stay those of the sheet wherever its used range starts.
fn read_sheet<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
) -> Result<SheetRows, calamine::XlsxError> {
    let mut rows = SheetRows::new();
    let mut reader = book.worksheet_cells_reader(name)?;
    while let Some(cell) = reader.next_cell()? {
        let (row, col) = cell.get_position();
        if col >= MAX_SHEET_COLUMNS {
            continue;
        }
        let text = cell_text(cell.get_value());
        if clean(&text).is_empty() {
            continue;
        }
        rows.entry(row).or_default().push((col, text));
    }
    Ok(rows)
}

/// The cells of one row as fields from column `from` on (gaps filled with empty fields).
fn row_fields(cells: &[(u32, String)], from: u32) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for (col, text) in cells {
        let Some(index) = col.checked_sub(from) else {
            continue;
        };
        let index = index as usize;
        if fields.len() <= index {
            fields.resize(index + 1, String::new());
        }
        fields[index] = text.clone();
    }
    fields
}

/// Whether a sheet is a WeChat Pay bill: the marker text in one of its top rows.
fn is_wechat_sheet(rows: &SheetRows) -> bool {
    rows.iter()
        .take_while(|(row, _)| (**row as usize) < HEADER_SEARCH_LINES)
        .flat_map(|(_, cells)| cells.iter())
        .any(|(_, text)| text.contains(MARKER))
}

/// Reads a WeChat Pay XLSX bill. `Ok(None)` when the workbook opens but none of its sheets is a
/// WeChat Pay bill; an error when it is one but cannot be read, or is not a workbook at all.
pub fn parse_xlsx(file: &Arc<str>, bytes: &[u8]) -> Result<Option<Parsed>, ImportError> {
    let unreadable = |error: calamine::XlsxError| {
        ImportError::new(ImportErrorKind::Unreadable {
            detail: error.to_string(),
        })
    };
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    for name in book.sheet_names() {
        let rows = match read_sheet(&mut book, &name) {
            Ok(rows) => rows,
            Err(_) => continue,
        };
        if is_wechat_sheet(&rows) {
            return parse_sheet(file, &rows).map(Some);
        }
    }
    Ok(None)
}

/// Reads the transactions of a sheet known to be a WeChat Pay bill.
fn parse_sheet(file: &Arc<str>, rows: &SheetRows) -> Result<Parsed, ImportError> {
    let header = rows
        .iter()
        .take_while(|(row, _)| (**row as usize) < HEADER_SEARCH_LINES)
        .find(|(_, cells)| {
            let names: Vec<String> = cells.iter().map(|(_, t)| clean(t).to_string()).collect();
            looks_like_header(&names)
        });
    let Some((&header_row, header_cells)) = header else {
        // Name the first required column; the row is the one after the dashed marker, if any.
        let marker_row = rows
            .iter()
            .find(|(_, cells)| {
                cells
                    .iter()
                    .any(|(_, t)| t.contains("微信支付账单明细列表"))
            })
            .map(|(row, _)| row.saturating_add(2));
        let kind = ImportErrorKind::MissingColumn {
            column: COLUMNS[0].names[0].to_string(),
        };
        return Err(match marker_row {
            Some(line) => ImportError::at(kind, line),
            None => ImportError::new(kind),
        });
    };
    let first_col = header_cells.iter().map(|(col, _)| *col).min().unwrap_or(0);
    let names: Vec<String> = row_fields(header_cells, first_col)
        .iter()
        .map(|n| clean(n).to_string())
        .collect();
    let preamble: Vec<String> = rows
        .range(..header_row)
        .flat_map(|(_, cells)| cells.iter().map(|(_, t)| t.clone()))
        .collect();
    let line = |row: u32| row.saturating_add(1);
    let layout = Layout::new(&names, line(header_row), declared_offset(&preamble))?;

    let mut parsed = Parsed::default();
    let mut statuses = Statuses::default();
    for (&row, cells) in rows.range(header_row + 1..) {
        let fields = row_fields(cells, first_col);
        let record: csv::StringRecord = fields.iter().map(String::as_str).collect();
        if table::is_blank(&record) {
            continue;
        }
        if record.get(0).map(clean).unwrap_or("").starts_with("---") {
            break;
        }
        match read_row(file, line(row), &record, &layout, &mut statuses) {
            Ok(transaction) => parsed.transactions.push(transaction),
            Err(reason) => parsed.skipped.push(SkippedRow {
                line: line(row),
                reason,
            }),
        }
    }
    parsed.period = declared_period(&preamble);
    parsed.declared_count = declared_count(&preamble);
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_statuses() {
        let cases = [
            ("支付成功", false, StatusKind::Succeeded),
            ("已存入零钱", false, StatusKind::Succeeded),
            ("对方已收钱", false, StatusKind::Succeeded),
            ("朋友已收钱", false, StatusKind::Succeeded),
            ("已转账", false, StatusKind::Succeeded),
            ("提现已到账", false, StatusKind::Succeeded),
            ("充值完成", false, StatusKind::Succeeded),
            ("已转入零钱通", false, StatusKind::Succeeded),
            ("已全额退款", false, StatusKind::Closed),
            ("已全额退款", true, StatusKind::Refunded),
            ("已退款(¥2.00)", false, StatusKind::Succeeded),
            ("已退款¥128.50", false, StatusKind::Succeeded),
            ("已退款", true, StatusKind::Refunded),
            ("退款中", true, StatusKind::Pending),
            ("提现失败，已退回零钱", false, StatusKind::Failed),
            ("对方已退还", false, StatusKind::Closed),
            ("支付失败", false, StatusKind::Failed),
            ("等待对方收款", false, StatusKind::Pending),
            ("某种新状态", false, StatusKind::Other),
        ];
        for (text, refund_row, kind) in cases {
            assert_eq!(status_kind(text, refund_row), kind, "{text} {refund_row}");
        }
    }

    #[test]
    fn reads_direction_markers() {
        assert_eq!(direction("支出"), Some(Direction::Debit));
        assert_eq!(direction("收入"), Some(Direction::Credit));
        assert_eq!(direction("/"), Some(Direction::Neutral));
        assert_eq!(direction("其他收支"), None);
        assert_eq!(direction(""), None);
    }

    #[test]
    fn recognises_refund_rows() {
        assert!(is_refund_row("商户消费-退款"));
        assert!(is_refund_row("微信红包-退款"));
        assert!(is_refund_row("退款"));
        assert!(!is_refund_row("商户消费"));
        assert!(!is_refund_row("转账"));
    }

    #[test]
    fn reads_declared_summary() {
        let preamble: Vec<String> = [
            "微信支付账单明细",
            "起始时间：[2019-08-01 00:00:00] 终止时间：[2019-09-30 23:59:59]",
            "共43笔记录",
            "4. 本账单中所有时间均为UTC+08:00时间",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let period = declared_period(&preamble).unwrap();
        assert_eq!(period.start.to_string(), "2019-08-01");
        assert_eq!(period.end.to_string(), "2019-09-30");
        assert_eq!(declared_count(&preamble), Some(43));
        assert_eq!(declared_offset(&preamble), 28800);
        assert_eq!(declared_offset(&[]), 28800);
    }

    #[test]
    fn reads_utc_offsets() {
        for (text, offset) in [
            ("所有时间均为UTC+08:00时间", Some(28800)),
            ("UTC+8", Some(28800)),
            ("UTC-05:00", Some(-18000)),
            ("GMT+0530", Some(19800)),
            ("UTC+99:00", None),
            ("UTC", None),
            ("无", None),
        ] {
            assert_eq!(parse_utc_offset(text), offset, "{text}");
        }
    }

    #[test]
    fn converts_excel_serials_to_the_second() {
        let serial =
            |v: f64| serial_text(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        for (value, text) in [
            (46293.96523148148, Some("2026-09-28 23:09:56")),
            (46102.90243055556, Some("2026-03-21 21:39:30")),
            (45943.5, Some("2025-10-13 12:00:00")),
            // 23:59:59.6 rounds into the next day.
            (45943.0 + 86399.6 / 86400.0, Some("2025-10-14 00:00:00")),
            (61.0, Some("1900-03-01 00:00:00")),
            (-1.0, None),
            (f64::NAN, None),
            (3.0e6, None),
        ] {
            assert_eq!(serial(value).as_deref(), text, "{value}");
        }
        assert_eq!(
            serial_from_text("46293.96523148148").map(|(d, t)| format!("{d} {}", t.unwrap())),
            Some("2026-09-28 23:09:56".to_string())
        );
        assert_eq!(serial_from_text("abc"), None);
        assert_eq!(serial_from_text("2026"), None);
        assert_eq!(serial_from_text("NaN"), None);
    }

    #[test]
    fn numbers_keep_their_exact_decimal_text() {
        for (value, text) in [
            (14.83, "14.83"),
            (0.1, "0.1"),
            (1234.5, "1234.5"),
            (2.0, "2"),
        ] {
            assert_eq!(cell_text(&DataRef::Float(value)), text);
        }
    }

    #[test]
    fn merges_a_counterparty_split_by_an_unquoted_comma() {
        let names: Vec<String> = "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注"
            .split(',')
            .map(str::to_string)
            .collect();
        let layout = Layout::new(&names, 17, 28800).unwrap();
        let fields = [
            "2023-08-29 18:45:06",
            "商户消费",
            "WALMART HONG KONG CO.",
            "LIMITED",
            "商品",
            "支出",
            "¥348.00",
            "招商银行信用卡(9297)",
            "支付成功",
            "1\t",
            "2\t",
            "/",
        ];
        let merged = merge_at(&fields, layout.counterparty.unwrap(), layout.width);
        assert_eq!(merged.len(), 11);
        assert_eq!(&merged[2], "WALMART HONG KONG CO.,LIMITED");
        assert_eq!(&merged[4], "支出");
        assert_eq!(&merged[10], "/");
    }
}
