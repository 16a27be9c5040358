//! The held-out evaluation set in `tests/fixtures/heldout/`, written by `examples/gen_eval.rs` and
//! never used to tune the detector: every statement reads with the count its `truth.json` records,
//! every labelled row is a transaction at exactly its line, the generator reproduces the committed
//! files byte for byte, and the detector's scores are printed (never asserted: they are reported
//! as they are). The set in `tests/fixtures/unseen/` (another seed, scored once) is checked for
//! counts and lines the same way.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../examples/eval.rs"]
mod eval;
#[path = "../examples/gen_eval.rs"]
mod gen_eval;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;
use statement_checker::analysis::normalize::strip_rail;
use statement_checker::import::{import_file, ImportedFile};
use statement_checker::model::Transaction;

fn heldout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout")
}

fn read_truth(dir: &Path) -> Value {
    let bytes = std::fs::read(dir.join("truth.json")).expect("truth.json is there");
    serde_json::from_slice(&bytes).expect("truth.json is JSON")
}

/// Every file the truth names, imported.
fn import_all(dir: &Path, truth: &Value) -> BTreeMap<String, ImportedFile> {
    truth["files"]
        .as_object()
        .expect("files")
        .keys()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name.clone(), import_file(name, &bytes))
        })
        .collect()
}

/// The transaction of `file` at `line`.
fn at_line<'a>(files: &'a BTreeMap<String, ImportedFile>, row: &Value) -> Option<&'a Transaction> {
    let name = row[0].as_str()?;
    let line = row[1].as_u64()? as u32;
    files
        .get(name)?
        .transactions
        .iter()
        .find(|t| t.source.line == line)
}

/// The set written by `gen_eval --seed 4242 --people 16` and scored once, after the detector's
/// rules were settled: kept to check that its files and labels stay readable.
fn unseen() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen")
}

#[test]
fn every_heldout_file_is_read_with_its_truth_count() {
    files_are_read_with_their_truth_counts(&heldout());
}

#[test]
fn every_unseen_file_is_read_with_its_truth_count() {
    files_are_read_with_their_truth_counts(&unseen());
}

/// Every statement of the set in `dir` reads without errors or skipped rows, in the layout and
/// with the transaction count its truth records, and the folder holds nothing else.
fn files_are_read_with_their_truth_counts(dir: &Path) {
    let dir = dir.to_path_buf();
    let truth = read_truth(&dir);
    let files = import_all(&dir, &truth);
    assert!(
        files.len() >= 12,
        "the set has statements ({})",
        files.len()
    );
    for (name, file) in &files {
        let info = &truth["files"][name];
        assert!(file.error.is_none(), "{name}: {:?}", file.error);
        assert!(
            file.skipped.is_empty(),
            "{name}: skipped {:?}",
            file.skipped
        );
        assert_eq!(
            file.format.map(|f| f.id()),
            info["format"].as_str(),
            "{name}: format"
        );
        assert_eq!(
            file.transactions.len() as u64,
            info["transactions"].as_u64().expect("count"),
            "{name}: transaction count"
        );
    }
    // Nothing in the folder that the truth does not describe.
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "truth.json")
        .collect();
    let described: BTreeSet<String> = files.keys().cloned().collect();
    assert_eq!(on_disk, described);
}

#[test]
fn every_labelled_row_is_a_transaction_at_its_line() {
    labelled_rows_are_transactions(&heldout());
}

#[test]
fn every_unseen_labelled_row_is_a_transaction_at_its_line() {
    labelled_rows_are_transactions(&unseen());
}

/// Every labelled row of the set in `dir` is a transaction at exactly its line, and every mirror
/// pair repeats its wallet row.
fn labelled_rows_are_transactions(dir: &Path) {
    let truth = read_truth(dir);
    let files = import_all(dir, &truth);
    let streams = truth["streams"].as_array().expect("streams");
    for stream in streams {
        let file = stream["file"].as_str().expect("file");
        assert!(files.contains_key(file), "{stream}");
        let rows = stream["rows"].as_array().expect("rows");
        assert!(!rows.is_empty(), "{stream}");
        for row in rows {
            let tx = at_line(&files, row)
                .unwrap_or_else(|| panic!("no transaction at {row} ({})", stream["id"]));
            // A row of another file must be a statement read together with this one.
            let other = row[0].as_str().unwrap_or_default();
            assert!(
                other == file || truth["files"][other]["mirror_of"].as_str() == Some(file),
                "{row} is neither in {file} nor in its mirror"
            );
            assert!(tx.amount.minor > 0, "{row}: labelled rows move money");
        }
    }
    // Mirror pairs: the bank row repeats the wallet row (same amount, same or next day, rail prefix).
    let mirrors = truth["mirrors"].as_array().expect("mirrors");
    assert!(
        !mirrors.is_empty(),
        "some wallet payments are mirrored by a bank row"
    );
    for pair in mirrors {
        let bank = at_line(&files, &pair[0]).unwrap_or_else(|| panic!("bank row {pair}"));
        let wallet = at_line(&files, &pair[1]).unwrap_or_else(|| panic!("wallet row {pair}"));
        assert_eq!(bank.amount, wallet.amount, "{pair}");
        let lag = (bank.when.date - wallet.when.date).num_days();
        assert!((0..=1).contains(&lag), "{pair}: booked {lag} days later");
        let rail = if bank.counterparty.starts_with("支付宝-") {
            "支付宝-"
        } else {
            "财付通-"
        };
        assert!(
            bank.counterparty.starts_with(rail),
            "{pair}: {}",
            bank.counterparty
        );
        // Alipay writes commas in names full-width; the bank keeps the merchant's own comma.
        assert_eq!(
            strip_rail(&bank.counterparty),
            wallet.counterparty.trim().replace('，', ","),
            "{pair}: same merchant"
        );
    }
}

#[test]
fn the_set_covers_every_layout_pattern_and_trap() {
    let truth = read_truth(&heldout());
    let formats: BTreeSet<&str> = truth["files"]
        .as_object()
        .expect("files")
        .values()
        .filter_map(|f| f["format"].as_str())
        .collect();
    for format in ["alipay", "wechat_csv", "bank_cn", "icbc", "bank_en", "ofx"] {
        assert!(formats.contains(format), "{format} is written");
    }
    let mut patterns: HashMap<(&str, &str), usize> = HashMap::new();
    for s in truth["streams"].as_array().expect("streams") {
        let key = (
            s["kind"].as_str().unwrap_or(""),
            s["pattern"].as_str().unwrap_or(""),
        );
        *patterns.entry(key).or_default() += 1;
    }
    for pattern in [
        "trial_to_paid",
        "price_increase",
        "insurance_autodebit",
        "micro_weekly",
        "annual_renewal",
        "loan_fee",
        "duplicate_charge",
        "failed_but_charged",
    ] {
        let n = patterns.get(&("suspicious", pattern)).copied().unwrap_or(0);
        assert!(n >= 2, "suspicious {pattern}: {n} planted");
    }
    for (kind, pattern) in [
        ("income", "salary"),
        ("benign", "rent"),
        ("benign", "utility"),
        ("benign", "phone"),
        ("subscription", "subscription"),
    ] {
        assert!(patterns.contains_key(&(kind, pattern)), "{kind} {pattern}");
    }
}

/// A layout variant: its format, what it is, and how to recognise it in a file's text.
type Variant<'a> = (&'a str, &'a str, &'a dyn Fn(&str) -> bool);

#[test]
fn the_set_exercises_each_layout_variant() {
    let dir = heldout();
    let truth = read_truth(&dir);
    let mut texts: Vec<(String, String)> = Vec::new();
    for (name, info) in truth["files"].as_object().expect("files") {
        let bytes = std::fs::read(dir.join(name)).expect("file");
        let text = if info["format"] == "alipay" {
            let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
            assert!(!bad, "{name} is GBK");
            assert!(std::str::from_utf8(&bytes).is_err(), "{name} is not UTF-8");
            text.into_owned()
        } else {
            String::from_utf8(bytes).expect("UTF-8")
        };
        texts.push((info["format"].as_str().unwrap_or("").to_string(), text));
    }
    let any = |format: &str, test: &dyn Fn(&str) -> bool| {
        texts.iter().any(|(f, t)| f == format && test(t))
    };
    let variants: [Variant; 12] = [
        ("alipay", "2025-10 banner", &|t| {
            t.contains("支付宝支付科技有限公司  电子客户回单")
        }),
        ("alipay", "older banner", &|t| {
            t.contains("支付宝（中国）网络技术有限公司  电子客户回单")
        }),
        ("alipay", "padded cells", &|t| {
            t.contains("\n交易时间            ,")
        }),
        ("alipay", "2026 refund numbers", &|t| t.contains("*REFUND_")),
        ("alipay", "older refund numbers", &|t| {
            t.lines()
                .any(|l| l.contains(",退款成功,") && !l.contains("*REFUND_"))
        }),
        ("wechat_csv", "BOM and padded preamble", &|t| {
            t.starts_with("\u{feff}微信支付账单明细,,,,,,,,,,")
        }),
        ("icbc", "v1 columns", &|t| {
            t.contains("交易日期,摘要,交易场所,")
        }),
        ("icbc", "v2 columns", &|t| {
            t.contains("交易日期,摘要,交易详情,交易场所,")
        }),
        ("bank_cn", "CMB preamble", &|t| {
            t.contains("\"# 招商银行交易记录\"")
        }),
        ("bank_en", "amount column", &|t| {
            t.contains("Date,Description,Amount,Balance")
        }),
        ("ofx", "one-line rows with a zone", &|t| {
            t.contains("<STMTTRN><TRNTYPE>") && t.contains("[-5:EST]")
        }),
        ("ofx", "indented rows", &|t| {
            t.contains("<STMTTRN>\n  <TRNTYPE>") || t.contains("<STMTTRN>\r\n  <TRNTYPE>")
        }),
    ];
    for (format, what, test) in variants {
        assert!(any(format, test), "{format}: {what}");
    }
    assert!(
        any("bank_en", &|t| t
            .contains("Date,Type,Description,Paid Out,Paid In,Balance")),
        "bank_en: split columns"
    );
}

#[test]
fn heldout_names_are_not_the_tuned_fixtures_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let names_of = |dir: &Path| -> BTreeSet<String> {
        let truth = read_truth(dir);
        let files = import_all(dir, &truth);
        truth["streams"]
            .as_array()
            .expect("streams")
            .iter()
            .flat_map(|s| s["rows"].as_array().expect("rows").iter())
            .filter_map(|row| at_line(&files, row))
            .map(|t| strip_rail(&t.counterparty).to_string())
            .filter(|name| !name.is_empty())
            .collect()
    };
    let tuned = names_of(&root.join("generated"));
    let held = names_of(&heldout());
    assert!(held.len() >= 30, "{held:?}");
    let shared: Vec<&String> = held.intersection(&tuned).collect();
    assert!(
        shared.is_empty(),
        "names shared with the tuned fixtures: {shared:?}"
    );
}

#[test]
fn a_merchant_name_with_a_comma_survives_every_layout() {
    let dir = heldout();
    let truth = read_truth(&dir);
    let files = import_all(&dir, &truth);
    let mut seen = BTreeMap::new();
    for (name, file) in &files {
        for t in file
            .transactions
            .iter()
            .filter(|t| t.counterparty.contains("BLUEHARBOR"))
        {
            let expected = match file.format.map(|f| f.id()) {
                // Alipay writes the comma full-width; WeChat leaves it unquoted in the row.
                Some("alipay") => "BLUEHARBOR TRADING CO.，LIMITED",
                Some("wechat_csv") => "BLUEHARBOR TRADING CO.,LIMITED",
                _ => strip_rail(&t.counterparty),
            };
            assert_eq!(
                strip_rail(&t.counterparty),
                expected,
                "{name}:{}",
                t.source.line
            );
            assert!(t.amount.minor > 0, "{name}:{}", t.source.line);
            *seen.entry(file.format.map(|f| f.id())).or_insert(0) += 1;
        }
    }
    assert!(seen.contains_key(&Some("wechat_csv")), "{seen:?}");
    assert!(seen.contains_key(&Some("alipay")), "{seen:?}");
}

#[test]
fn the_generator_reproduces_the_committed_set() {
    let dir = heldout();
    let truth = read_truth(&dir);
    let seed = truth["generator"]["seed"].as_u64().expect("seed");
    let people = truth["generator"]["people"].as_u64().expect("people") as usize;
    let out =
        std::env::temp_dir().join(format!("statement-checker-heldout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    gen_eval::generate(&out, seed, people).expect("generated");
    let mut names: Vec<String> = truth["files"]
        .as_object()
        .expect("files")
        .keys()
        .cloned()
        .collect();
    names.push("truth.json".to_string());
    for name in &names {
        let committed = std::fs::read(dir.join(name)).expect("committed file");
        let fresh = std::fs::read(out.join(name)).expect("generated file");
        assert!(
            committed == fresh,
            "{name} differs from what gen_eval writes"
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn detector_scores_on_the_heldout_set() {
    let truth = heldout().join("truth.json");
    let score = eval::evaluate(&truth, true).expect("truth.json readable");
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    eprintln!(
        "held-out: stream recall {:.3} ({}/{}), precision {:.3} ({}/{}), suspicious@high {:.3} ({}/{}), benign@high {}",
        ratio(score.streams_found, score.streams),
        score.streams_found,
        score.streams,
        ratio(score.reported_true, score.reported),
        score.reported_true,
        score.reported,
        ratio(score.suspicious_high, score.suspicious),
        score.suspicious_high,
        score.suspicious,
        score.benign_high
    );
    // Only that the scorer ran over labels: the scores themselves are reported, not required.
    assert!(score.streams > 0 && score.suspicious > 0);
}
