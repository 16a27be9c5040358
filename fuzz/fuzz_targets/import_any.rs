//! Any bytes under any statement file name, with no password, the right one or a wrong one:
//! reaches the byte sniffer, the decoder, every text reader, the spreadsheet readers and the zip
//! reader, exactly as a dropped file does in the app. Files that read are analysed and exported
//! too (letters are fuzzed by the `analysis` target). Panics inside calamine are contained (see
//! `contain_spreadsheet_reader_panics`); every other panic is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statement_checker::import::import_files;
use statement_checker_fuzz::{analyse_and_export, check_files, contain_spreadsheet_reader_panics};

/// The names the app's file picker offers; the content decides the format, never the name.
const NAMES: [&str; 9] = [
    "statement.csv",
    "statement.xlsx",
    "statement.xls",
    "statement.ofx",
    "statement.qif",
    "statement.xml",
    "statement.sta",
    "statement.zip",
    "statement.txt",
];

/// No password, the one the archive fixtures use, and a wrong one.
const PASSWORDS: [Option<&str>; 3] = [None, Some("123456"), Some("654321")];

fuzz_target!(
    init: contain_spreadsheet_reader_panics(),
    |data: &[u8]| {
        let Some((&selector, bytes)) = data.split_first() else {
            return;
        };
        let name = NAMES[usize::from(selector & 0x0f) % NAMES.len()];
        let password = PASSWORDS[usize::from(selector >> 4) % PASSWORDS.len()];
        let files = import_files(name, bytes, password);
        check_files(&files);
        if files.iter().any(|f| !f.transactions.is_empty()) {
            analyse_and_export(&files);
        }
    }
);
