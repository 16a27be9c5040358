//! Stream and signal detection on small hand-built statements with generic names, so nothing can
//! lean on a merchant list: one case per signal, and the awkward calendars.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveTime};
use statement_checker::analysis::{analyse, Frequency, Level, Report};
use statement_checker::import::{Format, ImportedFile, Period};
use statement_checker::model::{
    Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction,
};

/// One row: date, time, counterparty, description, direction, amount in fen, status.
struct R(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Direction,
    i64,
    StatusKind,
);

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn file(name: &str, format: Format, start: &str, end: &str, rows: Vec<R>) -> ImportedFile {
    let name: Arc<str> = Arc::from(name);
    let transactions = rows
        .into_iter()
        .enumerate()
        .map(
            |(i, R(date, time, who, what, direction, minor, status))| Transaction {
                source: SourceRef {
                    file: Arc::clone(&name),
                    line: i as u32 + 2,
                },
                when: LocalTime {
                    date: d(date),
                    time: (!time.is_empty())
                        .then(|| NaiveTime::parse_from_str(time, "%H:%M:%S").unwrap()),
                    utc_offset_seconds: 8 * 3600,
                },
                direction,
                amount: Money::new(minor, Currency::CNY),
                counterparty: who.to_string(),
                counterparty_account: None,
                description: what.to_string(),
                category: None,
                status: format!("{status:?}"),
                status_kind: status,
                payment_method: None,
                order_id: None,
                merchant_order_id: None,
                note: None,
            },
        )
        .collect();
    ImportedFile {
        name,
        bytes: 0,
        format: Some(format),
        encoding: None,
        transactions,
        period: Some(Period {
            start: d(start),
            end: d(end),
        }),
        skipped: Vec::new(),
        declared_count: None,
        error: None,
        mapping: None,
    }
}

use Direction::{Credit, Debit};
use StatusKind::{Closed, Refunded, Succeeded};

/// Monthly rows on `day` of each month from `from` for `n` months (clamped to month ends).
fn monthly(
    from: (i32, u32),
    day: u32,
    n: u32,
    who: &'static str,
    what: &'static str,
    dir: Direction,
    amounts: &[i64],
) -> Vec<R> {
    (0..n)
        .map(|k| {
            let total = from.0 * 12 + from.1 as i32 - 1 + k as i32;
            let (y, m) = (total / 12, total % 12 + 1);
            let last = (28..=31)
                .rev()
                .find(|&x| NaiveDate::from_ymd_opt(y, m as u32, x).is_some())
                .unwrap();
            let date = NaiveDate::from_ymd_opt(y, m as u32, day.min(last)).unwrap();
            let amount = amounts[(k as usize).min(amounts.len() - 1)];
            R(
                leak(date.to_string()),
                "03:10:00",
                who,
                what,
                dir,
                amount,
                Succeeded,
            )
        })
        .collect()
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Everyday noise: a shop visited every few days with varying amounts (a fixed pseudo-random
/// sequence, so the test is repeatable).
fn noise(who: &'static str, from: &str, days: i64) -> Vec<R> {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut day = 0i64;
    let mut rows = Vec::new();
    while day < days {
        let date = d(from) + Duration::days(day);
        let amount = 500 + next(6000) as i64;
        rows.push(R(
            leak(date.to_string()),
            "12:00:00",
            who,
            "订单",
            Debit,
            amount,
            Succeeded,
        ));
        day += 1 + next(4) as i64;
    }
    rows
}

fn report(rows: Vec<R>) -> Report {
    analyse(&[file(
        "a.csv",
        Format::Alipay,
        "2025-01-01",
        "2025-12-31",
        rows,
    )])
}

fn stream<'r>(report: &'r Report, who: &str) -> &'r statement_checker::analysis::Stream {
    report
        .streams
        .iter()
        .find(|s| s.counterparty == who)
        .unwrap_or_else(|| {
            panic!(
                "no stream for {who}: {:?}",
                report
                    .streams
                    .iter()
                    .map(|s| &s.counterparty)
                    .collect::<Vec<_>>()
            )
        })
}

fn codes(s: &statement_checker::analysis::Stream) -> Vec<&str> {
    s.reasons.iter().map(|r| r.code.as_str()).collect()
}

#[test]
fn each_signal_on_its_own() {
    struct Case {
        what: &'static str,
        rows: Vec<R>,
        who: &'static str,
        frequency: Frequency,
        level: Level,
        code: &'static str,
        occurrences: usize,
    }
    let cases = vec![
        Case {
            what: "trial then full price",
            rows: monthly(
                (2025, 3),
                9,
                8,
                "某权益平台",
                "会员自动续费",
                Debit,
                &[1, 1990],
            ),
            who: "某权益平台",
            frequency: Frequency::Monthly,
            level: Level::High,
            code: "trial_to_paid",
            occurrences: 8,
        },
        Case {
            what: "a first low charge that is not a cent",
            rows: monthly(
                (2025, 3),
                20,
                6,
                "某外卖平台",
                "超级卡连续包月",
                Debit,
                &[990, 2000],
            ),
            who: "某外卖平台",
            frequency: Frequency::Monthly,
            level: Level::High,
            code: "trial_to_paid",
            occurrences: 6,
        },
        Case {
            what: "price step inside a renewal",
            rows: monthly(
                (2025, 1),
                15,
                10,
                "某音乐平台",
                "连续包月",
                Debit,
                &[1500, 1500, 1500, 1500, 1800],
            ),
            who: "某音乐平台",
            frequency: Frequency::Monthly,
            level: Level::High,
            code: "price_increase",
            occurrences: 10,
        },
        Case {
            what: "insurance premiums",
            rows: monthly(
                (2025, 4),
                28,
                8,
                "某某保险经纪有限公司",
                "医疗险保费",
                Debit,
                &[2990],
            ),
            who: "某某保险经纪有限公司",
            frequency: Frequency::Monthly,
            level: Level::High,
            code: "insurance_autodebit",
            occurrences: 8,
        },
        Case {
            what: "plain subscription is only reviewed",
            rows: monthly(
                (2025, 1),
                6,
                12,
                "某视频平台",
                "VIP会员连续包月",
                Debit,
                &[2500],
            ),
            who: "某视频平台",
            frequency: Frequency::Monthly,
            level: Level::Medium,
            code: "auto_renewal",
            occurrences: 12,
        },
        Case {
            what: "rent is expected",
            rows: monthly((2025, 1), 4, 12, "王*", "房租", Debit, &[300_000]),
            who: "王*",
            frequency: Frequency::Monthly,
            level: Level::Low,
            code: "expected_bill",
            occurrences: 12,
        },
        Case {
            what: "salary is income",
            rows: monthly(
                (2025, 1),
                10,
                12,
                "某某有限公司",
                "工资",
                Credit,
                &[1_200_000],
            ),
            who: "某某有限公司",
            frequency: Frequency::Monthly,
            level: Level::Low,
            code: "salary",
            occurrences: 12,
        },
        Case {
            what: "month ends: 31st, then 28th, 30th",
            rows: monthly((2025, 1), 31, 7, "某云存储", "自动续费", Debit, &[600]),
            who: "某云存储",
            frequency: Frequency::Monthly,
            level: Level::Medium,
            code: "auto_renewal",
            occurrences: 7,
        },
    ];
    for case in cases {
        let mut rows = case.rows;
        rows.extend(noise("某便利店", "2025-01-02", 360));
        let report = report(rows);
        let s = stream(&report, case.who);
        assert_eq!(s.frequency, case.frequency, "{}", case.what);
        assert_eq!(s.level, case.level, "{}: {:?}", case.what, codes(s));
        assert!(
            codes(s).contains(&case.code),
            "{}: {:?}",
            case.what,
            codes(s)
        );
        assert_eq!(s.occurrences, case.occurrences, "{}", case.what);
        assert!(
            !report.streams.iter().any(|x| x.counterparty == "某便利店"),
            "{}: habitual purchases are not a stream",
            case.what
        );
    }
}

#[test]
fn weekly_micro_charges_and_a_new_year_gap() {
    let mut rows: Vec<R> = (0..20)
        .map(|k| {
            R(
                leak((d("2025-03-01") + Duration::days(7 * k)).to_string()),
                "02:00:00",
                "某短剧",
                "周卡",
                Debit,
                1900,
                Succeeded,
            )
        })
        .collect();
    // Monthly with February skipped (Chinese New Year): still one stream, one missed charge.
    for date in [
        "2025-11-12",
        "2025-12-12",
        "2026-01-12",
        "2026-03-12",
        "2026-04-12",
    ] {
        rows.push(R(
            date,
            "09:00:00",
            "某网盘",
            "自动续费",
            Debit,
            3000,
            Succeeded,
        ));
    }
    let report = analyse(&[file(
        "a.csv",
        Format::Alipay,
        "2025-03-01",
        "2026-04-30",
        rows,
    )]);
    let weekly = stream(&report, "某短剧");
    assert_eq!(
        (weekly.frequency, weekly.level),
        (Frequency::Weekly, Level::High)
    );
    assert!(codes(weekly).contains(&"micro_weekly"));
    assert!(!weekly.active, "ended months before the statement end");
    assert_eq!(weekly.state, "ended");
    let gap = stream(&report, "某网盘");
    assert_eq!((gap.frequency, gap.occurrences), (Frequency::Monthly, 5));
    assert!(gap.active);
    assert_eq!(gap.next_expected, Some(d("2026-05-12")));
}

#[test]
fn two_streams_at_one_merchant_and_refunds() {
    let mut rows = monthly((2025, 1), 3, 12, "某平台", "会员A连续包月", Debit, &[1500]);
    rows.extend(monthly(
        (2025, 1),
        20,
        12,
        "某平台",
        "会员B连续包月",
        Debit,
        &[3000],
    ));
    // A refunded charge: the charge is not counted, the refund row is not income.
    rows.push(R(
        "2025-06-10",
        "10:00:00",
        "某平台",
        "其他商品",
        Debit,
        8800,
        Closed,
    ));
    rows.push(R(
        "2025-06-11",
        "10:00:00",
        "某平台",
        "退款-其他商品",
        Direction::Neutral,
        8800,
        Refunded,
    ));
    let report = report(rows);
    let at_platform: Vec<_> = report
        .streams
        .iter()
        .filter(|s| s.counterparty == "某平台")
        .collect();
    assert_eq!(at_platform.len(), 2, "{:?}", report.streams);
    let mut amounts: Vec<i64> = at_platform.iter().map(|s| s.typical_amount_minor).collect();
    amounts.sort();
    assert_eq!(amounts, vec![1500, 3000]);
    assert!(report.alerts.is_empty(), "{:?}", report.alerts);
}

#[test]
fn duplicates_loans_and_mirrors() {
    let wallet_rows = vec![
        R(
            "2025-05-09",
            "06:40:48",
            "某出行",
            "订单",
            Debit,
            12643,
            Succeeded,
        ),
        R(
            "2025-05-09",
            "06:50:21",
            "某出行",
            "订单",
            Debit,
            12643,
            Succeeded,
        ),
        R(
            "2025-05-23",
            "18:39:39",
            "某金融",
            "借款到账",
            Credit,
            500_000,
            Succeeded,
        ),
        R(
            "2025-05-24",
            "06:10:42",
            "某金融",
            "权益服务费 代扣",
            Debit,
            29900,
            Succeeded,
        ),
        R(
            "2025-06-24",
            "06:10:42",
            "某金融",
            "会员服务费 代扣",
            Debit,
            29900,
            Succeeded,
        ),
        R(
            "2025-07-24",
            "06:10:42",
            "某金融",
            "权益服务费 代扣",
            Debit,
            29900,
            Succeeded,
        ),
        R(
            "2025-08-02",
            "10:00:00",
            "某商城",
            "订单",
            Debit,
            4500,
            Closed,
        ),
    ];
    let bank_rows = vec![
        R(
            "2025-05-24",
            "",
            "支付宝-某金融",
            "快捷支付",
            Debit,
            29900,
            Succeeded,
        ),
        R(
            "2025-06-25",
            "",
            "支付宝-某金融",
            "快捷支付",
            Debit,
            29900,
            Succeeded,
        ),
        R(
            "2025-08-02",
            "",
            "支付宝-某商城",
            "快捷支付",
            Debit,
            4500,
            Succeeded,
        ),
    ];
    let files = [
        file(
            "wallet.csv",
            Format::Alipay,
            "2025-05-01",
            "2025-08-31",
            wallet_rows,
        ),
        file(
            "bank.csv",
            Format::Alipay,
            "2025-05-01",
            "2025-08-31",
            vec![],
        ),
    ];
    // The bank file needs a non-wallet format; build it from the wallet helper and relabel.
    let mut bank = file(
        "bank.csv",
        Format::Alipay,
        "2025-05-01",
        "2025-08-31",
        bank_rows,
    );
    bank.format = None;
    let report = analyse(&[files[0].clone(), bank]);

    let codes: Vec<(&str, Level)> = report
        .alerts
        .iter()
        .map(|a| (a.code.as_str(), a.level))
        .collect();
    assert!(
        codes.contains(&("duplicate_charge", Level::High)),
        "{codes:?}"
    );
    assert!(codes.contains(&("loan_fee", Level::High)), "{codes:?}");
    assert!(
        codes.contains(&("failed_but_charged", Level::High)),
        "{codes:?}"
    );

    let fees = stream(&report, "某金融");
    assert_eq!(fees.level, Level::High);
    assert_eq!(fees.reasons[0].code, "loan_fee");
    assert_eq!(fees.occurrences, 3, "bank mirrors are not counted again");
    assert_eq!(fees.mirrors.len(), 2);
    assert!(fees.transactions.iter().all(|t| t.file == "wallet.csv"));
}

#[test]
fn the_report_is_deterministic() {
    let build = || {
        let mut rows = monthly((2025, 1), 6, 12, "某视频平台", "连续包月", Debit, &[2500]);
        rows.extend(noise("某便利店", "2025-01-02", 360));
        report(rows)
    };
    assert_eq!(
        serde_json::to_string(&build()).unwrap(),
        serde_json::to_string(&build()).unwrap()
    );
}

#[test]
fn the_demo_statement_shows_what_the_app_is_for() {
    let file = statement_checker::import::import_file(
        statement_checker::demo::ALIPAY_DEMO_NAME,
        &statement_checker::demo::alipay_demo(),
    );
    let report = analyse(&[file]);
    let level_of = |who: &str| stream(&report, who).level;
    assert_eq!(level_of("安心保险经纪有限公司"), Level::High);
    assert_eq!(level_of("惠享生活权益服务中心"), Level::High);
    let membership = codes(stream(&report, "惠享生活权益服务中心"))
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert!(
        membership.contains(&"trial_to_paid".to_string()),
        "{membership:?}"
    );
    assert!(
        membership.contains(&"price_increase".to_string()),
        "{membership:?}"
    );
    assert_eq!(level_of("网易云音乐"), Level::Medium);
    for expected in [
        "安居房屋租赁",
        "国网上海市电力公司",
        "中国移动",
        "星河信息技术有限公司",
    ] {
        assert_eq!(level_of(expected), Level::Low, "{expected}");
    }
    assert!(report
        .alerts
        .iter()
        .any(|a| a.code == "duplicate_charge" && a.level == Level::High));
    assert_eq!(
        report.streams.len(),
        7,
        "{:?}",
        report
            .streams
            .iter()
            .map(|s| &s.counterparty)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        report.streams[0].level,
        Level::High,
        "most suspicious first"
    );
}

#[test]
fn charges_that_go_on_after_a_refund_or_a_long_stop() {
    let mut rows = monthly((2025, 1), 8, 11, "某会员平台", "会员", Debit, &[3000]);
    // After the fourth charge the person complained and got one month back; charging went on.
    rows.push(R(
        "2025-04-20",
        "10:00:00",
        "某会员平台",
        "退款-会员",
        Direction::Neutral,
        3000,
        Refunded,
    ));
    // Another service: stopped in spring, started again in autumn.
    for date in [
        "2025-01-15",
        "2025-02-15",
        "2025-03-15",
        "2025-04-15",
        "2025-09-15",
        "2025-10-15",
        "2025-11-15",
    ] {
        rows.push(R(
            date,
            "09:00:00",
            "某网盘服务",
            "空间月费",
            Debit,
            1200,
            Succeeded,
        ));
    }
    rows.extend(noise("某便利店", "2025-01-02", 360));
    let report = report(rows);
    let refunded = stream(&report, "某会员平台");
    assert_eq!(refunded.level, Level::High);
    assert!(
        codes(refunded).contains(&"charge_after_refund"),
        "{:?}",
        codes(refunded)
    );
    let resumed = report
        .streams
        .iter()
        .filter(|s| s.counterparty == "某网盘服务")
        .collect::<Vec<_>>();
    let all_codes: Vec<&str> = resumed.iter().flat_map(|s| codes(s)).collect();
    assert!(
        all_codes.contains(&"resumed_after_stop"),
        "{all_codes:?} in {resumed:?}"
    );
}

#[test]
fn yearly_pairs_of_transfers_are_not_renewals_and_week_long_trials_join_their_stream() {
    let mut rows = vec![
        // The same gift to a friend a year apart: not a renewal.
        R(
            "2025-02-01",
            "10:00:00",
            "冯建军",
            "转账",
            Debit,
            50_000,
            Succeeded,
        ),
        R(
            "2026-02-01",
            "10:00:00",
            "冯建军",
            "转账",
            Debit,
            50_000,
            Succeeded,
        ),
        // A yearly plan with no words at all, as a bank prints it: a renewal.
        R(
            "2025-03-10",
            "",
            "支付宝-某加速器",
            "快捷支付",
            Debit,
            62_990,
            Succeeded,
        ),
        R(
            "2026-03-10",
            "",
            "支付宝-某加速器",
            "快捷支付",
            Debit,
            62_990,
            Succeeded,
        ),
        // A seven-day trial under another product name, then the monthly plan.
        R(
            "2025-04-24",
            "07:36:18",
            "某学习平台",
            "7天体验",
            Debit,
            10,
            Succeeded,
        ),
    ];
    rows.extend(monthly(
        (2025, 5),
        1,
        8,
        "某学习平台",
        "学习会员连续包月",
        Debit,
        &[5090],
    ));
    rows.extend(noise("某便利店", "2025-01-02", 420));
    let report = analyse(&[file(
        "a.csv",
        Format::Alipay,
        "2025-01-01",
        "2026-03-31",
        rows,
    )]);
    assert!(
        !report.streams.iter().any(|s| s.counterparty == "冯建军"),
        "{:?}",
        report.streams
    );
    let yearly = stream(&report, "某加速器");
    assert_eq!(
        (yearly.frequency, yearly.level),
        (Frequency::Annually, Level::High)
    );
    let learning = stream(&report, "某学习平台");
    assert_eq!(learning.occurrences, 9, "the trial joins the stream");
    assert!(
        codes(learning).contains(&"trial_to_paid"),
        "{:?}",
        codes(learning)
    );
}

/// What a case expects of the report.
enum Expect {
    /// A stream for this counterparty with this frequency and level, carrying this reason code;
    /// and, when given, exactly this many occurrences.
    Stream(&'static str, Frequency, Level, &'static str, Option<usize>),
    /// No stream for this counterparty.
    NoStream(&'static str),
    /// The counterparty's stream does not carry this reason code.
    NotReason(&'static str, &'static str),
    /// An alert with this code and level.
    Alert(&'static str, Level),
}

/// Dates `from` plus each offset in days (rows of a series paid on drifting days).
fn drifting(
    from: &str,
    offsets: &[i64],
    who: &'static str,
    what: &'static str,
    dir: Direction,
    amounts: &[i64],
) -> Vec<R> {
    offsets
        .iter()
        .enumerate()
        .map(|(k, &days)| {
            R(
                leak((d(from) + Duration::days(days)).to_string()),
                "10:00:00",
                who,
                what,
                dir,
                amounts[k.min(amounts.len() - 1)],
                Succeeded,
            )
        })
        .collect()
}

/// Running totals of gaps in days: `[0, g1, g1+g2, …]`.
fn offsets(gaps: &[i64]) -> Vec<i64> {
    let mut at = 0;
    let mut out = vec![0];
    for g in gaps {
        at += g;
        out.push(at);
    }
    out
}

/// Reads one case's rows as a wallet export (or as a bank statement without a wallet layout)
/// beside a year and a half of everyday shopping, and checks each expectation.
fn check_cases(cases: Vec<(&str, bool, Vec<R>, Vec<Expect>)>) {
    for (what, bank, mut rows, expectations) in cases {
        rows.extend(noise("某便利店", "2025-01-02", 540));
        let mut statement = file("s.csv", Format::Alipay, "2025-01-01", "2026-06-30", rows);
        if bank {
            statement.format = None;
        }
        let report = analyse(&[statement]);
        let named = |who: &str| {
            report
                .streams
                .iter()
                .filter(|s| s.counterparty == who)
                .collect::<Vec<_>>()
        };
        for expect in expectations {
            match expect {
                Expect::Stream(who, frequency, level, code, occurrences) => {
                    let found = named(who);
                    assert_eq!(found.len(), 1, "{what}: one stream for {who}: {found:?}");
                    let s = found[0];
                    assert_eq!(
                        (s.frequency, s.level),
                        (frequency, level),
                        "{what}: {:?}",
                        codes(s)
                    );
                    assert!(codes(s).contains(&code), "{what}: {:?}", codes(s));
                    if let Some(n) = occurrences {
                        assert_eq!(s.occurrences, n, "{what}");
                    }
                }
                Expect::NoStream(who) => {
                    assert!(named(who).is_empty(), "{what}: {:?}", named(who));
                }
                Expect::NotReason(who, code) => {
                    let found = named(who);
                    assert!(!found.is_empty(), "{what}: no stream for {who}");
                    for s in found {
                        assert!(
                            !codes(s).contains(&code) && s.level != Level::High,
                            "{what}: {:?} {:?}",
                            s.level,
                            codes(s)
                        );
                    }
                }
                Expect::Alert(code, level) => {
                    assert!(
                        report
                            .alerts
                            .iter()
                            .any(|a| a.code == code && a.level == level),
                        "{what}: {:?}",
                        report.alerts
                    );
                }
            }
        }
    }
}

#[test]
fn bills_and_income_whose_amounts_or_days_wander() {
    use Frequency::{Bimonthly, Monthly, Quarterly};
    check_cases(vec![
        (
            "a salary that varies a little is one stream, and a bonus paid the same day stays out",
            true,
            {
                let mut rows = monthly(
                    (2025, 1),
                    10,
                    12,
                    "某某软件有限公司",
                    "代发工资",
                    Credit,
                    &[
                        1_200_000, 1_231_500, 1_187_200, 1_214_900, 1_246_300, 1_198_800,
                        1_222_100, 1_179_600, 1_240_000, 1_205_500, 1_233_300, 1_190_700,
                    ],
                );
                rows.push(R(
                    "2025-12-10",
                    "15:00:00",
                    "某某软件有限公司",
                    "代发工资",
                    Credit,
                    3_600_000,
                    Succeeded,
                ));
                rows
            },
            vec![Expect::Stream(
                "某某软件有限公司",
                Monthly,
                Level::Low,
                "salary",
                Some(12),
            )],
        ),
        (
            "deposit interest: no counterparty, a quarter apart, amounts thirty times apart",
            true,
            [
                ("2025-03-21", 86),
                ("2025-06-21", 2128),
                ("2025-09-21", 3045),
                ("2025-12-21", 650),
                ("2026-03-21", 1104),
            ]
            .into_iter()
            .map(|(date, minor)| R(date, "", "", "结息", Credit, minor, Succeeded))
            .collect(),
            vec![Expect::Stream(
                "结息",
                Quarterly,
                Level::Low,
                "recurring_income",
                Some(5),
            )],
        ),
        (
            "a phone top-up of one price bought every 26 to 36 days (twice in one month)",
            false,
            drifting(
                "2025-01-02",
                &offsets(&[26, 36, 27, 35, 26, 36, 26, 33, 30]),
                "某通信",
                "话费充值",
                Debit,
                &[10000],
            ),
            vec![Expect::Stream(
                "某通信",
                Monthly,
                Level::Low,
                "expected_bill",
                Some(10),
            )],
        ),
        (
            "a water bill every two months, paid by hand on drifting days, skipped at New Year",
            false,
            [
                ("2025-01-14", 6565),
                ("2025-03-22", 9488),
                ("2025-05-15", 7607),
                ("2025-07-21", 12393),
                ("2025-09-13", 9838),
                ("2025-11-20", 6166),
                ("2026-03-13", 12881),
                ("2026-05-20", 6899),
            ]
            .into_iter()
            .map(|(date, minor)| {
                R(
                    date,
                    "20:00:00",
                    "某水务",
                    "水费 户号0000000001",
                    Debit,
                    minor,
                    Succeeded,
                )
            })
            .collect(),
            vec![Expect::Stream(
                "某水务",
                Bimonthly,
                Level::Low,
                "expected_bill",
                Some(8),
            )],
        ),
        (
            "a bill that varies a little taken on a fixed day, next to a similar amount: one stream",
            true,
            monthly(
                (2025, 1),
                15,
                12,
                "某某水务",
                "DIRECT DEBIT",
                Debit,
                &[
                    2444, 2557, 2461, 2444, 2553, 2499, 2659, 3386, 3461, 3483, 3306, 2761,
                ],
            ),
            vec![Expect::Stream(
                "某某水务",
                Monthly,
                Level::Low,
                "expected_bill",
                Some(12),
            )],
        ),
    ]);
}

#[test]
fn shop_visits_transfers_and_cash_are_not_streams() {
    check_cases(vec![
        (
            "a shop visited about once a month, different amounts, drifting days",
            false,
            drifting(
                "2025-03-13",
                &offsets(&[34, 43, 15, 37, 30]),
                "某宠物店",
                "宠物粮",
                Debit,
                &[16711, 23820, 17367, 14655, 19010, 21123],
            ),
            vec![Expect::NoStream("某宠物店")],
        ),
        (
            "two meals at one restaurant half a year apart, about the same bill",
            false,
            vec![
                R(
                    "2025-06-28",
                    "19:00:00",
                    "某火锅店",
                    "火锅",
                    Debit,
                    27241,
                    Succeeded,
                ),
                R(
                    "2025-12-14",
                    "19:00:00",
                    "某火锅店",
                    "火锅",
                    Debit,
                    26730,
                    Succeeded,
                ),
            ],
            vec![Expect::NoStream("某火锅店")],
        ),
        (
            "a charge taken twice, and a purchase of nearly the same amount six months before",
            false,
            vec![
                R(
                    "2025-05-15",
                    "12:00:00",
                    "某茶馆",
                    "茶点",
                    Debit,
                    3474,
                    Succeeded,
                ),
                R(
                    "2025-11-11",
                    "12:00:00",
                    "某茶馆",
                    "茶点",
                    Debit,
                    3517,
                    Succeeded,
                ),
                R(
                    "2025-11-11",
                    "12:03:00",
                    "某茶馆",
                    "茶点",
                    Debit,
                    3517,
                    Succeeded,
                ),
            ],
            vec![
                Expect::NoStream("某茶馆"),
                Expect::Alert("duplicate_charge", Level::High),
            ],
        ),
        (
            "money sent to a friend about every quarter, never the same amount",
            false,
            drifting(
                "2025-04-01",
                &offsets(&[92, 99, 91]),
                "李*",
                "转账",
                Debit,
                &[62000, 47918, 22997, 53000],
            ),
            vec![Expect::NoStream("李*")],
        ),
        (
            "cash taken out at a machine, the same amount every month",
            true,
            monthly((2025, 2), 8, 6, "ATM取款", "ATM取款", Debit, &[150_000]),
            vec![Expect::NoStream("ATM取款")],
        ),
        (
            "a shop's refunds printed by the bank as credits with nothing but its name",
            true,
            {
                let mut rows = Vec::new();
                for (charge, back, minor) in [
                    ("2025-09-01", "2025-09-02", 265),
                    ("2025-10-12", "2025-10-14", 363),
                    ("2025-11-25", "2025-11-29", 394),
                ] {
                    rows.push(R(
                        charge,
                        "",
                        "某咖啡馆",
                        "某咖啡馆",
                        Debit,
                        minor,
                        Succeeded,
                    ));
                    rows.push(R(
                        back,
                        "",
                        "某咖啡馆",
                        "某咖啡馆",
                        Credit,
                        minor,
                        Succeeded,
                    ));
                }
                rows
            },
            vec![Expect::NoStream("某咖啡馆")],
        ),
        (
            "among daily breakfasts, one price comes back about monthly by chance",
            false,
            {
                let mut rows = noise("某早餐铺", "2025-01-03", 500);
                rows.extend(drifting(
                    "2025-12-08",
                    &offsets(&[44, 22, 43, 33, 24]),
                    "某早餐铺",
                    "订单",
                    Debit,
                    &[550],
                ));
                rows
            },
            vec![Expect::NoStream("某早餐铺")],
        ),
    ]);
}

#[test]
fn rises_premiums_and_what_the_payer_sets() {
    use Frequency::Monthly;
    check_cases(vec![
        (
            "rent sent by transfer that rises at the lease renewal: flagged, not as abuse",
            true,
            monthly(
                (2025, 1),
                1,
                16,
                "某寓所管理有限公司",
                "网转",
                Debit,
                &[
                    460_000, 460_000, 460_000, 460_000, 492_000, 492_000, 492_000, 492_000,
                    492_000, 492_000, 492_000, 492_000, 492_000, 492_000, 492_000, 492_000,
                ],
            ),
            vec![Expect::Stream(
                "某寓所管理有限公司",
                Monthly,
                Level::Medium,
                "price_increase",
                Some(16),
            )],
        ),
        (
            "a price that rises after the one charge the statements show, then holds",
            false,
            monthly(
                (2025, 5),
                8,
                6,
                "某出行平台",
                "出行会员月卡",
                Debit,
                &[1690, 2300],
            ),
            vec![Expect::Stream(
                "某出行平台",
                Monthly,
                Level::High,
                "price_increase",
                Some(6),
            )],
        ),
        (
            "a yearly plan priced in another currency renews at a slightly different amount",
            false,
            vec![
                R(
                    "2025-03-10",
                    "08:00:00",
                    "某海外软件",
                    "年度订阅自动续费",
                    Debit,
                    29800,
                    Succeeded,
                ),
                R(
                    "2026-03-10",
                    "08:00:00",
                    "某海外软件",
                    "年度订阅自动续费",
                    Debit,
                    30250,
                    Succeeded,
                ),
            ],
            vec![Expect::Stream(
                "某海外软件",
                Frequency::Annually,
                Level::High,
                "annual_renewal",
                Some(2),
            )],
        ),
        (
            "premiums collected by a broker whose name is all the bank prints",
            true,
            monthly(
                (2025, 2),
                11,
                9,
                "SHIELD LANE BROKERS",
                "DIRECT DEBIT",
                Debit,
                &[3290],
            ),
            vec![Expect::Stream(
                "SHIELD LANE BROKERS",
                Monthly,
                Level::High,
                "insurance_autodebit",
                Some(9),
            )],
        ),
    ]);
}

#[test]
fn what_counts_as_a_loan_fee() {
    use Frequency::Monthly;
    let loan = || {
        R(
            "2025-05-10",
            "09:00:00",
            "某小额贷款有限公司",
            "借款到账",
            Credit,
            1_500_000,
            Succeeded,
        )
    };
    let with_loan = |rows: Vec<R>| {
        let mut all = vec![loan()];
        all.extend(rows);
        all
    };
    check_cases(vec![
        (
            "a membership charged since January falls the day after the loan: not its fee",
            false,
            with_loan(monthly(
                (2025, 1),
                11,
                12,
                "某音乐",
                "黑金会员连续包月",
                Debit,
                &[1000],
            )),
            vec![Expect::NotReason("某音乐", "loan_fee")],
        ),
        (
            "a plan that names itself starts the day after the loan: not its fee",
            false,
            with_loan(monthly(
                (2025, 5),
                11,
                8,
                "某视频",
                "VIP会员连续包月",
                Debit,
                &[2500],
            )),
            vec![Expect::NotReason("某视频", "loan_fee")],
        ),
        (
            "a card repayment of varying amounts starts two days after the loan: not its fee",
            true,
            with_loan(monthly(
                (2025, 5),
                12,
                8,
                "信用卡还款",
                "自动还款",
                Debit,
                &[
                    261_268, 253_900, 317_270, 211_045, 313_702, 194_369, 243_463, 212_946,
                ],
            )),
            vec![Expect::NotReason("信用卡还款", "loan_fee")],
        ),
        (
            "a fixed price under a neutral name starts two days after the loan: a fee",
            true,
            with_loan(monthly(
                (2025, 5),
                12,
                8,
                "支付宝-某信息技术有限公司",
                "快捷支付",
                Debit,
                &[14990],
            )),
            vec![
                Expect::Stream(
                    "某信息技术有限公司",
                    Monthly,
                    Level::High,
                    "loan_fee",
                    Some(8),
                ),
                Expect::Alert("loan_fee", Level::High),
            ],
        ),
        (
            "a single charge under a deduction agreement the day after the loan: a fee",
            true,
            with_loan(vec![R(
                "2025-05-11",
                "",
                "某信息技术有限公司",
                "代扣",
                Debit,
                12890,
                Succeeded,
            )]),
            vec![Expect::Alert("loan_fee", Level::High)],
        ),
        (
            "a lender and its members club share the brand word",
            true,
            vec![
                R(
                    "2025-05-10",
                    "",
                    "ACME LOANS",
                    "ACME LOANS",
                    Credit,
                    280_000,
                    Succeeded,
                ),
                R(
                    "2025-05-11",
                    "",
                    "ACME MEMBERS CLUB",
                    "ACME MEMBERS CLUB",
                    Debit,
                    9599,
                    Succeeded,
                ),
            ],
            vec![Expect::Alert("loan_fee", Level::High)],
        ),
    ]);
}
