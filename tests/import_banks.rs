//! Chinese bank statements: the generated CMB and ICBC exports (contents known from `truth.json`),
//! hand-made exports of the other banks' layouts (CSV and real BIFF8 `.xls` workbooks made by
//! `tests/fixtures/bank/make_fixtures.py`), and the traps of each layout.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;
use statement_checker::import::{import_file, Format, ImportedFile};
use statement_checker::model::{Direction, StatusKind};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn truth() -> Value {
    serde_json::from_slice(&fixture("generated/truth.json")).expect("truth.json parses")
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

#[test]
fn reads_every_row_of_the_generated_bank_exports() {
    let truth = truth();
    let cases = [
        ("p11_03_bank_cn.csv", Format::BankCn, 294),
        ("p12_03_bank_cn.csv", Format::BankCn, 558),
        ("p13_00_alipay_icbc.csv", Format::Icbc, 70),
        ("p13_01_wechat_csv_icbc.csv", Format::Icbc, 70),
    ];
    for (name, format, count) in cases {
        let file = import_file(name, &fixture(&format!("generated/{name}")));
        assert_eq!(file.error, None, "{name}");
        assert_eq!(file.format, Some(format), "{name}");
        assert_eq!(
            truth["files"][name]["format"],
            format.id(),
            "{name}: format id"
        );
        assert!(file.skipped.is_empty(), "{name}: {:?}", file.skipped);
        let expected = truth["files"][name]["transactions"].as_u64().unwrap() as usize;
        assert_eq!(expected, count, "{name}: the count this test states");
        assert_eq!(
            file.transactions.len(),
            expected,
            "{name}: transaction count"
        );

        // Every row the truth names for this file is a transaction at exactly that line.
        let lines: HashSet<u32> = file.transactions.iter().map(|t| t.source.line).collect();
        let mut checked = 0;
        for stream in truth["streams"].as_array().unwrap() {
            for row in stream["rows"].as_array().unwrap() {
                if row[0] == name {
                    let line = row[1].as_u64().unwrap() as u32;
                    assert!(
                        lines.contains(&line),
                        "{name}: no transaction at line {line}"
                    );
                    checked += 1;
                }
            }
        }
        for pair in truth["mirrors"].as_array().unwrap() {
            for side in pair.as_array().unwrap() {
                if side[0] == name {
                    let line = side[1].as_u64().unwrap() as u32;
                    assert!(lines.contains(&line), "{name}: mirror row {line} missing");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10, "{name}: the truth names rows of this file");
        for t in &file.transactions {
            assert_eq!(t.when.utc_offset_seconds, 8 * 3600, "{name}");
            assert_eq!(t.amount.currency.code(), "CNY", "{name}");
            assert!(t.amount.minor >= 0, "{name}");
        }
    }
}

#[test]
fn cmb_rows_point_at_their_lines_and_the_footer_is_counted() {
    let bytes = fixture("generated/p11_03_bank_cn.csv");
    let text = String::from_utf8(bytes.clone()).unwrap();
    let physical: Vec<&str> = text.split('\n').collect();
    let file = import_file("p11_03_bank_cn.csv", &bytes);
    // Header on line 8, so the first row is line 9; the `# 收入合计` lines are not rows.
    assert_eq!(file.transactions[0].source.line, 9);
    for t in &file.transactions {
        let row = physical[t.source.line as usize - 1];
        let date = t.when.date.format("%Y%m%d").to_string();
        assert!(
            row.contains(&date),
            "line {}: {row:?} is not {date}",
            t.source.line
        );
        assert!(row.contains(&t.counterparty), "line {}", t.source.line);
    }
    // `# 收入合计: 22 笔` + `# 支出合计: 272 笔`.
    assert_eq!(file.declared_count, Some(294));
    let credits = file
        .transactions
        .iter()
        .filter(|t| t.direction == Direction::Credit)
        .count();
    assert_eq!(credits, 22);
    let period = file.period.unwrap();
    assert_eq!(
        (period.start.to_string(), period.end.to_string()),
        ("2026-01-21".into(), "2026-09-21".into())
    );
    let first = &file.transactions[0];
    assert_eq!(first.when.to_string(), "2026-01-21 09:40:29");
    assert_eq!(first.counterparty, "财付通-罗森");
    assert_eq!(first.description, "快捷支付");
    assert_eq!(
        (first.amount.minor, first.direction),
        (1050, Direction::Debit)
    );
}

#[test]
fn icbc_rows_keep_the_platform_merchant() {
    let file = import_file(
        "p13_00_alipay_icbc.csv",
        &fixture("generated/p13_00_alipay_icbc.csv"),
    );
    let rows: Vec<(u32, String, i64, Direction, &str, StatusKind)> = file
        .transactions
        .iter()
        .take(3)
        .map(|t| {
            (
                t.source.line,
                t.when.to_string(),
                t.amount.minor,
                t.direction,
                t.counterparty.as_str(),
                t.status_kind,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                8,
                "2026-05-17".into(),
                3801,
                Direction::Debit,
                "支付宝-永辉超市",
                StatusKind::Succeeded
            ),
            (
                9,
                "2026-05-12".into(),
                2302,
                Direction::Debit,
                "支付宝-肯德基",
                StatusKind::Succeeded
            ),
            (
                10,
                "2026-05-10".into(),
                1978,
                Direction::Credit,
                "支付宝-罗森",
                StatusKind::Refunded
            ),
        ]
    );
    assert_eq!(file.transactions[0].description, "消费");
    let wechat = import_file(
        "p13_01_wechat_csv_icbc.csv",
        &fixture("generated/p13_01_wechat_csv_icbc.csv"),
    );
    assert!(wechat
        .transactions
        .iter()
        .all(|t| t.counterparty.starts_with("财付通-")));
}

#[test]
fn gbk_and_plain_utf8_copies_read_the_same() {
    for name in ["p12_03_bank_cn.csv", "p13_00_alipay_icbc.csv"] {
        let bytes = fixture(&format!("generated/{name}"));
        let text = String::from_utf8(bytes.clone()).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        let original = import_file(name, &bytes);
        for copy in [
            gbk(text),
            text.as_bytes().to_vec(),
            text.replace("\r\n", "\n").into_bytes(),
        ] {
            let again = import_file(name, &copy);
            assert_eq!(again.format, original.format, "{name}");
            assert_eq!(again.transactions, original.transactions, "{name}");
        }
    }
}

/// (line, amount in minor units, direction, counterparty, currency) of a transaction.
type Row = (u32, i64, Direction, &'static str, &'static str);
/// A hand-made file, its format, the rows read and the (line, reason) of the rows skipped.
type BankCase = (
    &'static str,
    Format,
    &'static [Row],
    &'static [(u32, &'static str)],
);
/// A file, the first transactions' times, and the period it declares.
type TimeCase = (
    &'static str,
    &'static [&'static str],
    Option<(&'static str, &'static str)>,
);

#[test]
fn reads_each_banks_hand_made_export() {
    let cases: &[BankCase] = &[
        (
            "cmb_credit.csv",
            Format::CmbCredit,
            &[
                (3, 2500, Direction::Debit, "支付宝-爱奇艺", "CNY"),
                (4, 3850, Direction::Debit, "财付通-美团外卖", "CNY"),
                (5, 100_000, Direction::Credit, "掌上生活还款", "CNY"),
                (6, 390, Direction::Credit, "退款 京东", "CNY"),
                (7, 600, Direction::Debit, "APPLE.COM/BILL", "CNY"),
            ],
            &[],
        ),
        (
            "icbc_credit.csv",
            Format::IcbcCredit,
            &[
                (8, 3250, Direction::Debit, "支付宝-饿了么", "CNY"),
                // Paid in dollars, posted in yuan: the posted amount is what left the account.
                (9, 7193, Direction::Debit, "AMAZON.COM", "CNY"),
                (10, 110_443, Direction::Credit, "", "CNY"),
            ],
            &[],
        ),
        (
            "icbc_v1.csv",
            Format::Icbc,
            &[
                (8, 1340, Direction::Debit, "财付通-罗森", "CNY"),
                (9, 800_000, Direction::Credit, "某某科技有限公司", "CNY"),
            ],
            &[(10, "unknown_currency")],
        ),
        (
            "ccb.csv",
            Format::Ccb,
            &[
                (5, 1800, Direction::Debit, "财付通-美团", "CNY"),
                (
                    6,
                    120_000,
                    Direction::Credit,
                    "6222000011112222/张三",
                    "CNY",
                ),
                (7, 500, Direction::Debit, "ONLINE STORE", "USD"),
            ],
            &[],
        ),
        (
            "boc.csv",
            Format::Boc,
            &[
                (3, 260_000, Direction::Debit, "李四", "CNY"),
                (4, 3990, Direction::Debit, "支付宝-优酷会员", "CNY"),
                (5, 1_000_000, Direction::Credit, "某公司", "CNY"),
                (6, 1990, Direction::Credit, "支付宝-优酷会员", "CNY"),
            ],
            &[],
        ),
        (
            "boc_credit.csv",
            Format::BocCredit,
            &[
                (3, 4500, Direction::Debit, "支付宝-饿了么", "CNY"),
                (4, 100_000, Direction::Credit, "还款", "CNY"),
                (5, 12_000, Direction::Debit, "HOTEL TOKYO", "JPY"),
            ],
            &[],
        ),
        (
            "abc.csv",
            Format::Abc,
            &[
                (2, 1_000_000, Direction::Credit, "某公司", "CNY"),
                (3, 1000, Direction::Debit, "财付通-美团", "CNY"),
                (4, 50_000, Direction::Debit, "王五", "CNY"),
            ],
            &[],
        ),
        (
            "bocom.csv",
            Format::Bocom,
            &[
                (2, 123_450, Direction::Debit, "支付宝-淘宝", "CNY"),
                (3, 20_000, Direction::Credit, "王五", "CNY"),
            ],
            &[],
        ),
        (
            "bocom_credit.csv",
            Format::BocomCredit,
            &[
                (2, 1500, Direction::Debit, "支付宝-网易云音乐", "CNY"),
                (3, 1350, Direction::Credit, "退货 京东", "CNY"),
                (4, 1000, Direction::Debit, "消费 AMAZON JP", "JPY"),
                (5, 50_000, Direction::Credit, "信用卡还款", "CNY"),
            ],
            &[],
        ),
        (
            "cgb_credit.csv",
            Format::CgbCredit,
            &[
                (2, 2500, Direction::Debit, "支付宝-哔哩哔哩", "CNY"),
                (3, 990, Direction::Credit, "京东", "CNY"),
            ],
            &[],
        ),
        (
            "ccb.xls",
            Format::Ccb,
            &[
                (
                    7,
                    3000,
                    Direction::Debit,
                    "支付宝-支付宝外部商户-中移动金融科技有限公司",
                    "CNY",
                ),
                (8, 500_000, Direction::Credit, "某公司", "CNY"),
                // 0.1 + 0.2 stored as a binary float is still 0.30.
                (9, 30, Direction::Debit, "财付通-便利蜂", "CNY"),
            ],
            // 12.345 is not a whole number of fen: refused, not rounded.
            &[(10, "bad_amount")],
        ),
        (
            "citic.xls",
            Format::Citic,
            &[
                (
                    3,
                    590,
                    Direction::Debit,
                    "支付宝-北京嘀嘀无限科技发展有限公司",
                    "CNY",
                ),
                (4, 20, Direction::Credit, "财付通还款", "CNY"),
                (
                    5,
                    102_400,
                    Direction::Debit,
                    "支付宝-上海拉扎斯信息科技有限公司",
                    "CNY",
                ),
            ],
            &[],
        ),
        (
            "spdb.xls",
            Format::Spdb,
            &[
                (3, 6600, Direction::Debit, "财付通-京东到家", "CNY"),
                (4, 10_000, Direction::Credit, "赵六", "CNY"),
            ],
            &[],
        ),
        (
            // The same sheet written from C4: rows keep their sheet numbers.
            "spdb_offset.xls",
            Format::Spdb,
            &[
                (6, 6600, Direction::Debit, "财付通-京东到家", "CNY"),
                (7, 10_000, Direction::Credit, "赵六", "CNY"),
            ],
            &[],
        ),
        (
            "spdb_credit.xls",
            Format::SpdbCredit,
            &[
                (2, 2340, Direction::Debit, "支付宝-高德打车", "CNY"),
                (3, 100_000, Direction::Credit, "还款", "CNY"),
            ],
            &[],
        ),
        (
            "cib.xls",
            Format::Cib,
            &[
                (12, 1990, Direction::Debit, "支付宝-芒果TV", "CNY"),
                (13, 300_000, Direction::Credit, "孙七", "CNY"),
            ],
            &[],
        ),
        (
            "bocom.xls",
            Format::Bocom,
            &[
                (4, 2500, Direction::Debit, "支付宝-哔哩哔哩", "CNY"),
                (5, 50_000, Direction::Credit, "周八", "CNY"),
            ],
            &[],
        ),
    ];
    for (name, format, rows, skipped) in cases {
        let file = import_file(name, &fixture(&format!("bank/{name}")));
        assert_eq!(file.error, None, "{name}");
        assert_eq!(file.format, Some(*format), "{name}");
        let got: Vec<(u32, i64, Direction, &str, &str)> = file
            .transactions
            .iter()
            .map(|t| {
                (
                    t.source.line,
                    t.amount.minor,
                    t.direction,
                    t.counterparty.as_str(),
                    t.amount.currency.code(),
                )
            })
            .collect();
        assert_eq!(&got, rows, "{name}");
        let got_skipped: Vec<(u32, &str)> =
            file.skipped.iter().map(|s| (s.line, s.code())).collect();
        assert_eq!(&got_skipped, skipped, "{name}");
        for t in &file.transactions {
            assert_eq!(t.when.utc_offset_seconds, 8 * 3600, "{name}");
        }
    }
}

#[test]
fn dates_times_and_periods_of_each_layout() {
    let cases: &[TimeCase] = &[
        // `MM/DD` with the year from the title: December rows belong to the year before.
        (
            "cmb_credit.csv",
            &["2023-12-28", "2023-12-30", "2024-01-03"],
            None,
        ),
        (
            "abc.csv",
            &["2024-01-01 12:34:56", "2024-01-02", "2024-01-03 08:09:10"],
            None,
        ),
        ("boc.csv", &["2025-01-10 12:00:01"], None),
        (
            "ccb.csv",
            &["2025-01-05"],
            Some(("2025-01-01", "2025-01-31")),
        ),
        ("ccb.xls", &["2025-01-01 18:53:19"], None),
        (
            "spdb.xls",
            &["2025-12-03 14:06:51"],
            Some(("2025-12-01", "2025-12-31")),
        ),
        (
            "bocom.xls",
            &["2024-06-02 21:15:00"],
            Some(("2024-06-01", "2024-06-30")),
        ),
        ("cib.xls", &["2025-03-01 08:09:10"], None),
        ("spdb_credit.xls", &["2025-12-03"], None),
    ];
    for (name, times, period) in cases {
        let file = import_file(name, &fixture(&format!("bank/{name}")));
        let got: Vec<String> = file
            .transactions
            .iter()
            .take(times.len())
            .map(|t| t.when.to_string())
            .collect();
        assert_eq!(&got, times, "{name}");
        if let Some((start, end)) = period {
            let p = file.period.expect("declared period");
            assert_eq!(
                (p.start.to_string(), p.end.to_string()),
                (start.to_string(), end.to_string()),
                "{name}"
            );
        }
    }
}

#[test]
fn descriptions_notes_and_channels() {
    let boc = import_file("boc.csv", &fixture("bank/boc.csv"));
    let first = &boc.transactions[0];
    assert_eq!(first.description, "跨行转账");
    assert_eq!(first.note.as_deref(), Some("房租"));
    assert_eq!(first.payment_method.as_deref(), Some("网上银行"));
    assert_eq!(first.counterparty_account.as_deref(), Some("6222****5678"));
    // Runs of dashes are empty cells.
    assert_eq!(boc.transactions[2].payment_method, None);
    assert_eq!(boc.transactions[3].status_kind, StatusKind::Refunded);

    let abc = import_file("abc.csv", &fixture("bank/abc.csv"));
    assert_eq!(abc.transactions[0].order_id.as_deref(), Some("A001"));
    assert_eq!(abc.encoding.map(|e| e.label()), Some("GBK/GB18030"));

    let bocom = import_file("bocom.csv", &fixture("bank/bocom.csv"));
    assert_eq!(bocom.transactions[0].description, "网上支付 消费");

    let citic = import_file("citic.xls", &fixture("bank/citic.xls"));
    // The description keeps the statement's text; only the counterparty's platform dash is
    // normalised for linking with wallet exports.
    assert_eq!(
        citic.transactions[0].description,
        "支付宝－北京嘀嘀无限科技发展有限公司"
    );
}

#[test]
fn summary_and_disclaimer_lines_are_not_rows() {
    let icbc = "明细查询文件下载\n\n卡号: 6222****1234,\"卡别名: \"\n\n子账户序号: 00000,子账户类别: 活期,\"子账户别名: \"\n\n\
交易日期,摘要,交易详情,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名,对方账户\n\
2026-05-17     \t,\"消费                \t\",\"                              \t\",\"支付宝-永辉超市    \t\",\"CHN  \t\",钞   \t,\"-    \t\",\"-    \t\",-    \t,\"     \t\",\"38.01   \t\",人民币   \t,\"44,201.32  \t\",\"支付宝（中国）网络技术有限公司  \t\",\"   \t\",\n\
2026-02-30     \t,\"消费                \t\",\"                              \t\",\"支付宝-永辉超市    \t\",\"CHN  \t\",钞   \t,\"-    \t\",\"-    \t\",-    \t,\"     \t\",\"1.00   \t\",人民币   \t,\"44,201.32  \t\",\"x  \t\",\"   \t\",\n\
2026-05-16     \t,\"消费                \t\",\"\t\",\"支付宝-罗森    \t\",\"CHN  \t\",钞   \t,\"-    \t\",\"-    \t\",-    \t,\"     \t\",\"     \t\",人民币   \t,\"44,201.32  \t\",\"x  \t\",\"   \t\",\n\
2026-05-15     \t,\"消费                \t\",\"\t\",\"支付宝-罗森    \t\",\"CHN  \t\",钞   \t,\"-    \t\",\"-    \t\",-    \t,\"2.00     \t\",\"3.00     \t\",人民币   \t,\"44,201.32  \t\",\"x  \t\",\"   \t\",\n\
 \n人民币合计,,,,,,,,,\"71.93             \t\",\"5,870.61          \t\",\n";
    let file = import_file("icbc.csv", icbc.as_bytes());
    assert_eq!(file.format, Some(Format::Icbc));
    assert_eq!(file.transactions.len(), 1);
    let skipped: Vec<(u32, &str)> = file.skipped.iter().map(|s| (s.line, s.code())).collect();
    assert_eq!(
        skipped,
        vec![(9, "bad_time"), (10, "missing_amount"), (11, "two_amounts")]
    );
}

#[test]
fn spreadsheets_that_are_not_statements_say_why() {
    let web = import_file("交易明细.xls", &fixture("bank/webpage.xls"));
    assert_eq!(web.error.as_ref().map(|e| e.code()), Some("web_page"));
    use statement_checker::lang::{Lang, Localized};
    let message = web.error.unwrap().message(Lang::En);
    assert!(
        message.contains("web page") && message.contains("CSV or XLS"),
        "{message}"
    );
    let table_page = import_file(
        "a.xls",
        b"\r\n  <TABLE border=1><tr><td>x</td></tr></TABLE>",
    );
    assert_eq!(table_page.error.map(|e| e.code()), Some("web_page"));

    // A real workbook with no statement in it.
    let mut empty_book = fixture("bank/generic.xls");
    // Damage the sheet stream: the workbook cannot be read, and nothing panics.
    let len = empty_book.len();
    for b in &mut empty_book[len / 2..] {
        *b = 0xFF;
    }
    let broken = import_file("broken.xls", &empty_book);
    assert!(broken.error.is_some(), "{broken:?}");
}

#[test]
fn damaged_inputs_never_panic() {
    let names = [
        "bank/ccb.xls",
        "bank/citic.xls",
        "bank/cib.xls",
        "bank/icbc_credit.csv",
        "bank/boc.csv",
        "bank/cmb_credit.csv",
        "generated/p13_00_alipay_icbc.csv",
    ];
    for name in names {
        let bytes = fixture(name);
        let step = (bytes.len() / 40).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let _ = import_file(name, &bytes[..cut]);
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0x5A;
            let _: ImportedFile = import_file(name, &flipped);
        }
    }
}

/// A minimal XLSX workbook with one sheet of text cells (`Some`) at their rows.
fn xlsx(rows: &[(u32, &[&str])]) -> Vec<u8> {
    use std::io::Write;
    let column = |i: usize| ((b'A' + i as u8) as char).to_string();
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (row, cells) in rows {
        sheet.push_str(&format!(r#"<row r="{row}">"#));
        for (i, text) in cells.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.push_str(&format!(
                r#"<c r="{}{row}" t="inlineStr"><is><t>{text}</t></is></c>"#,
                column(i)
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rels}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn reads_a_bank_xlsx_that_is_not_wechat() {
    // ABC 账户明细查询: title, account row, header on row 3, every cell text; saved as ".xls".
    let book = xlsx(&[
        (1, &["账户明细查询"]),
        (
            2,
            &[
                "账户：6228****0001",
                "",
                "起始日期：20240101",
                "",
                "截止日期：20240131",
            ],
        ),
        (
            3,
            &[
                "交易日期",
                "交易时间",
                "交易金额",
                "本次余额",
                "对方户名",
                "对方账号",
                "交易行",
                "交易渠道",
                "交易类型",
                "交易用途",
                "交易摘要",
            ],
        ),
        (
            4,
            &[
                "20240105",
                "101010",
                "-35.00",
                "965.00",
                "支付宝（中国）网络技术有限公司",
                "",
                "某支行",
                "网上支付",
                "消费",
                "",
                "支付宝-美团",
            ],
        ),
        (
            5,
            &[
                "20240110",
                "",
                "+2,000.00",
                "2,965.00",
                "某公司",
                "6222****9999",
                "某支行",
                "批量",
                "代发工资",
                "工资",
                "",
            ],
        ),
    ]);
    let file = import_file("账户明细.xls", &book);
    assert_eq!(file.error, None);
    assert_eq!(file.format, Some(Format::Abc));
    let got: Vec<(u32, String, i64, Direction, &str)> = file
        .transactions
        .iter()
        .map(|t| {
            (
                t.source.line,
                t.when.to_string(),
                t.amount.minor,
                t.direction,
                t.counterparty.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                4,
                "2024-01-05 10:10:10".into(),
                3500,
                Direction::Debit,
                "支付宝-美团"
            ),
            (5, "2024-01-10".into(), 200_000, Direction::Credit, "某公司"),
        ]
    );
    let period = file.period.unwrap();
    assert_eq!(period.end.to_string(), "2024-01-31");

    // A workbook that is no statement keeps the plain "xlsx spreadsheet" answer.
    let other = xlsx(&[
        (1, &["Name", "Email", "Phone"]),
        (2, &["Ada", "a@example.com", "1"]),
    ]);
    let file = import_file("contacts.xlsx", &other);
    assert_eq!(file.error.map(|e| e.code()), Some("unsupported"));
}
