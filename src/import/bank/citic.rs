//! CITIC 中信银行 credit-card statement `本期账单明细` (XLS).
//!
//! Row 1 `本期账单明细(人民币)` (merged), header `交易日期,入账日期,交易描述,卡末四位,交易币种,结算币种,
//! 交易金额,结算金额`, dates `2024-11-09`, amounts stored as text (`'5.90'`, `'-0.20'`), spending
//! positive. Descriptions such as `支付宝－北京嘀嘀无限科技发展有限公司` (full-width `－`) or `财付通还款`.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;
use crate::model::Direction;

/// CITIC's layout.
pub const LAYOUTS: &[Layout] = &[Layout {
    format: Format::Citic,
    name: "CITIC credit card XLS",
    signature: &["交易日期", "入账日期", "交易描述", "结算币种", "结算金额"],
    columns: &[
        col(Col::Date, &["交易日期"], true),
        col(Col::Kind, &["交易描述"], false),
        col(Col::Currency, &["结算币种"], false),
        col(Col::Amount, &["结算金额"], true),
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
    fn reads_text_amounts_and_full_width_platform_dashes() {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rows = vec![
            (
                1,
                cells(&["本期账单明细(人民币)", "", "", "", "", "", "", ""]),
            ),
            (
                2,
                cells(&[
                    "交易日期",
                    "入账日期",
                    "交易描述",
                    "卡末四位",
                    "交易币种",
                    "结算币种",
                    "交易金额",
                    "结算金额",
                ]),
            ),
            (
                3,
                cells(&[
                    "2024-11-09",
                    "2024-11-10",
                    "支付宝－北京嘀嘀无限科技发展有限公司",
                    "1234",
                    "人民币",
                    "人民币",
                    "'5.90'",
                    "'5.90'",
                ]),
            ),
            (
                4,
                cells(&[
                    "2024-11-10",
                    "2024-11-10",
                    "财付通还款",
                    "1234",
                    "人民币",
                    "人民币",
                    "-0.20",
                    "'-0.20",
                ]),
            ),
        ];
        let (format, parsed) = bank::parse_grid(&Arc::from("citic.xls"), &rows).unwrap();
        assert_eq!(format, Format::Citic);
        let parsed = parsed.unwrap();
        let got: Vec<_> = parsed
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
        assert_eq!(
            got,
            vec![
                (
                    3,
                    590,
                    Direction::Debit,
                    "支付宝-北京嘀嘀无限科技发展有限公司"
                ),
                (4, 20, Direction::Credit, "财付通还款"),
            ]
        );
    }
}
