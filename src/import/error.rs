//! Errors as data: what went wrong with a file or a row, where, and how to say it to the user.

use serde::{Deserialize, Serialize};

use super::amount::{AmountError, MAX_MINOR};
use crate::lang::{Lang, Localized};
use crate::model::format_minor;

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
    /// A zip archive whose statements are encrypted, opened without a password.
    PasswordRequired,
    /// The password given does not open the archive.
    WrongPassword,
    /// A zip archive that cannot be opened: cut off, corrupt, or packed in a way not supported.
    DamagedArchive {
        /// What the zip reader said.
        detail: String,
    },
    /// An archive that would unpack to more than the app accepts (a "zip bomb", or just too much).
    ZipBomb {
        /// The limit it broke.
        limit: ArchiveLimit,
    },
    /// An archive with no statement in it (nothing, or only folders and hidden files).
    NoStatement,
    /// An archive holding several statements where only one can be returned.
    SeveralStatements {
        /// How many files it holds.
        count: u32,
    },
    /// A zip inside a zip; it is not opened.
    NestedArchive,
    /// A web page (HTML) saved with a spreadsheet or CSV name, as some online banks do.
    WebPage,
    /// A spreadsheet (XLS/XLSX) whose workbook cannot be read.
    BadSpreadsheet {
        /// What the spreadsheet reader said.
        detail: String,
    },
    /// An XML statement with a document type declaration (`<!DOCTYPE`), refused because entity
    /// declarations can expand without bound.
    XmlDoctype,
    /// An XML statement nested deeper than any real statement is.
    XmlTooDeep {
        /// The deepest nesting accepted.
        limit: u32,
    },
    /// An XML statement that is not well-formed XML.
    XmlMalformed {
        /// What the XML reader said.
        detail: String,
    },
}

/// The limit an archive broke when unpacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ArchiveLimit {
    /// All entries together unpack to more than this many bytes.
    TotalBytes {
        /// The limit in bytes.
        limit: u64,
    },
    /// One entry expands more than this many times its compressed size.
    Ratio {
        /// The largest ratio allowed.
        ratio: u64,
    },
    /// The archive lists more entries than this.
    Entries {
        /// The most entries allowed.
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
            ImportErrorKind::PasswordRequired => "password_required",
            ImportErrorKind::WrongPassword => "wrong_password",
            ImportErrorKind::DamagedArchive { .. } => "damaged_archive",
            ImportErrorKind::ZipBomb { .. } => "zip_bomb",
            ImportErrorKind::NoStatement => "no_statement",
            ImportErrorKind::SeveralStatements { .. } => "several_statements",
            ImportErrorKind::NestedArchive => "nested_archive",
            ImportErrorKind::WebPage => "web_page",
            ImportErrorKind::BadSpreadsheet { .. } => "bad_spreadsheet",
            ImportErrorKind::XmlDoctype => "xml_doctype",
            ImportErrorKind::XmlTooDeep { .. } => "xml_too_deep",
            ImportErrorKind::XmlMalformed { .. } => "xml_malformed",
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
                "无法识别这种账单格式：没有找到带日期、金额和交易说明的明细表。支持支付宝、微信支付、各银行导出的 CSV/XLS 明细，以及 OFX、QIF、CAMT.053、MT940。".to_string()
            }
            (ImportErrorKind::UnknownFormat, Lang::En) => {
                "This statement layout is not recognised: no table with a date, an amount and a description was found. Alipay, WeChat Pay, bank CSV/XLS exports, OFX, QIF, CAMT.053 and MT940 are supported.".to_string()
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
                megabytes(*bytes),
                megabytes(*limit)
            ),
            (ImportErrorKind::TooLarge { bytes, limit }, Lang::En) => format!(
                "The file is too large ({} MB); the limit is {} MB.",
                megabytes(*bytes),
                megabytes(*limit)
            ),
            (ImportErrorKind::PasswordRequired, Lang::Zh) => {
                "这个压缩包有密码保护，请输入解压密码（导出账单时收到的密码）。".to_string()
            }
            (ImportErrorKind::PasswordRequired, Lang::En) => {
                "This archive is password-protected. Enter the password you received when you exported the statement.".to_string()
            }
            (ImportErrorKind::WrongPassword, Lang::Zh) => {
                "解压密码不正确（也可能是压缩包已损坏），请核对后重试。".to_string()
            }
            (ImportErrorKind::WrongPassword, Lang::En) => {
                "The password does not open this archive (or the archive is damaged). Check it and try again.".to_string()
            }
            (ImportErrorKind::DamagedArchive { detail }, Lang::Zh) => {
                format!("压缩包已损坏或不完整，无法打开：{detail}")
            }
            (ImportErrorKind::DamagedArchive { detail }, Lang::En) => {
                format!("The archive is damaged or incomplete and cannot be opened: {detail}")
            }
            (ImportErrorKind::ZipBomb { limit }, Lang::Zh) => {
                let why = match limit {
                    ArchiveLimit::TotalBytes { limit } => {
                        format!("解压后超过 {} MB", megabytes(*limit))
                    }
                    ArchiveLimit::Ratio { ratio } => format!("其中的文件压缩比超过 {ratio}:1"),
                    ArchiveLimit::Entries { limit } => format!("包含的文件超过 {limit} 个"),
                };
                format!("压缩包{why}，为安全起见不予打开。请解压后上传其中的账单文件。")
            }
            (ImportErrorKind::ZipBomb { limit }, Lang::En) => {
                let why = match limit {
                    ArchiveLimit::TotalBytes { limit } => {
                        format!("unpacks to more than {} MB", megabytes(*limit))
                    }
                    ArchiveLimit::Ratio { ratio } => {
                        format!("holds a file compressed more than {ratio}:1")
                    }
                    ArchiveLimit::Entries { limit } => format!("holds more than {limit} files"),
                };
                format!("The archive {why}, so it is not opened, to be safe. Unzip it and upload the statement inside.")
            }
            (ImportErrorKind::NoStatement, Lang::Zh) => "压缩包里没有账单文件。".to_string(),
            (ImportErrorKind::NoStatement, Lang::En) => {
                "The archive holds no statement file.".to_string()
            }
            (ImportErrorKind::SeveralStatements { count }, Lang::Zh) => {
                format!("压缩包里有 {count} 个文件，请一次打开整个压缩包或分别上传。")
            }
            (ImportErrorKind::SeveralStatements { count }, Lang::En) => {
                format!("The archive holds {count} files; open the whole archive or upload them one by one.")
            }
            (ImportErrorKind::NestedArchive, Lang::Zh) => {
                "这是压缩包里的另一个压缩包，不会自动打开，请先解压。".to_string()
            }
            (ImportErrorKind::NestedArchive, Lang::En) => {
                "This is an archive inside an archive; it is not opened. Unzip it first.".to_string()
            }
            (ImportErrorKind::WebPage, Lang::Zh) => {
                "这是一个网页（HTML）文件，不是电子表格或 CSV。请在网上银行重新导出为 CSV 或 XLS 格式后再上传。".to_string()
            }
            (ImportErrorKind::WebPage, Lang::En) => {
                "This is a web page (HTML), not a spreadsheet or CSV file. Export the statement again as CSV or XLS and upload that.".to_string()
            }
            (ImportErrorKind::BadSpreadsheet { detail }, Lang::Zh) => {
                format!("电子表格已损坏或无法读取：{detail}")
            }
            (ImportErrorKind::BadSpreadsheet { detail }, Lang::En) => {
                format!("The spreadsheet is damaged or cannot be read: {detail}")
            }
            (ImportErrorKind::XmlDoctype, Lang::Zh) => {
                "这个 XML 文件带有文档类型声明（DOCTYPE），银行账单不会有这种内容；为安全起见不予读取。".to_string()
            }
            (ImportErrorKind::XmlDoctype, Lang::En) => {
                "This XML file has a document type declaration (DOCTYPE), which bank statements never have; it is not read, to be safe.".to_string()
            }
            (ImportErrorKind::XmlTooDeep { limit }, Lang::Zh) => {
                format!("这个 XML 文件的嵌套超过 {limit} 层，不像真实的账单；为安全起见不予读取。")
            }
            (ImportErrorKind::XmlTooDeep { limit }, Lang::En) => format!(
                "This XML file is nested more than {limit} levels deep, unlike any real statement; it is not read, to be safe."
            ),
            (ImportErrorKind::XmlMalformed { detail }, Lang::Zh) => {
                format!("XML 结构有误，文件可能已损坏或被截断：{detail}")
            }
            (ImportErrorKind::XmlMalformed { detail }, Lang::En) => {
                format!("The XML is broken; the file may be damaged or cut off: {detail}")
            }
        };
        match (self.line, lang) {
            (Some(line), Lang::Zh) => format!("第 {line} 行：{text}"),
            (Some(line), Lang::En) => format!("Line {line}: {text}"),
            (None, _) => text,
        }
    }
}

/// A size in megabytes (MiB, as file managers show them) with one decimal, rounded up so that
/// a file just over a limit never shows as the limit itself; whole numbers without the decimal.
fn megabytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    let tenths = bytes.saturating_mul(10).div_ceil(MIB);
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
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
    /// The currency printed for the row is not one this program knows.
    UnknownCurrency {
        /// The text found.
        text: String,
    },
    /// The row has no amount at all (income and expense both empty).
    MissingAmount,
    /// Both the income and the expense column hold an amount, so the direction is unclear.
    TwoAmounts {
        /// The income text.
        income: String,
        /// The expense text.
        expense: String,
    },
    /// A field every transaction needs is absent from the record.
    MissingField {
        /// The field's name as the format spells it (`DTPOSTED`, `BookgDt`, `D` …).
        field: String,
    },
    /// A quote opened on the row is not closed where the row ends, so the lines after it, up to
    /// `through`, were read into it as one broken row.
    UnclosedQuote {
        /// The last line taken into the row.
        through: u32,
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
            SkipReason::UnknownCurrency { .. } => "unknown_currency",
            SkipReason::MissingAmount => "missing_amount",
            SkipReason::TwoAmounts { .. } => "two_amounts",
            SkipReason::MissingField { .. } => "missing_field",
            SkipReason::UnclosedQuote { .. } => "unclosed_quote",
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
            (SkipReason::BadAmount { text, error }, Lang::Zh) => match error {
                AmountError::Overflow => {
                    let limit = format_minor(MAX_MINOR, 2);
                    format!("金额“{text}”超过单笔上限（{limit}），不像真实账单，未读取。")
                }
                AmountError::TooPrecise => {
                    format!("金额“{text}”的小数位数多于该币种的最小单位，无法准确读取。")
                }
                AmountError::Empty | AmountError::Malformed => {
                    format!("金额“{text}”无法准确读取。")
                }
            },
            (SkipReason::BadAmount { text, error }, Lang::En) => match error {
                AmountError::Overflow => format!(
                    "The amount “{text}” is over the limit for one row ({}); no real statement has it, so it was not read.",
                    format_minor(MAX_MINOR, 2)
                ),
                AmountError::TooPrecise => format!(
                    "The amount “{text}” has more decimal places than the currency's smallest unit, so it cannot be read exactly."
                ),
                AmountError::Empty | AmountError::Malformed => {
                    format!("The amount “{text}” cannot be read exactly.")
                }
            },
            (SkipReason::BadDirection { text }, Lang::Zh) => format!("收/支“{text}”不是已知的值。"),
            (SkipReason::BadDirection { text }, Lang::En) => {
                format!("The income/expense marker “{text}” is not a known value.")
            }
            (SkipReason::Malformed { detail }, Lang::Zh) => format!("CSV 结构有误：{detail}"),
            (SkipReason::Malformed { detail }, Lang::En) => {
                format!("Broken CSV structure: {detail}")
            }
            (SkipReason::UnknownCurrency { text }, Lang::Zh) => {
                format!("币种“{text}”不是已知的货币，无法确定金额的单位。")
            }
            (SkipReason::UnknownCurrency { text }, Lang::En) => {
                format!("The currency “{text}” is not known, so the amount cannot be read.")
            }
            (SkipReason::MissingAmount, Lang::Zh) => "这一行没有金额。".to_string(),
            (SkipReason::MissingAmount, Lang::En) => "The row has no amount.".to_string(),
            (SkipReason::TwoAmounts { income, expense }, Lang::Zh) => {
                format!("收入“{income}”和支出“{expense}”都有金额，无法判断资金方向。")
            }
            (SkipReason::TwoAmounts { income, expense }, Lang::En) => format!(
                "Both money in (“{income}”) and money out (“{expense}”) are filled in, so the direction is unclear."
            ),
            (SkipReason::MissingField { field }, Lang::Zh) => {
                format!("这笔交易缺少“{field}”字段。")
            }
            (SkipReason::MissingField { field }, Lang::En) => {
                format!("The transaction has no “{field}” field.")
            }
            (SkipReason::UnclosedQuote { through }, Lang::Zh) => {
                format!("这一行有一个没有闭合的引号，从这一行到第 {through} 行被读成了一行，均未读取。")
            }
            (SkipReason::UnclosedQuote { through }, Lang::En) => format!(
                "A quote opened on this row is never closed, so the lines from here to line {through} ran together into one row; none of them was read."
            ),
        }
    }
}

/// How a file writes numeric dates whose first two parts are both 12 or less.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `01/02/2024` is January 2 (Quicken, US banks).
    MonthDayYear,
    /// `01/02/2024` is February 1 (UK, Europe, most of the world).
    DayMonthYear,
}

/// Something a reader assumed about a whole file that the user should know; the file was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ImportNote {
    /// Every date in the file reads both as month/day and as day/month, so an order was assumed.
    AmbiguousDateOrder {
        /// The order used.
        assumed: DateOrder,
    },
}

impl ImportNote {
    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ImportNote::AmbiguousDateOrder { .. } => "ambiguous_date_order",
        }
    }
}

impl Localized for ImportNote {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportNote::AmbiguousDateOrder { assumed }, Lang::Zh) => {
                let order = match assumed {
                    DateOrder::MonthDayYear => "月/日/年",
                    DateOrder::DayMonthYear => "日/月/年",
                };
                format!("文件里的日期既可以读作“月/日”也可以读作“日/月”，已按“{order}”读取；如果日期看起来不对，原文应是另一种顺序。")
            }
            (ImportNote::AmbiguousDateOrder { assumed }, Lang::En) => {
                let order = match assumed {
                    DateOrder::MonthDayYear => "month/day/year",
                    DateOrder::DayMonthYear => "day/month/year",
                };
                format!("Every date in the file reads both as month/day and as day/month; they were read as {order}. If the dates look wrong, the other order was meant.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_sizes_in_megabytes_rounded_up() {
        const MIB: u64 = 1024 * 1024;
        for (bytes, text) in [
            (100 * MIB, "100"),
            (100 * MIB + 1, "100.1"),
            (MIB / 2, "0.5"),
            (1, "0.1"),
            (0, "0"),
            (u64::MAX, "1759218604441.6"),
        ] {
            assert_eq!(megabytes(bytes), text, "{bytes}");
        }
    }
}
