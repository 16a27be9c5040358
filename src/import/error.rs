//! Errors as data: what went wrong with a file or a row, where, and how to say it to the user.

use serde::{Deserialize, Serialize};

use super::amount::AmountError;
use crate::lang::{Lang, Localized};

/// Why a whole file could not be read. The file still appears in the report, with this error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    /// What went wrong.
    pub kind: ImportErrorKind,
    /// The 1-based line it went wrong on, when known.
    pub line: Option<u32>,
}

/// The kinds of file-level failure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ImportErrorKind {
    /// The file has no bytes (or only blanks).
    Empty,
    /// The file is binary data, not a text statement or a known container.
    Binary,
    /// Text that is neither valid UTF-8 nor valid GB18030/GBK.
    InvalidText,
    /// Readable text, but no statement layout this program knows.
    UnknownFormat,
    /// A known kind of file that this version cannot read yet.
    Unsupported {
        /// A short name of what the file was recognised as (`xlsx`, `zip`, `ofx` …).
        what: String,
    },
    /// A known statement whose column header is missing or lacks a required column.
    MissingColumn {
        /// The column that was looked for, as the export names it.
        column: String,
    },
    /// The file itself could not be read from the disk or the browser.
    Unreadable {
        /// What the system said.
        detail: String,
    },
    /// The file is larger than the app accepts.
    TooLarge {
        /// The file's size in bytes.
        bytes: u64,
        /// The limit in bytes.
        limit: u64,
    },
}

impl ImportError {
    /// An error without a line.
    pub fn new(kind: ImportErrorKind) -> ImportError {
        ImportError { kind, line: None }
    }

    /// An error on a line.
    pub fn at(kind: ImportErrorKind, line: u32) -> ImportError {
        ImportError {
            kind,
            line: Some(line),
        }
    }

    /// The stable machine-readable code (`empty`, `binary`, …).
    pub fn code(&self) -> &'static str {
        match self.kind {
            ImportErrorKind::Empty => "empty",
            ImportErrorKind::Binary => "binary",
            ImportErrorKind::InvalidText => "invalid_text",
            ImportErrorKind::UnknownFormat => "unknown_format",
            ImportErrorKind::Unsupported { .. } => "unsupported",
            ImportErrorKind::MissingColumn { .. } => "missing_column",
            ImportErrorKind::Unreadable { .. } => "unreadable",
            ImportErrorKind::TooLarge { .. } => "too_large",
        }
    }
}

impl Localized for ImportError {
    fn message(&self, lang: Lang) -> String {
        let text = match (&self.kind, lang) {
            (ImportErrorKind::Empty, Lang::Zh) => "文件是空的。".to_string(),
            (ImportErrorKind::Empty, Lang::En) => "The file is empty.".to_string(),
            (ImportErrorKind::Binary, Lang::Zh) => {
                "这不是文本格式的账单（文件含有二进制数据）。请上传从支付宝、微信或银行导出的 CSV 等账单文件。".to_string()
            }
            (ImportErrorKind::Binary, Lang::En) => {
                "This is not a text statement (the file contains binary data). Upload the CSV or other statement file your wallet or bank exported.".to_string()
            }
            (ImportErrorKind::InvalidText, Lang::Zh) => {
                "无法识别文件的文字编码（既不是 UTF-8 也不是 GBK）。文件可能已损坏或被截断。".to_string()
            }
            (ImportErrorKind::InvalidText, Lang::En) => {
                "The text encoding could not be read (neither UTF-8 nor GBK). The file may be damaged or cut off.".to_string()
            }
            (ImportErrorKind::UnknownFormat, Lang::Zh) => {
                "无法识别这种账单格式。目前支持支付宝导出的交易明细 CSV。".to_string()
            }
            (ImportErrorKind::UnknownFormat, Lang::En) => {
                "This statement layout is not recognised. Alipay transaction CSV exports are supported.".to_string()
            }
            (ImportErrorKind::Unsupported { what }, Lang::Zh) => {
                format!("识别为 {what} 文件，但当前版本还不能读取这种格式。")
            }
            (ImportErrorKind::Unsupported { what }, Lang::En) => {
                format!("Recognised as {what}, which this version cannot read yet.")
            }
            (ImportErrorKind::MissingColumn { column }, Lang::Zh) => {
                format!("找不到“{column}”列，无法读取交易明细。")
            }
            (ImportErrorKind::MissingColumn { column }, Lang::En) => {
                format!("The column “{column}” is missing, so the transactions cannot be read.")
            }
            (ImportErrorKind::Unreadable { detail }, Lang::Zh) => format!("无法打开文件：{detail}"),
            (ImportErrorKind::Unreadable { detail }, Lang::En) => {
                format!("The file could not be opened: {detail}")
            }
            (ImportErrorKind::TooLarge { bytes, limit }, Lang::Zh) => format!(
                "文件太大（{} MB），上限为 {} MB。",
                bytes / 1_000_000,
                limit / 1_000_000
            ),
            (ImportErrorKind::TooLarge { bytes, limit }, Lang::En) => format!(
                "The file is too large ({} MB); the limit is {} MB.",
                bytes / 1_000_000,
                limit / 1_000_000
            ),
        };
        match (self.line, lang) {
            (Some(line), Lang::Zh) => format!("第 {line} 行：{text}"),
            (Some(line), Lang::En) => format!("Line {line}: {text}"),
            (None, _) => text,
        }
    }
}

/// A row that was left out, with its line and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// The 1-based line of the row.
    pub line: u32,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// Why a row was left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SkipReason {
    /// The row has fewer fields than the header needs.
    TooFewFields {
        /// Fields found.
        found: usize,
        /// Fields needed.
        needed: usize,
    },
    /// The time column is not a real date and time.
    BadTime {
        /// The text found.
        text: String,
    },
    /// The amount column is not an exact amount.
    BadAmount {
        /// The text found.
        text: String,
        /// What is wrong with it.
        error: AmountError,
    },
    /// The income/expense column holds a value this program does not know.
    BadDirection {
        /// The text found.
        text: String,
    },
    /// The CSV structure of the row is broken (for example an unclosed quote).
    Malformed {
        /// The CSV reader's description.
        detail: String,
    },
}

impl SkippedRow {
    /// The stable machine-readable code of the reason.
    pub fn code(&self) -> &'static str {
        match self.reason {
            SkipReason::TooFewFields { .. } => "too_few_fields",
            SkipReason::BadTime { .. } => "bad_time",
            SkipReason::BadAmount { .. } => "bad_amount",
            SkipReason::BadDirection { .. } => "bad_direction",
            SkipReason::Malformed { .. } => "malformed",
        }
    }
}

impl Localized for SkippedRow {
    fn message(&self, lang: Lang) -> String {
        match (&self.reason, lang) {
            (SkipReason::TooFewFields { found, needed }, Lang::Zh) => {
                format!("这一行只有 {found} 列，至少需要 {needed} 列。")
            }
            (SkipReason::TooFewFields { found, needed }, Lang::En) => {
                format!("The row has {found} fields; at least {needed} are needed.")
            }
            (SkipReason::BadTime { text }, Lang::Zh) => {
                format!("交易时间“{text}”不是有效的日期时间。")
            }
            (SkipReason::BadTime { text }, Lang::En) => {
                format!("The time “{text}” is not a valid date and time.")
            }
            (SkipReason::BadAmount { text, .. }, Lang::Zh) => format!("金额“{text}”无法准确读取。"),
            (SkipReason::BadAmount { text, .. }, Lang::En) => {
                format!("The amount “{text}” cannot be read exactly.")
            }
            (SkipReason::BadDirection { text }, Lang::Zh) => format!("收/支“{text}”不是已知的值。"),
            (SkipReason::BadDirection { text }, Lang::En) => {
                format!("The income/expense marker “{text}” is not a known value.")
            }
            (SkipReason::Malformed { detail }, Lang::Zh) => format!("CSV 结构有误：{detail}"),
            (SkipReason::Malformed { detail }, Lang::En) => {
                format!("Broken CSV structure: {detail}")
            }
        }
    }
}
