//! The WeChat Pay importer against real-layout exports (with known contents in `truth.json`) and
//! hand-written edge cases: CSVs built inline, XLSX workbooks written here with the zip crate.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::io::{Cursor, Write};
use std::path::Path;

use serde_json::Value;
use statement_checker::import::{import_file, Format, ImportedFile, TextEncoding};
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

#[test]
fn reads_every_row_of_the_generated_wechat_exports() {
    let truth = truth();
    let cases = [
        ("p11_02_wechat_csv.csv", Format::WechatCsv, 18),
        ("p12_02_wechat_csv.csv", Format::WechatCsv, 18),
        ("p13_01_wechat_csv.csv", Format::WechatCsv, 18),
        // The 2026 sheet: note row, header on row 18.
        ("p11_06_wechat_xlsx.xlsx", Format::WechatXlsx, 19),
        // The 2025 sheet: header on row 17.
        ("p12_06_wechat_xlsx.xlsx", Format::WechatXlsx, 18),
    ];
    for (name, format, first_line) in cases {
        let file = import_file(name, &fixture(&format!("generated/{name}")));
        assert_eq!(file.error, None, "{name}");
        assert_eq!(file.format, Some(format), "{name}");
        assert!(file.skipped.is_empty(), "{name}: {:?}", file.skipped);
        let expected = truth["files"][name]["transactions"].as_u64().unwrap() as usize;
        assert_eq!(
            file.transactions.len(),
            expected,
            "{name}: transaction count"
        );
        assert_eq!(
            file.declared_count,
            Some(expected as u32),
            "{name}: declared count"
        );
        assert_eq!(
            truth["files"][name]["format"],
            format.id(),
            "{name}: format id"
        );
        assert_eq!(file.transactions[0].source.line, first_line, "{name}");
        assert!(file
            .transactions
            .iter()
            .all(|t| t.when.utc_offset_seconds == 8 * 3600 && t.when.time.is_some()));

        let lines: HashSet<u32> = file.transactions.iter().map(|t| t.source.line).collect();
        assert_eq!(lines.len(), expected, "{name}: one transaction a line");
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
        assert!(checked > 20, "{name}: the truth names rows of this file");
    }
}

#[test]
fn csv_lines_point_at_the_rows_they_came_from() {
    let bytes = fixture("generated/p11_02_wechat_csv.csv");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let physical: Vec<&str> = text.split('\n').collect();
    let file = import_file("p11_02_wechat_csv.csv", &bytes);
    assert_eq!(file.encoding, Some(TextEncoding::Utf8Bom));
    for t in &file.transactions {
        let row = physical[t.source.line as usize - 1];
        assert!(
            row.starts_with(&t.when.to_string()),
            "line {} is {row:?}, not {}",
            t.source.line,
            t.when
        );
        assert!(row.contains(t.counterparty.as_str()), "{row}");
        assert!(row.contains(t.order_id.as_deref().unwrap()), "{row}");
    }
    let period = file.period.unwrap();
    assert_eq!(
        (period.start.to_string(), period.end.to_string()),
        ("2025-04-09".into(), "2026-03-09".into())
    );
}

#[test]
fn keeps_type_status_method_and_order_ids() {
    let file = import_file(
        "p11_02_wechat_csv.csv",
        &fixture("generated/p11_02_wechat_csv.csv"),
    );
    let first = &file.transactions[0];
    assert_eq!(first.when.to_string(), "2026-03-09 09:31:04");
    assert_eq!(first.category.as_deref(), Some("商户消费"));
    assert_eq!(first.counterparty, "哈啰单车");
    assert_eq!(first.description, "哈啰单车订单");
    assert_eq!(first.direction, Direction::Debit);
    assert_eq!(first.amount.minor, 22515);
    assert_eq!(first.payment_method.as_deref(), Some("零钱通"));
    assert_eq!(first.status, "支付成功");
    assert_eq!(first.status_kind, StatusKind::Succeeded);
    assert_eq!(
        first.order_id.as_deref(),
        Some("2026030922000638954098517883")
    );
    assert_eq!(
        first.merchant_order_id.as_deref(),
        Some("T25078062057584388497")
    );
    assert_eq!(first.note, None);
    // A padded counterparty (`哔哩哔哩 `) is trimmed.
    assert_eq!(file.transactions[1].counterparty, "哔哩哔哩");

    let count =
        |f: &dyn Fn(&Transaction) -> bool| file.transactions.iter().filter(|t| f(t)).count();
    assert_eq!(count(&|t| t.direction == Direction::Credit), 30);
    assert_eq!(count(&|t| t.direction == Direction::Debit), 477);
    // Fully refunded payments and their refund rows.
    let refund_rows = count(&|t| t.status_kind == StatusKind::Refunded);
    let refunded_payments = count(&|t| t.status_kind == StatusKind::Closed);
    assert_eq!(refund_rows + refunded_payments, 24);
    assert!(file
        .transactions
        .iter()
        .filter(|t| t.status_kind == StatusKind::Refunded)
        .all(|t| t.category.as_deref().unwrap().ends_with("-退款")
            && t.direction == Direction::Credit));
}

#[test]
fn xlsx_rows_carry_sheet_row_numbers_times_and_exact_amounts() {
    let file = import_file(
        "p11_06_wechat_xlsx.xlsx",
        &fixture("generated/p11_06_wechat_xlsx.xlsx"),
    );
    let first = &file.transactions[0];
    assert_eq!(first.source.line, 19);
    // 46102.90243055556 days after 1899-12-30.
    assert_eq!(first.when.to_string(), "2026-03-21 21:39:30");
    assert_eq!(first.amount.minor, 1483);
    assert_eq!(first.counterparty, "高德打车");
    assert_eq!(first.category.as_deref(), Some("商户消费"));
    assert_eq!(
        first.order_id.as_deref(),
        Some("2026032122007645393508487113")
    );
    let period = file.period.unwrap();
    assert_eq!(period.start.to_string(), "2025-07-21");
    assert_eq!(period.end.to_string(), "2026-03-21");

    let older = import_file(
        "p12_06_wechat_xlsx.xlsx",
        &fixture("generated/p12_06_wechat_xlsx.xlsx"),
    );
    assert_eq!(older.transactions[0].source.line, 18);
    assert_eq!(
        older.transactions[0].when.to_string(),
        "2026-01-23 21:06:23"
    );
}

const HEADER: &str =
    "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注";

/// A WeChat CSV with the real 16-line preamble (header on line 17), UTF-8 with BOM.
fn export(header: &str, rows: &[&str], line_end: &str) -> Vec<u8> {
    let pad = ",,,,,,,,,,";
    let mut text = String::from("\u{feff}");
    for line in [
        "微信支付账单明细",
        "微信昵称：[测试]",
        "起始时间：[2026-01-01 00:00:00] 终止时间：[2026-01-31 23:59:59]",
        "导出类型：[全部]",
        "导出时间：[2026-02-01 10:00:00]",
        "",
        &format!("共{}笔记录", rows.len()),
        "收入：0笔 0.00元",
        "支出：0笔 0.00元",
        "中性交易：0笔 0.00元",
        "注：",
        "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
        "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
        "3. 本明细仅供个人对账使用",
        "",
        "----------------------微信支付账单明细列表--------------------",
    ] {
        text.push_str(line);
        text.push_str(pad);
        text.push_str(line_end);
    }
    text.push_str(header);
    text.push_str(line_end);
    for row in rows {
        text.push_str(row);
        text.push_str(line_end);
    }
    text.into_bytes()
}

#[test]
fn edge_cases_of_the_csv() {
    struct Case {
        what: &'static str,
        header: &'static str,
        rows: &'static [&'static str],
        /// (line, amount in fen, direction, counterparty) of each transaction read.
        read: &'static [(u32, i64, Direction, &'static str)],
        /// (line, reason code) of each row skipped.
        skipped: &'static [(u32, &'static str)],
    }
    let cases = [
        Case {
            what: "as exported: quoted goods and note, tabs after order numbers",
            header: HEADER,
            rows: &[
                "2026-01-30 10:00:00,商户消费,罗森,\"罗森订单\",支出,¥12.50,零钱,支付成功,4200001\t,T1\t,\"/\"",
                "2026-01-29 10:00:00,零钱提现,招商银行(1234),\"/\",/,¥100.00,招商银行(1234),提现已到账,4200002\t,/\t,\"服务费¥0.10\"",
                "2026-01-28 10:00:00,转账,张三,\"/\",收入,¥8.00,/,已存入零钱,1000001\t,/\t,\"/\"",
            ],
            read: &[
                (18, 1250, Direction::Debit, "罗森"),
                (19, 10000, Direction::Neutral, "招商银行(1234)"),
                (20, 800, Direction::Credit, "张三"),
            ],
            skipped: &[],
        },
        Case {
            what: "full-width yen sign and thousands separators, quoted or not",
            header: HEADER,
            rows: &[
                "2026-01-30 10:00:00,商户消费,宜家家居,\"沙发\",支出,￥1,020.00,零钱,支付成功,1\t,2\t,\"/\"",
                "2026-01-29 10:00:00,商户消费,宜家家居,\"桌子\",支出,\"¥12,345.67\",零钱,支付成功,3\t,4\t,\"/\"",
            ],
            read: &[
                (18, 102_000, Direction::Debit, "宜家家居"),
                (19, 1_234_567, Direction::Debit, "宜家家居"),
            ],
            skipped: &[],
        },
        Case {
            what: "an unquoted comma inside the counterparty is merged back",
            header: HEADER,
            rows: &[
                "2023-08-29 18:45:06,商户消费,WALMART HONG KONG CO.,LIMITED,\"商品\",支出,¥348.00,招商银行信用卡(9297),支付成功,4200003\t,T3\t,\"/\"",
                "2023-08-28 18:45:06,商户消费,A,B,C,\"商品\",支出,¥1.00,零钱,支付成功,4200004\t,T4\t,\"/\"",
                "2023-08-27 18:45:06,商户消费,X CO.,LTD,\"商品\",支出,¥2.00,零钱,支付成功,4200005\t,T5\t,",
            ],
            read: &[
                (18, 34_800, Direction::Debit, "WALMART HONG KONG CO.,LIMITED"),
                (19, 100, Direction::Debit, "A,B,C"),
                (20, 200, Direction::Debit, "X CO.,LTD"),
            ],
            skipped: &[],
        },
        Case {
            what: "re-saved by a spreadsheet: trailing commas, no seconds, quotes everywhere",
            header: "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注,,",
            rows: &[
                "\"2026/1/30 9:05\",\"商户消费\",\"罗森\",\"罗森订单\",\"支出\",\"¥12.50\",\"零钱\",\"支付成功\",\"1\",\"2\",\"/\",,",
            ],
            read: &[(18, 1250, Direction::Debit, "罗森")],
            skipped: &[],
        },
        Case {
            what: "reordered and extra columns, full-width parentheses",
            header: "金额（元）,收/支,交易对方,新列,当前状态,交易时间,交易类型",
            rows: &["¥8.00,收入,张三,x,已收钱,2026-01-15 08:00:00,转账"],
            read: &[(18, 800, Direction::Credit, "张三")],
            skipped: &[],
        },
        Case {
            what: "bad rows are skipped with their lines, good rows around them kept",
            header: HEADER,
            rows: &[
                "2026-01-30 10:00:00,商户消费,罗森,\"罗森订单\",支出,¥12.50,零钱,支付成功,1\t,\t,\"/\"",
                "2026-02-30 10:00:00,商户消费,罗森,\"罗森订单\",支出,¥12.50,零钱,支付成功,2\t,\t,\"/\"",
                "2026-01-29 10:00:00,商户消费,罗森,\"罗森订单\",支出,十二元,零钱,支付成功,3\t,\t,\"/\"",
                "2026-01-28 10:00:00,商户消费,罗森,\"罗森订单\",出账,¥12.50,零钱,支付成功,4\t,\t,\"/\"",
                "2026-01-27 10:00:00,商户消费",
                "",
                "2026-01-26 10:00:00,商户消费,罗森,\"罗森订单\",支出,¥0.015,零钱,支付成功,5\t,\t,\"/\"",
                "2026-01-25 10:00:00,商户消费,罗森,\"罗森订单\",支出,¥1.00,零钱,支付成功,6\t,\t,\"/\"",
            ],
            read: &[
                (18, 1250, Direction::Debit, "罗森"),
                (25, 100, Direction::Debit, "罗森"),
            ],
            skipped: &[
                (19, "bad_time"),
                (20, "bad_amount"),
                (21, "bad_direction"),
                (22, "too_few_fields"),
                (24, "bad_amount"),
            ],
        },
        Case {
            what: "a quoted line break keeps later line numbers physical",
            header: HEADER,
            rows: &[
                "2026-01-30 10:00:00,商户消费,罗森,\"两行\n商品\",支出,¥1.00,零钱,支付成功,1\t,\t,\"/\"",
                "2026-01-29 10:00:00,商户消费,罗森,\"罗森订单\",支出,¥2.00,零钱,支付成功,2\t,\t,\"/\"",
            ],
            read: &[
                (18, 100, Direction::Debit, "罗森"),
                (20, 200, Direction::Debit, "罗森"),
            ],
            skipped: &[],
        },
        Case {
            what: "an export with no rows",
            header: HEADER,
            rows: &[],
            read: &[],
            skipped: &[],
        },
    ];
    for case in cases {
        for line_end in ["\n", "\r\n"] {
            let what = format!("{} ({line_end:?})", case.what);
            let file = import_file("edge.csv", &export(case.header, case.rows, line_end));
            assert_eq!(file.error, None, "{what}");
            assert_eq!(file.format, Some(Format::WechatCsv), "{what}");
            let read: Vec<(u32, i64, Direction, &str)> = file
                .transactions
                .iter()
                .map(|t| {
                    (
                        t.source.line,
                        t.amount.minor,
                        t.direction,
                        t.counterparty.as_str(),
                    )
                })
                .collect();
            assert_eq!(read, case.read, "{what}");
            let skipped: Vec<(u32, &str)> =
                file.skipped.iter().map(|s| (s.line, s.code())).collect();
            assert_eq!(skipped, case.skipped, "{what}");
            assert_eq!(file.declared_count, Some(case.rows.len() as u32), "{what}");
            let period = file.period.expect("declared period");
            assert_eq!(period.start.to_string(), "2026-01-01", "{what}");
            assert_eq!(period.end.to_string(), "2026-01-31", "{what}");
        }
    }
}

#[test]
fn refunds_and_statuses_keep_their_text() {
    let rows = [
        "2026-01-30 10:00:00,商户消费,京东,\"耳机\",支出,¥128.50,零钱,已全额退款,1\t,A\t,\"/\"",
        "2026-01-31 10:00:00,商户消费-退款,京东,\"耳机\",收入,¥128.50,零钱,已全额退款,1\t,A\t,\"/\"",
        "2026-01-29 10:00:00,商户消费,美团,\"外卖\",支出,¥30.00,零钱,已退款(¥2.00),2\t,B\t,\"/\"",
        "2026-01-28 10:00:00,商户消费,拼多多,\"纸巾\",支出,¥200.00,零钱,已退款¥128.50,3\t,C\t,\"/\"",
        "2026-01-27 10:00:00,零钱提现,招商银行(1234),\"/\",/,¥50.00,零钱,提现失败，已退回零钱,4\t,/\t,\"/\"",
        "2026-01-26 10:00:00,转账,李四,\"/\",支出,¥66.00,零钱,对方已退还,5\t,/\t,\"/\"",
        "2026-01-25 10:00:00,微信红包-退款,王五,\"/\",收入,¥5.00,/,已存入零钱,6\t,/\t,\"/\"",
    ];
    let file = import_file("refunds.csv", &export(HEADER, &rows, "\n"));
    assert_eq!(file.error, None);
    let got: Vec<(&str, StatusKind, Direction)> = file
        .transactions
        .iter()
        .map(|t| (t.status.as_str(), t.status_kind, t.direction))
        .collect();
    assert_eq!(
        got,
        vec![
            ("已全额退款", StatusKind::Closed, Direction::Debit),
            ("已全额退款", StatusKind::Refunded, Direction::Credit),
            ("已退款(¥2.00)", StatusKind::Succeeded, Direction::Debit),
            ("已退款¥128.50", StatusKind::Succeeded, Direction::Debit),
            (
                "提现失败，已退回零钱",
                StatusKind::Failed,
                Direction::Neutral
            ),
            ("对方已退还", StatusKind::Closed, Direction::Debit),
            ("已存入零钱", StatusKind::Refunded, Direction::Credit),
        ]
    );
    assert_eq!(
        file.transactions[1].category.as_deref(),
        Some("商户消费-退款")
    );
    assert_eq!(file.transactions[0].note, None);
}

#[test]
fn other_encodings_and_damaged_preambles() {
    let rows = [
        "2026-01-30 10:00:00,商户消费,罗森,\"罗森订单\",支出,¥12.50,零钱,支付成功,1\t,2\t,\"/\"",
    ];
    let utf8 = export(HEADER, &rows, "\r\n");
    let text = std::str::from_utf8(&utf8[3..]).unwrap();

    // Re-saved by Excel on Chinese Windows: GBK, no BOM (GBK has only the full-width yen sign).
    let gbk = encoding_rs::GBK
        .encode(&text.replace('¥', "￥"))
        .0
        .into_owned();
    let file = import_file("gbk.csv", &gbk);
    assert_eq!(file.format, Some(Format::WechatCsv));
    assert_eq!(file.encoding, Some(TextEncoding::Gb18030));
    assert_eq!(file.transactions.len(), 1);
    assert_eq!(file.transactions[0].source.line, 18);

    // The preamble cut off: the header alone is recognised.
    let bare = format!("{HEADER}\n{}\n", rows[0]);
    let file = import_file("bare.csv", bare.as_bytes());
    assert_eq!(file.format, Some(Format::WechatCsv));
    assert_eq!(file.transactions.len(), 1);
    assert_eq!(file.transactions[0].source.line, 2);
    assert_eq!(file.declared_count, None);
    // No declared period: it falls back to the rows' dates.
    assert_eq!(file.period.unwrap().start.to_string(), "2026-01-30");

    // The marker but a header lacking a required column: the missing column is named.
    let broken = export(
        "交易时间,交易类型,交易对方,商品,收/支,支付方式,当前状态,交易单号,商户单号,备注",
        &rows,
        "\n",
    );
    let file = import_file("broken.csv", &broken);
    let error = file.error.expect("missing column");
    assert_eq!(error.code(), "missing_column");
    assert_eq!(error.line, Some(17));
    assert_eq!(file.format, Some(Format::WechatCsv));

    // Only the marker line: unreadable, but recognised as WeChat Pay.
    let file = import_file(
        "stub.csv",
        "\u{feff}微信支付账单明细,,,,,,,,,,\n".as_bytes(),
    );
    assert_eq!(file.error.map(|e| e.code()), Some("missing_column"));
}

/// One cell of a hand-made sheet.
#[derive(Clone, Copy)]
enum Cell {
    /// An inline string.
    Text(&'static str),
    /// A number with cell style 1 (date and time).
    Date(f64),
    /// A number with cell style 2 (`¥#,##0.00`).
    Money(f64),
    /// A plain number.
    Number(f64),
}

/// Writes a one-sheet workbook; `rows` are (1-based row, first column index, cells).
fn workbook(sheet_name: &str, rows: &[(u32, u32, Vec<Cell>)]) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (row, first_col, cells) in rows {
        sheet.push_str(&format!(r#"<row r="{row}">"#));
        for (i, cell) in cells.iter().enumerate() {
            let col = (b'A' + (*first_col as u8) + i as u8) as char;
            let at = format!("{col}{row}");
            let xml = match cell {
                Cell::Text(t) => format!(r#"<c r="{at}" t="inlineStr"><is><t>{t}</t></is></c>"#),
                Cell::Date(v) => format!(r#"<c r="{at}" s="1"><v>{v}</v></c>"#),
                Cell::Money(v) => format!(r#"<c r="{at}" s="2"><v>{v}</v></c>"#),
                Cell::Number(v) => format!(r#"<c r="{at}"><v>{v}</v></c>"#),
            };
            sheet.push_str(&xml);
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");

    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/><numFmt numFmtId="166" formatCode="\¥#,##0.00"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="165" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_string(),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        writer.start_file(name, options).unwrap();
        writer.write_all(body.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The preamble rows of a sheet, from row `first`, in column `col`; empty lines have no cells.
fn preamble(first: u32, col: u32, lines: &[&'static str]) -> Vec<(u32, u32, Vec<Cell>)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, text)| !text.is_empty())
        .map(|(i, text)| (first + i as u32, col, vec![Cell::Text(text)]))
        .collect()
}

fn header_cells() -> Vec<Cell> {
    HEADER.split(',').map(Cell::Text).collect()
}

const PREAMBLE_2026: &[&str] = &[
    "微信支付账单明细",
    "微信昵称：[测试]",
    "起始时间：[2026-03-01 00:00:00] 终止时间：[2026-03-31 23:59:59]",
    "导出类型：[全部账单]",
    "导出时间：[2026-04-01 10:00:00]",
    "",
    "共3笔记录",
    "收入：1笔 8.00元",
    "支出：2笔 1246.50元",
    "中性交易：0笔 0.00元",
    "注：",
    "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
    "2. 若交易记录明细无有效内容，则代表该时间段内此微信号无交易",
    "3. 本明细仅供个人对账使用",
    "4. 本账单中所有时间均为UTC+08:00时间",
    "",
    "----------------------微信支付账单明细列表--------------------",
];

fn xlsx_2026(first_row: u32, first_col: u32, offset_note: &'static str) -> Vec<u8> {
    let mut lines = PREAMBLE_2026.to_vec();
    lines[14] = offset_note;
    let mut rows = preamble(first_row, first_col, &lines);
    let header_row = first_row + lines.len() as u32;
    rows.push((header_row, first_col, header_cells()));
    let t = Cell::Text;
    rows.push((
        header_row + 1,
        first_col,
        vec![
            // 2026-09-28 23:09:56
            Cell::Date(46293.96523148148),
            t("商户消费"),
            t("宜家家居"),
            t("沙发"),
            t("支出"),
            Cell::Money(1234.5),
            t("招商银行信用卡(1234)"),
            t("支付成功"),
            t("4200001234"),
            t("T1"),
            t("/"),
        ],
    ));
    // An empty row without cells, then a row whose time cell lost its date style.
    rows.push((
        header_row + 3,
        first_col,
        vec![
            Cell::Number(46293.5),
            t("商户消费"),
            t("罗森"),
            t("饭团"),
            t("支出"),
            Cell::Money(12.0),
            t("零钱"),
            t("支付成功"),
            t("4200001235"),
            t("/"),
            t("/"),
        ],
    ));
    rows.push((
        header_row + 4,
        first_col,
        vec![
            Cell::Date(46293.25),
            t("转账"),
            t("张三"),
            t("/"),
            t("收入"),
            Cell::Money(8.0),
            t("/"),
            t("已存入零钱"),
            t("1000050001"),
            t("/"),
            t("/"),
        ],
    ));
    workbook("微信支付账单明细", &rows)
}

#[test]
fn xlsx_layouts_and_positions() {
    struct Case {
        what: &'static str,
        bytes: Vec<u8>,
        /// (sheet row, local time, fen, direction) of each row read.
        read: Vec<(u32, &'static str, i64, Direction)>,
        offset: i32,
    }
    let cases = [
        Case {
            what: "2026 layout from A1: header row 18, serial times, numeric amounts",
            bytes: xlsx_2026(1, 0, "4. 本账单中所有时间均为UTC+08:00时间"),
            read: vec![
                (19, "2026-09-28 23:09:56", 123_450, Direction::Debit),
                (21, "2026-09-28 12:00:00", 1200, Direction::Debit),
                (22, "2026-09-28 06:00:00", 800, Direction::Credit),
            ],
            offset: 28800,
        },
        Case {
            what: "used range starting at C4: rows and columns are the sheet's own",
            bytes: xlsx_2026(4, 2, "4. 本账单中所有时间均为UTC+08:00时间"),
            read: vec![
                (22, "2026-09-28 23:09:56", 123_450, Direction::Debit),
                (24, "2026-09-28 12:00:00", 1200, Direction::Debit),
                (25, "2026-09-28 06:00:00", 800, Direction::Credit),
            ],
            offset: 28800,
        },
        Case {
            what: "a stated offset other than UTC+8 is kept",
            bytes: xlsx_2026(1, 0, "4. 本账单中所有时间均为UTC+09:00时间"),
            read: vec![
                (19, "2026-09-28 23:09:56", 123_450, Direction::Debit),
                (21, "2026-09-28 12:00:00", 1200, Direction::Debit),
                (22, "2026-09-28 06:00:00", 800, Direction::Credit),
            ],
            offset: 9 * 3600,
        },
        Case {
            what: "2025 layout: header row 17, every cell text",
            bytes: {
                let mut lines = PREAMBLE_2026.to_vec();
                lines.remove(14);
                let mut rows = preamble(1, 0, &lines);
                rows.push((17, 0, header_cells()));
                let t = Cell::Text;
                rows.push((
                    18,
                    0,
                    vec![
                        t("2025-09-26 12:45:27"),
                        t("商户消费"),
                        t("WALMART HONG KONG CO.,LIMITED"),
                        t("商品"),
                        t("支出"),
                        t("¥1,028.16"),
                        t("零钱"),
                        t("支付成功"),
                        t("4200001\t"),
                        t("T9\t"),
                        t("/"),
                    ],
                ));
                workbook("Sheet1", &rows)
            },
            read: vec![(18, "2025-09-26 12:45:27", 102_816, Direction::Debit)],
            offset: 28800,
        },
    ];
    for case in cases {
        let file = import_file("wechat.xlsx", &case.bytes);
        assert_eq!(file.error, None, "{}", case.what);
        assert_eq!(file.format, Some(Format::WechatXlsx), "{}", case.what);
        assert!(file.skipped.is_empty(), "{}: {:?}", case.what, file.skipped);
        let read: Vec<(u32, String, i64, Direction)> = file
            .transactions
            .iter()
            .map(|t| {
                (
                    t.source.line,
                    t.when.to_string(),
                    t.amount.minor,
                    t.direction,
                )
            })
            .collect();
        let expected: Vec<(u32, String, i64, Direction)> = case
            .read
            .iter()
            .map(|(l, w, a, d)| (*l, w.to_string(), *a, *d))
            .collect();
        assert_eq!(read, expected, "{}", case.what);
        assert!(
            file.transactions
                .iter()
                .all(|t| t.when.utc_offset_seconds == case.offset),
            "{}",
            case.what
        );
        assert_eq!(file.declared_count, Some(3), "{}", case.what);
    }

    let file = import_file("w.xlsx", &xlsx_2026(1, 0, ""));
    let first = &file.transactions[0];
    assert_eq!(first.counterparty, "宜家家居");
    assert_eq!(first.description, "沙发");
    assert_eq!(
        first.payment_method.as_deref(),
        Some("招商银行信用卡(1234)")
    );
    assert_eq!(first.order_id.as_deref(), Some("4200001234"));
    assert_eq!(first.merchant_order_id.as_deref(), Some("T1"));
    assert_eq!(first.when.utc_offset_seconds, 28800);
    let period = file.period.unwrap();
    assert_eq!(period.start.to_string(), "2026-03-01");
}

#[test]
fn xlsx_rows_that_cannot_be_read_are_skipped() {
    let mut rows = preamble(1, 0, PREAMBLE_2026);
    rows.push((18, 0, header_cells()));
    let t = Cell::Text;
    let row = |time: Cell, amount: Cell, direction: &'static str| {
        vec![
            time,
            t("商户消费"),
            t("罗森"),
            t("饭团"),
            t(direction),
            amount,
            t("零钱"),
            t("支付成功"),
            t("1"),
            t("/"),
            t("/"),
        ]
    };
    rows.push((
        19,
        0,
        row(t("2026-02-30 10:00:00"), Cell::Money(1.0), "支出"),
    ));
    rows.push((20, 0, row(Cell::Date(46293.5), t("十二元"), "支出")));
    rows.push((21, 0, row(Cell::Date(46293.5), Cell::Money(0.125), "支出")));
    rows.push((22, 0, row(Cell::Date(46293.5), Cell::Money(1.0), "出账")));
    rows.push((23, 0, row(Cell::Number(-5.0), Cell::Money(1.0), "支出")));
    rows.push((24, 0, vec![Cell::Date(46293.5), t("商户消费")]));
    rows.push((25, 0, row(Cell::Date(46293.5), Cell::Money(0.1), "支出")));
    let file = import_file("bad.xlsx", &workbook("账单", &rows));
    assert_eq!(file.error, None);
    let skipped: Vec<(u32, &str)> = file.skipped.iter().map(|s| (s.line, s.code())).collect();
    assert_eq!(
        skipped,
        vec![
            (19, "bad_time"),
            (20, "bad_amount"),
            (21, "bad_amount"),
            (22, "bad_direction"),
            (23, "bad_time"),
            (24, "too_few_fields"),
        ]
    );
    assert_eq!(file.transactions.len(), 1);
    assert_eq!(file.transactions[0].source.line, 25);
    assert_eq!(file.transactions[0].amount.minor, 10);
}

#[test]
fn spreadsheets_that_are_not_wechat_bills() {
    // Any other workbook: recognised as a spreadsheet, not read.
    let other = workbook(
        "Sheet1",
        &[(1, 0, vec![Cell::Text("购物清单"), Cell::Text("牛奶")])],
    );
    let file = import_file("other.xlsx", &other);
    let error = file.error.expect("unsupported");
    assert_eq!(error.code(), "unsupported");
    assert!(format!("{error:?}").contains("xlsx spreadsheet"));

    // The WeChat marker but no header: the missing column is named at the row after the marker.
    let mut rows = preamble(1, 0, PREAMBLE_2026);
    rows.push((18, 0, vec![Cell::Text("交易时间"), Cell::Text("金额(元)")]));
    let file = import_file("broken.xlsx", &workbook("微信", &rows));
    let error = file.error.expect("missing column");
    assert_eq!(error.code(), "missing_column");
    assert_eq!(error.line, Some(18));
    assert_eq!(file.format, Some(Format::WechatXlsx));

    // A workbook cut short.
    let good = xlsx_2026(1, 0, "");
    let file: ImportedFile = import_file("cut.xlsx", &good[..good.len() / 2]);
    assert!(file.error.is_some());
    assert!(file.transactions.is_empty());
}

#[test]
fn never_panics_on_mangled_exports() {
    let csv = fixture("generated/p12_02_wechat_csv.csv");
    let xlsx = fixture("generated/p12_06_wechat_xlsx.xlsx");
    for bytes in [csv, xlsx] {
        // Cuts and flipped bytes spread over the whole file (header, preamble, rows, zip parts).
        for cut in (0..bytes.len()).step_by(bytes.len() / 41 + 1) {
            let _ = import_file("cut", &bytes[..cut]);
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0x5a;
            let _ = import_file("flipped", &flipped);
        }
    }
}
