#![cfg(not(target_arch = "wasm32"))]
//! Decisions kept about streams: keys stable across re-imports, payments after a cancellation.

use chrono::NaiveDate;
use statement_checker::analysis::analyse;
use statement_checker::decisions::{
    charged_after_cancel, stream_key, Decision, Decisions, Stored, Verdict,
};
use statement_checker::demo::{alipay_demo, ALIPAY_DEMO_NAME};
use statement_checker::import::archive::import_files;
use statement_checker::view::Dashboard;

fn demo_files() -> Vec<statement_checker::import::ImportedFile> {
    import_files(ALIPAY_DEMO_NAME, &alipay_demo(), None)
}

#[test]
fn a_decision_finds_its_stream_again_after_a_fresh_import() {
    let first = analyse(&demo_files());
    let stream = first
        .streams
        .iter()
        .find(|s| s.occurrences >= 4)
        .expect("a stream of 4+");
    let mut decisions = Decisions::default();
    let known = Decision {
        verdict: Verdict::Known,
        decided: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    };
    decisions.set(stream, Some(known.clone()));

    let stored = decisions.to_json();
    let again = analyse(&demo_files());
    let restored = Stored::parse(Some(&stored)).decisions();
    let same = again
        .streams
        .iter()
        .find(|s| s.counterparty == stream.counterparty && s.frequency == stream.frequency)
        .unwrap();
    assert_eq!(restored.for_stream(same), Some(&known));
    // Every other stream of the report is undecided, unless it shares the key.
    for other in again
        .streams
        .iter()
        .filter(|s| stream_key(s) != stream_key(stream))
    {
        assert_eq!(restored.for_stream(other), None, "{}", other.counterparty);
    }
    decisions.set(stream, None);
    assert!(decisions.streams.is_empty());
}

#[test]
fn payments_after_the_cancellation_day_are_listed() {
    let files = demo_files();
    let report = analyse(&files);
    let dashboard = Dashboard::build(1, &report, &files);
    let at = report
        .streams
        .iter()
        .position(|s| s.occurrences >= 4)
        .unwrap();
    let payments = &dashboard.payments[at];
    assert_eq!(payments.len(), report.streams[at].transactions.len());
    let dates: Vec<NaiveDate> = payments.iter().map(|row| row.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    // Cancelled the day of the second-to-last payment: only the last one came after.
    let cancelled = sorted[sorted.len() - 2];
    let after = charged_after_cancel(&dashboard, payments, cancelled);
    let expected = dates.iter().filter(|d| **d > cancelled).count();
    assert_eq!(after.len(), expected);
    assert!(expected >= 1);
    assert!(after
        .iter()
        .all(|r| report.streams[at].transactions.contains(r)));
    // Cancelled before it began: every payment counts; after the last one: none.
    assert_eq!(
        charged_after_cancel(&dashboard, payments, sorted[0].pred_opt().unwrap()).len(),
        dates.len()
    );
    assert!(charged_after_cancel(&dashboard, payments, *sorted.last().unwrap()).is_empty());
}
