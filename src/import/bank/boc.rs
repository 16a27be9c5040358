//! BOC 中国银行 exports.
//!
//! * 交易流水明细 CSV (`中国银行交易流水明细单`): `记账日期,记账时间,币别,金额,余额,交易名称,渠道,网点名称,
//!   附言,对方账户名,对方卡号/账号,对方开户行,借记卡号`, signed amounts (`"-2,600.00"`), empty cells
//!   written as runs of `-`.
//! * A copy of the 网银 table: `交易时间,业务摘要,对方账户名称,对方账户账号,币种,钞/汇,收入金额,支出金额,
//!   余额,交易渠道/场所,附言`, currency `人民币元`.
//! * Credit card (`boc_credit`): title `中国银行信用卡账单(2025年01月)`, header `交易日,银行记账日,
//!   卡号后四位,交易描述,存入,支出,币种`.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;
use crate::model::Direction;

/// BOC's layouts.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        format: Format::Boc,
        name: "BOC 交易流水明细",
        signature: &[
            "记账日期",
            "记账时间",
            "币别",
            "金额",
            "交易名称",
            "对方账户名",
        ],
        columns: &[
            col(Col::Date, &["记账日期"], true),
            col(Col::Time, &["记账时间"], false),
            col(Col::Currency, &["币别"], false),
            col(Col::Amount, &["金额"], true),
            col(Col::Kind, &["交易名称"], false),
            col(Col::Channel, &["渠道"], false),
            col(Col::Note, &["附言"], false),
            col(Col::Payee, &["对方账户名"], false),
            col(Col::PayeeAccount, &["对方卡号/账号"], false),
        ],
        amount: AmountStyle::Signed {
            positive: Direction::Credit,
        },
        currency: CurrencyStyle::Column,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Note],
        description: &[Col::Kind],
        credit_words: &[],
    },
    Layout {
        format: Format::Boc,
        name: "BOC 网银 table",
        signature: &[
            "交易时间",
            "业务摘要",
            "对方账户名称",
            "收入金额",
            "支出金额",
        ],
        columns: &[
            col(Col::Date, &["交易时间"], true),
            col(Col::Kind, &["业务摘要"], false),
            col(Col::Payee, &["对方账户名称"], false),
            col(Col::PayeeAccount, &["对方账户账号"], false),
            col(Col::Currency, &["币种"], false),
            col(Col::Income, &["收入金额"], true),
            col(Col::Expense, &["支出金额"], true),
            col(Col::Place, &["交易渠道/场所"], false),
            col(Col::Note, &["附言"], false),
        ],
        amount: AmountStyle::Split,
        currency: CurrencyStyle::Column,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Place],
        description: &[Col::Kind],
        credit_words: &[],
    },
    Layout {
        format: Format::BocCredit,
        name: "BOC credit card",
        signature: &["交易日", "银行记账日", "交易描述", "存入", "支出"],
        columns: &[
            col(Col::Date, &["交易日"], true),
            col(Col::Kind, &["交易描述"], false),
            col(Col::Income, &["存入"], true),
            col(Col::Expense, &["支出"], true),
            col(Col::Currency, &["币种"], false),
        ],
        amount: AmountStyle::Split,
        currency: CurrencyStyle::Column,
        dates: DateStyle::MonthDay,
        counterparty: &[Col::Kind],
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

    #[test]
    fn reads_the_flow_statement_with_dash_cells() {
        let text = "中国银行交易流水明细单\n记账日期,记账时间,币别,金额,余额,交易名称,渠道,网点名称,附言,对方账户名,对方卡号/账号,对方开户行,借记卡号\n\
2025-01-10,12:00:01,人民币,\"-2,600.00\",\"7,400.00\",跨行转账,网上银行,-------------------,房租,李四,6222****5678,某银行,6217****0001\n\
2025-01-11,08:00:00,人民币,-39.90,\"7,360.10\",网上快捷支付,----------,-------------------,支付宝-优酷会员,支付宝（中国）网络技术有限公司,-------------------,----------,6217****0001\n\
2025-01-12,09:00:00,人民币,\"10,000.00\",\"17,360.10\",工资,----------,-------------------,----------,某公司,-------------------,----------,6217****0001\n";
        let (format, header) = bank::detect(text).unwrap();
        assert_eq!(format, Format::Boc);
        let parsed = bank::parse(&Arc::from("boc.csv"), text, header).unwrap();
        let got: Vec<_> = parsed
            .transactions
            .iter()
            .map(|t| {
                (
                    t.amount.minor,
                    t.direction,
                    t.counterparty.as_str(),
                    t.payment_method.clone(),
                    t.note.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    260_000,
                    Direction::Debit,
                    "李四",
                    Some("网上银行".to_string()),
                    Some("房租".to_string())
                ),
                (
                    3990,
                    Direction::Debit,
                    "支付宝-优酷会员",
                    None,
                    Some("支付宝-优酷会员".to_string())
                ),
                (1_000_000, Direction::Credit, "某公司", None, None),
            ]
        );
    }

    #[test]
    fn reads_the_online_banking_copy_and_credit_card() {
        let copy = "交易时间,业务摘要,对方账户名称,对方账户账号,币种,钞/汇,收入金额,支出金额,余额,交易渠道/场所,附言\n\
2025-02-01 10:00:00,网上快捷支付,财付通支付科技有限公司,,人民币元,钞,,15.00,985.00,财付通-腾讯视频,\n";
        let credit = "中国银行信用卡账单(2025年01月)\n交易日,银行记账日,卡号后四位,交易描述,存入,支出,币种\n\
12/30,12/31,1234,支付宝-饿了么,,45.00,人民币\n01/02,01/02,1234,还款,\"1,000.00\",,人民币\n";
        for (text, format, expected) in [
            (
                copy,
                Format::Boc,
                vec![(1500, Direction::Debit, "2025-02-01 10:00:00")],
            ),
            (
                credit,
                Format::BocCredit,
                vec![
                    (4500, Direction::Debit, "2024-12-30"),
                    (100_000, Direction::Credit, "2025-01-02"),
                ],
            ),
        ] {
            let (found, header) = bank::detect(text).unwrap();
            assert_eq!(found, format);
            let parsed = bank::parse(&Arc::from("boc.csv"), text, header).unwrap();
            let got: Vec<_> = parsed
                .transactions
                .iter()
                .map(|t| (t.amount.minor, t.direction, t.when.to_string()))
                .collect();
            let expected: Vec<_> = expected
                .into_iter()
                .map(|(a, d, w)| (a, d, w.to_string()))
                .collect();
            assert_eq!(got, expected);
        }
    }
}
