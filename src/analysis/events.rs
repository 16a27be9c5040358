//! From rows to economic events: one entry per payment, whichever files it appears in.
//!
//! A wallet payment funded by a bank card appears twice, once in the wallet export and once in the
//! bank statement as `支付宝-<商户>` / `财付通-<商户>`. Such mirror rows are linked to their wallet
//! row (same amount, same or next day, same merchant) and drop out, so nothing is counted twice.
//! Refunds are matched to the charge they return, including credits that say nothing but the
//! merchant's name and give back exactly a recent charge.

use chrono::NaiveDate;

use super::normalize::{counterparty_key, description_key, rail_of, strip_rail};
use crate::import::{Format, ImportedFile};
use crate::model::{Currency, Direction, StatusKind, Transaction};

/// One transaction prepared for analysis.
#[derive(Clone, Debug)]
pub struct Event<'a> {
    /// The row.
    pub tx: &'a Transaction,
    /// Its file's format.
    pub format: Option<Format>,
    /// Grouping key of the counterparty.
    pub key: String,
    /// What was bought, folded for comparison.
    pub desc_key: String,
    /// The name to show: the counterparty without a rail prefix.
    pub display: String,
    /// Bank rows that mirror this wallet row.
    pub mirrors: Vec<&'a Transaction>,
    /// Set when a later refund returned this charge.
    pub refunded_by: Option<&'a Transaction>,
    /// Whether this row is a mirror of a wallet row (and so not counted).
    pub is_mirror: bool,
    /// Whether this row returns money for an earlier charge: its words say so, or it is a credit
    /// of exactly the amount of a recent charge to the same counterparty (banks often print a
    /// refund with nothing but the merchant's name).
    pub is_refund: bool,
}

impl Event<'_> {
    /// The local date.
    pub fn date(&self) -> NaiveDate {
        self.tx.when.date
    }

    /// The amount in minor units.
    pub fn minor(&self) -> i64 {
        self.tx.amount.minor
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.tx.amount.currency
    }

    /// A completed debit that counts as money spent (not a refund row, not closed or failed,
    /// not a mirror, not refunded).
    pub fn is_charge(&self) -> bool {
        self.tx.direction == Direction::Debit
            && matches!(
                self.tx.status_kind,
                StatusKind::Succeeded | StatusKind::Pending | StatusKind::Other
            )
            && !self.is_mirror
            && self.refunded_by.is_none()
    }

    /// A completed credit that is income (not a refund).
    pub fn is_income(&self) -> bool {
        self.tx.direction == Direction::Credit
            && !self.is_mirror
            && !self.is_refund
            && !matches!(self.tx.status_kind, StatusKind::Closed | StatusKind::Failed)
    }
}

/// Whether a format is a wallet export (Alipay, WeChat Pay): its rows name the merchant.
pub fn is_wallet(format: Option<Format>) -> bool {
    format.is_some_and(|f| {
        let id = f.id();
        id.starts_with("alipay") || id.starts_with("wechat")
    })
}

/// Whether a row returns money for an earlier charge.
pub fn is_refund(tx: &Transaction) -> bool {
    tx.status_kind == StatusKind::Refunded
        || tx.description.contains("退款")
        || tx.category.as_deref().is_some_and(|c| c.contains("退款"))
        || tx.description.to_ascii_lowercase().contains("refund")
}

/// The text that names the other side of a row: the counterparty, else the description.
fn payee(tx: &Transaction) -> &str {
    if tx.counterparty.trim().is_empty() {
        &tx.description
    } else {
        &tx.counterparty
    }
}

/// Builds the events of all files, linking mirrors and refunds. Rows keep file order.
pub fn prepare(files: &[ImportedFile]) -> Vec<Event<'_>> {
    let mut events: Vec<Event<'_>> = files
        .iter()
        .flat_map(|file| {
            file.transactions.iter().map(move |tx| {
                let name = payee(tx);
                Event {
                    tx,
                    format: file.format,
                    key: counterparty_key(name),
                    desc_key: description_key(&tx.description),
                    display: strip_rail(name).to_string(),
                    mirrors: Vec::new(),
                    refunded_by: None,
                    is_mirror: false,
                    is_refund: is_refund(tx),
                }
            })
        })
        .collect();
    link_mirrors(&mut events);
    link_refunds(&mut events);
    events
}

/// Marks bank rows that repeat a wallet payment, and records them on the wallet row.
fn link_mirrors(events: &mut [Event<'_>]) {
    // Wallet rows by (amount, currency, direction), each sorted by date: a sorted index instead of
    // a scan over every pair.
    let mut wallet: Vec<usize> = (0..events.len())
        .filter(|&i| is_wallet(events[i].format) && events[i].tx.direction != Direction::Neutral)
        .collect();
    wallet.sort_by_key(|&i| (events[i].minor(), events[i].currency(), events[i].date()));
    let mut taken = vec![false; events.len()];
    for bank in 0..events.len() {
        if is_wallet(events[bank].format) {
            continue;
        }
        let tx = events[bank].tx;
        let rail = rail_of(&tx.counterparty).or_else(|| rail_of(&tx.description));
        if rail.is_none() {
            continue;
        }
        // Wallet rows of this amount from two days before, in date order.
        let earliest = tx.when.date - chrono::Duration::days(2);
        let start = wallet.partition_point(|&i| {
            (events[i].minor(), events[i].currency(), events[i].date())
                < (tx.amount.minor, tx.amount.currency, earliest)
        });
        let found = wallet[start..]
            .iter()
            .take_while(|&&i| {
                (events[i].minor(), events[i].currency()) == (tx.amount.minor, tx.amount.currency)
                    && events[i].date() <= tx.when.date
            })
            .copied()
            .find(|&i| {
                let days = (tx.when.date - events[i].date()).num_days();
                !taken[i]
                    && (0..=2).contains(&days)
                    && same_direction(events[i].tx.direction, tx.direction)
                    && (events[i].key.contains(&events[bank].key)
                        || events[bank].key.contains(&events[i].key))
            });
        if let Some(i) = found {
            taken[i] = true;
            events[bank].is_mirror = true;
            events[i].mirrors.push(tx);
        }
    }
}

fn same_direction(wallet: Direction, bank: Direction) -> bool {
    wallet == bank
}

/// How long after a charge its refund may come.
const REFUND_DAYS: i64 = 90;

/// Matches each refund row to the latest earlier charge of the same merchant and amount (or
/// order number) within [`REFUND_DAYS`]. Then a credit without refund words that returns exactly
/// a recent unrefunded charge of the same counterparty is taken as that charge's refund.
///
/// Charges are looked up in sorted indexes (by counterparty and amount, and by order number), so
/// the work grows with the number of rows, not with its square.
fn link_refunds(events: &mut [Event<'_>]) {
    let mut charges: Vec<usize> = (0..events.len())
        .filter(|&i| {
            let e = &events[i];
            e.tx.direction == Direction::Debit && !e.is_mirror && !e.is_refund
        })
        .collect();
    charges.sort_by(|&a, &b| {
        let (x, y) = (&events[a], &events[b]);
        (&x.key, x.minor(), x.tx.when.instant()).cmp(&(&y.key, y.minor(), y.tx.when.instant()))
    });
    let mut by_order: Vec<(&str, usize)> = charges
        .iter()
        .filter_map(|&i| Some((events[i].tx.order_id.as_deref()?, i)))
        .collect();
    by_order.sort_unstable();

    let worded: Vec<usize> = (0..events.len())
        .filter(|&i| !events[i].is_mirror && events[i].is_refund)
        .collect();
    let mut wordless: Vec<usize> = (0..events.len())
        .filter(|&i| {
            let e = &events[i];
            e.tx.direction == Direction::Credit
                && !e.is_mirror
                && !e.is_refund
                && !matches!(e.tx.status_kind, StatusKind::Closed | StatusKind::Failed)
        })
        .collect();
    wordless.sort_by_key(|&i| events[i].tx.when.instant());

    let mut refunded: Vec<Option<&Transaction>> = events.iter().map(|e| e.refunded_by).collect();
    let mut refunds_by_shape = Vec::new();
    for (r, by_words) in worded
        .into_iter()
        .map(|r| (r, true))
        .chain(wordless.into_iter().map(|r| (r, false)))
    {
        let refund = events[r].tx;
        let open = |i: usize, refunded: &[Option<&Transaction>]| {
            let e = &events[i];
            i != r
                && refunded[i].is_none()
                && e.tx.when.instant() <= refund.when.instant()
                && (refund.when.date - e.date()).num_days() <= REFUND_DAYS
        };
        // A refund's order number starts with the charge's (`<order>_<suffix>`).
        let by_order_number = refund
            .order_id
            .as_deref()
            .filter(|_| by_words)
            .and_then(|id| {
                (1..id.len())
                    .filter(|&end| id.is_char_boundary(end))
                    .flat_map(|end| {
                        let prefix = &id[..end];
                        let first = by_order.partition_point(|(o, _)| *o < prefix);
                        by_order[first..]
                            .iter()
                            .take_while(move |(o, _)| *o == prefix)
                            .map(|&(_, i)| i)
                    })
                    .filter(|&i| open(i, &refunded))
                    .max_by_key(|&i| events[i].tx.when.instant())
            });
        let same_key = &events[r].key;
        // The latest open charge of this counterparty and amount up to the refund: walk back
        // from the refund's time until the charges are too old.
        let by_amount = || {
            let end = charges.partition_point(|&i| {
                (
                    &events[i].key,
                    events[i].minor(),
                    events[i].tx.when.instant(),
                ) <= (same_key, refund.amount.minor, refund.when.instant())
            });
            charges[..end]
                .iter()
                .rev()
                .copied()
                .take_while(|&i| {
                    (&events[i].key, events[i].minor()) == (same_key, refund.amount.minor)
                        && (refund.when.date - events[i].date()).num_days() <= REFUND_DAYS
                })
                .find(|&i| open(i, &refunded))
        };
        if let Some(i) = by_order_number.or_else(by_amount) {
            refunded[i] = Some(refund);
            if !by_words {
                refunds_by_shape.push(r);
            }
        }
    }
    for (event, by) in events.iter_mut().zip(refunded) {
        event.refunded_by = by;
    }
    for r in refunds_by_shape {
        events[r].is_refund = true;
    }
}
