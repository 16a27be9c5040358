//! What every fuzz target shares: the checks that must hold for any imported file, and the run
//! from imported files through analysis to every letter and export, so a crash anywhere along
//! the app's path is found whichever target produced the rows.

use std::collections::BTreeSet;
use std::sync::Mutex;

use chrono::NaiveDate;
use statement_checker::analysis::{analyse, Report};
use statement_checker::export::{findings_csv, is_bidi_control, FORMULA_PREFIXES};
use statement_checker::import::ImportedFile;
use statement_checker::lang::{Lang, Localized};
use statement_checker::letters::{
    channels_for, deadline_ics, draft, reminder_ics, to_docx, to_text, FindingRef, SenderDetails,
};

/// Lets panics raised inside calamine unwind to the import's guard (which reports a damaged
/// spreadsheet) instead of aborting the fuzzer; a panic anywhere else still aborts. calamine's
/// BIFF and XLSX record parsers panic on some malformed workbooks; that code cannot be changed
/// here, and counting those as crashes would stop every run on them instead of fuzzing this
/// crate. Each new place is printed once, so the runs' logs list them.
pub fn contain_spreadsheet_reader_panics() {
    let fuzzer_hook = std::panic::take_hook();
    let seen: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    std::panic::set_hook(Box::new(move |info| {
        let Some(place) = info.location().filter(|l| l.file().contains("/calamine-")) else {
            return fuzzer_hook(info);
        };
        let place = format!("{}:{}", place.file(), place.line());
        let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.insert(place.clone()) {
            eprintln!("contained calamine panic at {place}: {info}");
        }
    }));
}

/// Both languages of the app.
pub const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];

/// The most findings whose letters are drafted per input, so one input stays fast.
const MAX_FINDINGS: usize = 6;

/// The fixed "today" of every letter, so runs are reproducible.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).expect("a real date")
}

/// Checks what must hold for every imported file, whatever its bytes were.
pub fn check_files(files: &[ImportedFile]) {
    assert!(!files.is_empty(), "an import always returns a file");
    for file in files {
        if let Some(error) = &file.error {
            assert!(
                file.transactions.is_empty(),
                "{}: rows kept with an error",
                file.name
            );
            for lang in LANGS {
                assert!(!error.message(lang).trim().is_empty(), "{}", error.code());
                assert!(file.error_message(lang).is_some());
            }
        }
        for row in &file.skipped {
            assert!(row.line >= 1, "{}: skipped line 0", file.name);
            for lang in LANGS {
                assert!(!row.message(lang).trim().is_empty(), "{}", row.code());
            }
        }
        for tx in &file.transactions {
            assert!(tx.source.line >= 1, "{}: line 0", file.name);
            assert_eq!(&*tx.source.file, &*file.name, "a row names another file");
            assert!(
                tx.amount.minor >= 0,
                "{}: negative amount {tx:?}",
                file.name
            );
        }
    }
}

/// Analyses the files and exports the findings as CSV in both languages; checks the report's
/// and the export's basic shape. Cheap enough to run on every input that has rows.
pub fn analyse_and_export(files: &[ImportedFile]) -> Report {
    let report = analyse(files);
    assert_eq!(report.files.len(), files.len());
    for stream in &report.streams {
        assert_eq!(stream.occurrences, stream.transactions.len());
        assert!(stream.first <= stream.last);
    }
    for lang in LANGS {
        check_csv(&findings_csv(&report, lang), &report);
    }
    report
}

/// [`analyse_and_export`], then drafts and renders every letter for the first findings in both
/// languages (text, Word, calendar files).
pub fn analyse_and_draft(files: &[ImportedFile]) -> Report {
    let report = analyse_and_export(files);
    let findings = (0..report.streams.len())
        .map(FindingRef::Stream)
        .chain((0..report.alerts.len()).map(FindingRef::Alert))
        .take(MAX_FINDINGS);
    let sender = SenderDetails::default();
    for finding in findings {
        for channel in channels_for(&report, files, finding) {
            for lang in LANGS {
                let letter = draft(&report, files, finding, channel, lang, &sender, today());
                assert!(!to_text(&letter).is_empty());
                assert!(to_docx(&letter).starts_with(b"PK"));
                assert!(deadline_ics(&letter).starts_with("BEGIN:VCALENDAR"));
            }
        }
        if let FindingRef::Stream(index) = finding {
            for lang in LANGS {
                if let Some(ics) = reminder_ics(&report.streams[index], lang, 3, today()) {
                    assert!(ics.starts_with("BEGIN:VCALENDAR"));
                }
            }
        }
    }
    report
}

/// The exported CSV reads back with one record per finding plus the header, all of one width,
/// and no cell a spreadsheet would run as a formula.
fn check_csv(text: &str, report: &Report) {
    let body = text.strip_prefix('\u{feff}').expect("UTF-8 BOM first");
    let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("the export is valid CSV"))
        .collect();
    assert_eq!(
        records.len(),
        1 + report.streams.len() + report.alerts.len()
    );
    for record in &records {
        assert_eq!(record.len(), records[0].len());
        for cell in record {
            assert!(!cell.starts_with(FORMULA_PREFIXES), "{cell:?}");
            assert!(!cell.chars().any(is_bidi_control), "{cell:?}");
        }
    }
}
