//! Bytes to transactions. [`import_file`] recognises the statement from its content, decodes its
//! text in one place ([`decode`]) and hands it to the reader for its layout. Whatever happens, it
//! returns an [`ImportedFile`]: rows read, rows skipped with their lines, or a file-level error.

pub mod alipay;
pub mod amount;
pub mod archive;
pub mod bank;
pub mod bank_en;
pub mod camt;
pub mod compound;
pub mod datetime;
pub mod decode;
pub mod error;
pub mod generic;
pub mod mt940;
pub mod ofx;
pub mod qif;
pub mod sniff;
pub mod table;
pub mod wechat;
pub mod xls;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use archive::import_files;
pub use decode::TextEncoding;
pub use error::{ArchiveLimit, ImportError, ImportErrorKind, SkipReason, SkippedRow};
pub use error::{DateOrder, ImportNote};
pub use generic::{header_shape, import_file_with_mapping, ColumnMapping};

use crate::lang::{Lang, Localized};
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
    /// WeChat Pay CSV export (UTF-8 with BOM, header on line 17; up to mid-2025).
    #[serde(rename = "wechat_csv")]
    WechatCsv,
    /// WeChat Pay XLSX export (from mid-2025; header on row 17, or 18 from 2026-03).
    #[serde(rename = "wechat_xlsx")]
    WechatXlsx,
    /// OFX/QFX bank and card statements, 1.x SGML or 2.x XML.
    #[serde(rename = "ofx")]
    Ofx,
    /// QIF (Quicken Interchange Format).
    #[serde(rename = "qif")]
    Qif,
    /// ISO 20022 CAMT.053 statements (and CAMT.052 reports, CAMT.054 notifications).
    #[serde(rename = "camt053")]
    Camt053,
    /// SWIFT MT940 statements.
    #[serde(rename = "mt940")]
    Mt940,
    /// A bank's CSV export with an English header (`Date,Description,Amount,Balance` …).
    #[serde(rename = "bank_en")]
    BankEn,
    /// CMB 招商银行 一卡通 (debit card) export.
    #[serde(rename = "bank_cn")]
    BankCn,
    /// CMB 招商银行 credit-card statement.
    #[serde(rename = "cmb_credit")]
    CmbCredit,
    /// ICBC 工商银行 debit card 明细 (v1 and v2).
    #[serde(rename = "icbc")]
    Icbc,
    /// ICBC 工商银行 credit card 明细.
    #[serde(rename = "icbc_credit")]
    IcbcCredit,
    /// CCB 建设银行 交易明细 (XLS or CSV).
    #[serde(rename = "ccb")]
    Ccb,
    /// BOC 中国银行 交易流水 (debit).
    #[serde(rename = "boc")]
    Boc,
    /// BOC 中国银行 credit-card statement.
    #[serde(rename = "boc_credit")]
    BocCredit,
    /// ABC 农业银行 account details.
    #[serde(rename = "abc")]
    Abc,
    /// BOCOM 交通银行 debit card details.
    #[serde(rename = "bocom")]
    Bocom,
    /// BOCOM 交通银行 credit-card statement.
    #[serde(rename = "bocom_credit")]
    BocomCredit,
    /// CITIC 中信银行 credit-card 本期账单明细.
    #[serde(rename = "citic")]
    Citic,
    /// SPDB 浦发银行 debit card details.
    #[serde(rename = "spdb")]
    Spdb,
    /// SPDB 浦发银行 credit-card details.
    #[serde(rename = "spdb_credit")]
    SpdbCredit,
    /// CGB 广发银行 credit-card statement.
    #[serde(rename = "cgb_credit")]
    CgbCredit,
    /// CIB 兴业银行 交易明细 (debit).
    #[serde(rename = "cib")]
    Cib,
    /// Any other bank CSV or spreadsheet, read with a guessed (or user-given) column mapping.
    #[serde(rename = "generic_csv")]
    GenericCsv,
}

impl Format {
    /// The stable identifier used in reports (`alipay`, `alipay_old`, …).
    pub fn id(self) -> &'static str {
        match self {
            Format::Alipay => "alipay",
            Format::Alipay2021 => "alipay_2021",
            Format::AlipayWeb => "alipay_old",
            Format::WechatCsv => "wechat_csv",
            Format::WechatXlsx => "wechat_xlsx",
            Format::Ofx => "ofx",
            Format::Qif => "qif",
            Format::Camt053 => "camt053",
            Format::Mt940 => "mt940",
            Format::BankEn => "bank_en",
            Format::BankCn => "bank_cn",
            Format::CmbCredit => "cmb_credit",
            Format::Icbc => "icbc",
            Format::IcbcCredit => "icbc_credit",
            Format::Ccb => "ccb",
            Format::Boc => "boc",
            Format::BocCredit => "boc_credit",
            Format::Abc => "abc",
            Format::Bocom => "bocom",
            Format::BocomCredit => "bocom_credit",
            Format::Citic => "citic",
            Format::Spdb => "spdb",
            Format::SpdbCredit => "spdb_credit",
            Format::CgbCredit => "cgb_credit",
            Format::Cib => "cib",
            Format::GenericCsv => "generic_csv",
        }
    }

    /// A name to show the user.
    pub fn label(self) -> &'static str {
        match self {
            Format::Alipay => "支付宝 Alipay",
            Format::Alipay2021 => "支付宝 Alipay (2021–22)",
            Format::AlipayWeb => "支付宝 Alipay (web)",
            Format::WechatCsv => "微信支付 WeChat Pay (CSV)",
            Format::WechatXlsx => "微信支付 WeChat Pay (XLSX)",
            Format::Ofx => "OFX/QFX 银行对账单 bank statement",
            Format::Qif => "QIF (Quicken)",
            Format::Camt053 => "CAMT.053 (ISO 20022)",
            Format::Mt940 => "MT940 (SWIFT)",
            Format::BankEn => "银行账单 Bank statement (CSV, English)",
            Format::BankCn => "招商银行 一卡通 CMB debit card",
            Format::CmbCredit => "招商银行信用卡 CMB credit card",
            Format::Icbc => "工商银行 ICBC debit card",
            Format::IcbcCredit => "工商银行信用卡 ICBC credit card",
            Format::Ccb => "建设银行 CCB",
            Format::Boc => "中国银行 BOC",
            Format::BocCredit => "中国银行信用卡 BOC credit card",
            Format::Abc => "农业银行 ABC",
            Format::Bocom => "交通银行 BOCOM",
            Format::BocomCredit => "交通银行信用卡 BOCOM credit card",
            Format::Citic => "中信银行信用卡 CITIC credit card",
            Format::Spdb => "浦发银行 SPDB",
            Format::SpdbCredit => "浦发银行信用卡 SPDB credit card",
            Format::CgbCredit => "广发银行信用卡 CGB credit card",
            Format::Cib => "兴业银行 CIB",
            Format::GenericCsv => "银行账单 Bank statement (guessed columns)",
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
    /// What the reader had to assume about the whole file (an ambiguous date order …).
    pub notes: Vec<ImportNote>,
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
    /// For a `generic_csv` file, the column mapping that was guessed (or given); the UI lets the
    /// user correct it and read the file again with [`import_file_with_mapping`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<ColumnMapping>,
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
            mapping: None,
        }
    }

    /// Why the file could not be read, as the user should see it: the file's name, the line when
    /// known, and what went wrong, in `lang`. `None` when the file was read.
    pub fn error_message(&self, lang: Lang) -> Option<String> {
        let error = self.error.as_ref()?;
        let text = error.message(lang);
        Some(match lang {
            Lang::Zh => format!("{}：{text}", self.name),
            Lang::En => format!("{}: {text}", self.name),
        })
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
    let decoded = match decode::decode_for(bytes, sniff::is_western) {
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
        Sniffed::WebPage => {
            let error = ImportError::new(ImportErrorKind::WebPage);
            return ImportedFile::failed(name, size, error);
        }
    };
    let mut file = finish(name, size, Some(format), parsed);
    file.encoding = Some(decoded.encoding);
    if format == Format::GenericCsv {
        file.mapping = generic::guess_text(text);
    }
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
        Format::WechatCsv => wechat::parse_csv(name, text, header),
        // Read from the workbook in `import_container`, never from text.
        Format::WechatXlsx => Err(ImportError::new(ImportErrorKind::UnknownFormat)),
        Format::Ofx => ofx::parse(name, text, header),
        Format::Qif => qif::parse(name, text, header),
        Format::Camt053 => camt::parse(name, text, header),
        Format::Mt940 => mt940::parse(name, text, header),
        Format::BankEn => bank_en::parse(name, text, header),
        Format::BankCn
        | Format::CmbCredit
        | Format::Icbc
        | Format::IcbcCredit
        | Format::Ccb
        | Format::Boc
        | Format::BocCredit
        | Format::Abc
        | Format::Bocom
        | Format::BocomCredit
        | Format::Citic
        | Format::Spdb
        | Format::SpdbCredit
        | Format::CgbCredit
        | Format::Cib => bank::parse(name, text, header),
        Format::GenericCsv => generic::parse(name, text, header),
    }
}

/// Files recognised from their first bytes (`what` from [`sniff::sniff_bytes`]): spreadsheets,
/// archives, documents.
fn import_container(name: Arc<str>, bytes: &[u8], what: &'static str) -> ImportedFile {
    let size = bytes.len() as u64;
    if matches!(what, "zip" | "xlsx") {
        if !archive::is_workbook(bytes) {
            return archive::import_single(name, bytes);
        }
        if let Err(error) = archive::check_workbook(bytes) {
            return ImportedFile::failed(name, size, error);
        }
        return match wechat::parse_xlsx(&name, bytes) {
            Ok(Some(parsed)) => finish(name, size, Some(Format::WechatXlsx), Ok(parsed)),
            Ok(None) => match xls::import_xlsx(name, bytes) {
                Ok(file) => file,
                Err(name) => {
                    let kind = ImportErrorKind::Unsupported {
                        what: "xlsx spreadsheet".to_string(),
                    };
                    ImportedFile::failed(name, size, ImportError::new(kind))
                }
            },
            Err(error) => {
                let wechat = matches!(error.kind, ImportErrorKind::MissingColumn { .. });
                finish(name, size, wechat.then_some(Format::WechatXlsx), Err(error))
            }
        };
    }
    if what == "xls" {
        return xls::import(name, bytes);
    }
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
                mapping: None,
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
