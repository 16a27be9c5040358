//! Analysis over rows no importer would produce in that mix: plausible dates, amounts and
//! counterparties chosen by the fuzzer (including hostile names), across several files and
//! formats, then every letter and export for the findings.
#![no_main]

use std::sync::Arc;

use arbitrary::{Arbitrary, Unstructured};
use chrono::{Duration, NaiveDate, NaiveTime};
use libfuzzer_sys::fuzz_target;
use statement_checker::import::amount::MAX_MINOR;
use statement_checker::import::{Format, ImportedFile, Period};
use statement_checker::model::{
    Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction,
};
use statement_checker_fuzz::{analyse_and_draft, check_files};

/// Counterparties that reach the detector's rules: wallet rails, bills, loans, insurance,
/// subscriptions, people, and names written to attack whatever shows them.
const COUNTERPARTIES: [&str; 24] = [
    "爱奇艺",
    "腾讯视频",
    "支付宝-爱奇艺",
    "财付通-腾讯视频",
    "国网电力",
    "中国移动",
    "某某小额贷款有限公司",
    "借呗",
    "众安保险",
    "Netflix",
    "NETFLIX.COM AUTO RENEW",
    "Employer GmbH",
    "张*",
    "罗森(东门店)",
    "美团外卖 订单号1234567890",
    "ＡＢＣ全角",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "evil\u{202e}gnp.exe",
    "",
    "   ",
];

/// Descriptions with the words the signals look for.
const DESCRIPTIONS: [&str; 10] = [
    "连续包月",
    "自动续费",
    "免密支付",
    "会员服务费",
    "借款到账",
    "退款",
    "首月体验",
    "电费",
    "subscription",
    "",
];

/// Payment methods the letters route by.
const METHODS: [Option<&str>; 5] = [
    None,
    Some("余额"),
    Some("花呗"),
    Some("招商银行信用卡(1234)"),
    Some("零钱"),
];

/// Formats the rows are said to come from (wallet, bank, foreign).
const FORMATS: [Format; 6] = [
    Format::Alipay,
    Format::WechatCsv,
    Format::BankCn,
    Format::Icbc,
    Format::Ofx,
    Format::BankEn,
];

/// Currencies with 2, 0 and 3 minor digits, and one no statement names.
const CURRENCIES: [&str; 5] = ["CNY", "CNY", "USD", "JPY", "KWD"];

/// One row as the fuzzer describes it.
#[derive(Debug, Arbitrary)]
struct Row {
    file: u8,
    day: u16,
    time: Option<u32>,
    direction: u8,
    status: u8,
    amount: Amount,
    who: Name,
    description: u8,
    method: u8,
    order_id: Option<u16>,
    currency: u8,
}

/// Amounts: mostly a few typical prices, sometimes anything at all.
#[derive(Debug, Arbitrary)]
enum Amount {
    Price(u8),
    Cents(u32),
    Any(i64),
}

/// Names: mostly from the list, sometimes the fuzzer's own text.
#[derive(Debug, Arbitrary)]
enum Name {
    Known(u8),
    Free(String),
}

fn pick<T: Copy>(items: &[T], index: u8) -> T {
    items[usize::from(index) % items.len()]
}

fn transaction(row: &Row, file: &Arc<str>, line: u32) -> Transaction {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a real date");
    let date = start + Duration::days(i64::from(row.day % 1500));
    let minor = match row.amount {
        Amount::Price(p) => pick(&[990, 1500, 1990, 2500, 2990, 3000, 9900, 500_000], p),
        Amount::Cents(c) => i64::from(c),
        Amount::Any(v) => v.unsigned_abs().min(MAX_MINOR as u64) as i64,
    };
    let direction = pick(
        &[
            Direction::Debit,
            Direction::Debit,
            Direction::Credit,
            Direction::Neutral,
        ],
        row.direction,
    );
    let status_kind = pick(
        &[
            StatusKind::Succeeded,
            StatusKind::Succeeded,
            StatusKind::Pending,
            StatusKind::Closed,
            StatusKind::Refunded,
            StatusKind::Failed,
            StatusKind::Other,
        ],
        row.status,
    );
    let counterparty = match &row.who {
        Name::Known(i) => pick(&COUNTERPARTIES, *i).to_string(),
        Name::Free(text) => text.chars().take(80).collect(),
    };
    let currency = Currency::from_code(pick(&CURRENCIES, row.currency)).expect("a code");
    Transaction {
        source: SourceRef {
            file: file.clone(),
            line,
        },
        when: LocalTime {
            date,
            time: row
                .time
                .and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s % 86_400, 0)),
            utc_offset_seconds: LocalTime::CHINA_OFFSET_SECONDS,
        },
        direction,
        amount: Money::new(minor, currency),
        counterparty,
        counterparty_account: None,
        description: pick(&DESCRIPTIONS, row.description).to_string(),
        category: None,
        status: format!("{status_kind:?}"),
        status_kind,
        payment_method: pick(&METHODS, row.method).map(str::to_string),
        order_id: row.order_id.map(|n| format!("2026{n:08}")),
        merchant_order_id: None,
        note: None,
    }
}

fn files(rows: &[Row]) -> Vec<ImportedFile> {
    let mut files: Vec<ImportedFile> = FORMATS
        .iter()
        .enumerate()
        .map(|(i, format)| {
            let mut file = ImportedFile::failed(
                Arc::from(format!("file{i}.csv")),
                0,
                statement_checker::import::ImportError::new(
                    statement_checker::import::ImportErrorKind::Empty,
                ),
            );
            file.error = None;
            file.format = Some(*format);
            file
        })
        .collect();
    for (line, row) in (2u32..).zip(rows) {
        let index = usize::from(row.file) % files.len();
        let name = files[index].name.clone();
        files[index]
            .transactions
            .push(transaction(row, &name, line));
    }
    for file in &mut files {
        let start = file.transactions.iter().map(|t| t.when.date).min();
        let end = file.transactions.iter().map(|t| t.when.date).max();
        file.period = start.zip(end).map(|(start, end)| Period { start, end });
    }
    files.retain(|f| !f.transactions.is_empty());
    files
}

fuzz_target!(|data: &[u8]| {
    let mut input = Unstructured::new(data);
    let Ok(rows) = input
        .arbitrary_iter::<Row>()
        .and_then(|i| i.take(400).collect::<Result<Vec<_>, _>>())
    else {
        return;
    };
    let files = files(&rows);
    if files.is_empty() {
        return;
    }
    check_files(&files);
    analyse_and_draft(&files);
});
