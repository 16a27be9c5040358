//! CMB 招商银行 exports.
//!
//! * 一卡通 PC export (`bank_cn`): UTF-8 with BOM, seven `# …` preamble lines (`# 招商银行交易记录`,
//!   `# 币    种: [人民币]`, `# 起始日期: [20260201]   终止日期: [20260331]` …), header
//!   `交易日期,交易时间,收入,支出,余额,交易类型,交易备注`, every cell quoted and values starting with a
//!   tab, dates `YYYYMMDD`, unsigned 收入/支出, footer `# 收入合计: N 笔…` / `# 支出合计: M 笔…`.
//!   The counterparty is the 交易备注 (`支付宝-滴滴出行`, `财付通-美团`, a payee's name).
//! * 一卡通 流水打印 converted to CSV (`bank_cn`): `记账日期,货币,交易金额,联机余额,交易摘要,对手信息,
//!   客户摘要`, signed amounts with thousands separators.
//! * Credit card (`cmb_credit`): title `招商银行信用卡对账单（个人消费卡账户 2024年01月）`, header
//!   `交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额`, dates `MM/DD` (year from the title),
//!   spending positive, repayments and refunds negative.

use super::{col, AmountStyle, Col, CurrencyStyle, DateStyle, Layout};
use crate::import::Format;
use crate::model::Direction;

/// CMB's layouts.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        format: Format::BankCn,
        name: "CMB 一卡通 PC export",
        signature: &[
            "交易日期",
            "交易时间",
            "收入",
            "支出",
            "交易类型",
            "交易备注",
        ],
        columns: &[
            col(Col::Date, &["交易日期"], true),
            col(Col::Time, &["交易时间"], false),
            col(Col::Income, &["收入"], true),
            col(Col::Expense, &["支出"], true),
            col(Col::Kind, &["交易类型"], false),
            col(Col::Place, &["交易备注"], false),
        ],
        amount: AmountStyle::Split,
        currency: CurrencyStyle::File,
        dates: DateStyle::Full,
        counterparty: &[Col::Place],
        description: &[Col::Kind],
        credit_words: &[],
    },
    Layout {
        format: Format::BankCn,
        name: "CMB 一卡通 流水",
        signature: &["记账日期", "交易金额", "联机余额", "交易摘要", "对手信息"],
        columns: &[
            col(Col::Date, &["记账日期"], true),
            col(Col::Currency, &["货币"], false),
            col(Col::Amount, &["交易金额"], true),
            col(Col::Kind, &["交易摘要"], false),
            col(Col::Payee, &["对手信息"], false),
            col(Col::Note, &["客户摘要"], false),
        ],
        amount: AmountStyle::Signed {
            positive: Direction::Credit,
        },
        currency: CurrencyStyle::Column,
        dates: DateStyle::Full,
        counterparty: &[Col::Payee],
        description: &[Col::Kind],
        credit_words: &[],
    },
    Layout {
        format: Format::CmbCredit,
        name: "CMB credit card",
        signature: &["交易日", "记账日", "交易摘要", "人民币金额"],
        columns: &[
            col(Col::Date, &["交易日"], true),
            col(Col::Kind, &["交易摘要"], true),
            col(Col::Amount, &["人民币金额"], true),
        ],
        amount: AmountStyle::Signed {
            positive: Direction::Debit,
        },
        currency: CurrencyStyle::File,
        dates: DateStyle::MonthDay,
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

    type Read = (Format, Vec<(u32, String, i64, Direction, String)>, Vec<u32>);

    fn read(text: &str) -> Read {
        let (format, header) = bank::detect(text).expect("detected");
        let parsed = bank::parse(&Arc::from("cmb.csv"), text, header).unwrap();
        let rows = parsed
            .transactions
            .iter()
            .map(|t| {
                (
                    t.source.line,
                    t.when.to_string(),
                    t.amount.minor,
                    t.direction,
                    t.counterparty.clone(),
                )
            })
            .collect();
        (
            format,
            rows,
            parsed.skipped.iter().map(|s| s.line).collect(),
        )
    }

    #[test]
    fn reads_the_pc_export() {
        let text = "\"# 招商银行交易记录\"\n\"# 币    种: [                         美元]\"\n\"# 起始日期: [20260201]   终止日期: [20260331]\"\n\"\"\n\"交易日期\",\"交易时间\",\"收入\",\"支出\",\"余额\",\"交易类型\",\"交易备注\"\n\
\"\t20260115\",\"\t10:30:00\",\"2.50\",\"\",\"10000.00\",\"账户结息\",\"\t结息：2.50扣税：0 \"\n\
\"\t20260116\",\"\t11:00:00\",\"\",\"1,100.00\",\"8900.00\",\"快捷支付\",\"\t财付通-美团\"\n\
\n\"# 收入合计: 1 笔，共 2.50 元\"\n\"# 支出合计: 1 笔，共 1100.00 元\"\n";
        let (format, rows, skipped) = read(text);
        assert_eq!(format, Format::BankCn);
        assert!(skipped.is_empty());
        assert_eq!(
            rows,
            vec![
                (
                    6,
                    "2026-01-15 10:30:00".into(),
                    250,
                    Direction::Credit,
                    "结息：2.50扣税：0".into()
                ),
                (
                    7,
                    "2026-01-16 11:00:00".into(),
                    110_000,
                    Direction::Debit,
                    "财付通-美团".into()
                ),
            ]
        );
        let (_, header) = bank::detect(text).unwrap();
        let parsed = bank::parse(&Arc::from("cmb.csv"), text, header).unwrap();
        assert_eq!(parsed.declared_count, Some(2));
        assert_eq!(parsed.transactions[0].amount.currency.code(), "USD");
        assert_eq!(parsed.period.unwrap().end.to_string(), "2026-03-31");
    }

    #[test]
    fn reads_the_credit_card_statement() {
        let text = "招商银行信用卡对账单（个人消费卡账户 2024年01月）\n交易日,记账日,交易摘要,人民币金额,卡号末四位,交易地金额\n\
12/28,12/29,支付宝-爱奇艺,25.00,1234,25.00(CN)\n\
01/03,01/04,掌上生活还款,\"-1,000.00\",1234,\"-1,000.00(CN)\"\n\
01/05,01/06,退货 京东,3.90,1234,3.90(CN)\n\
02/30,02/30,坏日期,1.00,1234,1.00(CN)\n";
        let (format, rows, skipped) = read(text);
        assert_eq!(format, Format::CmbCredit);
        assert_eq!(
            rows,
            vec![
                (
                    3,
                    "2023-12-28".into(),
                    2500,
                    Direction::Debit,
                    "支付宝-爱奇艺".into()
                ),
                (
                    4,
                    "2024-01-03".into(),
                    100_000,
                    Direction::Credit,
                    "掌上生活还款".into()
                ),
                (
                    5,
                    "2024-01-05".into(),
                    390,
                    Direction::Credit,
                    "退货 京东".into()
                ),
            ]
        );
        assert_eq!(skipped, vec![6]);
    }

    #[test]
    fn reads_the_converted_statement_print() {
        let text = "记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\n\
2024-03-01,人民币,\"-1,000.00\",\"9,000.00\",转账汇款,张三,房租\n\
2024-03-02,人民币,\"5,000.00\",\"14,000.00\",代发工资,某公司,\n";
        let (format, rows, _) = read(text);
        assert_eq!(format, Format::BankCn);
        assert_eq!(
            rows[0],
            (
                2,
                "2024-03-01".into(),
                100_000,
                Direction::Debit,
                "张三".into()
            )
        );
        assert_eq!(rows[1].3, Direction::Credit);
    }
}
