//! ISO 20022 cash-management statements: CAMT.053 (`BkToCstmrStmt`, end-of-day statements),
//! CAMT.052 (`BkToCstmrAcctRpt`, intraday reports) and CAMT.054 (`BkToCstmrDbtCdtNtfctn`,
//! notifications), versions .001.02 to .001.08 and later.
//!
//! The XML is read as a stream. Each `Ntry` is one transaction at the line of its `<Ntry>`; a
//! batch entry whose `TxDtls` each carry their own amount becomes one transaction per `TxDtls`,
//! at the line of that `<TxDtls>`. Amounts are unsigned in CAMT: `CdtDbtInd` (`CRDT`/`DBIT`) gives
//! the direction, also of a reversal (`RvslInd`: CRDT then returns an earlier debit). The
//! counterparty of a debit is the creditor (`RltdPties/Cdtr`), of a credit the debtor, and the
//! other way round for a reversal. A date (`Dt`) has no zone; a date-time (`DtTm`)
//! keeps the offset it states, else the statement's own.
//!
//! Documents with a `DOCTYPE` (the door to entity-expansion bombs) and documents nested deeper
//! than [`MAX_DEPTH`] are refused, as is XML that is not well formed.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::amount::parse_minor;
use super::error::{ImportError, ImportErrorKind, SkipReason, SkippedRow};
use super::table::{self, Line};
use super::{Parsed, Period};
use crate::model::{Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction};

/// The deepest element nesting accepted; real statements stay below 15.
pub const MAX_DEPTH: usize = 64;

/// How far into the text the namespace is looked for.
const SNIFF_CHARS: usize = 4096;

/// Recognises a CAMT document by its namespace (`urn:iso:std:iso:20022:tech:xsd:camt.053…`, `.052`,
/// `.054`) or, without one, by its message element. Returns the first non-blank line.
pub fn detect(text: &str) -> Option<Line<'_>> {
    let head: String = text.chars().take(SNIFF_CHARS).collect();
    let is_camt = ["camt.052", "camt.053", "camt.054"]
        .iter()
        .any(|kind| head.contains(&format!("urn:iso:std:iso:20022:tech:xsd:{kind}")))
        || [
            "<BkToCstmrStmt",
            "<BkToCstmrAcctRpt",
            "<BkToCstmrDbtCdtNtfctn",
        ]
        .iter()
        .any(|root| head.contains(root));
    if !is_camt {
        return None;
    }
    table::lines(text).find(|line| !table::clean(line.text).is_empty())
}

/// A transaction's details (`TxDtls`) as written.
#[derive(Debug, Default)]
struct Details {
    line: u32,
    amount: String,
    currency: String,
    credit_debit: String,
    end_to_end: String,
    mandate: String,
    servicer_ref: String,
    tx_id: String,
    creditor: String,
    debtor: String,
    ultimate_creditor: String,
    ultimate_debtor: String,
    creditor_account: String,
    debtor_account: String,
    unstructured: Vec<String>,
    structured_ref: String,
    additional: String,
    returned: bool,
}

/// An entry (`Ntry`) as written.
#[derive(Debug, Default)]
struct Entry {
    line: u32,
    amount: String,
    currency: String,
    credit_debit: String,
    reversal: bool,
    status: String,
    booking: String,
    value: String,
    servicer_ref: String,
    entry_ref: String,
    domain: String,
    family: String,
    sub_family: String,
    proprietary: String,
    additional: String,
    details: Vec<Details>,
}

/// What a statement (`Stmt`, `Rpt` or `Ntfctn`) says about itself.
#[derive(Debug, Default)]
struct Statement {
    account: String,
    currency: String,
    /// The UTC offset the statement states for its own times, if it states one.
    offset: Option<i32>,
}

struct Camt<'t> {
    file: Arc<str>,
    text: &'t str,
    path: Vec<String>,
    value: String,
    pending_currency: String,
    counted_to: usize,
    line: u32,
    statement: Statement,
    group_offset: Option<i32>,
    entry: Option<Entry>,
    details: Option<Details>,
    parsed: Parsed,
}

/// Reads a CAMT document. `_header` is where [`detect`] found it; the whole text is read.
pub fn parse(file: &Arc<str>, text: &str, _header: Line<'_>) -> Result<Parsed, ImportError> {
    let mut camt = Camt {
        file: Arc::clone(file),
        text,
        path: Vec::new(),
        value: String::new(),
        pending_currency: String::new(),
        counted_to: 0,
        line: 1,
        statement: Statement::default(),
        group_offset: None,
        entry: None,
        details: None,
        parsed: Parsed::default(),
    };
    camt.run()?;
    Ok(camt.parsed)
}

fn xml_error(kind: ImportErrorKind, line: u32) -> ImportError {
    ImportError::at(kind, line)
}

impl Camt<'_> {
    /// The 1-based line of byte `offset`; offsets only grow, so the text is scanned once.
    fn line_at(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        if offset < self.counted_to {
            return self.text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32
                + 1;
        }
        self.line += self.text.as_bytes()[self.counted_to..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32;
        self.counted_to = offset;
        self.line
    }

    /// The byte where the markup that ends at `end` starts.
    fn tag_start(&self, end: usize) -> usize {
        self.text[..end.min(self.text.len())]
            .rfind('<')
            .unwrap_or(0)
    }

    fn run(&mut self) -> Result<(), ImportError> {
        let mut reader = Reader::from_str(self.text);
        loop {
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(error) => {
                    let line = self.line_at(reader.error_position() as usize);
                    let kind = ImportErrorKind::XmlMalformed {
                        detail: error.to_string(),
                    };
                    return Err(xml_error(kind, line));
                }
            };
            let end = reader.buffer_position() as usize;
            match event {
                Event::DocType(_) => {
                    let start = self.text[..end.min(self.text.len())]
                        .rfind("<!DOCTYPE")
                        .unwrap_or_else(|| self.tag_start(end));
                    let line = self.line_at(start);
                    return Err(xml_error(ImportErrorKind::XmlDoctype, line));
                }
                Event::Start(start) => {
                    let line = self.line_at(self.tag_start(end));
                    self.start(&start, line)?;
                }
                Event::Empty(start) => {
                    let line = self.line_at(self.tag_start(end));
                    self.start(&start, line)?;
                    self.end();
                }
                Event::End(_) => self.end(),
                Event::Text(text) => self.value.push_str(&text),
                Event::CData(data) => self.value.push_str(&data.into_inner()),
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        Ok(None) => match &*reference {
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "amp" => Some('&'),
                            "apos" => Some('\''),
                            "quot" => Some('"'),
                            _ => None,
                        },
                        Err(_) => None,
                    };
                    match resolved {
                        Some(c) => self.value.push(c),
                        None => {
                            let line = self.line_at(end);
                            let kind = ImportErrorKind::XmlMalformed {
                                detail: format!("unknown entity &{};", &*reference),
                            };
                            return Err(xml_error(kind, line));
                        }
                    }
                }
                Event::Eof => break,
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
        if let Some(open) = self.path.last().cloned() {
            let line = self.line_at(self.text.len());
            let kind = ImportErrorKind::XmlMalformed {
                detail: format!("the document ends inside <{open}>"),
            };
            return Err(xml_error(kind, line));
        }
        Ok(())
    }

    fn start(&mut self, start: &BytesStart<'_>, line: u32) -> Result<(), ImportError> {
        if self.path.len() >= MAX_DEPTH {
            let kind = ImportErrorKind::XmlTooDeep {
                limit: MAX_DEPTH as u32,
            };
            return Err(xml_error(kind, line));
        }
        let name = String::from_utf8_lossy(start.local_name().as_ref().as_bytes()).into_owned();
        self.value.clear();
        match name.as_str() {
            "Stmt" | "Rpt" | "Ntfctn" => self.statement = Statement::default(),
            "Ntry" => {
                self.entry = Some(Entry {
                    line,
                    ..Entry::default()
                })
            }
            "TxDtls" if self.entry.is_some() => {
                self.details = Some(Details {
                    line,
                    ..Details::default()
                })
            }
            "Amt" => {
                self.pending_currency = start
                    .try_get_attribute("Ccy")
                    .ok()
                    .flatten()
                    .map(|a| a.value.trim().to_string())
                    .unwrap_or_default();
            }
            _ => {}
        }
        self.path.push(name);
        Ok(())
    }

    fn ends(&self, suffix: &[&str]) -> bool {
        self.path.len() >= suffix.len()
            && self.path[self.path.len() - suffix.len()..]
                .iter()
                .zip(suffix)
                .all(|(a, b)| a == b)
    }

    fn inside(&self, name: &str) -> bool {
        self.path.iter().any(|p| p == name)
    }

    fn end(&mut self) {
        let value = self.value.split_whitespace().collect::<Vec<_>>().join(" ");
        self.value.clear();
        if self.details.is_some() {
            self.end_in_details(value);
        } else if self.entry.is_some() {
            self.end_in_entry(value);
        } else {
            self.end_in_statement(value);
        }
        self.path.pop();
    }

    fn end_in_details(&mut self, value: String) {
        if self.ends(&["TxDtls"]) {
            if let (Some(entry), Some(details)) = (&mut self.entry, self.details.take()) {
                entry.details.push(details);
            }
            return;
        }
        let currency = std::mem::take(&mut self.pending_currency);
        let parties = self.inside("RltdPties");
        let name_of = |party: &str, camt: &Camt<'_>| {
            parties && (camt.ends(&[party, "Nm"]) || camt.ends(&[party, "Pty", "Nm"]))
        };
        let account_of = |party: &str, camt: &Camt<'_>| {
            parties
                && (camt.ends(&[party, "Id", "IBAN"]) || camt.ends(&[party, "Id", "Othr", "Id"]))
        };
        let is_tx_amount = self.ends(&["TxDtls", "Amt"]) || self.ends(&["AmtDtls", "TxAmt", "Amt"]);
        let is_instructed = self.ends(&["AmtDtls", "InstdAmt", "Amt"]);
        let creditor = name_of("Cdtr", self);
        let debtor = name_of("Dbtr", self);
        let ultimate_creditor = name_of("UltmtCdtr", self);
        let ultimate_debtor = name_of("UltmtDbtr", self);
        let creditor_account = account_of("CdtrAcct", self);
        let debtor_account = account_of("DbtrAcct", self);
        let credit_debit = self.ends(&["TxDtls", "CdtDbtInd"]);
        let in_refs = self.inside("Refs");
        let leaf = self.path.last().map(String::as_str).unwrap_or("");
        let ustrd = self.ends(&["RmtInf", "Ustrd"]);
        let strd_ref = self.ends(&["CdtrRefInf", "Ref"]);
        let additional = self.ends(&["TxDtls", "AddtlTxInf"]);
        let returned = self.inside("RtrInf");
        let leaf = leaf.to_string();
        let Some(d) = &mut self.details else {
            return;
        };
        if returned {
            d.returned = true;
        }
        if is_tx_amount || (is_instructed && d.amount.is_empty()) {
            d.amount = value;
            d.currency = currency;
        } else if creditor {
            d.creditor = value;
        } else if debtor {
            d.debtor = value;
        } else if ultimate_creditor {
            d.ultimate_creditor = value;
        } else if ultimate_debtor {
            d.ultimate_debtor = value;
        } else if creditor_account {
            d.creditor_account = value;
        } else if debtor_account {
            d.debtor_account = value;
        } else if credit_debit {
            d.credit_debit = value;
        } else if ustrd {
            d.unstructured.push(value);
        } else if strd_ref {
            d.structured_ref = value;
        } else if additional {
            d.additional = value;
        } else if in_refs {
            match leaf.as_str() {
                "EndToEndId" => d.end_to_end = value,
                "MndtId" => d.mandate = value,
                "AcctSvcrRef" => d.servicer_ref = value,
                "TxId" => d.tx_id = value,
                _ => {}
            }
        }
    }

    fn end_in_entry(&mut self, value: String) {
        if self.ends(&["Ntry"]) {
            if let Some(entry) = self.entry.take() {
                self.emit(entry);
            }
            return;
        }
        let currency = std::mem::take(&mut self.pending_currency);
        let flags = (
            self.ends(&["Ntry", "Amt"]),
            self.ends(&["Ntry", "CdtDbtInd"]),
            self.ends(&["Ntry", "RvslInd"]),
            self.ends(&["Ntry", "Sts"])
                || self.ends(&["Ntry", "Sts", "Cd"])
                || self.ends(&["Ntry", "Sts", "Prtry"]),
            self.inside("BookgDt") && (self.ends(&["Dt"]) || self.ends(&["DtTm"])),
            self.inside("ValDt") && (self.ends(&["Dt"]) || self.ends(&["DtTm"])),
        );
        let leaf = self.path.last().cloned().unwrap_or_default();
        let bank_code = self.inside("BkTxCd");
        let domain = bank_code && self.ends(&["Domn", "Cd"]);
        let family = bank_code && self.ends(&["Fmly", "Cd"]);
        let sub_family = bank_code && self.ends(&["Fmly", "SubFmlyCd"]);
        let proprietary = bank_code && self.ends(&["Prtry", "Cd"]);
        let top_level = self.path.len() >= 2 && self.path[self.path.len() - 2] == "Ntry";
        let Some(e) = &mut self.entry else {
            return;
        };
        let (amount, credit_debit, reversal, status, booking, value_date) = flags;
        if amount {
            e.amount = value;
            e.currency = currency;
        } else if credit_debit {
            e.credit_debit = value;
        } else if reversal {
            e.reversal = value.eq_ignore_ascii_case("true") || value == "1";
        } else if status {
            if !value.is_empty() {
                e.status = value;
            }
        } else if booking {
            e.booking = value;
        } else if value_date {
            e.value = value;
        } else if domain {
            e.domain = value;
        } else if family {
            e.family = value;
        } else if sub_family {
            e.sub_family = value;
        } else if proprietary {
            e.proprietary = value;
        } else if top_level {
            match leaf.as_str() {
                "AcctSvcrRef" => e.servicer_ref = value,
                "NtryRef" => e.entry_ref = value,
                "AddtlNtryInf" => e.additional = value,
                _ => {}
            }
        }
    }

    fn end_in_statement(&mut self, value: String) {
        let in_account = self.inside("Acct") && !self.inside("Svcr");
        if in_account
            && (self.ends(&["Acct", "Id", "IBAN"]) || self.ends(&["Acct", "Id", "Othr", "Id"]))
        {
            self.statement.account = value;
        } else if self.ends(&["Acct", "Ccy"]) {
            self.statement.currency = value;
        } else if self.ends(&["GrpHdr", "CreDtTm"]) {
            self.group_offset = parse_date_time(&value).and_then(|(_, offset)| offset);
        } else if self.ends(&["CreDtTm"]) {
            if let Some((_, Some(offset))) = parse_date_time(&value) {
                self.statement.offset = Some(offset);
            }
        } else if self.ends(&["FrToDt", "FrDtTm"]) || self.ends(&["FrToDt", "FrDt"]) {
            if let Some((when, offset)) = parse_date_time(&value) {
                self.statement.offset = self.statement.offset.or(offset);
                let period = self.parsed.period.get_or_insert(Period {
                    start: when.date,
                    end: when.date,
                });
                period.start = period.start.min(when.date);
            }
        } else if self.ends(&["FrToDt", "ToDtTm"]) || self.ends(&["FrToDt", "ToDt"]) {
            if let Some((when, _)) = parse_date_time(&value) {
                let period = self.parsed.period.get_or_insert(Period {
                    start: when.date,
                    end: when.date,
                });
                period.end = period.end.max(when.date);
            }
        }
    }

    fn emit(&mut self, mut entry: Entry) {
        let split = entry.details.len() >= 2 && entry.details.iter().all(|d| !d.amount.is_empty());
        let details: Vec<Details> = if split {
            std::mem::take(&mut entry.details)
        } else {
            let first = if entry.details.is_empty() {
                Details::default()
            } else {
                entry.details.swap_remove(0)
            };
            vec![first]
        };
        for d in details {
            let line = if split { d.line } else { entry.line };
            match self.build(&entry, d, line, split) {
                Ok(transaction) => self.parsed.transactions.push(transaction),
                Err(reason) => self.parsed.skipped.push(SkippedRow { line, reason }),
            }
        }
    }

    fn build(
        &self,
        entry: &Entry,
        d: Details,
        line: u32,
        split: bool,
    ) -> Result<Transaction, SkipReason> {
        let date_text = if entry.booking.is_empty() {
            &entry.value
        } else {
            &entry.booking
        };
        if date_text.is_empty() {
            return Err(SkipReason::MissingField {
                field: "BookgDt".to_string(),
            });
        }
        let (when, _) = parse_date_time(date_text).ok_or_else(|| SkipReason::BadTime {
            text: date_text.clone(),
        })?;
        let when = match parse_date_time(date_text).and_then(|(_, offset)| offset) {
            Some(_) => when,
            None => LocalTime {
                utc_offset_seconds: self.statement.offset.or(self.group_offset).unwrap_or(0),
                ..when
            },
        };

        let (amount_text, currency_text) = if split || entry.amount.is_empty() {
            (d.amount.as_str(), d.currency.as_str())
        } else {
            (entry.amount.as_str(), entry.currency.as_str())
        };
        let currency_text = if currency_text.is_empty() {
            self.statement.currency.as_str()
        } else {
            currency_text
        };
        let currency = if currency_text.is_empty() {
            Currency::UNSPECIFIED
        } else {
            Currency::from_code(currency_text).ok_or_else(|| SkipReason::UnknownCurrency {
                text: currency_text.to_string(),
            })?
        };
        if amount_text.is_empty() {
            return Err(SkipReason::MissingAmount);
        }
        let minor = parse_minor(amount_text, currency.minor_digits()).map_err(|error| {
            SkipReason::BadAmount {
                text: amount_text.to_string(),
                error,
            }
        })?;

        let indicator = if split && !d.credit_debit.is_empty() {
            d.credit_debit.as_str()
        } else {
            entry.credit_debit.as_str()
        };
        // `CdtDbtInd` is the direction of this entry, a reversal included (ISO 20022: CRDT with
        // `RvslInd` true is the return of an earlier debit).
        let direction = match indicator {
            "DBIT" => Direction::Debit,
            "CRDT" => Direction::Credit,
            _ => {
                return Err(SkipReason::BadDirection {
                    text: indicator.to_string(),
                })
            }
        };
        // The other party is the creditor of the original payment when money went (or, for a
        // reversal, had gone) out, the debtor otherwise.
        let money_out = (direction == Direction::Debit) != entry.reversal;
        let informative = |s: &str| {
            let lower = s.to_lowercase();
            !(s.is_empty()
                || lower == "notprovided"
                || lower == "not provided"
                || lower.contains("keine information"))
        };
        let pick = |candidates: &[&str]| -> String {
            candidates
                .iter()
                .find(|s| informative(s))
                .map(|s| s.to_string())
                .unwrap_or_default()
        };
        let mut counterparty = if money_out {
            pick(&[&d.creditor, &d.ultimate_creditor])
        } else {
            pick(&[&d.debtor, &d.ultimate_debtor])
        };
        let counterparty_account = if money_out {
            pick(&[&d.creditor_account])
        } else {
            pick(&[&d.debtor_account])
        };
        let unstructured = d.unstructured.join(" ");
        let description = pick(&[
            &unstructured,
            &d.structured_ref,
            &d.additional,
            &entry.additional,
        ]);
        if counterparty.is_empty() {
            counterparty = pick(&[&entry.additional, &description]);
        }
        let note = (informative(&entry.additional)
            && entry.additional != description
            && entry.additional != counterparty)
            .then(|| entry.additional.clone());

        let (status, mut status_kind) = status(&entry.status);
        if entry.reversal || d.returned {
            status_kind = StatusKind::Refunded;
        }
        let category = if !entry.domain.is_empty() {
            Some(
                [&entry.domain, &entry.family, &entry.sub_family]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        } else {
            Some(entry.proprietary.clone()).filter(|s| !s.is_empty())
        };
        let order_id = Some(pick(&[
            &d.servicer_ref,
            &entry.servicer_ref,
            &d.tx_id,
            &entry.entry_ref,
        ]))
        .filter(|s| !s.is_empty());
        let merchant_order_id = Some(pick(&[&d.mandate, &d.end_to_end])).filter(|s| !s.is_empty());
        Ok(Transaction {
            source: SourceRef {
                file: Arc::clone(&self.file),
                line,
            },
            when,
            direction,
            amount: Money::new(minor.abs(), currency),
            counterparty,
            counterparty_account: Some(counterparty_account).filter(|s| !s.is_empty()),
            description,
            category,
            status,
            status_kind,
            payment_method: Some(self.statement.account.clone()).filter(|s| !s.is_empty()),
            order_id,
            merchant_order_id,
            note,
        })
    }
}

/// The entry status: `BOOK` booked, `PDNG` pending, `INFO` information only, `FUTR` future.
fn status(code: &str) -> (String, StatusKind) {
    let kind = match code.to_ascii_uppercase().as_str() {
        "" | "BOOK" => StatusKind::Succeeded,
        "PDNG" | "FUTR" => StatusKind::Pending,
        "RJCT" => StatusKind::Failed,
        _ => StatusKind::Other,
    };
    (code.to_string(), kind)
}

/// Reads an ISO date (`2013-12-30`) or date-time (`2024-09-01T01:23:45+08:00`, `…Z`,
/// `2024-09-01T01:23:45.123`): the local time and the offset, when it states one.
fn parse_date_time(text: &str) -> Option<(LocalTime, Option<i32>)> {
    let text = text.trim();
    if !text.contains('T') {
        // A date, sometimes with an offset (`2013-12-30+01:00`).
        let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
        let offset = match &text[10..] {
            "" => None,
            "Z" => Some(0),
            rest => Some(parse_offset(rest)?),
        };
        let when = LocalTime {
            date,
            time: None,
            utc_offset_seconds: offset.unwrap_or(0),
        };
        return Some((when, offset));
    }
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        let local = with_offset.naive_local();
        let offset = with_offset.offset().local_minus_utc();
        return Some((
            LocalTime {
                date: local.date(),
                time: Some(local.time()),
                utc_offset_seconds: offset,
            },
            Some(offset),
        ));
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()?;
    Some((
        LocalTime {
            date: local.date(),
            time: Some(local.time()),
            utc_offset_seconds: 0,
        },
        None,
    ))
}

/// `+01:00` / `-05:30` into seconds east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (hours, minutes) = rest.split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_and_times_with_their_offsets() {
        type Expected<'a> = Option<(&'a str, Option<i32>)>;
        let cases: &[(&str, Expected)] = &[
            ("2013-12-30", Some(("2013-12-30", None))),
            ("2013-12-30+01:00", Some(("2013-12-30", Some(3600)))),
            (
                "2024-09-01T01:23:45+08:00",
                Some(("2024-09-01 01:23:45", Some(28800))),
            ),
            (
                "2024-09-01T01:23:45Z",
                Some(("2024-09-01 01:23:45", Some(0))),
            ),
            (
                "2024-09-01T01:23:45.123",
                Some(("2024-09-01 01:23:45", None)),
            ),
            ("2024-09-01T01:23", Some(("2024-09-01 01:23:00", None))),
            ("2024-02-30", None),
            ("30.12.2013", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let got = parse_date_time(text).map(|(t, o)| (t.to_string(), o));
            let expected = expected.map(|(s, o)| (s.to_string(), o));
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn classifies_entry_statuses() {
        for (code, kind) in [
            ("BOOK", StatusKind::Succeeded),
            ("PDNG", StatusKind::Pending),
            ("INFO", StatusKind::Other),
            ("", StatusKind::Succeeded),
        ] {
            assert_eq!(status(code).1, kind, "{code}");
        }
    }

    #[test]
    fn detects_camt_namespaces() {
        for (text, found) in [
            (
                "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">",
                true,
            ),
            (
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">",
                true,
            ),
            ("<Document><BkToCstmrAcctRpt>", true),
            (
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\">",
                false,
            ),
        ] {
            assert_eq!(detect(text).is_some(), found, "{text:?}");
        }
    }
}
