//! SPDB 浦发银行 XLS exports.
//!
//! * Debit: row 1 `账号,<no>,账户类型,借记卡,日期范围,20251201-20251231`, header `顺序号,交易日期,交易类型,
//!   存入金额,取出金额,余额,交易对手名称,交易对手账号,附言`, dates `2025/12/03  14:06:51` (two
//!   spaces), amounts as text.
//! * Credit (`spdb_credit`): `交易日期,记账日期,交易摘要,卡号末四位,卡片类型,交易币种,交易金额,
//!   原始交易金额&币种`, dates `YYYYMMDD`, spending positive.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;
use crate::model::Direction;

/// SPDB's layouts.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        format: Format::Spdb,
        name: "SPDB debit XLS",
        signature: &["顺序号", "交易日期", "存入金额", "取出金额", "交易对手名称"],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Kind, &["交易类型"], false),
            col(Col::Income, &["存入金额"], true),
            col(Col::Expense, &["取出金额"], true),
            col(Col::Payee, &["交易对手名称"], false),
            col(Col::PayeeAccount, &["交易对手账号"], false),
            col(Col::Note, &["附言"], false),
        ],
        amount: AmountStyle::Split,
        currency: CurrencyStyle::File,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee, Col::Note],
        description: &[Col::Kind],
        credit_words: &[],
    },
    Layout {
        format: Format::SpdbCredit,
        name: "SPDB credit XLS",
        signature: &["交易日期", "记账日期", "交易摘要", "卡片类型", "交易金额"],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Kind, &["交易摘要"], false),
            col(Col::Currency, &["交易币种"], false),
            col(Col::Amount, &["交易金额"], true),
            col(Col::Note, &["原始交易金额&币种"], false),
        ],
        amount: AmountStyle::Signed {
            positive: Direction::Debit,
        },
        currency: CurrencyStyle::Column,
        dates: DateStyle::Full,
        counterparty: &[Col::Kind],
        description: &[Col::Kind],
        credit_words: &["退款", "退货", "还款"],
    },
];

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::import::bank;
    use crate::import::Format;
    use crate::model::Direction;

    #[test]
    fn reads_the_debit_grid_with_its_date_range() {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rows = vec![
            (
                1,
                cells(&[
                    "账号",
                    "6225880012345678",
                    "账户类型",
                    "借记卡",
                    "日期范围",
                    "20251201-20251231",
                    "",
                    "",
                    "",
                ]),
            ),
            (
                2,
                cells(&[
                    "顺序号",
                    "交易日期",
                    "交易类型",
                    "存入金额",
                    "取出金额",
                    "余额",
                    "交易对手名称",
                    "交易对手账号",
                    "附言",
                ]),
            ),
            (
                3,
                cells(&[
                    "1",
                    "2025/12/03  14:06:51",
                    "支付",
                    "",
                    "66.00",
                    "934.00",
                    "财付通支付科技有限公司",
                    "",
                    "财付通-京东到家",
                ]),
            ),
            (
                4,
                cells(&[
                    "2",
                    "2025/12/05  09:00:00",
                    "转入",
                    "100.00",
                    "",
                    "1034.00",
                    "赵六",
                    "6222",
                    "",
                ]),
            ),
        ];
        let (format, parsed) = bank::parse_grid(&Arc::from("spdb.xls"), &rows).unwrap();
        assert_eq!(format, Format::Spdb);
        let parsed = parsed.unwrap();
        let period = parsed.period.unwrap();
        assert_eq!(
            (period.start.to_string(), period.end.to_string()),
            ("2025-12-01".into(), "2025-12-31".into())
        );
        let got: Vec<_> = parsed
            .transactions
            .iter()
            .map(|t| {
                (
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
                    "2025-12-03 14:06:51".into(),
                    6600,
                    Direction::Debit,
                    "财付通-京东到家"
                ),
                (
                    "2025-12-05 09:00:00".into(),
                    10000,
                    Direction::Credit,
                    "赵六"
                ),
            ]
        );
    }
}
