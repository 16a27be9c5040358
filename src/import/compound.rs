//! The compound file (OLE2 / CFB) that holds an `.xls` workbook, checked before the spreadsheet
//! reader opens it.
//!
//! calamine 0.38 trusts the file's own tables: a sector number one past the end slices out of
//! bounds, a chain of sectors that loops grows a buffer until memory runs out, a chain that
//! names a sector its allocation table does not cover indexes out of bounds. Natively a panic
//! is caught, but the browser build aborts on one and a loop never returns, so a crafted or
//! cut-off `.xls` could stop the page. [`check`] walks every table and chain calamine follows
//! when it opens a workbook (the header, the DIFAT, the FAT, the directory, the mini stream and
//! the streams it reads by name) and refuses the file, with the reason, when one of them points
//! outside the file, loops, or is larger than the file could hold. Well-formed files pass
//! untouched.

use encoding_rs::UTF_16LE;

/// The first eight bytes of every compound file.
pub const SIGNATURE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Sector numbers from here up are markers, not sectors.
const FIRST_MARKER: u32 = 0xFFFF_FFFA;
/// Marks a sector of the DIFAT in the FAT; DIFAT entries from here up list no FAT sector.
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
/// Ends a chain.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this are kept in the mini stream (calamine's test: `len < 4096`).
const MINI_STREAM_CUTOFF: u64 = 4096;
/// The size of a mini sector.
const MINI_SECTOR: u64 = 64;
/// The size of a directory entry.
const DIRECTORY_ENTRY: usize = 128;
/// The streams calamine reads when it opens a workbook.
const STREAMS_READ: [&str; 4] = [
    "\u{5}SummaryInformation",
    "\u{5}DocumentSummaryInformation",
    "Workbook",
    "Book",
];

/// Where walking a sector leads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// Not looked at yet.
    Unknown,
    /// On the path being walked now.
    OnPath,
    /// Reaches the end of its chain through whole sectors in the file, after this many sectors.
    Ends(u64),
    /// Leaves the file, meets a free or unknown marker, or loops.
    Broken,
}

/// A compound file's sectors and allocation table.
struct Sectors<'a> {
    body: &'a [u8],
    size: usize,
    count: usize,
    fat: Vec<u32>,
    walks: Vec<Walk>,
}

impl<'a> Sectors<'a> {
    fn sector(&self, id: u32) -> Result<&'a [u8], String> {
        let index = id as usize;
        if index >= self.count {
            return Err(format!("sector {id} is past the end of the file"));
        }
        Ok(&self.body[index * self.size..(index + 1) * self.size])
    }

    /// How many sectors the chain from `start` has, or why it cannot be followed.
    fn chain_length(&mut self, start: u32) -> Result<u64, String> {
        if start == END_OF_CHAIN {
            return Ok(0);
        }
        if start as usize >= self.count {
            return Err(format!(
                "a chain starts at sector {start}, outside the file"
            ));
        }
        // Each sector has one successor: walk until something known, then mark the path.
        let mut path = Vec::new();
        let mut id = start;
        let outcome = loop {
            if id == END_OF_CHAIN {
                break Walk::Ends(0);
            }
            let index = id as usize;
            if index >= self.count || index >= self.fat.len() {
                break Walk::Broken;
            }
            match self.walks[index] {
                Walk::Unknown => {}
                Walk::OnPath => break Walk::Broken,
                known => break known,
            }
            self.walks[index] = Walk::OnPath;
            path.push(index);
            id = self.fat[index];
        };
        let mut after = outcome;
        for index in path.into_iter().rev() {
            after = match after {
                Walk::Ends(n) => Walk::Ends(n + 1),
                _ => Walk::Broken,
            };
            self.walks[index] = after;
        }
        match self.walks[start as usize] {
            Walk::Ends(n) => Ok(n),
            _ => Err(format!(
                "the chain from sector {start} loops or leaves the file"
            )),
        }
    }

    /// The bytes of the chain from `start`, at most `limit` of them.
    fn chain(&mut self, start: u32, limit: u64) -> Result<Vec<u8>, String> {
        let length = self.chain_length(start)?;
        let wanted = (length * self.size as u64).min(limit);
        let mut out = Vec::with_capacity(usize::try_from(wanted).unwrap_or(0));
        let mut id = start;
        while id != END_OF_CHAIN && (out.len() as u64) < wanted {
            let sector = self.sector(id)?;
            let take = sector.len().min((wanted - out.len() as u64) as usize);
            out.extend_from_slice(&sector[..take]);
            id = self.fat[id as usize];
        }
        Ok(out)
    }
}

/// A directory entry's name (as calamine reads it), first sector and length.
fn entry(raw: &[u8], large: bool) -> Result<(String, u32, u64), String> {
    let mut name = UTF_16LE.decode(&raw[..64]).0.into_owned();
    if let Some(end) = name.bytes().position(|b| b == 0) {
        name.truncate(end);
    }
    let start = u32::from_le_bytes(raw[116..120].try_into().expect("four bytes"));
    let low = u32::from_le_bytes(raw[120..124].try_into().expect("four bytes"));
    let high = u32::from_le_bytes(raw[124..128].try_into().expect("four bytes"));
    // calamine reads a 64-bit length from 4 KiB-sector files into a `usize`, which in the
    // browser is 32 bits wide.
    if large && high != 0 {
        return Err(format!("the stream “{name}” claims more than 4 GB"));
    }
    Ok((name, start, u64::from(low)))
}

/// Checks the structures calamine follows when it opens the workbook in `bytes`; `Err` says
/// what is broken. Files that are not compound files, or whose header calamine refuses by
/// itself, pass: calamine reports those without harm.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 512 || !bytes.starts_with(SIGNATURE) {
        return Ok(());
    }
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four"));
    let size = match u16_at(30) {
        0x0009 => 512,
        0x000C => 4096,
        _ => return Ok(()),
    };
    if u16_at(32) != 0x0006 {
        return Ok(());
    }
    // A 4 KiB-sector file's header fills its whole first sector.
    let body = bytes
        .get(size..)
        .ok_or_else(|| "the file ends inside its header".to_string())?;
    let count = body.len() / size;
    let words = |raw: &[u8]| -> Vec<u32> {
        raw.chunks_exact(4)
            .map(|w| u32::from_le_bytes(w.try_into().expect("four")))
            .collect()
    };
    let mut sectors = Sectors {
        body,
        size,
        count,
        fat: Vec::new(),
        walks: vec![Walk::Unknown; count],
    };

    // The DIFAT: 109 entries in the header, then sectors chained through their last entry.
    let mut difat = words(&bytes[76..512]);
    let mut next = u32_at(68);
    let mut difat_sectors = 0;
    while next < FIRST_MARKER {
        difat_sectors += 1;
        if difat_sectors > count {
            return Err("the list of allocation-table sectors loops".to_string());
        }
        difat.extend(words(sectors.sector(next)?));
        next = difat.pop().unwrap_or(END_OF_CHAIN);
    }

    // The FAT, from the sectors the DIFAT lists: never more of them than the file has.
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFAT_SECTOR).collect();
    if fat_sectors.len() > count {
        return Err(format!(
            "the allocation table lists {} sectors in a file of {count}",
            fat_sectors.len()
        ));
    }
    for id in fat_sectors {
        let table = words(sectors.sector(id)?);
        sectors.fat.extend(table);
    }

    // The directory: a chain of 128-byte entries.
    let directory = sectors.chain(u32_at(48), u64::MAX)?;
    let entries: Vec<(String, u32, u64)> = directory
        .chunks_exact(DIRECTORY_ENTRY)
        .map(|raw| entry(raw, size == 4096))
        .collect::<Result<_, _>>()?;
    let Some((_, root_start, root_length)) = entries.first().cloned() else {
        return Ok(());
    };

    // The mini stream (in the root entry's chain) and its allocation table.
    let mini_fat_sectors = u32_at(64) as usize;
    let (mini_stream, mini_fat) = if mini_fat_sectors > 0 {
        if mini_fat_sectors > count {
            return Err(format!(
                "the mini allocation table claims {mini_fat_sectors} sectors in a file of {count}"
            ));
        }
        let stream = sectors.chain(root_start, root_length)?;
        let table = sectors.chain(u32_at(60), (mini_fat_sectors * size) as u64)?;
        (stream, words(&table))
    } else {
        (Vec::new(), Vec::new())
    };

    // The streams calamine reads: the first entry of each name, as it finds them.
    for wanted in STREAMS_READ {
        let Some((name, start, length)) = entries
            .iter()
            .find(|(name, _, _)| name.as_bytes().eq_ignore_ascii_case(wanted.as_bytes()))
        else {
            continue;
        };
        if *length < MINI_STREAM_CUTOFF {
            check_mini_chain(name, *start, *length, mini_stream.len() as u64, &mini_fat)?;
        } else {
            sectors.chain_length(*start)?;
        }
    }

    // The workbook stream itself: calamine sizes each sheet from its Dimensions record.
    let workbook = entries.iter().find(|(name, _, _)| {
        ["Workbook", "Book"]
            .iter()
            .any(|w| name.as_bytes().eq_ignore_ascii_case(w.as_bytes()))
    });
    if let Some((_, start, length)) = workbook {
        let stream = if *length < MINI_STREAM_CUTOFF {
            mini_chain(*start, *length, &mini_stream, &mini_fat)
        } else {
            sectors.chain(*start, *length)?
        };
        check_dimensions(&stream)?;
    }
    Ok(())
}

/// The bytes of a stream kept in the mini stream (its chain was checked before).
fn mini_chain(start: u32, length: u64, mini_stream: &[u8], mini_fat: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut id = start;
    while id != END_OF_CHAIN && (out.len() as u64) < length {
        let at = id as usize * MINI_SECTOR as usize;
        let Some(sector) = mini_stream.get(at..at + MINI_SECTOR as usize) else {
            break;
        };
        out.extend_from_slice(sector);
        id = mini_fat.get(id as usize).copied().unwrap_or(END_OF_CHAIN);
    }
    out.truncate(usize::try_from(length).unwrap_or(usize::MAX));
    out
}

/// The most rows and columns a BIFF8 sheet can have.
const MAX_ROWS: u32 = 65_536;
const MAX_COLUMNS: u32 = 256;

/// Checks every Dimensions record (type 0x0200) of a BIFF workbook stream as calamine reads it:
/// its last row must not come before its first (calamine subtracts one from the other and, in
/// the size-optimised build, asks for billions of cells), and it must stay within the rows and
/// columns a sheet can have.
fn check_dimensions(stream: &[u8]) -> Result<(), String> {
    let mut at = 0;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let length = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = &stream[at + 4..(at + 4 + length).min(stream.len())];
        at += 4 + length;
        if kind != 0x0200 {
            continue;
        }
        let u16_at = |i: usize| u32::from(u16::from_le_bytes([data[i], data[i + 1]]));
        let u32_at = |i: usize| u32::from_le_bytes(data[i..i + 4].try_into().expect("four"));
        let (first_row, end_row, end_column) = match data.len() {
            10 => (u16_at(0), u16_at(2), u16_at(6)),
            14 | 16 => (u32_at(0), u32_at(4), u16_at(10)),
            // calamine refuses other lengths by itself.
            _ => continue,
        };
        if end_row >= 1 && end_column >= 1 && end_row < first_row {
            return Err(format!(
                "a sheet's rows end (row {end_row}) before they begin (row {})",
                first_row + 1
            ));
        }
        if end_row > MAX_ROWS || end_column > MAX_COLUMNS {
            return Err(format!(
                "a sheet claims {end_row} rows and {end_column} columns, more than a workbook can hold"
            ));
        }
    }
    Ok(())
}

/// A stream kept in the mini stream: every mini sector it reads must lie inside the mini
/// stream, and each one it goes on from must have an entry in the mini allocation table.
fn check_mini_chain(
    name: &str,
    start: u32,
    length: u64,
    mini_stream_length: u64,
    mini_fat: &[u32],
) -> Result<(), String> {
    let mut id = start;
    let mut read = 0;
    while id != END_OF_CHAIN {
        if (u64::from(id) + 1) * MINI_SECTOR > mini_stream_length {
            return Err(format!(
                "the stream “{name}” names mini sector {id}, outside the mini stream"
            ));
        }
        read += MINI_SECTOR;
        if read >= length {
            break;
        }
        id = *mini_fat.get(id as usize).ok_or_else(|| {
            format!("the stream “{name}” goes on from mini sector {id}, which has no table entry")
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file with 512-byte sectors: header, then `sectors` (each padded to 512 bytes).
    /// `fat_sector` is where the FAT is; the directory starts at `directory`.
    fn file(fat_sector: u32, directory: u32, mini_fat: (u32, u32), sectors: &[Vec<u8>]) -> Vec<u8> {
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(SIGNATURE);
        header[26..28].copy_from_slice(&3u16.to_le_bytes());
        header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        header[30..32].copy_from_slice(&9u16.to_le_bytes());
        header[32..34].copy_from_slice(&6u16.to_le_bytes());
        header[44..48].copy_from_slice(&1u32.to_le_bytes());
        header[48..52].copy_from_slice(&directory.to_le_bytes());
        header[60..64].copy_from_slice(&mini_fat.0.to_le_bytes());
        header[64..68].copy_from_slice(&mini_fat.1.to_le_bytes());
        header[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        for slot in header[76..512].chunks_exact_mut(4) {
            slot.copy_from_slice(&u32::MAX.to_le_bytes());
        }
        header[76..80].copy_from_slice(&fat_sector.to_le_bytes());
        let mut out = header;
        for sector in sectors {
            let mut padded = sector.clone();
            padded.resize(512, 0);
            out.extend(padded);
        }
        out
    }

    fn fat(entries: &[u32]) -> Vec<u8> {
        let mut all = vec![u32::MAX; 128];
        all[..entries.len()].copy_from_slice(entries);
        all.iter().flat_map(|e| e.to_le_bytes()).collect()
    }

    fn directory(entries: &[(&str, u32, u32)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, start, length) in entries {
            let mut raw = vec![0u8; DIRECTORY_ENTRY];
            for (i, unit) in name.encode_utf16().enumerate() {
                raw[i * 2..i * 2 + 2].copy_from_slice(&unit.to_le_bytes());
            }
            raw[116..120].copy_from_slice(&start.to_le_bytes());
            raw[120..124].copy_from_slice(&length.to_le_bytes());
            out.extend(raw);
        }
        out
    }

    const END: u32 = END_OF_CHAIN;
    const FATS: u32 = 0xFFFF_FFFD;

    #[test]
    fn passes_whole_files_and_refuses_broken_tables() {
        // Sector 0: FAT. Sector 1: directory. Sectors 2–9: the workbook stream (4 KiB).
        let good_fat = [FATS, END, 3, 4, 5, 6, 7, 8, 9, END];
        let workbook = vec![0x09u8; 512];
        let body = |fat_entries: &[u32], entries: &[(&str, u32, u32)]| -> Vec<Vec<u8>> {
            let mut sectors = vec![fat(fat_entries), directory(entries)];
            sectors.extend(std::iter::repeat_n(workbook.clone(), 8));
            sectors
        };
        let root = ("Root Entry", END, 0);
        let cases: Vec<(&str, Vec<u8>, bool)> = vec![
            (
                "whole",
                file(
                    0,
                    1,
                    (END, 0),
                    &body(&good_fat, &[root, ("Workbook", 2, 4096)]),
                ),
                true,
            ),
            ("not a compound file", b"PK\x03\x04".to_vec(), true),
            (
                "cut off in the workbook",
                file(
                    0,
                    1,
                    (END, 0),
                    &body(&good_fat, &[root, ("Workbook", 2, 4096)]),
                )[..512 * 8 + 100]
                    .to_vec(),
                false,
            ),
            (
                "workbook chain loops",
                file(
                    0,
                    1,
                    (END, 0),
                    &body(
                        &[FATS, END, 3, 4, 5, 2, 7, 8, 9, END],
                        &[root, ("Workbook", 2, 4096)],
                    ),
                ),
                false,
            ),
            (
                "directory chain loops onto itself",
                file(
                    0,
                    1,
                    (END, 0),
                    &body(
                        &[FATS, 1, 3, 4, 5, 6, 7, 8, 9, END],
                        &[root, ("Workbook", 2, 4096)],
                    ),
                ),
                false,
            ),
            (
                "FAT listed past the end",
                file(
                    40,
                    1,
                    (END, 0),
                    &body(&good_fat, &[root, ("Workbook", 2, 4096)]),
                ),
                false,
            ),
            (
                "small stream without a mini stream",
                file(
                    0,
                    1,
                    (END, 0),
                    &body(&good_fat, &[root, ("Workbook", 2, 100)]),
                ),
                false,
            ),
            (
                "stream never read may be odd",
                file(
                    0,
                    1,
                    (END, 0),
                    &body(&good_fat, &[root, ("Other", 70, 100)]),
                ),
                true,
            ),
        ];
        for (what, bytes, ok) in cases {
            assert_eq!(check(&bytes).is_ok(), ok, "{what}: {:?}", check(&bytes));
        }
    }

    #[test]
    fn follows_streams_in_the_mini_stream() {
        // Sector 0: FAT. 1: directory. 2: mini FAT. 3: the mini stream (8 mini sectors).
        let fat_entries = [FATS, END, END, END];
        let mini_stream = vec![0x09u8; 512];
        let cases: Vec<(&str, Vec<u32>, u32, bool)> = vec![
            ("two mini sectors", vec![1, END], 100, true),
            ("mini chain past the stream", vec![9, END], 100, false),
            ("mini chain without entry", vec![END], 100, true),
            ("goes on from an entry-less sector", vec![], 100, false),
        ];
        for (what, mini_fat, length, ok) in cases {
            let mut mini_fat_bytes: Vec<u8> =
                mini_fat.iter().flat_map(|e| e.to_le_bytes()).collect();
            mini_fat_bytes.truncate(512);
            let sectors = vec![
                fat(&fat_entries),
                directory(&[("Root Entry", 3, 512), ("Workbook", 0, length)]),
                if mini_fat.is_empty() {
                    Vec::new()
                } else {
                    let mut padded = mini_fat_bytes.clone();
                    padded.resize(512, 0xFF);
                    padded
                },
                mini_stream.clone(),
            ];
            let mini_fat_sectors = u32::from(!mini_fat.is_empty());
            let start = if mini_fat.is_empty() { END } else { 2 };
            let bytes = file(0, 1, (start, mini_fat_sectors), &sectors);
            assert_eq!(check(&bytes).is_ok(), ok, "{what}: {:?}", check(&bytes));
        }
    }

    #[test]
    fn refuses_sheet_dimensions_calamine_cannot_size() {
        /// One BIFF record.
        fn record(kind: u16, data: &[u8]) -> Vec<u8> {
            let mut out = kind.to_le_bytes().to_vec();
            out.extend((data.len() as u16).to_le_bytes());
            out.extend(data);
            out
        }
        /// A BIFF8 Dimensions record: first row, row after the last, first column, column after
        /// the last.
        fn dimensions(first: u32, end: u32, first_column: u16, end_column: u16) -> Vec<u8> {
            let mut data = first.to_le_bytes().to_vec();
            data.extend(end.to_le_bytes());
            data.extend(first_column.to_le_bytes());
            data.extend(end_column.to_le_bytes());
            data.extend([0, 0]);
            record(0x0200, &data)
        }
        let bof = record(0x0809, &[0; 16]);
        let cases: Vec<(&str, Vec<u8>, bool)> = vec![
            (
                "a used range of 20 rows and 9 columns",
                dimensions(0, 20, 0, 9),
                true,
            ),
            ("an empty sheet", dimensions(0, 0, 0, 0), true),
            (
                "an empty range starting lower down",
                dimensions(5, 5, 0, 3),
                true,
            ),
            (
                "a used range that starts at row 3",
                dimensions(2, 40, 1, 6),
                true,
            ),
            (
                "the largest sheet there is",
                dimensions(0, MAX_ROWS, 0, 256),
                true,
            ),
            (
                "rows that end before they begin",
                dimensions(7, 3, 0, 4),
                false,
            ),
            (
                "more rows than a sheet has",
                dimensions(0, MAX_ROWS + 1, 0, 4),
                false,
            ),
            ("billions of rows", dimensions(0, u32::MAX, 0, 4), false),
            (
                "more columns than a sheet has",
                dimensions(0, 10, 0, 257),
                false,
            ),
            (
                "a cut-off record is left to the reader",
                record(0x0200, &[1, 0, 0]),
                true,
            ),
            (
                "a BIFF5 record",
                record(0x0200, &[0, 0, 9, 0, 0, 0, 3, 0, 0, 0]),
                true,
            ),
            (
                "a BIFF5 record ending before it begins",
                record(0x0200, &[9, 0, 2, 0, 0, 0, 3, 0, 0, 0]),
                false,
            ),
        ];
        for (what, dims, ok) in cases {
            let mut stream = bof.clone();
            stream.extend(dims);
            stream.extend(record(0x000A, &[]));
            assert_eq!(
                check_dimensions(&stream).is_ok(),
                ok,
                "{what}: {:?}",
                check_dimensions(&stream)
            );
        }
        // A record cut off by the end of the stream is read as far as it goes.
        assert!(check_dimensions(&[0x00, 0x02, 0x0E]).is_ok());
        assert!(check_dimensions(&[]).is_ok());
    }
}
