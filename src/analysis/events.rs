//! From rows to economic events: one entry per payment, whichever files it appears in.
//!
//! A wallet payment funded by a bank card appears twice, once in the wallet export and once in the
//! bank statement as `支付宝-<商户>` / `财付通-<商户>`. Such mirror rows are linked to their wallet
//! row (same amount, same or next day, same merchant) and drop out, so nothing is counted twice.
//! Refunds are matched to the charge they return, including credits that say nothing but the
//! merchant's name and give back exactly a recent charge.

use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};

use super::cadence::Day;
use super::hashing::{TextMap, TextSet};
use super::normalize::{counterparty_key, description_key, rail_of, strip_rail};
use super::repeats::Repeats;
use super::signals::Words;
use crate::import::{Format, ImportedFile};
use crate::model::{Currency, Direction, Money, StatusKind, Transaction};

/// One transaction prepared for analysis.
#[derive(Clone, Debug)]
pub struct Event<'a> {
    /// The row.
    pub tx: &'a Transaction,
    /// Its file's format.
    pub format: Option<Format>,
    /// Grouping key of the counterparty (shared by every row of the same payee text).
    pub key: Rc<str>,
    /// The place of [`Event::key`] among the distinct keys of all events in byte order: equal
    /// keys have equal ranks, and ranks order as the keys do, so sorts and lookups compare a
    /// number instead of the text.
    pub key_rank: u32,
    /// The amount (a copy of the row's, kept with the other fields read in every loop, so a
    /// loop over events does not also reach into each row).
    pub amount: Money,
    /// The local date (a copy of the row's).
    pub local_date: NaiveDate,
    /// Which way money moved (a copy of the row's).
    pub direction: Direction,
    /// What became of it (a copy of the row's).
    pub status_kind: StatusKind,
    /// The local date as cadence tests read it, worked out once.
    pub day: Day,
    /// The moment of the row in UTC ([`crate::model::LocalTime::instant`] without its offset),
    /// computed once: ordering by it is ordering by the instant.
    pub utc: NaiveDateTime,
    /// What was bought, folded for comparison.
    pub desc_key: Rc<str>,
    /// The name to show: the counterparty without a rail prefix.
    pub display: Rc<str>,
    /// Bank rows that mirror this wallet row.
    pub mirrors: Vec<&'a Transaction>,
    /// Set when a later refund returned this charge.
    pub refunded_by: Option<&'a Transaction>,
    /// The word lists its counterparty, description or category mention, and whether its
    /// counterparty is named like an insurance platform.
    pub words: Words,
    /// The word lists its counterparty alone mentions.
    pub counterparty_words: Words,
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
        self.local_date
    }

    /// The amount in minor units.
    pub fn minor(&self) -> i64 {
        self.amount.minor
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.amount.currency
    }

    /// Counterparty, amount and moment: the order in which charges are looked up.
    pub fn key_amount_time(&self) -> (u32, i64, NaiveDateTime) {
        (self.key_rank, self.minor(), self.utc)
    }

    /// A completed debit that counts as money spent (not a refund row, not closed or failed,
    /// not a mirror, not refunded).
    pub fn is_charge(&self) -> bool {
        self.direction == Direction::Debit
            && matches!(
                self.status_kind,
                StatusKind::Succeeded | StatusKind::Pending | StatusKind::Other
            )
            && !self.is_mirror
            && self.refunded_by.is_none()
    }

    /// A completed credit that is income (not a refund).
    pub fn is_income(&self) -> bool {
        self.direction == Direction::Credit
            && !self.is_mirror
            && !self.is_refund
            && !matches!(self.status_kind, StatusKind::Closed | StatusKind::Failed)
    }
}

/// How many distinct counterparty keys the events have: key ranks run from 0 to this.
pub fn key_count(events: &[Event<'_>]) -> usize {
    events
        .iter()
        .map(|e| e.key_rank as usize + 1)
        .max()
        .unwrap_or(0)
}

/// `items` in the order of their key rank (below `ranks`), equal ranks keeping their order: a
/// counting sort, so its time grows with the items alone, and the items move with their sort
/// key instead of being looked up in the events again.
pub fn by_key_rank<T: Copy>(items: &[T], ranks: usize, rank: impl Fn(&T) -> u32) -> Vec<T> {
    // starts[r + 1] counts rank r; after the running sum, starts[r] is where rank r begins.
    let mut starts = vec![0usize; ranks + 1];
    for item in items {
        starts[rank(item) as usize + 1] += 1;
    }
    for r in 0..ranks {
        starts[r + 1] += starts[r];
    }
    let mut sorted: Vec<Option<T>> = vec![None; items.len()];
    for item in items {
        let next = &mut starts[rank(item) as usize];
        sorted[*next] = Some(*item);
        *next += 1;
    }
    sorted.into_iter().flatten().collect()
}

/// Whether a format is a wallet export (Alipay, WeChat Pay): its rows name the merchant.
pub fn is_wallet(format: Option<Format>) -> bool {
    format.is_some_and(|f| {
        let id = f.id();
        id.starts_with("alipay") || id.starts_with("wechat")
    })
}

/// Whether a description says refund (退款, or `refund` in any letter case).
fn refund_wording(description: &str) -> bool {
    description.contains("退款") || contains_ignoring_ascii_case(description, b"refund")
}

fn category_says_refund(tx: &Transaction) -> bool {
    tx.category.as_deref().is_some_and(|c| c.contains("退款"))
}

/// Whether `haystack` contains `needle` (lower-case ASCII) when ASCII letters are compared
/// without case: what lower-casing the text first would find, without a copy of it.
fn contains_ignoring_ascii_case(haystack: &str, needle: &[u8]) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

/// Builds the events of all files, linking mirrors and refunds. Rows keep file order; rows that
/// `repeats` marks (read twice) are left out.
pub fn prepare<'a>(files: &'a [ImportedFile], repeats: &Repeats) -> Vec<Event<'a>> {
    let rows: usize = files.iter().map(|f| f.transactions.len()).sum();
    // A person pays the same few hundred names and buys the same things again and again: each
    // distinct text is normalised and searched for words once, not once per row.
    let mut texts = Texts::default();
    // Rows repeat whole combinations too: one lookup per row finds all three texts.
    type Combination<'t> = (&'t str, &'t str, Option<&'t str>);
    let mut combinations: TextMap<Combination<'_>, (u32, u32, Option<u32>)> = TextMap::default();
    let mut payees: Vec<u32> = Vec::with_capacity(rows);
    let mut events: Vec<Event<'_>> = Vec::with_capacity(rows);
    for (f, file) in files.iter().enumerate() {
        for (r, tx) in file.transactions.iter().enumerate() {
            if repeats.is_repeat(f, r) {
                continue;
            }
            let combination = (
                tx.counterparty.as_str(),
                tx.description.as_str(),
                tx.category.as_deref(),
            );
            let (counterparty, description, category) = match combinations.get(&combination) {
                Some(&slots) => slots,
                None => {
                    let slots = (
                        texts.slot(&tx.counterparty),
                        texts.slot(&tx.description),
                        tx.category.as_deref().map(|c| texts.slot(c)),
                    );
                    combinations.insert(combination, slots);
                    slots
                }
            };
            // The text that names the other side: the counterparty, else the description.
            let payee = if tx.counterparty.trim().is_empty() {
                description
            } else {
                counterparty
            };
            payees.push(payee);
            texts.fill_payee(payee);
            texts.fill_description(description);
            let (key, display) = texts.facts[payee as usize].payee.as_ref().expect("filled");
            let (desc_key, refund_words) = texts.facts[description as usize]
                .description
                .as_ref()
                .expect("filled");
            let counterparty_words = texts.facts[counterparty as usize].words;
            let mut words = counterparty_words.with(texts.facts[description as usize].words);
            if let Some(category) = category {
                words = words.with(texts.facts[category as usize].words);
            }
            if texts.facts[counterparty as usize].insurance_brand {
                words = words.with(Words::INSURANCE_BRAND);
            }
            events.push(Event {
                tx,
                format: file.format,
                key: Rc::clone(key),
                key_rank: 0,
                utc: tx.when.instant().naive_utc(),
                amount: tx.amount,
                local_date: tx.when.date,
                direction: tx.direction,
                status_kind: tx.status_kind,
                day: Day::of(tx.when.date),
                desc_key: Rc::clone(desc_key),
                display: Rc::clone(display),
                words,
                counterparty_words,
                mirrors: Vec::new(),
                refunded_by: None,
                is_mirror: false,
                is_refund: tx.status_kind == StatusKind::Refunded
                    || *refund_words
                    || category_says_refund(tx),
            });
        }
    }
    let ranks = texts.key_ranks();
    for (event, payee) in events.iter_mut().zip(payees) {
        event.key_rank = ranks[payee as usize];
    }
    link_mirrors(&mut events);
    link_refunds(&mut events);
    events
}

/// The distinct texts of the rows (names, descriptions, categories), each worked out once.
#[derive(Default)]
struct Texts<'a> {
    /// Text to its slot in `facts`.
    index: TextMap<&'a str, u32>,
    /// One per distinct text, in order of first appearance.
    facts: Vec<TextFacts<'a>>,
}

/// What is known of one distinct text.
struct TextFacts<'a> {
    text: &'a str,
    /// The word lists it mentions.
    words: Words,
    /// Whether, as a counterparty, it names an insurance platform.
    insurance_brand: bool,
    /// As a payee: its grouping key and the name to show (filled on first use as a payee).
    payee: Option<(Rc<str>, Rc<str>)>,
    /// As a description: its key and whether it says refund (filled on first use).
    description: Option<(Rc<str>, bool)>,
}

impl<'a> Texts<'a> {
    /// The slot of a text, searching it for words on first sight.
    fn slot(&mut self, text: &'a str) -> u32 {
        if let Some(&slot) = self.index.get(text) {
            return slot;
        }
        let slot = u32::try_from(self.facts.len()).unwrap_or(u32::MAX);
        let words = Words::of_counterparty(text);
        self.facts.push(TextFacts {
            text,
            words: Words::of(text),
            insurance_brand: words.any(Words::INSURANCE_BRAND),
            payee: None,
            description: None,
        });
        self.index.insert(text, slot);
        slot
    }

    /// Works out the grouping key and display name of a text used as a payee.
    fn fill_payee(&mut self, slot: u32) {
        let facts = &mut self.facts[slot as usize];
        if facts.payee.is_none() {
            facts.payee = Some((
                Rc::from(counterparty_key(facts.text)),
                Rc::from(strip_rail(facts.text)),
            ));
        }
    }

    /// Works out the key of a text used as a description and whether it says refund.
    fn fill_description(&mut self, slot: u32) {
        let facts = &mut self.facts[slot as usize];
        if facts.description.is_none() {
            facts.description = Some((
                Rc::from(description_key(facts.text)),
                refund_wording(facts.text),
            ));
        }
    }

    /// Each payee slot's key rank: the place of its key among the distinct keys in byte order
    /// (0 for texts never used as a payee).
    fn key_ranks(&self) -> Vec<u32> {
        let mut keyed: Vec<(&str, u32)> = self
            .facts
            .iter()
            .zip(0u32..)
            .filter_map(|(facts, slot)| Some((&*facts.payee.as_ref()?.0, slot)))
            .collect();
        keyed.sort_unstable();
        let mut ranks = vec![0u32; self.facts.len()];
        let mut rank = 0u32;
        for (n, &(key, slot)) in keyed.iter().enumerate() {
            if n > 0 && keyed[n - 1].0 != key {
                rank += 1;
            }
            ranks[slot as usize] = rank;
        }
        ranks
    }
}

/// Marks bank rows that repeat a wallet payment, and records them on the wallet row.
fn link_mirrors(events: &mut [Event<'_>]) {
    // Bank rows that name a payment rail, in row order: only they can mirror a wallet row.
    let banks: Vec<usize> = (0..events.len())
        .filter(|&i| {
            let tx = events[i].tx;
            !is_wallet(events[i].format)
                && rail_of(&tx.counterparty)
                    .or_else(|| rail_of(&tx.description))
                    .is_some()
        })
        .collect();
    if banks.is_empty() {
        return;
    }
    // Wallet rows by (amount, currency, date), equal ones in row order: a sorted index instead of
    // a scan over every pair.
    let mut wallet: Vec<(i64, Currency, NaiveDate, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| is_wallet(e.format) && e.direction != Direction::Neutral)
        .map(|(i, e)| (e.minor(), e.currency(), e.date(), i))
        .collect();
    wallet.sort_unstable();
    let mut taken = vec![false; events.len()];
    for bank in banks {
        let tx = events[bank].tx;
        // Wallet rows of this amount from two days before, in date order.
        let earliest = tx.when.date - chrono::Duration::days(2);
        let start = wallet.partition_point(|&(minor, currency, date, _)| {
            (minor, currency, date) < (tx.amount.minor, tx.amount.currency, earliest)
        });
        let found = wallet[start..]
            .iter()
            .take_while(|&&(minor, currency, date, _)| {
                (minor, currency) == (tx.amount.minor, tx.amount.currency) && date <= tx.when.date
            })
            .map(|&(_, _, _, i)| i)
            .find(|&i| {
                let days = (tx.when.date - events[i].date()).num_days();
                !taken[i]
                    && (0..=2).contains(&days)
                    && same_direction(events[i].tx.direction, tx.direction)
                    && (events[i].key.contains(&*events[bank].key)
                        || events[bank].key.contains(&*events[i].key))
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
    let is_charge = |e: &Event<'_>| e.direction == Direction::Debit && !e.is_mirror && !e.is_refund;
    let worded: Vec<usize> = (0..events.len())
        .filter(|&i| !events[i].is_mirror && events[i].is_refund)
        .collect();
    let mut wordless: Vec<usize> = (0..events.len())
        .filter(|&i| {
            let e = &events[i];
            e.direction == Direction::Credit
                && !e.is_mirror
                && !e.is_refund
                && !matches!(e.status_kind, StatusKind::Closed | StatusKind::Failed)
        })
        .collect();
    wordless.sort_by_key(|&i| events[i].utc);
    // Charges are looked up by the counterparty and amount of a refund or credit, so only the
    // charges that share both with one of those are indexed. The sort key sits beside each
    // index, so sorting and searching never leave this vector; equal charges keep row order,
    // as the index comes last.
    let mut asked: Vec<(u32, i64)> = worded
        .iter()
        .chain(&wordless)
        .map(|&r| (events[r].key_rank, events[r].minor()))
        .collect();
    asked.sort_unstable();
    asked.dedup();
    let mut charges: Vec<((u32, i64, NaiveDateTime), usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| is_charge(e) && asked.binary_search(&(e.key_rank, e.minor())).is_ok())
        .map(|(i, e)| (e.key_amount_time(), i))
        .collect();
    charges.sort_unstable();
    // Charges by order number, each list in row order. A charge is only ever looked up by a
    // refund's order number cut short, so only charges whose number is such a prefix are kept.
    let prefixes: TextSet<&str> = worded
        .iter()
        .filter_map(|&r| events[r].tx.order_id.as_deref())
        .flat_map(order_prefixes)
        .collect();
    let mut by_order: TextMap<&str, Vec<usize>> = TextMap::default();
    if !prefixes.is_empty() {
        for (i, e) in events.iter().enumerate().filter(|(_, e)| is_charge(e)) {
            if let Some(order) = e.tx.order_id.as_deref().filter(|o| prefixes.contains(o)) {
                by_order.entry(order).or_default().push(i);
            }
        }
    }

    let mut refunded: Vec<Option<&Transaction>> = events.iter().map(|e| e.refunded_by).collect();
    let mut refunds_by_shape = Vec::new();
    for (r, by_words) in worded
        .into_iter()
        .map(|r| (r, true))
        .chain(wordless.into_iter().map(|r| (r, false)))
    {
        let refund = events[r].tx;
        let refund_utc = events[r].utc;
        let refund_day = events[r].day.day;
        let open = |i: usize, refunded: &[Option<&Transaction>]| {
            let e = &events[i];
            i != r
                && refunded[i].is_none()
                && e.utc <= refund_utc
                && i64::from(refund_day - e.day.day) <= REFUND_DAYS
        };
        // A refund's order number starts with the charge's (`<order>_<suffix>`).
        let by_order_number = refund
            .order_id
            .as_deref()
            .filter(|_| by_words)
            .and_then(|id| {
                order_prefixes(id)
                    .filter_map(|prefix| by_order.get(prefix))
                    .flatten()
                    .copied()
                    .filter(|&i| open(i, &refunded))
                    .max_by_key(|&i| events[i].utc)
            });
        let same_key = events[r].key_rank;
        // The latest open charge of this counterparty and amount up to the refund: walk back
        // from the refund's time until the charges are too old.
        let by_amount = || {
            let end = charges
                .partition_point(|&(at, _)| at <= (same_key, refund.amount.minor, refund_utc));
            charges[..end]
                .iter()
                .rev()
                .take_while(|&&((key, minor, _), i)| {
                    (key, minor) == (same_key, refund.amount.minor)
                        && i64::from(refund_day - events[i].day.day) <= REFUND_DAYS
                })
                .map(|&(_, i)| i)
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

/// The order numbers a refund's own may extend (`<order>_<suffix>`): every proper prefix, shortest
/// first.
fn order_prefixes(id: &str) -> impl Iterator<Item = &str> {
    (1..id.len())
        .filter(|&end| id.is_char_boundary(end))
        .map(|end| &id[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refund_wording_ignores_letter_case_only() {
        for text in [
            "",
            "refund",
            "REFUND",
            "Partial Refund of order",
            "refun",
            "re-fund",
            "退款",
            "ＲＥＦＵＮＤ",
            "réfund",
            "xREFUNDx",
        ] {
            let lowered = text.to_ascii_lowercase().contains("refund") || text.contains("退款");
            assert_eq!(refund_wording(text), lowered, "{text:?}");
        }
    }

    #[test]
    fn sorts_by_key_rank_keeping_order_within_a_rank() {
        let items = [
            (2u32, 'a'),
            (0, 'b'),
            (2, 'c'),
            (1, 'd'),
            (0, 'e'),
            (2, 'f'),
        ];
        let sorted = by_key_rank(&items, 3, |item| item.0);
        let mut stable = items.to_vec();
        stable.sort_by_key(|item| item.0);
        assert_eq!(sorted, stable);
        assert!(by_key_rank::<(u32, char)>(&[], 0, |item| item.0).is_empty());
    }

    #[test]
    fn order_numbers_are_cut_on_character_boundaries() {
        let prefixes: Vec<&str> = order_prefixes("ab号1").collect();
        assert_eq!(prefixes, ["a", "ab", "ab号"]);
        assert_eq!(order_prefixes("x").count(), 0);
    }
}
