//! The Alipay importer against real-layout exports (with known contents in `truth.json`) and
//! hand-written edge cases.
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
fn reads_every_row_of_the_generated_alipay_exports() {
    let truth = truth();
    let cases = [
        ("p11_00_alipay.csv", Format::Alipay),
        ("p12_00_alipay.csv", Format::Alipay),
        ("p13_00_alipay.csv", Format::Alipay),
        ("p11_01_alipay_old.csv", Format::AlipayWeb),
        ("p12_01_alipay_old.csv", Format::AlipayWeb),
    ];
    for (name, format) in cases {
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

        // Every row the truth names for this file is a transaction at that exact line.
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
        assert!(checked > 20, "{name}: the truth names rows of this file");
    }
}

#[test]
fn lines_point_at_the_rows_they_came_from() {
    let bytes = fixture("generated/p11_00_alipay.csv");
    let text = encoding_rs::GB18030.decode(&bytes).0.into_owned();
    let physical: Vec<&str> = text.split('\n').collect();
    let file = import_file("p11_00_alipay.csv", &bytes);
    for t in &file.transactions {
        let row = physical[t.source.line as usize - 1];
        assert!(
            row.starts_with(&t.when.to_string()),
            "line {} is {row:?}, not {}",
            t.source.line,
            t.when
        );
        assert!(row.contains(&t.counterparty));
    }
    // The header is line 25, so the first row is line 26.
    assert_eq!(file.transactions[0].source.line, 26);
    let period = file.period.unwrap();
    assert_eq!(
        (period.start.to_string(), period.end.to_string()),
        ("2025-08-28".into(), "2026-09-28".into())
    );
}

#[test]
fn keeps_status_direction_method_and_order_ids() {
    let file = import_file("p11_00_alipay.csv", &fixture("generated/p11_00_alipay.csv"));
    let first = &file.transactions[0];
    assert_eq!(first.when.to_string(), "2026-09-28 19:09:37");
    assert_eq!(first.when.utc_offset_seconds, 8 * 3600);
    assert_eq!(first.counterparty, "滴滴出行");
    assert_eq!(first.description, "滴滴出行订单");
    assert_eq!(first.category.as_deref(), Some("餐饮美食"));
    assert_eq!(first.direction, Direction::Debit);
    assert_eq!(first.amount.minor, 5229);
    assert_eq!(first.amount.currency.code(), "CNY");
    assert_eq!(first.payment_method.as_deref(), Some("余额宝"));
    assert_eq!(first.status, "交易成功");
    assert_eq!(
        first.order_id.as_deref(),
        Some("2026092822009727711467169461")
    );
    assert_eq!(
        first.merchant_order_id.as_deref(),
        Some("T35010154163828327294")
    );
    assert_eq!(first.counterparty_account, None);

    let count = |f: &dyn Fn(&statement_checker::model::Transaction) -> bool| {
        file.transactions.iter().filter(|t| f(t)).count()
    };
    assert_eq!(count(&|t| t.direction == Direction::Neutral), 15);
    assert_eq!(count(&|t| t.status_kind == StatusKind::Refunded), 15);
    assert_eq!(count(&|t| t.status_kind == StatusKind::Closed), 15);
    assert_eq!(count(&|t| t.direction == Direction::Credit), 16);
}

const BANNER: &str =
    "------------------------支付宝支付科技有限公司  电子客户回单------------------------";
const HEADER: &str = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,";

/// A 2023+ export with the real preamble around `rows` (header on line 25).
fn export(header: &str, rows: &[&str]) -> Vec<u8> {
    let mut text = String::from("------------------------------------------------------------------------------------\r\n导出信息：\r\n姓名：测试\r\n支付宝账户：t***@example.com\r\n起始时间：[2026-01-01 00:00:00]    终止时间：[2026-01-31 23:59:59]\r\n导出交易类型：[全部]\r\n导出时间：[2026-02-01 10:00:00]\r\n");
    text.push_str(&format!("共{}笔记录\r\n收入：0笔 0.00元\r\n支出：0笔 0.00元\r\n不计收支：0笔 0.00元\r\n\r\n特别提示：\r\n", rows.len()));
    for n in 1..=9 {
        text.push_str(&format!("{n}.提示\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(BANNER);
    text.push_str("\r\n");
    text.push_str(header);
    text.push_str("\r\n");
    for row in rows {
        text.push_str(row);
        text.push_str("\r\n");
    }
    gbk(&text)
}

fn read(bytes: &[u8]) -> ImportedFile {
    import_file("edge.csv", bytes)
}

#[test]
fn edge_cases_of_the_2023_layout() {
    struct Case {
        what: &'static str,
        header: &'static str,
        rows: &'static [&'static str],
        /// (line, amount in fen, direction) of each transaction read.
        read: &'static [(u32, i64, Direction)],
        /// (line, reason code) of each row skipped.
        skipped: &'static [(u32, &'static str)],
    }
    let cases = [
        Case {
            what: "plain rows",
            header: HEADER,
            rows: &[
                "2026-01-30 10:00:00,日用百货,罗森,/,罗森订单,支出,12.50,花呗,交易成功,2026013022001\t,T1\t,,",
                "2026-01-29 10:00:00,退款,罗森,/,退款-罗森订单,不计收支,3.00,花呗,退款成功,2026012922001_1\t,\t,,",
            ],
            read: &[(26, 1250, Direction::Debit), (27, 300, Direction::Neutral)],
            skipped: &[],
        },
        Case {
            what: "fields padded with spaces and tabs",
            header: "交易时间            ,交易分类                ,交易对方            ,对方账号            ,商品说明            ,收/支                ,金额                ,收/付款方式          ,交易状态            ,交易订单号          ,商家订单号          ,备注                ,",
            rows: &["2026-01-30 10:00:00 ,亲友代付            ,某人              ,/                   ,亲情卡              ,支出                ,49.74               ,交通银行信用卡(7449),交易成功            ,202301110011000103\t,                    \t,                    ,"],
            read: &[(26, 4974, Direction::Debit)],
            skipped: &[],
        },
        Case {
            what: "reordered and extra columns",
            header: "金额,收/支,交易对方,新增列,交易状态,交易时间,商品说明",
            rows: &["8.00,收入,张三,x,交易成功,2026-01-15 08:00:00,红包"],
            read: &[(26, 800, Direction::Credit)],
            skipped: &[],
        },
        Case {
            what: "re-saved by a spreadsheet: quotes, thousands separators, no seconds",
            header: HEADER,
            rows: &["\"2026/1/30 10:00\",日用百货,\"宜家家居\",/,\"沙发\",支出,\"1,020.00\",花呗,交易成功,2026013022002,T2,,"],
            read: &[(26, 102_000, Direction::Debit)],
            skipped: &[],
        },
        Case {
            what: "zero amounts are kept",
            header: HEADER,
            rows: &["2026-01-30 10:00:00,日用百货,碰一下立减,/,立减,不计收支,0.00,余额,交易成功,1\t,\t,,"],
            read: &[(26, 0, Direction::Neutral)],
            skipped: &[],
        },
        Case {
            what: "bad rows are skipped with their lines, good rows around them kept",
            header: HEADER,
            rows: &[
                "2026-01-30 10:00:00,日用百货,罗森,/,罗森订单,支出,12.50,花呗,交易成功,1\t,\t,,",
                "2026-02-30 10:00:00,日用百货,罗森,/,罗森订单,支出,12.50,花呗,交易成功,2\t,\t,,",
                "2026-01-29 10:00:00,日用百货,罗森,/,罗森订单,支出,十二元,花呗,交易成功,3\t,\t,,",
                "2026-01-28 10:00:00,日用百货,罗森,/,罗森订单,出账,12.50,花呗,交易成功,4\t,\t,,",
                "2026-01-27 10:00:00,日用百货",
                "",
                "2026-01-26 10:00:00,日用百货,罗森,/,罗森订单,支出,0.015,花呗,交易成功,5\t,\t,,",
                "2026-01-25 10:00:00,日用百货,罗森,/,罗森订单,支出,1.00,花呗,交易成功,6\t,\t,,",
            ],
            read: &[(26, 1250, Direction::Debit), (33, 100, Direction::Debit)],
            skipped: &[
                (27, "bad_time"),
                (28, "bad_amount"),
                (29, "bad_direction"),
                (30, "too_few_fields"),
                (32, "bad_amount"),
            ],
        },
        Case {
            what: "a quoted line break keeps later line numbers physical",
            header: HEADER,
            rows: &[
                "2026-01-30 10:00:00,日用百货,罗森,/,\"两行\n说明\",支出,1.00,花呗,交易成功,1\t,\t,,",
                "2026-01-29 10:00:00,日用百货,罗森,/,罗森订单,支出,2.00,花呗,交易成功,2\t,\t,,",
            ],
            read: &[(26, 100, Direction::Debit), (28, 200, Direction::Debit)],
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
        let file = read(&export(case.header, case.rows));
        assert_eq!(file.error, None, "{}", case.what);
        assert_eq!(file.format, Some(Format::Alipay), "{}", case.what);
        let read: Vec<(u32, i64, Direction)> = file
            .transactions
            .iter()
            .map(|t| (t.source.line, t.amount.minor, t.direction))
            .collect();
        assert_eq!(read, case.read, "{}", case.what);
        let skipped: Vec<(u32, &str)> = file.skipped.iter().map(|s| (s.line, s.code())).collect();
        assert_eq!(skipped, case.skipped, "{}", case.what);
        let period = file.period.expect("declared period");
        assert_eq!(period.start.to_string(), "2026-01-01", "{}", case.what);
    }
}

#[test]
fn the_2021_layout_stops_at_its_footer() {
    let text = "------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------\n\
收/支                 ,交易对方              ,对方账号              ,商品说明              ,收/付款方式            ,金额                ,交易状态              ,交易分类              ,交易订单号             ,商家订单号             ,交易时间              ,\n\
支出                  ,蚂蚁会员（北京）网络技术服务有限公司  ,                    ,相互宝分摊-6月第1期-*     ,招商银行(9876)          ,6.51                ,交易成功                ,互助保障                ,123456\t,ABC9876\t,2021-06-14 14:00:38 ,\n\
其他                  ,余额宝              ,                    ,余额宝-单次转入     ,招商银行(9876)          ,100.00                ,交易成功                ,投资理财                ,123457\t,\t,2021-06-13 09:00:00 ,\n\
------------------------------------------------------------------------------------\n\
导出信息：\n姓名：测试\n起始时间：[2021-06-01 00:00:00]    终止时间：[2021-06-30 23:59:59]\n共2笔记录\n收入：0笔,0.00元\n";
    let file = read(&gbk(text));
    assert_eq!(file.format, Some(Format::Alipay2021));
    assert_eq!(file.transactions.len(), 2);
    assert_eq!(file.transactions[0].source.line, 3);
    assert_eq!(
        file.transactions[0].counterparty,
        "蚂蚁会员（北京）网络技术服务有限公司"
    );
    assert_eq!(file.transactions[1].direction, Direction::Neutral);
    assert_eq!(file.declared_count, Some(2));
    assert_eq!(file.period.unwrap().end.to_string(), "2021-06-30");
}

#[test]
fn utf8_copies_read_the_same_as_gbk() {
    let gbk_bytes = fixture("generated/p12_00_alipay.csv");
    let text = encoding_rs::GB18030.decode(&gbk_bytes).0.into_owned();
    let from_gbk = import_file("a.csv", &gbk_bytes);
    let from_utf8 = import_file("a.csv", text.as_bytes());
    let from_bom = import_file(
        "a.csv",
        &[b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
    );
    assert_eq!(from_gbk.transactions, from_utf8.transactions);
    assert_eq!(from_gbk.transactions, from_bom.transactions);
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let cases: Vec<(&str, Vec<u8>, &str, Option<u32>)> = vec![
        ("empty", Vec::new(), "empty", None),
        (
            "png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "binary",
            None,
        ),
        (
            "unknown csv",
            b"date,amount\n2026-01-01,5\n".to_vec(),
            "unknown_format",
            None,
        ),
        (
            "truncated gbk",
            [gbk("导出信息：\n交易时间"), vec![0xb5]].concat(),
            "invalid_text",
            Some(2),
        ),
        (
            "alipay banner without a usable header",
            gbk(&format!(
                "{BANNER}\n交易时间,交易对方,收/支,金额(元),交易状态x\n"
            )),
            "missing_column",
            Some(2),
        ),
    ];
    for (what, bytes, code, line) in cases {
        let file = read(&bytes);
        let error = file.error.unwrap_or_else(|| panic!("{what}: no error"));
        assert_eq!(error.code(), code, "{what}");
        assert_eq!(error.line, line, "{what}");
        assert!(file.transactions.is_empty(), "{what}");
        assert_eq!(&*file.name, "edge.csv");
    }
}
