//! ABC 农业银行 exports.
//!
//! * CSV: `交易日期,交易时间,交易摘要,交易金额,本次余额,对手信息,日 志 号,交易渠道,交易附言` (note the
//!   spaces in `日 志 号`), dates `20240101`, times `123456` (may be empty), signed amounts
//!   (`+10000.00`, `-10.00`); renminbi only.
//! * 账户明细查询 spreadsheet: title, account row, header `交易日期,交易时间,交易金额,本次余额,对方户名,
//!   对方账号,交易行,交易渠道,交易类型,交易用途,交易摘要`, all cells text.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;
use crate::model::Direction;

/// ABC's layouts.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        format: Format::Abc,
        name: "ABC CSV",
        signature: &["交易日期", "交易摘要", "交易金额", "本次余额", "对手信息"],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Time, &["交易时间"], false),
            col(Col::Kind, &["交易摘要"], false),
            col(Col::Amount, &["交易金额"], true),
            col(Col::Payee, &["对手信息"], false),
            col(Col::Reference, &["日志号"], false),
            col(Col::Channel, &["交易渠道"], false),
            col(Col::Note, &["交易附言"], false),
        ],
        amount: AmountStyle::Signed {
            positive: Direction::Credit,
        },
        currency: CurrencyStyle::File,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Note],
        description: &[Col::Kind],
        credit_words: &[],
    },
    Layout {
        format: Format::Abc,
        name: "ABC 账户明细查询",
        signature: &["交易日期", "交易金额", "本次余额", "对方户名", "交易行"],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Time, &["交易时间"], false),
            col(Col::Amount, &["交易金额"], true),
            col(Col::Payee, &["对方户名"], false),
            col(Col::PayeeAccount, &["对方账号"], false),
            col(Col::Channel, &["交易渠道"], false),
            col(Col::Kind, &["交易类型"], false),
            col(Col::Note, &["交易用途"], false),
            col(Col::Detail, &["交易摘要"], false),
        ],
        amount: AmountStyle::Signed {
            positive: Direction::Credit,
        },
        currency: CurrencyStyle::File,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Detail],
        description: &[Col::Kind, Col::Detail],
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
    fn reads_the_csv_with_compact_times() {
        let text =
            "交易日期,交易时间,交易摘要,交易金额,本次余额,对手信息,日 志 号,交易渠道,交易附言\n\
20240101,123456,工资,+10000.00,10000.00,某公司,A001,批量,\n\
20240102,,消费,-10.00,9990.00,财付通-美团,A002,网上银行,外卖\n\
20240103,93000,消费,-1.005,9989.00,x,A003,网上银行,\n";
        let (format, header) = bank::detect(text).unwrap();
        assert_eq!(format, Format::Abc);
        let parsed = bank::parse(&Arc::from("abc.csv"), text, header).unwrap();
        let got: Vec<_> = parsed
            .transactions
            .iter()
            .map(|t| {
                (
                    t.when.to_string(),
                    t.amount.minor,
                    t.direction,
                    t.order_id.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "2024-01-01 12:34:56".into(),
                    1_000_000,
                    Direction::Credit,
                    Some("A001".into())
                ),
                (
                    "2024-01-02".into(),
                    1000,
                    Direction::Debit,
                    Some("A002".into())
                ),
            ]
        );
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].line, 4);
        assert_eq!(parsed.skipped[0].code(), "bad_amount");
    }
}
