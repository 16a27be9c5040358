//! Inputs the fuzz targets (fuzz/) found crashing, kept so the crashes stay fixed. Each is read
//! the way the app reads a dropped file, then analysed; reading must give the expected outcome
//! without any panic at all, not even one caught inside: the browser build aborts on a panic,
//! so a panic caught natively is a dead reading worker there.
//!
//! Some inputs panic inside calamine's BIFF record parser, which this crate cannot change: those
//! are marked, and for them every panic must come from calamine (the import's guard catches it
//! natively and reports a damaged spreadsheet), none from this crate.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::sync::Mutex;

use statement_checker::analysis::analyse;
use statement_checker::import::import_files;

/// Where each panic since the hook was installed was raised (source file paths).
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// One input the fuzzer found.
struct Found {
    /// The file in tests/fixtures/fuzz.
    fixture: &'static str,
    /// The name it is dropped under (the content decides the format, the name is reported).
    name: &'static str,
    /// The error code reading it must give.
    error: &'static str,
    /// Whether it still panics inside calamine (caught natively; see the module comment).
    calamine_panics: bool,
    /// What the fuzzer found with it.
    found: &'static str,
}

const CASES: &[Found] = &[
    Found {
        fixture: "xls_sector_past_end.xls",
        name: "statement.xls",
        error: "bad_spreadsheet",
        calamine_panics: false,
        found:
            "a cut-off workbook naming the sector one past its end: calamine sliced out of bounds",
    },
    Found {
        fixture: "xls_partial_sector.xls",
        name: "statement.xls",
        error: "bad_spreadsheet",
        calamine_panics: false,
        found:
            "a workbook cut inside a sector: calamine read a partial sector as whole table entries",
    },
    Found {
        fixture: "xls_fat_chain_loops.xls",
        name: "statement.xls",
        error: "bad_spreadsheet",
        calamine_panics: false,
        found: "a sector chain that loops: calamine grew the directory until memory ran out",
    },
    Found {
        fixture: "xls_stream_chain_loops.xls",
        name: "statement.xls",
        error: "bad_spreadsheet",
        calamine_panics: false,
        found: "another looping chain, reached through a different table: out of memory",
    },
    Found {
        fixture: "xls_dimensions_backwards.xls",
        name: "statement.xls",
        error: "bad_spreadsheet",
        calamine_panics: false,
        found:
            "a sheet whose Dimensions record ends before it starts: calamine subtracts past zero",
    },
];

#[test]
fn found_inputs_read_without_a_panic_in_this_crate() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map_or("?", |l| l.file()).to_string();
        PANICS.lock().unwrap_or_else(|e| e.into_inner()).push(place);
    }));

    let mut failures = Vec::new();
    for case in CASES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fuzz")
            .join(case.fixture);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        PANICS.lock().unwrap_or_else(|e| e.into_inner()).clear();
        let files = import_files(case.name, &bytes, None);
        let report = analyse(&files);
        let panics = std::mem::take(&mut *PANICS.lock().unwrap_or_else(|e| e.into_inner()));
        let ours: Vec<&String> = panics.iter().filter(|p| !p.contains("calamine")).collect();
        if !ours.is_empty() || (!case.calamine_panics && !panics.is_empty()) {
            failures.push(format!(
                "{}: panics at {panics:?} ({})",
                case.fixture, case.found
            ));
        }
        let codes: Vec<Option<&str>> = files
            .iter()
            .map(|f| f.error.as_ref().map(|e| e.code()))
            .collect();
        if codes != [Some(case.error)] {
            failures.push(format!(
                "{}: {codes:?}, expected {}",
                case.fixture, case.error
            ));
        }
        assert_eq!(report.files.len(), files.len());
    }
    std::panic::set_hook(previous);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_found_input_has_a_case() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut on_disk: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = CASES.iter().map(|c| c.fixture).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}
