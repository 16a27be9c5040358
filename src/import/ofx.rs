//! OFX and QFX statements (Open Financial Exchange) from banks and card issuers.
//!
//! One tolerant tokenizer reads every variant: version 1.x SGML (a `KEY:VALUE` header, leaf
//! elements that are never closed, the whole body on one line or indented, blank lines before
//! the header), version 2.x XML (`<?xml …?><?OFX …?>`, closed leaves, CDATA) and the mixture some
//! banks send (an XML prolog over an SGML body). QFX is OFX with a few Intuit tags and reads the
//! same. Bank (`STMTRS`), credit-card (`CCSTMTRS`) and the cash lines of investment statements
//! are read, several accounts per file.
//!
//! Each `STMTTRN` is one transaction at the line where it starts. The sign of `TRNAMT` decides
//! the direction (never `TRNTYPE`, which banks fill loosely); the currency is the statement's
//! `CURDEF` unless the transaction names its own in `CURRENCY`; times keep the offset the file
//! states (`[-5:EST]`) and are UTC when it states none.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use super::amount::{parse_minor, AmountError};
use super::error::{ImportError, SkipReason, SkippedRow};
use super::table::{self, Line};
use super::{Parsed, Period};
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

/// How far into the text the markers are looked for.
const SNIFF_CHARS: usize = 4096;

/// Recognises an OFX or QFX file: an `OFXHEADER` header block (possibly after blank lines), an
/// `<?OFX …?>` processing instruction after an XML prolog, or a body that starts at `<OFX>`.
/// Returns the first non-blank line.
pub fn detect(text: &str) -> Option<Line<'_>> {
    let first = table::lines(text).find(|line| !table::clean(line.text).is_empty())?;
    let start = table::clean(first.text);
    let head: String = text[first.offset..]
        .chars()
        .take(SNIFF_CHARS)
        .collect::<String>()
        .to_ascii_uppercase();
    let upper_start = start.to_ascii_uppercase();
    let is_ofx = upper_start.starts_with("OFXHEADER")
        || upper_start.starts_with("<OFX>")
        || (upper_start.starts_with("<?XML") && (head.contains("<?OFX") || head.contains("<OFX>")));
    is_ofx.then_some(first)
}

/// Reads every transaction of an OFX/QFX text. `_header` is the first line [`detect`] found; the
/// whole text is read so that line numbers stay physical.
pub fn parse(file: &Arc<str>, text: &str, _header: Line<'_>) -> Result<Parsed, ImportError> {
    let mut reader = Reader::new(Arc::clone(file));
    let mut tokens = Tokenizer::new(text);
    while let Some(token) = tokens.next_token() {
        reader.token(token);
    }
    reader.finish_everything();
    let mut parsed = Parsed {
        transactions: reader.transactions,
        skipped: reader.skipped,
        ..Parsed::default()
    };
    parsed.period = match (reader.period_start, reader.period_end) {
        (Some(start), Some(end)) if start <= end => Some(Period { start, end }),
        _ => None,
    };
    Ok(parsed)
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// One piece of OFX markup.
#[derive(Debug, PartialEq, Eq)]
enum Token<'t> {
    /// `<NAME>` (name upper-cased) and the line it starts on.
    Open(String, u32),
    /// `</NAME>` (name upper-cased); also sent after a self-closing `<NAME/>`.
    Close(String),
    /// Character data with entities resolved, or the content of a CDATA section.
    Text(Cow<'t, str>),
}

/// Splits SGML or XML OFX into tokens without ever failing: markup it does not understand is
/// skipped, a `<` that opens no tag is text.
struct Tokenizer<'t> {
    text: &'t str,
    pos: usize,
    line: u32,
    /// A `Close` owed for a self-closing tag.
    pending_close: Option<String>,
}

impl<'t> Tokenizer<'t> {
    fn new(text: &'t str) -> Tokenizer<'t> {
        Tokenizer {
            text,
            pos: 0,
            line: 1,
            pending_close: None,
        }
    }

    /// Moves to byte `to`, counting the line ends passed.
    fn advance(&mut self, to: usize) {
        let to = to.min(self.text.len());
        self.line += self.text.as_bytes()[self.pos..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32;
        self.pos = to;
    }

    /// Skips past the first `end` after the current position (or to the end of the text).
    fn skip_past(&mut self, end: &str) {
        let to = self.text[self.pos..]
            .find(end)
            .map_or(self.text.len(), |i| self.pos + i + end.len());
        self.advance(to);
    }

    fn next_token(&mut self) -> Option<Token<'t>> {
        if let Some(name) = self.pending_close.take() {
            return Some(Token::Close(name));
        }
        loop {
            let rest = &self.text[self.pos..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').map_or(self.text.len(), |i| self.pos + i);
                let raw = &self.text[self.pos..end];
                self.advance(end);
                if raw.trim().is_empty() {
                    continue;
                }
                return Some(Token::Text(decode_entities(raw)));
            }
            if rest.starts_with("<!--") {
                self.skip_past("-->");
                continue;
            }
            if let Some(after) = rest.strip_prefix("<![CDATA[") {
                let start = self.pos + "<![CDATA[".len();
                let (content, to) = match after.find("]]>") {
                    Some(i) => (&self.text[start..start + i], start + i + 3),
                    None => (&self.text[start..], self.text.len()),
                };
                self.advance(to);
                return Some(Token::Text(Cow::Borrowed(content)));
            }
            if rest.starts_with("<?") {
                self.skip_past("?>");
                continue;
            }
            if rest.starts_with("<!") {
                self.skip_past(">");
                continue;
            }
            let closing = rest.starts_with("</");
            let name_start = if closing { 2 } else { 1 };
            let name_len = rest[name_start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-'))
                .unwrap_or(rest.len() - name_start);
            if name_len == 0 {
                // A lone `<` in text.
                let end = rest[1..]
                    .find('<')
                    .map_or(self.text.len(), |i| self.pos + 1 + i);
                let raw = &self.text[self.pos..end];
                self.advance(end);
                return Some(Token::Text(decode_entities(raw)));
            }
            let name = rest[name_start..name_start + name_len].to_ascii_uppercase();
            let line = self.line;
            let Some(close) = rest.find('>') else {
                // An unterminated tag at the end of the text.
                self.advance(self.text.len());
                return None;
            };
            let self_closing = !closing && rest[..close].ends_with('/');
            self.advance(self.pos + close + 1);
            if closing {
                return Some(Token::Close(name));
            }
            if self_closing {
                self.pending_close = Some(name.clone());
            }
            return Some(Token::Open(name, line));
        }
    }
}

/// Resolves the character entities OFX files use (`&amp;`, `&lt;`, numeric references …); an
/// unknown entity stays as written.
fn decode_entities(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| resolve_entity(&after[..semi]).map(|c| (c, semi)));
        match entity {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn resolve_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Structure

/// The aggregates (elements with children) whose nesting matters here. Every other element is a
/// leaf whose value is the text after its start tag.
const AGGREGATES: &[&str] = &[
    "OFX",
    "SIGNONMSGSRSV1",
    "SONRS",
    "STATUS",
    "FI",
    "BANKMSGSRSV1",
    "STMTTRNRS",
    "STMTRS",
    "BANKACCTFROM",
    "BANKACCTTO",
    "BANKTRANLIST",
    "STMTTRN",
    "PAYEE",
    "CURRENCY",
    "ORIGCURRENCY",
    "LEDGERBAL",
    "AVAILBAL",
    "BALLIST",
    "BAL",
    "CREDITCARDMSGSRSV1",
    "CCSTMTTRNRS",
    "CCSTMTRS",
    "CCACCTFROM",
    "CCACCTTO",
    "INVSTMTMSGSRSV1",
    "INVSTMTTRNRS",
    "INVSTMTRS",
    "INVACCTFROM",
    "INVTRANLIST",
    "INVBANKTRAN",
    "INVPOSLIST",
    "INVBAL",
];

/// The statement aggregates: each holds one account's currency, account and transactions.
const STATEMENTS: &[&str] = &["STMTRS", "CCSTMTRS", "INVSTMTRS"];

/// A `STMTTRN` as written, before it is checked.
#[derive(Debug, Default)]
struct RawTransaction {
    line: u32,
    trntype: String,
    posted: String,
    user_date: String,
    amount: String,
    fitid: String,
    name: String,
    payee_name: String,
    memo: String,
    checknum: String,
    refnum: String,
    currency: String,
    orig_currency: String,
    orig_rate: String,
    counter_account: String,
}

/// One statement aggregate being read.
#[derive(Debug, Default)]
struct Statement {
    currency: String,
    account: String,
    transactions: Vec<RawTransaction>,
}

/// Turns tokens into transactions.
struct Reader {
    file: Arc<str>,
    /// Open aggregates, outermost first.
    stack: Vec<&'static str>,
    /// The leaf whose value is being collected, and the value so far.
    leaf: Option<(String, String)>,
    statement: Option<Statement>,
    transaction: Option<RawTransaction>,
    /// The last `CURDEF` seen anywhere: for transactions outside a statement aggregate.
    any_currency: String,
    transactions: Vec<Transaction>,
    skipped: Vec<SkippedRow>,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
}

impl Reader {
    fn new(file: Arc<str>) -> Reader {
        Reader {
            file,
            stack: Vec::new(),
            leaf: None,
            statement: None,
            transaction: None,
            any_currency: String::new(),
            transactions: Vec::new(),
            skipped: Vec::new(),
            period_start: None,
            period_end: None,
        }
    }

    fn token(&mut self, token: Token<'_>) {
        match token {
            Token::Open(name, line) => {
                self.finish_leaf();
                match AGGREGATES.iter().find(|a| **a == name) {
                    Some(&aggregate) => self.open(aggregate, line),
                    None => self.leaf = Some((name, String::new())),
                }
            }
            Token::Text(text) => {
                if let Some((_, value)) = &mut self.leaf {
                    value.push_str(&text);
                }
            }
            Token::Close(name) => {
                self.finish_leaf();
                if let Some(depth) = self.stack.iter().rposition(|a| *a == name) {
                    self.close_to(depth);
                }
            }
        }
    }

    fn open(&mut self, aggregate: &'static str, line: u32) {
        // No OFX aggregate nests inside itself: a second start closes the first (SGML files
        // that forget an end tag).
        if let Some(depth) = self.stack.iter().rposition(|a| *a == aggregate) {
            self.close_to(depth);
        }
        self.stack.push(aggregate);
        if STATEMENTS.contains(&aggregate) {
            self.finish_statement();
            self.statement = Some(Statement::default());
        } else if aggregate == "STMTTRN" {
            self.transaction = Some(RawTransaction {
                line,
                ..RawTransaction::default()
            });
        }
    }

    /// Closes the aggregates from `depth` inward.
    fn close_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            let Some(aggregate) = self.stack.pop() else {
                break;
            };
            if aggregate == "STMTTRN" {
                self.finish_transaction();
            } else if STATEMENTS.contains(&aggregate) {
                self.finish_statement();
            }
        }
    }

    fn finish_everything(&mut self) {
        self.finish_leaf();
        self.close_to(0);
        self.finish_transaction();
        self.finish_statement();
    }

    fn innermost(&self) -> &'static str {
        self.stack.last().copied().unwrap_or("")
    }

    fn finish_leaf(&mut self) {
        let Some((name, value)) = self.leaf.take() else {
            return;
        };
        let value = value.trim().to_string();
        let innermost = self.innermost();
        if let Some(t) = &mut self.transaction {
            let slot = match (innermost, name.as_str()) {
                ("PAYEE", "NAME") => &mut t.payee_name,
                ("CURRENCY", "CURSYM") => &mut t.currency,
                ("ORIGCURRENCY", "CURSYM") => &mut t.orig_currency,
                ("ORIGCURRENCY", "CURRATE") => &mut t.orig_rate,
                ("BANKACCTTO" | "CCACCTTO", "ACCTID") => &mut t.counter_account,
                ("STMTTRN", "TRNTYPE") => &mut t.trntype,
                ("STMTTRN", "DTPOSTED") => &mut t.posted,
                ("STMTTRN", "DTUSER") => &mut t.user_date,
                ("STMTTRN", "TRNAMT") => &mut t.amount,
                ("STMTTRN", "FITID") => &mut t.fitid,
                ("STMTTRN", "NAME") => &mut t.name,
                ("STMTTRN", "MEMO") => &mut t.memo,
                ("STMTTRN", "CHECKNUM") => &mut t.checknum,
                ("STMTTRN", "REFNUM") => &mut t.refnum,
                _ => return,
            };
            *slot = value;
            return;
        }
        match (innermost, name.as_str()) {
            (_, "CURDEF") => {
                if let Some(statement) = &mut self.statement {
                    statement.currency = value.clone();
                }
                self.any_currency = value;
            }
            ("BANKACCTFROM" | "CCACCTFROM" | "INVACCTFROM", "ACCTID") => {
                if let Some(statement) = &mut self.statement {
                    statement.account = value;
                }
            }
            ("BANKTRANLIST" | "INVTRANLIST", "DTSTART") => {
                if let Some(when) = parse_time(&value) {
                    self.period_start =
                        Some(self.period_start.map_or(when.date, |d| d.min(when.date)));
                }
            }
            ("BANKTRANLIST" | "INVTRANLIST", "DTEND") => {
                if let Some(when) = parse_time(&value) {
                    self.period_end = Some(self.period_end.map_or(when.date, |d| d.max(when.date)));
                }
            }
            _ => {}
        }
    }

    fn finish_transaction(&mut self) {
        self.finish_leaf();
        let Some(raw) = self.transaction.take() else {
            return;
        };
        match &mut self.statement {
            Some(statement) => statement.transactions.push(raw),
            None => {
                let currency = self.any_currency.clone();
                self.emit(raw, &currency, "");
            }
        }
    }

    fn finish_statement(&mut self) {
        if self.transaction.is_some() && self.statement.is_some() {
            self.finish_transaction();
        }
        let Some(statement) = self.statement.take() else {
            return;
        };
        let currency = if statement.currency.is_empty() {
            self.any_currency.clone()
        } else {
            statement.currency
        };
        for raw in statement.transactions {
            self.emit(raw, &currency, &statement.account);
        }
    }

    fn emit(&mut self, raw: RawTransaction, currency: &str, account: &str) {
        let line = raw.line;
        match build(&self.file, raw, currency, account) {
            Ok(transaction) => self.transactions.push(transaction),
            Err(reason) => self.skipped.push(SkippedRow { line, reason }),
        }
    }
}

fn optional(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// Checks one transaction and builds it.
fn build(
    file: &Arc<str>,
    raw: RawTransaction,
    statement_currency: &str,
    account: &str,
) -> Result<Transaction, SkipReason> {
    let (time_field, time_text) = if raw.posted.is_empty() {
        ("DTUSER", raw.user_date.as_str())
    } else {
        ("DTPOSTED", raw.posted.as_str())
    };
    if time_text.is_empty() {
        return Err(SkipReason::MissingField {
            field: "DTPOSTED".to_string(),
        });
    }
    let when = parse_time(time_text).ok_or_else(|| SkipReason::BadTime {
        text: format!("{time_field} {time_text}"),
    })?;
    let currency_text = if raw.currency.is_empty() {
        statement_currency
    } else {
        raw.currency.as_str()
    };
    let currency = if currency_text.is_empty() {
        Currency::UNSPECIFIED
    } else {
        Currency::from_code(currency_text).ok_or_else(|| SkipReason::UnknownCurrency {
            text: currency_text.to_string(),
        })?
    };
    if raw.amount.is_empty() {
        return Err(SkipReason::MissingAmount);
    }
    let minor = parse_amount(&raw.amount, currency.minor_digits()).map_err(|error| {
        SkipReason::BadAmount {
            text: raw.amount.clone(),
            error,
        }
    })?;
    let direction = match minor.signum() {
        -1 => Direction::Debit,
        1 => Direction::Credit,
        _ => Direction::Neutral,
    };
    let counterparty = [&raw.name, &raw.payee_name, &raw.memo]
        .into_iter()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_default();
    let mut notes = Vec::new();
    if !raw.checknum.is_empty() {
        notes.push(format!("CHECKNUM {}", raw.checknum));
    }
    if !raw.orig_currency.is_empty() {
        let mut note = format!("ORIGCURRENCY {}", raw.orig_currency);
        if !raw.orig_rate.is_empty() {
            note.push_str(&format!(" CURRATE {}", raw.orig_rate));
        }
        notes.push(note);
    }
    Ok(Transaction {
        source: SourceRef {
            file: Arc::clone(file),
            line: raw.line,
        },
        when,
        direction,
        amount: Money::new(minor.abs(), currency),
        counterparty,
        counterparty_account: optional(raw.counter_account),
        description: raw.memo,
        category: optional(raw.trntype.to_ascii_uppercase()),
        status: String::new(),
        status_kind: StatusKind::Succeeded,
        payment_method: optional(account.to_string()),
        order_id: optional(raw.fitid),
        merchant_order_id: optional(raw.refnum),
        note: optional(notes.join("; ")),
    })
}

/// Reads `TRNAMT`: a signed decimal with `.` or, as some banks write it, `,` before the
/// fraction (OFX has no thousands separators).
fn parse_amount(text: &str, digits: u32) -> Result<i64, AmountError> {
    let text = text.trim();
    if text.contains(',') && !text.contains('.') && text.matches(',').count() == 1 {
        return parse_minor(&text.replace(',', "."), digits);
    }
    if text.contains(',') {
        // `1,234.56` or `1.234,56`: not OFX, and not guessed at.
        return Err(AmountError::Malformed);
    }
    parse_minor(text, digits)
}

/// Reads an OFX date-time `YYYYMMDD[HHMM[SS[.XXX]]][[±h[.mm]][:TZ]]`. Without an offset the
/// time is UTC, as the specification says.
pub fn parse_time(text: &str) -> Option<LocalTime> {
    let text = text.trim();
    let (main, zone) = match text.find('[') {
        Some(i) => (&text[..i], Some(text[i + 1..].trim_end_matches(']'))),
        None => (text, None),
    };
    let (digits, fraction) = match main.split_once('.') {
        Some((digits, fraction)) => (digits, Some(fraction)),
        None => (main, None),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit())
        || !fraction.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let field = |range: std::ops::Range<usize>| -> Option<u32> { digits.get(range)?.parse().ok() };
    let date = NaiveDate::from_ymd_opt(field(0..4)? as i32, field(4..6)?, field(6..8)?)?;
    let time = match digits.len() {
        8 => None,
        12 => Some(NaiveTime::from_hms_opt(field(8..10)?, field(10..12)?, 0)?),
        14 => Some(NaiveTime::from_hms_opt(
            field(8..10)?,
            field(10..12)?,
            field(12..14)?,
        )?),
        _ => return None,
    };
    if time.is_none() && fraction.is_some() {
        return None;
    }
    let utc_offset_seconds = match zone {
        None => 0,
        Some(zone) => parse_offset(zone)?,
    };
    Some(LocalTime {
        date,
        time,
        utc_offset_seconds,
    })
}

/// Reads the `±h[.mm][:TZ]` inside the brackets of an OFX time into seconds east of UTC.
fn parse_offset(zone: &str) -> Option<i32> {
    let offset = zone.split(':').next().unwrap_or("").trim();
    if offset.is_empty() {
        return Some(0);
    }
    let (negative, unsigned) = match offset.as_bytes()[0] {
        b'-' => (true, &offset[1..]),
        b'+' => (false, &offset[1..]),
        _ => (false, offset),
    };
    let (hours, minutes) = match unsigned.split_once('.') {
        Some((hours, minutes)) => (hours, Some(minutes)),
        None => (unsigned, None),
    };
    if hours.is_empty() || hours.len() > 2 || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = match minutes {
        None => 0,
        // `[-3.30:NST]`: minutes.
        Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => m.parse().ok()?,
        // `[+5.5]`: tenths of an hour.
        Some(m) if m.len() == 1 && m.bytes().all(|b| b.is_ascii_digit()) => {
            m.parse::<i32>().ok()? * 6
        }
        Some(_) => return None,
    };
    if hours > 14 || minutes >= 60 {
        return None;
    }
    let seconds = hours * 3600 + minutes * 60;
    Some(if negative { -seconds } else { seconds })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(text: &str) -> Option<(String, i32)> {
        parse_time(text).map(|t| (t.to_string(), t.utc_offset_seconds))
    }

    #[test]
    fn reads_ofx_times() {
        let cases: &[(&str, Option<(&str, i32)>)] = &[
            ("20241226081343", Some(("2024-12-26 08:13:43", 0))),
            ("20131215", Some(("2013-12-15", 0))),
            ("202401021530", Some(("2024-01-02 15:30:00", 0))),
            (
                "20090401122017.000[-5:EST]",
                Some(("2009-04-01 12:20:17", -5 * 3600)),
            ),
            (
                "20240901012345.000[+8:CST]",
                Some(("2024-09-01 01:23:45", 8 * 3600)),
            ),
            ("20240901012345[0:GMT]", Some(("2024-09-01 01:23:45", 0))),
            (
                "20240901120000[-3.30:NST]",
                Some(("2024-09-01 12:00:00", -(3 * 3600 + 1800))),
            ),
            ("20240901120000[+5.5]", Some(("2024-09-01 12:00:00", 19800))),
            ("20240901[+9:JST]", Some(("2024-09-01", 9 * 3600))),
            (" 20240901120000 ", Some(("2024-09-01 12:00:00", 0))),
            ("20240230", None),
            ("20240901256000", None),
            ("2024090", None),
            ("2024-09-01", None),
            ("20240901120000[+25:XX]", None),
            ("20240901.5", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let expected = expected.map(|(s, o)| (s.to_string(), o));
            assert_eq!(time(text), expected, "{text:?}");
        }
    }

    #[test]
    fn reads_ofx_amounts() {
        let cases: &[(&str, u32, Result<i64, AmountError>)] = &[
            ("-6.60", 2, Ok(-660)),
            ("6.6", 2, Ok(660)),
            ("+100", 2, Ok(10000)),
            ("-6,60", 2, Ok(-660)),
            ("1000", 0, Ok(1000)),
            (".5", 2, Ok(50)),
            ("1,234.56", 2, Err(AmountError::Malformed)),
            ("1,2,3", 2, Err(AmountError::Malformed)),
            ("abc", 2, Err(AmountError::Malformed)),
            ("0.001", 2, Err(AmountError::TooPrecise)),
        ];
        for (text, digits, expected) in cases {
            assert_eq!(&parse_amount(text, *digits), expected, "{text:?}");
        }
    }

    #[test]
    fn tokenizes_sgml_and_xml() {
        let text = "<OFX>\n<A>1&amp;2<B><![CDATA[x<y]]></B><!-- c --><?PI?><C/>a < b</OFX>";
        let mut tokenizer = Tokenizer::new(text);
        let mut tokens = Vec::new();
        while let Some(token) = tokenizer.next_token() {
            tokens.push(token);
        }
        assert_eq!(
            tokens,
            vec![
                Token::Open("OFX".into(), 1),
                Token::Open("A".into(), 2),
                Token::Text("1&2".into()),
                Token::Open("B".into(), 2),
                Token::Text("x<y".into()),
                Token::Close("B".into()),
                Token::Open("C".into(), 2),
                Token::Close("C".into()),
                Token::Text("a ".into()),
                Token::Text("< b".into()),
                Token::Close("OFX".into()),
            ]
        );
    }

    #[test]
    fn resolves_entities() {
        for (raw, text) in [
            ("A&amp;B", "A&B"),
            ("&lt;&gt;&quot;&apos;", "<>\"'"),
            ("caf&#233; &#xE9;", "café é"),
            ("AT&T", "AT&T"),
            ("&unknown;", "&unknown;"),
            ("&#0;", "&#0;"),
            ("trailing &", "trailing &"),
        ] {
            assert_eq!(decode_entities(raw), text, "{raw:?}");
        }
    }

    #[test]
    fn detects_ofx_headers() {
        for (text, line) in [
            ("OFXHEADER:100\nDATA:OFXSGML\n", Some(1)),
            ("\r\n\r\nOFXHEADER:100\r\n", Some(3)),
            ("<OFX><SIGNONMSGSRSV1>", Some(1)),
            (
                "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\"?>\n<OFX>",
                Some(1),
            ),
            ("<?xml version=\"1.0\"?>\n<OFX>\n", Some(1)),
            ("<?xml version=\"1.0\"?>\n<Document>", None),
            ("Date,Amount\n", None),
        ] {
            assert_eq!(detect(text).map(|l| l.number), line, "{text:?}");
        }
    }
}
