//! What every delimited statement shares: physical lines, padded cells, a header found by column
//! names (never by position), and CSV records that keep the line they start on.

use super::error::{SkipReason, SkippedRow};

/// Trims the padding exports put around values: spaces, tabs, ideographic spaces (U+3000) and a
/// stray byte-order mark.
#[inline]
pub fn clean(field: &str) -> &str {
    // Most fields start and end with a character that cannot be padding: nothing to trim.
    let bytes = field.as_bytes();
    let last_lead = bytes.iter().rposition(|&b| b & 0xc0 != 0x80);
    match (bytes.first(), last_lead) {
        (Some(&first), Some(last))
            if !MAY_PAD[usize::from(first)] && !MAY_PAD[usize::from(bytes[last])] =>
        {
            field
        }
        _ => {
            let padding = |c: char| c.is_whitespace() || c == '\u{feff}';
            let start = field
                .char_indices()
                .find(|&(_, c)| !padding(c))
                .map_or(field.len(), |(at, _)| at);
            let end = field[start..]
                .char_indices()
                .rev()
                .find(|&(_, c)| !padding(c))
                .map_or(start, |(at, c)| start + at + c.len_utf8());
            &field[start..end]
        }
    }
}

/// Whether a character starting with byte `lead` (UTF-8) may be white space or a byte-order mark:
/// ASCII blanks, or a lead byte of U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000 or U+FEFF.
/// A table, so that the test is one load.
const MAY_PAD: [bool; 256] = {
    let mut table = [false; 256];
    let leads = [
        b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xc2, 0xe1, 0xe2, 0xe3, 0xef,
    ];
    let mut at = 0;
    while at < leads.len() {
        table[leads[at] as usize] = true;
        at += 1;
    }
    table
};

/// Like [`clean`], and `None` for an empty value or the `/` that exports print for "none".
pub fn optional(field: &str) -> Option<String> {
    match clean(field) {
        "" | "/" => None,
        value => Some(value.to_string()),
    }
}

/// The class of the text a column held on the row before: rows mostly repeat it (a status such
/// as 交易成功), so a text is classified again only when it changes. `classify` must depend on
/// the text alone.
#[derive(Debug)]
pub struct LastClass<T> {
    text: String,
    class: Option<T>,
}

impl<T> Default for LastClass<T> {
    fn default() -> Self {
        LastClass {
            text: String::new(),
            class: None,
        }
    }
}

impl<T: Copy> LastClass<T> {
    /// The class of `text`: the one remembered when the text is the same, else `classify(text)`.
    pub fn of(&mut self, text: &str, classify: impl FnOnce(&str) -> T) -> T {
        match self.class {
            Some(class) if self.text == text => class,
            _ => {
                let class = classify(text);
                self.text.clear();
                self.text.push_str(text);
                self.class = Some(class);
                class
            }
        }
    }
}

/// One physical line of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// Byte offset of the line's first character in the text.
    pub offset: usize,
    /// The line without its line end.
    pub text: &'a str,
}

/// The physical lines of `text`, split at LF with a preceding CR removed.
pub fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .zip(1u32..)
        .map(move |(raw, number)| {
            let line = Line {
                number,
                offset,
                text: raw.trim_end_matches('\n').trim_end_matches('\r'),
            };
            offset += raw.len();
            line
        })
}

/// The longest line taken for a header: real headers are a few hundred bytes. Without a bound,
/// a file that is one 20 MB line would be split into a million column names by every reader
/// that looks for its header.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Splits a single line into cleaned CSV fields (used to look at header candidates). A line
/// longer than [`MAX_HEADER_BYTES`] is no header and gives no fields.
pub fn split_line(line: &str) -> Vec<String> {
    if line.len() > MAX_HEADER_BYTES {
        return Vec::new();
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    match reader.records().next() {
        Some(Ok(record)) => record.iter().map(|f| clean(f).to_string()).collect(),
        _ => Vec::new(),
    }
}

/// Folds a header name for comparison: no blanks, full-width parentheses as ASCII.
pub fn fold_name(name: &str) -> String {
    clean(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

/// One column an importer wants: its key, the names exports give it (first match wins) and
/// whether the file is unreadable without it.
#[derive(Clone, Copy, Debug)]
pub struct ColumnSpec<K> {
    /// The importer's own key for the column.
    pub key: K,
    /// Names in order of preference.
    pub names: &'static [&'static str],
    /// Whether the column must be present.
    pub required: bool,
}

/// Where each wanted column sits in a header.
#[derive(Clone, Debug)]
pub struct Columns<K> {
    found: Vec<(K, usize)>,
    needed_width: usize,
}

impl<K: Copy + PartialEq> Columns<K> {
    /// Finds every column of `spec` in `header`; on failure returns the first name of the first
    /// required column that is missing.
    pub fn find(header: &[String], spec: &[ColumnSpec<K>]) -> Result<Columns<K>, &'static str> {
        let folded: Vec<String> = header.iter().map(|h| fold_name(h)).collect();
        let mut found = Vec::with_capacity(spec.len());
        let mut needed_width = 0;
        for column in spec {
            let position = column.names.iter().find_map(|name| {
                let name = fold_name(name);
                folded.iter().position(|h| *h == name)
            });
            match position {
                Some(index) => {
                    found.push((column.key, index));
                    if column.required {
                        needed_width = needed_width.max(index + 1);
                    }
                }
                None if column.required => return Err(column.names[0]),
                None => {}
            }
        }
        Ok(Columns {
            found,
            needed_width,
        })
    }

    /// How many fields a row needs to hold every required column.
    pub fn needed_width(&self) -> usize {
        self.needed_width
    }

    /// Whether the header has the column.
    pub fn has(&self, key: K) -> bool {
        self.found.iter().any(|(k, _)| *k == key)
    }

    /// The cleaned value of `key` in `record`, or `""` when the column or the field is absent.
    pub fn get<'r>(&self, record: &'r csv::StringRecord, key: K) -> &'r str {
        self.found
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, index)| record.get(*index))
            .map_or("", clean)
    }
}

/// A CSV record with the physical line it starts on.
pub type NumberedRecord = (u32, Result<csv::StringRecord, csv::Error>);

/// Reads CSV records from the start of line `first` to the end of `text`. Each record carries the
/// physical line it starts on, so quoted fields with line breaks do not shift later numbers.
pub fn records<'t>(text: &'t str, first: Line<'t>) -> impl Iterator<Item = NumberedRecord> + 't {
    records_delimited(text, first, b',')
}

/// Like [`records`], with another field separator (`;`, tab, `|`).
pub fn records_delimited<'t>(
    text: &'t str,
    first: Line<'t>,
    delimiter: u8,
) -> impl Iterator<Item = NumberedRecord> + 't {
    let mut reader = RecordReader::new(text, first, delimiter);
    std::iter::from_fn(move || {
        reader
            .next_record()
            .map(|(line, record)| (line, record.cloned()))
    })
}

/// Reads CSV records from the start of a line to the end of the text into one reused record,
/// each with the physical line it starts on: [`records_delimited`] without a copy per row.
pub struct RecordReader<'t> {
    body: &'t [u8],
    reader: csv::Reader<&'t [u8]>,
    record: csv::StringRecord,
    /// How far `line` has been counted in `body`.
    counted_to: usize,
    line: u32,
}

impl<'t> RecordReader<'t> {
    /// A reader from the start of line `first` of `text`, splitting fields at `delimiter`.
    pub fn new(text: &'t str, first: Line<'t>, delimiter: u8) -> RecordReader<'t> {
        let body = &text.as_bytes()[first.offset..];
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(body);
        RecordReader {
            body,
            reader,
            record: csv::StringRecord::new(),
            counted_to: 0,
            line: first.number,
        }
    }

    /// The next record and the line it starts on; `None` at the end of the text.
    pub fn next_record(&mut self) -> Option<(u32, Result<&csv::StringRecord, csv::Error>)> {
        let result = self.reader.read_record(&mut self.record);
        let body = self.body;
        // The reader's own line counter lags behind CRLF and blank lines, so the line is counted
        // here from the byte offset where each record starts, scanning forward only once.
        let mut start = self
            .record
            .position()
            .map_or(self.counted_to, |p| p.byte() as usize);
        while start < body.len() && matches!(body[start], b'\r' | b'\n') {
            start += 1;
        }
        let start = start.max(self.counted_to);
        self.line += count_line_feeds(&body[self.counted_to..start]) as u32;
        self.counted_to = start;
        match result {
            Ok(true) => Some((self.line, Ok(&self.record))),
            Ok(false) => None,
            Err(error) => Some((self.line, Err(error))),
        }
    }
}

/// How many LF bytes `bytes` holds, eight bytes at a time.
fn count_line_feeds(bytes: &[u8]) -> usize {
    const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A byte of `x` is zero where `word` has LF; the top bit of each byte of `nonzero` is
        // set for every other byte.
        let x = word ^ 0x0a0a_0a0a_0a0a_0a0a;
        let nonzero = ((x & LOW_SEVEN).wrapping_add(LOW_SEVEN) | x) & !LOW_SEVEN;
        count += 8 - nonzero.count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Reads the data rows that follow `header` with `read`. Blank rows are passed over, a row
/// starting with dashes ends the table (the footer of several exports), and rows that the CSV
/// reader or `read` refuses are skipped with their line and reason. When the same header comes
/// again after such a row (two exports pasted into one file), reading goes on below it.
pub fn read_rows<T>(
    text: &str,
    header: Line<'_>,
    mut read: impl FnMut(u32, &csv::StringRecord) -> Result<T, SkipReason>,
) -> (Vec<T>, Vec<SkippedRow>) {
    let mut skipped = Vec::new();
    let mut records = RecordReader::new(text, header, b',');
    let header_fields: Vec<String> = match records.next_record() {
        Some((_, Ok(record))) => record.iter().map(|f| clean(f).to_string()).collect(),
        _ => Vec::new(),
    };
    let mut rows = Vec::new();
    let mut after_footer = false;
    while let Some((line, record)) = records.next_record() {
        let record = match record {
            Ok(record) => record,
            Err(_) if after_footer => continue,
            Err(error) => {
                let reason = SkipReason::Malformed {
                    detail: error.to_string(),
                };
                skipped.push(SkippedRow { line, reason });
                continue;
            }
        };
        if is_blank(record) {
            continue;
        }
        if after_footer {
            after_footer = !record
                .iter()
                .map(clean)
                .eq(header_fields.iter().map(String::as_str));
            continue;
        }
        if record.get(0).map(clean).unwrap_or("").starts_with("---") {
            after_footer = true;
            continue;
        }
        match read(line, record) {
            Ok(row) => rows.push(row),
            Err(reason) => {
                let reason = match swallowed_lines(record) {
                    Some(extra) => SkipReason::UnclosedQuote {
                        through: line.saturating_add(extra),
                    },
                    None => reason,
                };
                skipped.push(SkippedRow { line, reason });
            }
        }
    }
    (rows, skipped)
}

/// How many lines a broken record swallowed: a quote opened and never closed takes the next
/// lines, commas and all, into one field. `None` when no field looks like rows run together.
fn swallowed_lines(record: &csv::StringRecord) -> Option<u32> {
    if !record.iter().any(|f| f.contains('\n') && f.contains(',')) {
        return None;
    }
    let breaks = record
        .iter()
        .map(|f| f.matches('\n').count())
        .sum::<usize>();
    Some(u32::try_from(breaks).unwrap_or(u32::MAX))
}

/// Whether every field of the record is blank.
pub fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|f| clean(f).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Col {
        Time,
        Amount,
        Note,
    }

    const SPEC: &[ColumnSpec<Col>] = &[
        ColumnSpec {
            key: Col::Time,
            names: &["交易时间", "交易创建时间"],
            required: true,
        },
        ColumnSpec {
            key: Col::Amount,
            names: &["金额", "金额(元)"],
            required: true,
        },
        ColumnSpec {
            key: Col::Note,
            names: &["备注"],
            required: false,
        },
    ];

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_columns_by_name_in_any_order() {
        type Found = Result<(usize, usize, Option<usize>), &'static str>;
        let cases: &[(&[&str], Found)] = &[
            (&["交易时间", "金额", "备注"], Ok((0, 1, Some(2)))),
            (&["备注", "金额  ", "x", "交易时间\t"], Ok((3, 1, Some(0)))),
            (&["交易创建时间", "金额（元）"], Ok((0, 1, None))),
            (&["交 易 时 间", "金额"], Ok((0, 1, None))),
            (&["金额", "备注"], Err("交易时间")),
            (&["交易时间"], Err("金额")),
        ];
        for (names, expected) in cases {
            let result = Columns::find(&header(names), SPEC).map(|c| {
                let index = |k| c.found.iter().find(|(key, _)| *key == k).map(|(_, i)| *i);
                (
                    index(Col::Time).unwrap(),
                    index(Col::Amount).unwrap(),
                    index(Col::Note),
                )
            });
            assert_eq!(&result, expected, "{names:?}");
        }
    }

    #[test]
    fn numbers_lines_and_records() {
        let text = "pre\r\nh1,h2\r\n\"a\nb\",1\r\n\r\nc,2";
        let all: Vec<Line> = lines(text).collect();
        assert_eq!(all.len(), 6);
        assert_eq!(
            all[1],
            Line {
                number: 2,
                offset: 5,
                text: "h1,h2"
            }
        );
        let found: Vec<(u32, Vec<String>)> = records(text, all[1])
            .map(|(line, r)| (line, r.unwrap().iter().map(str::to_string).collect()))
            .collect();
        assert_eq!(
            found,
            vec![
                (2, vec!["h1".into(), "h2".into()]),
                (3, vec!["a\nb".into(), "1".into()]),
                (6, vec!["c".into(), "2".into()]),
            ]
        );
    }

    #[test]
    fn reads_rows_until_a_footer_and_again_below_a_repeated_header() {
        // (text, rows read as (line, first field), skipped rows as (line, code))
        type Rows = &'static [(u32, &'static str)];
        type Case = (&'static str, Rows, Rows);
        let cases: &[Case] = &[
            ("h,n\na,1\nb,2\n", &[(2, "a"), (3, "b")], &[]),
            ("h,n\na,1\n---,\nsum,3\n", &[(2, "a")], &[]),
            (
                "h,n\na,1\n---,\nsum,3\nh,n\nb,2\n",
                &[(2, "a"), (6, "b")],
                &[],
            ),
            (
                "h,n\na,1\n\nx\nb,2\n",
                &[(2, "a"), (5, "b")],
                &[(4, "too_few_fields")],
            ),
            // An unclosed quote on line 3 takes line 4 with it; line 5 closes it.
            (
                "h,n\na,1\n\"b\nc,3\nd\"\ne,5\n",
                &[(2, "a"), (6, "e")],
                &[(3, "unclosed_quote")],
            ),
            ("h,n\n---\nh,n,extra\nb,2\n", &[], &[]),
        ];
        for (text, wanted, skipped_lines) in cases {
            let header = lines(text).next().unwrap();
            let (rows, skipped) = read_rows(text, header, |line, record| {
                if record.len() < 2 {
                    return Err(SkipReason::TooFewFields {
                        found: record.len(),
                        needed: 2,
                    });
                }
                Ok((line, record[0].to_string()))
            });
            let rows: Vec<(u32, &str)> = rows.iter().map(|(l, f)| (*l, f.as_str())).collect();
            assert_eq!(rows, *wanted, "{text:?}");
            let skipped: Vec<(u32, &str)> = skipped.iter().map(|s| (s.line, s.code())).collect();
            assert_eq!(skipped, *skipped_lines, "{text:?}");
        }
    }

    #[test]
    fn cleans_padding() {
        assert_eq!(clean("  支出\t "), "支出");
        assert_eq!(clean("\u{3000}x\u{3000}"), "x");
        assert_eq!(optional(" / "), None);
        assert_eq!(optional("\t"), None);
        assert_eq!(optional(" a "), Some("a".to_string()));
    }

    #[test]
    fn cleaning_trims_what_trimming_every_blank_would() {
        // Every white-space character there is, the byte-order mark, and characters whose
        // first byte is shared with one of them (U+00A9, U+2010, U+3001, U+FF01).
        let blanks: Vec<char> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace() || *c == '\u{feff}')
            .collect();
        let others = [
            "", "a", "支出", "\u{a9}", "\u{2010}", "\u{3001}", "\u{ff01}", "1.5", "/",
        ];
        let mut fields: Vec<String> = others.iter().map(|o| o.to_string()).collect();
        for &blank in &blanks {
            for other in others {
                fields.push(format!("{blank}{other}"));
                fields.push(format!("{other}{blank}"));
                fields.push(format!("{blank}{other}{blank}{blank}"));
                fields.push(format!("{other}{blank}{other}"));
            }
        }
        for field in &fields {
            let trimmed = field.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
            assert_eq!(clean(field), trimmed, "{field:?}");
        }
    }

    #[test]
    fn counts_line_feeds_in_any_length() {
        for text in [
            "",
            "\n",
            "a\nb",
            "\n\n\n\n\n\n\n\n\n",
            "abcdefg\nabcdefgh\n\r\n\u{2028}\n",
        ] {
            for cut in 0..=text.len() {
                let bytes = &text.as_bytes()[cut..];
                let plain = bytes.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(count_line_feeds(bytes), plain, "{text:?} from {cut}");
            }
        }
    }

    #[test]
    fn remembers_the_class_of_the_last_text_only() {
        let mut calls = 0;
        let mut last = LastClass::default();
        let mut length = |text: &str| {
            calls += 1;
            text.len()
        };
        let seen: Vec<usize> = ["ab", "ab", "abc", "ab", "ab"]
            .iter()
            .map(|t| last.of(t, &mut length))
            .collect();
        assert_eq!(seen, [2, 2, 3, 2, 2]);
        assert_eq!(calls, 3);
    }
}
