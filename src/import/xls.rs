//! Bank statements in spreadsheets: old binary Excel workbooks (`.xls`, BIFF8 — CCB 交易明细,
//! CITIC 本期账单明细, SPDB, BOCOM, CIB) and, for banks, `.xlsx` workbooks that are not WeChat Pay's.
//!
//! Every sheet becomes a grid of text cells with real 1-based sheet row numbers (a used range that
//! does not start at A1 keeps its place). Numbers are turned into exact decimal text: calamine
//! hands them over as `f64`, so an amount like `12.3` arrives as the nearest binary fraction; it is
//! written back as the shortest decimal that round-trips, and one that is within a millionth of a
//! whole cent is written as that cent. The grid then goes to the bank layouts, and failing those
//! to the generic reader.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Range, Reader, Xls, Xlsx};

use super::error::{ImportError, ImportErrorKind};
use super::{bank, compound, finish, generic, Format, ImportedFile};

/// One worksheet as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Its rows: 1-based sheet row number and the cells as text (column A first).
    pub rows: Vec<(u32, Vec<String>)>,
}

/// The sheets of a BIFF8 workbook.
pub fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    compound::check(bytes).map_err(bad)?;
    guarded(|| {
        let mut workbook = Xls::new(Cursor::new(bytes)).map_err(bad)?;
        Ok(sheets_of(&mut workbook))
    })
}

/// The sheets of an XLSX workbook.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    guarded(|| {
        let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
        Ok(sheets_of(&mut workbook))
    })
}

/// Runs a workbook reader so that a panic inside it (on a damaged file) becomes an error where
/// unwinding is available.
fn guarded(
    read: impl FnOnce() -> Result<Vec<Sheet>, ImportError>,
) -> Result<Vec<Sheet>, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(ImportError::new(ImportErrorKind::BadSpreadsheet {
            detail: "the workbook structure is inconsistent".to_string(),
        }))
    })
}

fn bad(error: impl std::fmt::Display) -> ImportError {
    ImportError::new(ImportErrorKind::BadSpreadsheet {
        detail: error.to_string(),
    })
}

fn sheets_of<RS, R>(workbook: &mut R) -> Vec<Sheet>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
{
    let names = workbook.sheet_names();
    names
        .into_iter()
        .filter_map(|name| {
            let range = workbook.worksheet_range(&name).ok()?;
            Some(Sheet {
                name,
                rows: grid(&range),
            })
        })
        .collect()
}

/// A worksheet range as text rows numbered as the sheet numbers them.
pub fn grid(range: &Range<Data>) -> Vec<(u32, Vec<String>)> {
    let Some((first_row, first_col)) = range.start() else {
        return Vec::new();
    };
    let pad = first_col as usize;
    range
        .rows()
        .zip(first_row..)
        .map(|(cells, row)| {
            let mut texts = vec![String::new(); pad];
            texts.extend(cells.iter().map(cell_text));
            (row.saturating_add(1), texts)
        })
        .collect()
}

/// A cell as the text a CSV export would have: numbers exact (see [`number_text`]), dates as
/// `YYYY-MM-DD[ HH:MM:SS]`, times as `HH:MM:SS`.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            if dt.is_duration() {
                return number_text(serial);
            }
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            // Round to the nearest second: Excel stores times as fractions of a day.
            let mut seconds = u32::from(h) * 3600 + u32::from(mi) * 60 + u32::from(s);
            if ms >= 500 {
                seconds += 1;
            }
            let (h, mi, s) = (seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
            if serial < 1.0 {
                format!("{h:02}:{mi:02}:{s:02}")
            } else if serial.fract() == 0.0 {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
    }
}

/// A spreadsheet number as exact decimal text: `20250101` for whole numbers, `12.3` for 12.3, and
/// `0.3` for the 0.30000000000000004 that a sum of 0.1 and 0.2 leaves; a value with fraction
/// digits beyond a cent that is not within 1e-6 of a cent is written out in full (and then refused
/// as an amount rather than rounded).
pub fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let shortest = format!("{value}");
    let fraction_digits = shortest.split_once('.').map_or(0, |(_, f)| f.len());
    if fraction_digits <= 2 {
        return shortest;
    }
    let cents = (value * 100.0).round();
    if (value * 100.0 - cents).abs() <= 1e-6 && cents.abs() < 9.0e15 {
        // Safe: |cents| < 2^53, so the cast is exact.
        let cents = cents as i64;
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        return format!("{sign}{}.{:02}", abs / 100, abs % 100);
    }
    shortest
}

/// Reads a `.xls` workbook.
pub(super) fn import(name: Arc<str>, bytes: &[u8]) -> ImportedFile {
    let size = bytes.len() as u64;
    match read_xls(bytes) {
        Ok(sheets) => import_sheets(name, size, &sheets).unwrap_or_else(|name| {
            ImportedFile::failed(name, size, ImportError::new(ImportErrorKind::UnknownFormat))
        }),
        Err(error) => ImportedFile::failed(name, size, error),
    }
}

/// Reads an `.xlsx` workbook as a bank statement; `Err(name)` when no sheet is one (so the
/// caller can say what it would say about any other workbook).
pub(super) fn import_xlsx(name: Arc<str>, bytes: &[u8]) -> Result<ImportedFile, Arc<str>> {
    let size = bytes.len() as u64;
    match read_xlsx(bytes) {
        Ok(sheets) => import_sheets(name, size, &sheets),
        Err(_) => Err(name),
    }
}

/// The first sheet a bank layout reads, else the first the generic reader can map; `Err(name)`
/// when none.
fn import_sheets(name: Arc<str>, size: u64, sheets: &[Sheet]) -> Result<ImportedFile, Arc<str>> {
    for sheet in sheets {
        if let Some((format, parsed)) = bank::parse_grid(&name, &sheet.rows) {
            return Ok(finish(name, size, Some(format), parsed));
        }
    }
    for (index, sheet) in sheets.iter().enumerate() {
        if let Some(mut mapping) = generic::guess_grid(&sheet.rows) {
            mapping.sheet = index;
            let parsed = generic::parse_grid(&name, &sheet.rows, &mapping);
            let mut file = finish(name, size, Some(Format::GenericCsv), parsed);
            file.mapping = Some(mapping);
            return Ok(file);
        }
    }
    Err(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_numbers_exactly() {
        for (value, text) in [
            (20250101.0, "20250101"),
            (12.3, "12.3"),
            (0.1 + 0.2, "0.30"),
            (1234.56, "1234.56"),
            (-0.2, "-0.2"),
            (100.0 * 1.1, "110.00"),
            (0.001, "0.001"),
            (1e21, "1000000000000000000000"),
            (f64::NAN, ""),
        ] {
            assert_eq!(number_text(value), text, "{value}");
        }
    }

    #[test]
    fn grid_rows_keep_sheet_numbers() {
        // A used range starting at B3: rows are numbered 3 and 4, column A is empty.
        let mut range: Range<Data> = Range::new((2, 1), (3, 2));
        range.set_value((2, 1), Data::String("交易日期".into()));
        range.set_value((2, 2), Data::Float(1.5));
        range.set_value((3, 1), Data::Int(20250101));
        let rows = grid(&range);
        assert_eq!(
            rows,
            vec![
                (3, vec!["".into(), "交易日期".into(), "1.5".into()]),
                (4, vec!["".into(), "20250101".into(), "".into()]),
            ]
        );
        assert!(grid(&Range::<Data>::empty()).is_empty());
    }

    #[test]
    fn refuses_broken_workbooks_without_panicking() {
        let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        bytes.extend(std::iter::repeat_n(0xAB, 600));
        assert_eq!(read_xls(&bytes).unwrap_err().code(), "bad_spreadsheet");
        assert_eq!(read_xls(b"").unwrap_err().code(), "bad_spreadsheet");
        assert_eq!(
            read_xlsx(b"PK\x03\x04").unwrap_err().code(),
            "bad_spreadsheet"
        );
    }
}
