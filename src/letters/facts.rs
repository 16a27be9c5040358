//! The facts a letter rests on: the finding looked up in the imported files row by row (file and
//! line), what kind of problem it is, how the money was paid (wallet, Huabei, bank card), and the
//! evidence table with its exact total.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::channel::Channel;
use super::text::{clean, clean_opt};
use super::FindingRef;
use crate::analysis::{Alert, Level, Report, Stream, TransactionRef};
use crate::import::{Format, ImportedFile};
use crate::model::{Currency, Direction, Transaction};

/// What a row is in the letter's evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// A charge the letter disputes.
    Charge,
    /// The second of two identical charges: the one to refund.
    Duplicate,
    /// A wallet payment that shows as failed or closed.
    FailedOrder,
    /// The bank's debit for a payment the wallet shows as failed.
    BankDebit,
    /// The loan that was paid out before the fees (money in, not disputed).
    LoanPaidOut,
}

/// One row of the evidence table: a transaction exactly as the statement has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRow {
    /// 1-based number in the table.
    pub index: usize,
    /// Local date as printed on the statement.
    pub date: NaiveDate,
    /// Local time, when the statement has one.
    pub time: Option<NaiveTime>,
    /// The statement's UTC offset in seconds.
    pub utc_offset_seconds: i32,
    /// The amount in minor units (never negative; see `direction`).
    pub amount_minor: i64,
    /// The currency.
    pub currency: Currency,
    /// Which way the money moved.
    pub direction: Direction,
    /// The counterparty as printed (cleaned of control characters).
    pub counterparty: String,
    /// What was bought, as printed.
    pub description: String,
    /// The platform's transaction number.
    pub order_id: Option<String>,
    /// The merchant's order number.
    pub merchant_order_id: Option<String>,
    /// How it was paid.
    pub payment_method: Option<String>,
    /// The status as printed.
    pub status: String,
    /// The file the row was read from.
    pub file: String,
    /// Its 1-based line (or spreadsheet row).
    pub line: u32,
    /// What the row is in this letter.
    pub role: RowRole,
    /// Whether its amount is part of the table's total.
    pub counted: bool,
}

/// The kind of problem, most serious first. A stream can show several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Fees taken right after a loan was paid out.
    LoanFee,
    /// Insurance premiums taken by automatic deduction.
    Insurance,
    /// A low trial that turned into full-price charges.
    TrialToPaid,
    /// The price went up inside the stream.
    PriceIncrease,
    /// Small weekly renewals.
    MicroWeekly,
    /// A yearly (or half-yearly) renewal.
    AnnualRenewal,
    /// Charges began with no purchase or sign-up in the statements.
    NoSignUp,
    /// Taken under a standing deduction agreement (代扣/免密).
    DeductionAgreement,
    /// A membership that renews by itself.
    AutoRenewal,
    /// A recurring payment without a stronger sign.
    Recurring,
    /// The same charge taken twice.
    Duplicate,
    /// The wallet says failed or closed, the bank took the money.
    FailedButCharged,
    /// An expected bill (rent, utilities, phone).
    ExpectedBill,
    /// Money coming in (salary, other income): nothing to complain about.
    Income,
}

impl Pattern {
    fn from_code(code: &str) -> Option<Pattern> {
        Some(match code {
            "loan_fee" => Pattern::LoanFee,
            "insurance_autodebit" => Pattern::Insurance,
            "trial_to_paid" => Pattern::TrialToPaid,
            "price_increase" => Pattern::PriceIncrease,
            "micro_weekly" => Pattern::MicroWeekly,
            "annual_renewal" => Pattern::AnnualRenewal,
            "no_sign_up_seen" => Pattern::NoSignUp,
            "deduction_agreement" => Pattern::DeductionAgreement,
            "auto_renewal" => Pattern::AutoRenewal,
            "recurring_payment" => Pattern::Recurring,
            "duplicate_charge" => Pattern::Duplicate,
            "failed_but_charged" => Pattern::FailedButCharged,
            "expected_bill" => Pattern::ExpectedBill,
            "salary" | "recurring_income" => Pattern::Income,
            _ => return None,
        })
    }

    /// Whether the money was taken by a membership-type service (the consumer-protection
    /// channel, 12315, fits).
    pub fn is_membership(self) -> bool {
        matches!(
            self,
            Pattern::TrialToPaid
                | Pattern::PriceIncrease
                | Pattern::MicroWeekly
                | Pattern::AnnualRenewal
                | Pattern::NoSignUp
                | Pattern::DeductionAgreement
                | Pattern::AutoRenewal
                | Pattern::Recurring
        )
    }
}

/// How the money moved: which wallets, cards and stores are involved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rails {
    /// Alipay took part (an Alipay export, or a bank row through 支付宝).
    pub alipay: bool,
    /// WeChat Pay / Tenpay took part.
    pub wechat: bool,
    /// Paid with Huabei (花呗).
    pub huabei: bool,
    /// A bank card or account took part.
    pub bank: bool,
    /// The bank's name, when the statement says it.
    pub bank_name: Option<String>,
    /// The card's or account's last four digits, when the statement shows them.
    pub card_tail: Option<String>,
    /// An Apple subscription (App Store, iCloud).
    pub apple: bool,
    /// A Google Play subscription.
    pub google: bool,
    /// Bank cards named in wallet rows' payment method: (bank, last four digits, rows).
    pub cards: Vec<(Option<String>, Option<String>, usize)>,
}

/// Whether a format is a wallet export (Alipay or WeChat Pay) rather than a bank's.
fn is_wallet(format: Format) -> bool {
    matches!(
        format,
        Format::Alipay
            | Format::Alipay2021
            | Format::AlipayWeb
            | Format::WechatCsv
            | Format::WechatXlsx
    )
}

/// The bank a Chinese bank export comes from.
fn bank_of_format(format: Format) -> Option<&'static str> {
    Some(match format {
        Format::BankCn | Format::CmbCredit => "招商银行",
        Format::Icbc | Format::IcbcCredit => "中国工商银行",
        Format::Ccb => "中国建设银行",
        Format::Boc | Format::BocCredit => "中国银行",
        Format::Abc => "中国农业银行",
        Format::Bocom | Format::BocomCredit => "交通银行",
        Format::Citic => "中信银行",
        Format::Spdb | Format::SpdbCredit => "上海浦东发展银行",
        Format::CgbCredit => "广发银行",
        Format::Cib => "兴业银行",
        _ => return None,
    })
}

/// `招商银行信用卡(1234)` → (`招商银行`, `1234`).
fn card_of_method(method: &str) -> (Option<String>, Option<String>) {
    let name = method
        .find("银行")
        .map(|end| method[..end + "银行".len()].trim().to_string())
        .filter(|n| n.chars().count() >= 3);
    let tail = method.rfind(['(', '（']).and_then(|open| {
        let digits: String = method[open..]
            .chars()
            .skip(1)
            .take_while(|c| c.is_ascii_digit())
            .collect();
        (digits.len() == 4).then_some(digits)
    });
    (name, tail)
}

impl Rails {
    fn add(&mut self, tx: &Transaction, format: Option<Format>) {
        let method = tx.payment_method.as_deref().unwrap_or("");
        let text = format!(
            "{} {} {} {}",
            tx.counterparty,
            tx.description,
            tx.category.as_deref().unwrap_or(""),
            method
        );
        let lower = text.to_lowercase();
        match format {
            Some(Format::Alipay | Format::Alipay2021 | Format::AlipayWeb) => self.alipay = true,
            Some(Format::WechatCsv | Format::WechatXlsx) => self.wechat = true,
            Some(f) => {
                self.bank = true;
                if self.bank_name.is_none() {
                    self.bank_name = bank_of_format(f).map(str::to_string);
                }
                if self.card_tail.is_none() {
                    let digits: String = method.chars().filter(char::is_ascii_digit).collect();
                    if digits.len() >= 4 && !method.contains("银行") {
                        self.card_tail = Some(digits[digits.len() - 4..].to_string());
                    }
                }
            }
            None => {}
        }
        if text.contains("支付宝") || lower.contains("alipay") {
            self.alipay = true;
        }
        if text.contains("财付通") || text.contains("微信") || lower.contains("wechat") {
            self.wechat = true;
        }
        if method.contains("花呗") {
            self.huabei = true;
            self.alipay = true;
        }
        if ["银行", "信用卡", "储蓄卡", "借记卡"]
            .iter()
            .any(|w| method.contains(w))
        {
            self.bank = true;
            let (name, tail) = card_of_method(method);
            match self
                .cards
                .iter_mut()
                .find(|(n, t, _)| *n == name && *t == tail)
            {
                Some(card) => card.2 += 1,
                None => self.cards.push((name, tail, 1)),
            }
        }
        if lower.contains("apple")
            || lower.contains("app store")
            || lower.contains("icloud")
            || lower.contains("itunes")
            || text.contains("苹果")
        {
            self.apple = true;
        }
        if lower.contains("google") || text.contains("谷歌") {
            self.google = true;
        }
    }

    /// Whether a payment institution (Alipay, Tenpay) moved the money.
    pub fn platform(&self) -> bool {
        self.alipay || self.wechat
    }

    /// Settles the bank and card to address: a bank statement's own bank first, else the card
    /// the wallet rows name most often (the first seen on a tie).
    fn settle(&mut self) {
        // A bank statement read beside the wallet names the bank: its card comes first.
        let of_bank =
            |(name, _, _): &&(Option<String>, Option<String>, usize)| match (name, &self.bank_name)
            {
                (Some(card), Some(bank)) => {
                    bank.contains(card.as_str()) || card.contains(bank.as_str())
                }
                _ => self.bank_name.is_none(),
            };
        let top = self
            .cards
            .iter()
            .enumerate()
            .filter(|(_, card)| of_bank(card))
            .max_by_key(|(i, (_, _, uses))| (*uses, std::cmp::Reverse(*i)))
            .map(|(_, card)| card.clone());
        if let Some((name, tail, _)) = top {
            if self.bank_name.is_none() {
                self.bank_name = name;
            }
            if self.card_tail.is_none() {
                self.card_tail = tail;
            }
        }
    }

    /// Whether a wallet row was paid with the card this letter is about.
    fn on_card(&self, tx: &Transaction) -> bool {
        let method = tx.payment_method.as_deref().unwrap_or("");
        match (&self.card_tail, &self.bank_name) {
            (Some(tail), _) => method.contains(tail.as_str()),
            (None, Some(name)) => method.contains(name.as_str()),
            (None, None) => false,
        }
    }
}

/// A finding of the report with its rows looked up in the imported files.
#[derive(Clone, Debug)]
pub struct Finding<'a> {
    /// Which finding.
    pub reference: FindingRef,
    /// The stream, when it is one.
    pub stream: Option<&'a Stream>,
    /// The alert, when it is one.
    pub alert: Option<&'a Alert>,
    /// Its rows with their files' formats, in time order.
    pub rows: Vec<(&'a Transaction, Option<Format>)>,
    /// References that no imported file holds.
    pub missing: Vec<TransactionRef>,
    /// Bank rows that repeat the stream's payments (the same money seen from the card).
    pub mirrors: Vec<&'a Transaction>,
    /// The loan paid out before a loan-fee stream's charges, when the report has it.
    pub loan: Option<&'a Transaction>,
    /// The kinds of problem, most serious first (never empty for a found finding).
    pub patterns: Vec<Pattern>,
    /// The counterparty as the statement names it (cleaned).
    pub counterparty: String,
    /// The currency of the money disputed.
    pub currency: Currency,
    /// How the money moved.
    pub rails: Rails,
    /// The first and last day the statements holding the rows cover.
    pub coverage: Option<(NaiveDate, NaiveDate)>,
}

fn lookup<'a>(
    files: &'a [ImportedFile],
    reference: &TransactionRef,
) -> Option<(&'a Transaction, Option<Format>)> {
    files
        .iter()
        .filter(|f| *f.name == *reference.file)
        .find_map(|f| {
            f.transactions
                .iter()
                .find(|t| t.source.line == reference.line)
                .map(|t| (t, f.format))
        })
}

impl<'a> Finding<'a> {
    /// Looks the finding up; `None` when the report has no such stream or alert.
    pub fn resolve(
        report: &'a Report,
        files: &'a [ImportedFile],
        reference: FindingRef,
    ) -> Option<Finding<'a>> {
        let (stream, alert, refs, mirror_refs): (_, _, &[TransactionRef], &[TransactionRef]) =
            match reference {
                FindingRef::Stream(i) => {
                    let s = report.streams.get(i)?;
                    (Some(s), None, &s.transactions, &s.mirrors)
                }
                FindingRef::Alert(i) => {
                    let a = report.alerts.get(i)?;
                    (None, Some(a), &a.transactions, &[])
                }
            };
        let mut rows = Vec::new();
        let mut missing = Vec::new();
        for r in refs {
            match lookup(files, r) {
                Some(found) => rows.push(found),
                None => missing.push(r.clone()),
            }
        }
        // An alert keeps its own order (the loan first); a stream is shown in time order.
        if stream.is_some() {
            rows.sort_by(|a, b| {
                (a.0.when.instant(), &a.0.source.file, a.0.source.line).cmp(&(
                    b.0.when.instant(),
                    &b.0.source.file,
                    b.0.source.line,
                ))
            });
        }
        let mirrors: Vec<(&Transaction, Option<Format>)> = mirror_refs
            .iter()
            .filter_map(|r| lookup(files, r))
            .collect();

        let mut patterns: Vec<Pattern> = match (stream, alert) {
            (Some(s), _) => s
                .reasons
                .iter()
                .filter_map(|r| Pattern::from_code(&r.code))
                .collect(),
            (_, Some(a)) => Pattern::from_code(&a.code).into_iter().collect(),
            _ => Vec::new(),
        };
        patterns.sort();
        patterns.dedup();
        if let Some(s) = stream {
            // A bill the analysis keeps at level low is a bill first, whatever its words say.
            if s.level == Level::Low && patterns.contains(&Pattern::ExpectedBill) {
                patterns.retain(|p| *p != Pattern::ExpectedBill);
                patterns.insert(0, Pattern::ExpectedBill);
            }
        }
        if patterns.is_empty() {
            patterns.push(Pattern::Recurring);
        }

        // For a loan-fee stream, the loan is the first row of the loan-fee alert that shares a
        // charge with it.
        let loan = stream.and_then(|s| {
            report
                .alerts
                .iter()
                .filter(|a| a.code == "loan_fee")
                .find(|a| {
                    a.transactions
                        .iter()
                        .skip(1)
                        .any(|t| s.transactions.contains(t))
                })
                .and_then(|a| a.transactions.first())
                .and_then(|r| lookup(files, r))
                .map(|(t, _)| t)
        });

        let counterparty = match stream {
            Some(s) => clean(&s.counterparty),
            None => rows
                .iter()
                .find(|(t, _)| t.direction == Direction::Debit)
                .or(rows.first())
                .map(|(t, _)| clean(&t.counterparty))
                .unwrap_or_default(),
        };
        let currency = stream.map(|s| s.currency).unwrap_or_else(|| {
            rows.iter()
                .find(|(t, _)| t.direction == Direction::Debit)
                .or(rows.first())
                .map(|(t, _)| t.amount.currency)
                .unwrap_or(Currency::UNSPECIFIED)
        });

        let mut rails = Rails::default();
        for (tx, format) in rows.iter().chain(mirrors.iter()) {
            rails.add(tx, *format);
        }
        rails.settle();
        let periods = report
            .files
            .iter()
            .filter(|f| rows.iter().any(|(t, _)| *t.source.file == *f.name))
            .filter_map(|f| f.period);
        let coverage = periods.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, p| {
            Some(match acc {
                Some((s, e)) => (s.min(p.start), e.max(p.end)),
                None => (p.start, p.end),
            })
        });
        Some(Finding {
            reference,
            stream,
            alert,
            rows,
            missing,
            mirrors: mirrors.into_iter().map(|(t, _)| t).collect(),
            loan,
            patterns,
            counterparty,
            currency,
            rails,
            coverage,
        })
    }

    /// A finding the report does not have: no rows, every fact left blank.
    pub fn empty(reference: FindingRef) -> Finding<'static> {
        Finding {
            reference,
            stream: None,
            alert: None,
            rows: Vec::new(),
            missing: Vec::new(),
            mirrors: Vec::new(),
            loan: None,
            patterns: vec![Pattern::Recurring],
            counterparty: String::new(),
            currency: Currency::UNSPECIFIED,
            rails: Rails::default(),
            coverage: None,
        }
    }

    /// The most serious kind of problem.
    pub fn primary(&self) -> Pattern {
        self.patterns.first().copied().unwrap_or(Pattern::Recurring)
    }

    /// Whether the finding shows `pattern`.
    pub fn has(&self, pattern: Pattern) -> bool {
        self.patterns.contains(&pattern)
    }

    /// The role of the `i`-th row.
    fn role(&self, i: usize, tx: &Transaction) -> RowRole {
        match self.primary() {
            Pattern::Duplicate if i > 0 => RowRole::Duplicate,
            Pattern::FailedButCharged => {
                if matches!(
                    tx.status_kind,
                    crate::model::StatusKind::Closed | crate::model::StatusKind::Failed
                ) {
                    RowRole::FailedOrder
                } else {
                    RowRole::BankDebit
                }
            }
            _ if self.alert.is_some() && tx.direction == Direction::Credit => RowRole::LoanPaidOut,
            _ => RowRole::Charge,
        }
    }

    /// The evidence table: every row of the finding, numbered.
    pub fn evidence(&self) -> Vec<EvidenceRow> {
        self.evidence_where(|_, _| true)
    }

    /// The evidence for a letter to `channel`: for a bank, only the wallet rows paid with its
    /// card (bank statement rows are always kept); every row when none matches.
    pub fn evidence_for(&self, channel: Channel) -> Vec<EvidenceRow> {
        if channel != Channel::Bank || !self.from_wallet() {
            return self.evidence();
        }
        let picked = self
            .evidence_where(|tx, format| !format.is_some_and(is_wallet) || self.rails.on_card(tx));
        if picked.iter().any(|r| r.counted) {
            picked
        } else {
            self.evidence()
        }
    }

    fn evidence_where(
        &self,
        keep: impl Fn(&Transaction, Option<Format>) -> bool,
    ) -> Vec<EvidenceRow> {
        let mut rows: Vec<(&Transaction, Option<Format>)> = self.rows.clone();
        if self.primary() == Pattern::Duplicate {
            rows.sort_by_key(|(t, _)| (t.when.instant(), t.source.line));
        }
        let roles: Vec<RowRole> = rows
            .iter()
            .enumerate()
            .map(|(i, (tx, _))| self.role(i, tx))
            .collect();
        rows.iter()
            .zip(roles)
            .filter(|((tx, format), _)| keep(tx, *format))
            .enumerate()
            .map(|(i, ((tx, _), role))| EvidenceRow {
                index: i + 1,
                date: tx.when.date,
                time: tx.when.time,
                utc_offset_seconds: tx.when.utc_offset_seconds,
                amount_minor: tx.amount.minor,
                currency: tx.amount.currency,
                direction: tx.direction,
                counterparty: clean(&tx.counterparty),
                description: clean(&tx.description),
                order_id: clean_opt(tx.order_id.as_deref()),
                merchant_order_id: clean_opt(tx.merchant_order_id.as_deref()),
                payment_method: clean_opt(tx.payment_method.as_deref()),
                status: clean(&tx.status),
                file: clean(&tx.source.file),
                line: tx.source.line,
                role,
                counted: matches!(
                    role,
                    RowRole::Charge | RowRole::Duplicate | RowRole::BankDebit
                ),
            })
            .collect()
    }

    /// The amounts of the disputed charges, in time order.
    pub fn charge_amounts(&self) -> Vec<i64> {
        self.evidence()
            .iter()
            .filter(|r| r.counted)
            .map(|r| r.amount_minor)
            .collect()
    }

    /// The price step inside a stream: (old price, new price, index of the first new charge).
    pub fn price_step(&self) -> Option<(i64, i64, usize)> {
        let amounts = self.charge_amounts();
        let start = if self.has(Pattern::TrialToPaid) { 2 } else { 1 };
        (start.max(1)..amounts.len()).find_map(|i| {
            let (before, now) = (amounts[i - 1], amounts[i]);
            (now * 100 > before * 105 && amounts[i..].iter().all(|&a| a * 100 >= now * 97))
                .then_some((before, now, i))
        })
    }

    /// What the letter asks back for the rows of `evidence` (all of the finding's, or a bank's
    /// share of them), in minor units: every disputed charge, except where the pattern calls
    /// for less (the duplicate only, the price difference, the latest renewal, the charges
    /// after a trial).
    pub fn claim(&self, evidence: &[EvidenceRow]) -> i64 {
        let full = self.evidence();
        let full: Vec<&EvidenceRow> = full.iter().filter(|r| r.counted).collect();
        let counted: Vec<&EvidenceRow> = evidence.iter().filter(|r| r.counted).collect();
        let total: i64 = counted.iter().map(|r| r.amount_minor).sum();
        let same = |a: &EvidenceRow, b: &EvidenceRow| a.file == b.file && a.line == b.line;
        match self.primary() {
            Pattern::Duplicate => counted
                .iter()
                .filter(|r| r.role == RowRole::Duplicate)
                .map(|r| r.amount_minor)
                .sum(),
            Pattern::FailedButCharged => {
                let bank: i64 = counted
                    .iter()
                    .filter(|r| r.role == RowRole::BankDebit)
                    .map(|r| r.amount_minor)
                    .sum();
                if bank > 0 {
                    bank
                } else {
                    evidence.first().map(|r| r.amount_minor).unwrap_or(0)
                }
            }
            Pattern::TrialToPaid if full.len() >= 2 => {
                let trial = full[0];
                total
                    - counted
                        .iter()
                        .filter(|r| same(r, trial))
                        .map(|r| r.amount_minor)
                        .sum::<i64>()
            }
            Pattern::PriceIncrease => match self.price_step() {
                Some((old, _, at)) => counted
                    .iter()
                    .filter(|r| full[at..].iter().any(|f| same(r, f)))
                    .map(|r| (r.amount_minor - old).max(0))
                    .sum(),
                None => total,
            },
            Pattern::AnnualRenewal => counted.last().map(|r| r.amount_minor).unwrap_or(0),
            _ => total,
        }
    }

    /// The first and last dates of the disputed charges.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let ev = self.evidence();
        let dates: Vec<NaiveDate> = ev.iter().filter(|r| r.counted).map(|r| r.date).collect();
        Some((*dates.iter().min()?, *dates.iter().max()?))
    }

    /// The file names the rows come from, in first-seen order.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (tx, _) in &self.rows {
            let name = clean(&tx.source.file);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// Whether the rows come from a wallet export (Alipay, WeChat Pay) rather than a bank's.
    pub fn from_wallet(&self) -> bool {
        self.rows.iter().any(|(_, f)| f.is_some_and(is_wallet))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bank_and_card_from_the_payment_method() {
        for (method, name, tail) in [
            ("招商银行信用卡(1234)", Some("招商银行"), Some("1234")),
            ("工商银行储蓄卡(5678)", Some("工商银行"), Some("5678")),
            ("中国银行借记卡（0001）", Some("中国银行"), Some("0001")),
            ("信用卡(12)", None, None),
            ("余额", None, None),
        ] {
            let (n, t) = card_of_method(method);
            assert_eq!(n.as_deref(), name, "{method}");
            assert_eq!(t.as_deref(), tail, "{method}");
        }
    }

    #[test]
    fn orders_patterns_by_seriousness() {
        let mut p = [
            Pattern::AutoRenewal,
            Pattern::TrialToPaid,
            Pattern::Insurance,
            Pattern::NoSignUp,
        ];
        p.sort();
        assert_eq!(p[0], Pattern::Insurance);
        assert_eq!(
            Pattern::from_code("micro_weekly"),
            Some(Pattern::MicroWeekly)
        );
        assert_eq!(Pattern::from_code("salary"), Some(Pattern::Income));
        assert_eq!(Pattern::from_code("something_new"), None);
    }
}
