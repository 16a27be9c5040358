//! Rows read twice: the same transaction in two exports whose periods overlap (January–June and
//! April–September), the same file dropped twice, or an export pasted into one file twice.
//!
//! Such a row is still shown where it stands, but counted once: otherwise every charge in the
//! overlap would look like a charge taken twice. Two rules, from the strongest evidence down:
//!
//! 1. A row that carries the platform's order number (交易订单号, 交易单号, FITID) repeats an earlier
//!    row with the same order number, moment, direction and amount, in any file, including its own.
//!    A platform gives every payment its own number, so two payments never share one.
//! 2. A row without an order number repeats a row of an earlier file with the same day, time,
//!    direction, amount, counterparty, description and status, when the two files agree on most
//!    of the days both cover: they are two exports of one account. Two accounts (a credit card
//!    and a debit card) may both show one identical charge, but not most of their rows.

use chrono::{NaiveDate, NaiveTime};

use std::hash::BuildHasher;

use super::hashing::{TextHashing, TextMap};
use crate::import::ImportedFile;
use crate::model::{Currency, Direction, StatusKind, Transaction};

/// Of the rows two files hold on the days both cover, the share that must match before the
/// later file is taken for a second export of the earlier one's account.
const SAME_ACCOUNT_SHARE: f64 = 0.8;

/// Matching rows two files must share, at least, to be taken for one account.
const SAME_ACCOUNT_ROWS: usize = 2;

/// Which rows repeat an earlier row, for each file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repeats {
    /// For each file (in the order given), for each of its transactions: whether it repeats an
    /// earlier row and so is left out of the analysis.
    pub repeated: Vec<Vec<bool>>,
    /// For each file, the files (by index) that hold the rows it repeats, in index order.
    pub of: Vec<Vec<usize>>,
}

impl Repeats {
    /// Whether transaction `row` of file `file` repeats an earlier row.
    pub fn is_repeat(&self, file: usize, row: usize) -> bool {
        self.repeated
            .get(file)
            .and_then(|rows| rows.get(row))
            .copied()
            .unwrap_or(false)
    }

    /// How many rows of file `file` repeat earlier rows.
    pub fn count(&self, file: usize) -> usize {
        self.repeated
            .get(file)
            .map_or(0, |rows| rows.iter().filter(|&&r| r).count())
    }

    fn mark(&mut self, file: usize, row: usize, original_file: usize) {
        self.repeated[file][row] = true;
        if let Err(at) = self.of[file].binary_search(&original_file) {
            self.of[file].insert(at, original_file);
        }
    }
}

/// What makes a row with an order number the same payment.
type Numbered<'a> = (
    &'a str,
    Direction,
    i64,
    Currency,
    NaiveDate,
    Option<NaiveTime>,
);

/// What makes a row without an order number the same row.
type Unnumbered<'a> = (
    NaiveDate,
    Option<NaiveTime>,
    Direction,
    i64,
    Currency,
    &'a str,
    &'a str,
    StatusKind,
);

fn order_number(tx: &Transaction) -> Option<&str> {
    tx.order_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
}

fn numbered(tx: &Transaction) -> Option<Numbered<'_>> {
    Some((
        order_number(tx)?,
        tx.direction,
        tx.amount.minor,
        tx.amount.currency,
        tx.when.date,
        tx.when.time,
    ))
}

fn unnumbered(tx: &Transaction) -> Unnumbered<'_> {
    (
        tx.when.date,
        tx.when.time,
        tx.direction,
        tx.amount.minor,
        tx.amount.currency,
        tx.counterparty.trim(),
        tx.description.trim(),
        tx.status_kind,
    )
}

/// Finds the rows of `files` that repeat an earlier row (see the module documentation).
pub fn find(files: &[ImportedFile]) -> Repeats {
    let mut repeats = Repeats {
        repeated: files
            .iter()
            .map(|f| vec![false; f.transactions.len()])
            .collect(),
        of: vec![Vec::new(); files.len()],
    };
    // Rows with an order number, by a hash of their identity: sorting numbers is quicker than a
    // map of texts, and rows with equal hashes (the repeats, and rare collisions) are compared in
    // full. Equal hashes keep file and row order, so the first of equal rows is the original.
    let hashing = TextHashing::new();
    let mut keyed: Vec<(u64, u32, u32)> = Vec::new();
    for (f, file) in files.iter().enumerate() {
        for (r, tx) in file.transactions.iter().enumerate() {
            if let Some(key) = numbered(tx) {
                keyed.push((hashing.hash_one(key), f as u32, r as u32));
            }
        }
    }
    keyed.sort_unstable();
    let key_of =
        |&(_, f, r): &(u64, u32, u32)| numbered(&files[f as usize].transactions[r as usize]);
    for same_hash in keyed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        for (i, row) in same_hash.iter().enumerate().skip(1) {
            let key = key_of(row);
            if let Some(original) = same_hash[..i].iter().find(|earlier| key_of(earlier) == key) {
                repeats.mark(row.1 as usize, row.2 as usize, original.1 as usize);
            }
        }
    }
    for later in 1..files.len() {
        for earlier in 0..later {
            second_export(files, earlier, later, &mut repeats);
        }
    }
    repeats
}

/// The rows without an order number of `file`, not yet known as repeats, on the days from
/// `days.0` to `days.1`.
fn unnumbered_rows<'a>(
    files: &'a [ImportedFile],
    file: usize,
    days: (NaiveDate, NaiveDate),
    repeats: &'a Repeats,
) -> impl Iterator<Item = (usize, &'a Transaction)> + 'a {
    files[file]
        .transactions
        .iter()
        .enumerate()
        .filter(move |&(r, tx)| {
            !repeats.is_repeat(file, r)
                && order_number(tx).is_none()
                && (days.0..=days.1).contains(&tx.when.date)
        })
}

/// The first and last day of the rows without an order number of `file`.
fn days_of(
    files: &[ImportedFile],
    file: usize,
    repeats: &Repeats,
) -> Option<(NaiveDate, NaiveDate)> {
    let all = (NaiveDate::MIN, NaiveDate::MAX);
    let mut dates = unnumbered_rows(files, file, all, repeats).map(|(_, tx)| tx.when.date);
    let first = dates.next()?;
    Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
}

/// Marks the rows of file `later` that repeat rows of file `earlier` (rule 2), when the two
/// agree on most of the days both cover.
fn second_export(files: &[ImportedFile], earlier: usize, later: usize, repeats: &mut Repeats) {
    let (Some(a), Some(b)) = (
        days_of(files, earlier, repeats),
        days_of(files, later, repeats),
    ) else {
        return;
    };
    let both = (a.0.max(b.0), a.1.min(b.1));
    if both.0 > both.1 {
        return;
    }
    let mut left: TextMap<Unnumbered<'_>, usize> = TextMap::default();
    let mut earlier_rows = 0;
    for (_, tx) in unnumbered_rows(files, earlier, both, repeats) {
        *left.entry(unnumbered(tx)).or_default() += 1;
        earlier_rows += 1;
    }
    let mut later_rows = 0;
    let mut matched = Vec::new();
    for (r, tx) in unnumbered_rows(files, later, both, repeats) {
        later_rows += 1;
        if let Some(count) = left.get_mut(&unnumbered(tx)).filter(|c| **c > 0) {
            *count -= 1;
            matched.push(r);
        }
    }
    let fewer = earlier_rows.min(later_rows);
    if matched.len() >= SAME_ACCOUNT_ROWS
        && matched.len() as f64 >= SAME_ACCOUNT_SHARE * fewer as f64
    {
        for r in matched {
            repeats.mark(later, r, earlier);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LocalTime, Money, SourceRef};
    use std::sync::Arc;

    /// A row: day of November 2026, minutes past midnight (or none), amount, order number, payee.
    type Row = (u32, Option<u32>, i64, Option<&'static str>, &'static str);

    fn file(name: &str, rows: &[Row]) -> ImportedFile {
        let name: Arc<str> = Arc::from(name);
        let transactions = rows
            .iter()
            .enumerate()
            .map(|(i, &(day, minutes, minor, order, payee))| Transaction {
                source: SourceRef {
                    file: name.clone(),
                    line: i as u32 + 2,
                },
                when: LocalTime {
                    date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
                    time: minutes.map(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap()),
                    utc_offset_seconds: 8 * 3600,
                },
                direction: Direction::Debit,
                amount: Money::new(minor, Currency::CNY),
                counterparty: payee.to_string(),
                counterparty_account: None,
                description: String::new(),
                category: None,
                status: String::new(),
                status_kind: StatusKind::Succeeded,
                payment_method: None,
                order_id: order.map(str::to_string),
                merchant_order_id: None,
                note: None,
            })
            .collect();
        ImportedFile {
            transactions,
            error: None,
            format: Some(crate::import::Format::GenericCsv),
            ..ImportedFile::failed(
                name,
                0,
                crate::import::ImportError::new(crate::import::ImportErrorKind::Empty),
            )
        }
    }

    fn marks(repeats: &Repeats) -> Vec<Vec<usize>> {
        repeats
            .repeated
            .iter()
            .map(|rows| (0..rows.len()).filter(|&r| rows[r]).collect())
            .collect()
    }

    #[test]
    fn finds_rows_read_twice() {
        type Case = (
            &'static str,
            Vec<Vec<Row>>,
            Vec<Vec<usize>>,
            Vec<Vec<usize>>,
        );
        let cases: Vec<Case> = vec![
            (
                "overlapping wallet exports: the shared order numbers repeat",
                vec![
                    vec![
                        (1, Some(600), 1500, Some("A1"), "视频"),
                        (2, Some(600), 900, Some("A2"), "咖啡"),
                    ],
                    vec![
                        (2, Some(600), 900, Some("A2"), "咖啡"),
                        (3, Some(600), 900, Some("A3"), "咖啡"),
                    ],
                ],
                vec![vec![], vec![0]],
                vec![vec![], vec![0]],
            ),
            (
                "an export pasted twice into one file",
                vec![vec![
                    (1, Some(600), 1500, Some("A1"), "视频"),
                    (1, Some(600), 1500, Some("A1"), "视频"),
                ]],
                vec![vec![1]],
                vec![vec![0]],
            ),
            (
                "two payments a minute apart have two order numbers: both count",
                vec![vec![
                    (1, Some(600), 1500, Some("A1"), "视频"),
                    (1, Some(601), 1500, Some("A2"), "视频"),
                ]],
                vec![vec![]],
                vec![vec![]],
            ),
            (
                "a reused number on another day or amount is not the same payment",
                vec![vec![
                    (1, Some(600), 1500, Some("A1"), "视频"),
                    (2, Some(600), 1500, Some("A1"), "视频"),
                    (1, Some(600), 1800, Some("A1"), "视频"),
                ]],
                vec![vec![]],
                vec![vec![]],
            ),
            (
                "overlapping bank exports without numbers: the common days count once",
                vec![
                    vec![
                        (1, None, 1500, None, "NETFLIX"),
                        (2, None, 900, None, "SHOP"),
                        (3, None, 700, None, "BUS"),
                    ],
                    vec![
                        (2, None, 900, None, "SHOP"),
                        (3, None, 700, None, "BUS"),
                        (4, None, 700, None, "BUS"),
                    ],
                ],
                vec![vec![], vec![0, 1]],
                vec![vec![], vec![0]],
            ),
            (
                "two accounts sharing one charge on a busy day are two accounts",
                vec![
                    vec![
                        (1, None, 1500, None, "NETFLIX"),
                        (1, None, 900, None, "SHOP"),
                        (1, None, 400, None, "TEA"),
                    ],
                    vec![
                        (1, None, 1500, None, "NETFLIX"),
                        (1, None, 2500, None, "FUEL"),
                        (1, None, 300, None, "BUS"),
                    ],
                ],
                vec![vec![], vec![]],
                vec![vec![], vec![]],
            ),
            (
                "a real second charge in the later export is kept (multiset, not set)",
                vec![
                    vec![
                        (1, None, 900, None, "SHOP"),
                        (2, None, 700, None, "BUS"),
                        (2, None, 700, None, "BUS"),
                    ],
                    vec![
                        (1, None, 900, None, "SHOP"),
                        (2, None, 700, None, "BUS"),
                        (2, None, 700, None, "BUS"),
                        (2, None, 700, None, "BUS"),
                    ],
                ],
                vec![vec![], vec![0, 1, 2]],
                vec![vec![], vec![0]],
            ),
            (
                "identical rows inside one bank file are left alone",
                vec![vec![
                    (1, None, 900, None, "SHOP"),
                    (1, None, 900, None, "SHOP"),
                ]],
                vec![vec![]],
                vec![vec![]],
            ),
        ];
        for (what, files, repeated, of) in cases {
            let files: Vec<ImportedFile> = files
                .iter()
                .enumerate()
                .map(|(i, rows)| file(&format!("f{i}.csv"), rows))
                .collect();
            let repeats = find(&files);
            assert_eq!(marks(&repeats), repeated, "{what}");
            assert_eq!(repeats.of, of, "{what}");
        }
    }
}
