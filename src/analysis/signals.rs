//! Signals: why a stream or a single charge deserves attention, each with a code, a level and a
//! plain reason in Chinese and English. They look at structure first (amount jumps, cadence,
//! pairs of rows); words in the statement (自动续费, 保费 …) only add evidence.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration};

use super::events::Event;
use super::report::{Frequency, Level, Reason};
use super::streams::Found;
use crate::model::{format_minor, Direction, Transaction};

/// Words that say a charge renews by itself or is taken under a standing agreement.
const RENEWAL_MARKERS: &[&str] = &[
    "自动续费",
    "连续包月",
    "连续包季",
    "连续包年",
    "自动续",
    "续费",
    "自动扣款",
    "周期扣款",
    "代扣",
    "免密",
    "先享后付",
    "先用后付",
    "月付",
    "auto renew",
    "auto-renew",
    "autorenew",
    "subscription",
    "membership",
    "recurring",
    "direct debit",
];

/// Words of a standing payment agreement (代扣/免密): no confirmation per charge.
const AGREEMENT_MARKERS: &[&str] = &[
    "代扣",
    "免密",
    "先享后付",
    "先用后付",
    "周期扣款",
    "自动扣款",
    "direct debit",
];

/// Insurance premiums and the brokers that collect them.
const INSURANCE_MARKERS: &[&str] = &[
    "保险",
    "保费",
    "医疗险",
    "意外险",
    "重疾险",
    "防癌险",
    "人寿",
    "财险",
    "续期",
    "insurance",
    "assurance",
    "premium",
    "broker",
];

/// Expected household bills: rent, utilities, phone.
const BILL_MARKERS: &[&str] = &[
    "电费",
    "水费",
    "燃气",
    "煤气",
    "话费",
    "宽带",
    "物业",
    "房租",
    "租金",
    "供暖",
    "暖气",
    "电力",
    "供电",
    "供水",
    "热力",
    "自来水",
    "水务",
    "移动",
    "联通",
    "电信",
    "住房",
    "rent",
    "electric",
    "water",
    "gas",
    "utilit",
    "mobile",
    "phone",
    "topup",
    "top-up",
    "broadband",
    "letting",
    "landlord",
    "tenancy",
    "power",
    "energy",
    "telecom",
    "council tax",
    "mortgage",
];

/// Cash taken out of the account (the word `atm` is matched as a whole word, see
/// [`Words::of`]).
const CASH_MARKERS: &[&str] = &["取款", "取现", "cash withdrawal", "cash machine"];

/// Income that is wages or similar.
const SALARY_MARKERS: &[&str] = &["工资", "薪", "奖金", "payroll", "salary", "wage"];

/// A credit that is a loan being paid out.
const LOAN_MARKERS: &[&str] = &[
    "借款",
    "放款",
    "贷款",
    "借呗",
    "消费金融",
    "小额贷款",
    "信贷",
    "loan",
    "advance",
    "credit line",
];

/// Fees that loan apps and their partners take.
const FEE_MARKERS: &[&str] = &[
    "会员",
    "权益",
    "担保费",
    "服务费",
    "咨询费",
    "加速",
    "提额",
    "月花卡",
    "特权",
    "优享",
    "vip",
    "fee",
    "membership",
];

/// Words that say money was moved by transfer (to a friend, between accounts).
const TRANSFER_MARKERS: &[&str] = &[
    "转账",
    "网转",
    "红包",
    "汇款",
    "transfer",
    "faster payment",
    "standing order",
];

/// Which word lists a text mentions (after width folding and lower-casing), one bit per list.
/// Worked out once for each distinct text of the statements, so the rows that repeat a name or
/// a description are tested with a bit instead of searching their text again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Words(u16);

impl Words {
    /// Renewal wording: the row says it renews by itself.
    pub const RENEWAL: Words = Words(1);
    /// A standing deduction agreement (代扣, 免密 …).
    pub const AGREEMENT: Words = Words(1 << 1);
    /// Insurance premiums and brokers.
    pub const INSURANCE: Words = Words(1 << 2);
    /// Household bills: rent, utilities, phone.
    pub const BILL: Words = Words(1 << 3);
    /// Cash withdrawals (`atm` as a whole word too).
    pub const CASH: Words = Words(1 << 4);
    /// Wages.
    pub const SALARY: Words = Words(1 << 5);
    /// A loan paid out.
    pub const LOAN: Words = Words(1 << 6);
    /// Fees of loan platforms.
    pub const FEE: Words = Words(1 << 7);
    /// A subscription plan that names itself.
    pub const PLAN: Words = Words(1 << 8);
    /// A transfer.
    pub const TRANSFER: Words = Words(1 << 9);
    /// Words only a business has in its name.
    pub const BUSINESS: Words = Words(1 << 10);
    /// A short name ending in 保 (an insurance platform); only ever set for a counterparty.
    pub const INSURANCE_BRAND: Words = Words(1 << 11);

    /// What lets a stream of varying amounts count as a bill: a household bill, a premium or a
    /// charge under a standing agreement, or an insurance platform's name.
    pub const BILL_WORDING: Words = Words::BILL
        .with(Words::RENEWAL)
        .with(Words::INSURANCE)
        .with(Words::INSURANCE_BRAND);

    /// What in a name says it is a business: a business word, or a bill or insurance word
    /// (`某水务`, `某燃气`), however short the name.
    pub const BUSINESS_NAME: Words = Words::BUSINESS.with(Words::BILL).with(Words::INSURANCE);

    /// The lists `text` mentions, as [`mentions`] would find them one list at a time.
    /// [`Words::INSURANCE_BRAND`] is not looked at here (see [`Words::of_counterparty`]).
    ///
    /// One pass over the folded text: at each character, only the words that begin with that
    /// character are compared.
    pub fn of(text: &str) -> Words {
        let folded = super::normalize::fold_width(text);
        let by_first_char = words_by_first_char();
        let mut found = Words::default();
        for (at, c) in folded.char_indices() {
            let first = by_first_char.partition_point(|&(starts, _, _)| starts < c);
            for &(_, word, list) in by_first_char[first..].iter().take_while(|w| w.0 == c) {
                if !found.any(list) && folded[at..].starts_with(word) {
                    found = found.with(list);
                }
            }
        }
        if folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word == "atm")
        {
            found = found.with(Words::CASH);
        }
        found
    }

    /// [`Words::of`] for a counterparty's name, with [`Words::INSURANCE_BRAND`].
    pub fn of_counterparty(name: &str) -> Words {
        let words = Words::of(name);
        if insurance_brand(name) {
            words.with(Words::INSURANCE_BRAND)
        } else {
            words
        }
    }

    /// Both sets of lists together.
    pub const fn with(self, other: Words) -> Words {
        Words(self.0 | other.0)
    }

    /// Whether any list of `lists` is mentioned.
    pub fn any(self, lists: Words) -> bool {
        self.0 & lists.0 != 0
    }
}

/// Each word list with the flag it sets.
const WORD_LISTS: [(Words, &[&str]); 11] = [
    (Words::RENEWAL, RENEWAL_MARKERS),
    (Words::AGREEMENT, AGREEMENT_MARKERS),
    (Words::INSURANCE, INSURANCE_MARKERS),
    (Words::BILL, BILL_MARKERS),
    (Words::CASH, CASH_MARKERS),
    (Words::SALARY, SALARY_MARKERS),
    (Words::LOAN, LOAN_MARKERS),
    (Words::FEE, FEE_MARKERS),
    (Words::PLAN, PLAN_MARKERS),
    (Words::TRANSFER, TRANSFER_MARKERS),
    (Words::BUSINESS, BUSINESS_WORDS),
];

/// Every word of every list [`Words::of`] looks for, with its first character, sorted by it.
fn words_by_first_char() -> &'static [(char, &'static str, Words)] {
    static TABLE: std::sync::OnceLock<Vec<(char, &'static str, Words)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let lists = WORD_LISTS;
        let mut table: Vec<(char, &'static str, Words)> = lists
            .iter()
            .flat_map(|&(list, words)| {
                words
                    .iter()
                    .filter_map(move |word| Some((word.chars().next()?, *word, list)))
            })
            .collect();
        table.sort_by_key(|&(first, _, _)| first);
        table
    })
}

fn texts(tx: &Transaction) -> [&str; 3] {
    [
        tx.counterparty.as_str(),
        tx.description.as_str(),
        tx.category.as_deref().unwrap_or(""),
    ]
}

/// Internet insurance platforms are often named `<brand>保` (元保, 水滴保, 悟空保): a short name
/// ending in 保 after its payment-rail prefix.
fn insurance_brand(counterparty: &str) -> bool {
    let name = super::normalize::strip_rail(counterparty);
    let chars: Vec<char> = name.trim().chars().collect();
    chars.len() >= 2
        && chars.len() <= 6
        && chars.last() == Some(&'保')
        && !name.contains("环保")
        && !name.contains("劳保")
}

/// Words that only a business has in its name.
const BUSINESS_WORDS: &[&str] = &[
    "公司",
    "店",
    "厂",
    "银行",
    "中心",
    "平台",
    "集团",
    "工作室",
    "ltd",
    "limited",
];

/// Whether a counterparty name says it is a business ([`Words::BUSINESS_NAME`]).
pub fn names_a_business(name: &str) -> bool {
    Words::of(name).any(Words::BUSINESS_NAME)
}

/// Whether the row is cash taken out at a machine or a counter ([`Words::CASH`]).
pub fn is_cash_withdrawal(tx: &Transaction) -> bool {
    texts(tx)
        .iter()
        .any(|text| Words::of(text).any(Words::CASH))
}

fn reason(code: &str, en: String, zh: String) -> Reason {
    Reason {
        code: code.to_string(),
        message: en,
        message_zh: zh,
    }
}

fn yuan(minor: i64) -> String {
    format_minor(minor, 2)
}

fn frequency_words(f: Frequency) -> (&'static str, &'static str) {
    match f {
        Frequency::Weekly => ("every week", "每周"),
        Frequency::Biweekly => ("every two weeks", "每两周"),
        Frequency::Semimonthly => ("twice a month", "每月两次"),
        Frequency::Monthly => ("every month", "每月"),
        Frequency::Bimonthly => ("every two months", "每两个月"),
        Frequency::Quarterly => ("every quarter", "每季度"),
        Frequency::Semiannually => ("every six months", "每半年"),
        Frequency::Annually => ("every year", "每年"),
        Frequency::Irregular => ("repeatedly", "反复"),
    }
}

/// The verdict on one stream.
pub struct Verdict {
    /// How urgent.
    pub level: Level,
    /// Why, most serious first.
    pub reasons: Vec<Reason>,
}

/// Judges a stream. `start` is the first day of the statements it was found in.
pub fn judge(events: &[Event<'_>], stream: &Found, start: chrono::NaiveDate) -> Verdict {
    let key = events[stream.members[0]].key_rank;
    let refunds: Vec<usize> = (0..events.len())
        .filter(|&i| events[i].key_rank == key && events[i].is_refund && !events[i].is_mirror)
        .collect();
    judge_with_refunds(events, stream, start, &refunds)
}

/// [`judge`] given the refunds of the stream's counterparty (refund rows that are not mirrors,
/// in row order), as [`refunds_by_key`] lists them for every counterparty at once.
pub fn judge_with_refunds(
    events: &[Event<'_>],
    stream: &Found,
    start: chrono::NaiveDate,
    refunds: &[usize],
) -> Verdict {
    let txs: Vec<&Transaction> = stream.members.iter().map(|&i| events[i].tx).collect();
    let amounts: Vec<i64> = txs.iter().map(|t| t.amount.minor).collect();
    let (every_en, every_zh) = frequency_words(stream.fit.frequency);
    let mut reasons = Vec::new();
    let mut level = Level::Low;
    let raise = |l: Level, current: &mut Level| {
        if l > *current {
            *current = l;
        }
    };

    let members = || stream.members.iter().map(|&i| &events[i]);
    if stream.direction == Direction::Credit {
        let salary = members().any(|e| e.words.any(Words::SALARY));
        let (en, zh) = if salary {
            ("Salary", "工资")
        } else {
            ("Income", "收入")
        };
        reasons.push(reason(
            if salary { "salary" } else { "recurring_income" },
            format!("{en} received {every_en}."),
            format!("{every_zh}固定收到的{zh}。"),
        ));
        return Verdict {
            level: Level::Low,
            reasons,
        };
    }

    let any = |lists: Words| members().any(|e| e.words.any(lists));
    let insurance = any(Words::INSURANCE.with(Words::INSURANCE_BRAND));
    let renewal = any(Words::RENEWAL);
    let agreement = any(Words::AGREEMENT);
    let bill = any(Words::BILL) && !insurance;
    let pushed = super::streams::to_person(events, &stream.members)
        || super::streams::transfer(events, &stream.members);
    let typical = median(&amounts);
    let first = amounts[0];
    let rest_median = median(&amounts[1..]);

    // Trial then full price: one low first charge, then a much higher rhythm.
    if amounts.len() >= 3
        && first * 10 < rest_median * 6
        && amounts[1..].iter().all(|&a| a * 10 >= rest_median * 9)
    {
        reasons.push(reason(
            "trial_to_paid",
            format!("First charge {} then {} {every_en}: a low trial turned into full-price automatic charges.", yuan(first), yuan(rest_median)),
            format!("首次只扣 {} 元，之后{every_zh}自动扣 {} 元：低价试用后转为正价扣费。", yuan(first), yuan(rest_median)),
        ));
        raise(Level::High, &mut level);
    }

    // Price steps inside the stream (after the first charge), holding for two charges.
    if let Some((from, to, at)) = price_step(&amounts) {
        let date = txs[at].when.date;
        reasons.push(reason(
            "price_increase",
            format!(
                "The price went up from {} to {} on {date} and stayed there.",
                yuan(from),
                yuan(to)
            ),
            format!(
                "{date} 起扣款金额由 {} 元涨到 {} 元，并持续按新价格扣款。",
                yuan(from),
                yuan(to)
            ),
        ));
        // A fixed price that rises while charges keep coming is a unilateral change whatever the
        // rows say; bills are excluded (their amounts vary anyway), and so is money the payer
        // sends by transfer (a standing order, rent to a landlord): the payer set the new amount.
        raise(
            if bill || pushed {
                Level::Medium
            } else {
                Level::High
            },
            &mut level,
        );
    }

    if insurance {
        reasons.push(reason(
            "insurance_autodebit",
            format!("Insurance premiums of about {} taken {every_en} by automatic deduction. Check that you (knowingly) bought this policy.", yuan(typical)),
            format!("{every_zh}自动扣除约 {} 元保费。请确认是否本人知情投保。", yuan(typical)),
        ));
        raise(Level::High, &mut level);
    }

    if stream.fit.frequency == Frequency::Weekly && typical <= 3000 {
        reasons.push(reason(
            "micro_weekly",
            format!("Small charge of {} taken every week ({} times so far): weekly renewals are rare for honest memberships.", yuan(typical), txs.len()),
            format!("每周扣 {} 元（已扣 {} 次）：按周自动续费多见于诱导开通的会员。", yuan(typical), txs.len()),
        ));
        raise(Level::High, &mut level);
    }

    if matches!(
        stream.fit.frequency,
        Frequency::Annually | Frequency::Semiannually
    ) && !bill
    {
        reasons.push(reason(
            "annual_renewal",
            format!(
                "{} taken {every_en}: a renewal that is easy to forget until it is charged.",
                yuan(typical)
            ),
            format!(
                "{every_zh}自动扣 {} 元：这类续费很容易被忘记。",
                yuan(typical)
            ),
        ));
        raise(Level::High, &mut level);
    }

    if renewal {
        reasons.push(reason(
            "auto_renewal",
            format!(
                "Renews by itself {every_en} ({} so far, {} in total).",
                txs.len(),
                yuan(amounts.iter().sum())
            ),
            format!(
                "{every_zh}自动续费（已扣 {} 次，共 {} 元）。",
                txs.len(),
                yuan(amounts.iter().sum())
            ),
        ));
        raise(if bill { Level::Low } else { Level::Medium }, &mut level);
    }
    if agreement {
        reasons.push(reason(
            "deduction_agreement",
            "Taken under a standing deduction agreement (代扣/免密): no password or confirmation for each charge.".to_string(),
            "通过代扣/免密协议扣款：每次扣款无需密码或确认。".to_string(),
        ));
    }

    // Money came back from this counterparty (a refund, often after a complaint or a
    // cancellation), and the charges went on.
    let first_charge = events[stream.members[0]].utc;
    let last_charge = events[stream.members[stream.members.len() - 1]].utc;
    if let Some(refund) = refunds
        .iter()
        .map(|&i| &events[i])
        .filter(|r| r.utc < last_charge && r.utc > first_charge)
        .min_by_key(|r| r.utc)
    {
        let after = stream
            .members
            .iter()
            .filter(|&&i| events[i].utc > refund.utc)
            .count();
        let date = refund.tx.when.date;
        reasons.push(reason(
            "charge_after_refund",
            format!("A refund came from this counterparty on {date}, yet {after} more charges followed: the deduction was not stopped."),
            format!("{date} 已收到该商户退款，之后仍被扣款 {after} 次：扣款并未停止。"),
        ));
        raise(if bill { Level::Medium } else { Level::High }, &mut level);
    }

    // A long silence (two cycles or more without a charge), then the charges started again.
    if let Some(pair) = txs.windows(2).find(|w| {
        let gap = (w[1].when.date - w[0].when.date).num_days();
        gap > super::cadence::cycle_days(stream.fit.frequency) * 5 / 2
    }) {
        let (stopped, resumed) = (pair[0].when.date, pair[1].when.date);
        reasons.push(reason(
            "resumed_after_stop",
            format!("No charge between {stopped} and {resumed}, then the charges started again. If you had cancelled, this is a charge after cancellation."),
            format!("{stopped} 至 {resumed} 之间停止扣款，之后又重新开始扣款。如已取消，这属于取消后继续扣费。"),
        ));
        raise(if bill { Level::Low } else { Level::Medium }, &mut level);
    }

    // The rhythm began well after the statements start, without a first purchase or sign-up.
    let cycle = super::cadence::cycle_days(stream.fit.frequency);
    let first_date = txs[0].when.date;
    if (first_date - start).num_days() > cycle && !bill && (renewal || insurance) {
        let sign_up = txs[0].description.contains("首月") || txs[0].description.contains("开通");
        if !sign_up {
            reasons.push(reason(
                "no_sign_up_seen",
                format!("Started on {first_date} with a renewal charge; the statements before show no purchase or sign-up."),
                format!("{first_date} 开始直接扣费，此前账单中没有购买或开通记录。"),
            ));
            raise(Level::Medium, &mut level);
        }
    }

    if bill {
        reasons.insert(
            0,
            reason(
                "expected_bill",
                format!("A regular bill (rent, utilities or phone) paid {every_en}."),
                format!("{every_zh}支付的日常账单（房租、水电燃气或话费）。"),
            ),
        );
    } else if reasons.is_empty() {
        reasons.push(reason(
            "recurring_payment",
            format!("{} paid {every_en}.", yuan(typical)),
            format!("{every_zh}付款 {} 元。", yuan(typical)),
        ));
        raise(Level::Medium, &mut level);
    }
    if bill && level > Level::Low && !insurance {
        // A bill that is also flagged keeps its flags but is never called abusive for its words alone.
        level = level.min(Level::Medium);
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(severity(&r.code)));
    Verdict { level, reasons }
}

fn severity(code: &str) -> u8 {
    match code {
        "loan_fee"
        | "trial_to_paid"
        | "insurance_autodebit"
        | "micro_weekly"
        | "price_increase"
        | "annual_renewal"
        | "charge_after_refund" => 3,
        "no_sign_up_seen" | "resumed_after_stop" | "auto_renewal" | "deduction_agreement" => 2,
        _ => 1,
    }
}

/// A step up of more than 2 % (more than the drift of a converted currency, see
/// `streams::SAME_AMOUNT`) from a price held for at least two charges (a lower first charge,
/// a possible trial, aside), where the new price holds for the next charge too. A price seen only
/// once before the step (the statements began just before it) counts when the new price then
/// holds for three charges.
fn price_step(amounts: &[i64]) -> Option<(i64, i64, usize)> {
    (1..amounts.len()).find_map(|i| {
        let (before, now) = (amounts[i - 1], amounts[i]);
        // The old price: every charge before the step, except a first one that was lower.
        let start = usize::from(i >= 2 && amounts[0] < before);
        let plateau = &amounts[start..i];
        let holds = if plateau.len() >= 2 {
            amounts
                .get(i + 1)
                .is_some_and(|&next| next * 100 >= now * 97)
        } else {
            // One charge at the old price: it must not be a trial (far lower, see
            // `trial_to_paid`), and the new price must then hold, unchanged, three times.
            before * 10 >= now * 6
                && amounts.len() >= i + 3
                && amounts[i + 1..i + 3]
                    .iter()
                    .all(|&next| (next - now).abs() * 100 <= now * 3)
        };
        (now * 100 > before * 102 && holds && plateau.iter().all(|&a| a == before))
            .then_some((before, now, i))
    })
}

/// The refund rows (not mirrors) of each counterparty, by key rank, in row order: what
/// [`judge_with_refunds`] needs for each stream, gathered in one pass.
pub fn refunds_by_key(events: &[Event<'_>]) -> Vec<Vec<usize>> {
    let ranks = events
        .iter()
        .map(|e| e.key_rank as usize + 1)
        .max()
        .unwrap_or(0);
    let mut by_key = vec![Vec::new(); ranks];
    for (i, e) in events.iter().enumerate() {
        if e.is_refund && !e.is_mirror {
            by_key[e.key_rank as usize].push(i);
        }
    }
    by_key
}

/// The median of minor amounts (the lower middle for even counts).
pub fn median(amounts: &[i64]) -> i64 {
    if amounts.is_empty() {
        return 0;
    }
    let mut sorted = amounts.to_vec();
    sorted.sort_unstable();
    sorted[(sorted.len() - 1) / 2]
}

/// Words that name a subscription plan of its own (not a fee): a plan that starts by chance in
/// the days after a loan is not that loan's fee.
const PLAN_MARKERS: &[&str] = &[
    "连续包月",
    "连续包季",
    "连续包年",
    "自动续费",
    "auto renew",
    "auto-renew",
    "autorenew",
    "subscription",
];

/// Whether two counterparty keys name the same business: equal, one inside the other, or (for
/// Latin names) the same first word of four letters or more, the brand (`quickfund loans` and
/// `quickfund members`), when `distinctive` says that word is not shared by many names.
pub fn related_keys(a: &str, b: &str, distinctive: &dyn Fn(&str) -> bool) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b || a.contains(b) || b.contains(a) {
        return true;
    }
    match (brand_word(a), brand_word(b)) {
        (Some(x), Some(y)) => x == y && distinctive(x),
        _ => false,
    }
}

/// The first word of a Latin-script key, when it is four letters or more.
fn brand_word(key: &str) -> Option<&str> {
    key.is_ascii()
        .then(|| key.split(' ').next())
        .flatten()
        .filter(|word| word.len() >= 4 && word.bytes().any(|c| c.is_ascii_alphabetic()))
}

/// First words of Latin-script keys that begin three different names or more in these
/// statements: a common word (`merchant`, `city`), not a brand.
fn common_first_words<'e>(events: &'e [Event<'_>]) -> BTreeMap<&'e str, usize> {
    // The distinct keys in order: one per key rank.
    let ranks = events
        .iter()
        .map(|e| e.key_rank as usize + 1)
        .max()
        .unwrap_or(0);
    let mut keys: Vec<&str> = vec![""; ranks];
    for e in events {
        keys[e.key_rank as usize] = &e.key;
    }
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for word in keys.into_iter().filter_map(brand_word) {
        *uses.entry(word).or_default() += 1;
    }
    uses.retain(|_, n| *n >= 3);
    uses
}

/// A loan paid out, followed within three days by fees: the rows (disbursement first) and the
/// principal. A credit counts as a loan when its words say so, or by its shape: a one-off
/// credit from a counterparty that starts taking much smaller charges within three days.
///
/// After a credit that says it is a loan, a charge within days is a fee when it comes from the
/// lender, says it is a fee, or is a single charge under a deduction agreement; failing those, a
/// recurring debit of one fixed price and a fee's size that starts then is a fee, even when
/// another company collects it under a neutral name. A charge of a recurring debit that began
/// before the loan is not a fee of that loan, whatever it says, and neither is a subscription
/// plan that names itself (连续包月, 自动续费).
pub fn loan_fees<'a>(events: &[Event<'a>], streams: &[Found]) -> Vec<(Vec<&'a Transaction>, i64)> {
    // Which debit stream each event belongs to, and where that stream began.
    let mut stream_start: HashMap<usize, usize> = HashMap::new();
    // First charges of streams that take one fixed price, as a fee does (a card repayment or a
    // bill that varies is not a fee, whenever it began).
    let mut fixed_price_starts: Vec<usize> = Vec::new();
    for stream in streams.iter().filter(|s| s.direction == Direction::Debit) {
        let first = stream.members[0];
        for &i in &stream.members {
            stream_start.insert(i, first);
        }
        if stream
            .members
            .iter()
            .all(|&i| events[i].minor() == events[first].minor())
        {
            fixed_price_starts.push(first);
        }
    }
    // Sorted as one number each, day then row: cheap to compare.
    let mut packed: Vec<u64> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_charge())
        .map(|(i, e)| {
            let day = (i64::from(e.date().num_days_from_ce()) - i64::from(i32::MIN)) as u64;
            (day << 32) | i as u64
        })
        .collect();
    packed.sort_unstable();
    let by_date: Vec<(chrono::NaiveDate, usize)> = packed
        .iter()
        .map(|&key| {
            let i = (key & u64::from(u32::MAX)) as usize;
            (events[i].date(), i)
        })
        .collect();
    let charges: Vec<usize> = by_date.iter().map(|&(_, i)| i).collect();
    let common = common_first_words(events);
    let distinctive = |word: &str| !common.contains_key(word);
    let mut income_keys: BTreeMap<&str, usize> = BTreeMap::new();
    for e in events.iter().filter(|e| e.is_income()) {
        *income_keys.entry(&e.key).or_default() += 1;
    }

    let mut out = Vec::new();
    for loan in events.iter().filter(|e| e.is_income()) {
        let at = loan.tx.when.date;
        let from = by_date.partition_point(|&(date, _)| date < at - Duration::days(1));
        let to = by_date.partition_point(|&(date, _)| date <= at + Duration::days(3));
        // Charges of a recurring debit that began before the loan are not its fees.
        let older = |i: usize| {
            stream_start
                .get(&i)
                .is_some_and(|&first| events[first].date() < at - Duration::days(1))
        };
        let related = |i: usize| related_keys(&events[i].key, &loan.key, &distinctive);
        let worded = loan.words.any(Words::LOAN);
        // By shape, a lender pays in once (a regular payer is a customer or an employer), and
        // only its own smaller charges can be fees.
        if !worded && income_keys.get(&*loan.key).is_some_and(|&n| n > 1) {
            continue;
        }
        let by_shape: Vec<usize> = charges[from..to]
            .iter()
            .copied()
            .filter(|&i| events[i].minor() * 5 <= loan.minor() && related(i) && !older(i))
            .collect();
        if !worded && (by_shape.is_empty() || loan.words.any(Words::SALARY)) {
            continue;
        }
        let fees: Vec<&Transaction> = if worded {
            let window = Window {
                charges: &charges[from..to],
                older: &older,
                related: &related,
                in_stream: &|i| stream_start.contains_key(&i),
                fixed_price_start: &|i| fixed_price_starts.contains(&i),
            };
            worded_loan_fees(events, loan, &window)
        } else {
            by_shape.iter().map(|&i| events[i].tx).collect()
        };
        if fees.is_empty() {
            continue;
        }
        // By shape alone, no related name may pay in again either.
        let once = || {
            income_keys
                .iter()
                .filter(|(key, _)| related_keys(key, &loan.key, &distinctive))
                .map(|(_, n)| n)
                .sum::<usize>()
                == 1
        };
        if worded || once() {
            let mut rows = vec![loan.tx];
            rows.extend(fees);
            out.push((rows, loan.tx.amount.minor));
        }
    }
    out
}

/// The charges in the days around a loan, and what is known of each.
struct Window<'w> {
    /// Charge indexes, from the day before the loan to three days after.
    charges: &'w [usize],
    /// Whether a charge belongs to a recurring debit that began before the loan.
    older: &'w dyn Fn(usize) -> bool,
    /// Whether a charge's counterparty is the lender's.
    related: &'w dyn Fn(usize) -> bool,
    /// Whether a charge belongs to a recurring debit.
    in_stream: &'w dyn Fn(usize) -> bool,
    /// Whether a charge begins a recurring debit of one fixed price.
    fixed_price_start: &'w dyn Fn(usize) -> bool,
}

/// The fees of a credit that says it is a loan, among the charges of its window.
fn worded_loan_fees<'a>(
    events: &[Event<'a>],
    loan: &Event<'a>,
    around: &Window<'_>,
) -> Vec<&'a Transaction> {
    let window: Vec<usize> = around
        .charges
        .iter()
        .copied()
        .filter(|&i| !(around.older)(i))
        .collect();
    let plan = |e: &Event<'_>| e.words.any(Words::PLAN);
    // Fees that name themselves: from the lender, worded as a fee, or a single charge taken
    // under a deduction agreement (代扣, direct debit), which is unusual outside a rhythm.
    let named: Vec<&'a Transaction> = window
        .iter()
        .copied()
        .filter(|&i| {
            let e = &events[i];
            let one_off_agreement = !(around.in_stream)(i) && e.words.any(Words::AGREEMENT);
            (around.related)(i) || ((e.words.any(Words::FEE) || one_off_agreement) && !plan(e))
        })
        .map(|i| events[i].tx)
        .collect();
    if !named.is_empty() {
        return named;
    }
    // Else a new recurring debit of one fixed price and a fee's size under a neutral name.
    let at = loan.tx.when.date;
    window
        .iter()
        .copied()
        .filter(|&i| {
            let e = &events[i];
            (around.fixed_price_start)(i)
                && e.date() >= at
                && e.minor() * 5 <= loan.minor()
                && e.minor() * 200 >= loan.minor()
                && !plan(e)
        })
        .map(|i| events[i].tx)
        .collect()
}

/// Two charges of the same merchant and amount close together: (rows, strong?).
pub fn duplicates<'a>(events: &[Event<'a>]) -> Vec<(&'a Transaction, &'a Transaction, bool)> {
    // By counterparty first (a counting sort), then by amount and time inside each counterparty;
    // the sort key sits beside each index, and equal charges keep row order, as the index comes
    // last.
    let charges: Vec<((u32, i64, chrono::NaiveDateTime), usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_charge() && e.minor() > 0)
        .map(|(i, e)| (e.key_amount_time(), i))
        .collect();
    let ranks = super::events::key_count(events);
    let mut charges = super::events::by_key_rank(&charges, ranks, |c| c.0 .0);
    for same_key in charges.chunk_by_mut(|a, b| a.0 .0 == b.0 .0) {
        same_key.sort_unstable();
    }
    let mut out = Vec::new();
    for pair in charges.windows(2) {
        let (a, b) = (&events[pair[0].1], &events[pair[1].1]);
        if a.key_rank != b.key_rank || a.minor() != b.minor() || a.currency() != b.currency() {
            continue;
        }
        let strong = match (a.tx.when.time, b.tx.when.time) {
            (Some(_), Some(_)) => b.utc - a.utc <= Duration::minutes(10),
            _ => a.date() == b.date() && a.minor() >= 2000,
        };
        if strong {
            out.push((a.tx, b.tx, a.minor() >= 2000));
        }
    }
    out
}

/// Closed or failed wallet payments whose bank mirror shows the money was taken, with no refund.
pub fn failed_but_charged<'a>(events: &[Event<'a>]) -> Vec<(&'a Transaction, &'a Transaction)> {
    // Refund rows by counterparty (equal keys have equal ranks), so each closed payment looks
    // only at its own merchant's refunds.
    let mut refunds: Vec<Vec<&Event<'a>>> = vec![Vec::new(); super::events::key_count(events)];
    for e in events.iter().filter(|e| e.is_refund) {
        refunds[e.key_rank as usize].push(e);
    }
    let mut out = Vec::new();
    for e in events.iter().filter(|e| {
        e.tx.direction == Direction::Debit
            && matches!(
                e.tx.status_kind,
                crate::model::StatusKind::Closed | crate::model::StatusKind::Failed
            )
            && e.refunded_by.is_none()
    }) {
        let Some(bank) = e.mirrors.first() else {
            continue;
        };
        let refunded = refunds[e.key_rank as usize]
            .iter()
            .any(|r| r.minor() == e.minor() && (r.date() - e.date()).num_days().abs() <= 15);
        if !refunded {
            out.push((e.tx, *bank));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::normalize::mentions;
    use super::*;

    #[test]
    fn finds_price_steps_that_hold() {
        type Step = Option<(i64, i64, usize)>;
        let cases: &[(&[i64], Step)] = &[
            (&[1500, 1500, 1500, 1800, 1800], Some((1500, 1800, 3))),
            (&[1500, 1500, 1800], None),
            (&[1500, 1500, 1800, 1800], Some((1500, 1800, 2))),
            (&[1500, 1500, 1800, 1500], None),
            (&[900, 1500, 1800, 1800], None),
            (&[1, 1500, 1500, 1800, 1800], Some((1500, 1800, 3))),
            (&[1, 1500, 1500, 1500], None),
            (&[8549, 22694, 11281, 16675], None),
            (&[1500, 1500, 1520, 1520], None),
            // The statements begin one charge before the step: the new price must then hold
            // for three charges.
            (&[1690, 2300, 2300, 2300], Some((1690, 2300, 1))),
            (&[1690, 2300, 2300], None),
            (&[1690, 2300, 2300, 2100], None),
        ];
        for (amounts, expected) in cases {
            assert_eq!(price_step(amounts), *expected, "{amounts:?}");
        }
    }

    #[test]
    fn related_names_cash_and_businesses() {
        let related: &[(&str, &str, bool)] = &[
            ("某金融", "某金融", true),
            ("某某小额贷款", "某某小额贷款广西", true),
            ("acme loans", "acme members", true),
            ("acme loans", "acmex members", false),
            ("j smith", "j pemberton", false),
            ("quick loans", "quick shop", true),
            ("", "某金融", false),
            ("某小额贷款", "某信息技术", false),
            // A word that begins many names in the statements is not a brand.
            ("merchant 197975", "merchant 134623", false),
        ];
        let distinctive = |word: &str| word != "merchant";
        for (a, b, expected) in related {
            assert_eq!(related_keys(a, b, &distinctive), *expected, "{a} ~ {b}");
        }
        let tx = |who: &str, what: &str| Transaction {
            source: crate::model::SourceRef {
                file: std::sync::Arc::from("t.csv"),
                line: 2,
            },
            when: crate::model::LocalTime {
                date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                time: None,
                utc_offset_seconds: 8 * 3600,
            },
            direction: Direction::Debit,
            amount: crate::model::Money::new(10_000, crate::model::Currency::CNY),
            counterparty: who.to_string(),
            counterparty_account: None,
            description: what.to_string(),
            category: None,
            status: String::new(),
            status_kind: crate::model::StatusKind::Succeeded,
            payment_method: None,
            order_id: None,
            merchant_order_id: None,
            note: None,
        };
        let cash: &[(&str, &str, bool)] = &[
            ("ATM取款", "ATM取款", true),
            ("", "柜台取现", true),
            ("CASH MACHINE", "CASH WITHDRAWAL", true),
            ("HIGH STREET ATM 0042", "", true),
            ("TREATMENT CENTRE", "CARD PURCHASE", false),
            ("某便利店", "订单", false),
        ];
        for (who, what, expected) in cash {
            assert_eq!(
                is_cash_withdrawal(&tx(who, what)),
                *expected,
                "{who} {what}"
            );
        }
        let business: &[(&str, bool)] = &[
            ("某水务", true),
            ("某某有限公司", true),
            ("某便利店", true),
            ("NORTHERN POWER", true),
            ("王晓明", false),
            ("李*", false),
            ("V PRINCE", false),
        ];
        for (name, expected) in business {
            assert_eq!(names_a_business(name), *expected, "{name}");
        }
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3, 1, 2]), 2);
        assert_eq!(median(&[4, 1, 3, 2]), 2);
        assert_eq!(median(&[]), 0);
    }

    #[test]
    fn words_are_found_as_searching_each_list_finds_them() {
        let lists = WORD_LISTS;
        // Every word alone, upper-cased, full-width, inside other text and cut short; names and
        // descriptions as statements print them.
        let mut texts: Vec<String> = vec![
            String::new(),
            "财付通-微信支付-罗森".into(),
            "HIGH STREET ATM 0042".into(),
            "TREATMENT CENTRE".into(),
            "ＡＵＴＯ ＲＥＮＥＷ".into(),
            "元保".into(),
            "某某有限公司（南山店）".into(),
            "NETFLIX.COM 866-579".into(),
        ];
        for (_, words) in lists {
            for word in words {
                let cut: String = word.chars().take(word.chars().count() - 1).collect();
                texts.push(word.to_string());
                texts.push(word.to_uppercase());
                texts.push(format!("某商户{word}订单"));
                texts.push(format!("x{}y", word.to_uppercase()));
                texts.push(cut);
            }
        }
        for text in &texts {
            let found = Words::of(text);
            for (list, words) in lists {
                let by_list = mentions(&[text], words)
                    || (list == Words::CASH
                        && super::super::normalize::fold_width(text)
                            .split(|c: char| !c.is_ascii_alphanumeric())
                            .any(|w| w == "atm"));
                assert_eq!(found.any(list), by_list, "{text:?} {list:?}");
            }
            assert!(!found.any(Words::INSURANCE_BRAND), "{text:?}");
            assert_eq!(
                Words::of_counterparty(text).any(Words::INSURANCE_BRAND),
                insurance_brand(text),
                "{text:?}"
            );
        }
    }
}
