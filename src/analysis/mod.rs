//! Transactions to findings: which debits recur, which look suspicious, and why. The result is a
//! [`Report`] in the `statement-checker/report/v1` schema, made by one pure, deterministic
//! function over all loaded statements.
//!
//! Steps: [`events`] (mirror rows and refunds linked) → [`streams`] (grouping, amount clusters,
//! [`cadence`]) → [`signals`] (reasons and levels, alerts) → the report.

pub mod cadence;
pub mod events;
pub mod hashing;
pub mod normalize;
pub mod repeats;
pub mod report;
pub mod signals;
pub mod streams;

use std::collections::BTreeMap;

use chrono::NaiveDate;

pub use report::{
    Alert, ErrorJson, FileSummary, Frequency, Level, PeriodJson, Reason, RepeatedJson, Report,
    SkippedJson, Stream, Totals, TransactionRef,
};

use crate::import::ImportedFile;
use crate::model::{format_minor, Currency, Direction, Transaction};
use events::Event;

/// Analyses one person's statements, read together.
pub fn analyse(files: &[ImportedFile]) -> Report {
    let repeats = repeats::find(files);
    let events = events::prepare(files, &repeats);
    let (start, end) = coverage(files);
    let found = streams::find(&events);

    let loans = signals::loan_fees(&events, &found);
    let refunds = signals::refunds_by_key(&events);
    let mut streams: Vec<Stream> = found
        .iter()
        .map(|f| {
            let key = events[f.members[0]].key_rank as usize;
            let verdict = signals::judge_with_refunds(&events, f, start, &refunds[key]);
            build_stream(&events, f, verdict, end, &loans)
        })
        .collect();
    streams.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then(b.direction_rank().cmp(&a.direction_rank()))
            .then(b.total_minor.cmp(&a.total_minor))
            .then(a.counterparty.cmp(&b.counterparty))
    });

    let alerts = alerts(&events, &loans);
    let totals = totals(&streams, &alerts, &events);
    Report {
        schema: report::SCHEMA.to_string(),
        files: files
            .iter()
            .enumerate()
            .map(|(i, file)| FileSummary::of(file).with_repeats(files, &repeats, i))
            .collect(),
        streams,
        alerts,
        totals,
    }
}

impl Stream {
    fn direction_rank(&self) -> u8 {
        u8::from(
            !self
                .reasons
                .iter()
                .any(|r| r.code == "salary" || r.code == "recurring_income"),
        )
    }
}

/// The first and last day the readable files cover.
fn coverage(files: &[ImportedFile]) -> (NaiveDate, NaiveDate) {
    let start = files.iter().filter_map(|f| f.period).map(|p| p.start).min();
    let end = files.iter().filter_map(|f| f.period).map(|p| p.end).max();
    match (start, end) {
        (Some(s), Some(e)) => (s, e),
        _ => (NaiveDate::MIN, NaiveDate::MIN),
    }
}

fn build_stream(
    events: &[Event<'_>],
    found: &streams::Found,
    mut verdict: signals::Verdict,
    end: NaiveDate,
    loans: &[(Vec<&Transaction>, i64)],
) -> Stream {
    let members: Vec<&Event<'_>> = found.members.iter().map(|&i| &events[i]).collect();
    let amounts: Vec<i64> = members.iter().map(|e| e.minor()).collect();
    let first = members[0].date();
    let last = members[members.len() - 1].date();
    let anchor = streams::anchor_day(events, &found.members);
    let next = cadence::next_date(last, found.fit.frequency, anchor);
    let cycle = cadence::cycle_days(found.fit.frequency);
    let active = (end - last).num_days() <= cycle + cycle / 2;
    let state = if !active {
        "ended"
    } else if members.len() >= 3 {
        "mature"
    } else {
        "early"
    };
    if found.direction == Direction::Debit {
        let ids: Vec<_> = members.iter().map(|e| TransactionRef::of(e.tx)).collect();
        if let Some((rows, principal)) = loans.iter().find(|(rows, _)| {
            rows[1..]
                .iter()
                .any(|t| ids.contains(&TransactionRef::of(t)))
        }) {
            let total: i64 = amounts.iter().sum();
            verdict.reasons.insert(
                0,
                Reason {
                    code: "loan_fee".into(),
                    message: format!(
                        "A loan of {} was paid out on {}, and fees started at once: {} taken so far.",
                        format_minor(*principal, 2),
                        rows[0].when.date,
                        format_minor(total, 2)
                    ),
                    message_zh: format!(
                        "{} 到账一笔 {} 元借款，随即开始扣收会员/服务费，至今共 {} 元。",
                        rows[0].when.date,
                        format_minor(*principal, 2),
                        format_minor(total, 2)
                    ),
                },
            );
            verdict.level = Level::High;
        }
    }
    Stream {
        counterparty: display_name(&members),
        frequency: found.fit.frequency,
        level: verdict.level,
        occurrences: members.len(),
        typical_amount_minor: signals::median(&amounts),
        currency: members[0].currency(),
        first,
        last,
        active,
        reasons: verdict.reasons,
        transactions: members.iter().map(|e| TransactionRef::of(e.tx)).collect(),
        state: state.to_string(),
        next_expected: active.then_some(next),
        total_minor: amounts.iter().sum(),
        mirrors: members
            .iter()
            .flat_map(|e| e.mirrors.iter().map(|t| TransactionRef::of(t)))
            .collect(),
    }
}

/// The most common way the counterparty is written in the stream.
fn display_name(members: &[&Event<'_>]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in members {
        *counts.entry(e.display.trim()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(name, n)| (*n, std::cmp::Reverse(*name)))
        .map(|(name, _)| name.to_string())
        .unwrap_or_default()
}

fn alerts(events: &[Event<'_>], loans: &[(Vec<&Transaction>, i64)]) -> Vec<Alert> {
    let mut out = Vec::new();
    for (a, b, large) in signals::duplicates(events) {
        let minutes = (b.when.instant() - a.when.instant()).num_minutes();
        let seconds = (b.when.instant() - a.when.instant()).num_seconds();
        let (when_en, when_zh) = match (a.when.time.is_some(), minutes) {
            (false, _) => ("on the same day".to_string(), "同一天".to_string()),
            (true, 0) => (
                format!("{seconds} seconds apart"),
                format!("相隔 {seconds} 秒"),
            ),
            (true, _) => (
                format!("{minutes} minutes apart"),
                format!("相隔 {minutes} 分钟"),
            ),
        };
        out.push(Alert {
            code: "duplicate_charge".into(),
            level: if large { Level::High } else { Level::Medium },
            message: format!(
                "{} charged {} twice {when_en} ({}). Ask for the duplicate to be refunded if you paid once.",
                a.counterparty.trim(),
                format_minor(a.amount.minor, 2),
                a.when.date
            ),
            message_zh: format!(
                "{} {}重复扣款 {} 元（{}）。如果只消费了一次，请要求退还重复的一笔。",
                a.counterparty.trim(),
                when_zh,
                format_minor(a.amount.minor, 2),
                a.when.date
            ),
            transactions: vec![TransactionRef::of(a), TransactionRef::of(b)],
        });
    }
    for (order, bank) in signals::failed_but_charged(events) {
        out.push(Alert {
            code: "failed_but_charged".into(),
            level: Level::High,
            message: format!(
                "The payment to {} on {} shows as {} in the wallet, but the bank took {} and nothing was refunded.",
                order.counterparty.trim(),
                order.when.date,
                order.status,
                format_minor(order.amount.minor, 2)
            ),
            message_zh: format!(
                "{} 向 {} 的付款显示“{}”，但银行卡已扣款 {} 元且未见退款。",
                order.when.date,
                order.counterparty.trim(),
                order.status,
                format_minor(order.amount.minor, 2)
            ),
            transactions: vec![TransactionRef::of(order), TransactionRef::of(bank)],
        });
    }
    for (rows, principal) in loans {
        let fees: i64 = rows[1..].iter().map(|t| t.amount.minor).sum();
        out.push(Alert {
            code: "loan_fee".into(),
            level: Level::High,
            message: format!(
                "A loan of {} from {} arrived on {}, and {} in fees was taken within days. Fees charged by a loan platform or its partners may be unlawful.",
                format_minor(*principal, 2),
                rows[0].counterparty.trim(),
                rows[0].when.date,
                format_minor(fees, 2)
            ),
            message_zh: format!(
                "{} 收到 {} 的借款 {} 元，几天内被扣 {} 元会员/服务费。助贷平台及其合作方收取此类费用可能违规。",
                rows[0].when.date,
                rows[0].counterparty.trim(),
                format_minor(*principal, 2),
                format_minor(fees, 2)
            ),
            transactions: rows.iter().map(|t| TransactionRef::of(t)).collect(),
        });
    }
    out.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then(a.transactions.cmp(&b.transactions))
    });
    out
}

fn totals(streams: &[Stream], alerts: &[Alert], events: &[Event<'_>]) -> Vec<Totals> {
    let mut by_currency: BTreeMap<Currency, Totals> = BTreeMap::new();
    let entry = |map: &mut BTreeMap<Currency, Totals>, currency: Currency| {
        map.entry(currency)
            .or_insert(Totals {
                currency,
                monthly_recurring_minor: 0,
                yearly_recurring_minor: 0,
                suspicious_taken_minor: 0,
            })
            .clone()
    };
    for stream in streams.iter().filter(|s| {
        !s.reasons
            .iter()
            .any(|r| r.code == "salary" || r.code == "recurring_income")
    }) {
        let mut t = entry(&mut by_currency, stream.currency);
        if stream.active {
            let per_year = per_year(stream.frequency) * stream.typical_amount_minor;
            t.yearly_recurring_minor += per_year;
            t.monthly_recurring_minor += per_year / 12;
        }
        if stream.level == Level::High {
            t.suspicious_taken_minor += stream.total_minor;
        }
        by_currency.insert(stream.currency, t);
    }
    // Rows by file and line, looked up once per alert instead of scanning every row; built only
    // when an alert needs it.
    let mut by_row: std::collections::HashMap<(&str, u32), &Event<'_>> =
        std::collections::HashMap::new();
    if alerts
        .iter()
        .any(|a| a.level == Level::High && a.code == "duplicate_charge")
    {
        for e in events {
            by_row
                .entry((&*e.tx.source.file, e.tx.source.line))
                .or_insert(e);
        }
    }
    let amount_of = |r: &TransactionRef| {
        by_row
            .get(&(r.file.as_str(), r.line))
            .map(|e| (e.currency(), e.minor(), e.tx.direction))
    };
    for alert in alerts
        .iter()
        .filter(|a| a.level == Level::High && a.code == "duplicate_charge")
    {
        if let Some((currency, minor, _)) = alert.transactions.get(1).and_then(amount_of) {
            let mut t = entry(&mut by_currency, currency);
            t.suspicious_taken_minor += minor;
            by_currency.insert(currency, t);
        }
    }
    by_currency.into_values().collect()
}

fn per_year(frequency: Frequency) -> i64 {
    match frequency {
        Frequency::Weekly => 52,
        Frequency::Biweekly => 26,
        Frequency::Semimonthly => 24,
        Frequency::Monthly | Frequency::Irregular => 12,
        Frequency::Bimonthly => 6,
        Frequency::Quarterly => 4,
        Frequency::Semiannually => 2,
        Frequency::Annually => 1,
    }
}
