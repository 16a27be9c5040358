//! Bytes to transactions. [`import_file`] recognises the statement from its content, decodes its
//! text in one place ([`decode`]) and hands it to the reader for its layout. Whatever happens, it
//! returns an [`ImportedFile`]: rows read, rows skipped with their lines, or a file-level error.

pub mod alipay;
pub mod amount;
pub mod datetime;
pub mod decode;
pub mod error;
pub mod sniff;
pub mod table;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use decode::TextEncoding;
pub use error::{ImportError, ImportErrorKind, SkipReason, SkippedRow};

use crate::model::Transaction;
use sniff::Sniffed;

/// The largest file accepted, in bytes: several years of Alipay history is about 30 MB.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// A statement layout this program reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// Alipay app export, 2023 and later (24-line preamble).
    #[serde(rename = "alipay")]
    Alipay,
    /// Alipay app export of 2021–22 (banner first, summary after the rows).
    #[serde(rename = "alipay_2021")]
    Alipay2021,
    /// Alipay web export `支付宝交易记录明细查询` (up to about 2022).
    #[serde(rename = "alipay_old")]
    AlipayWeb,
}

impl Format {
    /// The stable identifier used in reports (`alipay`, `alipay_old`, …).
    pub fn id(self) -> &'static str {
        match self {
            Format::Alipay => "alipay",
            Format::Alipay2021 => "alipay_2021",
            Format::AlipayWeb => "alipay_old",
        }
    }

    /// A name to show the user.
    pub fn label(self) -> &'static str {
        match self {
            Format::Alipay => "支付宝 Alipay",
            Format::Alipay2021 => "支付宝 Alipay (2021–22)",
            Format::AlipayWeb => "支付宝 Alipay (web)",
        }
    }
}

/// The dates a statement covers (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

/// What a format reader returns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Rows read, in file order.
    pub transactions: Vec<Transaction>,
    /// Rows left out, with their lines and reasons.
    pub skipped: Vec<SkippedRow>,
    /// The period the file declares, if it declares one.
    pub period: Option<Period>,
    /// The number of rows the file declares, if it declares one.
    pub declared_count: Option<u32>,
}

/// One file after import: never lost, whatever went wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedFile {
    /// The file's base name.
    pub name: Arc<str>,
    /// Its size in bytes.
    pub bytes: u64,
    /// The layout recognised, if any.
    pub format: Option<Format>,
    /// The text encoding, if it was decoded.
    pub encoding: Option<TextEncoding>,
    /// Every row read, in file order.
    pub transactions: Vec<Transaction>,
    /// The period covered: as the file declares it, else from the first to the last row.
    pub period: Option<Period>,
    /// Rows left out.
    pub skipped: Vec<SkippedRow>,
    /// The row count the file declares, when it does (compare with `transactions` + `skipped`).
    pub declared_count: Option<u32>,
    /// Why the file could not be read at all.
    pub error: Option<ImportError>,
}

impl ImportedFile {
    /// A file that could not be read at all.
    pub fn failed(name: Arc<str>, bytes: u64, error: ImportError) -> ImportedFile {
        ImportedFile {
            name,
            bytes,
            format: None,
            encoding: None,
            transactions: Vec::new(),
            period: None,
            skipped: Vec::new(),
            declared_count: None,
            error: Some(error),
        }
    }
}

/// The base name of a path or a browser file name (`C:\a\b.csv` and `/a/b.csv` → `b.csv`).
pub fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Reads one statement file. `name` is the file's name (only its base name is kept); the format
/// comes from the content.
pub fn import_file(name: &str, bytes: &[u8]) -> ImportedFile {
    let name: Arc<str> = Arc::from(base_name(name));
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        let kind = ImportErrorKind::TooLarge {
            bytes: size,
            limit: MAX_FILE_BYTES,
        };
        return ImportedFile::failed(name, size, ImportError::new(kind));
    }
    if let Some(what) = sniff::sniff_bytes(bytes) {
        return import_container(name, bytes, what);
    }
    let decoded = match decode::decode(bytes) {
        Ok(decoded) => decoded,
        Err(error) => return ImportedFile::failed(name, size, error),
    };
    let text = decoded.text.as_str();
    let (format, parsed) = match sniff::sniff_text(text) {
        Sniffed::Readable(format, header) => (format, parse_text(format, &name, text, header)),
        Sniffed::NotYet(what) => {
            let kind = ImportErrorKind::Unsupported {
                what: what.to_string(),
            };
            return ImportedFile::failed(name, size, ImportError::new(kind));
        }
        Sniffed::Unknown => {
            let error = ImportError::new(ImportErrorKind::UnknownFormat);
            return ImportedFile::failed(name, size, error);
        }
    };
    let mut file = finish(name, size, Some(format), parsed);
    file.encoding = Some(decoded.encoding);
    file
}

/// Hands decoded text to the reader of its format. `header` is the line the sniffer found the
/// format's table (or first record) on.
fn parse_text(
    format: Format,
    name: &Arc<str>,
    text: &str,
    header: table::Line<'_>,
) -> Result<Parsed, ImportError> {
    match format {
        Format::Alipay | Format::Alipay2021 | Format::AlipayWeb => {
            alipay::parse(name, text, header)
        }
    }
}

/// Files recognised from their first bytes (`what` from [`sniff::sniff_bytes`]): spreadsheets,
/// archives, documents.
fn import_container(name: Arc<str>, bytes: &[u8], what: &'static str) -> ImportedFile {
    let size = bytes.len() as u64;
    let kind = ImportErrorKind::Unsupported {
        what: what.to_string(),
    };
    ImportedFile::failed(name, size, ImportError::new(kind))
}

/// Turns a reader's result into the file record; the period falls back to the rows' range.
fn finish(
    name: Arc<str>,
    size: u64,
    format: Option<Format>,
    parsed: Result<Parsed, ImportError>,
) -> ImportedFile {
    match parsed {
        Ok(parsed) => {
            let period = parsed.period.or_else(|| period_of(&parsed.transactions));
            ImportedFile {
                name,
                bytes: size,
                format,
                encoding: None,
                transactions: parsed.transactions,
                period,
                skipped: parsed.skipped,
                declared_count: parsed.declared_count,
                error: None,
            }
        }
        Err(error) => {
            let mut file = ImportedFile::failed(name, size, error);
            file.format = format;
            file
        }
    }
}

/// From the first to the last transaction date.
fn period_of(transactions: &[Transaction]) -> Option<Period> {
    let start = transactions.iter().map(|t| t.when.date).min()?;
    let end = transactions.iter().map(|t| t.when.date).max()?;
    Some(Period { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_base_name() {
        for (path, base) in [
            ("alipay.csv", "alipay.csv"),
            ("/home/a/alipay.csv", "alipay.csv"),
            ("C:\\Users\\a\\支付宝.csv", "支付宝.csv"),
        ] {
            assert_eq!(base_name(path), base);
        }
    }

    #[test]
    fn refuses_files_over_the_limit_without_reading_them() {
        // Only the length matters; a zeroed buffer of that size is cheap to allocate lazily.
        let bytes = vec![0u8; (MAX_FILE_BYTES + 1) as usize];
        let file = import_file("big.csv", &bytes);
        assert_eq!(file.error.map(|e| e.code()), Some("too_large"));
    }
}
