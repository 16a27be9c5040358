//! CIB 兴业银行 debit XLS `兴业银行交易明细`.
//!
//! Title and account rows, header on row 11 `交易时间,记账日,支出,收入,账户余额,摘要,对方户名,对方银行,
//! 对方账号,用途,交易渠道,备注`, a disclaimer starting `说明` last.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;

/// CIB's layout.
pub const LAYOUTS: &[Layout] = &[Layout {
    format: Format::Cib,
    name: "CIB debit XLS",
    signature: &["交易时间", "记账日", "支出", "收入", "对方银行", "用途"],
    columns: &[
        col(Col::Date, &["交易时间"], true),
        col(Col::Expense, &["支出"], true),
        col(Col::Income, &["收入"], true),
        col(Col::Kind, &["摘要"], false),
        col(Col::Payee, &["对方户名"], false),
        col(Col::PayeeAccount, &["对方账号"], false),
        col(Col::Detail, &["用途"], false),
        col(Col::Channel, &["交易渠道"], false),
        col(Col::Note, &["备注"], false),
    ],
    amount: AmountStyle::Split,
    currency: CurrencyStyle::File,
    dates: DateStyle::Full,
    counterparty: &[Col::Payee, Col::Detail],
    description: &[Col::Kind, Col::Detail],
    credit_words: &[],
}];

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::import::bank;
    use crate::import::Format;
    use crate::model::Direction;

    #[test]
    fn skips_the_disclaimer() {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut rows = vec![(1, cells(&["兴业银行交易明细"]))];
        rows.push((
            11,
            cells(&[
                "交易时间",
                "记账日",
                "支出",
                "收入",
                "账户余额",
                "摘要",
                "对方户名",
                "对方银行",
                "对方账号",
                "用途",
                "交易渠道",
                "备注",
            ]),
        ));
        rows.push((
            12,
            cells(&[
                "2025-03-01 08:09:10",
                "2025-03-01",
                "19.90",
                "",
                "980.10",
                "快捷支付",
                "支付宝（中国）网络技术有限公司",
                "",
                "",
                "支付宝-芒果TV",
                "网联",
                "",
            ]),
        ));
        rows.push((
            13,
            cells(&[
                "说明：本明细仅供参考，以银行记录为准。",
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
                "",
            ]),
        ));
        let (format, parsed) = bank::parse_grid(&Arc::from("cib.xls"), &rows).unwrap();
        assert_eq!(format, Format::Cib);
        let parsed = parsed.unwrap();
        assert!(parsed.skipped.is_empty());
        assert_eq!(parsed.transactions.len(), 1);
        let t = &parsed.transactions[0];
        assert_eq!(
            (t.source.line, t.direction, t.counterparty.as_str()),
            (12, Direction::Debit, "支付宝-芒果TV")
        );
        assert_eq!(t.description, "快捷支付 支付宝-芒果TV");
    }
}
