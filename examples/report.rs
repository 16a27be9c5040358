//! The command-line report: reads statement files together as one person's statements and prints
//! the `statement-checker/report/v1` JSON on standard output.
//!
//! ```text
//! cargo run --release --example report -- FILE...
//! ```
//! Exit status: 0 when every file was read, 1 when any file has an error (the report is still
//! printed), 2 for a usage error. Messages go to standard error and name the file.

use std::process::ExitCode;

use statement_checker::analysis::analyse;
use statement_checker::import::{
    base_name, import_file, ImportError, ImportErrorKind, ImportedFile,
};
use statement_checker::lang::{Lang, Localized};

const USAGE: &str = "usage: report FILE...\n\
Reads Alipay (and, as they are added, other) statement exports together and prints the\n\
statement-checker/report/v1 JSON. Nothing is sent anywhere.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if args.is_empty() {
        eprintln!("report: no file given\n{USAGE}");
        return ExitCode::from(2);
    }
    if let Some(option) = args
        .iter()
        .find(|a| a.starts_with('-') && a.as_str() != "-" && a.as_str() != "--")
    {
        eprintln!("report: unknown option {option}\n{USAGE}");
        return ExitCode::from(2);
    }

    let files: Vec<ImportedFile> = args
        .iter()
        .filter(|a| a.as_str() != "--")
        .map(|path| match std::fs::read(path) {
            Ok(bytes) => import_file(path, &bytes),
            Err(error) => {
                let kind = ImportErrorKind::Unreadable {
                    detail: error.to_string(),
                };
                ImportedFile::failed(base_name(path).into(), 0, ImportError::new(kind))
            }
        })
        .collect();

    let mut failed = false;
    for file in &files {
        if let Some(error) = &file.error {
            failed = true;
            eprintln!("{}: {}", file.name, error.message(Lang::En));
        }
        for row in &file.skipped {
            eprintln!(
                "{}:{}: skipped: {}",
                file.name,
                row.line,
                row.message(Lang::En)
            );
        }
    }

    let report = analyse(&files);
    match serde_json::to_string_pretty(&report) {
        Ok(json) => println!("{json}"),
        Err(error) => {
            eprintln!("report: cannot write the report: {error}");
            return ExitCode::from(1);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
