//! Letters: golden files for the demo statement and the generated fixtures (each suspicious
//! pattern × each fitting channel × Chinese and English), and checks that hold for every letter:
//! the evidence is the finding's own rows, blanks stand in for unknown facts, hostile names are
//! escaped in the Word document, calendar files are valid RFC 5545.
//!
//! `UPDATE_GOLDEN=1 cargo test --test letters` rewrites tests/golden/letters/.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveTime};
use statement_checker::analysis::{analyse, Alert, Level, Report, TransactionRef};
use statement_checker::import::{
    import_file, Format, ImportError, ImportErrorKind, ImportedFile, Period,
};
use statement_checker::lang::Lang;
use statement_checker::letters::{
    channels_for, deadline_ics, draft, notes_text, reminder_ics, to_docx, to_text, Channel,
    FindingRef, Letter, RowRole, SenderDetails, Tag,
};
use statement_checker::model::{
    Currency, Direction, LocalTime, Money, SourceRef, StatusKind, Transaction,
};

/// The fixed "today" of every letter in these tests.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
}

fn fixture(name: &str) -> ImportedFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generated")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = import_file(name, &bytes);
    assert!(file.error.is_none(), "{name}: {:?}", file.error);
    file
}

fn demo() -> Vec<ImportedFile> {
    vec![import_file(
        statement_checker::demo::ALIPAY_DEMO_NAME,
        &statement_checker::demo::alipay_demo(),
    )]
}

/// How a golden case picks its finding.
enum Pick {
    /// The stream with this counterparty whose reasons include this code.
    Stream(&'static str, &'static str),
    /// The first alert with this code.
    Alert(&'static str),
}

fn find(report: &Report, pick: &Pick) -> FindingRef {
    match pick {
        Pick::Stream(who, code) => {
            let i = report
                .streams
                .iter()
                .position(|s| s.counterparty == *who && s.reasons.iter().any(|r| r.code == *code))
                .unwrap_or_else(|| {
                    panic!(
                        "no stream {who} with {code}: {:?}",
                        report
                            .streams
                            .iter()
                            .map(|s| (
                                &s.counterparty,
                                s.reasons.iter().map(|r| &r.code).collect::<Vec<_>>()
                            ))
                            .collect::<Vec<_>>()
                    )
                });
            FindingRef::Stream(i)
        }
        Pick::Alert(code) => FindingRef::Alert(
            report
                .alerts
                .iter()
                .position(|a| a.code == *code)
                .unwrap_or_else(|| panic!("no alert {code}")),
        ),
    }
}

/// The golden cases: a name, the statements read together, and the finding.
fn cases() -> Vec<(&'static str, Vec<ImportedFile>, Pick)> {
    let f = |names: &[&str]| names.iter().map(|n| fixture(n)).collect::<Vec<_>>();
    vec![
        (
            "demo_insurance",
            demo(),
            Pick::Stream("安心保险经纪有限公司", "insurance_autodebit"),
        ),
        (
            "demo_trial_huabei",
            demo(),
            Pick::Stream("惠享生活权益服务中心", "trial_to_paid"),
        ),
        (
            "demo_auto_renewal",
            demo(),
            Pick::Stream("网易云音乐", "auto_renewal"),
        ),
        ("demo_duplicate", demo(), Pick::Alert("duplicate_charge")),
        (
            "wechat_xlsx_micro_weekly",
            f(&["p11_06_wechat_xlsx.xlsx"]),
            Pick::Stream("饿了么", "micro_weekly"),
        ),
        (
            "alipay_price_increase",
            f(&["p11_00_alipay.csv"]),
            Pick::Stream("QQ音乐", "price_increase"),
        ),
        (
            "alipay_old_loan_fee",
            f(&["p11_01_alipay_old.csv"]),
            Pick::Stream("安逸花", "loan_fee"),
        ),
        (
            "alipay_old_loan_alert",
            f(&["p11_01_alipay_old.csv"]),
            Pick::Alert("loan_fee"),
        ),
        (
            "wechat_loan_fee",
            f(&["p11_02_wechat_csv.csv"]),
            Pick::Stream("点石成金", "loan_fee"),
        ),
        (
            "wechat_xlsx_trial",
            f(&["p11_06_wechat_xlsx.xlsx"]),
            Pick::Stream("饿了么", "trial_to_paid"),
        ),
        (
            "bank_cn_duplicate",
            f(&["p11_03_bank_cn.csv"]),
            Pick::Alert("duplicate_charge"),
        ),
        (
            "bank_cn_insurance_trial",
            f(&["p12_03_bank_cn.csv"]),
            Pick::Stream("水滴保", "trial_to_paid"),
        ),
        (
            "alipay_icbc_trial_mirrored",
            f(&["p13_00_alipay.csv", "p13_00_alipay_icbc.csv"]),
            Pick::Stream("饿了么", "trial_to_paid"),
        ),
        (
            "ofx_usd_annual",
            f(&["p11_05_ofx.ofx"]),
            Pick::Stream("MERCHANT 324679", "annual_renewal"),
        ),
        (
            "ofx_usd_duplicate",
            f(&["p12_05_ofx.ofx"]),
            Pick::Alert("duplicate_charge"),
        ),
        (
            "bank_en_trial",
            f(&["p11_04_bank_en.csv"]),
            Pick::Stream("MERCHANT 237570 AUTO RENEW MEMBERSHIP", "trial_to_paid"),
        ),
    ]
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/letters")
}

fn lang_id(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

fn rendered(letter: &Letter) -> String {
    format!("{}\n{}", to_text(letter), notes_text(letter))
}

#[test]
fn letters_match_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut expected_names = BTreeSet::new();
    let mut failures = Vec::new();
    for (case, files, pick) in cases() {
        let report = analyse(&files);
        let finding = find(&report, &pick);
        let channels = channels_for(&report, &files, finding);
        assert!(!channels.is_empty(), "{case}: no channel");
        for channel in channels {
            for lang in [Lang::Zh, Lang::En] {
                let letter = draft(
                    &report,
                    &files,
                    finding,
                    channel,
                    lang,
                    &SenderDetails::default(),
                    today(),
                );
                let name = format!("{case}__{}__{}.txt", channel.id(), lang_id(lang));
                let text = rendered(&letter);
                let path = dir.join(&name);
                expected_names.insert(name.clone());
                if update {
                    std::fs::write(&path, &text).unwrap();
                } else {
                    match std::fs::read_to_string(&path) {
                        Ok(golden) if golden == text => {}
                        Ok(_) => failures.push(format!("{name} differs")),
                        Err(_) => failures.push(format!("{name} is missing")),
                    }
                }
            }
        }
    }
    let present: BTreeSet<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".txt"))
                .collect()
        })
        .unwrap_or_default();
    for stale in present.difference(&expected_names) {
        if update {
            std::fs::remove_file(dir.join(stale)).unwrap();
        } else {
            failures.push(format!("{stale} is not produced any more"));
        }
    }
    assert!(
        failures.is_empty(),
        "golden letters changed (UPDATE_GOLDEN=1 to accept):\n{}",
        failures.join("\n")
    );
}

/// Every finding of every fixture and the demo, every fitting channel, both languages: the
/// evidence is exactly the finding's rows with their amounts, the totals add up, nothing panics.
#[test]
fn evidence_is_the_findings_own_rows() {
    let mut sets = vec![demo()];
    for (_, files, _) in cases() {
        sets.push(files);
    }
    let mut letters = 0;
    for files in &sets {
        let report = analyse(files);
        let lookup = |r: &TransactionRef| -> &Transaction {
            files
                .iter()
                .find(|f| *f.name == *r.file)
                .and_then(|f| f.transactions.iter().find(|t| t.source.line == r.line))
                .unwrap()
        };
        let findings = (0..report.streams.len())
            .map(FindingRef::Stream)
            .chain((0..report.alerts.len()).map(FindingRef::Alert));
        for finding in findings {
            let refs = match finding {
                FindingRef::Stream(i) => &report.streams[i].transactions,
                FindingRef::Alert(i) => &report.alerts[i].transactions,
            };
            let expected: BTreeSet<(String, u32, i64)> = refs
                .iter()
                .map(|r| (r.file.clone(), r.line, lookup(r).amount.minor))
                .collect();
            for channel in channels_for(&report, files, finding) {
                for lang in [Lang::Zh, Lang::En] {
                    let letter = draft(
                        &report,
                        files,
                        finding,
                        channel,
                        lang,
                        &SenderDetails::default(),
                        today(),
                    );
                    letters += 1;
                    let got: BTreeSet<(String, u32, i64)> = letter
                        .evidence
                        .iter()
                        .map(|r| (r.file.clone(), r.line, r.amount_minor))
                        .collect();
                    if channel == Channel::Bank {
                        // A bank letter lists the rows paid with that bank's card.
                        assert!(!got.is_empty() && got.is_subset(&expected), "{finding:?}");
                    } else {
                        assert_eq!(got, expected, "{finding:?} {channel:?}");
                        assert_eq!(letter.evidence.len(), refs.len());
                    }
                    let counted: i64 = letter
                        .evidence
                        .iter()
                        .filter(|r| r.counted)
                        .map(|r| r.amount_minor)
                        .sum();
                    assert_eq!(letter.total_minor, counted);
                    assert!(
                        letter.claim_minor > 0 && letter.claim_minor <= letter.total_minor,
                        "{finding:?}: claim {} of {}",
                        letter.claim_minor,
                        letter.total_minor
                    );
                    if let (FindingRef::Stream(i), false) = (finding, channel == Channel::Bank) {
                        assert_eq!(
                            letter.total_minor, report.streams[i].total_minor,
                            "{finding:?}"
                        );
                    }
                    // Every row's file and line is printed in the letter.
                    for row in &letter.evidence {
                        let needle = match lang {
                            Lang::Zh => format!("{} 第 {} 行", row.file, row.line),
                            Lang::En => format!("{}, line {}", row.file, row.line),
                        };
                        assert!(letter.body.contains(&needle), "{needle}");
                    }
                    assert!(letter.deadline > today());
                    assert!(letter.missing_rows.is_empty());
                }
            }
        }
    }
    assert!(letters > 200, "only {letters} letters drafted");
}

#[test]
fn routes_findings_to_the_channels_that_fit() {
    use Channel::*;
    let report_of = |files: &[ImportedFile]| analyse(files);
    let demo = demo();
    let demo_report = report_of(&demo);
    let bank_cn = vec![fixture("p12_03_bank_cn.csv")];
    let bank_cn_report = report_of(&bank_cn);
    let ofx = vec![fixture("p11_05_ofx.ofx")];
    let ofx_report = report_of(&ofx);
    let bank_en = vec![fixture("p11_04_bank_en.csv")];
    let bank_en_report = report_of(&bank_en);
    type Case<'a> = (&'a str, &'a Report, &'a [ImportedFile], Pick, Vec<Channel>);
    let cases: Vec<Case> = vec![
        (
            "insurance paid from Alipay balance",
            &demo_report,
            &demo,
            Pick::Stream("安心保险经纪有限公司", "insurance_autodebit"),
            vec![Merchant, Alipay, Regulator12378],
        ),
        (
            "membership paid with Huabei",
            &demo_report,
            &demo,
            Pick::Stream("惠享生活权益服务中心", "trial_to_paid"),
            vec![
                Merchant,
                Alipay,
                HuabeiNegotiation,
                Regulator12315,
                PbocHotline12363,
            ],
        ),
        (
            "duplicate in Alipay, paid by card",
            &demo_report,
            &demo,
            Pick::Alert("duplicate_charge"),
            vec![Merchant, Alipay, Bank, PbocHotline12363, Regulator12378],
        ),
        (
            "insurance through Tenpay and Alipay on a CMB card",
            &bank_cn_report,
            &bank_cn,
            Pick::Stream("水滴保", "trial_to_paid"),
            vec![Merchant, Alipay, WeChatPay, Bank, Regulator12378],
        ),
        (
            "US dollars",
            &ofx_report,
            &ofx,
            Pick::Stream("MERCHANT 324679", "annual_renewal"),
            vec![MerchantCancellation, BankDisputeUs],
        ),
        (
            "no currency stated",
            &bank_en_report,
            &bank_en,
            Pick::Stream("MERCHANT 237570 AUTO RENEW MEMBERSHIP", "trial_to_paid"),
            vec![
                MerchantCancellation,
                BankDisputeUs,
                BankDisputeUk,
                BankDisputeEu,
            ],
        ),
    ];
    for (what, report, files, pick, expected) in cases {
        let finding = find(report, &pick);
        assert_eq!(channels_for(report, files, finding), expected, "{what}");
    }
    // Income never gets a letter; an index the report does not have gets no channel.
    let salary = demo_report
        .streams
        .iter()
        .position(|s| s.reasons.iter().any(|r| r.code == "salary"))
        .unwrap();
    assert!(channels_for(&demo_report, &demo, FindingRef::Stream(salary)).is_empty());
    assert!(channels_for(&demo_report, &demo, FindingRef::Stream(999)).is_empty());
    assert!(channels_for(&demo_report, &demo, FindingRef::Alert(999)).is_empty());
}

/// A small OFX statement in `currency` with a monthly subscription, read and analysed.
fn ofx_statement(currency: &str) -> Vec<ImportedFile> {
    let mut rows = String::new();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    for i in 0..8 {
        let date = start.checked_add_months(chrono::Months::new(i)).unwrap();
        rows.push_str(&format!(
            "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>{}080000<TRNAMT>-12.99<FITID>SUB{i}<NAME>STREAMFLIX<MEMO>MONTHLY SUBSCRIPTION</STMTTRN>\n",
            date.format("%Y%m%d")
        ));
        let other = date + Duration::days(3);
        rows.push_str(&format!(
            "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>{}120000<TRNAMT>-{}.40<FITID>SHOP{i}<NAME>CORNER SHOP {i}<MEMO>PURCHASE</STMTTRN>\n",
            other.format("%Y%m%d"),
            20 + i * 7
        ));
    }
    let text = format!(
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><TRNUID>1\n<STMTRS><CURDEF>{currency}\n<BANKACCTFROM><BANKID>1<ACCTID>12345678<ACCTTYPE>CHECKING</BANKACCTFROM>\n<BANKTRANLIST><DTSTART>20260101<DTEND>20260831\n{rows}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n"
    );
    let file = import_file(
        &format!("statement-{}.ofx", currency.to_lowercase()),
        text.as_bytes(),
    );
    assert!(file.error.is_none(), "{:?}", file.error);
    vec![file]
}

#[test]
fn pounds_and_euros_get_their_own_dispute_letters() {
    for (currency, dispute, rule) in [
        ("GBP", Channel::BankDisputeUk, "reg. 67"),
        ("EUR", Channel::BankDisputeEu, "Art. 77"),
    ] {
        let files = ofx_statement(currency);
        let report = analyse(&files);
        let i = report
            .streams
            .iter()
            .position(|s| s.counterparty.contains("STREAMFLIX"))
            .unwrap_or_else(|| panic!("{currency}: {:?}", report.streams));
        let finding = FindingRef::Stream(i);
        assert_eq!(
            channels_for(&report, &files, finding),
            vec![Channel::MerchantCancellation, dispute],
            "{currency}"
        );
        let letter = draft(
            &report,
            &files,
            finding,
            dispute,
            Lang::En,
            &SenderDetails::default(),
            today(),
        );
        assert!(
            letter
                .rules
                .iter()
                .any(|r| r.article.as_deref().is_some_and(|a| a.contains(rule))),
            "{currency}: {:?}",
            letter.rules
        );
        assert!(
            letter.body.contains("account ending 5678"),
            "{}",
            letter.body
        );
        let symbol = if currency == "GBP" {
            "£12.99"
        } else {
            "€12.99"
        };
        assert!(letter.body.contains(symbol), "{}", letter.body);
        // 2026-12-04 is a Friday: the UK refund is due by the end of Monday, the EU answer in
        // 15 business days.
        let due = if currency == "GBP" {
            (2026, 12, 7)
        } else {
            (2026, 12, 25)
        };
        assert_eq!(
            letter.deadline,
            NaiveDate::from_ymd_opt(due.0, due.1, due.2).unwrap()
        );
    }
}

#[test]
fn deadlines_follow_each_channels_response_time() {
    let files = demo();
    let report = analyse(&files);
    let insurance = find(
        &report,
        &Pick::Stream("安心保险经纪有限公司", "insurance_autodebit"),
    );
    let membership = find(
        &report,
        &Pick::Stream("惠享生活权益服务中心", "trial_to_paid"),
    );
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    for (finding, channel, due, words) in [
        (membership, Channel::Merchant, d(12, 11), "2026年12月11日"),
        (insurance, Channel::Merchant, d(12, 19), "15 日"),
        (membership, Channel::Alipay, d(12, 19), "2026年12月19日"),
        (
            insurance,
            Channel::Regulator12378,
            d(12, 19),
            "15 日内作出处理决定",
        ),
        (membership, Channel::Regulator12315, d(12, 15), "七个工作日"),
        (
            membership,
            Channel::HuabeiNegotiation,
            d(12, 19),
            "2026年12月19日",
        ),
    ] {
        let letter = draft(
            &report,
            &files,
            finding,
            channel,
            Lang::Zh,
            &SenderDetails::default(),
            today(),
        );
        assert_eq!(letter.deadline, due, "{channel:?}");
        assert!(letter.body.contains(words), "{channel:?}: {}", letter.body);
        assert!(
            letter.body.contains(&format!(
                "{}年{}月{}日",
                due.format("%Y"),
                due.format("%-m"),
                due.format("%-d")
            )),
            "{channel:?}"
        );
    }
}

#[test]
fn unknown_sender_details_are_blanks_and_known_ones_are_masked() {
    let files = demo();
    let report = analyse(&files);
    let finding = find(&report, &Pick::Stream("网易云音乐", "auto_renewal"));
    for (lang, blanks) in [
        (
            Lang::Zh,
            [
                "【请填写：姓名】",
                "【请填写：联系电话】",
                "【请填写：联系地址（12315 必填）】",
                "【请填写：电子邮箱】",
                "【请填写：被投诉方地址",
            ],
        ),
        (
            Lang::En,
            [
                "[FILL IN: name]",
                "[FILL IN: phone]",
                "[FILL IN: postal address (12315 requires it)]",
                "[FILL IN: e-mail]",
                "[FILL IN: the merchant's address",
            ],
        ),
    ] {
        let letter = draft(
            &report,
            &files,
            finding,
            Channel::Regulator12315,
            lang,
            &SenderDetails::default(),
            today(),
        );
        for blank in blanks {
            assert!(
                letter.body.contains(blank),
                "{lang:?}: {blank} in\n{}",
                letter.body
            );
        }
    }
    let sender = SenderDetails {
        name: Some("王小明".into()),
        phone: Some("13812345678".into()),
        account_masked: Some("6222021234567890".into()),
        address: Some("上海市 某区 某路 1 号".into()),
        email: Some("wang@example.com".into()),
        reveal_phone: false,
    };
    let letter = draft(
        &report,
        &files,
        finding,
        Channel::Merchant,
        Lang::Zh,
        &sender,
        today(),
    );
    assert!(letter.body.contains("姓名：王小明"));
    assert!(letter.body.contains("投诉人：王小明"));
    assert!(letter.body.contains("138****5678") && !letter.body.contains("13812345678"));
    assert!(letter.body.contains("**** 7890") && !letter.body.contains("6222021234567890"));
    assert!(!letter.body.contains("【请填写：姓名】"));
    let shown = draft(
        &report,
        &files,
        finding,
        Channel::Merchant,
        Lang::Zh,
        &SenderDetails {
            reveal_phone: true,
            ..sender
        },
        today(),
    );
    assert!(shown.body.contains("13812345678"));
}

/// A wallet and a bank statement built by hand, with a hostile counterparty name, and a report
/// that names a payment failed in the wallet but taken by the bank.
fn failed_payment() -> (Report, Vec<ImportedFile>) {
    let hostile = "<script>&amp;]]>\u{202E}evil\u{0}商户\u{2066}";
    let tx =
        |file: &Arc<str>, line: u32, status: &str, kind: StatusKind, method: &str| Transaction {
            source: SourceRef {
                file: Arc::clone(file),
                line,
            },
            when: LocalTime {
                date: NaiveDate::from_ymd_opt(2026, 5, 9).unwrap(),
                time: Some(NaiveTime::from_hms_opt(12, 30, 5).unwrap()),
                utc_offset_seconds: 28800,
            },
            direction: Direction::Debit,
            amount: Money::new(12_643, Currency::CNY),
            counterparty: hostile.to_string(),
            counterparty_account: None,
            description: "订单 \"A&B\" <1>".to_string(),
            category: None,
            status: status.to_string(),
            status_kind: kind,
            payment_method: Some(method.to_string()),
            order_id: Some("2026050922001]]>".to_string()),
            merchant_order_id: None,
            note: None,
        };
    let file = |name: &str, format: Format, rows: Vec<Transaction>| {
        let mut f = ImportedFile::failed(
            Arc::from(name),
            1,
            ImportError::new(ImportErrorKind::UnknownFormat),
        );
        f.error = None;
        f.format = Some(format);
        f.period = Some(Period {
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 5, 31).unwrap(),
        });
        f.transactions = rows;
        f
    };
    let wallet: Arc<str> = Arc::from("wallet.csv");
    let bank: Arc<str> = Arc::from("bank.csv");
    let files = vec![
        file(
            "wallet.csv",
            Format::Alipay,
            vec![tx(
                &wallet,
                30,
                "交易关闭",
                StatusKind::Closed,
                "招商银行信用卡(4321)",
            )],
        ),
        file(
            "bank.csv",
            Format::BankCn,
            vec![tx(&bank, 7, "", StatusKind::Succeeded, "")],
        ),
    ];
    let mut report = analyse(&files);
    report.alerts = vec![Alert {
        code: "failed_but_charged".into(),
        level: Level::High,
        message: String::new(),
        message_zh: String::new(),
        transactions: vec![
            TransactionRef {
                file: "wallet.csv".into(),
                line: 30,
            },
            TransactionRef {
                file: "bank.csv".into(),
                line: 7,
            },
        ],
    }];
    (report, files)
}

#[test]
fn a_failed_payment_that_was_charged_goes_to_the_wallet_first() {
    let (report, files) = failed_payment();
    let finding = FindingRef::Alert(0);
    let channels = channels_for(&report, &files, finding);
    assert_eq!(
        channels,
        vec![
            Channel::Alipay,
            Channel::Merchant,
            Channel::Bank,
            Channel::PbocHotline12363,
            Channel::Regulator12378
        ]
    );
    let letter = draft(
        &report,
        &files,
        finding,
        Channel::Alipay,
        Lang::Zh,
        &SenderDetails::default(),
        today(),
    );
    let roles: Vec<RowRole> = letter.evidence.iter().map(|r| r.role).collect();
    assert_eq!(roles, vec![RowRole::FailedOrder, RowRole::BankDebit]);
    assert_eq!(
        letter.total_minor, 12_643,
        "the failed order is not counted twice"
    );
    assert_eq!(letter.claim_minor, 12_643);
    assert_eq!(letter.deadline, today() + Duration::days(7));
    assert!(letter.body.contains("交易关闭"), "{}", letter.body);
    assert!(letter.body.contains("招商银行"), "{}", letter.body);
}

#[test]
fn hostile_names_are_escaped_in_the_word_document() {
    let (report, files) = failed_payment();
    for lang in [Lang::Zh, Lang::En] {
        for channel in channels_for(&report, &files, FindingRef::Alert(0)) {
            let letter = draft(
                &report,
                &files,
                FindingRef::Alert(0),
                channel,
                lang,
                &SenderDetails::default(),
                today(),
            );
            let text = to_text(&letter);
            assert!(
                !text.contains('\u{202E}') && !text.contains('\u{2066}') && !text.contains('\u{0}')
            );
            let bytes = to_docx(&letter);
            let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
            let mut names: Vec<String> = archive
                .file_names()
                .map(|n| n.unwrap().into_owned())
                .collect();
            names.sort();
            assert_eq!(
                names,
                [
                    "[Content_Types].xml",
                    "_rels/.rels",
                    "word/_rels/document.xml.rels",
                    "word/document.xml",
                    "word/styles.xml"
                ]
            );
            let mut xml = String::new();
            archive
                .by_name("word/document.xml")
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            assert!(
                !xml.contains("<script>") && !xml.contains("]]>"),
                "raw markup leaked"
            );
            assert!(
                xml.contains("&lt;script&gt;&amp;amp;]]&gt;evil商户"),
                "escaped name missing"
            );
            assert!(
                !xml.contains('\u{202E}') && !xml.contains('\u{2066}') && !xml.contains('\u{0}')
            );
            // Well-formed, and the evidence is a real table: header, two rows, total.
            let mut reader = quick_xml::Reader::from_str(&xml);
            let (mut rows, mut tables) = (0, 0);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(quick_xml::events::Event::Start(e)) if e.name().as_ref() == "w:tr" => {
                        rows += 1
                    }
                    Ok(quick_xml::events::Event::Start(e)) if e.name().as_ref() == "w:tbl" => {
                        tables += 1
                    }
                    Ok(_) => {}
                    Err(e) => panic!("document.xml is not well-formed: {e}"),
                }
            }
            assert_eq!((tables, rows), (1, 4), "{channel:?}");
        }
    }
}

#[test]
fn word_documents_are_the_same_every_time() {
    let files = demo();
    let report = analyse(&files);
    let finding = find(
        &report,
        &Pick::Stream("安心保险经纪有限公司", "insurance_autodebit"),
    );
    let letter = draft(
        &report,
        &files,
        finding,
        Channel::Merchant,
        Lang::Zh,
        &SenderDetails::default(),
        today(),
    );
    let a = to_docx(&letter);
    assert!(a.starts_with(b"PK\x03\x04"));
    assert_eq!(a, to_docx(&letter));
}

/// Checks RFC 5545 framing: CRLF line ends only, at most 75 octets a line, one event.
fn check_ics(ics: &str) -> String {
    assert!(ics.ends_with("\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n') && !ics.replace("\r\n", "").contains('\r'));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 1);
    for prefix in [
        "VERSION:2.0",
        "PRODID:",
        "UID:",
        "DTSTAMP:",
        "DTSTART;VALUE=DATE:",
        "DTEND;VALUE=DATE:",
        "SUMMARY:",
    ] {
        assert!(lines.iter().any(|l| l.starts_with(prefix)), "{prefix}");
    }
    unfolded
}

#[test]
fn calendar_reminders_are_valid_icalendar() {
    let files = demo();
    let report = analyse(&files);
    let FindingRef::Stream(i) = find(
        &report,
        &Pick::Stream("惠享生活权益服务中心", "trial_to_paid"),
    ) else {
        unreachable!()
    };
    let stream = &report.streams[i];
    assert_eq!(stream.next_expected, NaiveDate::from_ymd_opt(2026, 11, 25));
    for (lang, days, today, start) in [
        // Reminder three days before the next charge.
        (
            Lang::Zh,
            3,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            "20261122",
        ),
        // That day has passed: the monthly rhythm gives the charge after.
        (Lang::En, 3, today(), "20261222"),
        (
            Lang::En,
            0,
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            "20261125",
        ),
    ] {
        let ics = reminder_ics(stream, lang, days, today).expect("an active stream");
        let unfolded = check_ics(&ics);
        assert!(
            unfolded.contains(&format!("DTSTART;VALUE=DATE:{start}")),
            "{unfolded}"
        );
        assert!(unfolded.contains("惠享生活权益服务中心"));
    }
    let mut ended = stream.clone();
    ended.active = false;
    ended.next_expected = None;
    assert!(reminder_ics(&ended, Lang::Zh, 3, today()).is_none());

    // Hostile text is escaped: commas and semicolons, and no control characters.
    let mut odd = stream.clone();
    odd.counterparty = "A,B;C\\D\u{202E}\nE".into();
    let unfolded = check_ics(&reminder_ics(&odd, Lang::En, 3, today()).unwrap());
    assert!(unfolded.contains("A\\,B\\;C\\\\D E"), "{unfolded}");
    assert!(!unfolded.contains('\u{202E}'));

    let finding = FindingRef::Stream(i);
    let letter = draft(
        &report,
        &files,
        finding,
        Channel::Merchant,
        Lang::Zh,
        &SenderDetails::default(),
        today(),
    );
    let unfolded = check_ics(&deadline_ics(&letter));
    assert!(
        unfolded.contains("DTSTART;VALUE=DATE:20261211"),
        "{unfolded}"
    );
    assert!(unfolded.contains("DTSTAMP:20261204T000000Z"));
    assert_eq!(deadline_ics(&letter), deadline_ics(&letter), "stable UID");
}

#[test]
fn citations_carry_their_tags_and_only_checked_numbers() {
    let files = demo();
    let report = analyse(&files);
    let finding = find(
        &report,
        &Pick::Stream("惠享生活权益服务中心", "trial_to_paid"),
    );
    for channel in channels_for(&report, &files, finding) {
        for lang in [Lang::Zh, Lang::En] {
            let letter = draft(
                &report,
                &files,
                finding,
                channel,
                lang,
                &SenderDetails::default(),
                today(),
            );
            assert!(!letter.rules.is_empty(), "{channel:?}");
            for rule in &letter.rules {
                assert!(!rule.source.is_empty());
                assert!(
                    letter.body.contains(rule.tag.label(lang)),
                    "{channel:?}: tag of {}",
                    rule.name
                );
                match rule.tag {
                    Tag::Unverified => assert!(rule.article.is_none(), "{}", rule.name),
                    Tag::OneSource => assert!(rule
                        .article
                        .as_deref()
                        .is_some_and(|a| a.contains("待核实") || a.contains("to verify"))),
                    Tag::Verified | Tag::TwoSources => {}
                }
            }
        }
    }
    // The 2026 pre-deduction rule is cited only when a charge falls after it took effect.
    let letter = draft(
        &report,
        &files,
        finding,
        Channel::Merchant,
        Lang::Zh,
        &SenderDetails::default(),
        today(),
    );
    assert!(letter.body.contains("互联网平台价格行为规则"));
    let mut early = report.clone();
    let FindingRef::Stream(i) = finding else {
        unreachable!()
    };
    early.streams[i].transactions.retain(|t| {
        let tx = files[0]
            .transactions
            .iter()
            .find(|x| x.source.line == t.line)
            .unwrap();
        tx.when.date < NaiveDate::from_ymd_opt(2026, 4, 10).unwrap()
    });
    assert!(!early.streams[i].transactions.is_empty());
    let letter = draft(
        &early,
        &files,
        finding,
        Channel::Merchant,
        Lang::Zh,
        &SenderDetails::default(),
        today(),
    );
    assert!(
        !letter.body.contains("互联网平台价格行为规则"),
        "{}",
        letter.body
    );
}

#[test]
fn a_finding_the_report_does_not_have_gives_blanks_not_a_panic() {
    let files = demo();
    let report = analyse(&files);
    for channel in Channel::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let letter = draft(
                &report,
                &files,
                FindingRef::Stream(10_000),
                channel,
                lang,
                &SenderDetails::default(),
                today(),
            );
            assert!(letter.evidence.is_empty());
            assert_eq!(letter.total_minor, 0);
            let marker = if lang == Lang::Zh {
                "【请填写：商家名称】"
            } else {
                "[FILL IN: merchant name]"
            };
            assert!(letter.subject.contains(marker), "{}", letter.subject);
            assert!(!to_docx(&letter).is_empty());
        }
    }
}

#[test]
fn every_channel_can_be_drafted_for_every_finding_in_both_languages() {
    // Channels that do not fit are still drafted on request (the user decides), without panics.
    let files = demo();
    let report = analyse(&files);
    for finding in (0..report.streams.len())
        .map(FindingRef::Stream)
        .chain((0..report.alerts.len()).map(FindingRef::Alert))
    {
        for channel in Channel::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let letter = draft(
                    &report,
                    &files,
                    finding,
                    channel,
                    lang,
                    &SenderDetails::default(),
                    today(),
                );
                assert!(!letter.body.is_empty() && !letter.subject.is_empty());
                assert!(letter.body.contains(&letter.recipient), "{channel:?}");
            }
        }
    }
}
