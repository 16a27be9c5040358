//! The international importers (OFX/QFX, QIF, CAMT.053/.052/.054, MT940, English bank CSV)
//! against the generated exports (contents in `truth.json`) and hand-made files built from the
//! formats' specifications and the traps real files set.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;
use statement_checker::import::{
    import_file, DateOrder, Format, ImportNote, ImportedFile, TextEncoding,
};
use statement_checker::model::{Direction, StatusKind, Transaction};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn truth() -> Value {
    serde_json::from_slice(&fixture("generated/truth.json")).expect("truth.json parses")
}

/// A transaction in brief: line, local time as printed, UTC offset, direction, minor units,
/// currency, counterparty.
type Brief = (u32, String, i32, Direction, i64, String, String);

fn brief(t: &Transaction) -> Brief {
    (
        t.source.line,
        t.when.to_string(),
        t.when.utc_offset_seconds,
        t.direction,
        t.amount.minor,
        t.amount.currency.code().to_string(),
        t.counterparty.clone(),
    )
}

fn row(
    line: u32,
    when: &str,
    offset: i32,
    direction: Direction,
    minor: i64,
    currency: &str,
    counterparty: &str,
) -> Brief {
    (
        line,
        when.to_string(),
        offset,
        direction,
        minor,
        currency.to_string(),
        counterparty.to_string(),
    )
}

fn skipped(file: &ImportedFile) -> Vec<(u32, &str)> {
    file.skipped.iter().map(|s| (s.line, s.code())).collect()
}

fn period(file: &ImportedFile) -> Option<(String, String)> {
    file.period
        .map(|p| (p.start.to_string(), p.end.to_string()))
}

use Direction::{Credit, Debit, Neutral};

#[test]
fn reads_every_row_of_the_generated_ofx_and_bank_csv_exports() {
    let truth = truth();
    let cases = [
        ("p11_05_ofx.ofx", Format::Ofx, "<STMTTRN>"),
        ("p12_05_ofx.ofx", Format::Ofx, "<STMTTRN>"),
        ("p11_04_bank_en.csv", Format::BankEn, ""),
        ("p12_04_bank_en.csv", Format::BankEn, ""),
    ];
    for (name, format, row_start) in cases {
        let bytes = fixture(&format!("generated/{name}"));
        let file = import_file(name, &bytes);
        assert_eq!(file.error, None, "{name}");
        assert_eq!(file.format, Some(format), "{name}");
        assert_eq!(truth["files"][name]["format"], format.id(), "{name}");
        assert!(file.skipped.is_empty(), "{name}: {:?}", file.skipped);
        let expected = truth["files"][name]["transactions"].as_u64().unwrap() as usize;
        assert_eq!(file.transactions.len(), expected, "{name}: count");

        // Every row the truth names is a transaction at exactly that line.
        let lines: HashSet<u32> = file.transactions.iter().map(|t| t.source.line).collect();
        let mut checked = 0;
        for stream in truth["streams"].as_array().unwrap() {
            for pair in stream["rows"].as_array().unwrap() {
                if pair[0] == name {
                    let line = pair[1].as_u64().unwrap() as u32;
                    assert!(lines.contains(&line), "{name}: no transaction at {line}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "{name}: the truth names rows of this file");

        // And each line is the row it came from.
        let text = String::from_utf8(bytes).unwrap();
        let physical: Vec<&str> = text.split('\n').collect();
        for t in &file.transactions {
            let line = physical[t.source.line as usize - 1];
            assert!(line.starts_with(row_start), "{name}:{}", t.source.line);
            assert!(line.contains(&t.counterparty), "{name}:{}", t.source.line);
            assert!(t.amount.minor > 0, "{name}:{}", t.source.line);
        }
    }
}

#[test]
fn the_generated_ofx_keeps_its_fields() {
    let file = import_file("p11_05_ofx.ofx", &fixture("generated/p11_05_ofx.ofx"));
    let first = &file.transactions[0];
    assert_eq!(
        brief(first),
        row(
            18,
            "2024-12-26 08:13:43",
            0,
            Debit,
            1551,
            "USD",
            "MERCHANT 150461"
        )
    );
    assert_eq!(first.description, "PURCHASE");
    assert_eq!(first.category.as_deref(), Some("DEBIT"));
    assert_eq!(
        first.order_id.as_deref(),
        Some("2024122622004508398265616366")
    );
    assert_eq!(first.payment_method.as_deref(), Some("1234567890"));
    assert_eq!(first.status_kind, StatusKind::Succeeded);
    assert_eq!(
        period(&file),
        Some(("2024-12-25".into(), "2026-04-25".into()))
    );
    let credits = file
        .transactions
        .iter()
        .filter(|t| t.direction == Credit)
        .count();
    assert!(credits > 0 && credits < file.transactions.len());
}

#[test]
fn ofx_variants() {
    struct Case {
        file: &'static str,
        encoding: TextEncoding,
        rows: Vec<Brief>,
        skipped: &'static [(u32, &'static str)],
        period: (&'static str, &'static str),
    }
    let cases = [
        Case {
            // An XML prolog over an SGML body (unclosed leaves), a credit-card statement, times
            // with their offsets (`[+10.30:ACDT]` is ten and a half hours), entities.
            file: "ofx/xml_prolog_sgml_body.ofx",
            encoding: TextEncoding::Utf8,
            rows: vec![
                row(
                    17,
                    "2024-02-03 00:00:00",
                    11 * 3600,
                    Debit,
                    1699,
                    "AUD",
                    "NETFLIX.COM",
                ),
                row(
                    25,
                    "2024-02-15 09:30:00",
                    37_800,
                    Credit,
                    25_000,
                    "AUD",
                    "PAYMENT THANK YOU",
                ),
                row(32, "2024-02-20", 0, Debit, 450, "AUD", "GLORIA JEAN'S"),
            ],
            skipped: &[],
            period: ("2024-02-01", "2024-02-29"),
        },
        Case {
            // Blank lines before `OFXHEADER`, `CHARSET:1252` with accented letters, QFX tags,
            // the whole body on one line, decimal commas, `PAYEE/NAME`.
            file: "ofx/blank_lines_cp1252.qfx",
            encoding: TextEncoding::Windows1252,
            rows: vec![
                row(14, "2023-01-02", 0, Debit, 2999, "EUR", "Café de la Gare"),
                row(
                    14,
                    "2023-01-05 12:00:00",
                    0,
                    Credit,
                    150_000,
                    "EUR",
                    "Employeur SA",
                ),
                row(14, "2023-01-07", 0, Debit, 800, "EUR", "Boulangerie"),
            ],
            skipped: &[],
            period: ("2023-01-01", "2023-01-10"),
        },
        Case {
            // OFX 2 XML: two accounts, CDATA, PAYEE/NAME, CURRENCY and ORIGCURRENCY, an empty
            // FITID, a lower-case TRNTYPE (the sign decides), and rows that cannot be read.
            file: "ofx/v2_two_accounts.ofx",
            encoding: TextEncoding::Utf8,
            rows: vec![
                row(
                    25,
                    "2024-03-01 12:00:00",
                    -5 * 3600,
                    Debit,
                    999,
                    "USD",
                    "SPOTIFY <P> USA",
                ),
                row(33, "2024-03-02", 0, Credit, 10_000, "USD", "ACME PAYROLL"),
                row(48, "2024-03-03", 0, Debit, 2000, "USD", "HOTEL PARIS"),
                row(56, "2024-03-31", 0, Debit, 1250, "USD", "NO DATE PROBLEM"),
                row(
                    98,
                    "2024-04-05 08:30:00",
                    8 * 3600,
                    Debit,
                    300,
                    "JPY",
                    "TAOBAO",
                ),
            ],
            skipped: &[(63, "missing_field"), (69, "bad_time"), (76, "bad_amount")],
            period: ("2024-02-15", "2024-04-10"),
        },
    ];
    for case in cases {
        let file = import_file(case.file, &fixture(case.file));
        assert_eq!(file.error, None, "{}", case.file);
        assert_eq!(file.format, Some(Format::Ofx), "{}", case.file);
        assert_eq!(file.encoding, Some(case.encoding), "{}", case.file);
        let rows: Vec<Brief> = file.transactions.iter().map(brief).collect();
        assert_eq!(rows, case.rows, "{}", case.file);
        assert_eq!(skipped(&file), case.skipped, "{}", case.file);
        assert_eq!(
            period(&file),
            Some((case.period.0.into(), case.period.1.into())),
            "{}",
            case.file
        );
    }

    let file = import_file("a.qfx", &fixture("ofx/blank_lines_cp1252.qfx"));
    assert_eq!(file.transactions[0].description, "Prélèvement mensuel");
    assert_eq!(
        file.transactions[0].category.as_deref(),
        Some("DIRECTDEBIT")
    );
    let file = import_file("a.ofx", &fixture("ofx/v2_two_accounts.ofx"));
    let t = &file.transactions;
    assert_eq!(t[1].order_id, None, "empty FITID");
    assert_eq!(t[1].counterparty_account.as_deref(), Some("2222"));
    assert_eq!(t[1].category.as_deref(), Some("CREDIT"));
    assert_eq!(
        t[2].note.as_deref(),
        Some("ORIGCURRENCY EUR CURRATE 1.0850")
    );
    assert_eq!(t[4].payment_method.as_deref(), Some("4000XXXX9999"));
    let file = import_file("a.ofx", &fixture("ofx/xml_prolog_sgml_body.ofx"));
    assert_eq!(file.transactions[2].description, "COFFEE & CAKE");
}

#[test]
fn ofx_edge_cases_built_inline() {
    let header = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n";
    /// (what, body, (line, minor units, direction) read, (line, code) skipped)
    type Case<'a> = (
        &'a str,
        &'a str,
        Vec<(u32, i64, Direction)>,
        &'a [(u32, &'a str)],
    );
    let cases: &[Case] = &[
        (
            "a STMTTRN never closed is ended by the next one and by its list",
            "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR\n<BANKTRANLIST>\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240101<TRNAMT>-1.00<FITID>1\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240102<TRNAMT>-2.00<FITID>2\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>",
            vec![(13, 100, Debit), (14, 200, Debit)],
            &[],
        ),
        (
            "TRNTYPE says CREDIT but the amount is negative: the sign wins; zero is neutral",
            "<OFX><STMTRS><CURDEF>USD<BANKTRANLIST>\n<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240101<TRNAMT>-5.00</STMTTRN>\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240101<TRNAMT>0.00</STMTTRN>\n</BANKTRANLIST></STMTRS></OFX>",
            vec![(12, 500, Debit), (13, 0, Neutral)],
            &[],
        ),
        (
            "leaves closed anyway, a bad currency, a missing amount",
            "<OFX><STMTRS><CURDEF>US</CURDEF><BANKTRANLIST>\n<STMTTRN><DTPOSTED>20240101</DTPOSTED><TRNAMT>-5.00</TRNAMT></STMTTRN>\n</BANKTRANLIST></STMTRS><STMTRS><CURDEF>USD</CURDEF><BANKTRANLIST>\n<STMTTRN><DTPOSTED>20240101</DTPOSTED></STMTTRN>\n<STMTTRN><DTPOSTED>20240101</DTPOSTED><TRNAMT>7</TRNAMT></STMTTRN>\n</BANKTRANLIST></STMTRS></OFX>",
            vec![(15, 700, Credit)],
            &[(12, "unknown_currency"), (14, "missing_amount")],
        ),
        (
            "a file cut off in the middle of a transaction keeps what it has",
            "<OFX><STMTRS><CURDEF>USD<BANKTRANLIST>\n<STMTTRN><DTPOSTED>20240101<TRNAMT>-5.00\n<STMTTRN><DTPOSTED>20240102<TRNA",
            vec![(12, 500, Debit)],
            &[(13, "missing_amount")],
        ),
    ];
    for (what, body, rows, skipped_rows) in cases {
        let text = format!("{header}{body}");
        let file = import_file("inline.ofx", text.as_bytes());
        assert_eq!(file.error, None, "{what}");
        assert_eq!(file.format, Some(Format::Ofx), "{what}");
        let got: Vec<(u32, i64, Direction)> = file
            .transactions
            .iter()
            .map(|t| (t.source.line, t.amount.minor, t.direction))
            .collect();
        assert_eq!(&got, rows, "{what}");
        assert_eq!(skipped(&file), *skipped_rows, "{what}");
    }

    // OFX 2 without a header, starting at <OFX>; times without an offset are UTC.
    let file = import_file(
        "bare.ofx",
        b"<OFX><STMTRS><CURDEF>GBP</CURDEF><BANKTRANLIST><STMTTRN><DTPOSTED>20240101235959.123</DTPOSTED><TRNAMT>-1</TRNAMT><NAME>X</NAME></STMTTRN></BANKTRANLIST></STMTRS></OFX>",
    );
    assert_eq!(
        file.transactions.iter().map(brief).collect::<Vec<_>>(),
        vec![row(1, "2024-01-01 23:59:59", 0, Debit, 100, "GBP", "X")]
    );
}

#[test]
fn qif_files() {
    let file = import_file("bank.qif", &fixture("qif/bank_quicken_dates.qif"));
    assert_eq!(file.error, None);
    assert_eq!(file.format, Some(Format::Qif));
    let rows: Vec<Brief> = file.transactions.iter().map(brief).collect();
    assert_eq!(
        rows,
        vec![
            // The opening balance (lines 2–7) is not a transaction.
            row(8, "2024-01-02", 0, Debit, 123_456, "XXX", "Landlord & Co"),
            row(15, "2024-01-05", 0, Debit, 1599, "XXX", "Netflix"),
            row(23, "2024-01-10", 0, Credit, 250_000, "XXX", "Employer Inc"),
            // L[Savings]: a transfer between the person's own accounts.
            row(
                28,
                "2024-01-12",
                0,
                Neutral,
                50_000,
                "XXX",
                "Transfer to savings"
            ),
            row(33, "2024-01-15", 0, Debit, 7520, "XXX", "Supermarket"),
            // The last record has no closing `^`.
            row(
                43,
                "2024-01-20",
                0,
                Debit,
                999,
                "XXX",
                "Last record without caret"
            ),
        ]
    );
    assert!(file.skipped.is_empty(), "{:?}", file.skipped);
    let t = &file.transactions;
    assert_eq!(t[0].order_id.as_deref(), Some("1001"));
    assert_eq!(t[0].description, "January rent");
    assert_eq!(t[0].category.as_deref(), Some("Housing:Rent"));
    assert_eq!(t[1].status, "cleared");
    // 1/15'24 and 1/20'24 can only be month first: nothing was assumed.
    assert_eq!(file.transactions.len(), 6);

    let file = import_file("accounts.qif", &fixture("qif/accounts_dmy.qif"));
    assert_eq!(file.error, None);
    let rows: Vec<Brief> = file.transactions.iter().map(brief).collect();
    assert_eq!(
        rows,
        vec![
            // 25/02/2024 makes the whole file day first: 03/02 is 3 February.
            row(20, "2024-02-03", 0, Debit, 4200, "XXX", "Gym Membership"),
            row(
                25,
                "2024-02-25",
                0,
                Debit,
                123_456,
                "XXX",
                "Electronics Store"
            ),
            row(
                29,
                "2024-02-28",
                0,
                Credit,
                30_000,
                "XXX",
                "Payment received"
            ),
            // Investment actions: a dividend brings cash in, a purchase moves it into shares.
            row(45, "2024-03-05", 0, Credit, 1234, "XXX", "ACME Corp"),
            row(50, "2024-03-06", 0, Neutral, 5000, "XXX", "ACME Corp"),
        ]
    );
    assert_eq!(
        skipped(&file),
        vec![
            (33, "bad_time"),
            (37, "missing_amount"),
            (57, "bad_direction")
        ]
    );
    assert_eq!(
        file.transactions[0].payment_method.as_deref(),
        Some("Visa Card")
    );
    assert_eq!(
        file.transactions[3].payment_method.as_deref(),
        Some("Brokerage")
    );
}

#[test]
fn qif_date_order_is_decided_over_the_whole_file() {
    // (records' dates, expected dates)
    let cases: &[(&[&str], &[&str])] = &[
        // Every date reads both ways: month first, as Quicken writes.
        (&["01/02/2024", "03/04/2024"], &["2024-01-02", "2024-03-04"]),
        // One date with a first part over 12 makes every date day first.
        (
            &["01/02/2024", "03/04/2024", "13/04/2024"],
            &["2024-02-01", "2024-04-03", "2024-04-13"],
        ),
        // A second part over 12: month first, decided.
        (&["01/02/2024", "04/13/2024"], &["2024-01-02", "2024-04-13"]),
        // Dotted European dates and ISO dates.
        (&["01.02.2024", "31.12.2024"], &["2024-02-01", "2024-12-31"]),
        (&["2024-02-01", "2024-12-31"], &["2024-02-01", "2024-12-31"]),
    ];
    for (dates, expected) in cases {
        let mut text = String::from("!Type:Bank\n");
        for date in dates.iter() {
            text.push_str(&format!("D{date}\nT-1.00\nPShop\n^\n"));
        }
        let file = import_file("dates.qif", text.as_bytes());
        let got: Vec<String> = file
            .transactions
            .iter()
            .map(|t| t.when.date.to_string())
            .collect();
        assert_eq!(&got, expected, "{dates:?}");
    }
}

#[test]
fn qif_text_encodings() {
    // Windows-1252 (not UTF-8, not meant as GBK): accented payees read right.
    let latin = b"!Type:Bank\nD01/02/2024\nT-3.50\nPCaf\xe9 M\xfcller\n^\n";
    let file = import_file("latin.qif", latin);
    assert_eq!(file.encoding, Some(TextEncoding::Windows1252));
    assert_eq!(file.transactions[0].counterparty, "Café Müller");

    // A GBK QIF from Chinese software stays GBK.
    let chinese = encoding_rs::GBK
        .encode("!Type:Bank\nD2024-02-01\nT-3.50\nP星巴克咖啡\nM早餐\n^\n")
        .0
        .into_owned();
    let file = import_file("gbk.qif", &chinese);
    assert_eq!(file.encoding, Some(TextEncoding::Gb18030));
    assert_eq!(file.transactions[0].counterparty, "星巴克咖啡");
}

#[test]
fn qif_ambiguous_dates_leave_a_note() {
    use statement_checker::import::{qif, table};
    let text = "!Type:Bank\nD01/02/2024\nT-1.00\n^\nD03/04/2024\nT-1.00\n^\n";
    let header = table::lines(text).next().unwrap();
    let parsed = qif::parse(&"a.qif".into(), text, header).unwrap();
    assert_eq!(
        parsed.notes,
        vec![ImportNote::AmbiguousDateOrder {
            assumed: DateOrder::MonthDayYear
        }]
    );
    let decided = "!Type:Bank\nD13/02/2024\nT-1.00\n^\n";
    let header = table::lines(decided).next().unwrap();
    assert!(qif::parse(&"a.qif".into(), decided, header)
        .unwrap()
        .notes
        .is_empty());
}

#[test]
fn camt_statements() {
    let file = import_file("camt.xml", &fixture("camt/camt053_v02_two_statements.xml"));
    assert_eq!(file.error, None);
    assert_eq!(file.format, Some(Format::Camt053));
    let rows: Vec<Brief> = file.transactions.iter().map(brief).collect();
    assert_eq!(
        rows,
        vec![
            // A date has no zone: the statement's own offset (+02:00) is kept.
            row(
                26,
                "2024-03-04",
                7200,
                Debit,
                2999,
                "EUR",
                "Fitness & Spa GmbH"
            ),
            row(
                56,
                "2024-03-15 09:30:00",
                3600,
                Credit,
                150_000,
                "EUR",
                "Arbeitgeber AG"
            ),
            // A batch entry: one transaction per TxDtls, at its own line.
            row(83, "2024-03-20", 7200, Debit, 2500, "EUR", "Stadtwerke"),
            row(89, "2024-03-20", 7200, Debit, 3500, "EUR", "Telekom"),
            // A reversal (the direct debit returned): CRDT is its own direction, the
            // counterparty the creditor of the original debit.
            row(
                97,
                "2024-03-22",
                7200,
                Credit,
                2999,
                "EUR",
                "Fitness & Spa GmbH"
            ),
            // Pending, no booking date: the value date.
            row(112, "2024-03-31", 7200, Debit, 500, "EUR", "Kontofuehrung"),
            // The second statement states no offset: the group header's (+02:00) holds.
            row(140, "2024-04-01", 7200, Debit, 1200, "USD", "GitHub"),
        ]
    );
    assert_eq!(
        skipped(&file),
        vec![(119, "bad_direction"), (124, "bad_amount")]
    );
    assert_eq!(
        period(&file),
        Some(("2024-03-01".into(), "2024-04-02".into()))
    );
    let t = &file.transactions;
    assert_eq!(t[0].description, "Mitgliedsbeitrag März 2024 Vertrag 123");
    assert_eq!(t[0].category.as_deref(), Some("PMNT/RDDT/ESDD"));
    assert_eq!(t[0].order_id.as_deref(), Some("REF-0001"));
    assert_eq!(t[0].merchant_order_id.as_deref(), Some("MANDATE-42"));
    assert_eq!(
        t[0].counterparty_account.as_deref(),
        Some("DE02100100109307118603")
    );
    assert_eq!(
        t[0].payment_method.as_deref(),
        Some("DE89370400440532013000")
    );
    assert_eq!(t[0].note.as_deref(), Some("SEPA-BASISLASTSCHRIFT"));
    assert_eq!(t[1].merchant_order_id, None, "NOTPROVIDED is no reference");
    assert_eq!(t[1].counterparty_account.as_deref(), Some("0532013000"));
    assert_eq!(t[1].category.as_deref(), Some("NMSC+051"));
    assert_eq!(t[2].order_id.as_deref(), Some("REF-0003-1"));
    assert_eq!(t[4].status_kind, StatusKind::Refunded);
    assert_eq!(t[5].status_kind, StatusKind::Pending);
    assert_eq!(t[0].status, "BOOK");

    // Version 08 in ISO-8859-1: `<Sts><Cd>`, `Cdtr/Pty/Nm`, a DtTm without offset takes the
    // group header's.
    let file = import_file("v8.xml", &fixture("camt/camt053_v08_latin1.xml"));
    assert_eq!(file.encoding, Some(TextEncoding::Windows1252));
    assert_eq!(
        file.transactions.iter().map(brief).collect::<Vec<_>>(),
        vec![row(
            8,
            "2024-09-01 01:23:45",
            28_800,
            Debit,
            4550,
            "CHF",
            "Bäckerei Müller"
        )]
    );
    assert_eq!(file.transactions[0].description, "Brötchen-Abo");
    assert_eq!(file.transactions[0].status_kind, StatusKind::Succeeded);

    // camt.054 notifications read the same.
    let file = import_file("n.xml", &fixture("camt/camt054_notification.xml"));
    assert_eq!(file.format, Some(Format::Camt053));
    assert_eq!(
        file.transactions.iter().map(brief).collect::<Vec<_>>(),
        vec![row(8, "2024-05-01", 0, Debit, 750, "EUR", "Parkeren")]
    );
}

#[test]
fn camt_files_that_are_refused() {
    let broken = "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt><Stmt>\n<Ntry><Amt Ccy=\"EUR\">1.00</Amtx></Ntry>\n</Stmt></BkToCstmrStmt></Document>\n";
    let cut = "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt><Stmt>\n<Ntry><Amt Ccy=\"EUR\">1.00</Amt>";
    let cases: Vec<(&str, Vec<u8>, &str, Option<u32>)> = vec![
        (
            "DOCTYPE with entity declarations (a billion-laughs bomb)",
            fixture("camt/doctype_entities.xml"),
            "xml_doctype",
            Some(2),
        ),
        (
            "nested 100 deep",
            fixture("camt/deeply_nested.xml"),
            "xml_too_deep",
            Some(66),
        ),
        (
            "mismatched end tag",
            broken.as_bytes().to_vec(),
            "xml_malformed",
            Some(4),
        ),
        ("cut off", cut.as_bytes().to_vec(), "xml_malformed", Some(4)),
    ];
    for (what, bytes, code, line) in cases {
        let file = import_file("bad.xml", &bytes);
        assert_eq!(file.format, Some(Format::Camt053), "{what}");
        let error = file.error.unwrap_or_else(|| panic!("{what}: no error"));
        assert_eq!(error.code(), code, "{what}");
        assert_eq!(error.line, line, "{what}");
        assert!(file.transactions.is_empty(), "{what}");
        use statement_checker::lang::{Lang, Localized};
        assert!(error.message(Lang::Zh).contains("XML"), "{what}");
        assert!(error.message(Lang::En).contains("XML"), "{what}");
    }
}

#[test]
fn mt940_statements() {
    let file = import_file("mbank.sta", &fixture("mt940/mbank_0x01_structured.sta"));
    assert_eq!(file.error, None);
    assert_eq!(file.format, Some(Format::Mt940));
    assert_eq!(
        file.transactions.iter().map(brief).collect::<Vec<_>>(),
        vec![
            // The entry date (0301) is the date; the currency comes from :60F:.
            row(
                5,
                "2024-03-01",
                0,
                Debit,
                4999,
                "PLN",
                "NETFLIX INTERNATIONAL B.V."
            ),
            row(
                9,
                "2024-03-04",
                0,
                Credit,
                250_000,
                "PLN",
                "ARBEITGEBER GMBH"
            ),
            // Free text without a name: the text stands for the counterparty.
            row(
                11,
                "2024-03-05",
                0,
                Debit,
                1180,
                "PLN",
                "Card payment Zabka Warszawa"
            ),
        ]
    );
    assert_eq!(skipped(&file), vec![(13, "bad_time")]);
    let t = &file.transactions;
    // The :86: wrapped mid-subfield over three lines, joined back.
    assert_eq!(t[0].description, "Netflix Abo Maerz");
    assert_eq!(t[0].merchant_order_id.as_deref(), Some("M-777"));
    assert_eq!(t[0].order_id.as_deref(), Some("BR24030100001"));
    assert_eq!(
        t[0].counterparty_account.as_deref(),
        Some("DE02100100109307118603")
    );
    assert_eq!(t[0].category.as_deref(), Some("FOLGELASTSCHRIFT"));
    assert_eq!(t[2].description, "Card payment Zabka Warszawa");
    assert_eq!(
        period(&file),
        Some(("2024-02-29".into(), "2024-03-31".into()))
    );

    let file = import_file("ing.sta", &fixture("mt940/swift_envelope_ing.sta"));
    assert_eq!(file.error, None);
    assert_eq!(file.encoding, Some(TextEncoding::Windows1252));
    assert_eq!(
        file.transactions.iter().map(brief).collect::<Vec<_>>(),
        vec![
            row(
                9,
                "2024-04-01",
                0,
                Debit,
                1500,
                "EUR",
                "Stichting Goede Doelen Fonds"
            ),
            row(14, "2024-04-02", 0, Credit, 20_000, "EUR", "J. Jansen"),
            // RD: the reversal of a debit, money back.
            row(
                16,
                "2024-04-03",
                0,
                Credit,
                1500,
                "EUR",
                "Stichting Goede Doelen Fonds"
            ),
            // Second statement in USD; `9,` is 9.00; the supplementary line names the shop.
            row(26, "2024-04-30", 0, Debit, 900, "USD", "Café République"),
        ]
    );
    assert!(file.skipped.is_empty(), "{:?}", file.skipped);
    let t = &file.transactions;
    assert_eq!(t[0].description, "Maandelijkse bijdrage april");
    assert_eq!(t[0].merchant_order_id.as_deref(), Some("MANDAAT-01"));
    assert_eq!(
        t[0].category.as_deref(),
        Some("SEPA Incasso algemeen doorlopend")
    );
    assert_eq!(t[1].merchant_order_id, None, "NOTPROVIDED is no reference");
    assert_eq!(t[2].status_kind, StatusKind::Refunded);
    assert_eq!(t[3].description, "Kaartbetaling Café République Brussel");
}

#[test]
fn bank_csv_edge_cases() {
    struct Case {
        what: &'static str,
        text: &'static str,
        /// (line, date, direction, minor units, currency, counterparty)
        rows: &'static [(
            u32,
            &'static str,
            Direction,
            i64,
            &'static str,
            &'static str,
        )],
        skipped: &'static [(u32, &'static str)],
    }
    let cases = [
        Case {
            what: "separate money out / money in columns",
            text: "Date,Description,Money out,Money in,Balance\n02/01/2026,Rent,800.00,,200.00\n03/01/2026,Salary,,2500.00,2700.00\n",
            rows: &[
                (2, "2026-01-02", Debit, 80_000, "XXX", "Rent"),
                (3, "2026-01-03", Credit, 250_000, "XXX", "Salary"),
            ],
            skipped: &[],
        },
        Case {
            what: "US dates decided by a day over 12, parentheses, a currency column, a payee",
            text: "Posting Date,Payee,Description,Amount,Currency\n01/02/2026,Netflix,NETFLIX.COM,(15.49),USD\n01/13/2026,Employer,PAYROLL,\"3,000.00\",USD\n",
            rows: &[
                (2, "2026-01-02", Debit, 1549, "USD", "Netflix"),
                (3, "2026-01-13", Credit, 300_000, "USD", "Employer"),
            ],
            skipped: &[],
        },
        Case {
            what: "a header after a preamble, debit and credit columns with a CR suffix",
            text: "Account Name:,Everyday\nAccount Number:,1234\n\nTransaction Date,Details,Withdrawals,Deposits\n2026-03-01,ATM,50.00,\n2026-03-02,Refund,,12.00 CR\n",
            rows: &[
                (5, "2026-03-01", Debit, 5000, "XXX", "ATM"),
                (6, "2026-03-02", Credit, 1200, "XXX", "Refund"),
            ],
            skipped: &[],
        },
        Case {
            what: "a currency in the header, a DR/CR indicator column, unsigned amounts",
            text: "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP)\n05/03/2026,Gym,MEMBERSHIP,DR,30.00,70.00\n06/03/2026,Mum,GIFT,CR,20.00,90.00\n",
            rows: &[
                (2, "2026-03-05", Debit, 3000, "GBP", "Gym"),
                (3, "2026-03-06", Credit, 2000, "GBP", "Mum"),
            ],
            skipped: &[],
        },
        Case {
            what: "ambiguous dates: the order that keeps the rows sorted wins over the default",
            text: "Date,Description,Amount\n02/01/2026,A,-1.00\n02/02/2026,B,-1.00\n03/01/2026,C,-1.00\n",
            rows: &[
                (2, "2026-02-01", Debit, 100, "XXX", "A"),
                (3, "2026-02-02", Debit, 100, "XXX", "B"),
                (4, "2026-03-01", Debit, 100, "XXX", "C"),
            ],
            skipped: &[],
        },
        Case {
            what: "rows that cannot be read are skipped with their lines",
            text: "Date,Description,Amount,Currency\n14/01/2026,Good,-1.00,EUR\n31/02/2026,Bad date,-1.00,EUR\n15/01/2026,Bad amount,ten,EUR\n16/01/2026,Bad currency,-1.00,EURO\n17/01/2026,No amount,,EUR\nTotal,,-4.00,\n18/01/2026,Month name,-2.00,EUR\n",
            rows: &[
                (2, "2026-01-14", Debit, 100, "EUR", "Good"),
                (8, "2026-01-18", Debit, 200, "EUR", "Month name"),
            ],
            skipped: &[
                (3, "bad_time"),
                (4, "bad_amount"),
                (5, "unknown_currency"),
                (6, "missing_amount"),
                (7, "bad_time"),
            ],
        },
        Case {
            what: "month names and times",
            text: "Completed Date,Description,Amount,Currency,State\n2026-01-05 10:20:30,Spotify,-9.99,EUR,COMPLETED\n6 Jan 2026,Shop,-5.00,EUR,PENDING\n",
            rows: &[
                (2, "2026-01-05 10:20:30", Debit, 999, "EUR", "Spotify"),
                (3, "2026-01-06", Debit, 500, "EUR", "Shop"),
            ],
            skipped: &[],
        },
    ];
    for case in cases {
        let file = import_file("bank.csv", case.text.as_bytes());
        assert_eq!(file.error, None, "{}", case.what);
        assert_eq!(file.format, Some(Format::BankEn), "{}", case.what);
        let got: Vec<(u32, String, Direction, i64, String, String)> = file
            .transactions
            .iter()
            .map(|t| {
                (
                    t.source.line,
                    t.when.to_string(),
                    t.direction,
                    t.amount.minor,
                    t.amount.currency.code().to_string(),
                    t.counterparty.clone(),
                )
            })
            .collect();
        let expected: Vec<(u32, String, Direction, i64, String, String)> = case
            .rows
            .iter()
            .map(|(l, w, d, m, c, p)| (*l, w.to_string(), *d, *m, c.to_string(), p.to_string()))
            .collect();
        assert_eq!(got, expected, "{}", case.what);
        assert_eq!(skipped(&file), case.skipped, "{}", case.what);
    }

    // Statuses from a State column.
    let file = import_file(
        "revolut.csv",
        b"Completed Date,Description,Amount,Currency,State\n2026-01-05,A,-1,EUR,COMPLETED\n2026-01-06,B,-1,EUR,DECLINED\n",
    );
    let kinds: Vec<StatusKind> = file.transactions.iter().map(|t| t.status_kind).collect();
    assert_eq!(kinds, vec![StatusKind::Succeeded, StatusKind::Failed]);

    // Windows-1252 with a pound sign reads as windows-1252.
    let file = import_file(
        "uk.csv",
        b"Date,Description,Amount\n14/01/2026,Caf\xe9 \xa35 lunch,-5.00\n",
    );
    assert_eq!(file.encoding, Some(TextEncoding::Windows1252));
    assert_eq!(file.transactions[0].counterparty, "Café £5 lunch");
}

#[test]
fn bank_csv_notes_an_order_it_had_to_assume() {
    use statement_checker::import::{bank_en, table};
    let text = "Date,Description,Amount\n01/02/2026,A,-1.00\n";
    let header = table::lines(text).next().unwrap();
    let parsed = bank_en::parse(&"a.csv".into(), text, header).unwrap();
    assert_eq!(
        parsed.notes,
        vec![ImportNote::AmbiguousDateOrder {
            assumed: DateOrder::DayMonthYear
        }]
    );
    assert_eq!(parsed.transactions[0].when.date.to_string(), "2026-02-01");
}

/// Every prefix and many corrupted copies of every hand-made fixture import without a panic.
#[test]
fn nothing_panics_on_damaged_files() {
    let names = [
        "ofx/xml_prolog_sgml_body.ofx",
        "ofx/blank_lines_cp1252.qfx",
        "ofx/v2_two_accounts.ofx",
        "qif/bank_quicken_dates.qif",
        "qif/accounts_dmy.qif",
        "camt/camt053_v02_two_statements.xml",
        "camt/camt053_v08_latin1.xml",
        "mt940/mbank_0x01_structured.sta",
        "mt940/swift_envelope_ing.sta",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let noise = b"<>/&;:?^!-,.\n\r\x01\xe9\xff0123456789 CDTRNX[]";
    for name in names {
        let bytes = fixture(name);
        for end in (0..bytes.len()).step_by(7) {
            let _ = import_file(name, &bytes[..end]);
        }
        for _ in 0..200 {
            let mut copy = bytes.clone();
            for _ in 0..1 + next() % 8 {
                let at = (next() as usize) % copy.len();
                copy[at] = noise[(next() as usize) % noise.len()];
            }
            let file = import_file(name, &copy);
            for t in &file.transactions {
                assert!(t.amount.minor >= 0, "{name}");
                assert!(t.source.line >= 1, "{name}");
            }
        }
    }
}
