//! Zip archives, plain and password-protected (ZipCrypto and AES), built here with the zip crate's
//! writer: what comes out, what is passed over, and what is refused.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Cursor, Write};
use std::path::Path;

use statement_checker::import::{import_file, import_files, Format, ImportedFile};
use zip::unstable::write::FileOptionsExt;
use zip::write::SimpleFileOptions;
use zip::{AesMode, CompressionMethod, ZipWriter};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const PASSWORD: &str = "123456";

/// How an entry is stored.
#[derive(Clone, Copy)]
enum Lock {
    None,
    ZipCrypto,
    Aes128,
    Aes256,
}

/// A directory entry (name ends with `/`) or a file entry.
fn zip_of(entries: &[(&str, &[u8])], lock: Lock) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in entries {
        if name.ends_with('/') {
            writer
                .add_directory(*name, SimpleFileOptions::default())
                .unwrap();
            continue;
        }
        let plain = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let options = match lock {
            Lock::None => plain,
            Lock::ZipCrypto => plain
                .with_deprecated_encryption(PASSWORD.as_bytes())
                .unwrap(),
            Lock::Aes128 => plain.with_aes_encryption(AesMode::Aes128, PASSWORD),
            Lock::Aes256 => plain.with_aes_encryption(AesMode::Aes256, PASSWORD),
        };
        writer.start_file(*name, options).unwrap();
        writer.write_all(body).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A small WeChat Pay CSV with `rows` rows.
fn wechat_csv(rows: usize) -> Vec<u8> {
    let mut text = String::from("\u{feff}微信支付账单明细,,,,,,,,,,\n----------------------微信支付账单明细列表--------------------,,,,,,,,,,\n交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n");
    for n in 0..rows {
        text.push_str(&format!(
            "2026-01-{:02} 10:00:00,商户消费,罗森,\"饭团\",支出,¥{}.50,零钱,支付成功,42000{n}\t,T{n}\t,\"/\"\n",
            n % 28 + 1,
            n + 1
        ));
    }
    text.into_bytes()
}

fn codes(files: &[ImportedFile]) -> Vec<(String, Option<&'static str>, usize)> {
    files
        .iter()
        .map(|f| {
            (
                f.name.to_string(),
                f.error.as_ref().map(|e| e.code()),
                f.transactions.len(),
            )
        })
        .collect()
}

#[test]
fn reads_every_statement_inside() {
    let alipay = fixture("generated/p12_00_alipay.csv");
    let xlsx = fixture("generated/p12_06_wechat_xlsx.xlsx");
    let csv = wechat_csv(3);
    let zip = zip_of(
        &[
            ("账单/", b""),
            ("账单/支付宝交易明细(20250101-20251231).csv", &alipay),
            ("账单/微信支付账单.xlsx", &xlsx),
            ("wechat.csv", &csv),
            ("__MACOSX/账单/._wechat.csv", b"\0\x05\x16\x07"),
            (".DS_Store", b"\0\0\0\x01Bud1"),
        ],
        Lock::None,
    );
    let files = import_files("statements.zip", &zip, None);
    assert_eq!(
        codes(&files),
        vec![
            (
                "支付宝交易明细(20250101-20251231).csv".to_string(),
                None,
                504
            ),
            ("微信支付账单.xlsx".to_string(), None, 322),
            ("wechat.csv".to_string(), None, 3),
        ]
    );
    assert_eq!(files[0].format, Some(Format::Alipay));
    assert_eq!(files[1].format, Some(Format::WechatXlsx));
    assert_eq!(files[2].format, Some(Format::WechatCsv));
    assert_eq!(&*files[2].transactions[0].source.file, "wechat.csv");
    assert_eq!(files[2].bytes, csv.len() as u64);

    // The same archive through import_file: several statements cannot become one file.
    let file = import_file("statements.zip", &zip);
    assert_eq!(&*file.name, "statements.zip");
    assert_eq!(file.error.map(|e| e.code()), Some("several_statements"));
}

#[test]
fn a_single_statement_zip_reads_like_the_statement() {
    let csv = wechat_csv(5);
    let zip = zip_of(&[("dir/", b""), ("dir/wechat.csv", &csv)], Lock::None);
    let direct = import_file("wechat.csv", &csv);
    let via_file = import_file("a.zip", &zip);
    assert_eq!(via_file, direct);
    assert_eq!(import_files("a.zip", &zip, None), vec![direct.clone()]);
    // A password given for an archive that needs none is not in the way.
    assert_eq!(import_files("a.zip", &zip, Some(PASSWORD)), vec![direct]);
}

#[test]
fn files_that_are_not_zips_pass_through() {
    for (name, bytes) in [
        ("w.csv", wechat_csv(2)),
        ("w.xlsx", fixture("generated/p11_06_wechat_xlsx.xlsx")),
        ("x.bin", b"\x89PNG\r\n\x1a\n\0\0".to_vec()),
    ] {
        assert_eq!(
            import_files(name, &bytes, None),
            vec![import_file(name, &bytes)]
        );
    }
}

#[test]
fn encrypted_archives_need_the_right_password() {
    let csv = wechat_csv(4);
    for (what, lock) in [
        ("ZipCrypto", Lock::ZipCrypto),
        ("AES-128", Lock::Aes128),
        ("AES-256", Lock::Aes256),
    ] {
        let zip = zip_of(&[("微信支付账单.csv", &csv)], lock);
        let cases: &[(Option<&str>, Option<&str>, usize)] = &[
            (None, Some("password_required"), 0),
            (Some(""), Some("password_required"), 0),
            (Some("654321"), Some("wrong_password"), 0),
            (Some("12345"), Some("wrong_password"), 0),
            (Some(PASSWORD), None, 4),
        ];
        for (password, code, rows) in cases {
            let files = import_files("bill.zip", &zip, *password);
            assert_eq!(files.len(), 1, "{what} {password:?}");
            let file = &files[0];
            assert_eq!(
                file.error.as_ref().map(|e| e.code()),
                *code,
                "{what} {password:?}"
            );
            assert_eq!(file.transactions.len(), *rows, "{what} {password:?}");
            let expected_name = if code.is_some() {
                "bill.zip"
            } else {
                "微信支付账单.csv"
            };
            assert_eq!(&*file.name, expected_name, "{what}");
            // The password is kept nowhere in what comes back.
            let dump = format!("{files:?}{}", serde_json::to_string(&files).unwrap());
            assert!(!dump.contains(PASSWORD), "{what}: password leaked");
        }
        let file = import_file("bill.zip", &zip);
        assert_eq!(
            file.error.map(|e| e.code()),
            Some("password_required"),
            "{what}"
        );
    }
}

/// Replaces every occurrence of `from` with `to` (same length) in `bytes`.
fn patch(bytes: &mut [u8], from: &[u8], to: &[u8]) -> usize {
    assert_eq!(from.len(), to.len());
    let mut count = 0;
    let mut i = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            count += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    count
}

#[test]
fn gbk_entry_names_without_the_utf8_flag() {
    let csv = wechat_csv(1);
    let cases = [
        "微信支付账单(20260101-20260131).csv",
        "账单/2026年/微信支付账单.csv",
        "支付宝交易明细.csv",
    ];
    for name in cases {
        let gbk = encoding_rs::GBK.encode(name).0.into_owned();
        // An ASCII stand-in of the same length, so the writer sets no UTF-8 flag; then the
        // name bytes are swapped for GBK in the local and central headers.
        let stand_in: String = gbk
            .iter()
            .map(|&b| if b.is_ascii() { b as char } else { 'Q' })
            .collect();
        let mut zip = zip_of(&[(stand_in.as_str(), &csv)], Lock::None);
        assert_eq!(patch(&mut zip, stand_in.as_bytes(), &gbk), 2, "{name}");
        let files = import_files("gbk.zip", &zip, None);
        let base = name.rsplit('/').next().unwrap();
        assert_eq!(codes(&files), vec![(base.to_string(), None, 1)], "{name}");
    }
    // UTF-8 names (flagged by the writer) come out as they are.
    let zip = zip_of(&[("账单/支付宝交易明细.csv", &csv)], Lock::None);
    let files = import_files("utf8.zip", &zip, None);
    assert_eq!(&*files[0].name, "支付宝交易明细.csv");
}

#[test]
fn archives_with_nothing_to_read() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("no entries", zip_of(&[], Lock::None)),
        (
            "folders and hidden files only",
            zip_of(
                &[
                    ("a/", b""),
                    ("a/b/", b""),
                    ("__MACOSX/a/._x.csv", b"x"),
                    ("a/.hidden", b"x"),
                ],
                Lock::None,
            ),
        ),
    ];
    for (what, zip) in cases {
        let files = import_files("empty.zip", &zip, None);
        assert_eq!(
            codes(&files),
            vec![("empty.zip".to_string(), Some("no_statement"), 0)],
            "{what}"
        );
        assert_eq!(
            import_file("empty.zip", &zip).error.map(|e| e.code()),
            Some("no_statement"),
            "{what}"
        );
    }
}

#[test]
fn damaged_archives_say_so() {
    let csv = wechat_csv(50);
    let zip = zip_of(&[("w.csv", &csv)], Lock::None);

    // Cut off before the central directory.
    let cut = &zip[..zip.len() - 30];
    let files = import_files("cut.zip", cut, None);
    assert_eq!(
        codes(&files),
        vec![("cut.zip".to_string(), Some("damaged_archive"), 0)]
    );

    // Compressed data scrambled: the checksum or the inflater catches it.
    let mut scrambled = zip.clone();
    for byte in &mut scrambled[60..120] {
        *byte ^= 0xa5;
    }
    let files = import_files("bad.zip", &scrambled, None);
    assert_eq!(
        codes(&files),
        vec![("bad.zip".to_string(), Some("damaged_archive"), 0)]
    );

    // Only the signature.
    let files = import_files("sig.zip", b"PK\x03\x04", None);
    assert_eq!(
        files[0].error.as_ref().map(|e| e.code()),
        Some("damaged_archive")
    );
}

#[test]
fn zip_bombs_are_refused() {
    // One entry of zeros far past the allowed ratio.
    let zeros = vec![0u8; 4 * 1024 * 1024];
    let zip = zip_of(&[("bomb.csv", &zeros)], Lock::None);
    assert!(zip.len() < 100_000);
    let files = import_files("bomb.zip", &zip, None);
    assert_eq!(
        codes(&files),
        vec![("bomb.zip".to_string(), Some("zip_bomb"), 0)]
    );
    let error = files[0].error.as_ref().unwrap();
    assert!(format!("{error:?}").contains("Ratio"), "{error:?}");
    assert_eq!(
        import_file("bomb.zip", &zip).error.map(|e| e.code()),
        Some("zip_bomb")
    );

    // The same entry whose headers claim it is tiny: the reader is bounded all the same.
    let mut liar = zip.clone();
    let real = (zeros.len() as u32).to_le_bytes();
    assert!(patch(&mut liar, &real, &100u32.to_le_bytes()) >= 1);
    let files = import_files("liar.zip", &liar, None);
    assert!(
        matches!(
            files[0].error.as_ref().map(|e| e.code()),
            Some("zip_bomb") | Some("damaged_archive")
        ),
        "{:?}",
        codes(&files)
    );
    assert!(files.iter().all(|f| f.transactions.is_empty()));

    // Many small entries, each allowed alone, together more than a file may be. The entry is
    // compressed once and its compressed data copied, which keeps the test fast.
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    writer.start_file("part0.csv", options).unwrap();
    writer.write_all(&vec![b'0'; 1024 * 1024]).unwrap();
    for n in 1..101 {
        writer
            .deep_copy_file("part0.csv", &format!("part{n}.csv"))
            .unwrap();
    }
    let zip = writer.finish().unwrap().into_inner();
    let files = import_files("parts.zip", &zip, None);
    assert_eq!(files.len(), 1);
    let error = files[0].error.as_ref().expect("too large");
    assert_eq!(error.code(), "zip_bomb");
    assert!(format!("{error:?}").contains("TotalBytes"), "{error:?}");
}

#[test]
fn many_entries() {
    let csv = wechat_csv(1);
    // Fifty statements are fine.
    let names: Vec<String> = (0..50).map(|n| format!("m{n:02}.csv")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &csv[..])).collect();
    let files = import_files("fifty.zip", &entries_zip(&entries), None);
    assert_eq!(files.len(), 50);
    assert!(files
        .iter()
        .all(|f| f.error.is_none() && f.transactions.len() == 1));
    assert_eq!(&*files[49].name, "m49.csv");

    // More entries than any export holds.
    let names: Vec<String> = (0..1001).map(|n| format!("e{n}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let files = import_files("many.zip", &entries_zip(&entries), None);
    assert_eq!(
        codes(&files),
        vec![("many.zip".to_string(), Some("zip_bomb"), 0)]
    );
}

fn entries_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_of(entries, Lock::None)
}

#[test]
fn archives_inside_archives_are_not_opened() {
    let csv = wechat_csv(2);
    let inner = zip_of(&[("inner.csv", &csv)], Lock::None);
    let outer = zip_of(&[("inner.zip", &inner), ("outer.csv", &csv)], Lock::None);
    let files = import_files("outer.zip", &outer, None);
    assert_eq!(
        codes(&files),
        vec![
            ("inner.zip".to_string(), Some("nested_archive"), 0),
            ("outer.csv".to_string(), None, 2),
        ]
    );
    // A zip holding only a zip, through import_file, does not recurse either.
    let only = zip_of(&[("inner.zip", &inner)], Lock::None);
    let file = import_file("only.zip", &only);
    assert_eq!(file.error.map(|e| e.code()), Some("nested_archive"));
}

#[test]
fn error_messages_speak_both_languages() {
    use statement_checker::lang::{Lang, Localized};
    let zip = zip_of(&[("w.csv", &wechat_csv(1))], Lock::Aes256);
    for (password, zh, en) in [
        (None, "密码", "password"),
        (Some("nope"), "密码", "password"),
    ] {
        let files = import_files("w.zip", &zip, password);
        let error = files[0].error.as_ref().unwrap();
        assert!(error.message(Lang::Zh).contains(zh));
        assert!(error.message(Lang::En).contains(en));
    }
    let bomb = zip_of(&[("b.csv", &vec![0u8; 4 << 20])], Lock::None);
    let error = import_files("b.zip", &bomb, None)[0].error.clone().unwrap();
    assert!(error.message(Lang::Zh).contains("200:1"));
    assert!(error.message(Lang::En).contains("200:1"));
}
