//! The report document, schema `statement-checker/report/v1`: what the command line prints and
//! what the app exports. Field names are stable; fields may be added, never renamed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::import::{ImportedFile, Period};
use crate::lang::{Lang, Localized};
use crate::model::Currency;

/// The schema identifier written into every report.
pub const SCHEMA: &str = "statement-checker/report/v1";

/// The whole report over one person's statements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// One entry per file given, in the order given, readable or not.
    pub files: Vec<FileSummary>,
    /// Recurring debits (and recurring income, at level low).
    pub streams: Vec<Stream>,
    /// Findings that are not a stream: duplicate charges, failed-but-charged, loans disbursed …
    pub alerts: Vec<Alert>,
    /// Money leaving through recurring debits, per currency.
    #[serde(default)]
    pub totals: Vec<Totals>,
}

/// What recurring debits cost, in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// The currency.
    pub currency: Currency,
    /// What the active debit streams take in a month (yearly ones spread over twelve months).
    pub monthly_recurring_minor: i64,
    /// The same for a year.
    pub yearly_recurring_minor: i64,
    /// Everything the high-level streams and alerts have taken so far.
    pub suspicious_taken_minor: i64,
}

/// What was read from one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    /// The file's base name.
    pub name: String,
    /// The layout recognised (`alipay`, …), or null.
    pub format: Option<String>,
    /// How many transactions were read.
    pub transactions: usize,
    /// The period covered.
    pub period: Option<PeriodJson>,
    /// Rows left out, with line and reason.
    pub skipped: Vec<SkippedJson>,
    /// Why the file could not be read at all; absent when it was read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<ErrorJson>,
    /// Rows already read from another file (overlapping exports) or earlier in this one: shown,
    /// but counted once. Absent when there are none.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub repeated: Option<RepeatedJson>,
}

/// Rows of a file that repeat rows read before (see [`super::repeats`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatedJson {
    /// How many rows.
    pub rows: usize,
    /// The names of the files that hold them first (this file's own name when it repeats
    /// itself).
    pub of: Vec<String>,
}

/// A period as ISO dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodJson {
    /// First day, `YYYY-MM-DD`.
    #[serde(with = "crate::model::iso_date")]
    pub start: NaiveDate,
    /// Last day, `YYYY-MM-DD`.
    #[serde(with = "crate::model::iso_date")]
    pub end: NaiveDate,
}

impl From<Period> for PeriodJson {
    fn from(period: Period) -> Self {
        PeriodJson {
            start: period.start,
            end: period.end,
        }
    }
}

/// A skipped row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedJson {
    /// Its 1-based line.
    pub line: u32,
    /// A stable code for the reason.
    pub code: String,
    /// The reason in English.
    pub reason: String,
    /// The reason in Chinese.
    pub reason_zh: String,
}

/// A file-level error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorJson {
    /// A stable code (`empty`, `binary`, `unknown_format`, …).
    pub code: String,
    /// The message in English.
    pub message: String,
    /// The message in Chinese.
    pub message_zh: String,
    /// The line, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
}

/// How often a stream recurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Every 7 days.
    Weekly,
    /// Every 14 days.
    Biweekly,
    /// Twice a month.
    Semimonthly,
    /// Every month.
    Monthly,
    /// Every two months.
    Bimonthly,
    /// Every three months.
    Quarterly,
    /// Every six months.
    Semiannually,
    /// Every year.
    Annually,
    /// Recurring without a steady rhythm.
    Irregular,
}

impl Frequency {
    /// Every frequency, most frequent first, [`Frequency::Irregular`] last.
    pub const ALL: [Frequency; 9] = [
        Frequency::Weekly,
        Frequency::Biweekly,
        Frequency::Semimonthly,
        Frequency::Monthly,
        Frequency::Bimonthly,
        Frequency::Quarterly,
        Frequency::Semiannually,
        Frequency::Annually,
        Frequency::Irregular,
    ];

    /// Its name in the report (`monthly`, …).
    pub fn name(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Biweekly => "biweekly",
            Frequency::Semimonthly => "semimonthly",
            Frequency::Monthly => "monthly",
            Frequency::Bimonthly => "bimonthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Semiannually => "semiannually",
            Frequency::Annually => "annually",
            Frequency::Irregular => "irregular",
        }
    }
}

/// How urgent a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Expected: salary, rent, utilities.
    Low,
    /// Review: a paid service that renews by itself.
    Medium,
    /// Likely unauthorised or abusive: act now.
    High,
}

impl TransactionRef {
    /// The reference of a transaction.
    pub fn of(tx: &crate::model::Transaction) -> TransactionRef {
        TransactionRef {
            file: tx.source.file.to_string(),
            line: tx.source.line,
        }
    }
}

/// One piece of evidence: a transaction's file and line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TransactionRef {
    /// The file's base name.
    pub file: String,
    /// The 1-based line.
    pub line: u32,
}

/// Why a stream or alert was flagged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// A stable code (`trial_to_paid`, `auto_renewal`, …).
    pub code: String,
    /// Plain words in English.
    pub message: String,
    /// Plain words in Chinese.
    pub message_zh: String,
}

/// A recurring stream of payments to or from one counterparty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stream {
    /// The counterparty as the user knows it.
    pub counterparty: String,
    /// How often it recurs.
    pub frequency: Frequency,
    /// How urgent it is.
    pub level: Level,
    /// How many payments it has.
    pub occurrences: usize,
    /// The usual amount in minor units.
    pub typical_amount_minor: i64,
    /// The currency.
    pub currency: Currency,
    /// Date of the first payment.
    #[serde(with = "crate::model::iso_date")]
    pub first: NaiveDate,
    /// Date of the last payment.
    #[serde(with = "crate::model::iso_date")]
    pub last: NaiveDate,
    /// Whether it still runs at the end of the statements.
    pub active: bool,
    /// Why it was flagged.
    pub reasons: Vec<Reason>,
    /// The payments, as evidence (each payment once, by its wallet row when there is one).
    pub transactions: Vec<TransactionRef>,
    /// `early` (two charges), `mature` (three or more) or `ended` (missed its next date by more
    /// than half a cycle before the statements end).
    pub state: String,
    /// When the next charge is due, for active streams.
    #[serde(with = "crate::model::iso_date::option", default)]
    pub next_expected: Option<NaiveDate>,
    /// Everything this stream has taken (or paid) so far, in minor units.
    pub total_minor: i64,
    /// Bank-statement rows that repeat these payments (the same money, seen from the card).
    #[serde(default)]
    pub mirrors: Vec<TransactionRef>,
}

/// A finding that is not a stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    /// A stable code (`duplicate_charge`, …).
    pub code: String,
    /// How urgent it is.
    pub level: Level,
    /// Plain words in English.
    pub message: String,
    /// Plain words in Chinese.
    pub message_zh: String,
    /// The rows involved.
    pub transactions: Vec<TransactionRef>,
}

impl FileSummary {
    /// Summarises an imported file for the report.
    pub fn of(file: &ImportedFile) -> FileSummary {
        FileSummary {
            name: file.name.to_string(),
            format: file.format.map(|f| f.id().to_string()),
            transactions: file.transactions.len(),
            period: file.period.map(PeriodJson::from),
            skipped: file
                .skipped
                .iter()
                .map(|row| SkippedJson {
                    line: row.line,
                    code: row.code().to_string(),
                    reason: row.message(Lang::En),
                    reason_zh: row.message(Lang::Zh),
                })
                .collect(),
            error: file.error.as_ref().map(|error| ErrorJson {
                code: error.code().to_string(),
                message: error.message(Lang::En),
                message_zh: error.message(Lang::Zh),
                line: error.line,
            }),
            repeated: None,
        }
    }

    /// The summary with the rows of file `index` of `files` that repeat earlier rows.
    pub fn with_repeats(
        mut self,
        files: &[ImportedFile],
        repeats: &super::repeats::Repeats,
        index: usize,
    ) -> FileSummary {
        let rows = repeats.count(index);
        if rows > 0 {
            self.repeated = Some(RepeatedJson {
                rows,
                of: repeats.of[index]
                    .iter()
                    .map(|&f| files[f].name.to_string())
                    .collect(),
            });
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequency_names_are_the_report_names() {
        // The stream finder tries every frequency but the last.
        assert_eq!(Frequency::ALL.last(), Some(&Frequency::Irregular));
        for frequency in Frequency::ALL {
            let json = serde_json::to_string(&frequency).unwrap();
            assert_eq!(json, format!("\"{}\"", frequency.name()));
            let back: Frequency = serde_json::from_str(&json).unwrap();
            assert_eq!(back, frequency);
        }
    }
}
