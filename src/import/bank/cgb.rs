//! CGB 广发银行 credit-card CSV (`cgb_credit`).
//!
//! Header `交易日期,入账日期,交易摘要,交易金额,交易货币,入账金额,入账货币`, dates `2025/01/05`,
//! descriptions prefixed `（消费）` / `（退款）`, spending positive, refunds and repayments negative.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;
use crate::model::Direction;

/// CGB's layout.
pub const LAYOUTS: &[Layout] = &[Layout {
    format: Format::CgbCredit,
    name: "CGB credit CSV",
    signature: &["交易日期", "入账日期", "交易摘要", "入账金额", "入账货币"],
    columns: &[
        col(Col::Date, &["交易日期"], true),
        col(Col::Kind, &["交易摘要"], false),
        col(Col::Amount, &["入账金额"], true),
        col(Col::Currency, &["入账货币"], false),
    ],
    amount: AmountStyle::Signed {
        positive: Direction::Debit,
    },
    currency: CurrencyStyle::Column,
    dates: DateStyle::Full,
    counterparty: &[Col::Kind],
    description: &[Col::Kind],
    credit_words: &["退款", "退货", "还款"],
}];

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::import::bank;
    use crate::import::Format;
    use crate::model::Direction;

    #[test]
    fn reads_prefixed_descriptions() {
        let text = "交易日期,入账日期,交易摘要,交易金额,交易货币,入账金额,入账货币\n\
2025/01/05,2025/01/06,（消费）支付宝-哔哩哔哩,25.00,人民币,25.00,人民币\n\
2025/01/07,2025/01/08,（退款）京东,-9.90,人民币,-9.90,人民币\n\
2025/01/09,2025/01/10,（退款）拼多多,3.00,人民币,3.00,人民币\n";
        let (format, header) = bank::detect(text).unwrap();
        assert_eq!(format, Format::CgbCredit);
        let parsed = bank::parse(&Arc::from("cgb.csv"), text, header).unwrap();
        let got: Vec<_> = parsed
            .transactions
            .iter()
            .map(|t| {
                (
                    t.amount.minor,
                    t.direction,
                    t.counterparty.as_str(),
                    t.status_kind,
                )
            })
            .collect();
        use crate::model::StatusKind::{Refunded, Succeeded};
        assert_eq!(
            got,
            vec![
                (2500, Direction::Debit, "支付宝-哔哩哔哩", Succeeded),
                (990, Direction::Credit, "京东", Refunded),
                (300, Direction::Credit, "拼多多", Refunded),
            ]
        );
    }
}
