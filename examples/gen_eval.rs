//! Writes a held-out set of labelled statements, for scoring the detector on data it was not tuned
//! on: `cargo run --release --example gen_eval -- OUT_DIR [--seed N] [--people K]`.
//!
//! Each of K invented people (default 12) lives 6–20 months: daily habits at a few shops with
//! varying amounts, a weekly grocery run, one-off purchases (some refunded, some closed unpaid),
//! transfers to friends, red packets, top-ups, card repayments, salary with bonus months, rent,
//! utilities with seasonal amounts paid by hand on drifting days (often skipping the month of
//! Chinese New Year), phone bills, subscriptions (one billed at month end), and a few suspicious
//! patterns drawn with varied parameters: trial then full price, price rises, insurance premiums
//! taken by brokers, agencies or `<brand>保` platforms (some only on the bank statement), weekly
//! micro-renewals, yearly renewals, loans followed by fees (worded and not), duplicate charges and
//! payments closed in the wallet but taken by the bank.
//!
//! The life is written in one real layout per person (Alipay 2023+ app export in GBK, WeChat Pay
//! CSV, CMB 一卡通 CSV, ICBC 明细 CSV, an English bank CSV or OFX 1.x SGML); some wallet users also
//! get the ICBC statement of the card that funded part of their wallet payments (rows
//! `支付宝-<商户>` / `财付通-<商户>`, same amount, same or next day). `OUT_DIR/truth.json` labels every
//! planted stream and duplicate with the physical lines of its rows, counted while writing, in the
//! schema of `tests/fixtures/generated/truth.json` (read by `examples/eval.rs`).
//!
//! Everything comes from one seeded xorshift generator: the same seed and count give the same
//! bytes. Names are invented; none is a real brand.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::ExitCode;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use serde_json::{json, Value};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20_261_123;
/// How many people are invented when no count is given.
pub const DEFAULT_PEOPLE: usize = 12;

#[allow(dead_code)]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, seed, people) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("gen_eval: {message}");
            eprintln!("usage: gen_eval OUT_DIR [--seed N] [--people K]");
            return ExitCode::from(2);
        }
    };
    match generate(Path::new(&out), seed, people) {
        Ok(truth) => {
            let files = truth["files"].as_object().map_or(0, |f| f.len());
            let streams = truth["streams"].as_array().map_or(0, |s| s.len());
            eprintln!("gen_eval: wrote {files} statements and {streams} labels to {out}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen_eval: {out}: {error}");
            ExitCode::from(1)
        }
    }
}

/// Reads `OUT_DIR [--seed N] [--people K]`.
pub fn parse_args(args: &[String]) -> Result<(String, u64, usize), String> {
    let mut out = None;
    let mut seed = DEFAULT_SEED;
    let mut people = DEFAULT_PEOPLE;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seed" => {
                let value = it.next().ok_or("--seed needs a number")?;
                seed = value
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {value}"))?;
            }
            "--people" => {
                let value = it.next().ok_or("--people needs a number")?;
                people = value
                    .parse()
                    .ok()
                    .filter(|&k| k > 0)
                    .ok_or_else(|| format!("--people: not a positive number: {value}"))?;
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other if out.is_none() => out = Some(other.to_string()),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    Ok((out.ok_or("OUT_DIR is missing")?, seed, people))
}

/// Writes the statements of `people` people and `truth.json` into `out`; returns the truth.
pub fn generate(out: &Path, seed: u64, people: usize) -> std::io::Result<Value> {
    std::fs::create_dir_all(out)?;
    let mut files = serde_json::Map::new();
    let mut streams = Vec::new();
    let mut mirrors = Vec::new();
    for index in 0..people {
        let mut life = Life::plan(index, seed);
        life.live();
        let written = life.write();
        for file in &written.files {
            std::fs::write(out.join(&file.name), &file.bytes)?;
            let mut info = json!({ "format": file.format, "transactions": file.rows.len() });
            if let Some(of) = &file.mirror_of {
                info["mirror_of"] = json!(of);
            }
            files.insert(file.name.clone(), info);
        }
        streams.extend(written.streams);
        mirrors.extend(written.mirrors);
    }
    let truth = json!({
        "generator": { "example": "gen_eval", "seed": seed, "people": people },
        "files": files,
        "streams": streams,
        "mirrors": mirrors,
    });
    std::fs::write(out.join("truth.json"), truth_text(&truth))?;
    Ok(truth)
}

/// The truth as JSON with one file, stream or mirror pair per line: readable in a diff and a
/// third of the size of fully pretty-printed JSON.
pub fn truth_text(truth: &Value) -> String {
    let one = |v: &Value| serde_json::to_string(v).unwrap_or_default();
    let mut out = String::from("{\n");
    out.push_str(&format!("  \"generator\": {},\n", one(&truth["generator"])));
    out.push_str("  \"files\": {\n");
    let files: Vec<String> = truth["files"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, info)| format!("    {}: {}", one(&json!(name)), one(info)))
        .collect();
    out.push_str(&files.join(",\n"));
    out.push_str("\n  },\n");
    for (key, last) in [("streams", false), ("mirrors", true)] {
        out.push_str(&format!("  \"{key}\": [\n"));
        let items: Vec<String> = truth[key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|item| format!("    {}", one(item)))
            .collect();
        out.push_str(&items.join(",\n"));
        out.push_str(if last { "\n  ]\n" } else { "\n  ],\n" });
    }
    out.push_str("}\n");
    out
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/// A small xorshift64* generator: fast, deterministic, good enough for invented lives.
pub struct Rng(u64);

impl Rng {
    /// A generator whose state is the seed scrambled (splitmix64), so near seeds diverge at once.
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One item of a non-empty slice.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `n` random decimal digits.
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    /// `k` distinct indexes of `0..n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..n {
            let j = i + self.below((n - i) as u64) as usize;
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }

    /// `base` varied by up to `spread` either way (triangular), rounded to `step`, at least `step`.
    fn vary(&mut self, base: i64, spread: f64, step: i64) -> i64 {
        let factor = 1.0 + spread * (self.unit() + self.unit() - 1.0);
        let raw = (base as f64 * factor).round() as i64;
        round_to(raw, step).max(step)
    }
}

fn round_to(minor: i64, step: i64) -> i64 {
    if step <= 1 {
        minor
    } else {
        (minor + step / 2) / step * step
    }
}

/// A price as shops set them: whole yuan, or ending in .90 / .99.
fn price_point(rng: &mut Rng, lo_yuan: i64, hi_yuan: i64) -> i64 {
    let yuan = rng.range(lo_yuan, hi_yuan) * 100;
    match rng.below(3) {
        0 => yuan,
        1 => yuan - 10,
        _ => yuan - 1,
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn month_len(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    (ymd(ny, nm, 1) - Duration::days(1)).day()
}

/// The `day` of month (y, m), clamped to the month's length (a 31st bill lands on the 30th/28th).
fn on_day(y: i32, m: u32, day: u32) -> NaiveDate {
    ymd(y, m, day.clamp(1, month_len(y, m)))
}

/// (y, m) moved by `k` months.
fn shift_month(y: i32, m: u32, k: i32) -> (i32, u32) {
    let total = y * 12 + m as i32 - 1 + k;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

/// `date` moved by `k` calendar months, keeping `anchor` as the day where the month allows.
fn add_months(date: NaiveDate, k: i32, anchor: u32) -> NaiveDate {
    let (y, m) = shift_month(date.year(), date.month(), k);
    on_day(y, m, anchor)
}

/// Chinese New Year's day (Spring Festival) of `year`.
fn new_year(year: i32) -> Option<NaiveDate> {
    let (m, d) = match year {
        2022 => (2, 1),
        2023 => (1, 22),
        2024 => (2, 10),
        2025 => (1, 29),
        2026 => (2, 17),
        2027 => (2, 6),
        2028 => (1, 26),
        _ => return None,
    };
    Some(ymd(year, m, d))
}

/// Whether (y, m) is the month of Chinese New Year.
fn new_year_month(y: i32, m: u32) -> bool {
    new_year(y).is_some_and(|d| d.month() == m)
}

/// The holiday days around Chinese New Year when people travel home.
fn holiday(date: NaiveDate) -> bool {
    new_year(date.year())
        .into_iter()
        .chain(new_year(date.year() + 1))
        .any(|d| (-4..=8).contains(&(date - d).num_days()))
}

fn weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The working day on or before `date`.
fn working_day_before(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date - Duration::days(1),
        Weekday::Sun => date - Duration::days(2),
        _ => date,
    }
}

fn at(date: NaiveDate, h: u32, m: u32, s: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(h.min(23), m.min(59), s.min(59)).expect("valid time"))
}

// ---------------------------------------------------------------------------------------------
// Money text

/// `1234.5` yuan as `1234.50`.
fn yuan(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// `1234.5` yuan as `1,234.50`.
fn yuan_grouped(minor: i64) -> String {
    let plain = yuan(minor.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}.{frac}", if minor < 0 { "-" } else { "" })
}

/// Width of a text in GBK bytes (ASCII one byte, everything else two).
fn gbk_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The text cut to `width` GBK bytes and padded with spaces to exactly that width (ICBC cells).
fn pad_gbk(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = if c.is_ascii() { 1 } else { 2 };
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width - used));
    out
}

// ---------------------------------------------------------------------------------------------
// The invented world

/// A shop visited out of habit.
struct Habit {
    party: &'static str,
    desc: &'static str,
    cat: &'static str,
    base: i64,
    spread: f64,
    step: i64,
    hours: (u32, u32),
    weekday: f64,
    weekend: f64,
}

const fn habit(
    party: &'static str,
    desc: &'static str,
    cat: &'static str,
    base: i64,
    spread: f64,
    hours: (u32, u32),
    odds: (f64, f64),
) -> Habit {
    Habit {
        party,
        desc,
        cat,
        base,
        spread,
        step: 1,
        hours,
        weekday: odds.0,
        weekend: odds.1,
    }
}

const CN_HABITS: &[Habit] = &[
    Habit {
        step: 50,
        ..habit(
            "晨光早餐铺",
            "早餐",
            "餐饮美食",
            900,
            0.5,
            (6, 9),
            (0.55, 0.2),
        )
    },
    habit(
        "巷口面馆",
        "面食套餐",
        "餐饮美食",
        2300,
        0.35,
        (11, 13),
        (0.35, 0.2),
    ),
    habit(
        "禾苗便利店",
        "便利店购物",
        "日用百货",
        1600,
        0.8,
        (8, 22),
        (0.3, 0.3),
    ),
    habit(
        "青禾轻食",
        "轻食沙拉",
        "餐饮美食",
        3200,
        0.3,
        (11, 13),
        (0.3, 0.05),
    ),
    habit(
        "半岛咖啡",
        "咖啡饮品",
        "餐饮美食",
        2600,
        0.35,
        (8, 16),
        (0.4, 0.15),
    ),
    Habit {
        step: 100,
        ..habit(
            "滨江轨道交通",
            "地铁乘车",
            "交通出行",
            450,
            0.45,
            (7, 20),
            (0.8, 0.2),
        )
    },
    Habit {
        step: 50,
        ..habit(
            "城市单车",
            "骑行费用",
            "交通出行",
            250,
            0.6,
            (7, 20),
            (0.3, 0.2),
        )
    },
    habit(
        "云途出行",
        "打车费用",
        "交通出行",
        3200,
        0.7,
        (0, 23),
        (0.12, 0.15),
    ),
    habit(
        "乐活果园",
        "水果",
        "日用百货",
        3500,
        0.6,
        (17, 21),
        (0.15, 0.25),
    ),
    habit(
        "蜂鸟外卖",
        "外卖订单",
        "餐饮美食",
        3600,
        0.5,
        (11, 21),
        (0.3, 0.4),
    ),
];

const WEST_HABITS: &[Habit] = &[
    habit(
        "BEAN AND BARREL",
        "CARD PURCHASE",
        "",
        340,
        0.3,
        (7, 11),
        (0.5, 0.2),
    ),
    habit(
        "CORNER STORE 24",
        "CARD PURCHASE",
        "",
        850,
        0.8,
        (8, 22),
        (0.25, 0.3),
    ),
    Habit {
        step: 10,
        ..habit(
            "METROLINK TRAVEL",
            "CONTACTLESS",
            "",
            280,
            0.4,
            (7, 19),
            (0.7, 0.15),
        )
    },
    habit(
        "NOODLE HOUSE",
        "CARD PURCHASE",
        "",
        1150,
        0.3,
        (12, 14),
        (0.25, 0.1),
    ),
    habit(
        "PRONTO PIZZA",
        "CARD PURCHASE",
        "",
        1890,
        0.4,
        (18, 21),
        (0.08, 0.2),
    ),
    habit(
        "CITYCAB RIDES",
        "CARD PURCHASE",
        "",
        1400,
        0.6,
        (0, 23),
        (0.08, 0.12),
    ),
];

/// A shop for one-off purchases: (name, what, category, typical price, spread, online).
type Shop = (&'static str, &'static str, &'static str, i64, f64, bool);

const CN_SHOPS: &[Shop] = &[
    ("悦享家居旗舰店", "收纳置物架", "家居家装", 8900, 0.9, true),
    (
        "橙子数码专营店",
        "数据线快充头",
        "数码电器",
        5900,
        0.9,
        true,
    ),
    ("晴天服饰", "短袖T恤", "服饰装扮", 12900, 0.8, true),
    ("百草堂药房", "药品", "医疗健康", 4500, 0.8, false),
    ("影途影城", "电影票", "文化休闲", 7800, 0.4, false),
    ("小象宠物店", "宠物粮", "宠物", 16800, 0.5, true),
    ("漫步鞋业", "运动鞋", "服饰装扮", 35900, 0.5, true),
    ("京华书局", "图书", "文化休闲", 6800, 0.7, true),
    ("鲜丰餐厅", "聚餐", "餐饮美食", 26800, 0.6, false),
    ("海港火锅", "火锅", "餐饮美食", 32800, 0.5, false),
    ("暖阳理发店", "理发", "美容美发", 5800, 0.3, false),
    ("优品百货", "日用品", "日用百货", 6500, 0.8, true),
    ("知味烘焙", "蛋糕面包", "餐饮美食", 4200, 0.6, false),
    ("星辉数码", "蓝牙耳机", "数码电器", 29900, 0.6, true),
    ("山野户外", "登山背包", "运动户外", 21900, 0.6, true),
    ("安康口腔诊所", "洗牙", "医疗健康", 28800, 0.3, false),
    // A trading company whose legal name has an ASCII comma: WeChat prints it unquoted (one field
    // too many), Alipay turns it into a full-width comma.
    (
        "BLUEHARBOR TRADING CO.,LIMITED",
        "进口零食",
        "日用百货",
        8800,
        0.6,
        true,
    ),
];

const WEST_SHOPS: &[Shop] = &[
    ("OAKWOOD BOOKS", "CARD PURCHASE", "", 1800, 0.7, true),
    ("HARBOUR OUTFITTERS", "CARD PURCHASE", "", 4500, 0.8, true),
    ("PIXEL ELECTRONICS", "ONLINE PURCHASE", "", 7900, 0.9, true),
    ("LARKSPUR FLORIST", "CARD PURCHASE", "", 3000, 0.5, false),
    ("RIVERSIDE CINEMA", "CARD PURCHASE", "", 2200, 0.4, false),
    ("SUMMIT SPORTS", "ONLINE PURCHASE", "", 5500, 0.8, true),
    ("MAPLE PHARMACY", "CARD PURCHASE", "", 1200, 0.7, false),
    ("THE COPPER KETTLE", "CARD PURCHASE", "", 3800, 0.6, false),
    ("BRIGHT HOME STORE", "ONLINE PURCHASE", "", 2600, 0.8, true),
];

/// Friends and family as wallets show them (masked) and as banks show them (full name).
const CN_PEOPLE: &[(&str, &str)] = &[
    ("陈*", "陈立"),
    ("王*明", "王晓明"),
    ("李**", "李思远"),
    ("赵*", "赵磊"),
    ("周*华", "周丽华"),
    ("吴*", "吴昊"),
    ("孙*婷", "孙雨婷"),
    ("郑**", "郑嘉怡"),
    ("何*", "何东"),
    ("冯*军", "冯建军"),
];

const WEST_PEOPLE: &[&str] = &[
    "J SMITH",
    "A PATEL",
    "M OKAFOR",
    "L NGUYEN",
    "R COSTA",
    "K BRENNAN",
];

const CN_EMPLOYERS: &[&str] = &[
    "远景软件技术有限公司",
    "华辰建设工程有限公司",
    "启明教育科技有限公司",
    "东升医药有限公司",
    "嘉实物流有限公司",
];
const WEST_EMPLOYERS: &[&str] = &[
    "BRIGHTSTONE LTD",
    "ORCHARD DIGITAL LTD",
    "KESTREL LOGISTICS",
];

/// Utility billers: (name, what, typical monthly amount, monthly seasonal factors ×100).
type Biller = (&'static str, &'static str, i64, [u8; 12]);

const ELECTRIC: [u8; 12] = [150, 140, 100, 90, 90, 130, 200, 220, 140, 90, 100, 130];
const GAS: [u8; 12] = [200, 180, 140, 100, 70, 50, 45, 45, 50, 80, 120, 170];
const WATER: [u8; 12] = [90, 90, 95, 100, 110, 125, 135, 135, 115, 100, 95, 90];

const CN_BILLERS: &[Biller] = &[
    ("滨海供电公司", "电费", 11000, ELECTRIC),
    ("清泉水务", "水费", 4500, WATER),
    ("暖通燃气", "燃气费", 6500, GAS),
];
const WEST_BILLERS: &[Biller] = &[
    ("NORTHERN POWER", "DIRECT DEBIT", 6500, ELECTRIC),
    ("CLEARWATER UTILITIES", "DIRECT DEBIT", 3200, WATER),
    ("HEATWISE GAS", "DIRECT DEBIT", 5500, GAS),
];

/// Subscriptions people keep on purpose: (name, what, prices to pick from).
type Plan = (&'static str, &'static str, &'static [i64]);

const CN_SUBSCRIPTIONS: &[Plan] = &[
    ("云帆视频", "VIP会员连续包月", &[1900, 2500, 3000]),
    ("声浪音乐", "黑金会员连续包月", &[1000, 1500]),
    ("知行云盘", "空间会员自动续费", &[600, 1000, 2100]),
    ("嘉禾健身", "月卡自动续费", &[9900, 12900]),
    ("阅见读书", "畅读卡连续包月", &[1200, 1800]),
    ("饱饱外卖", "省钱卡连续包月", &[1000, 1500]),
];
const WEST_SUBSCRIPTIONS: &[Plan] = &[
    ("NORTHWIND MEDIA", "CARD PURCHASE", &[899, 1099]),
    ("CLOUDNEST STORAGE", "CARD PURCHASE", &[199, 299]),
    ("FITHUB GYM", "DIRECT DEBIT", &[2499, 3299]),
    ("TUNEFLOW MUSIC", "CARD PURCHASE", &[1099]),
];

/// Merchants behind the suspicious patterns: (name, product words).
const CN_TRIALS: &[(&str, &str)] = &[
    ("星辰文化传媒有限公司", "短剧会员"),
    ("乐映文化传媒有限公司", "追剧VIP"),
    ("青柚网络科技有限公司", "AI写作会员"),
    ("拾趣互娱科技有限公司", "畅玩会员"),
];
const WEST_TRIALS: &[(&str, &str)] = &[
    ("LUMA PHOTO EDITOR", "CARD PURCHASE"),
    ("BRAINSPARK LEARNING", "CARD PURCHASE"),
];
const CN_RISES: &[(&str, &str)] = &[
    ("云帆权益", "权益会员连续包月"),
    ("悦读书城", "VIP月卡自动续费"),
    ("顺心出行", "出行会员月卡"),
    ("乐享生活服务", "会员服务费"),
];
const WEST_RISES: &[(&str, &str)] = &[
    ("STREAMIX PLUS", "CARD PURCHASE"),
    ("PARCELPRO DELIVERY PASS", "CARD PURCHASE"),
];
const CN_BROKERS: &[&str] = &[
    "安途保险代理有限公司",
    "恒泰保险经纪(上海)有限公司",
    "惠民保险代理有限公司",
    "诚康保险销售服务有限公司",
];
const CN_INSURANCE_BRANDS: &[&str] = &["安心保", "福佑保", "暖心保", "康宁保"];
const CN_POLICIES: &[&str] = &[
    "百万医疗险保费",
    "意外险续期扣费",
    "重疾险月缴保费",
    "住院医疗险自动续保",
];
const WEST_BROKERS: &[&str] = &["SHIELDWELL INSURANCE AGENCY", "GUARDIAN LANE BROKERS"];
const CN_WEEKLIES: &[(&str, &str)] = &[
    ("追光短剧", "看剧周卡自动续费"),
    ("小鹿看书", "畅读周卡自动续费"),
    ("星河漫画", "漫画周会员"),
    ("声声有声", "听书周卡"),
];
const WEST_WEEKLIES: &[(&str, &str)] = &[
    ("STORYBITE WEEKLY", "CARD PURCHASE"),
    ("REELSNACK PASS", "CARD PURCHASE"),
];
const CN_ANNUALS: &[(&str, &str)] = &[
    ("知远云盘", "年度会员自动续费"),
    ("青松安全卫士", "专业版年费"),
    ("速通加速器", "年卡自动续费"),
    ("墨记笔记", "高级会员包年"),
];
const WEST_ANNUALS: &[(&str, &str)] = &[
    ("VAULTGUARD ANTIVIRUS", "CARD PURCHASE"),
    ("PENNOTE PRO", "CARD PURCHASE"),
];
const CN_LENDERS: &[&str] = &[
    "鼎信小额贷款有限公司",
    "安易消费金融有限公司",
    "金桥网络小额贷款有限公司",
];
const CN_FEE_TAKERS: &[&str] = &["瀚海信息技术有限公司", "优选权益科技有限公司"];
const CN_FEE_WORDS: &[&str] = &["会员费", "权益服务费", "加速审核会员", "担保费"];
const CN_SILENT_LENDERS: &[&str] = &["鑫诚数科", "融汇云科"];

// ---------------------------------------------------------------------------------------------
// Transactions

/// Which way money moved, as the person's main statement prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Out,
    In,
    /// 不计收支 / 中性交易 `/`.
    Neutral,
}

/// What a row is; decides the words each layout prints for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Purchase,
    Transfer,
    RedPacket,
    TopUp,
    Withdraw,
    Savings,
    CardRepay,
    Huabei,
    Salary,
    Bonus,
    Rent,
    Utility,
    Phone,
    Subscription,
    Insurance,
    LoanIn,
    LoanFee,
    Refund,
    Interest,
    Cash,
    Income,
}

/// What became of a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Done,
    /// Closed before any money moved.
    Unpaid,
    /// Closed in the wallet although the bank took the money; `true` when the wallet says 支出.
    ClosedCharged(bool),
    /// Refunded in full later.
    Refunded,
    /// Partly refunded later.
    PartRefunded,
    /// A transfer the friend sent back.
    Returned,
}

/// How a bank row reached the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rail {
    Alipay,
    Tenpay,
    Direct,
}

/// Where a row is printed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Channel {
    /// A wallet row paid (or received) with `method`; `mirrored` when that is the bank card whose
    /// statement is written too.
    Wallet { method: String, mirrored: bool },
    /// A row of the bank statement only.
    Bank(Rail),
}

/// One money movement of an invented life.
#[derive(Clone, Debug)]
struct Tx {
    at: NaiveDateTime,
    minor: i64,
    dir: Dir,
    kind: Kind,
    /// The other side as the main statement prints it.
    party: String,
    /// The other side as a bank prints it for a direct row (full names instead of masked ones).
    bank_party: String,
    /// Alipay 对方账号.
    account: String,
    desc: String,
    cat: &'static str,
    state: State,
    channel: Channel,
    /// Days after the wallet row that the bank books a mirrored row.
    bank_lag: i64,
    refund_of: Option<usize>,
    order: String,
    merchant_order: String,
    /// WeChat 交易类型 when it is not the default for the kind.
    wx_type: &'static str,
    /// WeChat 备注.
    note: String,
}

impl Tx {
    fn new(at: NaiveDateTime, minor: i64, dir: Dir, kind: Kind, party: &str) -> Tx {
        Tx {
            at,
            minor,
            dir,
            kind,
            party: party.to_string(),
            bank_party: party.to_string(),
            account: "/".to_string(),
            desc: String::new(),
            cat: "其他",
            state: State::Done,
            channel: Channel::Bank(Rail::Direct),
            bank_lag: 0,
            refund_of: None,
            order: String::new(),
            merchant_order: String::new(),
            wx_type: "",
            note: String::new(),
        }
    }

    fn desc(mut self, desc: &str) -> Tx {
        self.desc = desc.to_string();
        self
    }

    fn cat(mut self, cat: &'static str) -> Tx {
        self.cat = cat;
        self
    }

    fn via(mut self, channel: &Channel) -> Tx {
        self.channel = channel.clone();
        self
    }

    fn mirrored(&self) -> bool {
        matches!(self.channel, Channel::Wallet { mirrored: true, .. })
    }
}

/// The statement layouts written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Alipay,
    Wechat,
    Cmb,
    Icbc,
    BankEn,
    Ofx,
}

impl Layout {
    fn format(self) -> &'static str {
        match self {
            Layout::Alipay => "alipay",
            Layout::Wechat => "wechat_csv",
            Layout::Cmb => "bank_cn",
            Layout::Icbc => "icbc",
            Layout::BankEn => "bank_en",
            Layout::Ofx => "ofx",
        }
    }
}

/// Who writes what: the main layout and whether the funding card's ICBC statement comes too.
const PLAN: [(Layout, bool); 12] = [
    (Layout::Alipay, true),
    (Layout::Wechat, true),
    (Layout::Cmb, false),
    (Layout::BankEn, false),
    (Layout::Alipay, false),
    (Layout::Ofx, false),
    (Layout::Wechat, false),
    (Layout::Icbc, false),
    (Layout::Alipay, true),
    (Layout::BankEn, false),
    (Layout::Wechat, true),
    (Layout::Ofx, false),
];

/// The suspicious patterns planted in rotation (duplicates come to everyone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    Trial,
    Rise,
    Insurance,
    Weekly,
    Annual,
    Loan,
}

const PATTERNS: [Pattern; 6] = [
    Pattern::Trial,
    Pattern::Rise,
    Pattern::Insurance,
    Pattern::Weekly,
    Pattern::Annual,
    Pattern::Loan,
];

/// A labelled stream or one-off finding: the rows of its transactions.
struct Label {
    kind: &'static str,
    pattern: &'static str,
    frequency: &'static str,
    txs: Vec<usize>,
}

/// One invented person's statements-to-be.
struct Life {
    rng: Rng,
    index: usize,
    layout: Layout,
    mirror: bool,
    western: bool,
    patterns: Vec<Pattern>,
    start: NaiveDate,
    end: NaiveDate,
    /// Last four digits of the bank card (the statement's, or the wallet's funding card).
    card: String,
    /// Last four digits of a credit card that is never exported.
    credit: String,
    /// The savings card wallets top up from (never exported).
    savings: String,
    /// Line ends: CRLF or LF.
    crlf: bool,
    /// Layout variant (bank_en and OFX styles).
    style: u64,
    balance_start: i64,
    txs: Vec<Tx>,
    labels: Vec<Label>,
}

impl Life {
    /// Draws who person `index` is: layout, period, patterns.
    fn plan(index: usize, seed: u64) -> Life {
        let mut rng = Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
        let (layout, mirror) = PLAN[index % PLAN.len()];
        let western = matches!(layout, Layout::BankEn | Layout::Ofx);
        let first = (index * 5) % PATTERNS.len();
        let mut patterns: Vec<Pattern> = (0..3)
            .map(|k| PATTERNS[(first + k) % PATTERNS.len()])
            .collect();
        if rng.chance(0.35) {
            let extra = *rng.pick(&PATTERNS);
            if !patterns.contains(&extra) {
                patterns.push(extra);
            }
        }
        let months = if patterns.contains(&Pattern::Annual) {
            rng.range(13, 20)
        } else {
            rng.range(6, 20)
        } as i32;
        // Export dates: each Alipay slot lands in another era of the export (padded 2023 cells,
        // the 2024–25 banner, the late-2025 banner with 2026 refund numbers); the standalone ICBC
        // statement predates the v2 columns, the mirrored ones follow their wallet.
        let (lo, hi) = match layout {
            Layout::Alipay => match (index / 4) % 3 {
                0 => (ymd(2025, 10, 9), ymd(2026, 10, 31)),
                1 => (ymd(2023, 5, 1), ymd(2023, 12, 31)),
                _ => (ymd(2024, 1, 1), ymd(2025, 10, 8)),
            },
            // The CSV export ended in mid-2025 (XLSX since).
            Layout::Wechat => (ymd(2023, 3, 1), ymd(2025, 6, 30)),
            Layout::Icbc => (ymd(2023, 6, 1), ymd(2024, 8, 31)),
            _ => (ymd(2024, 1, 1), ymd(2026, 10, 31)),
        };
        let export = lo + Duration::days(rng.range(0, (hi - lo).num_days()));
        let end = export - Duration::days(1);
        let start = add_months(end, -months, end.day()) + Duration::days(1);
        // OFX: one-line transactions with times and a zone, or indented date-only ones; CMB:
        // oldest or newest row first.
        let style = match layout {
            Layout::Ofx => ((index / 6) % 2) as u64,
            _ => rng.below(2),
        };
        Life {
            index,
            layout,
            mirror,
            western,
            patterns,
            start,
            end,
            card: format!("{:04}", rng.range(1000, 9999)),
            credit: format!("{:04}", rng.range(1000, 9999)),
            savings: format!("{:04}", rng.range(1000, 9999)),
            crlf: rng.chance(0.5),
            style,
            balance_start: if western {
                rng.range(15, 60) * 10_000
            } else {
                rng.range(80, 600) * 10_000
            },
            txs: Vec::new(),
            labels: Vec::new(),
            rng,
        }
    }

    fn wallet(&self) -> bool {
        matches!(self.layout, Layout::Alipay | Layout::Wechat)
    }

    /// Whether bank rows of this person are written (a bank statement or a mirror file).
    fn has_bank(&self) -> bool {
        !self.wallet() || self.mirror
    }

    /// The days of the period.
    fn days(&self) -> Vec<NaiveDate> {
        let n = (self.end - self.start).num_days();
        (0..=n).map(|k| self.start + Duration::days(k)).collect()
    }

    /// The months (y, m) that overlap the period.
    fn months(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.start.year(), self.start.month());
        loop {
            out.push((y, m));
            if (y, m) == (self.end.year(), self.end.month()) {
                break;
            }
            (y, m) = shift_month(y, m, 1);
        }
        out
    }

    fn inside(&self, date: NaiveDate) -> bool {
        date >= self.start && date <= self.end
    }

    /// A random time of `date` between the hours `from` and `to` (inclusive).
    fn time_on(&mut self, date: NaiveDate, from: u32, to: u32) -> NaiveDateTime {
        let h = self.rng.range(from as i64, to.max(from) as i64) as u32;
        let m = self.rng.range(0, 59) as u32;
        let s = self.rng.range(0, 59) as u32;
        at(date, h, m, s)
    }

    /// A random day of the period, at least `margin_end` days before its end.
    fn some_day(&mut self, margin_start: i64, margin_end: i64) -> NaiveDate {
        let span = (self.end - self.start).num_days();
        let lo = margin_start.min(span);
        let hi = (span - margin_end).max(lo);
        self.start + Duration::days(self.rng.range(lo, hi))
    }

    /// The wallet method of an ordinary payment; the mirrored card with probability `card`.
    fn wallet_method(&mut self, card: f64) -> Channel {
        if self.mirror && self.rng.chance(card) {
            return Channel::Wallet {
                method: format!("工商银行储蓄卡({})", self.card),
                mirrored: true,
            };
        }
        let credit = format!("招商银行信用卡({})", self.credit);
        let method = match self.layout {
            Layout::Alipay => {
                let methods = ["余额", "余额宝", "花呗", "花呗", credit.as_str()];
                let method = self.rng.pick(&methods).to_string();
                if self.rng.chance(0.04) {
                    let discount = *self.rng.pick(&["红包", "支付宝随机立减", "花呗青春特惠"]);
                    format!("{method}&{discount}")
                } else {
                    method
                }
            }
            _ => {
                let methods = ["零钱", "零钱通", credit.as_str(), "零钱"];
                self.rng.pick(&methods).to_string()
            }
        };
        Channel::Wallet {
            method,
            mirrored: false,
        }
    }

    /// The method of a wallet transfer or red packet: a balance or a debit card (neither wallet
    /// lets a credit card or 花呗 fund a transfer to a person).
    fn transfer_method(&mut self, card: f64) -> Channel {
        if self.mirror && self.rng.chance(card) {
            return Channel::Wallet {
                method: format!("工商银行储蓄卡({})", self.card),
                mirrored: true,
            };
        }
        let methods: &[&str] = match self.layout {
            Layout::Alipay => &["余额", "余额宝", "余额宝"],
            _ => &["零钱", "零钱通", "零钱"],
        };
        Channel::Wallet {
            method: self.rng.pick(methods).to_string(),
            mirrored: false,
        }
    }

    /// The channel of a purchase: a wallet method, or the rail a bank prints.
    fn pay_channel(&mut self, card: f64) -> Channel {
        if self.wallet() {
            self.wallet_method(card)
        } else if self.western {
            Channel::Bank(Rail::Direct)
        } else if self.rng.chance(0.55) {
            Channel::Bank(Rail::Alipay)
        } else {
            Channel::Bank(Rail::Tenpay)
        }
    }

    /// Records a transaction (order numbers, bank booking lag) and returns its id.
    fn push(&mut self, mut tx: Tx) -> usize {
        let date = tx.at.date().format("%Y%m%d").to_string();
        if tx.order.is_empty() {
            tx.order = match self.layout {
                Layout::Wechat => match tx.kind {
                    Kind::Transfer | Kind::RedPacket | Kind::Rent | Kind::Income => {
                        format!("10000{}{date}{}", self.rng.digits(5), self.rng.digits(14))
                    }
                    _ => format!("42000{}{date}{}", self.rng.digits(5), self.rng.digits(10)),
                },
                _ => format!(
                    "{date}{}{}",
                    if self.rng.chance(0.5) { "2200" } else { "2000" },
                    self.rng.digits(16)
                ),
            };
        }
        // Merchants number their orders; transfers, repayments and QR payments to a person do not.
        let merchant = match tx.kind {
            Kind::Purchase => tx.wx_type != "扫二维码付款",
            Kind::Subscription | Kind::Insurance | Kind::Utility | Kind::Phone | Kind::LoanFee => {
                true
            }
            Kind::Rent => tx.cat == "住房物业",
            _ => false,
        };
        if tx.merchant_order.is_empty() && merchant {
            tx.merchant_order = match self.rng.below(3) {
                0 => format!("{date}{}", self.rng.digits(12)),
                1 => format!("SO{}", self.rng.digits(18)),
                _ => format!("M{}{}", self.rng.digits(6), self.rng.digits(12)),
            };
        }
        if tx.mirrored() || matches!(tx.state, State::ClosedCharged(_)) {
            let late = tx.at.hour() >= 22;
            tx.bank_lag = i64::from(self.rng.chance(if late { 0.7 } else { 0.12 }));
        }
        self.txs.push(tx);
        self.txs.len() - 1
    }

    /// Labels a stream when it has enough rows to be one (`min` transactions).
    fn label(
        &mut self,
        kind: &'static str,
        pattern: &'static str,
        frequency: &'static str,
        txs: Vec<usize>,
        min: usize,
    ) {
        if txs.len() >= min {
            self.labels.push(Label {
                kind,
                pattern,
                frequency,
                txs,
            });
        }
    }

    // -----------------------------------------------------------------------------------------
    // A life

    fn live(&mut self) {
        self.background();
        self.salary();
        self.rent();
        self.utilities();
        self.phone();
        self.subscriptions();
        self.family();
        self.card_repayments();
        self.interest();
        let patterns = self.patterns.clone();
        for pattern in patterns {
            match pattern {
                Pattern::Trial => self.trial_to_paid(),
                Pattern::Rise => self.price_rise(),
                Pattern::Insurance => self.insurance(),
                Pattern::Weekly => self.micro_weekly(),
                Pattern::Annual => self.annual(),
                Pattern::Loan => self.loan(),
            }
        }
        self.duplicates();
        if self.layout == Layout::Alipay && self.mirror {
            self.closed_but_charged();
        }
    }

    /// Everyday spending and money moves that are nobody's stream.
    fn background(&mut self) {
        let habits: Vec<&'static Habit> = {
            let pool = if self.western { WEST_HABITS } else { CN_HABITS };
            let k = if self.wallet() {
                self.rng.range(3, 5)
            } else {
                self.rng.range(3, 4)
            } as usize;
            self.rng
                .sample(pool.len(), k)
                .into_iter()
                .map(|i| &pool[i])
                .collect()
        };
        let shops = if self.western { WEST_SHOPS } else { CN_SHOPS };
        let grocer = if self.western {
            "GREENLEAF MARKET"
        } else {
            "惠邻生鲜超市"
        };
        let grocery_day = if self.rng.chance(0.5) {
            Weekday::Sat
        } else {
            Weekday::Sun
        };
        let scale = if self.wallet() { 1.0 } else { 0.6 };
        let goes_home = !self.western && self.rng.chance(0.7);
        for date in self.days() {
            let away = goes_home && holiday(date);
            let damp = if away { 0.15 } else { 1.0 };
            for h in &habits {
                let p = if weekend(date) { h.weekend } else { h.weekday };
                if self.rng.chance(p * scale * damp) {
                    let minor = self.rng.vary(h.base, h.spread, h.step);
                    let when = self.time_on(date, h.hours.0, h.hours.1);
                    let channel = self.pay_channel(0.3);
                    let mut tx = Tx::new(when, minor, Dir::Out, Kind::Purchase, h.party)
                        .desc(h.desc)
                        .cat(h.cat)
                        .via(&channel);
                    let small_shop = matches!(h.cat, "餐饮美食" | "日用百货");
                    if self.layout == Layout::Wechat && small_shop && self.rng.chance(0.3) {
                        tx.wx_type = "扫二维码付款";
                        tx.desc = "/".to_string();
                    }
                    let id = self.push(tx);
                    if self.rng.chance(0.012) {
                        self.refund(id, false);
                    }
                }
            }
            if date.weekday() == grocery_day && self.rng.chance(0.8 * damp) {
                let minor = self
                    .rng
                    .vary(if self.western { 6500 } else { 16000 }, 0.7, 1);
                let when = self.time_on(date, 9, 19);
                let channel = self.pay_channel(0.4);
                let desc = if self.western {
                    "CARD PURCHASE"
                } else {
                    "生鲜采购"
                };
                let tx = Tx::new(when, minor, Dir::Out, Kind::Purchase, grocer)
                    .desc(desc)
                    .cat("日用百货")
                    .via(&channel);
                self.push(tx);
            }
            if self.rng.chance(0.28 * scale) {
                let shop = *self.rng.pick(shops);
                let minor = self.rng.vary(shop.3, shop.4, 1);
                let when = self.time_on(date, 9, 23);
                let channel = self.pay_channel(0.3);
                let unpaid = self.layout == Layout::Alipay && shop.5 && self.rng.chance(0.06);
                let mut tx = Tx::new(when, minor, Dir::Out, Kind::Purchase, shop.0)
                    .desc(shop.1)
                    .cat(shop.2)
                    .via(&channel);
                if unpaid {
                    tx.state = State::Unpaid;
                    tx.dir = Dir::Neutral;
                    tx.channel = Channel::Wallet {
                        method: String::new(),
                        mirrored: false,
                    };
                }
                let id = self.push(tx);
                if !unpaid && shop.5 && self.rng.chance(0.07) {
                    let partial = self.layout == Layout::Wechat && self.rng.chance(0.35);
                    self.refund(id, partial);
                }
            }
            self.social(date);
            self.money_moves(date);
        }
    }

    /// A refund of `of`, a few days later (when still inside the period).
    fn refund(&mut self, of: usize, partial: bool) {
        let original = self.txs[of].clone();
        let date = original.at.date() + Duration::days(self.rng.range(0, 6));
        if !self.inside(date) {
            return;
        }
        let mut when = self.time_on(date, 8, 22);
        if when <= original.at {
            when = original.at + Duration::minutes(self.rng.range(20, 300));
        }
        let minor = if partial {
            round_to(original.minor * self.rng.range(20, 60) / 100, 10).max(10)
        } else {
            original.minor
        };
        let western = self.western;
        let wallet = self.wallet();
        let dir = if self.layout == Layout::Alipay {
            Dir::Neutral
        } else {
            Dir::In
        };
        let desc = if western {
            "REFUND".to_string()
        } else if wallet && self.layout == Layout::Alipay {
            format!("退款-{}", original.desc)
        } else {
            original.desc.clone()
        };
        let mut tx = Tx::new(when, minor, dir, Kind::Refund, &original.party)
            .desc(&desc)
            .cat("退款")
            .via(&original.channel);
        tx.refund_of = Some(of);
        tx.merchant_order = original.merchant_order.clone();
        if self.layout == Layout::Alipay {
            let suffix = self.rng.digits(10);
            tx.order = if date >= ymd(2026, 1, 1) {
                format!("{}*REFUND_{suffix}", original.order)
            } else {
                format!("{}_{suffix}", original.order)
            };
        }
        if wallet {
            self.txs[of].state = if partial {
                State::PartRefunded
            } else {
                State::Refunded
            };
        }
        self.push(tx);
    }

    /// Transfers to and from friends, red packets.
    fn social(&mut self, date: NaiveDate) {
        let wallet = self.wallet();
        let (out_p, in_p) = if wallet { (0.05, 0.035) } else { (0.03, 0.02) };
        for dir in [Dir::Out, Dir::In] {
            if !self.rng.chance(if dir == Dir::Out { out_p } else { in_p }) {
                continue;
            }
            let minor = if self.rng.chance(0.5) {
                self.rng.range(2, 80) * 1000
            } else {
                self.rng.range(1000, 80_000)
            };
            let when = self.time_on(date, 8, 23);
            let mut tx = if self.western {
                let who = *self.rng.pick(WEST_PEOPLE);
                let desc = if dir == Dir::Out {
                    "FASTER PAYMENT"
                } else {
                    "FASTER PAYMENT RECEIVED"
                };
                Tx::new(when, minor, dir, Kind::Transfer, who).desc(desc)
            } else {
                let (masked, full) = *self.rng.pick(CN_PEOPLE);
                let mut tx = Tx::new(when, minor, dir, Kind::Transfer, masked)
                    .desc(if self.layout == Layout::Wechat {
                        "/"
                    } else {
                        "转账"
                    })
                    .cat("转账红包");
                tx.bank_party = full.to_string();
                tx.account = format!("{}******{}", self.rng.range(130, 189), self.rng.digits(2));
                tx
            };
            if wallet {
                tx.channel = if dir == Dir::Out {
                    self.transfer_method(0.2)
                } else {
                    Channel::Wallet {
                        method: if self.layout == Layout::Alipay {
                            "余额"
                        } else {
                            "/"
                        }
                        .to_string(),
                        mirrored: false,
                    }
                };
                if self.layout == Layout::Wechat
                    && dir == Dir::Out
                    && !tx.mirrored()
                    && self.rng.chance(0.06)
                {
                    tx.state = State::Returned;
                }
            }
            self.push(tx);
        }
        if self.layout == Layout::Wechat {
            for dir in [Dir::Out, Dir::In] {
                if self.rng.chance(0.05) {
                    let minor = *self
                        .rng
                        .pick(&[666, 888, 1000, 2000, 5200, 6600, 8800, 20000]);
                    let when = self.time_on(date, 8, 23);
                    let (masked, _) = *self.rng.pick(CN_PEOPLE);
                    let channel = if dir == Dir::Out {
                        self.transfer_method(0.0)
                    } else {
                        Channel::Wallet {
                            method: "/".to_string(),
                            mirrored: false,
                        }
                    };
                    let tx = Tx::new(when, minor, dir, Kind::RedPacket, masked)
                        .desc("/")
                        .via(&channel);
                    self.push(tx);
                }
            }
        }
    }

    /// Top-ups, withdrawals, savings moves and cash.
    fn money_moves(&mut self, date: NaiveDate) {
        match self.layout {
            Layout::Alipay => {
                if self.rng.chance(0.03) {
                    let minor = self.rng.range(5, 50) * 10_000;
                    let when = self.time_on(date, 8, 23);
                    let channel = Channel::Wallet {
                        method: format!("招商银行储蓄卡({})", self.savings),
                        mirrored: false,
                    };
                    let tx = Tx::new(when, minor, Dir::Neutral, Kind::Savings, "余额宝")
                        .desc("余额宝-单次转入")
                        .cat("投资理财")
                        .via(&channel);
                    self.push(tx);
                }
                if date.day() == 9 {
                    let when = self.time_on(date, 9, 21);
                    let minor = self.rng.range(30_000, 400_000);
                    let channel = Channel::Wallet {
                        method: "余额宝".to_string(),
                        mirrored: false,
                    };
                    let (y, m) = shift_month(date.year(), date.month(), -1);
                    let desc = format!("花呗主动还款-{y}年{m:02}月账单");
                    let tx = Tx::new(when, minor, Dir::Neutral, Kind::Huabei, "花呗")
                        .desc(&desc)
                        .cat("信用借还")
                        .via(&channel);
                    self.push(tx);
                }
                if date.day() == 20 && self.rng.chance(0.8) {
                    let when = self.time_on(date, 9, 21);
                    let minor = self.rng.range(80_000, 600_000);
                    let channel = Channel::Wallet {
                        method: "余额宝".to_string(),
                        mirrored: false,
                    };
                    let desc = format!("信用卡还款-招商银行信用卡({})", self.credit);
                    let tx = Tx::new(when, minor, Dir::Neutral, Kind::CardRepay, "信用卡还款")
                        .desc(&desc)
                        .cat("信用借还")
                        .via(&channel);
                    self.push(tx);
                }
            }
            Layout::Wechat => {
                let savings = format!("招商银行({})", self.savings);
                let roll = self.rng.unit();
                let (kind, party, status_method) = if roll < 0.02 {
                    (
                        Kind::TopUp,
                        savings.as_str(),
                        format!("招商银行储蓄卡({})", self.savings),
                    )
                } else if roll < 0.035 {
                    (Kind::Withdraw, savings.as_str(), "零钱".to_string())
                } else if roll < 0.05 {
                    (Kind::Savings, "零钱通", "零钱".to_string())
                } else {
                    (Kind::Purchase, "", String::new())
                };
                if kind != Kind::Purchase {
                    let minor = self.rng.range(2, 30) * 10_000;
                    let when = self.time_on(date, 8, 23);
                    let channel = Channel::Wallet {
                        method: status_method,
                        mirrored: false,
                    };
                    let mut tx = Tx::new(when, minor, Dir::Neutral, kind, party)
                        .desc("/")
                        .via(&channel);
                    if kind == Kind::Withdraw {
                        tx.note = format!("服务费¥{}", yuan((minor / 1000).max(10)));
                    }
                    self.push(tx);
                }
                if date.day() == 18 && self.rng.chance(0.85) {
                    let when = self.time_on(date, 9, 21);
                    let minor = self.rng.range(60_000, 500_000);
                    let channel = Channel::Wallet {
                        method: "零钱通".to_string(),
                        mirrored: false,
                    };
                    let tx = Tx::new(when, minor, Dir::Neutral, Kind::CardRepay, "招商银行")
                        .desc("信用卡还款")
                        .via(&channel);
                    self.push(tx);
                }
            }
            _ => {}
        }
        if self.has_bank() && self.rng.chance(0.025) {
            let minor = if self.western {
                self.rng.range(2, 20) * 1000
            } else {
                self.rng.range(2, 20) * 10_000
            };
            let when = self.time_on(date, 8, 22);
            let (party, desc) = if self.western {
                ("CASH MACHINE", "CASH WITHDRAWAL")
            } else {
                ("ATM取款", "ATM取款")
            };
            let tx = Tx::new(when, minor, Dir::Out, Kind::Cash, party).desc(desc);
            self.push(tx);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Expected streams

    fn salary(&mut self) {
        if self.wallet() && !self.mirror {
            // Wallet-only people: some are paid for freelance work through the wallet.
            if self.rng.chance(0.5) {
                self.freelance();
            }
            return;
        }
        let employer = if self.western {
            *self.rng.pick(WEST_EMPLOYERS)
        } else {
            *self.rng.pick(CN_EMPLOYERS)
        };
        let base = if self.western {
            self.rng.range(1800, 4200) * 100
        } else {
            self.rng.range(60, 280) * 10_000
        };
        let day = if self.western {
            *self.rng.pick(&[25u32, 28, 31])
        } else {
            *self.rng.pick(&[5u32, 10, 15, 20])
        };
        let merged_bonus = self.rng.chance(0.5);
        let raise_after = self.rng.range(10, 14) as usize;
        let mut ids = Vec::new();
        for (k, (y, m)) in self.months().into_iter().enumerate() {
            let date = working_day_before(on_day(y, m, day));
            if !self.inside(date) {
                continue;
            }
            let mut minor = if self.western {
                base
            } else {
                self.rng.vary(base, 0.04, 1)
            };
            if k >= raise_after {
                minor = minor * 103 / 100;
            }
            let bonus_month = if self.western {
                m == 12
            } else {
                new_year(y).is_some_and(|d| (y, m) == shift_month(d.year(), d.month(), -1))
            };
            let mut bonus = None;
            if bonus_month {
                let extra = base * self.rng.range(10, 30) / 10;
                if merged_bonus {
                    minor += extra;
                } else {
                    bonus = Some(extra);
                }
            }
            let when = self.time_on(date, 9, 17);
            let desc = if self.western {
                "SALARY"
            } else {
                "代发工资"
            };
            let tx = Tx::new(when, minor, Dir::In, Kind::Salary, employer).desc(desc);
            ids.push(self.push(tx));
            if let Some(extra) = bonus {
                let desc = if self.western { "BONUS" } else { "年终奖" };
                let later = when + Duration::minutes(self.rng.range(5, 240));
                let tx = Tx::new(later, extra, Dir::In, Kind::Bonus, employer).desc(desc);
                self.push(tx);
            }
        }
        self.label("income", "salary", "monthly", ids, 3);
    }

    fn freelance(&mut self) {
        let party = *self
            .rng
            .pick(&["木棉设计工作室", "拾光文案工作室", "青橙摄影工作室"]);
        let base = self.rng.range(20, 60) * 10_000;
        let day = self.rng.range(15, 25) as u32;
        let mut ids = Vec::new();
        for (y, m) in self.months() {
            let date = on_day(y, m, day) + Duration::days(self.rng.range(-2, 2));
            if !self.inside(date) || self.rng.chance(0.08) {
                continue;
            }
            let minor = self.rng.vary(base, 0.15, 100);
            let when = self.time_on(date, 10, 20);
            let channel = Channel::Wallet {
                method: if self.layout == Layout::Alipay {
                    "余额"
                } else {
                    "/"
                }
                .to_string(),
                mirrored: false,
            };
            let desc = if self.layout == Layout::Alipay {
                "劳务费"
            } else {
                "/"
            };
            let tx = Tx::new(when, minor, Dir::In, Kind::Income, party)
                .desc(desc)
                .cat("收入")
                .via(&channel);
            ids.push(self.push(tx));
        }
        self.label("income", "freelance", "monthly", ids, 3);
    }

    fn rent(&mut self) {
        if !self.rng.chance(0.65) {
            return;
        }
        let quarterly = self.rng.chance(0.25);
        let mut minor = if self.western {
            self.rng.range(75, 180) * 1000
        } else {
            self.rng.range(12, 65) * 10_000
        };
        let day = self.rng.range(1, 8) as u32;
        // The lease started some months before the statements; it renews every 12 months.
        let lease_month = self.rng.range(0, 11) as usize;
        let rises = self.rng.chance(0.4);
        let agency = self.rng.chance(0.35);
        let (party, bank_party, desc, cat) = if self.western {
            let who = if agency {
                "HARLOW LETTINGS"
            } else {
                "J PEMBERTON"
            };
            (
                who.to_string(),
                who.to_string(),
                "STANDING ORDER".to_string(),
                "住房物业",
            )
        } else if agency {
            (
                "安居寓所".to_string(),
                "安居寓所管理有限公司".to_string(),
                "房租".to_string(),
                "住房物业",
            )
        } else {
            (
                "林*".to_string(),
                "林国栋".to_string(),
                "房租".to_string(),
                "转账红包",
            )
        };
        let channel = match (self.wallet(), agency) {
            (true, true) => self.wallet_method(0.6),
            (true, false) => self.transfer_method(0.6),
            _ => Channel::Bank(Rail::Direct),
        };
        let mut ids = Vec::new();
        for (k, (y, m)) in self.months().into_iter().enumerate() {
            if quarterly && !(k + lease_month).is_multiple_of(3) {
                continue;
            }
            if rises && k > 0 && (k + lease_month).is_multiple_of(12) {
                minor = round_to(minor * self.rng.range(103, 108) / 100, 1000);
            }
            let date = on_day(y, m, day) - Duration::days(self.rng.range(0, 2));
            if !self.inside(date) {
                continue;
            }
            let when = self.time_on(date, 8, 22);
            let mut tx = Tx::new(when, minor, Dir::Out, Kind::Rent, &party)
                .desc(if self.layout == Layout::Wechat && !agency {
                    "转账备注:房租"
                } else {
                    &desc
                })
                .cat(cat)
                .via(&channel);
            tx.bank_party = bank_party.clone();
            if agency {
                tx.wx_type = "商户消费";
            }
            if !agency && !self.western {
                tx.account = format!("lin***@{}.com", *self.rng.pick(&["163", "qq", "126"]));
            }
            ids.push(self.push(tx));
        }
        let frequency = if quarterly { "quarterly" } else { "monthly" };
        self.label("benign", "rent", frequency, ids, 3);
    }

    fn utilities(&mut self) {
        let pool = if self.western {
            WEST_BILLERS
        } else {
            CN_BILLERS
        };
        let n = self.rng.range(1, 3) as usize;
        for i in self.rng.sample(pool.len(), n) {
            let (party, desc, base, season) = pool[i];
            let base = self.rng.vary(base, 0.35, 1);
            // Paid by hand on drifting days, or taken by direct debit on a fixed day.
            let by_hand = !self.western && self.rng.chance(0.75);
            let bimonthly = party.contains("水") && self.rng.chance(0.4);
            let skip_new_year = by_hand && self.rng.chance(0.6);
            let day = self.rng.range(5, 20);
            let household = format!("户号{}", self.rng.digits(10));
            let channel = if self.wallet() {
                self.wallet_method(0.3)
            } else if self.western || !by_hand {
                Channel::Bank(Rail::Direct)
            } else if self.rng.chance(0.6) {
                Channel::Bank(Rail::Alipay)
            } else {
                Channel::Bank(Rail::Tenpay)
            };
            let mut carry = 0.0;
            let mut ids = Vec::new();
            for (k, (y, m)) in self.months().into_iter().enumerate() {
                if bimonthly && k % 2 == 1 {
                    continue;
                }
                carry += if bimonthly { 2.0 } else { 1.0 };
                if skip_new_year && new_year_month(y, m) {
                    continue;
                }
                let drift = if by_hand { self.rng.range(-6, 6) } else { 0 };
                let d = (day + drift).clamp(1, i64::from(month_len(y, m))) as u32;
                let date = ymd(y, m, d);
                if !self.inside(date) {
                    carry = 0.0;
                    continue;
                }
                let factor = f64::from(season[m as usize - 1]) / 100.0 * carry;
                carry = 0.0;
                let minor = self.rng.vary((base as f64 * factor) as i64, 0.12, 1);
                let when = if by_hand {
                    self.time_on(date, 8, 23)
                } else {
                    self.time_on(date, 2, 6)
                };
                let text = if self.western {
                    desc.to_string()
                } else {
                    format!("{desc} {household}")
                };
                let tx = Tx::new(when, minor, Dir::Out, Kind::Utility, party)
                    .desc(&text)
                    .cat("充值缴费")
                    .via(&channel);
                ids.push(self.push(tx));
            }
            let frequency = if bimonthly { "bimonthly" } else { "monthly" };
            self.label("benign", "utility", frequency, ids, 3);
        }
    }

    fn phone(&mut self) {
        let (party, plan_desc, topup_desc) = if self.western {
            (
                *self.rng.pick(&["SKYLARK MOBILE", "BLUEWAVE TELECOM"]),
                "DIRECT DEBIT",
                "TOP UP",
            )
        } else {
            (
                *self.rng.pick(&["远航移动通信", "星联通信"]),
                "手机套餐费",
                "话费充值",
            )
        };
        let plan = self.western || self.rng.chance(0.5);
        let channel = if self.wallet() {
            self.wallet_method(0.3)
        } else if self.western || plan {
            Channel::Bank(Rail::Direct)
        } else {
            Channel::Bank(Rail::Tenpay)
        };
        let mut ids = Vec::new();
        if plan {
            let minor = if self.western {
                *self.rng.pick(&[1200, 1800, 2500, 3500])
            } else {
                *self.rng.pick(&[3900, 5800, 8800, 12800])
            };
            let day = self.rng.range(1, 5) as u32;
            for (y, m) in self.months() {
                let date = on_day(y, m, day);
                if !self.inside(date) {
                    continue;
                }
                let when = self.time_on(date, 0, 6);
                let tx = Tx::new(when, minor, Dir::Out, Kind::Phone, party)
                    .desc(plan_desc)
                    .cat("充值缴费")
                    .via(&channel);
                ids.push(self.push(tx));
            }
        } else {
            let minor = *self.rng.pick(&[5000, 10000]);
            let mut date = self.start + Duration::days(self.rng.range(0, 20));
            while self.inside(date) {
                let when = self.time_on(date, 8, 23);
                let tx = Tx::new(when, minor, Dir::Out, Kind::Phone, party)
                    .desc(topup_desc)
                    .cat("充值缴费")
                    .via(&channel);
                ids.push(self.push(tx));
                date += Duration::days(self.rng.range(26, 36));
            }
        }
        self.label("benign", "phone", "monthly", ids, 3);
        if self.western && self.rng.chance(0.5) {
            self.council_tax();
        }
    }

    /// UK council tax: ten monthly instalments, April to January.
    fn council_tax(&mut self) {
        let minor = self.rng.range(110, 220) * 100;
        let day = self.rng.range(1, 15) as u32;
        let mut ids = Vec::new();
        for (y, m) in self.months() {
            if matches!(m, 2 | 3) {
                continue;
            }
            let date = on_day(y, m, day);
            if !self.inside(date) {
                continue;
            }
            let when = self.time_on(date, 3, 7);
            let tx = Tx::new(when, minor, Dir::Out, Kind::Utility, "CITY COUNCIL TAX")
                .desc("DIRECT DEBIT");
            ids.push(self.push(tx));
        }
        self.label("benign", "council_tax", "monthly", ids, 3);
    }

    fn subscriptions(&mut self) {
        let pool = if self.western {
            WEST_SUBSCRIPTIONS
        } else {
            CN_SUBSCRIPTIONS
        };
        let n = self.rng.range(1, 3) as usize;
        let month_end = self.rng.chance(0.45);
        for (k, i) in self.rng.sample(pool.len(), n).into_iter().enumerate() {
            let (party, desc, prices) = pool[i];
            let minor = *self.rng.pick(prices);
            let day = if k == 0 && month_end {
                31
            } else {
                self.rng.range(1, 28) as u32
            };
            let hour = self.rng.range(0, 23) as u32;
            let channel = if self.wallet() {
                self.wallet_method(0.5)
            } else if self.western {
                Channel::Bank(Rail::Direct)
            } else if self.rng.chance(0.5) {
                Channel::Bank(Rail::Alipay)
            } else {
                Channel::Bank(Rail::Tenpay)
            };
            let months = self.months();
            let first = if self.rng.chance(0.7) {
                0
            } else {
                self.rng.range(1, (months.len() / 2) as i64) as usize
            };
            let cancel_after = if self.rng.chance(0.2) {
                Some(self.rng.range(4, 8) as usize)
            } else {
                None
            };
            let mut ids = Vec::new();
            for &(y, m) in &months[first..] {
                if cancel_after.is_some_and(|c| ids.len() >= c) {
                    break;
                }
                let date = on_day(y, m, day);
                if !self.inside(date) {
                    continue;
                }
                let minute = self.rng.range(0, 20) as u32;
                let when = at(date, hour, minute, self.rng.range(0, 59) as u32);
                let tx = Tx::new(when, minor, Dir::Out, Kind::Subscription, party)
                    .desc(desc)
                    .cat("文化休闲")
                    .via(&channel);
                ids.push(self.push(tx));
            }
            self.label("subscription", "subscription", "monthly", ids, 3);
        }
    }

    /// A monthly allowance to a parent.
    fn family(&mut self) {
        if self.western || !self.rng.chance(0.35) {
            return;
        }
        let minor = *self.rng.pick(&[50_000, 80_000, 100_000, 150_000, 200_000]);
        let day = self.rng.range(1, 28) as u32;
        let (masked, full) = *self.rng.pick(&[
            ("王*芬", "王秀芬"),
            ("刘*华", "刘建华"),
            ("张*英", "张桂英"),
        ]);
        let channel = if self.wallet() {
            self.transfer_method(0.5)
        } else {
            Channel::Bank(Rail::Direct)
        };
        let mut ids = Vec::new();
        for (y, m) in self.months() {
            let date = on_day(y, m, day) + Duration::days(self.rng.range(0, 3));
            if !self.inside(date) {
                continue;
            }
            let when = self.time_on(date, 8, 22);
            let mut tx = Tx::new(when, minor, Dir::Out, Kind::Transfer, masked)
                .desc(if self.layout == Layout::Wechat {
                    "/"
                } else {
                    "转账"
                })
                .cat("转账红包")
                .via(&channel);
            tx.bank_party = full.to_string();
            tx.account = format!("{}******{}", self.rng.range(130, 189), self.rng.digits(2));
            ids.push(self.push(tx));
        }
        self.label("benign", "family_transfer", "monthly", ids, 3);
    }

    /// A credit card paid from the bank account every month (amount = the card's bill).
    fn card_repayments(&mut self) {
        if !self.has_bank() || !self.rng.chance(if self.wallet() { 0.4 } else { 0.7 }) {
            return;
        }
        let day = self.rng.range(5, 25) as u32;
        let (party, desc) = if self.western {
            ("OAKCARD", "DIRECT DEBIT")
        } else {
            ("信用卡还款", "自动还款")
        };
        let base = if self.western { 45_000 } else { 300_000 };
        let mut ids = Vec::new();
        for (y, m) in self.months() {
            let date = on_day(y, m, day);
            if !self.inside(date) {
                continue;
            }
            let minor = self.rng.vary(base, 0.6, 1);
            let when = self.time_on(date, 2, 6);
            let tx = Tx::new(when, minor, Dir::Out, Kind::CardRepay, party).desc(desc);
            ids.push(self.push(tx));
        }
        self.label("benign", "card_repayment", "monthly", ids, 3);
    }

    /// Quarterly deposit interest on Chinese debit cards (the 21st of the last month of a quarter).
    fn interest(&mut self) {
        if !self.has_bank() || self.western {
            return;
        }
        let mut ids = Vec::new();
        for (y, m) in self.months() {
            if !m.is_multiple_of(3) {
                continue;
            }
            let date = ymd(y, m, 21);
            if !self.inside(date) {
                continue;
            }
            let minor = self.rng.range(30, 4000);
            let when = at(date, 0, 0, 0) + Duration::seconds(self.rng.range(3600, 7200));
            let tx = Tx::new(when, minor, Dir::In, Kind::Interest, "结息").desc("结息");
            ids.push(self.push(tx));
        }
        self.label("income", "interest", "quarterly", ids, 3);
    }

    // -----------------------------------------------------------------------------------------
    // Suspicious patterns

    /// A stream's channel: wallet method (the mirrored card half the time) or a bank rail.
    fn stream_channel(&mut self) -> Channel {
        if self.wallet() {
            self.wallet_method(0.5)
        } else if self.western {
            Channel::Bank(Rail::Direct)
        } else if self.rng.chance(0.5) {
            Channel::Bank(Rail::Alipay)
        } else {
            Channel::Bank(Rail::Tenpay)
        }
    }

    fn trial_to_paid(&mut self) {
        let (party, product) = if self.western {
            *self.rng.pick(WEST_TRIALS)
        } else {
            *self.rng.pick(CN_TRIALS)
        };
        let trial = *self.rng.pick(&[1i64, 10, 100, 199, 490, 600, 990]);
        let price = price_point(&mut self.rng, 15, 99);
        let week_trial = self.rng.chance(0.3);
        let first = self.some_day(5, 130);
        let channel = self.stream_channel();
        let hour = self.rng.range(0, 23) as u32;
        let (trial_desc, paid_desc) = if self.western {
            (product.to_string(), product.to_string())
        } else if week_trial {
            (format!("{product}7天体验"), format!("{product}自动续费"))
        } else {
            (format!("{product}首月特惠"), format!("{product}连续包月"))
        };
        let when = at(
            first,
            hour,
            self.rng.range(0, 59) as u32,
            self.rng.range(0, 59) as u32,
        );
        let tx = Tx::new(when, trial, Dir::Out, Kind::Subscription, party)
            .desc(&trial_desc)
            .cat("文化休闲")
            .via(&channel);
        let mut ids = vec![self.push(tx)];
        let paid_start = if week_trial {
            first + Duration::days(7)
        } else {
            add_months(first, 1, first.day())
        };
        let stop = if self.rng.chance(0.35) {
            self.rng.range(3, 6) as usize
        } else {
            usize::MAX
        };
        for k in 0.. {
            let date = add_months(paid_start, k, paid_start.day());
            if !self.inside(date) || ids.len() > stop {
                break;
            }
            let when = at(
                date,
                hour,
                self.rng.range(0, 59) as u32,
                self.rng.range(0, 59) as u32,
            );
            let tx = Tx::new(when, price, Dir::Out, Kind::Subscription, party)
                .desc(&paid_desc)
                .cat("文化休闲")
                .via(&channel);
            ids.push(self.push(tx));
        }
        self.label("suspicious", "trial_to_paid", "monthly", ids, 4);
    }

    fn price_rise(&mut self) {
        let (party, desc) = if self.western {
            *self.rng.pick(WEST_RISES)
        } else {
            *self.rng.pick(CN_RISES)
        };
        let mut price = price_point(&mut self.rng, 15, 45);
        let channel = self.stream_channel();
        let months = self.months().len();
        let first = if months > 9 {
            self.rng.range(0, (months - 8) as i64) as usize
        } else {
            0
        };
        let count = months - first;
        // One or two steps, each price held for at least two charges.
        let step1 = self.rng.range(2, (count as i64 / 2).max(2)) as usize;
        let step2 = if count >= step1 + 6 && self.rng.chance(0.5) {
            Some(step1 + self.rng.range(3, (count - step1 - 2) as i64) as usize)
        } else {
            None
        };
        let day = self.rng.range(1, 28) as u32;
        let hour = self.rng.range(0, 23) as u32;
        let mut ids = Vec::new();
        for (k, &(y, m)) in self.months()[first..].iter().enumerate() {
            if k == step1 || Some(k) == step2 {
                let pct = self.rng.range(5, 40);
                price = round_to(price * (100 + pct) / 100, 10);
            }
            let date = on_day(y, m, day);
            if !self.inside(date) {
                continue;
            }
            let when = at(
                date,
                hour,
                self.rng.range(0, 59) as u32,
                self.rng.range(0, 59) as u32,
            );
            let tx = Tx::new(when, price, Dir::Out, Kind::Subscription, party)
                .desc(desc)
                .cat("生活服务")
                .via(&channel);
            ids.push(self.push(tx));
        }
        self.label("suspicious", "price_increase", "monthly", ids, 4);
    }

    fn insurance(&mut self) {
        let bank_only = self.has_bank() && self.rng.chance(if self.wallet() { 0.5 } else { 0.35 });
        let parallel = !self.western && self.rng.chance(0.25);
        let brand = !self.western && self.rng.chance(0.45);
        let party = if self.western {
            *self.rng.pick(WEST_BROKERS)
        } else if brand {
            *self.rng.pick(CN_INSURANCE_BRANDS)
        } else {
            *self.rng.pick(CN_BROKERS)
        };
        let channel = if bank_only {
            Channel::Bank(Rail::Direct)
        } else {
            self.stream_channel()
        };
        let policies = if parallel { 2 } else { 1 };
        let first = self.some_day(0, 120);
        let day = first.day();
        let low_first = self.rng.chance(0.4);
        let yearly_step = self.rng.chance(0.5);
        for _ in 0..policies {
            let policy = *self.rng.pick(CN_POLICIES);
            let desc = if self.western { "DIRECT DEBIT" } else { policy };
            let mut premium = if self.western {
                price_point(&mut self.rng, 9, 45)
            } else {
                self.rng.range(20, 300) * 100 - *self.rng.pick(&[0, 10, 14])
            };
            let hour = self.rng.range(0, 23) as u32;
            let mut ids = Vec::new();
            for k in 0.. {
                let date = add_months(first, k, day);
                if !self.inside(date) {
                    break;
                }
                if yearly_step && k > 0 && k % 12 == 0 {
                    premium = round_to(premium * self.rng.range(120, 160) / 100, 10);
                }
                let minor = if k == 0 && low_first {
                    *self.rng.pick(&[10i64, 100, 230])
                } else {
                    premium
                };
                let when = at(
                    date,
                    hour,
                    self.rng.range(0, 59) as u32,
                    self.rng.range(0, 59) as u32,
                );
                let text = if k == 0 && low_first && !self.western {
                    format!("首月{}元 {policy}", yuan(minor).trim_end_matches(".00"))
                } else {
                    desc.to_string()
                };
                let tx = Tx::new(when, minor, Dir::Out, Kind::Insurance, party)
                    .desc(&text)
                    .cat("保险")
                    .via(&channel);
                ids.push(self.push(tx));
            }
            self.label("suspicious", "insurance_autodebit", "monthly", ids, 3);
        }
    }

    fn micro_weekly(&mut self) {
        let (party, desc) = if self.western {
            *self.rng.pick(WEST_WEEKLIES)
        } else {
            *self.rng.pick(CN_WEEKLIES)
        };
        let price = *self
            .rng
            .pick(&[300i64, 600, 990, 1290, 1500, 1900, 2500, 2990]);
        let weeks = self.rng.range(6, 40);
        let first = self.some_day(0, 7 * 6);
        let channel = self.stream_channel();
        let hour = self.rng.range(0, 23) as u32;
        let minute = self.rng.range(5, 50);
        let trial = self.rng.chance(0.3);
        let missed = if self.rng.chance(0.3) {
            self.rng.range(2, 5)
        } else {
            -1
        };
        let mut ids = Vec::new();
        for k in 0..weeks {
            let date = first + Duration::days(7 * k);
            if !self.inside(date) {
                break;
            }
            if k == missed {
                continue;
            }
            let minor = if k == 0 && trial {
                *self.rng.pick(&[10i64, 100])
            } else {
                price
            };
            let when = at(date, hour, 0, 0)
                + Duration::seconds(60 * (minute + self.rng.range(-4, 4)) + self.rng.range(0, 59));
            let tx = Tx::new(when, minor, Dir::Out, Kind::Subscription, party)
                .desc(desc)
                .cat("文化休闲")
                .via(&channel);
            ids.push(self.push(tx));
        }
        self.label("suspicious", "micro_weekly", "weekly", ids, 4);
    }

    fn annual(&mut self) {
        let (party, desc) = if self.western {
            *self.rng.pick(WEST_ANNUALS)
        } else {
            *self.rng.pick(CN_ANNUALS)
        };
        let price = if self.western {
            price_point(&mut self.rng, 30, 120)
        } else {
            price_point(&mut self.rng, 88, 698)
        };
        // The first charge early enough for the renewal a year later to fall inside the period.
        let latest = add_months(self.end, -12, self.end.day());
        let room = (latest - self.start).num_days().max(0);
        let first = self.start + Duration::days(self.rng.range(0, room));
        let channel = self.stream_channel();
        let hour = self.rng.range(0, 23) as u32;
        let mut ids = Vec::new();
        for k in 0..3 {
            let date = add_months(first, 12 * k, first.day())
                + Duration::days(if k > 0 { self.rng.range(-1, 0) } else { 0 });
            if !self.inside(date) {
                break;
            }
            let when = at(
                date,
                hour,
                self.rng.range(0, 59) as u32,
                self.rng.range(0, 59) as u32,
            );
            let tx = Tx::new(when, price, Dir::Out, Kind::Subscription, party)
                .desc(desc)
                .cat("文化休闲")
                .via(&channel);
            ids.push(self.push(tx));
        }
        self.label("suspicious", "annual_renewal", "annually", ids, 2);
    }

    fn loan(&mut self) {
        let worded = self.rng.chance(0.6);
        let monthly = self.rng.chance(0.6);
        let principal = if self.western {
            self.rng.range(5, 30) * 10_000
        } else {
            self.rng.range(6, 40) * 50_000
        };
        let (lender, lender_desc, fee_party, fee_desc) = if self.western {
            if worded {
                (
                    "QUICKFUND LOANS",
                    "LOAN ADVANCE",
                    "QUICKFUND MEMBERS CLUB",
                    "MEMBERSHIP FEE",
                )
            } else {
                (
                    "HALCYON FINTECH",
                    "FASTER PAYMENT RECEIVED",
                    "HALCYON FINTECH",
                    "DIRECT DEBIT",
                )
            }
        } else if worded {
            (
                *self.rng.pick(CN_LENDERS),
                *self.rng.pick(&["借款到账", "放款"]),
                *self.rng.pick(CN_FEE_TAKERS),
                *self.rng.pick(CN_FEE_WORDS),
            )
        } else {
            let who = *self.rng.pick(CN_SILENT_LENDERS);
            (who, "资金划入", who, "服务订单")
        };
        let fee = if self.western {
            price_point(&mut self.rng, 49, 199)
        } else {
            price_point(&mut self.rng, 99, 399)
        };
        let day0 = self.some_day(10, if monthly { 120 } else { 20 });
        // The loan lands where the person banks: the bank card when its statement is written.
        let loan_channel = if self.has_bank() {
            Channel::Bank(Rail::Direct)
        } else {
            Channel::Wallet {
                method: if self.layout == Layout::Alipay {
                    "余额"
                } else {
                    "/"
                }
                .to_string(),
                mirrored: false,
            }
        };
        let when = self.time_on(day0, 0, 23);
        let mut tx = Tx::new(when, principal, Dir::In, Kind::LoanIn, lender)
            .desc(lender_desc)
            .cat("信用借还")
            .via(&loan_channel);
        tx.wx_type = "其他";
        let mut ids = vec![self.push(tx)];
        // Fees go through the wallet, or straight to the bank card as a 代扣 / direct debit.
        let fee_channel = if self.wallet() {
            if self.mirror && self.rng.chance(0.4) {
                Channel::Bank(Rail::Direct)
            } else {
                self.wallet_method(0.5)
            }
        } else if self.western {
            Channel::Bank(Rail::Direct)
        } else {
            Channel::Bank(*self.rng.pick(&[Rail::Alipay, Rail::Tenpay, Rail::Direct]))
        };
        let first_fee = day0 + Duration::days(self.rng.range(0, 2));
        let n = if monthly { self.rng.range(4, 12) } else { 1 };
        let hour = self.rng.range(0, 6) as u32;
        for k in 0..n {
            let date = add_months(first_fee, k as i32, first_fee.day());
            if !self.inside(date) {
                break;
            }
            let mut when = at(
                date,
                hour,
                self.rng.range(0, 59) as u32,
                self.rng.range(0, 59) as u32,
            );
            if when <= self.txs[ids[0]].at {
                when = self.txs[ids[0]].at + Duration::minutes(self.rng.range(3, 90));
            }
            let tx = Tx::new(when, fee, Dir::Out, Kind::LoanFee, fee_party)
                .desc(fee_desc)
                .cat("商业服务")
                .via(&fee_channel);
            ids.push(self.push(tx));
        }
        let frequency = if monthly { "monthly" } else { "once" };
        self.label("suspicious", "loan_fee", frequency, ids, 2);
    }

    /// The same charge taken twice: minutes apart, or on the same day in bank files without times.
    fn duplicates(&mut self) {
        let n = 1 + usize::from(self.rng.chance(0.35));
        for _ in 0..n {
            let shops = if self.western { WEST_SHOPS } else { CN_SHOPS };
            let shop = *self.rng.pick(shops);
            let minor = self.rng.vary(shop.3.max(3000), shop.4, 1).max(2500);
            let date = self.some_day(3, 3);
            let first = self.time_on(date, 9, 21);
            let timeless = matches!(self.layout, Layout::Icbc | Layout::BankEn);
            let second = if timeless {
                first + Duration::minutes(self.rng.range(30, 150))
            } else {
                first + Duration::seconds(self.rng.range(25, 540))
            };
            let channel = self.pay_channel(0.5);
            let mut ids = Vec::new();
            for when in [first, second] {
                let tx = Tx::new(when, minor, Dir::Out, Kind::Purchase, shop.0)
                    .desc(shop.1)
                    .cat(shop.2)
                    .via(&channel);
                ids.push(self.push(tx));
            }
            self.label("suspicious", "duplicate_charge", "once", ids, 2);
        }
    }

    /// Alipay says the order closed, the bank card was debited anyway; and one honest case where
    /// the bank gave the money back a few days later (not labelled).
    fn closed_but_charged(&mut self) {
        let card = Channel::Wallet {
            method: format!("工商银行储蓄卡({})", self.card),
            mirrored: true,
        };
        let says_out = self.index.is_multiple_of(2);
        for labelled in [true, false] {
            let shop = *self.rng.pick(CN_SHOPS);
            let minor = self.rng.vary(shop.3.max(4000), shop.4, 1);
            let date = self.some_day(5, 20);
            let when = self.time_on(date, 9, 21);
            let mut tx = Tx::new(when, minor, Dir::Out, Kind::Purchase, shop.0)
                .desc(shop.1)
                .cat(shop.2)
                .via(&card);
            tx.state = State::ClosedCharged(says_out);
            let id = self.push(tx);
            if labelled {
                self.label("suspicious", "failed_but_charged", "once", vec![id], 1);
            } else {
                let back = date + Duration::days(self.rng.range(2, 6));
                let when = self.time_on(back, 9, 18);
                let tx = Tx::new(when, minor, Dir::In, Kind::Refund, shop.0)
                    .desc("退款")
                    .via(&Channel::Bank(Rail::Alipay));
                self.push(tx);
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Writing

    fn eol(&self) -> &'static str {
        if self.crlf {
            "\r\n"
        } else {
            "\n"
        }
    }

    fn prefix(&self) -> String {
        format!("h{:02}", self.index + 1)
    }

    /// Ids of the rows of the main wallet file.
    fn wallet_rows(&self) -> Vec<usize> {
        (0..self.txs.len())
            .filter(|&i| matches!(self.txs[i].channel, Channel::Wallet { .. }))
            .collect()
    }

    /// The bank's view of every transaction it books: (id, date, time, credit?).
    fn bank_rows(&self) -> Vec<(usize, NaiveDate, NaiveTime, bool)> {
        let mut rows: Vec<(usize, NaiveDate, NaiveTime, bool)> = self
            .txs
            .iter()
            .enumerate()
            .filter(|(_, t)| match &t.channel {
                Channel::Bank(_) => true,
                Channel::Wallet { mirrored, .. } => *mirrored && t.state != State::Unpaid,
            })
            .map(|(i, t)| {
                let credit = t.dir == Dir::In || t.kind == Kind::Refund;
                (
                    i,
                    t.at.date() + Duration::days(t.bank_lag),
                    t.at.time(),
                    credit,
                )
            })
            .collect();
        rows.sort_by_key(|&(i, d, t, _)| (d, t, i));
        rows
    }

    /// Running balances after each bank row, in date order.
    fn balances(&self, rows: &[(usize, NaiveDate, NaiveTime, bool)]) -> HashMap<usize, i64> {
        let mut balance = self.balance_start;
        let mut out = HashMap::new();
        for &(i, _, _, credit) in rows {
            let minor = self.txs[i].minor;
            balance += if credit { minor } else { -minor };
            out.insert(i, balance);
        }
        out
    }

    fn write(&self) -> Written {
        let mut files = Vec::new();
        let p = self.prefix();
        match self.layout {
            Layout::Alipay => files.push(self.write_alipay(format!("{p}_alipay.csv"))),
            Layout::Wechat => files.push(self.write_wechat(format!("{p}_wechat.csv"))),
            Layout::Cmb => files.push(self.write_cmb(format!("{p}_cmb.csv"))),
            Layout::Icbc => files.push(self.write_icbc(format!("{p}_icbc.csv"), None)),
            Layout::BankEn => files.push(self.write_bank_en(format!("{p}_bank.csv"))),
            Layout::Ofx => files.push(self.write_ofx(format!("{p}_bank.ofx"))),
        }
        if self.wallet() && self.mirror {
            let main = files[0].name.clone();
            files.push(self.write_icbc(format!("{p}_icbc.csv"), Some(main)));
        }
        // Where each transaction landed: main file first, then the mirror.
        let main = &files[0];
        let mut main_rows: HashMap<usize, u32> = HashMap::new();
        for &(id, line) in &main.rows {
            main_rows.insert(id, line);
        }
        let mut bank_rows: HashMap<usize, u32> = HashMap::new();
        if let Some(mirror) = files.get(1) {
            for &(id, line) in &mirror.rows {
                bank_rows.insert(id, line);
            }
        }
        let bank_name = files.get(1).map(|f| f.name.clone());
        let mut streams = Vec::new();
        for (n, label) in self.labels.iter().enumerate() {
            let mut rows = Vec::new();
            for id in &label.txs {
                if let Some(line) = main_rows.get(id) {
                    rows.push(json!([main.name, line]));
                }
                if let (Some(line), Some(bank)) = (bank_rows.get(id), &bank_name) {
                    rows.push(json!([bank, line]));
                }
            }
            streams.push(json!({
                "file": main.name,
                "id": format!("s{}", n + 1),
                "kind": label.kind,
                "pattern": label.pattern,
                "frequency": label.frequency,
                "rows": rows,
            }));
        }
        let mut mirrors = Vec::new();
        if let Some(bank) = &bank_name {
            let mut pairs: Vec<(u32, u32)> = main_rows
                .iter()
                .filter_map(|(id, wallet)| bank_rows.get(id).map(|b| (*b, *wallet)))
                .collect();
            pairs.sort_unstable();
            for (b, w) in pairs {
                mirrors.push(json!([[bank, b], [main.name, w]]));
            }
        }
        Written {
            files,
            streams,
            mirrors,
        }
    }

    fn write_alipay(&self, name: String) -> File {
        let mut ids = self.wallet_rows();
        ids.sort_by_key(|&i| std::cmp::Reverse((self.txs[i].at, i)));
        let export = self.end + Duration::days(1);
        let padded = export < ymd(2024, 1, 1);
        let banner = if export >= ymd(2025, 10, 9) {
            "支付宝支付科技有限公司"
        } else {
            "支付宝（中国）网络技术有限公司"
        };
        let io = |t: &Tx| match (t.kind, t.state) {
            (Kind::Refund, _) | (_, State::Unpaid) | (_, State::ClosedCharged(false)) => "不计收支",
            (_, State::ClosedCharged(true)) => "支出",
            _ => match t.dir {
                Dir::Out => "支出",
                Dir::In => "收入",
                Dir::Neutral => "不计收支",
            },
        };
        let mut totals: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
        for &i in &ids {
            let e = totals.entry(io(&self.txs[i])).or_default();
            e.0 += 1;
            e.1 += self.txs[i].minor;
        }
        let total = |k: &str| totals.get(k).copied().unwrap_or_default();
        let mut sheet = Sheet::default();
        sheet.line("-".repeat(84));
        sheet.line("导出信息：".into());
        sheet.line(format!(
            "姓名：{}",
            ["陈**", "王*", "李*", "周**"][self.index % 4]
        ));
        sheet.line(format!(
            "支付宝账户：{}***@{}.com",
            ["mei", "hao", "lin", "yun"][self.index % 4],
            ["163", "qq", "126"][self.index % 3]
        ));
        sheet.line(format!(
            "起始时间：[{} 00:00:00]    终止时间：[{} 23:59:59]",
            self.start, self.end
        ));
        sheet.line("导出交易类型：[全部]".into());
        sheet.line(format!(
            "导出时间：[{} 09:{:02}:{:02}]",
            export,
            self.index * 7 % 60,
            self.index * 13 % 60
        ));
        sheet.line(format!("共{}笔记录", ids.len()));
        for k in ["收入", "支出", "不计收支"] {
            let (n, sum) = total(k);
            sheet.line(format!("{k}：{n}笔 {}元", yuan(sum)));
        }
        sheet.line(String::new());
        for note in ALIPAY_NOTES {
            sheet.line(note.to_string());
        }
        sheet.line(String::new());
        sheet.line(format!(
            "{dash}{banner}  电子客户回单{dash}",
            dash = "-".repeat(24)
        ));
        let header = [
            "交易时间",
            "交易分类",
            "交易对方",
            "对方账号",
            "商品说明",
            "收/支",
            "金额",
            "收/付款方式",
            "交易状态",
            "交易订单号",
            "商家订单号",
            "备注",
        ];
        let pad = |s: &str| -> String {
            if padded {
                format!("{s:<20}")
            } else {
                s.to_string()
            }
        };
        let head: Vec<String> = header
            .iter()
            .map(|h| {
                if padded {
                    format!("{h}{}", " ".repeat(20usize.saturating_sub(gbk_width(h))))
                } else {
                    h.to_string()
                }
            })
            .collect();
        sheet.line(format!("{},", head.join(",")));
        for &i in &ids {
            let t = &self.txs[i];
            let method = match &t.channel {
                Channel::Wallet { method, .. } => method.clone(),
                Channel::Bank(_) => String::new(),
            };
            let status = match (t.kind, t.state) {
                (Kind::Refund, _) => "退款成功",
                (_, State::Unpaid | State::ClosedCharged(_) | State::Refunded) => "交易关闭",
                (Kind::CardRepay | Kind::Huabei, _) => "还款成功",
                _ => "交易成功",
            };
            let order = |o: &str| -> String {
                if o.is_empty() && padded {
                    format!("{}\t", " ".repeat(20))
                } else {
                    format!("{o}\t")
                }
            };
            let cells = [
                pad(&t.at.format("%Y-%m-%d %H:%M:%S").to_string()),
                pad(t.cat),
                pad(&t.party.replace(',', "，")),
                pad(&t.account),
                pad(&t.desc.replace(',', "，")),
                pad(io(t)),
                pad(&yuan(t.minor)),
                pad(&method),
                pad(status),
                order(&t.order),
                order(&t.merchant_order),
                pad(""),
            ];
            sheet.row(i, format!("{},", cells.join(",")));
        }
        let text = sheet.text(self.eol());
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "every character of an Alipay export is in GBK");
        File {
            name,
            format: Layout::Alipay.format(),
            bytes: bytes.into_owned(),
            rows: sheet.rows,
            mirror_of: None,
        }
    }

    fn wechat_type(&self, t: &Tx) -> String {
        if !t.wx_type.is_empty() {
            return t.wx_type.to_string();
        }
        match t.kind {
            Kind::Transfer | Kind::Rent | Kind::Income => "转账".into(),
            Kind::RedPacket => "微信红包".into(),
            Kind::TopUp => "零钱充值".into(),
            Kind::Withdraw => "零钱提现".into(),
            Kind::Savings => "转入零钱通-来自零钱".into(),
            Kind::CardRepay => "信用卡还款".into(),
            Kind::Refund => match t.refund_of {
                Some(of) => format!("{}-退款", self.wechat_type(&self.txs[of])),
                None => "退款".into(),
            },
            _ => "商户消费".into(),
        }
    }

    fn write_wechat(&self, name: String) -> File {
        let mut ids = self.wallet_rows();
        ids.sort_by_key(|&i| std::cmp::Reverse((self.txs[i].at, i)));
        let export = self.end + Duration::days(1);
        let io = |t: &Tx| match t.dir {
            Dir::Out => "支出",
            Dir::In => "收入",
            Dir::Neutral => "/",
        };
        let mut totals: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
        for &i in &ids {
            let e = totals.entry(io(&self.txs[i])).or_default();
            e.0 += 1;
            e.1 += self.txs[i].minor;
        }
        let total = |k: &str| totals.get(k).copied().unwrap_or_default();
        let pad = ",".repeat(10);
        let mut sheet = Sheet::default();
        sheet.line(format!("\u{feff}微信支付账单明细{pad}"));
        sheet.line(format!(
            "微信昵称：[{}]{pad}",
            ["阿梅", "小周", "Leo", "木子"][self.index % 4]
        ));
        sheet.line(format!(
            "起始时间：[{} 00:00:00] 终止时间：[{} 23:59:59]{pad}",
            self.start, self.end
        ));
        sheet.line(format!("导出类型：[全部]{pad}"));
        sheet.line(format!(
            "导出时间：[{} 10:{:02}:{:02}]{pad}",
            export,
            self.index * 11 % 60,
            self.index * 17 % 60
        ));
        sheet.line(pad.clone());
        sheet.line(format!("共{}笔记录{pad}", ids.len()));
        for (label, k) in [("收入", "收入"), ("支出", "支出"), ("中性交易", "/")] {
            let (n, sum) = total(k);
            sheet.line(format!("{label}：{n}笔 {}元{pad}", yuan(sum)));
        }
        sheet.line(format!("注：{pad}"));
        sheet.line(format!(
            "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易{pad}"
        ));
        sheet.line(format!(
            "2. 本明细仅展示当前账单中的交易，不包括已删除的记录{pad}"
        ));
        sheet.line(format!("3. 本明细仅供个人对账使用{pad}"));
        sheet.line(pad.clone());
        sheet.line(format!(
            "{}微信支付账单明细列表{}{pad}",
            "-".repeat(22),
            "-".repeat(20)
        ));
        sheet.line("交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注".into());
        for &i in &ids {
            let t = &self.txs[i];
            let method = match (&t.channel, t.dir) {
                (_, Dir::In) => "/".to_string(),
                (Channel::Wallet { method, .. }, _) => method.clone(),
                (Channel::Bank(_), _) => "/".to_string(),
            };
            let refunded_amount = || {
                self.txs
                    .iter()
                    .find(|r| r.refund_of == Some(i))
                    .map_or(0, |r| r.minor)
            };
            let status = match (t.kind, t.state, t.dir) {
                (Kind::Refund, _, _) => {
                    let of = t.refund_of.map(|o| self.txs[o].state);
                    if of == Some(State::PartRefunded) {
                        "已退款".to_string()
                    } else {
                        "已全额退款".to_string()
                    }
                }
                (_, State::Refunded, _) => "已全额退款".into(),
                (_, State::PartRefunded, _) => format!("已退款(¥{})", yuan(refunded_amount())),
                (_, State::Returned, _) => "对方已退还".into(),
                (Kind::Transfer | Kind::Rent | Kind::Income, _, Dir::Out) => "对方已收钱".into(),
                (Kind::Transfer | Kind::Income, _, Dir::In) => "已收钱".into(),
                (Kind::RedPacket, _, Dir::In) | (Kind::LoanIn, _, _) => "已存入零钱".into(),
                (Kind::TopUp, _, _) => "充值完成".into(),
                (Kind::Withdraw, _, _) => "提现已到账".into(),
                (Kind::Savings, _, _) => "已转入零钱通".into(),
                _ => "支付成功".into(),
            };
            let merchant = if t.merchant_order.is_empty() {
                "/".to_string()
            } else {
                format!("{}\t", t.merchant_order)
            };
            let note = if t.note.is_empty() { "/" } else { &t.note };
            sheet.row(
                i,
                format!(
                    "{},{},{},\"{}\",{},¥{},{},{},{}\t,{},\"{}\"",
                    t.at.format("%Y-%m-%d %H:%M:%S"),
                    self.wechat_type(t),
                    t.party,
                    t.desc,
                    io(t),
                    yuan(t.minor),
                    method,
                    status,
                    t.order,
                    merchant,
                    note
                ),
            );
        }
        File {
            name,
            format: Layout::Wechat.format(),
            bytes: sheet.text(self.eol()).into_bytes(),
            rows: sheet.rows,
            mirror_of: None,
        }
    }

    /// The bank's words for a row: (摘要 / 交易类型, counterparty cell, payee name).
    fn bank_words(&self, t: &Tx, credit: bool) -> (String, String, String) {
        let rail = match &t.channel {
            Channel::Bank(rail) => *rail,
            Channel::Wallet { .. } => match self.layout {
                Layout::Wechat => Rail::Tenpay,
                _ => Rail::Alipay,
            },
        };
        let cmb = self.layout == Layout::Cmb;
        match rail {
            Rail::Alipay | Rail::Tenpay => {
                let (prefix, company) = if rail == Rail::Alipay {
                    ("支付宝", "支付宝（中国）网络技术有限公司")
                } else {
                    ("财付通", "财付通支付科技有限公司")
                };
                let summary = if credit {
                    "退款"
                } else if cmb {
                    "快捷支付"
                } else {
                    "消费"
                };
                (
                    summary.into(),
                    format!("{prefix}-{}", t.party),
                    company.into(),
                )
            }
            Rail::Direct => {
                let who = t.bank_party.clone();
                let summary = match t.kind {
                    Kind::Salary | Kind::Bonus => {
                        if cmb {
                            "代发工资"
                        } else {
                            "工资"
                        }
                    }
                    Kind::Interest => {
                        if cmb {
                            "账户结息"
                        } else {
                            "结息"
                        }
                    }
                    Kind::Cash => "ATM取款",
                    Kind::CardRepay => "自动还款",
                    Kind::Insurance
                    | Kind::LoanFee
                    | Kind::Utility
                    | Kind::Phone
                    | Kind::Subscription => "代扣",
                    Kind::Refund => "退款",
                    _ if credit => {
                        if cmb {
                            "汇入汇款"
                        } else {
                            "他行汇入"
                        }
                    }
                    _ => {
                        if cmb {
                            "转账汇款"
                        } else {
                            "网转"
                        }
                    }
                };
                let place = match t.kind {
                    Kind::Interest if cmb => format!("结息：{}扣税：0 ", yuan(t.minor)),
                    Kind::Interest | Kind::CardRepay => String::new(),
                    Kind::Cash => "ATM取款".into(),
                    _ => who.clone(),
                };
                let payee = match t.kind {
                    Kind::Interest | Kind::Cash | Kind::CardRepay => String::new(),
                    _ => who,
                };
                (summary.into(), place, payee)
            }
        }
    }

    fn write_icbc(&self, name: String, mirror_of: Option<String>) -> File {
        let rows = self.bank_rows();
        let balances = self.balances(&rows);
        let export = self.end + Duration::days(if mirror_of.is_some() { 3 } else { 1 });
        let v2 = export >= ymd(2024, 9, 1);
        let mut sheet = Sheet::default();
        sheet.line("\u{feff}明细查询文件下载".into());
        sheet.line(String::new());
        sheet.line(format!(
            "卡号: 6222****{},\"卡别名: {}\"",
            self.card,
            if self.index.is_multiple_of(2) {
                "工资卡"
            } else {
                ""
            }
        ));
        sheet.line(String::new());
        sheet.line("子账户序号: 00000,子账户类别: 活期,\"子账户别名: \"".into());
        sheet.line(String::new());
        let columns: &[(&str, usize, bool)] = if v2 { &ICBC_V2 } else { &ICBC_V1 };
        sheet.line(columns.iter().map(|c| c.0).collect::<Vec<_>>().join(","));
        let (mut income, mut expense) = (0i64, 0i64);
        for &(i, date, _, credit) in rows.iter().rev() {
            let t = &self.txs[i];
            let (summary, place, payee) = self.bank_words(t, credit);
            if credit {
                income += t.minor;
            } else {
                expense += t.minor;
            }
            let amount = yuan_grouped(t.minor);
            let detail = match t.kind {
                Kind::Insurance | Kind::LoanFee
                    if matches!(t.channel, Channel::Bank(Rail::Direct)) =>
                {
                    t.desc.clone()
                }
                _ => String::new(),
            };
            let direct = matches!(t.channel, Channel::Bank(Rail::Direct));
            let account = match t.kind {
                Kind::Rent | Kind::Transfer | Kind::Salary | Kind::LoanIn if direct => {
                    format!("6217****{:04}", (i * 7919) % 10_000)
                }
                _ => String::new(),
            };
            let cells: Vec<String> = columns
                .iter()
                .map(|&(column, width, quoted)| {
                    let value = match column {
                        "交易日期" => date.to_string(),
                        "摘要" => summary.clone(),
                        "交易详情" => detail.clone(),
                        "交易场所" => place.clone(),
                        "交易国家或地区简称" => "CHN".into(),
                        "钞/汇" => "钞".into(),
                        "交易金额(收入)" | "交易金额(支出)" | "交易币种" => {
                            "-".into()
                        }
                        "记账金额(收入)" => {
                            if credit {
                                amount.clone()
                            } else {
                                String::new()
                            }
                        }
                        "记账金额(支出)" => {
                            if credit {
                                String::new()
                            } else {
                                amount.clone()
                            }
                        }
                        "记账币种" => "人民币".into(),
                        "余额" => yuan_grouped(balances[&i]),
                        "对方户名" => payee.clone(),
                        _ => account.clone(),
                    };
                    let cell = format!("{}\t", pad_gbk(&value, width));
                    if quoted {
                        format!("\"{cell}\"")
                    } else {
                        cell
                    }
                })
                .collect();
            sheet.row(i, cells.join(","));
        }
        sheet.line(" ".into());
        let before = if v2 { 9 } else { 8 };
        sheet.line(format!(
            "人民币合计{}\"{}\t\",\"{}\t\",",
            ",".repeat(before),
            pad_gbk(&yuan_grouped(income), 18),
            pad_gbk(&yuan_grouped(expense), 18)
        ));
        File {
            name,
            format: Layout::Icbc.format(),
            bytes: sheet.text("\r\n").into_bytes(),
            rows: sheet.rows,
            mirror_of,
        }
    }

    fn write_cmb(&self, name: String) -> File {
        let rows = self.bank_rows();
        let balances = self.balances(&rows);
        let export = self.end + Duration::days(1);
        let newest_first = self.style == 1;
        let mut sheet = Sheet::default();
        sheet.line("\u{feff}\"# 招商银行交易记录\"".into());
        sheet.line(format!(
            "\"# 导出时间: [            {} 20:{:02}:{:02}]\"",
            export,
            self.index * 7 % 60,
            self.index * 3 % 60
        ));
        sheet.line(format!(
            "\"# 账    号: [一卡通:6214********{}   招商银行]\"",
            self.card
        ));
        sheet.line(format!("\"# 币    种: [{:>25}人民币]\"", ""));
        sheet.line(format!(
            "\"# 起始日期: [{}]   终止日期: [{}]\"",
            self.start.format("%Y%m%d"),
            self.end.format("%Y%m%d")
        ));
        sheet.line("\"# 过滤设置:  无\"".into());
        sheet.line(if self.style == 0 {
            String::new()
        } else {
            "\"\"".into()
        });
        sheet.line(
            "\"交易日期\",\"交易时间\",\"收入\",\"支出\",\"余额\",\"交易类型\",\"交易备注\"".into(),
        );
        let (mut n_in, mut n_out, mut sum_in, mut sum_out) = (0, 0, 0i64, 0i64);
        let ordered: Vec<_> = if newest_first {
            rows.iter().rev().collect()
        } else {
            rows.iter().collect()
        };
        for &&(i, date, time, credit) in &ordered {
            let t = &self.txs[i];
            let (kind, place, _) = self.bank_words(t, credit);
            let amount = yuan(t.minor);
            let (income, expense) = if credit {
                n_in += 1;
                sum_in += t.minor;
                (amount, String::new())
            } else {
                n_out += 1;
                sum_out += t.minor;
                (String::new(), amount)
            };
            sheet.row(
                i,
                format!(
                    "\"\t{}\",\"\t{}\",\"{income}\",\"{expense}\",\"{}\",\"{kind}\",\"\t{place}\"",
                    date.format("%Y%m%d"),
                    time.format("%H:%M:%S"),
                    yuan(balances[&i])
                ),
            );
        }
        sheet.line(String::new());
        sheet.line(format!("\"# 收入合计: {n_in} 笔，共 {} 元\"", yuan(sum_in)));
        sheet.line(format!(
            "\"# 支出合计: {n_out} 笔，共 {} 元\"",
            yuan(sum_out)
        ));
        File {
            name,
            format: Layout::Cmb.format(),
            bytes: sheet.text("\r\n").into_bytes(),
            rows: sheet.rows,
            mirror_of: None,
        }
    }

    fn write_bank_en(&self, name: String) -> File {
        let rows = self.bank_rows();
        let balances = self.balances(&rows);
        let mut sheet = Sheet::default();
        let coded = self.index % 4 == 3;
        let code = |t: &Tx, credit: bool| -> &'static str {
            match t.kind {
                Kind::Salary | Kind::Bonus => "BGC",
                Kind::Rent => "SO",
                Kind::Utility | Kind::Phone | Kind::Insurance | Kind::CardRepay => "DD",
                Kind::Cash => "ATM",
                Kind::Transfer | Kind::LoanIn if credit => "FPI",
                Kind::Transfer => "FPO",
                Kind::LoanFee if t.desc == "DIRECT DEBIT" => "DD",
                Kind::Subscription if t.desc == "DIRECT DEBIT" => "DD",
                _ if credit => "CR",
                _ => "DEB",
            }
        };
        if coded {
            sheet.line(format!(
                "Account Name:,MX {}",
                ["A WRIGHT", "S MORENO", "T ADEYEMI"][self.index % 3]
            ));
            sheet.line(format!("Account Number:,****{}", self.card));
            sheet.line(format!(
                "Statement Period:,{} - {}",
                self.start.format("%d %b %Y"),
                self.end.format("%d %b %Y")
            ));
            sheet.line(String::new());
            sheet.line("Date,Type,Description,Paid Out,Paid In,Balance".into());
            for &(i, date, _, credit) in rows.iter().rev() {
                let t = &self.txs[i];
                let (out, inn) = if credit {
                    (String::new(), yuan(t.minor))
                } else {
                    (yuan(t.minor), String::new())
                };
                sheet.row(
                    i,
                    format!(
                        "{},{},{},{out},{inn},{}",
                        date.format("%d %b %Y"),
                        code(t, credit),
                        t.party,
                        yuan(balances[&i])
                    ),
                );
            }
        } else {
            sheet.line("Date,Description,Amount,Balance".into());
            for &(i, date, _, credit) in &rows {
                let t = &self.txs[i];
                let signed = if credit { t.minor } else { -t.minor };
                sheet.row(
                    i,
                    format!(
                        "{},{} {},{},{}",
                        date.format("%d/%m/%Y"),
                        t.party,
                        t.desc,
                        yuan(signed),
                        yuan(balances[&i])
                    ),
                );
            }
        }
        File {
            name,
            format: Layout::BankEn.format(),
            bytes: sheet.text(self.eol()).into_bytes(),
            rows: sheet.rows,
            mirror_of: None,
        }
    }

    fn write_ofx(&self, name: String) -> File {
        let rows = self.bank_rows();
        let balances = self.balances(&rows);
        let multi_line = self.style == 1;
        let (currency, zone) = if multi_line {
            ("GBP", "")
        } else {
            ("USD", "[-5:EST]")
        };
        let mut sheet = Sheet::default();
        for header in [
            "OFXHEADER:100",
            "DATA:OFXSGML",
            "VERSION:102",
            "SECURITY:NONE",
            "ENCODING:USASCII",
            "CHARSET:1252",
            "COMPRESSION:NONE",
            "OLDFILEUID:NONE",
            "NEWFILEUID:NONE",
            "",
            "<OFX>",
        ] {
            sheet.line(header.into());
        }
        let export = self.end + Duration::days(1);
        sheet.line(format!(
            "<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>{}083000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>",
            export.format("%Y%m%d")
        ));
        sheet.line(
            "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1001<STATUS><CODE>0<SEVERITY>INFO</STATUS>".into(),
        );
        sheet.line(format!("<STMTRS><CURDEF>{currency}"));
        sheet.line(format!(
            "<BANKACCTFROM><BANKID>{}<ACCTID>{}{}<ACCTTYPE>CHECKING</BANKACCTFROM>",
            40 + self.index,
            "0012",
            self.card
        ));
        sheet.line(format!(
            "<BANKTRANLIST><DTSTART>{}<DTEND>{}",
            self.start.format("%Y%m%d"),
            self.end.format("%Y%m%d")
        ));
        for (n, &(i, date, time, credit)) in rows.iter().enumerate() {
            let t = &self.txs[i];
            let kind = match t.kind {
                Kind::Salary | Kind::Bonus => "DIRECTDEP",
                Kind::Utility | Kind::Phone | Kind::Insurance | Kind::CardRepay => "DIRECTDEBIT",
                Kind::Rent => "REPEATPMT",
                Kind::Cash => "ATM",
                Kind::Transfer | Kind::LoanIn => "XFER",
                Kind::Purchase => "POS",
                _ if credit => "CREDIT",
                _ => "DEBIT",
            };
            let posted = if multi_line {
                date.format("%Y%m%d").to_string()
            } else {
                format!(
                    "{}{}.000{zone}",
                    date.format("%Y%m%d"),
                    time.format("%H%M%S")
                )
            };
            let amount = yuan(if credit { t.minor } else { -t.minor });
            let fitid = format!("{}{:06}", date.format("%Y%m%d"), n + 1);
            let fields = [
                ("TRNTYPE", kind.to_string()),
                ("DTPOSTED", posted),
                ("TRNAMT", amount),
                ("FITID", fitid),
                ("NAME", t.party.chars().take(32).collect()),
                ("MEMO", t.desc.clone()),
            ];
            if multi_line {
                sheet.row(i, "<STMTTRN>".into());
                for (tag, value) in fields {
                    sheet.line(format!("  <{tag}>{value}"));
                }
                sheet.line("</STMTTRN>".into());
            } else {
                let body: String = fields
                    .iter()
                    .map(|(tag, value)| format!("<{tag}>{value}"))
                    .collect();
                sheet.row(i, format!("<STMTTRN>{body}</STMTTRN>"));
            }
        }
        let last = rows.last().map_or(self.balance_start, |r| balances[&r.0]);
        sheet.line(format!(
            "</BANKTRANLIST><LEDGERBAL><BALAMT>{}<DTASOF>{}</LEDGERBAL>",
            yuan(last),
            self.end.format("%Y%m%d")
        ));
        sheet.line("</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>".into());
        File {
            name,
            format: Layout::Ofx.format(),
            bytes: sheet.text(self.eol()).into_bytes(),
            rows: sheet.rows,
            mirror_of: None,
        }
    }
}

const ALIPAY_NOTES: [&str; 10] = [
    "特别提示：",
    "1.本回单内容可表明支付宝受理了相应支付交易申请，因系统原因或通讯故障等偶发因素导致本回单与实际交易结果不符时，以实际交易情况为准；",
    "2.请勿将本回单作为收款方发货的凭据使用，请查证账户实际到账情况后再进行发货操作；",
    "3.支付宝快捷支付等非余额支付方式可能既产生支付宝交易也同步产生银行交易，因此请勿使用本回单进行重复记账；",
    "4.本回单如经任何涂改、编造，均立即失去效力；",
    "5.部分账单如：充值提现、账户转存或者个人设置收支等不计入为收入或者支出，记为不计收支类；",
    "6.因统计逻辑不同，明细金额直接累加后，可能会和下方统计金额不一致，请以实际交易金额为准；",
    "7.禁止将本回单用于非法用途；",
    "8.本明细仅展示当前账单中的交易，不包括已删除的记录；",
    "9.本明细仅供个人对账使用。",
];

/// ICBC v1 columns: (name, padded GBK width, quoted).
const ICBC_V1: [(&str, usize, bool); 13] = [
    ("交易日期", 15, false),
    ("摘要", 20, true),
    ("交易场所", 60, true),
    ("交易国家或地区简称", 20, true),
    ("钞/汇", 10, false),
    ("交易金额(收入)", 20, true),
    ("交易金额(支出)", 20, true),
    ("交易币种", 15, false),
    ("记账金额(收入)", 20, true),
    ("记账金额(支出)", 20, true),
    ("记账币种", 15, false),
    ("余额", 20, true),
    ("对方户名", 140, true),
];

/// ICBC v2 columns (since 2024-09): 交易详情 after 摘要, 对方账户 at the end.
const ICBC_V2: [(&str, usize, bool); 15] = [
    ("交易日期", 15, false),
    ("摘要", 20, true),
    ("交易详情", 30, true),
    ("交易场所", 60, true),
    ("交易国家或地区简称", 20, true),
    ("钞/汇", 10, false),
    ("交易金额(收入)", 20, true),
    ("交易金额(支出)", 20, true),
    ("交易币种", 15, false),
    ("记账金额(收入)", 20, true),
    ("记账金额(支出)", 20, true),
    ("记账币种", 15, false),
    ("余额", 20, true),
    ("对方户名", 140, true),
    ("对方账户", 19, true),
];

/// Lines being written, with the physical line of each transaction row.
#[derive(Default)]
struct Sheet {
    lines: Vec<String>,
    rows: Vec<(usize, u32)>,
}

impl Sheet {
    fn line(&mut self, text: String) {
        self.lines.push(text);
    }

    /// A transaction row: `id` is on the line about to be written.
    fn row(&mut self, id: usize, text: String) {
        self.lines.push(text);
        self.rows.push((id, self.lines.len() as u32));
    }

    fn text(&self, eol: &str) -> String {
        let mut text = self.lines.join(eol);
        text.push_str(eol);
        text
    }
}

/// One statement file.
struct File {
    name: String,
    format: &'static str,
    bytes: Vec<u8>,
    /// (transaction id, physical line) of every transaction row.
    rows: Vec<(usize, u32)>,
    mirror_of: Option<String>,
}

/// A person's files and labels.
struct Written {
    files: Vec<File>,
    streams: Vec<Value>,
    mirrors: Vec<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_seeds_differ() {
        let draw = |seed| {
            let mut rng = Rng::new(seed);
            (0..8).map(|_| rng.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        let mut rng = Rng::new(1);
        for _ in 0..1000 {
            let x = rng.range(-3, 5);
            assert!((-3..=5).contains(&x), "{x}");
        }
        let mut picked = rng.sample(10, 4);
        picked.sort_unstable();
        picked.dedup();
        assert_eq!(picked.len(), 4, "distinct");
    }

    #[test]
    fn calendar_helpers() {
        for (y, m, day, expected) in [
            (2025, 2, 31, "2025-02-28"),
            (2024, 2, 31, "2024-02-29"),
            (2025, 4, 31, "2025-04-30"),
            (2025, 12, 31, "2025-12-31"),
            (2025, 1, 0, "2025-01-01"),
        ] {
            assert_eq!(on_day(y, m, day).to_string(), expected);
        }
        assert_eq!(shift_month(2025, 1, -1), (2024, 12));
        assert_eq!(shift_month(2025, 11, 14), (2027, 1));
        assert_eq!(
            add_months(ymd(2025, 1, 31), 1, 31).to_string(),
            "2025-02-28"
        );
        assert_eq!(
            add_months(ymd(2025, 2, 28), 1, 31).to_string(),
            "2025-03-31"
        );
        assert_eq!(
            working_day_before(ymd(2025, 3, 16)).to_string(),
            "2025-03-14"
        );
        assert!(new_year_month(2026, 2) && !new_year_month(2026, 1));
        assert!(holiday(ymd(2025, 1, 30)) && !holiday(ymd(2025, 3, 1)));
    }

    #[test]
    fn money_and_padding_text() {
        for (minor, plain, grouped) in [
            (0, "0.00", "0.00"),
            (5, "0.05", "0.05"),
            (123_456, "1234.56", "1,234.56"),
            (100_000_000, "1000000.00", "1,000,000.00"),
            (-99_999, "-999.99", "-999.99"),
        ] {
            assert_eq!(yuan(minor), plain);
            assert_eq!(yuan_grouped(minor), grouped);
        }
        assert_eq!(pad_gbk("消费", 20), format!("消费{}", " ".repeat(16)));
        assert_eq!(gbk_width(&pad_gbk("支付宝-晨光早餐铺", 11)), 11);
        assert_eq!(pad_gbk("支付宝-晨光早餐铺", 11), "支付宝-晨光");
        // A character that would straddle the width is left out and the gap padded.
        assert_eq!(pad_gbk("支付宝-晨光早餐铺", 10), "支付宝-晨 ");
    }

    #[test]
    fn every_invented_name_is_gbk() {
        let mut names: Vec<&str> = Vec::new();
        names.extend(CN_HABITS.iter().flat_map(|h| [h.party, h.desc, h.cat]));
        names.extend(CN_SHOPS.iter().flat_map(|s| [s.0, s.1, s.2]));
        names.extend(CN_PEOPLE.iter().flat_map(|p| [p.0, p.1]));
        names.extend(
            CN_BROKERS
                .iter()
                .chain(CN_INSURANCE_BRANDS)
                .chain(CN_POLICIES),
        );
        names.extend(CN_LENDERS.iter().chain(CN_FEE_TAKERS).chain(CN_FEE_WORDS));
        for (a, b) in CN_TRIALS
            .iter()
            .chain(CN_RISES)
            .chain(CN_WEEKLIES)
            .chain(CN_ANNUALS)
        {
            names.push(a);
            names.push(b);
        }
        for name in names {
            let (_, _, unmappable) = encoding_rs::GBK.encode(name);
            assert!(!unmappable, "{name}");
        }
        let with_commas: Vec<&str> = CN_SHOPS
            .iter()
            .map(|s| s.0)
            .filter(|n| n.contains(','))
            .collect();
        assert_eq!(
            with_commas,
            ["BLUEHARBOR TRADING CO.,LIMITED"],
            "one planted comma trap"
        );
    }

    #[test]
    fn arguments() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            parse_args(&args("out")),
            Ok(("out".into(), DEFAULT_SEED, DEFAULT_PEOPLE))
        );
        assert_eq!(
            parse_args(&args("out --seed 5 --people 3")),
            Ok(("out".into(), 5, 3))
        );
        assert!(parse_args(&args("--seed 5")).is_err());
        assert!(parse_args(&args("out --people 0")).is_err());
        assert!(parse_args(&args("out --seed x")).is_err());
        assert!(parse_args(&args("out --bogus")).is_err());
    }

    #[test]
    fn people_plant_what_they_are_planned_to() {
        for index in 0..12 {
            let mut life = Life::plan(index, DEFAULT_SEED);
            life.live();
            let written = life.write();
            assert!(!written.files.is_empty());
            assert!(
                written.streams.iter().any(|s| s["kind"] == "suspicious"),
                "person {index} has something suspicious"
            );
            for file in &written.files {
                let mut lines: Vec<u32> = file.rows.iter().map(|r| r.1).collect();
                lines.sort_unstable();
                lines.dedup();
                assert_eq!(
                    lines.len(),
                    file.rows.len(),
                    "{}: one row per line",
                    file.name
                );
            }
            for stream in &written.streams {
                assert!(!stream["rows"].as_array().unwrap().is_empty(), "{stream}");
            }
        }
    }
}
