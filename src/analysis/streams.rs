//! Streams: the same counterparty taking (or paying) money again and again on a rhythm.
//!
//! Events are grouped by direction, currency and counterparty key. Inside a group, charges for
//! the same product (same description) are tried first, then the rest; a set is a stream when its
//! dates fit a cadence. Sets whose amounts vary are split into amount clusters, and a cluster that
//! recurs is extended with the group's other charges that keep the rhythm (a 0.01 trial before a
//! 15.00 series, a price step from 15.00 to 18.00).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::cadence::{self, Fit};
use super::events::Event;
use super::normalize::bigram_similarity;
use super::report::Frequency;
use crate::model::{Currency, Direction};

/// A stream found in the events: the indexes of its events (sorted by time) and its cadence.
#[derive(Clone, Debug)]
pub struct Found {
    /// Indexes into the event list, in time order.
    pub members: Vec<usize>,
    /// The cadence.
    pub fit: Fit,
    /// Debit or credit.
    pub direction: Direction,
}

/// Relative amount difference that still counts as "the same price".
const SAME_AMOUNT: f64 = 0.02;

/// Finds every stream among `events` (charges and income only).
pub fn find(events: &[Event<'_>]) -> Vec<Found> {
    let mut groups: BTreeMap<(u8, Currency, &str), Vec<usize>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        let direction = if e.is_charge() {
            0
        } else if e.is_income() {
            1
        } else {
            continue;
        };
        groups
            .entry((direction, e.currency(), e.key.as_str()))
            .or_default()
            .push(i);
    }
    let mut found = Vec::new();
    for ((direction, _, _), mut members) in groups {
        members.sort_by_key(|&i| events[i].tx.when.instant());
        let direction = if direction == 0 {
            Direction::Debit
        } else {
            Direction::Credit
        };
        found.extend(find_in_group(events, &members, direction));
    }
    found.sort_by_key(|f| events[f.members[0]].tx.when.instant());
    found
}

fn find_in_group(events: &[Event<'_>], group: &[usize], direction: Direction) -> Vec<Found> {
    let mut left: Vec<usize> = group.to_vec();
    let mut found = Vec::new();
    if left.len() < 2 {
        return found;
    }
    // Products first: charges with similar descriptions.
    for product in products(events, &left) {
        if product.len() >= 2 && product.len() < left.len() {
            for stream in streams_of(events, &product, direction) {
                left.retain(|i| !stream.members.contains(i));
                found.push(stream);
            }
        }
    }
    // Then whatever is left of the counterparty.
    for stream in streams_of(events, &left, direction) {
        left.retain(|i| !stream.members.contains(i));
        found.push(stream);
    }
    // At a shop visited often, prices coincide by chance: there a stream must charge one exact
    // price (after a possible first trial) and, when it recurs slower than monthly, say that
    // it renews. Bills with varying amounts come from billers, not from shops visited weekly.
    let in_streams: usize = found.iter().map(|s| s.members.len()).sum();
    let habitual = left.len() >= 4 || group.len() >= in_streams + 4;
    found.retain(|s| !habitual || plausible_at_habitual_shop(events, s));
    // Two equal amounts of a varying monthly bill, a year apart, are a slice of that bill.
    let bill_ranges: Vec<(i64, i64)> = found
        .iter()
        .filter(|s| {
            !matches!(
                s.fit.frequency,
                Frequency::Annually | Frequency::Semiannually
            )
        })
        .map(|s| {
            let amounts = s.members.iter().map(|&i| events[i].minor());
            (
                amounts.clone().min().unwrap_or(0),
                amounts.max().unwrap_or(0),
            )
        })
        .filter(|(min, max)| min != max)
        .collect();
    found.retain(|s| {
        let slow = matches!(
            s.fit.frequency,
            Frequency::Annually | Frequency::Semiannually
        );
        let amount = events[s.members[0]].minor();
        !(slow
            && bill_ranges
                .iter()
                .any(|(min, max)| (*min..=*max).contains(&amount)))
    });
    // A low first charge filed under another product name (首月特惠 before 连续包月): a trial.
    let claimed: Vec<usize> = found
        .iter()
        .flat_map(|s| s.members.iter().copied())
        .collect();
    for stream in &mut found {
        let first = stream.members[0];
        let level = events[stream.members[stream.members.len() - 1]].minor();
        if events[first].minor() * 10 < level * 9 {
            // The stream already starts low: its trial is in it.
            continue;
        }
        let cycle = cadence::cycle_days(stream.fit.frequency);
        let trial = group
            .iter()
            .copied()
            .filter(|i| !claimed.contains(i))
            .filter(|&i| events[i].minor() * 2 <= level)
            .filter(|&i| {
                let days = (events[first].date() - events[i].date()).num_days();
                // A trial may be a week ("7天体验") or a month before the first full charge.
                days >= 3 && days <= cycle + cycle / 2
            })
            .max_by_key(|&i| events[i].tx.when.instant());
        if let Some(i) = trial {
            stream.members.insert(0, i);
        }
    }
    found
}

fn plausible_at_habitual_shop(events: &[Event<'_>], stream: &Found) -> bool {
    let amounts: Vec<i64> = stream.members.iter().map(|&i| events[i].minor()).collect();
    let last = amounts[amounts.len() - 1];
    let exact = amounts[1..].iter().filter(|&&a| a == last).count() * 10 >= (amounts.len() - 1) * 7;
    let slow = !matches!(
        stream.fit.frequency,
        Frequency::Weekly | Frequency::Biweekly | Frequency::Semimonthly | Frequency::Monthly
    );
    exact && (!slow || recurring_text(events, &stream.members))
}

/// Splits a group into sets of events whose descriptions are alike (bigram similarity ≥ 0.5).
fn products(events: &[Event<'_>], group: &[usize]) -> Vec<Vec<usize>> {
    let mut sets: Vec<(String, Vec<usize>)> = Vec::new();
    for &i in group {
        let desc = &events[i].desc_key;
        match sets
            .iter_mut()
            .find(|(d, _)| d == desc || bigram_similarity(d, desc) >= 0.5)
        {
            Some((_, set)) => set.push(i),
            None => sets.push((desc.clone(), vec![i])),
        }
    }
    sets.into_iter().map(|(_, set)| set).collect()
}

/// Streams inside one set of events (time-sorted).
///
/// Exact-price clusters come first, each extended by the rest of the set (a trial before, price
/// steps after), so two parallel plans at one merchant stay two streams. What no cluster claims
/// is then tried as a whole: a bill whose amount changes every month.
fn streams_of(events: &[Event<'_>], set: &[usize], direction: Direction) -> Vec<Found> {
    let mut left: Vec<usize> = set.to_vec();
    let mut found = Vec::new();
    if set.len() < 2 {
        return found;
    }
    let clusters = amount_clusters(events, set);
    // The whole set is one stream only if it has one charge per date; two charges on one day
    // are two plans (a yearly renewal on the day of a monthly one) or a duplicate.
    let mut days: Vec<NaiveDate> = set.iter().map(|&i| events[i].date()).collect();
    days.sort_unstable();
    days.dedup();
    if days.len() == set.len() && !parallel(events, &clusters) {
        if let Some(fit) = fit_of(events, set) {
            if acceptable(events, set, fit) {
                return vec![Found {
                    members: set.to_vec(),
                    fit,
                    direction,
                }];
            }
        }
    }
    for cluster in clusters {
        if cluster.len() < 2 || cluster.iter().any(|i| !left.contains(i)) {
            continue;
        }
        let Some(fit) = fit_of(events, &cluster) else {
            continue;
        };
        if !acceptable(events, &cluster, fit) {
            continue;
        }
        let members = extend(events, cluster, &left, fit);
        let fit = fit_of(events, &members).unwrap_or(fit);
        left.retain(|i| !members.contains(i));
        found.push(Found {
            members,
            fit,
            direction,
        });
    }
    if left.len() >= 3 {
        if let Some(fit) = fit_of(events, &left) {
            if acceptable(events, &left, fit) {
                found.push(Found {
                    members: left,
                    fit,
                    direction,
                });
            }
        }
    }
    found
}

/// Whether two exact-price clusters of three or more charges run side by side (interleaved in
/// time): two plans, not one. (Two bills that happen to repeat an amount are not plans.)
fn parallel(events: &[Event<'_>], clusters: &[Vec<usize>]) -> bool {
    let spans: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = clusters
        .iter()
        .filter(|c| c.len() >= 3)
        .map(|c| (events[c[0]].date(), events[c[c.len() - 1]].date()))
        .collect();
    spans
        .iter()
        .enumerate()
        .any(|(i, a)| spans[i + 1..].iter().any(|b| a.0 < b.1 && b.0 < a.1))
}

/// The cadence of a set, on its distinct dates.
fn fit_of(events: &[Event<'_>], set: &[usize]) -> Option<Fit> {
    let mut dates: Vec<NaiveDate> = set.iter().map(|&i| events[i].date()).collect();
    dates.sort_unstable();
    dates.dedup();
    cadence::detect(&dates)
}

/// Whether a set that fits a cadence is a stream: enough occurrences, and no more than one
/// charge per cycle on most cycles.
fn acceptable(events: &[Event<'_>], set: &[usize], fit: Fit) -> bool {
    let n = set.len();
    let amounts: Vec<i64> = set.iter().map(|&i| events[i].minor()).collect();
    let steady = amounts
        .iter()
        .all(|&a| same_amount(a, amounts[amounts.len() - 1]))
        || amounts[1..]
            .iter()
            .all(|&a| same_amount(a, amounts[amounts.len() - 1]));
    match fit.frequency {
        // Two yearly charges of the same amount are a yearly renewal (transfers to a person
        // are not, unless the rows say so); shorter cadences need three charges unless the
        // amount never changes.
        Frequency::Annually | Frequency::Semiannually => {
            n >= 2
                && steady
                && (recurring_text(events, set)
                    || !(to_person(events, set) || transfer(events, set)))
        }
        // Amounts that vary are bills, and bills come monthly or slower; weekly charges of
        // varying size are shopping.
        _ if n >= 3 => steady || (!weekly_like(fit.frequency) && variable_bill(&amounts)),
        _ => n == 2 && steady && amounts[0] > 0 && recurring_text(events, set),
    }
}

fn weekly_like(frequency: Frequency) -> bool {
    matches!(
        frequency,
        Frequency::Weekly | Frequency::Biweekly | Frequency::Semimonthly
    )
}

/// A bill whose amount varies but stays within one order of magnitude (utilities).
fn variable_bill(amounts: &[i64]) -> bool {
    let min = *amounts.iter().min().unwrap_or(&0);
    let max = *amounts.iter().max().unwrap_or(&0);
    min > 0 && max <= min * 10
}

/// A private person: exports mask their names (`王*`, `张**明`); bank statements print them in
/// full, as two or three Chinese characters, or as an initial and a surname (`J SMITH`).
fn to_person(events: &[Event<'_>], set: &[usize]) -> bool {
    set.iter().all(|&i| {
        let key = &events[i].key;
        let cjk = key.chars().count();
        key.contains('*')
            || ((2..=3).contains(&cjk)
                && key.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            || key.split(' ').next().is_some_and(|first| {
                first.len() == 1 && first.chars().all(|c| c.is_ascii_alphabetic())
            })
    })
}

/// Money moved by transfer (to a friend, between accounts), not paid for a service.
fn transfer(events: &[Event<'_>], set: &[usize]) -> bool {
    set.iter().all(|&i| {
        super::normalize::mentions(
            &[
                &events[i].tx.counterparty,
                &events[i].tx.description,
                events[i].tx.category.as_deref().unwrap_or(""),
            ],
            &[
                "转账",
                "红包",
                "汇款",
                "transfer",
                "faster payment",
                "standing order",
            ],
        )
    })
}

fn recurring_text(events: &[Event<'_>], set: &[usize]) -> bool {
    set.iter()
        .any(|&i| super::signals::has_renewal_marker(events[i].tx))
}

fn same_amount(a: i64, b: i64) -> bool {
    let (a, b) = (a as f64, b as f64);
    (a - b).abs() <= SAME_AMOUNT * a.max(b)
}

/// Groups amounts that are within 7.5 % of each other, largest groups first.
fn amount_clusters(events: &[Event<'_>], set: &[usize]) -> Vec<Vec<usize>> {
    let mut by_amount: Vec<usize> = set.to_vec();
    by_amount.sort_by_key(|&i| events[i].minor());
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for i in by_amount {
        match clusters.last_mut() {
            Some(c) if same_amount(events[c[0]].minor(), events[i].minor()) => c.push(i),
            _ => clusters.push(vec![i]),
        }
    }
    for c in &mut clusters {
        c.sort_by_key(|&i| events[i].tx.when.instant());
    }
    clusters.sort_by_key(|c| std::cmp::Reverse(c.len()));
    clusters
}

/// Adds events of `pool` that keep the stream's rhythm: an earlier lower trial charge, later
/// steps to another price. Each added event must leave the cadence intact.
fn extend(events: &[Event<'_>], mut members: Vec<usize>, pool: &[usize], fit: Fit) -> Vec<usize> {
    let level = events[*members.last().unwrap_or(&members[0])].minor();
    let mut candidates: Vec<usize> = pool
        .iter()
        .copied()
        .filter(|i| !members.contains(i))
        .collect();
    candidates.sort_by_key(|&i| events[i].tx.when.instant());
    for i in candidates {
        let amount = events[i].minor();
        // Trial charges are lower; price steps stay within 2× of the current price.
        if amount > level * 2 {
            continue;
        }
        let mut trial = members.clone();
        trial.push(i);
        trial.sort_by_key(|&j| events[j].tx.when.instant());
        if fit_of(events, &trial).is_some_and(|f| f.frequency == fit.frequency) {
            members = trial;
        }
    }
    members
}

/// The day of month a monthly-type stream keeps (the most common one; month ends kept as 31).
pub fn anchor_day(events: &[Event<'_>], members: &[usize]) -> u32 {
    let mut counts = [0u32; 32];
    for &i in members {
        let date = events[i].date();
        let day = if date
            .succ_opt()
            .is_some_and(|next| next.month() != date.month())
            && date.day() >= 28
        {
            31
        } else {
            date.day()
        };
        counts[day as usize] += 1;
    }
    (1..32).max_by_key(|&d| (counts[d], d)).unwrap_or(1) as u32
}
