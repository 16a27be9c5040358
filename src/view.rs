//! What the page is sent to show, built by the worker from the statements it holds. The page
//! never receives every transaction: it gets the findings with the few rows behind each, a
//! summary per file, and the rows of the transactions table one page at a time. That keeps the
//! message small however long the statements are, and keeps the page's own code free of the
//! readers and the letter writer.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::analysis::{
    Alert, ErrorJson, FileSummary, PeriodJson, Report, SkippedJson, Stream, Totals, TransactionRef,
};
use crate::export::findings_csv;
use crate::import::{header_shape, ColumnMapping, ImportedFile};
use crate::lang::Locale;
use crate::letters::{
    cancel_guides, channels_for, deadline_ics, draft, reminder_ics, to_docx_with, to_text,
    CancelGuide, Channel, FindingRef, Letter, SenderDetails,
};
use crate::model::{Currency, Direction, Transaction};

/// How many skipped rows a file card lists; the rest are counted (a damaged file may have
/// thousands, and the JSON export has them all).
pub const SKIPPED_SHOWN: usize = 50;

/// How many rows one page of the transactions table shows; the first page comes with the
/// dashboard, so the table appears together with the findings.
pub const PAGE_ROWS: usize = 100;

/// The most rows one request of the transactions table may ask for.
pub const MAX_PAGE_ROWS: usize = 500;

/// One transaction as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The file's base name.
    pub file: String,
    /// The 1-based line in that file.
    pub line: u32,
    /// The day it happened.
    #[serde(with = "crate::model::iso_date")]
    pub date: NaiveDate,
    /// Date and time as the statement gives them.
    pub time: String,
    /// Who was paid or who paid.
    pub counterparty: String,
    /// What for.
    pub description: String,
    /// Which way the money moved.
    pub direction: Direction,
    /// The amount in minor units, never negative.
    pub amount_minor: i64,
    /// Its currency.
    pub currency: Currency,
    /// The status as printed.
    pub status: String,
    /// How it was paid, or empty.
    pub method: String,
}

impl Row {
    /// The row of a transaction.
    pub fn of(tx: &Transaction) -> Row {
        Row {
            file: tx.source.file.to_string(),
            line: tx.source.line,
            date: tx.when.date,
            time: tx.when.to_string(),
            counterparty: tx.counterparty.clone(),
            description: tx.description.clone(),
            direction: tx.direction,
            amount_minor: tx.amount.minor,
            currency: tx.amount.currency,
            status: tx.status.clone(),
            method: tx.payment_method.clone().unwrap_or_default(),
        }
    }
}

/// One payment of a stream, as its card needs it (the card's timeline, the payments after a
/// cancellation). Slim on purpose: a long history has thousands of them, and the page reads
/// them all in one task, so they travel as `[file, line, day, amount]` arrays of numbers (see
/// [`PaymentWire`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "PaymentWire", try_from = "PaymentWire")]
pub struct Payment {
    /// Index of its file's name in [`Dashboard::files`].
    pub file: u32,
    /// The 1-based line in that file.
    pub line: u32,
    /// The day it was paid.
    pub date: NaiveDate,
    /// The amount in minor units, never negative.
    pub amount_minor: i64,
}

/// A [`Payment`] as it crosses from the worker to the page: file index, line, the day as a
/// count of days from 0001-01-01 (day 1), and the amount. Numbers only: the page reads a
/// four-number array far faster than an object with named fields and a date text.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct PaymentWire(u32, u32, i32, i64);

impl From<Payment> for PaymentWire {
    fn from(payment: Payment) -> PaymentWire {
        PaymentWire(
            payment.file,
            payment.line,
            payment.date.num_days_from_ce(),
            payment.amount_minor,
        )
    }
}

impl TryFrom<PaymentWire> for Payment {
    type Error = String;

    fn try_from(wire: PaymentWire) -> Result<Payment, String> {
        let PaymentWire(file, line, day, amount_minor) = wire;
        let date = NaiveDate::from_num_days_from_ce_opt(day)
            .ok_or_else(|| format!("day {day} is not a date"))?;
        Ok(Payment {
            file,
            line,
            date,
            amount_minor,
        })
    }
}

/// One statement as its file card shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    /// The file's base name.
    pub name: String,
    /// The layout recognised, as a label (`支付宝 Alipay`), if any.
    pub format: Option<String>,
    /// The text encoding, as a label, if the file was decoded.
    pub encoding: Option<String>,
    /// How many transactions were read.
    pub transactions: usize,
    /// The period covered.
    pub period: Option<PeriodJson>,
    /// The first [`SKIPPED_SHOWN`] rows left out, with their reasons.
    pub skipped: Vec<SkippedJson>,
    /// How many rows were left out in all.
    pub skipped_total: usize,
    /// Why the file could not be read at all.
    pub error: Option<ErrorJson>,
    /// For a table of no known layout, the columns as guessed (or given), for the user to
    /// correct.
    pub mapping: Option<ColumnMapping>,
    /// For such a table, its header in a comparable form: a choice of columns is remembered
    /// under it, for files with the same header.
    pub header_shape: Option<String>,
    /// When rows of this file were already read from another file (overlapping exports) and
    /// are counted once: what to tell the user, in Chinese and in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeated: Option<(String, String)>,
}

impl FileView {
    /// The card of an imported file.
    pub fn of(file: &ImportedFile) -> FileView {
        let summary = FileSummary::of(file);
        let skipped_total = summary.skipped.len();
        let mut skipped = summary.skipped;
        skipped.truncate(SKIPPED_SHOWN);
        FileView {
            name: summary.name,
            format: file.format.map(|f| f.label().to_string()),
            encoding: file.encoding.map(|e| e.label().to_string()),
            transactions: summary.transactions,
            period: summary.period,
            skipped,
            skipped_total,
            error: summary.error,
            mapping: file.mapping.clone(),
            header_shape: file.mapping.as_ref().map(|m| header_shape(&m.columns)),
            repeated: None,
        }
    }

    /// The card with what the analysis found about this file's repeated rows (its entry in the
    /// report's `files`).
    pub fn with_repeats(mut self, summary: &FileSummary) -> FileView {
        self.repeated = summary.repeated.as_ref().map(|r| {
            let zh_of = r.of.join("、");
            let en_of = r.of.join(", ");
            (
                format!(
                    "其中 {} 笔交易已在 {zh_of} 中读到（两份账单的时间段重叠，或同一份账单重复），只计一次。",
                    r.rows
                ),
                format!(
                    "{} of these transactions were already read from {en_of} (overlapping or repeated statements): each is counted once.",
                    r.rows
                ),
            )
        });
        self
    }

    /// Whether the file stopped at an archive's password.
    pub fn locked(&self) -> bool {
        self.error
            .as_ref()
            .is_some_and(|e| matches!(e.code.as_str(), "password_required" | "wrong_password"))
    }
}

/// The card of a file whose reading stopped because the worker itself failed (the page makes
/// it: the worker is gone). The file is not sent again, so a file that crashes the reader
/// cannot crash every new one.
pub fn crashed_on(name: &str, detail: &str) -> FileView {
    FileView {
        name: name.to_string(),
        format: None,
        encoding: None,
        transactions: 0,
        period: None,
        skipped: Vec::new(),
        skipped_total: 0,
        error: Some(ErrorJson {
            code: "reader_crashed".to_string(),
            message: format!(
                "The reader stopped with an internal error while reading this file ({detail}). The file was not read; other files are kept."
            ),
            message_zh: format!(
                "读取这个文件时读取程序出错而停止（{detail}），这个文件没有读取；其他文件不受影响。"
            ),
            line: None,
        }),
        mapping: None,
        header_shape: None,
        repeated: None,
    }
}

/// The findings with the rows behind them: everything the dashboard shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Counts up with every new analysis, so that views made from an older one can tell.
    pub generation: u32,
    /// Whether at least one statement was read (the dashboard is shown only then).
    pub readable: bool,
    /// The report's streams, in its order. Their `transactions` are left empty here: the
    /// same rows come once, in `payments`.
    pub streams: Vec<Stream>,
    /// The report's alerts, in its order.
    pub alerts: Vec<Alert>,
    /// What recurring debits cost, per currency.
    pub totals: Vec<Totals>,
    /// The names of the files the payments come from.
    pub files: Vec<String>,
    /// For each stream, its payments (in the stream's order; a row the statements no longer
    /// hold is left out).
    pub payments: Vec<Vec<Payment>>,
    /// For each stream, how its latest payment that says so was paid (empty when none says).
    pub methods: Vec<String>,
    /// How many transactions the readable statements hold, for the transactions table.
    pub rows_total: usize,
    /// The table's first page ([`PAGE_ROWS`] rows).
    pub first_page: Vec<Row>,
}

impl Dashboard {
    /// The dashboard of `report` over `files`.
    pub fn build(generation: u32, report: &Report, files: &[ImportedFile]) -> Dashboard {
        let wanted: HashSet<(&str, u32)> = report
            .streams
            .iter()
            .flat_map(|s| &s.transactions)
            .map(|r| (r.file.as_str(), r.line))
            .collect();
        let names: Vec<String> = readable(files).map(|f| f.name.to_string()).collect();
        // One pass over the statements, keeping only the rows the streams point at.
        let mut found: HashMap<(&str, u32), (Payment, &str)> = HashMap::with_capacity(wanted.len());
        for (index, file) in readable(files).enumerate() {
            for tx in &file.transactions {
                let key = (&*tx.source.file, tx.source.line);
                if let Some(&key) = wanted.get(&key) {
                    let payment = Payment {
                        file: index as u32,
                        line: tx.source.line,
                        date: tx.when.date,
                        amount_minor: tx.amount.minor,
                    };
                    let method = tx.payment_method.as_deref().unwrap_or_default().trim();
                    found.entry(key).or_insert((payment, method));
                }
            }
        }
        let (payments, methods) = report
            .streams
            .iter()
            .map(|s| {
                let paid: Vec<&(Payment, &str)> = s
                    .transactions
                    .iter()
                    .filter_map(|r| found.get(&(r.file.as_str(), r.line)))
                    .collect();
                let method = paid
                    .iter()
                    .rev()
                    .map(|(_, method)| *method)
                    .find(|m| !m.is_empty())
                    .unwrap_or_default()
                    .to_string();
                (paid.into_iter().map(|(p, _)| *p).collect(), method)
            })
            .unzip();
        Dashboard {
            generation,
            readable: report.files.iter().any(|f| f.error.is_none()),
            files: names,
            payments,
            methods,
            streams: report
                .streams
                .iter()
                .map(|s| Stream {
                    transactions: Vec::new(),
                    ..s.clone()
                })
                .collect(),
            alerts: report.alerts.clone(),
            totals: report.totals.clone(),
            rows_total: readable(files).map(|f| f.transactions.len()).sum(),
            first_page: page(files, 0, PAGE_ROWS),
        }
    }

    /// The report's reference to `payment`.
    pub fn reference(&self, payment: &Payment) -> TransactionRef {
        TransactionRef {
            file: self
                .files
                .get(payment.file as usize)
                .cloned()
                .unwrap_or_default(),
            line: payment.line,
        }
    }
}

/// The statements that were read, in order.
fn readable(files: &[ImportedFile]) -> impl Iterator<Item = &ImportedFile> {
    files.iter().filter(|f| f.error.is_none())
}

/// Rows `offset ..` (at most `limit`, capped at [`MAX_PAGE_ROWS`]) of every readable
/// statement in order, for the transactions table.
pub fn page(files: &[ImportedFile], offset: usize, limit: usize) -> Vec<Row> {
    readable(files)
        .flat_map(|f| &f.transactions)
        .skip(offset)
        .take(limit.min(MAX_PAGE_ROWS))
        .map(Row::of)
        .collect()
}

/// What the page asks for when a finding's letters are opened or changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterAsk {
    /// The finding.
    pub finding: FindingRef,
    /// The channel chosen, or none for the first that fits.
    pub channel: Option<Channel>,
    /// The language and script to write in.
    pub locale: Locale,
    /// The sender's details as typed.
    pub sender: SenderDetails,
    /// Today on the user's clock (letters are dated, reply deadlines counted from it).
    #[serde(with = "crate::model::iso_date")]
    pub today: NaiveDate,
}

/// A channel the letter can go to, with its label in the page's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelChoice {
    /// The channel.
    pub channel: Channel,
    /// Its name as shown.
    pub label: String,
}

/// One finding's letter and notes, already in the page's language and script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterView {
    /// The channels that fit the finding, best first.
    pub channels: Vec<ChannelChoice>,
    /// The channel this letter is for.
    pub channel: Channel,
    /// The letter: subject line, blank line, body.
    pub text: String,
    /// How to send it.
    pub how_to_send: Vec<String>,
    /// How to stop the payments.
    pub guides: Vec<CancelGuide>,
    /// File name without extension for downloads (`letter-12315-2026-11-23`).
    pub base_name: String,
    /// A calendar entry for the reply deadline.
    pub deadline_ics: String,
    /// A calendar entry a few days before the next charge, for an active stream.
    pub reminder_ics: Option<String>,
}

/// Drafts the letter `ask` describes; none when the finding is not in the report or no
/// channel fits it.
pub fn letter(report: &Report, files: &[ImportedFile], ask: &LetterAsk) -> Option<LetterView> {
    let (letter, channels) = draft_for(report, files, ask)?;
    let locale = ask.locale;
    let show = |text: String| locale.show(text).into_owned();
    let reminder_ics = match ask.finding {
        FindingRef::Stream(index) => report
            .streams
            .get(index)
            .and_then(|s| reminder_ics(s, locale.lang(), REMINDER_DAYS_BEFORE, ask.today))
            .map(show),
        FindingRef::Alert(_) => None,
    };
    let guides = cancel_guides(report, files, ask.finding, locale.lang())
        .into_iter()
        .map(|g| CancelGuide {
            title: show(g.title),
            steps: g.steps.into_iter().map(show).collect(),
            source: show(g.source),
            ..g
        })
        .collect();
    Some(LetterView {
        channels: channels
            .into_iter()
            .map(|channel| ChannelChoice {
                channel,
                label: show(channel.label(locale.lang()).to_string()),
            })
            .collect(),
        channel: letter.channel,
        text: show(to_text(&letter)),
        how_to_send: letter.how_to_send.iter().cloned().map(show).collect(),
        guides,
        base_name: format!("letter-{}-{}", letter.channel.id(), letter.date),
        deadline_ics: show(deadline_ics(&letter)),
        reminder_ics,
    })
}

/// How many days before a stream's next charge the reminder is set.
const REMINDER_DAYS_BEFORE: u32 = 3;

/// The letter `ask` describes, and the channels that fit its finding.
fn draft_for(
    report: &Report,
    files: &[ImportedFile],
    ask: &LetterAsk,
) -> Option<(Letter, Vec<Channel>)> {
    let channels = channels_for(report, files, ask.finding);
    let channel = ask
        .channel
        .filter(|c| channels.contains(c))
        .or_else(|| channels.first().copied())?;
    let letter = draft(
        report,
        files,
        ask.finding,
        channel,
        ask.locale.lang(),
        &ask.sender,
        ask.today,
    );
    Some((letter, channels))
}

/// A file the page asks the worker to write for a download.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Export {
    /// The whole report, schema report/v1, as indented JSON.
    ReportJson,
    /// The findings as a spreadsheet-safe CSV.
    FindingsCsv {
        /// The language of its headings and reasons.
        locale: Locale,
    },
    /// A letter as a Word document.
    LetterDocx(LetterAsk),
}

/// A file written for download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// Its name.
    pub name: String,
    /// Its media type.
    pub mime: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Writes the file `what` asks for; none when it asks for a letter that cannot be drafted.
pub fn export(report: &Report, files: &[ImportedFile], what: &Export) -> Option<ExportFile> {
    match what {
        Export::ReportJson => Some(ExportFile {
            name: "statement-checker-report.json".to_string(),
            mime: "application/json",
            // A report is plain data: serialising it cannot fail.
            bytes: serde_json::to_vec_pretty(report).unwrap_or_default(),
        }),
        Export::FindingsCsv { locale } => Some(ExportFile {
            name: "statement-checker-findings.csv".to_string(),
            mime: "text/csv;charset=utf-8",
            // Not converted to Traditional: it carries the statements' own names.
            bytes: findings_csv(report, locale.lang()).into_bytes(),
        }),
        Export::LetterDocx(ask) => {
            let (letter, _) = draft_for(report, files, ask)?;
            let locale = ask.locale;
            let bytes = to_docx_with(&letter, |xml: &str| locale.show(xml).into_owned());
            Some(ExportFile {
                name: format!("letter-{}-{}.docx", letter.channel.id(), letter.date),
                mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                bytes,
            })
        }
    }
}

/// A file size as the page shows it: `12.3 MB`, `840 KB`, `512 B` (decimal units, as file
/// managers show them). Whole-number arithmetic, so that the page carries no float formatting.
pub fn file_size_text(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        let tenths = divide_rounded_u64(bytes, 100_000);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if bytes >= 1_000 {
        format!("{} KB", divide_rounded_u64(bytes, 1_000))
    } else {
        format!("{bytes} B")
    }
}

/// A length counted in tenths, written with one decimal: `4000` → `400.0`, `-5` → `-0.5`.
pub fn tenths_text(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// `numerator / denominator` rounded to the nearest whole number, halves away from zero;
/// `denominator` must be positive.
pub fn divide_rounded(numerator: i64, denominator: i64) -> i64 {
    // Rounding halves away from zero is the same on both sides of zero: round the size, then
    // give back the sign. The size may be 2^63 (i64::MIN over 1), which only the wrapping
    // product turns back into i64::MIN.
    let size = divide_rounded_u64(numerator.unsigned_abs(), denominator.unsigned_abs());
    (size as i64).wrapping_mul(numerator.signum())
}

/// `numerator / denominator` rounded to the nearest whole number, halves up.
fn divide_rounded_u64(numerator: u64, denominator: u64) -> u64 {
    let (quotient, remainder) = (numerator / denominator, numerator % denominator);
    quotient + u64::from(remainder >= denominator - denominator / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_the_page_writes_them() {
        let cases: [(u64, &str); 10] = [
            (0, "0 B"),
            (999, "999 B"),
            (1_000, "1 KB"),
            (1_499, "1 KB"),
            (1_500, "2 KB"),
            (840_000, "840 KB"),
            (1_000_000, "1.0 MB"),
            (12_345_678, "12.3 MB"),
            (15_253_285, "15.3 MB"),
            (u64::MAX, "18446744073709.6 MB"),
        ];
        for (bytes, text) in cases {
            assert_eq!(file_size_text(bytes), text, "{bytes}");
        }
    }

    #[test]
    fn tenths_and_rounding() {
        let cases: [(i64, &str); 6] = [
            (0, "0.0"),
            (5, "0.5"),
            (-5, "-0.5"),
            (4000, "400.0"),
            (-1234, "-123.4"),
            (i64::MIN, "-922337203685477580.8"),
        ];
        for (tenths, text) in cases {
            assert_eq!(tenths_text(tenths), text, "{tenths}");
        }
        let divisions: [((i64, i64), i64); 11] = [
            ((0, 3), 0),
            ((1, 3), 0),
            ((2, 3), 1),
            ((3, 2), 2),
            ((-3, 2), -2),
            ((-1, 3), 0),
            ((i64::MAX, 2), i64::MAX / 2 + 1),
            ((i64::MIN, 2), i64::MIN / 2),
            ((i64::MIN + 1, 2), i64::MIN / 2),
            ((i64::MIN, 1), i64::MIN),
            ((i64::MAX, 1), i64::MAX),
        ];
        for ((numerator, denominator), quotient) in divisions {
            assert_eq!(
                divide_rounded(numerator, denominator),
                quotient,
                "{numerator}/{denominator}"
            );
        }
    }
    use crate::analysis::analyse;
    use crate::import::import_file;

    fn alipay(name: &str, rows: &[(&str, &str, &str)]) -> ImportedFile {
        let mut text = String::from(
            "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注\n",
        );
        for (n, (time, counterparty, amount)) in rows.iter().enumerate() {
            text.push_str(&format!(
                "{time},日用百货,{counterparty},,自动续费,支出,{amount},余额,交易成功,T{n},M{n},\n"
            ));
        }
        import_file(name, text.as_bytes())
    }

    #[test]
    fn payments_travel_as_arrays_of_numbers() {
        let cases = [
            ((0, 25, "2026-10-05", 2990), "[0,25,739894,2990]"),
            ((3, 1, "0001-01-01", 0), "[3,1,1,0]"),
            (
                (1, u32::MAX, "1999-12-31", i64::MAX),
                "[1,4294967295,730119,9223372036854775807]",
            ),
        ];
        for ((file, line, date, amount_minor), json) in cases {
            let payment = Payment {
                file,
                line,
                date: date.parse().unwrap(),
                amount_minor,
            };
            assert_eq!(serde_json::to_string(&payment).unwrap(), json, "{date}");
            assert_eq!(
                serde_json::from_str::<Payment>(json).unwrap(),
                payment,
                "{json}"
            );
        }
        for bad in ["[0,1,2147483647,5]", "[0,1,\"2026-10-05\",5]", "[0,1,5]"] {
            assert!(serde_json::from_str::<Payment>(bad).is_err(), "{bad}");
        }
    }

    fn monthly(counterparty: &str, months: u32) -> Vec<(String, String, String)> {
        (1..=months)
            .map(|m| {
                (
                    format!("2026-{m:02}-05 10:00:00"),
                    counterparty.to_string(),
                    "15.00".to_string(),
                )
            })
            .collect()
    }

    fn file(name: &str, rows: &[(String, String, String)]) -> ImportedFile {
        let borrowed: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        alipay(name, &borrowed)
    }

    #[test]
    fn stream_rows_follow_the_report() {
        let mut rows = monthly("某某视频会员", 6);
        rows.push((
            "2026-03-09 12:00:00".into(),
            "街角便利店".into(),
            "8.50".into(),
        ));
        let files = vec![file("a.csv", &rows)];
        let report = analyse(&files);
        let dashboard = Dashboard::build(7, &report, &files);
        assert_eq!(dashboard.generation, 7);
        assert!(dashboard.readable);
        assert_eq!(dashboard.rows_total, 7);
        assert_eq!(dashboard.first_page, page(&files, 0, PAGE_ROWS));
        assert_eq!(dashboard.first_page.len(), 7);
        assert_eq!(dashboard.payments.len(), report.streams.len());
        assert!(dashboard.streams.iter().all(|s| s.transactions.is_empty()));
        assert_eq!(dashboard.methods.len(), report.streams.len());
        assert_eq!(dashboard.files, ["a.csv"]);
        let at = report
            .streams
            .iter()
            .position(|s| s.counterparty == "某某视频会员")
            .expect("the monthly stream is found");
        let shown = &dashboard.payments[at];
        assert_eq!(
            shown
                .iter()
                .map(|p| dashboard.reference(p))
                .collect::<Vec<_>>(),
            report.streams[at].transactions
        );
        assert!(shown.iter().all(|p| p.amount_minor == 1500));
        assert_eq!(shown[0].date, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        assert_eq!(dashboard.methods[at], "余额");
    }

    #[test]
    fn a_file_that_failed_counts_for_nothing() {
        let files = vec![import_file("empty.csv", b"")];
        let report = analyse(&files);
        let dashboard = Dashboard::build(1, &report, &files);
        assert!(!dashboard.readable);
        assert_eq!(dashboard.rows_total, 0);
        let view = FileView::of(&files[0]);
        assert_eq!(view.error.as_ref().map(|e| e.code.as_str()), Some("empty"));
        assert!(!view.locked());
    }

    #[test]
    fn pages_run_across_files_and_stop_at_the_end() {
        let files = vec![
            file("a.csv", &monthly("甲", 3)),
            import_file("bad.csv", b"\x00\x01\x02\x03binary"),
            file("b.csv", &monthly("乙", 4)),
        ];
        type Case<'a> = (usize, usize, &'a [(&'a str, u32)]);
        let cases: [Case; 4] = [
            (0, 2, &[("a.csv", 2), ("a.csv", 3)]),
            (2, 3, &[("a.csv", 4), ("b.csv", 2), ("b.csv", 3)]),
            (6, 10, &[("b.csv", 5)]),
            (7, 10, &[]),
        ];
        for (offset, limit, expected) in cases {
            let got: Vec<(String, u32)> = page(&files, offset, limit)
                .into_iter()
                .map(|r| (r.file, r.line))
                .collect();
            let expected: Vec<(String, u32)> =
                expected.iter().map(|(f, l)| (f.to_string(), *l)).collect();
            assert_eq!(got, expected, "offset {offset} limit {limit}");
        }
        assert_eq!(page(&files, 0, usize::MAX).len(), 7);
    }

    #[test]
    fn a_page_is_never_longer_than_the_cap() {
        let months: Vec<(String, String, String)> = (0..(MAX_PAGE_ROWS + 20))
            .map(|n| {
                (
                    format!("2025-01-01 00:{:02}:{:02}", n / 60 % 60, n % 60),
                    format!("店{n}"),
                    "1.00".to_string(),
                )
            })
            .collect();
        let files = vec![file("long.csv", &months)];
        assert_eq!(page(&files, 0, usize::MAX).len(), MAX_PAGE_ROWS);
    }

    fn ask(finding: FindingRef, channel: Option<Channel>, locale: Locale) -> LetterAsk {
        LetterAsk {
            finding,
            channel,
            locale,
            sender: SenderDetails {
                name: Some("王小明".to_string()),
                ..SenderDetails::default()
            },
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        }
    }

    fn with_stream() -> (Vec<ImportedFile>, Report, usize) {
        let files = vec![file("a.csv", &monthly("某某视频会员", 6))];
        let report = analyse(&files);
        let at = report
            .streams
            .iter()
            .position(|s| s.counterparty == "某某视频会员")
            .expect("the monthly stream is found");
        (files, report, at)
    }

    #[test]
    fn a_letter_comes_in_the_locale_asked_for() {
        let (files, report, at) = with_stream();
        let finding = FindingRef::Stream(at);
        let hans = letter(&report, &files, &ask(finding, None, Locale::Hans)).unwrap();
        let hant = letter(&report, &files, &ask(finding, None, Locale::Hant)).unwrap();
        let en = letter(&report, &files, &ask(finding, None, Locale::En)).unwrap();
        assert!(!hans.channels.is_empty());
        assert_eq!(hans.channel, hans.channels[0].channel);
        assert!(hans.text.contains("王小明"));
        assert!(hans.text.contains("某某视频会员"));
        assert_ne!(hans.text, hant.text, "Traditional differs from Simplified");
        assert_eq!(Locale::Hant.show(hans.text.as_str()), hant.text);
        assert!(en.text.contains("Subject"));
        assert!(hans.deadline_ics.starts_with("BEGIN:VCALENDAR"));
        assert_eq!(
            hans.base_name,
            format!("letter-{}-2026-11-23", hans.channel.id())
        );
    }

    #[test]
    fn a_chosen_channel_is_kept_only_when_it_fits() {
        let (files, report, at) = with_stream();
        let finding = FindingRef::Stream(at);
        let first = letter(&report, &files, &ask(finding, None, Locale::En)).unwrap();
        let other = first.channels.last().unwrap().channel;
        let chosen = letter(&report, &files, &ask(finding, Some(other), Locale::En)).unwrap();
        assert_eq!(chosen.channel, other);
        let unfit = Channel::ALL
            .into_iter()
            .find(|c| !first.channels.iter().any(|f| f.channel == *c))
            .expect("some channel does not fit a membership");
        let fallback = letter(&report, &files, &ask(finding, Some(unfit), Locale::En)).unwrap();
        assert_eq!(fallback.channel, first.channel);
    }

    #[test]
    fn no_letter_for_a_finding_the_report_lacks() {
        let (files, report, _) = with_stream();
        let missing = FindingRef::Stream(report.streams.len() + 3);
        assert_eq!(
            letter(&report, &files, &ask(missing, None, Locale::Hans)),
            None
        );
        let docx = Export::LetterDocx(ask(missing, None, Locale::Hans));
        assert_eq!(export(&report, &files, &docx), None);
    }

    #[test]
    fn exports_are_the_files_they_claim() {
        let (files, report, at) = with_stream();
        let json = export(&report, &files, &Export::ReportJson).unwrap();
        let parsed: Report = serde_json::from_slice(&json.bytes).unwrap();
        assert_eq!(parsed, report);
        assert_eq!(json.mime, "application/json");

        let csv = export(
            &report,
            &files,
            &Export::FindingsCsv {
                locale: Locale::Hant,
            },
        )
        .unwrap();
        assert!(
            csv.bytes.starts_with("\u{feff}".as_bytes()),
            "a BOM for spreadsheets"
        );
        let text = String::from_utf8(csv.bytes).unwrap();
        assert!(text.contains("某某视频会员"), "names are never converted");

        let ask = ask(FindingRef::Stream(at), None, Locale::Hans);
        let docx = export(&report, &files, &Export::LetterDocx(ask)).unwrap();
        assert!(docx.bytes.starts_with(b"PK\x03\x04"), "a zip container");
        assert!(docx.name.ends_with("-2026-11-23.docx"));
    }

    #[test]
    fn a_table_of_no_known_layout_carries_its_header_shape() {
        let bytes = include_bytes!("../tests/fixtures/generic/northwind.csv");
        let generic = FileView::of(&import_file("northwind.csv", bytes));
        let mapping = generic.mapping.as_ref().expect("a guessed mapping");
        assert_eq!(generic.header_shape, Some(header_shape(&mapping.columns)));
        let alipay = FileView::of(&file("a.csv", &monthly("店", 2)));
        assert_eq!((alipay.mapping, alipay.header_shape), (None, None));
    }

    #[test]
    fn a_card_lists_only_the_first_skipped_rows() {
        let mut text = String::from(
            "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注\n",
        );
        text.push_str("2026-01-05 10:00:00,日用百货,店,,x,支出,1.00,余额,交易成功,T,M,\n");
        for _ in 0..(SKIPPED_SHOWN + 5) {
            text.push_str("not a date,日用百货,店,,x,支出,1.00,余额,交易成功,T,M,\n");
        }
        let imported = import_file("skips.csv", text.as_bytes());
        assert_eq!(imported.skipped.len(), SKIPPED_SHOWN + 5);
        let view = FileView::of(&imported);
        assert_eq!(view.skipped.len(), SKIPPED_SHOWN);
        assert_eq!(view.skipped_total, SKIPPED_SHOWN + 5);
        assert_eq!(view.skipped[0].line, 3);
        assert_eq!(view.transactions, 1);
    }
}
