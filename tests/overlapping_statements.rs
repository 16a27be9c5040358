//! Statements read twice: overlapping exports of one account, or one export dropped twice. Their
//! common rows are counted once, so none of them looks like a charge taken twice.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use statement_checker::analysis::analyse;
use statement_checker::import::{import_file, ImportedFile};

fn read(path: &str, name: &str) -> ImportedFile {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    import_file(name, &bytes)
}

fn duplicate_alerts(report: &statement_checker::analysis::Report) -> usize {
    report
        .alerts
        .iter()
        .filter(|a| a.code == "duplicate_charge")
        .count()
}

#[test]
fn a_wallet_export_read_twice_changes_nothing() {
    let once = analyse(&[read("generated/p11_00_alipay.csv", "a.csv")]);
    let files = [
        read("generated/p11_00_alipay.csv", "a.csv"),
        read("generated/p11_00_alipay.csv", "b.csv"),
    ];
    let twice = analyse(&files);
    let rows = files[1].transactions.len();
    assert!(rows > 100);
    let repeated = twice.files[1]
        .repeated
        .as_ref()
        .expect("b.csv repeats a.csv");
    assert_eq!(
        (repeated.rows, repeated.of.clone()),
        (rows, vec!["a.csv".to_string()])
    );
    assert_eq!(twice.files[0].repeated, None);
    assert_eq!(duplicate_alerts(&twice), duplicate_alerts(&once));
    assert_eq!(twice.alerts.len(), once.alerts.len());
    assert_eq!(twice.streams.len(), once.streams.len());
    for (a, b) in once.streams.iter().zip(&twice.streams) {
        assert_eq!(
            (&a.counterparty, a.occurrences, a.level),
            (&b.counterparty, b.occurrences, b.level)
        );
    }
    assert_eq!(twice.totals, once.totals);
}

#[test]
fn a_wallet_export_pasted_twice_into_one_file_counts_once() {
    let file = read("generated/p11_00_alipay.csv", "a.csv");
    let mut doubled = file.clone();
    doubled
        .transactions
        .extend(file.transactions.iter().cloned());
    let once = analyse(std::slice::from_ref(&file));
    let twice = analyse(&[doubled]);
    let repeated = twice.files[0]
        .repeated
        .as_ref()
        .expect("the file repeats itself");
    assert_eq!(repeated.rows, file.transactions.len());
    assert_eq!(twice.alerts.len(), once.alerts.len());
    assert_eq!(twice.streams.len(), once.streams.len());
}

#[test]
fn overlapping_bank_workbooks_raise_no_duplicate_charge() {
    // The same account exported twice, the second starting later: the common days hold the
    // same rows, without any order number.
    let files = [
        read("bank/spdb.xls", "spdb.xls"),
        read("bank/spdb_offset.xls", "spdb_offset.xls"),
    ];
    assert!(files.iter().all(|f| f.error.is_none()));
    let report = analyse(&files);
    assert_eq!(duplicate_alerts(&report), 0, "{:#?}", report.alerts);
    let repeated = report.files[1]
        .repeated
        .as_ref()
        .expect("the later file overlaps");
    assert!(repeated.rows >= 2);
    assert_eq!(repeated.of, vec!["spdb.xls".to_string()]);
}

#[test]
fn two_accounts_of_one_person_are_not_merged() {
    // A credit card and a debit card statement of different banks over the same months.
    let files = [
        read("bank/cmb_credit.csv", "cmb_credit.csv"),
        read("bank/icbc_credit.csv", "icbc_credit.csv"),
        read("bank/ccb.csv", "ccb.csv"),
    ];
    let report = analyse(&files);
    assert!(
        report.files.iter().all(|f| f.repeated.is_none()),
        "{:#?}",
        report.files
    );
}
