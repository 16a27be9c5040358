//! Cadence: does a series of dates recur weekly, monthly, yearly …, and when is the next one due?
//!
//! Gaps between consecutive dates are tested against each frequency's nominal length with a day
//! tolerance. A gap of two or three cycles counts as missed charges, not a break; a gap shorter
//! than half a cycle means more than one charge per cycle, which is not a subscription.

use chrono::{Datelike, Duration, NaiveDate};

use super::report::Frequency;

/// A frequency's nominal cycle in days and its tolerance for one cycle.
pub fn cycle(frequency: Frequency) -> Option<(f64, f64)> {
    Some(match frequency {
        Frequency::Weekly => (7.0, 2.0),
        Frequency::Biweekly => (14.0, 3.0),
        Frequency::Semimonthly => (15.2, 3.5),
        Frequency::Monthly => (30.44, 4.6),
        Frequency::Bimonthly => (60.9, 7.0),
        Frequency::Quarterly => (91.3, 10.0),
        Frequency::Semiannually => (182.6, 15.0),
        Frequency::Annually => (365.25, 25.0),
        Frequency::Irregular => return None,
    })
}

/// The frequencies tried, shortest first: every one but the last, [`Frequency::Irregular`].
const CANDIDATES: &[Frequency] = Frequency::ALL.split_last().expect("not empty").1;

/// How well a series fits a frequency.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// The frequency.
    pub frequency: Frequency,
    /// Cycles that passed without a charge (gaps of two or three cycles).
    pub missed: usize,
}

/// A date as the cadence tests read it: its day number and its month number, worked out once
/// per row instead of once per comparison. Ordered as the dates are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Days from the common era (chrono's `num_days_from_ce`): differences are day counts.
    pub day: i32,
    /// Year × 12 + month − 1: differences are calendar months.
    pub month: i32,
}

impl Day {
    /// The day numbers of a date.
    pub fn of(date: NaiveDate) -> Day {
        Day {
            day: date.num_days_from_ce(),
            month: date.year() * 12 + date.month0() as i32,
        }
    }
}

fn days_of(dates: &[NaiveDate]) -> Vec<Day> {
    dates.iter().map(|&d| Day::of(d)).collect()
}

/// Finds the frequency of `dates` (sorted, distinct days). Needs at least two dates.
pub fn detect(dates: &[NaiveDate]) -> Option<Fit> {
    detect_with_slack(dates, 1.0)
}

/// How much wider the day tolerance is for a series that charges one exact price every time: a
/// top-up bought when the balance runs low, every 26 to 36 days. An unchanging amount is itself
/// evidence of a plan, so the days may wander more.
pub const EXACT_PRICE_SLACK: f64 = 1.4;

/// [`detect`] with each frequency's day tolerance multiplied by `slack` (1.0 = the usual).
pub fn detect_with_slack(dates: &[NaiveDate], slack: f64) -> Option<Fit> {
    detect_days(&days_of(dates), slack)
}

/// [`detect_with_slack`] on dates already turned into [`Day`]s (sorted, distinct).
pub fn detect_days(days: &[Day], slack: f64) -> Option<Fit> {
    if days.len() < 2 || too_close(days) {
        return None;
    }
    let gaps = gaps_of(days);
    CANDIDATES.iter().find_map(|&frequency| {
        let missed = fits(&gaps, frequency, slack).or_else(|| match frequency {
            Frequency::Monthly => calendar(days, 1),
            Frequency::Bimonthly => calendar(days, 2),
            _ => None,
        })?;
        Some(Fit { frequency, missed })
    })
}

/// [`detect`] on the gaps alone: no calendar-month reading for drifting days. Where a price
/// repeats by chance among many visits, only a rhythm kept to the day tolerance counts.
pub fn detect_by_gaps(dates: &[NaiveDate]) -> Option<Fit> {
    detect_days_by_gaps(&days_of(dates))
}

/// [`detect_by_gaps`] on dates already turned into [`Day`]s.
pub fn detect_days_by_gaps(days: &[Day]) -> Option<Fit> {
    if too_close(days) {
        return None;
    }
    let gaps = gaps_of(days);
    if gaps.is_empty() {
        return None;
    }
    CANDIDATES.iter().find_map(|&frequency| {
        let missed = fits(&gaps, frequency, 1.0)?;
        Some(Fit { frequency, missed })
    })
}

/// Whether two dates are three days apart or less: under half the shortest cycle (a week), and
/// under the half month the calendar reading needs, so no frequency fits. Checked first because
/// it settles most sets at once (a shop visited twice in a week).
fn too_close(days: &[Day]) -> bool {
    days.windows(2).any(|w| w[1].day - w[0].day < 4)
}

/// Days between consecutive dates.
fn gaps_of(days: &[Day]) -> Vec<f64> {
    days.windows(2)
        .map(|w| f64::from(w[1].day - w[0].day))
        .collect()
}

/// Bills paid by hand drift by a week either way, but land once in each calendar month (or in
/// every other month, for bills sent every two months): accept one date per `step` months over
/// consecutive periods (a missing period allowed now and then), never two within half a cycle.
fn calendar(days: &[Day], step: i32) -> Option<usize> {
    let mut single = 0;
    let mut missed = 0;
    for pair in days.windows(2) {
        if pair[1].day - pair[0].day < step * 15 {
            return None;
        }
        let months = pair[1].month - pair[0].month;
        if months == step {
            single += 1;
        } else if months % step == 0 && (2..=3).contains(&(months / step)) {
            missed += (months / step - 1) as usize;
        } else {
            return None;
        }
    }
    let gaps = days.len() - 1;
    (single * 10 >= gaps * 8).then_some(missed)
}

/// `Some(missed cycles)` when the gaps fit `frequency`.
fn fits(gaps: &[f64], frequency: Frequency, slack: f64) -> Option<usize> {
    let (nominal, tolerance) = cycle(frequency)?;
    let tolerance = tolerance * slack;
    let mut single = 0;
    let mut missed = 0;
    // One long pause (a service stopped, then started again) is allowed; two are a pattern.
    let mut pauses = 0;
    for &gap in gaps {
        if gap < nominal / 2.0 {
            return None;
        }
        let k = (gap / nominal).round().max(1.0);
        if k > 3.0 && gaps.len() >= 4 {
            pauses += 1;
            if pauses > 1 {
                return None;
            }
            missed += k as usize - 1;
            continue;
        }
        if k > 3.0 || (gap - k * nominal).abs() > tolerance * k.sqrt() {
            return None;
        }
        if k == 1.0 {
            single += 1;
        } else {
            missed += k as usize - 1;
        }
    }
    // Most gaps must be a single cycle; a couple of missed months is fine, a pattern of them is
    // another frequency.
    (single * 10 >= gaps.len() * 6).then_some(missed)
}

/// The date one cycle after `date`. Monthly-type cycles step by calendar months, keeping the day
/// of month (clamped to the month's length: the 31st is followed by the 28th/30th).
pub fn next_date(date: NaiveDate, frequency: Frequency, anchor_day: u32) -> NaiveDate {
    let months = match frequency {
        Frequency::Monthly => 1,
        Frequency::Bimonthly => 2,
        Frequency::Quarterly => 3,
        Frequency::Semiannually => 6,
        Frequency::Annually => 12,
        Frequency::Weekly => return date + Duration::days(7),
        Frequency::Biweekly => return date + Duration::days(14),
        Frequency::Semimonthly => return date + Duration::days(15),
        Frequency::Irregular => return date,
    };
    add_months(date, months, anchor_day)
}

/// `date` plus `months` calendar months, on `anchor_day` clamped to the target month's length.
pub fn add_months(date: NaiveDate, months: u32, anchor_day: u32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months as i32;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = last_day_of_month(year, month);
    NaiveDate::from_ymd_opt(year, month, anchor_day.clamp(1, last)).unwrap_or(date)
}

fn last_day_of_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

/// Cycle length in whole days (for "missed by more than one and a half cycles").
pub fn cycle_days(frequency: Frequency) -> i64 {
    cycle(frequency).map_or(30, |(n, _)| n.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn series(dates: &[&str]) -> Vec<NaiveDate> {
        dates.iter().map(|s| d(s)).collect()
    }

    #[test]
    fn recognises_frequencies() {
        type Expected = Option<(Frequency, usize)>;
        let cases: &[(&[&str], Expected)] = &[
            (
                &["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-22"],
                Some((Frequency::Weekly, 0)),
            ),
            (
                &["2026-01-01", "2026-01-09", "2026-01-15", "2026-01-21"],
                Some((Frequency::Weekly, 0)),
            ),
            (
                &["2026-01-02", "2026-01-16", "2026-01-30"],
                Some((Frequency::Biweekly, 0)),
            ),
            // Month ends: 31st, then the last day of shorter months.
            (
                &["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"],
                Some((Frequency::Monthly, 0)),
            ),
            (
                &["2026-01-29", "2026-02-28", "2026-03-29"],
                Some((Frequency::Monthly, 0)),
            ),
            // A month skipped (Chinese New Year) is a missed charge, not a break.
            (
                &[
                    "2025-12-10",
                    "2026-01-10",
                    "2026-03-10",
                    "2026-04-10",
                    "2026-05-10",
                ],
                Some((Frequency::Monthly, 1)),
            ),
            (
                &["2026-01-05", "2026-04-06", "2026-07-05"],
                Some((Frequency::Quarterly, 0)),
            ),
            (
                &["2025-01-10", "2026-01-10"],
                Some((Frequency::Annually, 0)),
            ),
            (
                &["2025-07-25", "2026-07-25"],
                Some((Frequency::Annually, 0)),
            ),
            // Habitual purchases: several a month, irregular.
            (
                &[
                    "2026-01-01",
                    "2026-01-03",
                    "2026-01-20",
                    "2026-02-02",
                    "2026-02-05",
                ],
                None,
            ),
            (&["2026-01-01", "2026-02-20", "2026-03-02"], None),
            // A bill paid by hand: once in every calendar month, on drifting days.
            (
                &[
                    "2025-11-19",
                    "2025-12-22",
                    "2026-01-16",
                    "2026-02-22",
                    "2026-03-18",
                    "2026-04-19",
                ],
                Some((Frequency::Monthly, 0)),
            ),
            (
                &["2025-11-29", "2025-12-01", "2026-01-02", "2026-02-28"],
                None,
            ),
            (&["2026-01-01"], None),
            // Stopped for five months, then started again: one pause is allowed.
            (
                &[
                    "2025-01-15",
                    "2025-02-15",
                    "2025-03-15",
                    "2025-04-15",
                    "2025-09-15",
                    "2025-10-15",
                    "2025-11-15",
                ],
                Some((Frequency::Monthly, 4)),
            ),
            (
                &[
                    "2025-01-15",
                    "2025-02-15",
                    "2025-07-15",
                    "2025-08-15",
                    "2026-01-15",
                ],
                None,
            ),
        ];
        for (dates, expected) in cases {
            let found = detect(&series(dates)).map(|f| (f.frequency, f.missed));
            assert_eq!(found, *expected, "{dates:?}");
        }
    }

    #[test]
    fn drifting_days_slack_and_gaps_alone() {
        type Expected = Option<(Frequency, usize)>;
        // (dates, with the usual tolerance, with the exact-price slack, on gaps alone)
        let cases: &[(&[&str], Expected, Expected, Expected)] = &[
            // A bill every two months, paid by hand a week either side, skipped once at New
            // Year (four months between two bills).
            (
                &[
                    "2025-01-14",
                    "2025-03-22",
                    "2025-05-15",
                    "2025-07-21",
                    "2025-09-13",
                    "2025-11-20",
                    "2026-03-13",
                    "2026-05-20",
                ],
                Some((Frequency::Bimonthly, 1)),
                Some((Frequency::Bimonthly, 1)),
                None,
            ),
            // Two bills in one month: not every other month.
            (
                &["2025-01-05", "2025-03-02", "2025-03-30", "2025-05-28"],
                None,
                None,
                None,
            ),
            // A top-up bought every 26 to 36 days (twice in January, none in February): only
            // with the slack for one exact price.
            (
                &[
                    "2025-01-02",
                    "2025-01-28",
                    "2025-03-05",
                    "2025-04-01",
                    "2025-05-06",
                    "2025-06-01",
                    "2025-07-07",
                    "2025-08-02",
                    "2025-09-04",
                ],
                None,
                Some((Frequency::Monthly, 0)),
                None,
            ),
            // Once in each calendar month on drifting days: a bill by month, not by gaps.
            (
                &[
                    "2025-12-08",
                    "2026-01-21",
                    "2026-02-12",
                    "2026-03-27",
                    "2026-04-29",
                    "2026-05-23",
                ],
                Some((Frequency::Monthly, 0)),
                Some((Frequency::Monthly, 0)),
                None,
            ),
            // Month ends keep their rhythm by gaps too.
            (
                &["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"],
                Some((Frequency::Monthly, 0)),
                Some((Frequency::Monthly, 0)),
                Some((Frequency::Monthly, 0)),
            ),
        ];
        for (dates, usual, slack, by_gaps) in cases {
            let dates = series(dates);
            let pair = |fit: Option<Fit>| fit.map(|f| (f.frequency, f.missed));
            assert_eq!(pair(detect(&dates)), *usual, "usual {dates:?}");
            assert_eq!(
                pair(detect_with_slack(&dates, EXACT_PRICE_SLACK)),
                *slack,
                "slack {dates:?}"
            );
            assert_eq!(pair(detect_by_gaps(&dates)), *by_gaps, "gaps {dates:?}");
        }
    }

    #[test]
    fn day_numbers_count_days_and_months_as_dates_do() {
        let dates = series(&[
            "0001-01-01",
            "1999-12-31",
            "2000-02-29",
            "2024-02-28",
            "2024-03-01",
            "2025-12-31",
            "2026-01-01",
        ]);
        for a in &dates {
            for b in &dates {
                let (x, y) = (Day::of(*a), Day::of(*b));
                assert_eq!(i64::from(y.day - x.day), (*b - *a).num_days(), "{a} {b}");
                let month = |d: &NaiveDate| d.year() * 12 + d.month0() as i32;
                assert_eq!(y.month - x.month, month(b) - month(a), "{a} {b}");
                assert_eq!(x.cmp(&y), a.cmp(b), "{a} {b}");
            }
        }
    }

    #[test]
    fn dates_three_days_apart_fit_no_frequency() {
        // Regular otherwise: monthly, with one pair of dates close together somewhere.
        let monthly = [
            "2025-01-10",
            "2025-02-10",
            "2025-03-10",
            "2025-04-10",
            "2025-05-10",
        ];
        for close in 1..=3 {
            for at in 0..monthly.len() {
                let mut dates = series(&monthly);
                dates.insert(at + 1, dates[at] + Duration::days(close));
                assert!(too_close(&days_of(&dates)), "{dates:?}");
                assert_eq!(detect(&dates), None, "{dates:?}");
                assert_eq!(detect_with_slack(&dates, EXACT_PRICE_SLACK), None);
                assert_eq!(detect_by_gaps(&dates), None, "{dates:?}");
            }
        }
        assert!(!too_close(&days_of(&series(&monthly))));
        assert!(detect(&series(&monthly)).is_some());
    }

    #[test]
    fn next_dates_clamp_to_month_ends() {
        assert_eq!(
            next_date(d("2026-01-31"), Frequency::Monthly, 31),
            d("2026-02-28")
        );
        assert_eq!(
            next_date(d("2026-02-28"), Frequency::Monthly, 31),
            d("2026-03-31")
        );
        assert_eq!(
            next_date(d("2024-01-31"), Frequency::Monthly, 31),
            d("2024-02-29")
        );
        assert_eq!(
            next_date(d("2026-11-15"), Frequency::Quarterly, 15),
            d("2027-02-15")
        );
        assert_eq!(
            next_date(d("2026-01-10"), Frequency::Annually, 10),
            d("2027-01-10")
        );
        assert_eq!(
            next_date(d("2026-01-10"), Frequency::Weekly, 10),
            d("2026-01-17")
        );
    }
}
