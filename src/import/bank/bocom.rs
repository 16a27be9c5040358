//! BOCOM 交通银行 exports.
//!
//! * Debit CSV: `序号,交易日期,交易时间,交易类型,借贷,交易金额,余额,对方账号,对方户名,交易地点,摘要`,
//!   借贷 `借 Dr` / `贷 Cr`, unsigned amounts.
//! * Debit XLS `交通银行银行卡交易明细查询表`: header row 3 `记账日期,交易时间,交易地点,交易方式,支出金额,
//!   收入金额,余额,对方户名,对方账户,对方开户行,摘要`.
//! * Credit CSV (`bocom_credit`): `交易日期,记账日期,交易说明,交易币种/金额,入账币种/金额`, amounts with
//!   their currency code (`CNY 123.18`, `CNY13.50`, `JPY 1000.00`), descriptions starting `消费 `,
//!   `退货 `, `信用卡还款 `.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;
use crate::model::Direction;

/// BOCOM's layouts.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        format: Format::Bocom,
        name: "BOCOM debit CSV",
        signature: &["交易日期", "交易类型", "借贷", "交易金额", "对方户名"],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Time, &["交易时间"], false),
            col(Col::Kind, &["交易类型"], false),
            col(Col::Marker, &["借贷", "借贷标志"], true),
            col(Col::Amount, &["交易金额"], true),
            col(Col::PayeeAccount, &["对方账号"], false),
            col(Col::Payee, &["对方户名"], false),
            col(Col::Place, &["交易地点"], false),
            col(Col::Detail, &["摘要"], false),
        ],
        amount: AmountStyle::Marker,
        currency: CurrencyStyle::File,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Place],
        description: &[Col::Kind, Col::Detail],
        credit_words: &[],
    },
    Layout {
        format: Format::Bocom,
        name: "BOCOM debit XLS",
        signature: &["记账日期", "交易地点", "交易方式", "支出金额", "收入金额"],
        columns: &[
            col(Col::Date, &["记账日期"], true),
            col(Col::Time, &["交易时间"], false),
            col(Col::Place, &["交易地点"], false),
            col(Col::Channel, &["交易方式"], false),
            col(Col::Expense, &["支出金额"], true),
            col(Col::Income, &["收入金额"], true),
            col(Col::Payee, &["对方户名"], false),
            col(Col::PayeeAccount, &["对方账户"], false),
            col(Col::Kind, &["摘要"], false),
        ],
        amount: AmountStyle::Split,
        currency: CurrencyStyle::File,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Place],
        description: &[Col::Kind],
        credit_words: &[],
    },
    Layout {
        format: Format::BocomCredit,
        name: "BOCOM credit CSV",
        signature: &["交易日期", "记账日期", "交易说明", "入账币种/金额"],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Kind, &["交易说明"], false),
            col(Col::Note, &["交易币种/金额"], false),
            col(Col::Amount, &["入账币种/金额"], true),
        ],
        amount: AmountStyle::Signed {
            positive: Direction::Debit,
        },
        currency: CurrencyStyle::File,
        dates: DateStyle::MonthDay,
        counterparty: &[Col::Kind],
        description: &[Col::Kind],
        credit_words: &["退货", "退款", "信用卡还款", "还款"],
    },
];

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::import::bank;
    use crate::import::Format;
    use crate::model::Direction;

    type Read = (Format, Vec<(String, Direction, String)>, Vec<&'static str>);

    fn read(text: &str) -> Read {
        let (format, header) = bank::detect(text).unwrap();
        let parsed = bank::parse(&Arc::from("bocom.csv"), text, header).unwrap();
        let rows = parsed
            .transactions
            .iter()
            .map(|t| (t.amount.to_string(), t.direction, t.counterparty.clone()))
            .collect();
        (
            format,
            rows,
            parsed.skipped.iter().map(|s| s.code()).collect(),
        )
    }

    #[test]
    fn reads_debit_markers() {
        let text = "序号,交易日期,交易时间,交易类型,借贷,交易金额,余额,对方账号,对方户名,交易地点,摘要\n\
1,2024-05-01,10:00:00,网上支付,借 Dr,\"1,234.50\",100.00,,支付宝（中国）网络技术有限公司,支付宝-淘宝,消费\n\
2,2024-05-02,11:00:00,转账,贷 Cr,200.00,300.00,6222,王五,,\n\
3,2024-05-03,11:00:00,转账,平,1.00,300.00,6222,王五,,\n";
        let (format, rows, skipped) = read(text);
        assert_eq!(format, Format::Bocom);
        assert_eq!(
            rows,
            vec![
                ("1234.50 CNY".into(), Direction::Debit, "支付宝-淘宝".into()),
                ("200.00 CNY".into(), Direction::Credit, "王五".into()),
            ]
        );
        assert_eq!(skipped, vec!["bad_direction"]);
    }

    #[test]
    fn reads_credit_amounts_with_currency_codes() {
        let text =
            "交通银行信用卡 2024年03月\n交易日期,记账日期,交易说明,交易币种/金额,入账币种/金额\n\
2024-03-01,2024-03-02,消费 支付宝-网易云音乐,CNY 15.00,CNY 15.00\n\
2024-03-03,2024-03-04,退货 京东,CNY13.50,CNY13.50\n\
2024-03-05,2024-03-06,消费 AMAZON JP,JPY 1000.00,JPY 1000.00\n\
2024-03-07,2024-03-08,信用卡还款,CNY -500.00,CNY -500.00\n\
2024-03-09,2024-03-10,消费,XYZ 1.00,XYZ 1.00\n";
        let (format, rows, skipped) = read(text);
        assert_eq!(format, Format::BocomCredit);
        assert_eq!(
            rows,
            vec![
                (
                    "15.00 CNY".into(),
                    Direction::Debit,
                    "支付宝-网易云音乐".into()
                ),
                ("13.50 CNY".into(), Direction::Credit, "退货 京东".into()),
                ("1000 JPY".into(), Direction::Debit, "消费 AMAZON JP".into()),
                ("500.00 CNY".into(), Direction::Credit, "信用卡还款".into()),
                ("1.00 XYZ".into(), Direction::Debit, "消费".into()),
            ]
        );
        assert!(skipped.is_empty());
    }
}
