//! XML and SGML statements: CAMT.053/.052/.054 and OFX (2.x XML and 1.x SGML), each started with
//! a real prologue so the fuzzer works on the elements, the nesting and entity-like text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statement_checker::import::import_file;
use statement_checker_fuzz::{analyse_and_export, check_files};

/// Prologues as banks write them.
const PROLOGUES: [&str; 5] = [
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n<BkToCstmrStmt>\n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">\n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"220\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>\n<OFX>\n",
    "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n",
    "",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let prologue = PROLOGUES[usize::from(selector) % PROLOGUES.len()];
    let mut bytes = prologue.as_bytes().to_vec();
    bytes.extend_from_slice(rest);
    let files = vec![import_file("statement.xml", &bytes)];
    check_files(&files);
    if !files[0].transactions.is_empty() {
        analyse_and_export(&files);
    }
});
