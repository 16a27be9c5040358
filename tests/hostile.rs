//! Hostile and broken files, read the way the app reads a dropped file (`import_files`): each
//! outcome must be exactly the one `tests/fixtures/hostile/expected.json` names, every error must
//! say in Chinese and in English which file (and line) it is about, and nothing may panic. Files
//! too large to keep in the repository (a 20 MB line, XML nested 200,000 deep, archives that
//! unpack past the limits) are built here.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;
use statement_checker::analysis::analyse;
use statement_checker::export::{findings_csv, FORMULA_PREFIXES};
use statement_checker::import::archive::{MAX_ENTRIES, MAX_RATIO, RATIO_FREE_BYTES};
use statement_checker::import::{import_files, ImportedFile, MAX_FILE_BYTES};
use statement_checker::lang::{Lang, Localized};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(folder().join("expected.json")).expect("expected.json");
    let doc: Value = serde_json::from_str(&text).expect("expected.json is JSON");
    doc["files"].as_object().expect("a files object").clone()
}

/// Checks the messages of one imported file: every error names the file, and its line when it
/// has one, in both languages; every skipped row has a reason in both.
fn check_messages(file: &ImportedFile) {
    for lang in [Lang::Zh, Lang::En] {
        if let Some(error) = &file.error {
            let shown = file
                .error_message(lang)
                .expect("a message for a failed file");
            let text = error.message(lang);
            assert!(
                !text.trim().is_empty(),
                "{}: empty {lang:?} message",
                file.name
            );
            assert!(
                shown.contains(&*file.name),
                "{shown:?} does not name the file"
            );
            assert!(shown.ends_with(&text), "{shown:?}");
            if let Some(line) = error.line {
                let named = match lang {
                    Lang::Zh => format!("第 {line} 行"),
                    Lang::En => format!("Line {line}:"),
                };
                assert!(
                    text.starts_with(&named),
                    "{}: {text:?} does not name line {line}",
                    file.name
                );
            }
        }
        for row in &file.skipped {
            assert!(
                !row.message(lang).trim().is_empty(),
                "{} line {}: empty reason",
                file.name,
                row.line
            );
        }
    }
    // Chinese and English are different texts, not one language twice.
    if let Some(error) = &file.error {
        assert_ne!(error.message(Lang::Zh), error.message(Lang::En));
        let has_han = |s: String| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(has_han(error.message(Lang::Zh)), "{}", file.name);
    }
}

/// Compares one imported file with its expected outcome.
fn check_outcome(what: &str, file: &ImportedFile, want: &Value) {
    check_messages(file);
    if let Some(name) = want.get("name") {
        assert_eq!(Some(&*file.name), name.as_str(), "{what}");
    }
    if let Some(code) = want.get("error") {
        let error = file
            .error
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: read, expected error {code}"));
        assert_eq!(Some(error.code()), code.as_str(), "{what}: {error:?}");
        let line = want.get("line").and_then(Value::as_u64);
        assert_eq!(error.line.map(u64::from), line, "{what}: line of {error:?}");
        assert!(file.transactions.is_empty(), "{what}");
        return;
    }
    assert_eq!(file.error, None, "{what}");
    assert_eq!(
        file.format.map(|f| f.id()),
        want["format"].as_str(),
        "{what}: format"
    );
    assert_eq!(
        file.transactions.len() as u64,
        want["transactions"].as_u64().unwrap(),
        "{what}: rows read"
    );
    let lines: Vec<u64> = file.skipped.iter().map(|s| u64::from(s.line)).collect();
    let codes: Vec<&str> = file.skipped.iter().map(|s| s.code()).collect();
    let want_lines: Vec<u64> = want["skipped_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let want_codes: Vec<&str> = want["skip_reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(lines, want_lines, "{what}: skipped lines");
    assert_eq!(codes, want_codes, "{what}: skip reasons");
}

#[test]
fn every_hostile_file_has_its_expected_outcome() {
    let expected = expected();
    let on_disk: BTreeSet<String> = std::fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.json" && !name.ends_with(".py"))
        .collect();
    let listed: BTreeSet<String> = expected.keys().cloned().collect();
    assert_eq!(on_disk, listed, "every file has an expected outcome");
    assert!(listed.len() >= 30, "{} hostile files", listed.len());

    let mut everything = Vec::new();
    for (name, want) in &expected {
        let bytes = std::fs::read(folder().join(name)).unwrap();
        let password = want.get("password").and_then(Value::as_str);
        let files = import_files(name, &bytes, password);
        match want.get("files").and_then(Value::as_array) {
            Some(wanted) => {
                let names: Vec<&str> = files.iter().map(|f| &*f.name).collect();
                assert_eq!(files.len(), wanted.len(), "{name}: {names:?}");
                for (file, want) in files.iter().zip(wanted) {
                    check_outcome(&format!("{name} → {}", file.name), file, want);
                }
            }
            None => {
                assert_eq!(files.len(), 1, "{name}");
                assert_eq!(&*files[0].name, name.as_str());
                check_outcome(name, &files[0], want);
            }
        }
        everything.extend(files);
    }
    // All of it analysed together, as if dropped at once, and exported: nothing panics and no
    // exported cell is a formula.
    let report = analyse(&everything);
    assert_eq!(report.files.len(), everything.len());
    for lang in [Lang::Zh, Lang::En] {
        let csv = findings_csv(&report, lang);
        let body = csv.strip_prefix('\u{feff}').unwrap();
        for record in csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
        {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(FORMULA_PREFIXES), "{cell:?}");
            }
        }
    }
}

#[test]
fn injected_names_are_read_as_plain_text() {
    let bytes = std::fs::read(folder().join("injection.csv")).unwrap();
    let files = import_files("injection.csv", &bytes, None);
    let file = &files[0];
    let names: BTreeSet<&str> = file
        .transactions
        .iter()
        .map(|t| t.counterparty.as_str())
        .collect();
    // Read exactly as written, apart from the padding every reader trims.
    for name in [
        "<img src=x onerror=alert(1)>",
        "</script><script>alert(2)</script>",
        "=HYPERLINK(\"http://x\",\"y\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "evil\u{202e}gnp.exe",
        "TAB-prefixed",
        "CR-prefixed",
    ] {
        assert!(names.contains(name), "{name:?} not in {names:?}");
    }
    // The names charged monthly at one price are streams, with the names kept as they are.
    let report = analyse(&files);
    for name in [
        "<img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://x\",\"y\")",
        "evil\u{202e}gnp.exe",
    ] {
        let stream = report
            .streams
            .iter()
            .find(|s| s.counterparty == name)
            .unwrap_or_else(|| panic!("no stream for {name:?}"));
        assert_eq!(stream.occurrences, 6, "{name:?}");
    }
    // In the exported CSV the formula is text and the override is visible.
    let csv = findings_csv(&report, Lang::En);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("evil[U+202E]gnp.exe"), "{csv}");
    assert!(!csv.contains('\u{202e}'));
}

/// One file built in memory and the error reading it must give (`None`: read, with no rows).
/// How long each takes is printed, not asserted: speed belongs in the benchmarks, and the
/// fuzzers' per-input timeout is what catches a reader that hangs.
struct Built {
    name: &'static str,
    bytes: Vec<u8>,
    error: Option<&'static str>,
}

/// A zip written entry by entry from already-deflated data, so archives that unpack to
/// hundreds of megabytes are built without compressing that much.
fn raw_zip(entries: &[(String, &[u8], u32, u64)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, packed, crc, size) in entries {
        let offset = out.len() as u32;
        let method: u16 = if packed.len() as u64 == *size { 0 } else { 8 };
        let header = |signature: u32, central_entry: bool| {
            let mut h = Vec::new();
            h.extend(signature.to_le_bytes());
            if central_entry {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(method.to_le_bytes());
            h.extend([0u8; 4]);
            h.extend(crc.to_le_bytes());
            h.extend((packed.len() as u32).to_le_bytes());
            h.extend((*size as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central_entry {
                // Comment length, disk, internal and external attributes.
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(packed);
        central.extend(header(0x0201_4b50, true));
    }
    let central_offset = out.len() as u32;
    let count = entries.len() as u16;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(central_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// `size` zero bytes, deflated, with their CRC-32.
fn deflated_zeros(size: usize) -> (Vec<u8>, u32) {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("z", options).unwrap();
    writer.write_all(&vec![0u8; size]).unwrap();
    let zip = writer.finish().unwrap().into_inner();
    // Take the packed data and the CRC back out of the one-entry archive's local header.
    let crc = u32::from_le_bytes(zip[14..18].try_into().unwrap());
    let packed_len = u32::from_le_bytes(zip[18..22].try_into().unwrap()) as usize;
    let name_len = u16::from_le_bytes(zip[26..28].try_into().unwrap()) as usize;
    let extra_len = u16::from_le_bytes(zip[28..30].try_into().unwrap()) as usize;
    let start = 30 + name_len + extra_len;
    (zip[start..start + packed_len].to_vec(), crc)
}

fn built_files() -> Vec<Built> {
    let mut cases = Vec::new();

    // 20 MB on one line, no line break: not a statement, and said quickly.
    let line: Vec<u8> = b"2026-01-01,12.50,"
        .iter()
        .copied()
        .cycle()
        .take(20 * 1024 * 1024)
        .collect();
    cases.push(Built {
        name: "one_line_20mb.csv",
        bytes: line,
        error: Some("unknown_format"),
    });

    // CAMT.053 nested 200,000 elements deep: refused at the depth limit, without recursion.
    let depth = 200_000;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n");
    xml.push_str(&"<Stmt>".repeat(depth));
    xml.push_str(&"</Stmt>".repeat(depth));
    xml.push_str("</Document>\n");
    cases.push(Built {
        name: "deep_200k.xml",
        bytes: xml.into_bytes(),
        error: Some("xml_too_deep"),
    });

    // OFX opened 200,000 levels deep and never closed: OFX is read tag by tag, as its SGML
    // form requires, so depth costs nothing; there are no transactions in it.
    let mut ofx =
        String::from("<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"220\"?>\n<OFX>");
    ofx.push_str(&"<BANKMSGSRSV1>".repeat(depth));
    cases.push(Built {
        name: "deep_200k.ofx",
        bytes: ofx.into_bytes(),
        error: None,
    });

    // Entries of 1 MB of zeros each (under the ratio's free allowance), together past the
    // 100 MB an archive may unpack to.
    let (packed, crc) = deflated_zeros(RATIO_FREE_BYTES as usize);
    let count = (MAX_FILE_BYTES / RATIO_FREE_BYTES + 1) as usize;
    let entries: Vec<(String, &[u8], u32, u64)> = (0..count)
        .map(|i| {
            (
                format!("part{i:03}.csv"),
                packed.as_slice(),
                crc,
                RATIO_FREE_BYTES,
            )
        })
        .collect();
    cases.push(Built {
        name: "bomb_total.zip",
        bytes: raw_zip(&entries),
        error: Some("zip_bomb"),
    });

    // One entry inflating 16 MB from a few kilobytes: past 200:1.
    let (packed, crc) = deflated_zeros(16 * 1024 * 1024);
    assert!((packed.len() as u64) * MAX_RATIO < 16 * 1024 * 1024);
    cases.push(Built {
        name: "bomb_ratio.zip",
        bytes: raw_zip(&[("bomb.csv".to_string(), packed.as_slice(), crc, 16 << 20)]),
        error: Some("zip_bomb"),
    });

    // More entries than an archive may list.
    let tiny = b"x";
    let crc = 0x8cdc_1683; // CRC-32 of "x"
    let entries: Vec<(String, &[u8], u32, u64)> = (0..=MAX_ENTRIES)
        .map(|i| (format!("{i}.csv"), tiny.as_slice(), crc, 1))
        .collect();
    cases.push(Built {
        name: "many_entries.zip",
        bytes: raw_zip(&entries),
        error: Some("zip_bomb"),
    });

    // Just over the size limit.
    cases.push(Built {
        name: "too_large.csv",
        bytes: vec![b'a'; MAX_FILE_BYTES as usize + 1],
        error: Some("too_large"),
    });
    cases
}

#[test]
fn files_past_the_limits_are_refused_with_a_message() {
    for case in built_files() {
        let started = Instant::now();
        let files = import_files(case.name, &case.bytes, None);
        let took = started.elapsed();
        assert_eq!(files.len(), 1, "{}", case.name);
        let file = &files[0];
        assert_eq!(
            file.error.as_ref().map(|e| e.code()),
            case.error,
            "{}: {:?}",
            case.name,
            file.error
        );
        assert!(file.transactions.is_empty(), "{}", case.name);
        check_messages(file);
        println!("{}: {took:?}", case.name);
    }
}

#[test]
fn limit_messages_state_the_limit() {
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "too_large.csv",
            vec![b'a'; MAX_FILE_BYTES as usize + 1],
            "the limit is 100 MB",
            "上限为 100 MB",
        ),
        (
            "deep.xml",
            format!(
                "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">{}",
                "<a>".repeat(100)
            )
            .into_bytes(),
            "64 levels",
            "超过 64 层",
        ),
    ];
    for (name, bytes, en, zh) in cases {
        let file = &import_files(name, &bytes, None)[0];
        let error = file.error.as_ref().expect(name);
        assert!(
            error.message(Lang::En).contains(en),
            "{}",
            error.message(Lang::En)
        );
        assert!(
            error.message(Lang::Zh).contains(zh),
            "{}",
            error.message(Lang::Zh)
        );
    }
    let bomb = std::fs::read(folder().join("zip_bomb.zip")).unwrap();
    let file = &import_files("zip_bomb.zip", &bomb, None)[0];
    let error = file.error.as_ref().unwrap();
    assert!(error.message(Lang::En).contains("200:1"));
    assert!(error.message(Lang::Zh).contains("200:1"));
}
