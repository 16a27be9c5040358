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

/// A bank export as the generic reader takes it: day/month/year, description, signed amount.
fn bank(name: &str, rows: &[(&str, &str, &str)]) -> ImportedFile {
    let mut text = String::from("Date,Description,Amount\n");
    for (date, what, amount) in rows {
        text.push_str(&format!("{date},{what},{amount}\n"));
    }
    let file = import_file(name, text.as_bytes());
    assert_eq!(
        file.transactions.len(),
        rows.len(),
        "{name}: {:?}",
        file.error
    );
    file
}

#[test]
fn two_cards_sharing_one_charge_stay_two_accounts() {
    let card = [
        ("01/03/2026", "NETFLIX.COM", "-15.99"),
        ("02/03/2026", "TESCO STORES", "-23.10"),
        ("03/03/2026", "SHELL FUEL", "-45.00"),
        ("05/03/2026", "PRET A MANGER", "-6.50"),
    ];
    let other_card = [
        ("01/03/2026", "NETFLIX.COM", "-15.99"),
        ("02/03/2026", "AMAZON MARKETPLACE", "-12.99"),
        ("04/03/2026", "TFL TRAVEL", "-2.80"),
        ("05/03/2026", "BOOTS", "-8.25"),
    ];
    let report = analyse(&[bank("card.csv", &card), bank("other.csv", &other_card)]);
    assert!(
        report.files.iter().all(|f| f.repeated.is_none()),
        "{:#?}",
        report.files
    );

    // The same card exported again from the 2nd of March: its common days count once.
    let again = [
        ("02/03/2026", "TESCO STORES", "-23.10"),
        ("03/03/2026", "SHELL FUEL", "-45.00"),
        ("05/03/2026", "PRET A MANGER", "-6.50"),
        ("06/03/2026", "TESCO STORES", "-31.40"),
    ];
    let report = analyse(&[bank("card.csv", &card), bank("card-again.csv", &again)]);
    let repeated = report.files[1].repeated.as_ref().expect("a second export");
    assert_eq!(
        (repeated.rows, repeated.of.clone()),
        (3, vec!["card.csv".to_string()])
    );
}
