//! Scores the detector against labelled statements: `cargo run --release --example eval -- [truth.json]`
//! (default `tests/fixtures/generated/truth.json`; the statements sit beside it).
//!
//! Each labelled statement is analysed together with the bank statements that mirror it. Prints,
//! per file and overall: stream recall and precision, recall of suspicious findings at level
//! high, and expected streams (salary, rent, utilities, phone) wrongly flagged high.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;
use statement_checker::analysis::{analyse, Level, Report};
use statement_checker::import::import_file;

type Row = (String, u32);

/// Detection scores over a set of labelled statements.
#[derive(Default)]
pub struct Score {
    /// Labelled streams.
    pub streams: usize,
    /// Labelled streams the report found.
    pub streams_found: usize,
    /// Streams reported.
    pub reported: usize,
    /// Reported streams that match a labelled one.
    pub reported_true: usize,
    /// Labelled suspicious findings (streams and one-off duplicates).
    pub suspicious: usize,
    /// Of those, found at level high.
    pub suspicious_high: usize,
    /// Expected streams (salary, rent, utilities, phone, subscriptions) flagged high.
    pub benign_high: usize,
    /// What was missed, for the printout.
    pub missed: Vec<String>,
    /// What was reported but not labelled, for the printout.
    pub extra: Vec<String>,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.streams += other.streams;
        self.streams_found += other.streams_found;
        self.reported += other.reported;
        self.reported_true += other.reported_true;
        self.suspicious += other.suspicious;
        self.suspicious_high += other.suspicious_high;
        self.benign_high += other.benign_high;
    }

    fn line(&self, name: &str) -> String {
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                "   -".to_string()
            } else {
                format!("{:.3}", a as f64 / b as f64)
            }
        };
        format!(
            "{name:<28} recall {} ({}/{})  precision {} ({}/{})  suspicious@high {} ({}/{})  benign@high {}",
            ratio(self.streams_found, self.streams),
            self.streams_found,
            self.streams,
            ratio(self.reported_true, self.reported),
            self.reported_true,
            self.reported,
            ratio(self.suspicious_high, self.suspicious),
            self.suspicious_high,
            self.suspicious,
            self.benign_high
        )
    }
}

fn rows_of(value: &Value) -> Vec<Row> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r[0].as_str()?.to_string(), r[1].as_u64()? as u32)))
        .collect()
}

#[allow(dead_code)]
fn main() -> ExitCode {
    let truth_path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tests/fixtures/generated/truth.json"));
    match evaluate(&truth_path, true) {
        Some(_) => ExitCode::SUCCESS,
        None => {
            eprintln!("eval: cannot read {}", truth_path.display());
            ExitCode::from(2)
        }
    }
}

/// Scores every labelled statement of `truth_path` (statements beside it); prints per file when
/// `verbose`. `None` when the truth file cannot be read.
pub fn evaluate(truth_path: &Path, verbose: bool) -> Option<Score> {
    let dir = truth_path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let truth: Value = serde_json::from_slice(&std::fs::read(truth_path).ok()?).ok()?;

    // Bank row → wallet row, so either side of a mirrored payment counts as the same payment.
    let mut canonical: HashMap<Row, Row> = HashMap::new();
    for pair in truth["mirrors"].as_array().into_iter().flatten() {
        let rows = rows_of(pair);
        if rows.len() == 2 {
            canonical.insert(rows[0].clone(), rows[1].clone());
        }
    }
    let canon = |r: Row| canonical.get(&r).cloned().unwrap_or(r);

    let mut by_file: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for s in truth["streams"].as_array().into_iter().flatten() {
        by_file
            .entry(s["file"].as_str().unwrap_or("").to_string())
            .or_default()
            .push(s);
    }

    let mut total = Score::default();
    for (file, labelled) in &by_file {
        let mut names = vec![file.clone()];
        if let Some(files) = truth["files"].as_object() {
            for (name, info) in files {
                if info["mirror_of"].as_str() == Some(file) {
                    names.push(name.clone());
                }
            }
        }
        let imported: Vec<_> = names
            .iter()
            .map(|n| import_file(n, &std::fs::read(dir.join(n)).unwrap_or_default()))
            .collect();
        let unreadable: Vec<&str> = imported
            .iter()
            .filter(|f| f.error.is_some())
            .map(|f| &*f.name)
            .collect();
        let report: Report = analyse(&imported);
        let score = score_file(&report, labelled, &canon);
        if verbose {
            let note = if unreadable.is_empty() {
                String::new()
            } else {
                format!("  (unreadable: {})", unreadable.join(", "))
            };
            println!("{}{note}", score.line(file));
            for m in &score.missed {
                println!("    missed: {m}");
            }
            for e in &score.extra {
                println!("    extra:  {e}");
            }
        }
        total.add(&score);
    }
    if verbose {
        println!("{}", total.line("OVERALL"));
    }
    Some(total)
}

fn score_file(report: &Report, labelled: &[&Value], canon: &dyn Fn(Row) -> Row) -> Score {
    let mut score = Score::default();
    let found: Vec<(HashSet<Row>, Level, String)> = report
        .streams
        .iter()
        .map(|s| {
            let rows = s
                .transactions
                .iter()
                .chain(&s.mirrors)
                .map(|t| canon((t.file.clone(), t.line)))
                .collect();
            (
                rows,
                s.level,
                format!("{} {:?} {:?}", s.counterparty, s.frequency, s.level),
            )
        })
        .chain(report.alerts.iter().map(|a| {
            let rows = a
                .transactions
                .iter()
                .map(|t| canon((t.file.clone(), t.line)))
                .collect();
            (rows, a.level, format!("alert {} {:?}", a.code, a.level))
        }))
        .collect();
    let streams_only = report.streams.len();
    let mut matched_found = vec![false; found.len()];
    for s in labelled {
        let rows: HashSet<Row> = rows_of(&s["rows"]).into_iter().map(canon).collect();
        let once = s["frequency"] == "once";
        let kind = s["kind"].as_str().unwrap_or("");
        let best = found
            .iter()
            .enumerate()
            .map(|(i, (f, level, _))| (i, rows.intersection(f).count(), *level))
            .filter(|(_, overlap, _)| *overlap * 2 >= rows.len().max(1))
            .max_by_key(|(_, overlap, level)| (*overlap, *level));
        if let Some((i, _, _)) = best {
            matched_found[i] = true;
        }
        let label = format!(
            "{} {} {} ({} rows)",
            s["id"].as_str().unwrap_or(""),
            kind,
            s["pattern"].as_str().unwrap_or(""),
            rows.len()
        );
        if !once {
            score.streams += 1;
            if best.is_some_and(|(i, _, _)| i < streams_only) {
                score.streams_found += 1;
            } else {
                score.missed.push(label.clone());
            }
        }
        let high = best.is_some_and(|(_, _, level)| level == Level::High);
        if kind == "suspicious" {
            score.suspicious += 1;
            if high {
                score.suspicious_high += 1;
            } else if once || best.is_some() {
                score.missed.push(format!("{label}: not high"));
            }
        } else if high {
            score.benign_high += 1;
            score.extra.push(format!("{label}: flagged high"));
        }
    }
    score.reported = streams_only;
    score.reported_true = matched_found[..streams_only].iter().filter(|m| **m).count();
    for (i, (_, _, name)) in found.iter().enumerate().take(streams_only) {
        if !matched_found[i] {
            score.extra.push(format!("unlabelled stream {name}"));
        }
    }
    score
}
