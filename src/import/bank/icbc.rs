//! ICBC 工商银行 "明细查询文件下载" CSV exports, debit and credit card.
//!
//! Six preamble lines (`明细查询文件下载`, 卡号, 子账户…) then the header. Debit v1 has 13 columns
//! (`交易日期,摘要,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,
//! 记账金额(收入),记账金额(支出),记账币种,余额,对方户名`); v2 (since 2024-09) adds 交易详情 after 摘要
//! and 对方账户 at the end. The credit-card export adds 记账日期 and drops 钞/汇. Every value is
//! padded with spaces to a fixed GBK byte width and followed by a tab; domestic rows put `-` in the
//! 交易金额 columns and the amount in 记账金额. The footer is `人民币合计,…` (debit) or `合计金额,…`
//! (credit). The counterparty is the 交易场所 (`支付宝-永辉超市`, `财付通-罗森`), else 对方户名.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::table::ColumnSpec;
use crate::import::Format;

/// The columns both card kinds share.
const COLUMNS: &[ColumnSpec<Col>] = &[
    col(Col::Date, &["交易日期"], true),
    col(Col::Kind, &["摘要"], true),
    col(Col::Detail, &["交易详情"], false),
    col(Col::Place, &["交易场所"], true),
    col(Col::AltIncome, &["交易金额(收入)"], false),
    col(Col::AltExpense, &["交易金额(支出)"], false),
    col(Col::AltCurrency, &["交易币种"], false),
    col(Col::Income, &["记账金额(收入)"], true),
    col(Col::Expense, &["记账金额(支出)"], true),
    col(Col::Currency, &["记账币种"], false),
    col(Col::Payee, &["对方户名"], false),
    col(Col::PayeeAccount, &["对方账户"], false),
];

/// ICBC's layouts: credit first, since its header contains every debit signature name.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        format: Format::IcbcCredit,
        name: "ICBC credit card",
        signature: &["交易日期", "记账日期", "摘要", "交易场所", "记账金额(支出)"],
        columns: COLUMNS,
        amount: AmountStyle::Split,
        currency: CurrencyStyle::Column,
        dates: DateStyle::Full,
        counterparty: &[Col::Place, Col::Payee],
        description: &[Col::Kind, Col::Detail],
        credit_words: &[],
    },
    Layout {
        format: Format::Icbc,
        name: "ICBC debit card",
        signature: &[
            "交易日期",
            "摘要",
            "交易场所",
            "记账金额(收入)",
            "记账金额(支出)",
        ],
        columns: COLUMNS,
        amount: AmountStyle::Split,
        currency: CurrencyStyle::Column,
        dates: DateStyle::Full,
        counterparty: &[Col::Place, Col::Payee],
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

    const PREAMBLE: &str = "明细查询文件下载\n\n卡号: 6222****1234,\"卡别名: \"\n\n子账户序号: 00000,子账户类别: 活期,\"子账户别名: \"\n\n";

    #[test]
    fn reads_v1_v2_and_credit_layouts() {
        let v1 = "交易日期,摘要,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名\n\
2023-05-02     \t,\"消费                \t\",\"财付通-罗森                    \t\",CHN       \t,钞        \t,\"-                   \t\",\"-                   \t\",-              \t,\"                    \t\",\"13.40               \t\",人民币         \t,\"1,000.00            \t\",\"深圳市财付通支付科技有限公司   \t\"\n\
2023-05-01     \t,\"消费                \t\",\"AMAZON                        \t\",USA       \t,汇        \t,\"                    \t\",\"2.00                \t\",美元           \t,\"                    \t\",\"14.20               \t\",人民币         \t,\"1,013.40            \t\",\"                    \t\"\n\
 \n人民币合计,,,,,,,,,\"0.00          \t\",\"27.60          \t\",\n";
        let credit = "交易日期,记账日期,摘要,交易场所,交易国家或地区简称,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名\n\
2024-01-03,2024-01-04,消费,支付宝-滴滴出行,CHN,-,-,-,,25.00,人民币,,\n\
2024-01-05,2024-01-05,自动还款,,CHN,-,-,-,\"1,025.00\",,人民币,,\n\
合计金额,,,,,,,,\"1,025.00\",25.00,,,\n";
        for (text, format, expected) in [
            (
                v1,
                Format::Icbc,
                vec![
                    (8, 1340, Direction::Debit, "财付通-罗森", "CNY"),
                    (9, 1420, Direction::Debit, "AMAZON", "CNY"),
                ],
            ),
            (
                credit,
                Format::IcbcCredit,
                vec![
                    (8, 2500, Direction::Debit, "支付宝-滴滴出行", "CNY"),
                    (9, 102_500, Direction::Credit, "", "CNY"),
                ],
            ),
        ] {
            let text = format!("{PREAMBLE}{text}");
            let (found, header) = bank::detect(&text).expect("detected");
            assert_eq!(found, format);
            assert_eq!(header.number, 7);
            let parsed = bank::parse(&Arc::from("icbc.csv"), &text, header).unwrap();
            assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
            let got: Vec<_> = parsed
                .transactions
                .iter()
                .map(|t| {
                    (
                        t.source.line,
                        t.amount.minor,
                        t.direction,
                        t.counterparty.as_str(),
                        t.amount.currency.code(),
                    )
                })
                .collect();
            assert_eq!(got, expected);
        }
    }
}
