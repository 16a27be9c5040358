//! CCB 建设银行 exports.
//!
//! * 网银 XLS (BIFF8) `交易明细_<尾号>_<起>_<止>.xls`: row 1 `China Construction Bank`, then 开户机构,
//!   `币　　种` (ideographic spaces), 账号, a blank row, and the header `记账日,交易日期,交易时间,支出,
//!   收入,账户余额,币种,摘要,对方账号,对方户名,交易地点` (names padded with spaces). Dates `20250101`
//!   as text, amounts as numbers, oldest first, last row `以上数据仅供参考…`. 交易地点 carries the
//!   platform merchant (`支付宝-支付宝外部商户-中移动金融科技有限公司`).
//! * CSV (`中国建设银行` … `交易明细`): `序号,摘要,币别,钞汇,交易日期,交易金额,账户余额,交易地点/附言,
//!   对方账号与户名`, 币别 `人民币元`/`美元`, signed 交易金额.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;
use crate::model::Direction;

/// CCB's layouts.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        format: Format::Ccb,
        name: "CCB 网银 XLS",
        signature: &["记账日", "交易日期", "支出", "收入", "账户余额", "交易地点"],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Time, &["交易时间"], false),
            col(Col::Expense, &["支出"], true),
            col(Col::Income, &["收入"], true),
            col(Col::Currency, &["币种"], false),
            col(Col::Kind, &["摘要"], false),
            col(Col::PayeeAccount, &["对方账号"], false),
            col(Col::Payee, &["对方户名"], false),
            col(Col::Place, &["交易地点"], false),
        ],
        amount: AmountStyle::Split,
        currency: CurrencyStyle::Column,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Place],
        description: &[Col::Kind],
        credit_words: &[],
    },
    Layout {
        format: Format::Ccb,
        name: "CCB CSV",
        signature: &[
            "序号",
            "摘要",
            "币别",
            "交易日期",
            "交易金额",
            "交易地点/附言",
        ],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Kind, &["摘要"], false),
            col(Col::Currency, &["币别"], false),
            col(Col::Amount, &["交易金额"], true),
            col(Col::Place, &["交易地点/附言"], false),
            col(Col::Payee, &["对方账号与户名"], false),
        ],
        amount: AmountStyle::Signed {
            positive: Direction::Credit,
        },
        currency: CurrencyStyle::Column,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Place],
        description: &[Col::Kind],
        credit_words: &[],
    },
];

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::import::bank;
    use crate::import::Format;
    use crate::model::Direction;

    fn grid(rows: &[&[&str]]) -> Vec<(u32, Vec<String>)> {
        rows.iter()
            .zip(1u32..)
            .map(|(cells, n)| (n, cells.iter().map(|c| c.to_string()).collect()))
            .collect()
    }

    #[test]
    fn reads_the_xls_grid() {
        let rows = grid(&[
            &[
                "China Construction Bank",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            &["开户机构：北京分行", "", "", "", "", "", "", "", "", "", ""],
            &["币　　种：人民币", "", "", "", "", "", "", "", "", "", ""],
            &[
                "账　　号：6217****1234",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            &["", "", "", "", "", "", "", "", "", "", ""],
            &[
                " 记账日 ",
                " 交易日期 ",
                " 交易时间 ",
                " 支出 ",
                " 收入 ",
                " 账户余额 ",
                " 币种 ",
                " 摘要 ",
                " 对方账号 ",
                " 对方户名 ",
                " 交易地点 ",
            ],
            &[
                "20250101",
                "20250101",
                "18:53:19",
                "30",
                "0",
                "970",
                "人民币",
                "消费",
                "",
                "支付宝（中国）网络技术有限公司",
                "支付宝-支付宝外部商户-中移动金融科技有限公司",
            ],
            &[
                "20250102",
                "20250102",
                "09:00:00",
                "0",
                "5000",
                "5970",
                "人民币",
                "工资",
                "6222****0001",
                "某公司",
                "",
            ],
            &[
                "20250103",
                "20250103",
                "09:00:00",
                "12.5",
                "",
                "5957.5",
                "美元",
                "消费",
                "",
                "",
                "ONLINE SHOP",
            ],
            &[
                "以上数据仅供参考",
                "具体内容请以柜台为准",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        ]);
        let (format, parsed) = bank::parse_grid(&Arc::from("ccb.xls"), &rows).expect("ccb");
        assert_eq!(format, Format::Ccb);
        let parsed = parsed.unwrap();
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        let got: Vec<_> = parsed
            .transactions
            .iter()
            .map(|t| {
                (
                    t.source.line,
                    t.when.to_string(),
                    t.amount.to_string(),
                    t.direction,
                    t.counterparty.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    7,
                    "2025-01-01 18:53:19".into(),
                    "30.00 CNY".into(),
                    Direction::Debit,
                    "支付宝-支付宝外部商户-中移动金融科技有限公司"
                ),
                (
                    8,
                    "2025-01-02 09:00:00".into(),
                    "5000.00 CNY".into(),
                    Direction::Credit,
                    "某公司"
                ),
                (
                    9,
                    "2025-01-03 09:00:00".into(),
                    "12.50 USD".into(),
                    Direction::Debit,
                    "ONLINE SHOP"
                ),
            ]
        );
    }

    #[test]
    fn reads_the_csv() {
        let text = "中国建设银行 交易明细\n起始日期:20250101,结束日期:20250131,卡号/账号:6217000012345678901\n序号,摘要,币别,钞汇,交易日期,交易金额,账户余额,交易地点/附言,对方账号与户名\n\
1,消费,人民币元,钞,20250105,-18.00,982.00,财付通-美团,\n\
2,转账,火星币,钞,20250106,10.00,992.00,,\n";
        let (format, header) = bank::detect(text).unwrap();
        assert_eq!(format, Format::Ccb);
        let parsed = bank::parse(&Arc::from("ccb.csv"), text, header).unwrap();
        assert_eq!(parsed.transactions.len(), 1);
        assert_eq!(parsed.transactions[0].counterparty, "财付通-美团");
        assert_eq!(parsed.transactions[0].direction, Direction::Debit);
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].code(), "unknown_currency");
        assert_eq!(parsed.period.unwrap().end.to_string(), "2025-01-31");
    }
}
