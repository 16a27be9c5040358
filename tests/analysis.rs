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
