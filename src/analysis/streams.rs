//! Streams: the same counterparty taking (or paying) money again and again on a rhythm.
//!
//! Events are grouped by direction, currency and counterparty key. Inside a group, charges for
//! the same product (same description) are tried first, then the rest; a set is a stream when its
//! dates fit a cadence and its amounts fit the kind of payment: one exact price (after a possible
//! trial), prices held in steps, income, or a bill that says it is one or keeps a biller's day.
//! Sets whose amounts vary otherwise are split into amount clusters, and a cluster that recurs is
//! extended with the group's other charges that keep the rhythm (a 0.01 trial before a 15.00
//! series, a price step from 15.00 to 18.00). Cash withdrawals, gifts of varying size to people
//! and near-equal purchases a year apart are not streams.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::cadence::{self, Fit};
use super::events::Event;
use super::normalize::bigram_similarity;
use super::report::Frequency;
use super::signals::Words;
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
    // Charges (0) and income (1), by counterparty (a counting sort over key ranks), then split
    // by direction and currency; groups are taken in (direction, currency, key) order.
    let class = |e: &Event<'_>| {
        if e.is_charge() {
            Some(0u8)
        } else if e.is_income() {
            Some(1u8)
        } else {
            None
        }
    };
    // (charge or income, currency, key), then the moment and the index of each member.
    type Group = (u8, Currency, u32);
    type Member = (Group, chrono::NaiveDateTime, usize);
    let members: Vec<Member> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some(((class(e)?, e.currency(), e.key_rank), e.utc, i)))
        .collect();
    let grouped =
        super::events::by_key_rank(&members, super::events::key_count(events), |m| m.0 .2);
    let mut groups: Vec<(Group, Vec<(chrono::NaiveDateTime, usize)>)> = Vec::new();
    for same_key in grouped.chunk_by(|a, b| a.0 .2 == b.0 .2) {
        let first = groups.len();
        for &(group, utc, i) in same_key {
            match groups[first..].iter_mut().find(|(g, _)| *g == group) {
                Some((_, members)) => members.push((utc, i)),
                None => groups.push((group, vec![(utc, i)])),
            }
        }
    }
    groups.sort_unstable_by_key(|(group, _)| *group);
    let mut found = Vec::new();
    for ((direction, _, _), mut timed) in groups {
        // Members come in row order, so the index keeps equal moments as a stable sort would.
        timed.sort_unstable();
        let members: Vec<usize> = timed.into_iter().map(|(_, i)| i).collect();
        let direction = if direction == 0 {
            Direction::Debit
        } else {
            Direction::Credit
        };
        found.extend(find_in_group(events, &members, direction));
    }
    found.sort_by_key(|f| events[f.members[0]].utc);
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
            .max_by_key(|&i| events[i].utc);
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
    // Among many visits, a price repeats about monthly by chance: no extra room for drifting
    // days here, and no reading by calendar month.
    let mut days: Vec<cadence::Day> = stream.members.iter().map(|&i| events[i].day).collect();
    days.dedup();
    exact
        && cadence::detect_days_by_gaps(&days).is_some()
        && (!slow || recurring_text(events, &stream.members))
}

/// Splits a group into sets of events whose descriptions are alike (bigram similarity ≥ 0.5).
fn products(events: &[Event<'_>], group: &[usize]) -> Vec<Vec<usize>> {
    let mut sets: Vec<(&str, Vec<usize>)> = Vec::new();
    for &i in group {
        let desc: &str = &events[i].desc_key;
        match sets
            .iter_mut()
            .find(|(d, _)| *d == desc || bigram_similarity(d, desc) >= 0.5)
        {
            Some((_, set)) => set.push(i),
            None => sets.push((desc, vec![i])),
        }
    }
    sets.into_iter().map(|(_, set)| set).collect()
}

/// Streams inside one set of events (time-sorted).
///
/// The whole set is tried first, one charge per day (the one nearest the usual amount; the
/// others, such as a bonus paid beside a salary or a yearly plan renewed on the day of a monthly
/// one, are tried again on their own). Unless two exact-price plans run side by side, then
/// exact-price clusters come first, each extended by the rest of the set (a trial before, price
/// steps after), so two parallel plans at one merchant stay two streams. What no cluster claims
/// is then tried as a whole: a bill whose amount changes every month.
fn streams_of(events: &[Event<'_>], set: &[usize], direction: Direction) -> Vec<Found> {
    if set.len() < 2 {
        return Vec::new();
    }
    let clusters = amount_clusters(events, set);
    if !parallel(events, clusters.iter()) {
        let (core, extra) = one_per_day(events, set);
        // Beside a plan's exact price, a charge of more than twice that price is another product
        // (a yearly plan next to a monthly one), not a month of the same stream.
        let plan = most_common_amount(events, &core)
            .filter(|&p| core.iter().filter(|&&i| events[i].minor() == p).count() >= 3);
        let other_product = plan.is_some_and(|p| core.iter().any(|&i| events[i].minor() > 2 * p));
        if let Some(fit) = fit_of(events, &core).filter(|_| !other_product) {
            if acceptable(events, &core, fit, direction) {
                let mut found = vec![Found {
                    members: core,
                    fit,
                    direction,
                }];
                found.extend(streams_of(events, &extra, direction));
                return found;
            }
        }
    }
    // What no stream has claimed yet, sorted for lookups.
    let mut left: Vec<usize> = set.to_vec();
    left.sort_unstable();
    let is_left = |left: &[usize], i: &usize| left.binary_search(i).is_ok();
    let mut found = Vec::new();
    for cluster in clusters.iter() {
        if cluster.len() < 2 || cluster.iter().any(|i| !is_left(&left, i)) {
            continue;
        }
        let Some(fit) = fit_of(events, cluster) else {
            continue;
        };
        if !acceptable(events, cluster, fit, direction) {
            continue;
        }
        let pool: Vec<usize> = set.iter().copied().filter(|i| is_left(&left, i)).collect();
        let members = extend(events, cluster.to_vec(), &pool, fit);
        let fit = fit_of(events, &members).unwrap_or(fit);
        for i in &members {
            if let Ok(at) = left.binary_search(i) {
                left.remove(at);
            }
        }
        found.push(Found {
            members,
            fit,
            direction,
        });
    }
    let left: Vec<usize> = set.iter().copied().filter(|i| is_left(&left, i)).collect();
    if left.len() >= 3 {
        if let Some(fit) = fit_of(events, &left) {
            if acceptable(events, &left, fit, direction) {
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

/// Splits a time-sorted set into one event per day (on a day with several, the one nearest the
/// set's median amount) and the rest, both in time order.
fn one_per_day(events: &[Event<'_>], set: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let amounts: Vec<i64> = set.iter().map(|&i| events[i].minor()).collect();
    let median = super::signals::median(&amounts);
    let mut core = Vec::with_capacity(set.len());
    let mut extra = Vec::new();
    for day in set.chunk_by(|&a, &b| events[a].date() == events[b].date()) {
        let keep = day
            .iter()
            .copied()
            .min_by_key(|&i| (events[i].minor() - median).abs())
            .unwrap_or(day[0]);
        core.push(keep);
        extra.extend(day.iter().copied().filter(|&i| i != keep));
    }
    (core, extra)
}

/// Whether two exact-price plans of three or more charges run side by side (interleaved in
/// time): two plans, not one. Only charges of one exact price count as a plan; amounts that
/// merely fall near each other (a salary or a bill that varies a little) are not plans.
fn parallel<'c>(events: &[Event<'_>], clusters: impl Iterator<Item = &'c [usize]>) -> bool {
    let spans: Vec<(NaiveDate, NaiveDate)> = clusters
        // A cluster of fewer than three cannot hold a plan of three.
        .filter(|c| c.len() >= 3)
        .filter_map(|c| {
            let price = most_common_amount(events, c)?;
            let plan: Vec<NaiveDate> = c
                .iter()
                .filter(|&&i| events[i].minor() == price)
                .map(|&i| events[i].date())
                .collect();
            (plan.len() >= 3).then(|| (plan[0], plan[plan.len() - 1]))
        })
        .collect();
    spans
        .iter()
        .enumerate()
        .any(|(i, a)| spans[i + 1..].iter().any(|b| a.0 < b.1 && b.0 < a.1))
}

/// The amount charged most often in a set (the larger one on a tie).
fn most_common_amount(events: &[Event<'_>], set: &[usize]) -> Option<i64> {
    let mut amounts: Vec<i64> = set.iter().map(|&i| events[i].minor()).collect();
    amounts.sort_unstable();
    amounts
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| (run.len(), run[0]))
        .map(|run| run[0])
}

/// The cadence of a set, on its distinct dates. A set of four or more charges of one exact
/// price is given more room for drifting days ([`cadence::EXACT_PRICE_SLACK`]).
fn fit_of(events: &[Event<'_>], set: &[usize]) -> Option<Fit> {
    let mut days: Vec<cadence::Day> = set.iter().map(|&i| events[i].day).collect();
    days.sort_unstable();
    days.dedup();
    cadence::detect_days(&days, 1.0).or_else(|| {
        let price = events[*set.first()?].minor();
        let one_price = set.iter().all(|&i| events[i].minor() == price);
        (one_price && days.len() >= 4)
            .then(|| cadence::detect_days(&days, cadence::EXACT_PRICE_SLACK))
            .flatten()
    })
}

/// Whether a set that fits a cadence is a stream: enough occurrences, and amounts that fit the
/// kind of payment.
fn acceptable(events: &[Event<'_>], set: &[usize], fit: Fit, direction: Direction) -> bool {
    // Two charges on one day (a duplicate, an order paid in two parts) are one occurrence: the
    // amounts are judged one a day.
    let (per_day, _) = one_per_day(events, set);
    let amounts: Vec<i64> = per_day.iter().map(|&i| events[i].minor()).collect();
    let n = amounts.len();
    if amounts[0] <= 0 || cash_withdrawals(events, set) {
        return false;
    }
    let person = match direction {
        // Income by transfer is still income (a client paying by 转账); income from a private
        // person is not a stream of pay.
        Direction::Credit => to_person(events, set),
        _ => to_person(events, set) || transfer(events, set),
    };
    match fit.frequency {
        // Yearly renewals charge the same price to the fen (after a possible lower first charge),
        // or nearly the same when the rows say they renew (a price converted from another
        // currency); two purchases at a shop a year apart cost about the same, rarely exactly.
        // Transfers to a person are not renewals, unless the rows say so.
        Frequency::Annually | Frequency::Semiannually => {
            let renews = recurring_text(events, set);
            n >= 2
                && (exact_after_first(&amounts) || (renews && steady(&amounts)))
                && (renews || !person)
        }
        // One price (after a possible trial), or prices held in steps (a rent that rises once a
        // year): a plan, whoever is paid.
        _ if n >= 3 && (exact_after_first(&amounts) || stepped(&amounts)) => true,
        // Amounts that vary: income (interest, fees for work), or a bill. Bills come monthly or
        // slower, stay within one order of magnitude, and show it: bill or agreement wording, or
        // a biller's fixed day of the month over four bills or more. Shops visited about monthly
        // show neither. What is sent to a person varies because it is a gift or a loan.
        _ if n >= 3 => {
            !person
                && match direction {
                    Direction::Credit => true,
                    _ => {
                        !weekly_like(fit.frequency)
                            && (steady(&amounts) || variable_bill(&amounts))
                            && (bill_text(events, set) || (n >= 4 && fixed_day(events, set)))
                    }
                }
        }
        _ => n == 2 && amounts[0] == amounts[1] && recurring_text(events, set),
    }
}

/// All charges within [`SAME_AMOUNT`] of the last one, or all but a lower first one (a trial).
fn steady(amounts: &[i64]) -> bool {
    let last = amounts[amounts.len() - 1];
    amounts.iter().all(|&a| same_amount(a, last))
        || (amounts.len() >= 3
            && amounts[0] < last
            && amounts[1..].iter().all(|&a| same_amount(a, last)))
}

/// Prices held in steps: every amount repeated in one run of consecutive charges, each run at
/// least two long (the first may be a single lower charge seen before a step), each step less
/// than double.
fn stepped(amounts: &[i64]) -> bool {
    let runs: Vec<usize> = amounts.chunk_by(|a, b| a == b).map(<[i64]>::len).collect();
    let mut levels: Vec<i64> = amounts.to_vec();
    levels.sort_unstable();
    levels.dedup();
    let steps_within_double = amounts
        .windows(2)
        .all(|w| w[0].max(w[1]) <= 2 * w[0].min(w[1]));
    let first_run_lower = runs[0] >= 2 || amounts.get(1).is_some_and(|&next| amounts[0] < next);
    levels.len() == runs.len()
        && first_run_lower
        && runs[1..].iter().all(|&len| len >= 2)
        && runs.len() * 2 <= amounts.len()
        && steps_within_double
}

/// Every charge after the first at exactly the last price, and the first not above it.
fn exact_after_first(amounts: &[i64]) -> bool {
    let last = amounts[amounts.len() - 1];
    amounts[0] <= last
        && amounts[1..].iter().all(|&a| a == last)
        && (amounts.len() >= 3 || amounts[0] == last)
}

/// Whether most charges of a monthly-type set fall within three days of its usual day of the
/// month (month ends counted as the same day): a biller's direct debit, not a visit by hand.
fn fixed_day(events: &[Event<'_>], set: &[usize]) -> bool {
    let anchor = anchor_day(events, set);
    let near = set
        .iter()
        .filter(|&&i| days_from_anchor(events[i].date(), anchor) <= 3)
        .count();
    near * 10 >= set.len() * 8
}

/// Days between `date` and the nearest `anchor` day of its own or a neighbouring month (clamped
/// to month ends, so the 31st anchor meets the 28th of February).
fn days_from_anchor(date: NaiveDate, anchor: u32) -> i64 {
    let this_month = date.with_day(1).unwrap_or(date);
    let previous_month = (this_month - chrono::Duration::days(1))
        .with_day(1)
        .unwrap_or(this_month);
    (0..3)
        .map(|k| {
            (cadence::add_months(previous_month, k, anchor) - date)
                .num_days()
                .abs()
        })
        .min()
        .unwrap_or(0)
}

/// Cash taken out at a machine or a counter: money moved, not a payment to anyone.
fn cash_withdrawals(events: &[Event<'_>], set: &[usize]) -> bool {
    set.iter().all(|&i| events[i].words.any(Words::CASH))
}

/// Whether the rows say they are a bill, a premium or a standing agreement.
fn bill_text(events: &[Event<'_>], set: &[usize]) -> bool {
    set.iter()
        .any(|&i| events[i].words.any(Words::BILL_WORDING))
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
/// full, as two or three Chinese characters, or as an initial and a surname (`J SMITH`). A row
/// without a counterparty (`结息` in the description) names no one, and a short name with a
/// business or bill word in it (`某水务`) names a business.
pub(super) fn to_person(events: &[Event<'_>], set: &[usize]) -> bool {
    set.iter().all(|&i| {
        let key = &events[i].key;
        let name = &events[i].tx.counterparty;
        if name.trim().is_empty() || events[i].counterparty_words.any(Words::BUSINESS_NAME) {
            return false;
        }
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
pub(super) fn transfer(events: &[Event<'_>], set: &[usize]) -> bool {
    set.iter().all(|&i| events[i].words.any(Words::TRANSFER))
}

fn recurring_text(events: &[Event<'_>], set: &[usize]) -> bool {
    set.iter().any(|&i| events[i].words.any(Words::RENEWAL))
}

fn same_amount(a: i64, b: i64) -> bool {
    let (a, b) = (a as f64, b as f64);
    (a - b).abs() <= SAME_AMOUNT * a.max(b)
}

/// Groups amounts that are within 7.5 % of each other, largest groups first.
fn amount_clusters(events: &[Event<'_>], set: &[usize]) -> Clusters {
    // The amount beside each index, so the sort never leaves this vector; equal amounts keep
    // the set's order.
    let mut by_amount: Vec<(i64, usize)> = set.iter().map(|&i| (events[i].minor(), i)).collect();
    by_amount.sort_by_key(|&(minor, _)| minor);
    let mut members: Vec<usize> = Vec::with_capacity(by_amount.len());
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (at, &(minor, i)) in by_amount.iter().enumerate() {
        match ranges.last_mut() {
            Some(range) if same_amount(by_amount[range.start].0, minor) => range.end = at + 1,
            _ => ranges.push(at..at + 1),
        }
        members.push(i);
    }
    for range in &ranges {
        members[range.clone()].sort_by_key(|&i| events[i].utc);
    }
    ranges.sort_by_key(|range| std::cmp::Reverse(range.len()));
    Clusters { members, ranges }
}

/// Amount clusters, largest first, each a time-sorted run of one vector (no vector per cluster).
struct Clusters {
    members: Vec<usize>,
    ranges: Vec<Range<usize>>,
}

impl Clusters {
    fn iter(&self) -> impl Iterator<Item = &[usize]> {
        self.ranges.iter().map(|range| &self.members[range.clone()])
    }
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
    candidates.sort_by_key(|&i| events[i].utc);
    for i in candidates {
        let amount = events[i].minor();
        // Trial charges are lower; price steps stay within 2× of the current price.
        if amount > level * 2 {
            continue;
        }
        let mut trial = members.clone();
        trial.push(i);
        trial.sort_by_key(|&j| events[j].utc);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn amount_shapes() {
        // (amounts, one price after a lower first, prices held in steps, within 2 %)
        let cases: &[(&[i64], bool, bool, bool)] = &[
            (&[1500, 1500, 1500], true, true, true),
            (&[1, 1500, 1500], true, false, true),
            (&[27241, 26730], false, false, true),
            (&[3290, 3290], true, true, true),
            (&[1500, 3000], false, false, false),
            // A rent that rises once a year.
            (&[4600, 4600, 4600, 4920, 4920, 4920], false, true, false),
            // Seen once before the step.
            (&[1690, 2300, 2300, 2300], true, true, true),
            // A higher first charge, then a lower price: not a step held.
            (&[310, 280, 280, 280], false, false, false),
            // A yearly charge beside monthly ones: more than double.
            (&[19800, 2500, 2500, 2500], false, false, false),
            // A bill that varies.
            (&[2444, 2557, 2461, 2444, 2553], false, false, false),
            (&[2444, 2461, 2444, 2450], false, false, true),
        ];
        for (amounts, exact, steps, near) in cases {
            assert_eq!(exact_after_first(amounts), *exact, "exact {amounts:?}");
            assert_eq!(stepped(amounts), *steps, "stepped {amounts:?}");
            assert_eq!(steady(amounts), *near, "steady {amounts:?}");
        }
    }

    #[test]
    fn days_from_the_usual_day() {
        let cases: &[(&str, u32, i64)] = &[
            ("2025-03-15", 15, 0),
            ("2025-03-13", 15, 2),
            ("2025-03-01", 31, 1),
            ("2025-02-28", 31, 0),
            ("2025-02-27", 31, 1),
            ("2025-01-02", 30, 3),
            ("2025-03-20", 5, 15),
        ];
        for (date, anchor, days) in cases {
            assert_eq!(
                days_from_anchor(d(date), *anchor),
                *days,
                "{date} ~ {anchor}"
            );
        }
    }
}
