//! The generic reader: bank CSVs (and spreadsheets) of no known layout, read through a guessed
//! column mapping that the user can correct.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use statement_checker::import::generic::{self, guess_text};
use statement_checker::import::{
    header_shape, import_file, import_file_with_mapping, ColumnMapping, DateOrder, Format,
    ImportedFile,
};
use statement_checker::model::Direction;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (line, date and time, amount in minor units, direction, counterparty) of each transaction.
fn rows(file: &ImportedFile) -> Vec<(u32, String, i64, Direction, String)> {
    file.transactions
        .iter()
        .map(|t| {
            (
                t.source.line,
                t.when.to_string(),
                t.amount.minor,
                t.direction,
                t.counterparty.clone(),
            )
        })
        .collect()
}

type Expected = &'static [(u32, &'static str, i64, Direction, &'static str)];

#[test]
fn reads_csvs_of_unknown_layouts() {
    let cases: &[(&str, &str, Expected, &str)] = &[
        (
            "semicolons and decimal commas",
            "Kontoauszug Girokonto\n\nBuchungstag;Wertstellung;Verwendungszweck;Empfänger;Betrag;Währung\n\
01.03.2025;01.03.2025;Lastschrift Abo;Netflix International;-12,99;EUR\n\
02.03.2025;02.03.2025;Gehalt März;ACME GmbH;2.500,00;EUR\n\
15.03.2025;15.03.2025;Miete;Hausverwaltung;-1.234,56;EUR\n",
            &[
                (4, "2025-03-01", 1299, Direction::Debit, "Netflix International"),
                (5, "2025-03-02", 250_000, Direction::Credit, "ACME GmbH"),
                (6, "2025-03-15", 123_456, Direction::Debit, "Hausverwaltung"),
            ],
            "EUR",
        ),
        (
            "quoted amounts with thousands separators, day first",
            "Posted On,Narrative,Value,Running Total\n\
\"03/04/2025\",\"CARD PAYMENT SPOTIFY\",\"-9.99\",\"1,990.01\"\n\
\"14/04/2025\",\"SALARY\",\"2,500.00\",\"4,490.01\"\n\
\"15/04/2025\",\"RENT\",\"-1,200.00\",\"3,290.01\"\n",
            &[
                (2, "2025-04-03", 999, Direction::Debit, "CARD PAYMENT SPOTIFY"),
                (3, "2025-04-14", 250_000, Direction::Credit, "SALARY"),
                (4, "2025-04-15", 120_000, Direction::Debit, "RENT"),
            ],
            "XXX",
        ),
        (
            "month first, told by a day above 12",
            "Posted On,Narrative,Value\n04/03/2025,GYM MEMBERSHIP,-30.00\n04/13/2025,GYM MEMBERSHIP,-30.00\n",
            &[
                (2, "2025-04-03", 3000, Direction::Debit, "GYM MEMBERSHIP"),
                (3, "2025-04-13", 3000, Direction::Debit, "GYM MEMBERSHIP"),
            ],
            "XXX",
        ),
        (
            "separate debit and credit columns, tab separated",
            "Date\tDescription\tDebit\tCredit\tBalance\n\
2025-05-01\tINSURANCE AUTO DEBIT\t45.00\t\t955.00\n\
2025-05-02\tREFUND ONLINE SHOP\t\t12.00\t967.00\n\
2025-05-03\tCARD FEE\t-2.50\t\t964.50\n",
            &[
                (2, "2025-05-01", 4500, Direction::Debit, "INSURANCE AUTO DEBIT"),
                (3, "2025-05-02", 1200, Direction::Credit, "REFUND ONLINE SHOP"),
                // A debit printed negative in its own column is still a debit.
                (4, "2025-05-03", 250, Direction::Debit, "CARD FEE"),
            ],
            "XXX",
        ),
        (
            "a Chinese bank with 借方/贷方 columns, a title and a 合计 line (GBK)",
            "",
            &[
                (5, "2025-03-01", 6600, Direction::Debit, "财付通-京东到家"),
                (6, "2025-03-02", 500_000, Direction::Credit, "某公司"),
                (7, "2025-03-03", 1990, Direction::Debit, "支付宝-芒果TV"),
            ],
            "CNY",
        ),
        (
            "quoted amounts followed by a tab, currency per row (HSBC HK style)",
            "Date,Description,Billing amount,Billing currency,Balance,Balance currency\n\
02/01/2025,PAYMENT - NETFLIX.COM,\"-1,099.14\"\t,HKD,\"8,900.86\"\t,HKD\n\
15/01/2025,CREDIT INTEREST,\"12.05\"\t,HKD,\"8,912.91\"\t,HKD\n",
            &[
                (2, "2025-01-02", 109_914, Direction::Debit, "PAYMENT - NETFLIX.COM"),
                (3, "2025-01-15", 1205, Direction::Credit, "CREDIT INTEREST"),
            ],
            "HKD",
        ),
        (
            "a credit-card statement of no known bank: spending is positive",
            "某某银行信用卡对账单 2025年05月\n交易日期,记账日期,交易描述,交易金额\n2025-05-03,2025-05-04,支付宝-爱奇艺,25.00\n2025-05-10,2025-05-10,还款,-500.00\n",
            &[
                (3, "2025-05-03", 2500, Direction::Debit, "支付宝-爱奇艺"),
                (4, "2025-05-10", 50_000, Direction::Credit, "还款"),
            ],
            "CNY",
        ),
        (
            "a 借/贷 marker column and times",
            "记账日期,时间,用途,收付标志,发生额,对方名称\n2025-06-01,08:30:00,消费,借,88.00,支付宝-盒马\n2025-06-02,09:00:00,转账,贷,100.00,吴九\n",
            &[
                (2, "2025-06-01 08:30:00", 8800, Direction::Debit, "支付宝-盒马"),
                (3, "2025-06-02 09:00:00", 10_000, Direction::Credit, "吴九"),
            ],
            "CNY",
        ),
    ];
    for (what, text, expected, currency) in cases {
        let bytes = if text.is_empty() {
            fixture("bank/generic_cn.csv")
        } else {
            text.as_bytes().to_vec()
        };
        let file = import_file("statement.csv", &bytes);
        assert_eq!(file.error, None, "{what}");
        assert_eq!(file.format, Some(Format::GenericCsv), "{what}");
        assert!(file.skipped.is_empty(), "{what}: {:?}", file.skipped);
        let expected: Vec<(u32, String, i64, Direction, String)> = expected
            .iter()
            .map(|(l, w, a, d, c)| (*l, w.to_string(), *a, *d, c.to_string()))
            .collect();
        assert_eq!(rows(&file), expected, "{what}");
        for t in &file.transactions {
            assert_eq!(t.amount.currency.code(), *currency, "{what}");
        }
        let mapping = file.mapping.as_ref().expect("the guess is kept");
        assert_eq!(
            file.transactions[0].when.utc_offset_seconds,
            mapping.utc_offset_seconds
        );
    }
}

#[test]
fn the_mapping_says_what_was_guessed() {
    let file = import_file("statement.csv", &fixture("bank/generic_cn.csv"));
    let mapping = file.mapping.unwrap();
    assert_eq!(mapping.header_line, 4);
    assert_eq!(mapping.date, 0);
    assert_eq!(
        (mapping.debit, mapping.credit, mapping.amount),
        (Some(2), Some(3), None)
    );
    assert_eq!(mapping.counterparty, Some(5));
    assert_eq!(mapping.description, vec![1]);
    assert_eq!(mapping.default_currency.code(), "CNY");
    assert_eq!(mapping.utc_offset_seconds, 8 * 3600);

    // It serialises, with the field the UI stores per header shape.
    let json: Value = serde_json::to_value(&mapping).unwrap();
    assert_eq!(json["date_order"], "day_month_year");
    let back: ColumnMapping = serde_json::from_value(json).unwrap();
    assert_eq!(back, mapping);
    // The file record carries it only for generic files.
    let json = serde_json::to_value(import_file(
        "statement.csv",
        &fixture("bank/generic_cn.csv"),
    ))
    .unwrap();
    assert_eq!(json["mapping"]["debit"], 2);
    let json = serde_json::to_value(import_file("boc.csv", &fixture("bank/boc.csv"))).unwrap();
    assert!(json.get("mapping").is_none());
}

#[test]
fn a_corrected_mapping_reads_the_file_again() {
    let text = "Posted On,Narrative,Value,Other Text\n01/02/2025,A,-1.00,x\n01/03/2025,B,-2.00,y\n01/04/2025,C,-3.00,z\n";
    let file = import_file("s.csv", text.as_bytes());
    let mut mapping = file.mapping.expect("guessed");
    // Both readings keep the rows in order: day first is assumed and flagged.
    assert_eq!(mapping.date_order, DateOrder::DayMonthYear);
    assert!(mapping.date_order_ambiguous);
    assert_eq!(file.transactions[0].when.to_string(), "2025-02-01");

    mapping.date_order = DateOrder::MonthDayYear;
    mapping.date_order_ambiguous = false;
    mapping.description = vec![3];
    mapping.positive_is_debit = true;
    let again = import_file_with_mapping("C:\\x\\s.csv", text.as_bytes(), &mapping);
    assert_eq!(&*again.name, "s.csv");
    assert_eq!(again.format, Some(Format::GenericCsv));
    assert_eq!(again.mapping.as_ref(), Some(&mapping));
    let got: Vec<(String, Direction, String)> = again
        .transactions
        .iter()
        .map(|t| (t.when.to_string(), t.direction, t.description.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2025-01-02".into(), Direction::Credit, "x".into()),
            ("2025-01-03".into(), Direction::Credit, "y".into()),
            ("2025-01-04".into(), Direction::Credit, "z".into()),
        ]
    );

    // A mapping that names no amount column is refused with a message, not a panic.
    let mut broken = mapping.clone();
    broken.amount = None;
    let refused = import_file_with_mapping("s.csv", text.as_bytes(), &broken);
    assert_eq!(refused.error.map(|e| e.code()), Some("missing_column"));
    // A header line past the end of the file.
    let mut far = mapping.clone();
    far.header_line = 99;
    assert!(import_file_with_mapping("s.csv", text.as_bytes(), &far)
        .error
        .is_some());
}

#[test]
fn spreadsheets_of_unknown_layouts_are_mapped_too() {
    let bytes = fixture("bank/generic.xls");
    let file = import_file("statement.xls", &bytes);
    assert_eq!(file.error, None);
    assert_eq!(file.format, Some(Format::GenericCsv));
    assert_eq!(
        rows(&file),
        vec![
            (
                4,
                "2025-04-01".into(),
                999,
                Direction::Debit,
                "NETFLIX.COM".into()
            ),
            (
                5,
                "2025-04-02".into(),
                250_000,
                Direction::Credit,
                "SALARY ACME LTD".into()
            ),
            (
                6,
                "2025-04-03".into(),
                2345,
                Direction::Debit,
                "TESCO STORES 1234".into()
            ),
        ]
    );
    let mapping = file.mapping.unwrap();
    assert_eq!(mapping.header_line, 3);
    let again = import_file_with_mapping("statement.xls", &bytes, &mapping);
    assert_eq!(again.transactions, file.transactions);
}

#[test]
fn the_english_fixture_maps_completely() {
    // `bank_en` owns this file's format; the generic guesser alone must still read every row.
    let bytes = fixture("generated/p11_04_bank_en.csv");
    let text = String::from_utf8(bytes).unwrap();
    let mapping = guess_text(&text).expect("a mapping");
    assert_eq!(
        (mapping.date, mapping.amount, mapping.description.clone()),
        (0, Some(2), vec![1])
    );
    assert_eq!(mapping.date_order, DateOrder::DayMonthYear);
    assert!(!mapping.date_order_ambiguous);
    let parsed = generic::parse_text(&Arc::from("p11_04_bank_en.csv"), &text, &mapping).unwrap();
    let truth: Value = serde_json::from_slice(&fixture("generated/truth.json")).unwrap();
    let expected = truth["files"]["p11_04_bank_en.csv"]["transactions"]
        .as_u64()
        .unwrap();
    assert_eq!(parsed.transactions.len() as u64, expected);
    assert!(parsed.skipped.is_empty());
    assert_eq!(parsed.transactions[0].source.line, 2);
    assert_eq!(parsed.transactions[0].when.to_string(), "2026-01-14");
}

#[test]
fn files_that_are_not_statements_stay_unknown() {
    let cases: &[(&str, &str)] = &[
        (
            "a contact list",
            "Name,Email,Phone\nAda,ada@example.com,555-0100\nBob,bob@example.com,555-0101\n",
        ),
        (
            "a price list without dates",
            "Item,Description,Price\nA1,Widget,9.99\nB2,Gadget,19.99\n",
        ),
        (
            "dates without amounts",
            "Date,Event,Place\n2025-01-01,New year,Home\n2025-02-01,Party,Club\n",
        ),
        (
            "a date and an amount but nothing saying what",
            "date,amount\n2026-01-01,5\n",
        ),
        ("prose", "Dear customer,\nthank you for banking with us.\n"),
        ("one column", "2025-01-01\n2025-01-02\n"),
    ];
    for (what, text) in cases {
        let file = import_file("x.csv", text.as_bytes());
        assert_eq!(
            file.error.map(|e| e.code()),
            Some("unknown_format"),
            "{what}"
        );
        assert_eq!(file.format, None, "{what}");
    }
}

#[test]
fn header_shapes_match_across_files_with_the_same_columns() {
    let a = guess_text("Posted On,Narrative,Value\n01/02/2025,A,-1.00\n").unwrap();
    let header = |text: &str| -> Vec<String> {
        text.lines()
            .next()
            .unwrap()
            .split(',')
            .map(str::to_string)
            .collect()
    };
    let shape = header_shape(&header("Posted On,Narrative,Value"));
    assert_eq!(shape, header_shape(&header(" posted on ,NARRATIVE,Value,")));
    assert_ne!(shape, header_shape(&header("Posted On,Value,Narrative")));
    assert_eq!(a.header_line, 1);
}

#[test]
fn the_day_month_order_is_decided_over_the_whole_file() {
    // 2,500 rows whose dates all read both ways, but for one near the end.
    let mut text = String::from("Posted On;Narrative;Value\n");
    for i in 0..2500 {
        let day = if i == 2400 { 25 } else { 1 + i % 12 };
        text.push_str(&format!("{day:02}/03/2025;SHOP {i};-1,00\n"));
    }
    let file = import_file("long.csv", text.as_bytes());
    assert_eq!(file.format, Some(Format::GenericCsv));
    let mapping = file.mapping.unwrap();
    assert_eq!(mapping.date_order, DateOrder::DayMonthYear);
    assert!(!mapping.date_order_ambiguous);
    assert!(mapping.decimal_comma);
    assert_eq!(file.transactions.len(), 2500);
    assert_eq!(file.transactions[2400].when.to_string(), "2025-03-25");
    assert_eq!(file.transactions[1].when.to_string(), "2025-03-02");
}
