//! Alipay (支付宝) transaction exports, every layout: the app export of 2023 on (24-line preamble,
//! header `交易时间,交易分类,交易对方,…`), the app export of 2021–22 (banner on line 1, summary after the
//! rows, `其他` for neutral rows) and the web export `支付宝交易记录明细查询` (交易号/交易创建时间/…/资金状态).
//!
//! Columns are found by name, so a reordered or extra column does not matter. Times are China
//! local time. Every row between the header and the footer is a transaction, closed and refunded
//! ones included; a row that cannot be read is skipped with its line and reason.

use std::sync::Arc;

use super::amount::{parse_minor, CNY_DIGITS};
use super::datetime::parse_date_time;
use super::error::{ImportError, ImportErrorKind, SkipReason};
use super::table::{self, clean, optional, ColumnSpec, Columns, LastClass, Line};
use super::{Format, Parsed, Period};
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Time,
    Category,
    Counterparty,
    CounterpartyAccount,
    Description,
    Direction,
    Amount,
    Method,
    Status,
    OrderId,
    MerchantOrderId,
    Note,
    FundStatus,
}

const fn column(key: Col, names: &'static [&'static str], required: bool) -> ColumnSpec<Col> {
    ColumnSpec {
        key,
        names,
        required,
    }
}

/// The columns of every Alipay layout; the first name that a header has wins.
const COLUMNS: &[ColumnSpec<Col>] = &[
    column(Col::Time, &["交易时间", "交易创建时间", "付款时间"], true),
    column(Col::Counterparty, &["交易对方"], true),
    column(Col::Direction, &["收/支"], true),
    column(Col::Amount, &["金额", "金额（元）"], true),
    column(Col::Status, &["交易状态"], true),
    column(Col::Category, &["交易分类", "类型"], false),
    column(Col::CounterpartyAccount, &["对方账号"], false),
    column(Col::Description, &["商品说明", "商品名称"], false),
    column(Col::Method, &["收/付款方式"], false),
    column(Col::OrderId, &["交易订单号", "交易号"], false),
    column(Col::MerchantOrderId, &["商家订单号", "商户订单号"], false),
    column(Col::Note, &["备注"], false),
    column(Col::FundStatus, &["资金状态"], false),
];

/// How many lines from the top the header may be (the 2023+ preamble has 24).
const HEADER_SEARCH_LINES: usize = 80;

/// Markers that only Alipay exports print.
const MARKERS: &[&str] = &["电子客户回单", "支付宝交易记录明细查询", "支付宝"];

/// A header candidate: a line naming the columns that only an Alipay table has together.
fn looks_like_header(line: &str) -> bool {
    line.contains("交易对方")
        && line.contains("收/支")
        && line.contains("交易状态")
        && line.contains("金额")
}

/// Recognises an Alipay export from its text: the header line and the layout, or `None`.
pub fn detect(text: &str) -> Option<(Format, Line<'_>)> {
    let header = table::lines(text)
        .take(HEADER_SEARCH_LINES)
        .find(|line| looks_like_header(line.text))?;
    let head_text = &text[..header.offset];
    let names = table::split_line(header.text);
    let format = if names.iter().any(|n| n == "交易号" || n == "交易创建时间") {
        Format::AlipayWeb
    } else if head_text.contains("导出信息") {
        Format::Alipay
    } else if MARKERS.iter().any(|m| text.contains(m)) {
        Format::Alipay2021
    } else {
        // A re-saved file that lost its preamble: the 2023+ column set is the common case.
        Format::Alipay
    };
    Some((format, header))
}

/// Reads an Alipay export whose header is `header`.
pub fn parse(file: &Arc<str>, text: &str, header: Line<'_>) -> Result<Parsed, ImportError> {
    let names = table::split_line(header.text);
    let columns = Columns::find(&names, COLUMNS).map_err(|missing| {
        ImportError::at(
            ImportErrorKind::MissingColumn {
                column: missing.to_string(),
            },
            header.number,
        )
    })?;

    let mut status = LastClass::default();
    let (transactions, skipped) = table::read_rows(text, header, |line, record| {
        read_row(file, line, record, &columns, &mut status)
    });
    let mut parsed = Parsed {
        transactions,
        skipped,
        ..Parsed::default()
    };
    parsed.period = declared_period(text);
    parsed.declared_count = declared_count(text);
    Ok(parsed)
}

fn read_row(
    file: &Arc<str>,
    line: u32,
    record: &csv::StringRecord,
    columns: &Columns<Col>,
    last_status: &mut LastClass<StatusKind>,
) -> Result<Transaction, SkipReason> {
    if record.len() < columns.needed_width() {
        return Err(SkipReason::TooFewFields {
            found: record.len(),
            needed: columns.needed_width(),
        });
    }
    let time_text = columns.get(record, Col::Time);
    let (date, time) = parse_date_time(time_text).ok_or_else(|| SkipReason::BadTime {
        text: time_text.to_string(),
    })?;
    let amount_text = columns.get(record, Col::Amount);
    let minor = parse_minor(amount_text, CNY_DIGITS).map_err(|error| SkipReason::BadAmount {
        text: amount_text.to_string(),
        error,
    })?;
    let direction_text = columns.get(record, Col::Direction);
    let direction =
        direction(direction_text, columns.get(record, Col::FundStatus)).ok_or_else(|| {
            SkipReason::BadDirection {
                text: direction_text.to_string(),
            }
        })?;
    // A signed amount in an otherwise unsigned column is a re-saved file's doing: the 收/支
    // column carries the direction, the amount its size.
    let amount = Money::new(minor.abs(), Currency::CNY);
    let status_text = columns.get(record, Col::Status);
    let status_kind = last_status.of(status_text, status_kind);
    let status = status_text.to_string();
    Ok(Transaction {
        source: SourceRef {
            file: Arc::clone(file),
            line,
        },
        when: LocalTime {
            date,
            time,
            utc_offset_seconds: LocalTime::CHINA_OFFSET_SECONDS,
        },
        direction,
        amount,
        counterparty: columns.get(record, Col::Counterparty).to_string(),
        counterparty_account: optional(columns.get(record, Col::CounterpartyAccount)),
        description: columns.get(record, Col::Description).to_string(),
        category: optional(columns.get(record, Col::Category)),
        status_kind,
        status,
        payment_method: optional(columns.get(record, Col::Method)),
        order_id: optional(columns.get(record, Col::OrderId)),
        merchant_order_id: optional(columns.get(record, Col::MerchantOrderId)),
        note: optional(columns.get(record, Col::Note)),
    })
}

/// The 收/支 marker; the web export leaves it blank on refunds and says it in 资金状态 instead.
fn direction(marker: &str, fund_status: &str) -> Option<Direction> {
    match marker {
        "支出" => Some(Direction::Debit),
        "收入" => Some(Direction::Credit),
        "不计收支" | "其他" => Some(Direction::Neutral),
        "" => Some(match fund_status {
            "已支出" => Direction::Debit,
            "已收入" => Direction::Credit,
            _ => Direction::Neutral,
        }),
        _ => None,
    }
}

/// Classifies Alipay's 交易状态 text.
pub fn status_kind(status: &str) -> StatusKind {
    if status.contains("退款") {
        StatusKind::Refunded
    } else if status.contains("关闭") || status.contains("取消") || status.contains("撤销") {
        StatusKind::Closed
    } else if status.contains("失败") {
        StatusKind::Failed
    } else if status.contains("等待") || status.contains("处理中") || status.contains("待") {
        StatusKind::Pending
    } else if status.contains("成功") || status.contains("已支出") || status.contains("已收入")
    {
        StatusKind::Succeeded
    } else {
        StatusKind::Other
    }
}

/// The period the export says it covers: `起始时间：[…]    终止时间：[…]` (or 起始日期/终止日期).
fn declared_period(text: &str) -> Option<Period> {
    let line = table::lines(text)
        .map(|l| l.text)
        .find(|l| l.contains("起始") && l.contains("终止"))?;
    let bracketed = |after: &str| -> Option<chrono::NaiveDate> {
        let rest = &line[line.find(after)?..];
        let open = rest.find('[')?;
        let close = rest[open..].find(']')? + open;
        parse_date_time(&rest[open + 1..close]).map(|(date, _)| date)
    };
    let start = bracketed("起始")?;
    let end = bracketed("终止")?;
    (start <= end).then_some(Period { start, end })
}

/// The row count the export declares (`共66笔记录`).
fn declared_count(text: &str) -> Option<u32> {
    table::lines(text).find_map(|line| {
        let rest = clean(line.text.split(',').next()?).strip_prefix("共")?;
        rest.strip_suffix("笔记录")?.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_statuses() {
        for (text, kind) in [
            ("交易成功", StatusKind::Succeeded),
            ("支付成功", StatusKind::Succeeded),
            ("还款成功", StatusKind::Succeeded),
            ("退款成功", StatusKind::Refunded),
            ("交易关闭", StatusKind::Closed),
            ("已关闭", StatusKind::Closed),
            ("等待确认收货", StatusKind::Pending),
            ("支付失败", StatusKind::Failed),
            ("某种新状态", StatusKind::Other),
        ] {
            assert_eq!(status_kind(text), kind, "{text}");
        }
    }

    #[test]
    fn reads_direction_markers() {
        assert_eq!(direction("支出", ""), Some(Direction::Debit));
        assert_eq!(direction("收入", ""), Some(Direction::Credit));
        assert_eq!(direction("不计收支", ""), Some(Direction::Neutral));
        assert_eq!(direction("其他", ""), Some(Direction::Neutral));
        assert_eq!(direction("", "已收入"), Some(Direction::Credit));
        assert_eq!(direction("", ""), Some(Direction::Neutral));
        assert_eq!(direction("出", ""), None);
    }

    #[test]
    fn reads_declared_summary() {
        let text = "导出信息：\n起始时间：[2023-02-10 00:00:00]    终止时间：[2023-02-13 23:59:59]\n共66笔记录\n";
        let period = declared_period(text).unwrap();
        assert_eq!(period.start.to_string(), "2023-02-10");
        assert_eq!(period.end.to_string(), "2023-02-13");
        assert_eq!(declared_count(text), Some(66));
        assert_eq!(declared_count("共66笔记录,,,,"), Some(66));
        assert_eq!(
            declared_period("起始日期:[2019-08-01 00:00:00]    终止日期:[2019-10-01 00:00:00]")
                .unwrap()
                .end
                .to_string(),
            "2019-10-01"
        );
    }
}
