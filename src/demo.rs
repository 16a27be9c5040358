//! Built-in demo statements: a year of one invented person's Alipay history, written in the real
//! export layout (GBK, 24-line preamble) so the demo goes through exactly the path a user's file
//! takes. The person, the amounts and the suspicious merchants are invented; the everyday
//! merchants are ordinary brands.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::format_minor;

/// The file name the demo statement is shown under.
pub const ALIPAY_DEMO_NAME: &str = "demo-alipay.csv";

/// First day the demo covers.
fn demo_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 1).expect("valid date")
}

/// Last day the demo covers.
fn demo_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 31).expect("valid date")
}

/// A small deterministic generator (xorshift64*), so the demo is the same on every device.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }
}

struct Row {
    at: NaiveDateTime,
    category: &'static str,
    counterparty: &'static str,
    account: &'static str,
    description: String,
    direction: &'static str,
    minor: i64,
    method: &'static str,
    status: &'static str,
    order: String,
    merchant_order: String,
}

fn at(date: NaiveDate, hour: u32, minute: u32, second: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, minute, second).expect("valid time"))
}

fn month_day(year: i32, month: u32, day: u32) -> NaiveDate {
    let day = day.min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let first_next = NaiveDate::from_ymd_opt(ny, nm, 1).expect("valid date");
    (first_next - Duration::days(1)).day()
}

/// The months the demo covers, as (year, month).
fn months() -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let mut date = demo_start();
    while date <= demo_end() {
        out.push((date.year(), date.month()));
        date = month_day(date.year(), date.month(), 28) + Duration::days(7);
        date = month_day(date.year(), date.month(), 1);
    }
    out
}

struct Builder {
    rng: Rng,
    rows: Vec<Row>,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        at: NaiveDateTime,
        category: &'static str,
        counterparty: &'static str,
        description: String,
        direction: &'static str,
        minor: i64,
        method: &'static str,
        status: &'static str,
    ) -> String {
        let order = format!(
            "{}22{:03}{:019}",
            at.format("%Y%m%d"),
            self.rng.below(1000),
            self.rng.next() % 10_000_000_000_000_000_000
        );
        let merchant_order = if direction == "收入" {
            String::new()
        } else {
            format!("T{:020}", self.rng.next() % 10_000_000_000_000_000_000)
        };
        self.rows.push(Row {
            at,
            category,
            counterparty,
            account: "/",
            description,
            direction,
            minor,
            method,
            status,
            order: order.clone(),
            merchant_order,
        });
        order
    }
}

const SHOPS: &[(&str, &str, i64, i64)] = &[
    ("餐饮美食", "瑞幸咖啡", 990, 3290),
    ("餐饮美食", "美团外卖", 1500, 6800),
    ("餐饮美食", "蜜雪冰城", 400, 1800),
    ("交通出行", "滴滴出行", 1200, 5600),
    ("交通出行", "哈啰单车", 150, 450),
    ("日用百货", "盒马鲜生", 2500, 18900),
    ("日用百货", "罗森", 600, 4500),
    ("日用百货", "屈臣氏", 1900, 12900),
];

const METHODS: &[&str] = &["余额宝", "花呗", "招商银行信用卡(1234)", "账户余额"];

/// Writes the demo Alipay export as the app would receive it: GBK bytes.
pub fn alipay_demo() -> Vec<u8> {
    let text = alipay_demo_text();
    encoding_rs::GBK.encode(&text).0.into_owned()
}

/// The demo Alipay export as text (the layout of the 2023+ app export).
pub fn alipay_demo_text() -> String {
    let mut b = Builder {
        rng: Rng(0x5eed_2025_1101),
        rows: Vec::new(),
    };
    let months = months();

    // Everyday spending: one to three purchases a day.
    let mut day = demo_start();
    while day <= demo_end() {
        let count = b.rng.below(3) + 1;
        for _ in 0..count {
            let (category, shop, low, high) = SHOPS[b.rng.below(SHOPS.len() as u64) as usize];
            let minor = b.rng.between(low, high);
            let method = METHODS[b.rng.below(METHODS.len() as u64) as usize];
            let when = at(
                day,
                7 + b.rng.below(15) as u32,
                b.rng.below(60) as u32,
                b.rng.below(60) as u32,
            );
            b.push(
                when,
                category,
                shop,
                format!("{shop}订单"),
                "支出",
                minor,
                method,
                "交易成功",
            );
        }
        day += Duration::days(1);
    }

    for (index, &(year, month)) in months.iter().enumerate() {
        // Salary and the expected monthly bills.
        let salary_day = month_day(year, month, 10);
        b.push(
            at(salary_day, 18, 2, 11),
            "收入",
            "星河信息技术有限公司",
            "工资".into(),
            "收入",
            1_850_000,
            "余额",
            "交易成功",
        );
        b.push(
            at(month_day(year, month, 5), 9, 0, 3),
            "住房物业",
            "安居房屋租赁",
            format!("{month}月房租"),
            "支出",
            420_000,
            "招商银行信用卡(1234)",
            "交易成功",
        );
        let power = b.rng.between(8_000, 21_000);
        b.push(
            at(month_day(year, month, 18), 10, 15, 40),
            "充值缴费",
            "国网上海市电力公司",
            "电费".into(),
            "支出",
            power,
            "余额宝",
            "交易成功",
        );
        b.push(
            at(month_day(year, month, 3), 8, 30, 12),
            "充值缴费",
            "中国移动",
            "话费充值".into(),
            "支出",
            5_800,
            "余额宝",
            "交易成功",
        );

        // A music membership the user knows about.
        b.push(
            at(month_day(year, month, 21), 5, 29, 23),
            "文化休闲",
            "网易云音乐",
            "黑胶VIP连续包月".into(),
            "支出",
            1_500,
            "余额宝",
            "交易成功",
        );

        // Internet insurance: a 0.60 first month, then 29.90 every month, deducted at night.
        let insurance_amount = if index == 2 { 60 } else { 2_990 };
        if index >= 2 {
            b.push(
                at(month_day(year, month, 12), 3, 1, 7),
                "保险",
                "安心保险经纪有限公司",
                "安心百万医疗险保费（自动扣款）".into(),
                "支出",
                insurance_amount,
                "账户余额",
                "交易成功",
            );
        }

        // Membership fees after a small trial, then a price rise.
        if index >= 4 {
            let fee = match index {
                4 => 100,
                5..=8 => 1_990,
                _ => 2_590,
            };
            b.push(
                at(month_day(year, month, 25), 0, 12, 40),
                "商业服务",
                "惠享生活权益服务中心",
                "会员自动续费".into(),
                "支出",
                fee,
                "花呗",
                "交易成功",
            );
        }
    }

    // A duplicate deduction: the same charge twice within a minute.
    let duplicate_day = month_day(2026, 6, 14);
    for second in [5, 47] {
        b.push(
            at(duplicate_day, 20, 41, second),
            "充值缴费",
            "城市燃气缴费中心",
            "燃气费".into(),
            "支出",
            16_820,
            "招商银行信用卡(1234)",
            "交易成功",
        );
    }

    // A refunded purchase: the original closes and a refund row follows.
    let refund_day = month_day(2026, 3, 8);
    let original = b.push(
        at(refund_day, 14, 20, 9),
        "日用百货",
        "盒马鲜生",
        "盒马鲜生订单".into(),
        "支出",
        8_860,
        "余额宝",
        "交易关闭",
    );
    let refund_order = format!("{original}_{}", refund_day.format("%m%d"));
    b.rows.push(Row {
        at: at(refund_day + Duration::days(1), 9, 5, 51),
        category: "退款",
        counterparty: "盒马鲜生",
        account: "/",
        description: "退款-盒马鲜生订单".into(),
        direction: "不计收支",
        minor: 8_860,
        method: "余额宝",
        status: "退款成功",
        order: refund_order,
        merchant_order: String::new(),
    });

    b.rows.sort_by_key(|row| std::cmp::Reverse(row.at));
    render(&b.rows)
}

fn render(rows: &[Row]) -> String {
    let sum = |direction: &str| -> (usize, i64) {
        rows.iter()
            .filter(|r| r.direction == direction)
            .fold((0, 0), |(n, total), r| (n + 1, total + r.minor))
    };
    let (income_n, income) = sum("收入");
    let (spend_n, spend) = sum("支出");
    let (neutral_n, neutral) = sum("不计收支");
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push_str("\r\n");
    };
    line(&"-".repeat(84));
    line("导出信息：");
    line("姓名：示例用户");
    line("支付宝账户：demo***@example.com");
    line(&format!(
        "起始时间：[{} 00:00:00]    终止时间：[{} 23:59:59]",
        demo_start(),
        demo_end()
    ));
    line("导出交易类型：[全部]");
    line(&format!(
        "导出时间：[{} 10:21:07]",
        demo_end() + Duration::days(1)
    ));
    line(&format!("共{}笔记录", rows.len()));
    line(&format!("收入：{income_n}笔 {}元", format_minor(income, 2)));
    line(&format!("支出：{spend_n}笔 {}元", format_minor(spend, 2)));
    line(&format!(
        "不计收支：{neutral_n}笔 {}元",
        format_minor(neutral, 2)
    ));
    line("");
    line("特别提示：");
    for note in [
        "1.本回单内容可表明支付宝受理了相应支付交易申请；",
        "2.请勿将本回单作为收款方发货的凭据使用；",
        "3.支付宝快捷支付等非余额支付方式可能既产生支付宝交易也同步产生银行交易，因此请勿使用本回单进行重复记账；",
        "4.本回单如经任何涂改、编造，均立即失去效力；",
        "5.部分账单如：充值提现、账户转存或者个人设置收支等不计入为收入或者支出，记为不计收支类；",
        "6.因统计逻辑不同，明细金额直接累加后，可能会和下方统计金额不一致，请以实际交易金额为准；",
        "7.禁止将本回单用于非法用途；",
        "8.本明细仅展示当前账单中的交易，不包括已删除的记录；",
        "9.本明细仅供个人对账使用。",
    ] {
        line(note);
    }
    line("");
    line(&format!(
        "{0}支付宝支付科技有限公司  电子客户回单{0}",
        "-".repeat(24)
    ));
    line("交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,");
    for r in rows {
        line(&format!(
            "{},{},{},{},{},{},{},{},{},{}\t,{}\t,,",
            r.at.format("%Y-%m-%d %H:%M:%S"),
            r.category,
            r.counterparty,
            r.account,
            r.description,
            r.direction,
            format_minor(r.minor, 2),
            r.method,
            r.status,
            r.order,
            r.merchant_order
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_and_declares_its_own_count() {
        let text = alipay_demo_text();
        assert_eq!(text, alipay_demo_text());
        let rows = text.lines().skip(25).filter(|l| !l.is_empty()).count();
        assert!(
            text.contains(&format!("共{rows}笔记录")),
            "declared count matches {rows} rows"
        );
        assert!(rows > 700, "a year of everyday life: {rows} rows");
    }

    #[test]
    fn months_cover_the_demo_year() {
        let m = months();
        assert_eq!(m.len(), 12);
        assert_eq!(m[0], (2025, 11));
        assert_eq!(m[11], (2026, 10));
    }
}
