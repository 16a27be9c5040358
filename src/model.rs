//! The data every other module shares: money, time, direction and the transaction itself.
//!
//! Amounts are integer minor units (fen, cents) so sums and comparisons are exact. Times are the
//! local date and time printed on the statement together with the UTC offset of that local time,
//! so a row can always be shown as the user sees it in their export and still be ordered against
//! rows from a statement kept in another zone.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// An ISO 4217 currency code such as `CNY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Chinese yuan renminbi, the currency of every Alipay and WeChat Pay export.
    pub const CNY: Currency = Currency(*b"CNY");

    /// ISO 4217 `XXX`, "no currency": for statements that do not say (QIF, some bank CSVs).
    pub const UNSPECIFIED: Currency = Currency(*b"XXX");

    /// Builds a currency from a three-letter code, upper-casing it; `None` if it is not three
    /// ASCII letters.
    pub fn from_code(code: &str) -> Option<Currency> {
        let bytes = code.trim().as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        Some(Currency([
            bytes[0].to_ascii_uppercase(),
            bytes[1].to_ascii_uppercase(),
            bytes[2].to_ascii_uppercase(),
        ]))
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // The constructor only admits ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// How many decimal digits the minor unit has (2 for CNY, 0 for JPY).
    pub fn minor_digits(&self) -> u32 {
        match self.code() {
            "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "HUF" | "TWD" | "UGX" | "XAF" | "XOF" => 0,
            "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "IQD" | "LYD" => 3,
            _ => 2,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("not a currency code: {code:?}")))
    }
}

/// An amount of money in integer minor units of its currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount in minor units (fen for CNY); statements' amounts are never negative here,
    /// the sign lives in [`Direction`].
    pub minor: i64,
    /// The currency of the amount.
    pub currency: Currency,
}

impl Money {
    /// Creates an amount from minor units.
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }
}

impl fmt::Display for Money {
    /// Formats as `29.90 CNY`: a plain decimal with the currency's minor digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            format_minor(self.minor, self.currency.minor_digits()),
            self.currency
        )
    }
}

/// Formats minor units as a decimal string with `digits` fraction digits (`2990` → `29.90`).
pub fn format_minor(minor: i64, digits: u32) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(digits);
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = digits as usize
    )
}

/// Which way money moved, as the statement itself says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Money left the account (支出).
    Debit,
    /// Money came in (收入).
    Credit,
    /// Neither income nor spending in the statement's own terms (不计收支, 中性交易): transfers
    /// between one's own accounts, top-ups, refunds in newer Alipay exports.
    Neutral,
}

/// What became of a transaction, from the statement's status column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    /// Completed: money moved.
    Succeeded,
    /// Still open (awaiting confirmation of receipt, processing).
    Pending,
    /// Closed or cancelled; in Alipay a fully refunded order also ends up closed.
    Closed,
    /// This row is a refund.
    Refunded,
    /// The payment failed.
    Failed,
    /// A status this program does not know; the raw text is kept beside it.
    Other,
}

/// Where a transaction came from: the file's base name and the 1-based physical line of its row
/// in the decoded text (header line counted), or the 1-based row of a spreadsheet.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// The file's base name, as the browser's `File.name` gives it.
    pub file: Arc<str>,
    /// 1-based line (or spreadsheet row).
    pub line: u32,
}

/// A point in time as the statement printed it: its local date, its local time when the statement
/// has one, and the UTC offset of that local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LocalTime {
    /// The local calendar date.
    pub date: NaiveDate,
    /// The local wall-clock time, when the statement gives one.
    pub time: Option<NaiveTime>,
    /// Offset from UTC in seconds (China statements: +28800).
    pub utc_offset_seconds: i32,
}

impl LocalTime {
    /// UTC+8, the zone of Alipay, WeChat Pay and mainland bank statements (no daylight saving).
    pub const CHINA_OFFSET_SECONDS: i32 = 8 * 3600;

    /// A China-local date and time.
    pub fn china(datetime: NaiveDateTime) -> LocalTime {
        LocalTime {
            date: datetime.date(),
            time: Some(datetime.time()),
            utc_offset_seconds: Self::CHINA_OFFSET_SECONDS,
        }
    }

    /// The instant this denotes; a date without time is taken at local midnight.
    pub fn instant(&self) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(self.utc_offset_seconds)
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset is valid"));
        let naive = self.date.and_time(self.time.unwrap_or(NaiveTime::MIN));
        naive
            .and_local_timezone(offset)
            .single()
            .expect("a fixed offset maps every local time to one instant")
    }
}

impl fmt::Display for LocalTime {
    /// `2026-09-28 19:09:37`, or the date alone: the statement's own local time.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            Some(time) => write!(f, "{} {}", self.date, time.format("%H:%M:%S")),
            None => write!(f, "{}", self.date),
        }
    }
}

/// One row of a statement, read exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    /// The file and line it was read from.
    pub source: SourceRef,
    /// When it happened (the statement's transaction time).
    pub when: LocalTime,
    /// Which way money moved.
    pub direction: Direction,
    /// The amount, never negative.
    pub amount: Money,
    /// Who was paid or who paid (交易对方), trimmed.
    pub counterparty: String,
    /// The counterparty's account as printed (often masked), if any.
    pub counterparty_account: Option<String>,
    /// What was bought or why (商品说明), trimmed.
    pub description: String,
    /// The statement's own category (交易分类 / 交易类型), if any.
    pub category: Option<String>,
    /// The status as printed (交易状态).
    pub status: String,
    /// The status, classified.
    pub status_kind: StatusKind,
    /// How it was paid or where it was received (收/付款方式): 余额, 花呗, 招商银行信用卡(1234)…
    pub payment_method: Option<String>,
    /// The platform's transaction or order number.
    pub order_id: Option<String>,
    /// The merchant's own order number.
    pub merchant_order_id: Option<String>,
    /// The remark column, if not empty.
    pub note: Option<String>,
}

impl Transaction {
    /// The amount with the sign of its direction: negative for debits, zero for neutral rows.
    pub fn signed_minor(&self) -> i64 {
        match self.direction {
            Direction::Debit => -self.amount.minor,
            Direction::Credit => self.amount.minor,
            Direction::Neutral => 0,
        }
    }
}

/// Dates in JSON as `YYYY-MM-DD` text, the form chrono writes, read back by a parser made for
/// that one form. The page reads every date it is sent through this, so that chrono's general
/// parser (every format, every field) stays out of its download. Use with
/// `#[serde(with = "crate::model::iso_date")]`.
pub mod iso_date {
    use chrono::NaiveDate;
    use serde::de::{Error, Unexpected};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Reads `2026-01-05`; years outside 0–9999 carry a sign (`+10000-01-01`, `-0001-12-31`),
    /// as chrono writes them. Anything else, or a day the calendar lacks, is `None`.
    pub fn parse(text: &str) -> Option<NaiveDate> {
        let (sign, rest) = match text.as_bytes().first()? {
            b'+' => (1, &text[1..]),
            b'-' => (-1, &text[1..]),
            _ => (1, text),
        };
        let mut parts = rest.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        let well_formed = parts.next().is_none()
            && digits(year)
            && year.len() >= 4
            && (year.len() == 4 || rest.len() != text.len())
            && digits(month)
            && month.len() == 2
            && digits(day)
            && day.len() == 2;
        if !well_formed {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        NaiveDate::from_ymd_opt(sign * year, month.parse().ok()?, day.parse().ok()?)
    }

    /// Writes the date as chrono does.
    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    /// Reads a date written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        read(&String::deserialize(deserializer)?)
    }

    /// [`parse`], with the error a deserializer reports.
    fn read<E: Error>(text: &str) -> Result<NaiveDate, E> {
        parse(text).ok_or_else(|| E::invalid_value(Unexpected::Str(text), &"a date as YYYY-MM-DD"))
    }

    /// The same for an optional date (`null` when absent).
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes the date as chrono does, or `null`.
        pub fn serialize<S: Serializer>(
            date: &Option<NaiveDate>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => serializer.serialize_some(&date.to_string()),
                None => serializer.serialize_none(),
            }
        }

        /// Reads a date written by [`serialize`], or `null`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<NaiveDate>, D::Error> {
            Option::<String>::deserialize(deserializer)?
                .map(|text| super::read(&text))
                .transpose()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_read_back_what_chrono_writes() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cases: [(&str, Option<NaiveDate>); 16] = [
            ("2026-01-05", Some(day(2026, 1, 5))),
            ("0001-01-01", Some(day(1, 1, 1))),
            ("9999-12-31", Some(day(9999, 12, 31))),
            ("+10000-01-01", Some(day(10000, 1, 1))),
            ("-0001-12-31", Some(day(-1, 12, 31))),
            ("+2026-01-05", Some(day(2026, 1, 5))),
            ("2026-02-29", None),
            ("2026-13-01", None),
            ("2026-1-05", None),
            ("26-01-05", None),
            ("20260-01-05", None),
            ("2026-01-05 ", None),
            ("2026/01/05", None),
            ("2026-01-05-01", None),
            ("", None),
            ("-", None),
        ];
        for (text, date) in cases {
            assert_eq!(iso_date::parse(text), date, "{text:?}");
        }
        // Every date chrono can write in a wide span reads back as itself.
        let mut date = day(-2, 1, 1);
        while date < day(10002, 1, 1) {
            assert_eq!(iso_date::parse(&date.to_string()), Some(date), "{date}");
            date = date + chrono::Days::new(97);
        }
        assert_eq!(
            iso_date::parse(&NaiveDate::MAX.to_string()),
            Some(NaiveDate::MAX)
        );
        assert_eq!(
            iso_date::parse(&NaiveDate::MIN.to_string()),
            Some(NaiveDate::MIN)
        );
    }

    #[test]
    fn iso_dates_in_json_match_chrono() {
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        struct Ours {
            #[serde(with = "iso_date")]
            day: NaiveDate,
            #[serde(with = "iso_date::option", default)]
            next: Option<NaiveDate>,
        }
        #[derive(Serialize)]
        struct Chrono {
            day: NaiveDate,
            next: Option<NaiveDate>,
        }
        let day = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        for next in [None, Some(NaiveDate::from_ymd_opt(12345, 6, 7).unwrap())] {
            let ours = serde_json::to_string(&Ours { day, next }).unwrap();
            assert_eq!(ours, serde_json::to_string(&Chrono { day, next }).unwrap());
            assert_eq!(
                serde_json::from_str::<Ours>(&ours).unwrap(),
                Ours { day, next }
            );
        }
        let missing: Ours = serde_json::from_str(r#"{"day":"2026-03-09"}"#).unwrap();
        assert_eq!(missing.next, None);
        let error = serde_json::from_str::<Ours>(r#"{"day":"2026-02-30"}"#).unwrap_err();
        assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
    }

    #[test]
    fn formats_minor_units() {
        for (minor, digits, text) in [
            (2990, 2, "29.90"),
            (1, 2, "0.01"),
            (0, 2, "0.00"),
            (-505, 2, "-5.05"),
            (1000, 0, "1000"),
            (1234, 3, "1.234"),
            (i64::MIN, 2, "-92233720368547758.08"),
        ] {
            assert_eq!(
                format_minor(minor, digits),
                text,
                "{minor} with {digits} digits"
            );
        }
    }

    #[test]
    fn currency_codes() {
        assert_eq!(Currency::from_code("cny"), Some(Currency::CNY));
        assert_eq!(Currency::from_code("CN"), None);
        assert_eq!(Currency::from_code("C1Y"), None);
        assert_eq!(Currency::from_code("JPY").unwrap().minor_digits(), 0);
        assert_eq!(Money::new(2990, Currency::CNY).to_string(), "29.90 CNY");
    }

    #[test]
    fn china_time_is_utc_plus_eight() {
        let local = NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(7, 30, 0)
            .unwrap();
        let when = LocalTime::china(local);
        assert_eq!(when.instant().to_rfc3339(), "2026-01-01T07:30:00+08:00");
        assert_eq!(
            when.instant().naive_utc().to_string(),
            "2025-12-31 23:30:00"
        );
        assert_eq!(when.to_string(), "2026-01-01 07:30:00");
    }
}
