//! Large, deterministic statements for benchmarks: five years of one invented heavy user's
//! payments, with recurring streams (subscriptions, insurance, weekly micro-charges, yearly
//! renewals, a price rise) mixed into everyday spending so analysis has real work to do. The
//! same rows can be written as an Alipay 2023+ GBK export or a WeChat Pay CSV export.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use statement_checker::model::format_minor;

/// First day the generated statements cover.
fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 11, 1).expect("valid date")
}

/// Last day the generated statements cover.
fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 31).expect("valid date")
}

/// xorshift64*: the same bytes on every machine and every run.
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

/// Whether money left, arrived, or neither.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Out,
    In,
}

/// One generated payment, independent of the export layout.
struct Payment {
    at: NaiveDateTime,
    category: &'static str,
    counterparty: String,
    description: String,
    flow: Flow,
    minor: i64,
    method: &'static str,
}

/// Syllables combined into invented merchant names, so thousands of distinct names exist.
const NAME_PARTS: &[&str] = &[
    "星河", "云帆", "青禾", "远山", "明川", "嘉木", "朗月", "松风", "晨光", "海棠", "锦程", "丰源",
    "瑞丰", "安和", "兴隆", "博雅", "知行", "合众", "启航", "鼎盛",
];

/// Everyday shop kinds: (category, suffix, lowest and highest price in fen).
const SHOP_KINDS: &[(&str, &str, i64, i64)] = &[
    ("餐饮美食", "咖啡", 990, 3890),
    ("餐饮美食", "小吃", 600, 4500),
    ("餐饮美食", "餐厅", 3500, 28_000),
    ("日用百货", "便利店", 300, 6000),
    ("日用百货", "超市", 1500, 39_000),
    ("交通出行", "出行", 800, 9000),
    ("服饰装扮", "服饰", 5900, 69_900),
    ("数码电器", "数码", 2900, 599_900),
];

/// Recurring kinds: (category, suffix, description, price in fen, days between charges).
const RECURRING_KINDS: &[(&str, &str, &str, i64, i64)] = &[
    ("文化休闲", "视频", "会员连续包月", 2500, 30),
    ("文化休闲", "音乐", "黑胶VIP连续包月", 1500, 30),
    ("保险", "保险经纪", "百万医疗险保费（自动扣款）", 2990, 30),
    ("商业服务", "权益服务中心", "会员自动续费", 1990, 30),
    ("日用百货", "外卖", "周卡 自动续费 代扣", 499, 7),
    ("商业服务", "网盘", "年度会员自动续费", 19_800, 365),
    ("充值缴费", "通信", "话费充值", 5800, 30),
];

const METHODS: &[&str] = &["余额宝", "花呗", "招商银行信用卡(1234)", "账户余额"];

fn name(rng: &mut Rng, suffix: &str) -> String {
    let first = NAME_PARTS[rng.below(NAME_PARTS.len() as u64) as usize];
    let second = NAME_PARTS[rng.below(NAME_PARTS.len() as u64) as usize];
    format!("{first}{second}{suffix}")
}

fn at(day: NaiveDate, rng: &mut Rng, first_hour: u32, hours: u64) -> NaiveDateTime {
    let time = NaiveTime::from_hms_opt(
        first_hour + rng.below(hours) as u32,
        rng.below(60) as u32,
        rng.below(60) as u32,
    )
    .expect("valid time");
    day.and_time(time)
}

/// Exactly `rows` payments, newest first as exports list them. About one row in a hundred
/// belongs to a recurring stream (at least a dozen streams), the rest is everyday spending
/// spread evenly over five years.
fn payments(rows: usize) -> Vec<Payment> {
    let mut rng = Rng(0xb16_da7a_2021_1101);
    let days = (last_day() - first_day()).num_days() + 1;
    let mut out: Vec<Payment> = Vec::with_capacity(rows);

    // A monthly salary keeps income in the statements.
    let mut month = first_day();
    while month <= last_day() && out.len() < rows {
        out.push(Payment {
            at: month
                .with_day(10)
                .expect("valid date")
                .and_hms_opt(18, 2, 11)
                .expect("valid"),
            category: "收入",
            counterparty: "星河信息技术有限公司".into(),
            description: "工资".into(),
            flow: Flow::In,
            minor: 1_850_000,
            method: "余额",
        });
        month = (month + Duration::days(32))
            .with_day(1)
            .expect("valid date");
    }

    let streams = (rows / 2000).max(12);
    for stream in 0..streams {
        let (category, suffix, description, price, every) =
            RECURRING_KINDS[stream % RECURRING_KINDS.len()];
        let counterparty = format!(
            "{}{}",
            name(&mut rng, suffix),
            stream / RECURRING_KINDS.len()
        );
        // Streams start at different times; every third one has a cheap trial, every fifth a
        // price rise halfway, so the signals that look for them fire.
        let mut day = first_day() + Duration::days(rng.below(days as u64 / 2) as i64);
        let mut charge = 0;
        while day <= last_day() && out.len() < rows {
            let minor = match (stream % 3, stream % 5, charge) {
                (0, _, 0) => 100,
                (_, 0, n) if n >= 12 => price + price / 4,
                _ => price,
            };
            out.push(Payment {
                at: at(day, &mut rng, 0, 6),
                category,
                counterparty: counterparty.clone(),
                description: description.into(),
                flow: Flow::Out,
                minor,
                method: METHODS[stream % METHODS.len()],
            });
            charge += 1;
            day += Duration::days(every);
        }
    }

    // Everyday spending fills the rest, spread evenly over the days.
    let shops: Vec<(&'static str, String, i64, i64)> = (0..(rows / 50).clamp(40, 4000))
        .map(|index| {
            let (category, suffix, low, high) = SHOP_KINDS[index % SHOP_KINDS.len()];
            (category, name(&mut rng, suffix), low, high)
        })
        .collect();
    let everyday = rows - out.len();
    for index in 0..everyday {
        let day = first_day() + Duration::days((index as i64 * days) / everyday.max(1) as i64);
        let (category, shop, low, high) = &shops[rng.below(shops.len() as u64) as usize];
        out.push(Payment {
            at: at(day, &mut rng, 7, 15),
            category,
            counterparty: shop.clone(),
            description: format!("{shop}订单"),
            flow: Flow::Out,
            minor: rng.between(*low, *high),
            method: METHODS[rng.below(METHODS.len() as u64) as usize],
        });
    }

    out.sort_by_key(|p| std::cmp::Reverse(p.at));
    out
}

/// Count and total (fen) of the payments flowing one way.
fn tally(payments: &[Payment], flow: Flow) -> (usize, i64) {
    payments
        .iter()
        .filter(|p| p.flow == flow)
        .fold((0, 0), |(n, total), p| (n + 1, total + p.minor))
}

/// An order number shaped like the exports' (28 digits starting with the date).
fn order_number(rng: &mut Rng, at: NaiveDateTime) -> String {
    format!(
        "{}22{:03}{:019}",
        at.format("%Y%m%d"),
        rng.below(1000),
        rng.next() % 10_000_000_000_000_000_000
    )
}

/// An Alipay 2023+ app export of `rows` rows, as the GBK bytes a user would drop.
pub fn alipay_gbk(rows: usize) -> Vec<u8> {
    alipay_export(&payments(rows), 0)
}

/// The same `rows` rows split by time into `parts` exports, as a user with more history than
/// one file may hold (the app refuses files over 100 MB) would drop them together.
pub fn alipay_gbk_parts(rows: usize, parts: usize) -> Vec<Vec<u8>> {
    let payments = payments(rows);
    let parts = parts.max(1);
    (0..parts)
        .map(|part| {
            let range = part * payments.len() / parts..(part + 1) * payments.len() / parts;
            alipay_export(&payments[range], part as u64)
        })
        .collect()
}

/// Renders payments (newest first) as one Alipay export; `part` varies the order numbers.
fn alipay_export(payments: &[Payment], part: u64) -> Vec<u8> {
    let mut rng = Rng(0xa11_9a7 + part);
    let (income_n, income) = tally(payments, Flow::In);
    let (spend_n, spend) = tally(payments, Flow::Out);
    let mut out = String::with_capacity(payments.len() * 150 + 2048);
    let mut line = |text: &str| {
        out.push_str(text);
        out.push_str("\r\n");
    };
    line(&"-".repeat(84));
    line("导出信息：");
    line("姓名：测试用户");
    line("支付宝账户：bench***@example.com");
    line(&format!(
        "起始时间：[{} 00:00:00]    终止时间：[{} 23:59:59]",
        first_day(),
        last_day()
    ));
    line("导出交易类型：[全部]");
    line(&format!(
        "导出时间：[{} 10:21:07]",
        last_day() + Duration::days(1)
    ));
    line(&format!("共{}笔记录", payments.len()));
    line(&format!("收入：{income_n}笔 {}元", format_minor(income, 2)));
    line(&format!("支出：{spend_n}笔 {}元", format_minor(spend, 2)));
    line("不计收支：0笔 0.00元");
    line("");
    line("特别提示：");
    line("1.本明细仅展示当前账单中的交易，不包括已删除的记录；");
    line("2.本明细仅供个人对账使用。");
    for _ in 0..8 {
        line("");
    }
    line(&format!(
        "{0}支付宝支付科技有限公司  电子客户回单{0}",
        "-".repeat(24)
    ));
    line("交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,");
    for p in payments {
        let order = order_number(&mut rng, p.at);
        let merchant_order = match p.flow {
            Flow::In => String::new(),
            Flow::Out => format!("T{:020}", rng.next() % 10_000_000_000_000_000_000),
        };
        line(&format!(
            "{},{},{},/,{},{},{},{},交易成功,{order}\t,{merchant_order}\t,,",
            p.at.format("%Y-%m-%d %H:%M:%S"),
            p.category,
            p.counterparty,
            p.description,
            if p.flow == Flow::In {
                "收入"
            } else {
                "支出"
            },
            format_minor(p.minor, 2),
            p.method,
        ));
    }
    encoding_rs::GBK.encode(&out).0.into_owned()
}

/// The same kind of history as a WeChat Pay CSV export (UTF-8 with a byte-order mark).
pub fn wechat_csv(rows: usize) -> Vec<u8> {
    let payments = payments(rows);
    let mut rng = Rng(0x003e_c4a7);
    let (income_n, income) = tally(&payments, Flow::In);
    let (spend_n, spend) = tally(&payments, Flow::Out);
    let pad = ",".repeat(10);
    let mut out = String::from("\u{feff}");
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line(&format!("微信支付账单明细{pad}"));
    line(&format!("微信昵称：[测试]{pad}"));
    line(&format!(
        "起始时间：[{} 00:00:00] 终止时间：[{} 23:59:59]{pad}",
        first_day(),
        last_day()
    ));
    line(&format!("导出类型：[全部]{pad}"));
    line(&format!(
        "导出时间：[{} 10:21:07]{pad}",
        last_day() + Duration::days(1)
    ));
    line(&pad);
    line(&format!("共{}笔记录{pad}", payments.len()));
    line(&format!(
        "收入：{income_n}笔 {}元{pad}",
        format_minor(income, 2)
    ));
    line(&format!(
        "支出：{spend_n}笔 {}元{pad}",
        format_minor(spend, 2)
    ));
    line(&format!("中性交易：0笔 0.00元{pad}"));
    line(&format!("注：{pad}"));
    line(&format!(
        "1. 本明细仅展示当前账单中的交易，不包括已删除的记录{pad}"
    ));
    line(&format!("2. 本明细仅供个人对账使用{pad}"));
    line(&pad);
    line(&pad);
    line(&format!(
        "----------------------微信支付账单明细列表--------------------{pad}"
    ));
    line("交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注");
    for p in &payments {
        let order = order_number(&mut rng, p.at);
        let merchant_order = format!("T{:020}", rng.next() % 10_000_000_000_000_000_000);
        let (kind, flow, status) = match p.flow {
            Flow::In => ("转账", "收入", "已存入零钱"),
            Flow::Out => ("商户消费", "支出", "支付成功"),
        };
        line(&format!(
            "{},{kind},{},\"{}\",{flow},¥{},{},{status},{order}\t,{merchant_order}\t,\"/\"",
            p.at.format("%Y-%m-%d %H:%M:%S"),
            p.counterparty,
            p.description,
            format_minor(p.minor, 2),
            if p.flow == Flow::In { "/" } else { p.method },
        ));
    }
    out.into_bytes()
}
