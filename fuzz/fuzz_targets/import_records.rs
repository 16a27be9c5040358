//! Line-record statements, QIF and MT940, started with a real first record so the fuzzer works
//! on the fields: dates in either order, amounts with commas, tags split over lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statement_checker::import::import_file;
use statement_checker_fuzz::{analyse_and_export, check_files};

/// First lines as the exports write them.
const STARTS: [&str; 4] = [
    "!Type:Bank\n",
    "!Type:CCard\n",
    "{1:F01BANKNL2AXXXX0000000000}{2:I940BANKNL2AXXXXN}{4:\n:20:STMT\n:25:NL91ABNA0417164300\n:28C:1/1\n:60F:C250601EUR1000,00\n",
    ":20:STARTUMS\n:25:12345678/0123456789\n:28C:0\n:60F:C250601EUR0,00\n",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let start = STARTS[usize::from(selector) % STARTS.len()];
    let mut bytes = start.as_bytes().to_vec();
    bytes.extend_from_slice(rest);
    let files = vec![import_file("statement.txt", &bytes)];
    check_files(&files);
    if !files[0].transactions.is_empty() {
        analyse_and_export(&files);
    }
});
