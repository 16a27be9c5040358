//! The command-line report: reads statement files together as one person's statements and prints
//! the `statement-checker/report/v1` JSON on standard output.
//!
//! ```text
//! cargo run --release --example report -- [--password PASSWORD] FILE...
//! ```
//! A zip archive is opened and every statement inside it is read; `--password` opens
//! password-protected archives (the e-mailed Alipay and WeChat Pay exports).
//! Exit status: 0 when every file was read, 1 when any file has an error (the report is still
//! printed), 2 for a usage error. Messages go to standard error and name the file.

use std::process::ExitCode;

use statement_checker::analysis::analyse;
use statement_checker::import::{
    base_name, import_files, ImportError, ImportErrorKind, ImportedFile,
};
use statement_checker::lang::{Lang, Localized};

const USAGE: &str = "usage: report [--password PASSWORD] FILE...\n\
Reads payment and bank statements (Alipay, WeChat Pay, Chinese banks, OFX/QFX, QIF, CAMT.053,\n\
MT940, other CSV; zip archives too) together as one person's and prints the\n\
statement-checker/report/v1 JSON. Nothing is sent anywhere.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let mut password: Option<String> = None;
    let mut paths: Vec<&str> = Vec::new();
    let mut rest = args.iter();
    let mut options_done = false;
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--" if !options_done => options_done = true,
            "--password" if !options_done => match rest.next() {
                Some(value) => password = Some(value.clone()),
                None => {
                    eprintln!("report: --password needs a value\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            option if !options_done && option.starts_with('-') && option != "-" => {
                eprintln!("report: unknown option {option}\n{USAGE}");
                return ExitCode::from(2);
            }
            path => paths.push(path),
        }
    }
    if paths.is_empty() {
        eprintln!("report: no file given\n{USAGE}");
        return ExitCode::from(2);
    }

    let files: Vec<ImportedFile> = paths
        .iter()
        .flat_map(|path| match std::fs::read(path) {
            Ok(bytes) => import_files(path, &bytes, password.as_deref()),
            Err(error) => {
                let kind = ImportErrorKind::Unreadable {
                    detail: error.to_string(),
                };
                vec![ImportedFile::failed(
                    base_name(path).into(),
                    0,
                    ImportError::new(kind),
                )]
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
