//! ZIP archives: statements that arrive zipped, often with a password (Alipay and WeChat Pay send
//! e-mailed exports as encrypted zips). Both the traditional ZipCrypto and AES encryption open
//! with the password the user types; the password is used for that one call and kept nowhere.
//!
//! Every statement inside is read with [`import_file`] under its own base name. Folders,
//! `__MACOSX/` resource forks and dot-files are passed over. Names written in GBK/GB18030 without
//! the UTF-8 flag (Windows zip tools in China) are decoded from their raw bytes.
//!
//! Unpacking is bounded whatever the archive declares: all entries together may not expand past
//! [`MAX_FILE_BYTES`], one entry may not expand more than [`MAX_RATIO`] times its compressed size
//! (beyond a first [`RATIO_FREE_BYTES`]), and an archive may hold at most [`MAX_ENTRIES`] entries.
//! Data is read through a reader that stops at the limit, so a lying header cannot blow it up.

use std::io::{self, Cursor, Read, Write};
use std::sync::Arc;

use encoding_rs::GB18030;
use zip::result::ZipError;
use zip::ZipArchive;

use super::error::{ArchiveLimit, ImportError, ImportErrorKind};
use super::sniff::sniff_bytes;
use super::{base_name, import_file, ImportedFile, MAX_FILE_BYTES};

/// The most entries (files and folders) an archive may list.
pub const MAX_ENTRIES: usize = 1000;

/// The most one entry may expand relative to its compressed size. Statement CSVs compress about
/// tenfold; deflate cannot exceed about 1032:1, which only crafted data reaches.
pub const MAX_RATIO: u64 = 200;

/// Output an entry may produce before [`MAX_RATIO`] applies: small files of repeated bytes
/// compress far better than 200:1 and are harmless.
pub const RATIO_FREE_BYTES: u64 = 1024 * 1024;

/// The bit of a zip entry's flags that says its name is UTF-8 (APPNOTE 4.4.4, bit 11).
const UTF8_NAME_FLAG: u16 = 0x0800;

/// Whether the bytes start like a zip archive (an XLSX workbook is one too).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether a zip is an Office Open XML workbook (XLSX): `[Content_Types].xml` and an `xl/` part.
pub fn is_workbook(bytes: &[u8]) -> bool {
    let Ok(archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let mut types = false;
    let mut sheet_part = false;
    for name in archive.file_names_raw() {
        types |= name == b"[Content_Types].xml";
        sheet_part |= name.starts_with(b"xl/");
    }
    types && sheet_part
}

/// Reads every statement in `bytes`. A file that is not a zip (or is an XLSX workbook) is read
/// as it is: `vec![import_file(name, bytes)]`. A zip gives one [`ImportedFile`] per statement
/// inside, named after the entry; an archive that cannot be opened (password required or wrong,
/// damaged, too large when unpacked, nothing inside) gives one failed file named after the zip.
pub fn import_files(name: &str, bytes: &[u8], password: Option<&str>) -> Vec<ImportedFile> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES || !is_zip(bytes) || is_workbook(bytes) {
        return vec![import_file(name, bytes)];
    }
    match import_archive(bytes, password) {
        Ok(files) => files,
        Err(error) => vec![ImportedFile::failed(
            Arc::from(base_name(name)),
            size,
            unopened(bytes, error),
        )],
    }
}

/// The error for a zip that could not be opened. One that names workbook parts (`xl/`) near its
/// start is a cut-off or damaged spreadsheet to the user, not an archive.
fn unopened(bytes: &[u8], error: ImportError) -> ImportError {
    match error.kind {
        ImportErrorKind::DamagedArchive { detail } if sniff_bytes(bytes) == Some("xlsx") => {
            ImportError::new(ImportErrorKind::BadSpreadsheet { detail })
        }
        kind => ImportError {
            kind,
            line: error.line,
        },
    }
}

/// What [`import_file`] does with a zip that is not a workbook: the one statement inside when
/// there is exactly one and no password is needed, otherwise an error named after the zip.
pub(crate) fn import_single(name: Arc<str>, bytes: &[u8]) -> ImportedFile {
    let size = bytes.len() as u64;
    match import_archive(bytes, None) {
        Ok(mut files) if files.len() == 1 => files.pop().expect("one file"),
        Ok(files) => {
            let count = u32::try_from(files.len()).unwrap_or(u32::MAX);
            let error = ImportError::new(ImportErrorKind::SeveralStatements { count });
            ImportedFile::failed(name, size, error)
        }
        Err(error) => ImportedFile::failed(name, size, unopened(bytes, error)),
    }
}

/// Unpacks the archive and reads each statement in it.
fn import_archive(bytes: &[u8], password: Option<&str>) -> Result<Vec<ImportedFile>, ImportError> {
    let entries = extract(bytes, password)?;
    Ok(entries
        .into_iter()
        .map(|entry| {
            if is_zip(&entry.bytes) && !is_workbook(&entry.bytes) {
                // Not opened: a zip that holds itself would otherwise never end.
                let size = entry.bytes.len() as u64;
                let error = ImportError::new(ImportErrorKind::NestedArchive);
                ImportedFile::failed(Arc::from(entry.name.as_str()), size, error)
            } else {
                import_file(&entry.name, &entry.bytes)
            }
        })
        .collect())
}

/// Checks that every part of a workbook unpacks within the limits, before a spreadsheet reader
/// inflates it for real.
pub fn check_workbook(bytes: &[u8]) -> Result<(), ImportError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > MAX_ENTRIES {
        return Err(bomb(ArchiveLimit::Entries {
            limit: MAX_ENTRIES as u64,
        }));
    }
    let mut budget = MAX_FILE_BYTES;
    for index in 0..archive.len() {
        let file = archive.by_index(index).map_err(open_error)?;
        let compressed = file.compressed_size().min(bytes.len() as u64);
        drain(file, compressed, &mut budget, &mut io::sink()).map_err(|fail| match fail {
            ReadFail::Limit(limit) => bomb(limit),
            ReadFail::Io(error) => damaged(error),
        })?;
    }
    Ok(())
}

/// One statement file taken out of an archive.
struct Entry {
    /// Its base name, decoded.
    name: String,
    /// Its unpacked bytes.
    bytes: Vec<u8>,
}

/// Takes every statement entry out of the archive, within the limits.
fn extract(bytes: &[u8], password: Option<&str>) -> Result<Vec<Entry>, ImportError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > MAX_ENTRIES {
        return Err(bomb(ArchiveLimit::Entries {
            limit: MAX_ENTRIES as u64,
        }));
    }
    let password = password.filter(|p| !p.is_empty());

    // First decide what to read, so that a missing password is reported before any work.
    let mut wanted = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index_data(index).map_err(damaged)?;
        let utf8 = entry.flags().as_u16() & UTF8_NAME_FLAG != 0;
        let path = entry_name(entry.name_raw(), utf8);
        if !is_statement_entry(&path, entry.is_dir()) {
            continue;
        }
        if entry.encrypted() && password.is_none() {
            return Err(ImportError::new(ImportErrorKind::PasswordRequired));
        }
        let compressed = entry.compressed_size().min(bytes.len() as u64);
        wanted.push((index, path, entry.encrypted(), compressed));
    }
    if wanted.is_empty() {
        return Err(ImportError::new(ImportErrorKind::NoStatement));
    }

    let mut budget = MAX_FILE_BYTES;
    let mut entries = Vec::with_capacity(wanted.len());
    for (index, path, encrypted, compressed) in wanted {
        let file = match (encrypted, password) {
            (true, Some(password)) => archive.by_index_decrypt(index, password.as_bytes()),
            _ => archive.by_index(index),
        }
        .map_err(open_error)?;
        let mut data = Vec::new();
        drain(file, compressed, &mut budget, &mut data).map_err(|fail| match fail {
            ReadFail::Limit(limit) => bomb(limit),
            // A wrong password can pass the quick check (1 in 256 for ZipCrypto) and then
            // fails as garbage: a bad checksum or a broken deflate stream.
            ReadFail::Io(_) if encrypted => ImportError::new(ImportErrorKind::WrongPassword),
            ReadFail::Io(error) => damaged(error),
        })?;
        entries.push(Entry {
            name: base_name(&path).to_string(),
            bytes: data,
        });
    }
    Ok(entries)
}

/// Why reading an entry stopped.
enum ReadFail {
    /// A limit was reached.
    Limit(ArchiveLimit),
    /// The data could not be read (or decrypted, or inflated).
    Io(io::Error),
}

/// Copies one entry into `out`, stopping one byte past what the limits allow, and charges what
/// it produced to `budget`.
fn drain(
    reader: impl Read,
    compressed: u64,
    budget: &mut u64,
    out: &mut impl Write,
) -> Result<(), ReadFail> {
    let by_ratio = compressed.saturating_mul(MAX_RATIO).max(RATIO_FREE_BYTES);
    let cap = by_ratio.min(*budget);
    let copied = io::copy(&mut reader.take(cap + 1), out).map_err(ReadFail::Io)?;
    if copied > cap {
        return Err(ReadFail::Limit(if by_ratio < *budget {
            ArchiveLimit::Ratio { ratio: MAX_RATIO }
        } else {
            ArchiveLimit::TotalBytes {
                limit: MAX_FILE_BYTES,
            }
        }));
    }
    *budget -= copied;
    Ok(())
}

/// An entry's path: UTF-8 when flagged or valid as such, else GB18030 (GBK), else each byte as
/// the character of the same code point.
fn entry_name(raw: &[u8], utf8_flag: bool) -> String {
    if utf8_flag {
        return String::from_utf8_lossy(raw).into_owned();
    }
    if let Ok(text) = std::str::from_utf8(raw) {
        return text.to_string();
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(raw);
    if !had_errors {
        return text.into_owned();
    }
    raw.iter().map(|&b| char::from(b)).collect()
}

/// Whether an entry can be a statement: a file, not in `__MACOSX/`, not a dot-file.
fn is_statement_entry(path: &str, is_dir: bool) -> bool {
    if is_dir || path.ends_with(['/', '\\']) {
        return false;
    }
    if path.split(['/', '\\']).any(|part| part == "__MACOSX") {
        return false;
    }
    let base = base_name(path);
    !base.is_empty() && !base.starts_with('.')
}

fn bomb(limit: ArchiveLimit) -> ImportError {
    ImportError::new(ImportErrorKind::ZipBomb { limit })
}

fn damaged(error: impl std::fmt::Display) -> ImportError {
    ImportError::new(ImportErrorKind::DamagedArchive {
        detail: error.to_string(),
    })
}

/// The error of opening one entry.
fn open_error(error: ZipError) -> ImportError {
    match error {
        ZipError::InvalidPassword => ImportError::new(ImportErrorKind::WrongPassword),
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => {
            ImportError::new(ImportErrorKind::PasswordRequired)
        }
        other => damaged(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_entry_names() {
        let gbk = GB18030.encode("账单/微信支付账单.csv").0.into_owned();
        let cases: Vec<(Vec<u8>, bool, &str)> = vec![
            (b"alipay.csv".to_vec(), false, "alipay.csv"),
            ("支付宝.csv".as_bytes().to_vec(), true, "支付宝.csv"),
            ("支付宝.csv".as_bytes().to_vec(), false, "支付宝.csv"),
            (gbk, false, "账单/微信支付账单.csv"),
            (vec![0x80, 0xff, b'a'], false, "\u{80}\u{ff}a"),
        ];
        for (raw, flag, name) in cases {
            assert_eq!(entry_name(&raw, flag), name, "{raw:?}");
        }
    }

    #[test]
    fn picks_statement_entries() {
        for (path, is_dir, wanted) in [
            ("a.csv", false, true),
            ("账单/a.csv", false, true),
            ("账单/", true, false),
            ("账单/", false, false),
            ("__MACOSX/._a.csv", false, false),
            ("x/__MACOSX/a.csv", false, false),
            (".DS_Store", false, false),
            ("dir/.hidden.csv", false, false),
        ] {
            assert_eq!(is_statement_entry(path, is_dir), wanted, "{path}");
        }
    }

    #[test]
    fn stops_reading_at_the_limits() {
        let zeros = vec![0u8; 3 * 1024 * 1024];
        let mut budget = MAX_FILE_BYTES;
        let result = drain(&zeros[..], 1000, &mut budget, &mut io::sink());
        assert!(matches!(
            result,
            Err(ReadFail::Limit(ArchiveLimit::Ratio { .. }))
        ));

        let mut budget = 10;
        let result = drain(&zeros[..], zeros.len() as u64, &mut budget, &mut io::sink());
        assert!(matches!(
            result,
            Err(ReadFail::Limit(ArchiveLimit::TotalBytes { .. }))
        ));

        let mut budget = MAX_FILE_BYTES;
        let mut out = Vec::new();
        drain(&zeros[..100], 100, &mut budget, &mut out)
            .ok()
            .unwrap();
        assert_eq!(out.len(), 100);
        assert_eq!(budget, MAX_FILE_BYTES - 100);
    }
}
