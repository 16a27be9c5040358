//! Bytes to text, in one place: byte-order marks, UTF-8, and the GBK family that Alipay and many
//! Chinese banks still write. Every importer works on the text this produces.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use serde::{Deserialize, Serialize};

use super::error::{ImportError, ImportErrorKind};

/// The encoding a file was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (WeChat, several banks).
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// GB18030, the superset of GBK and GB2312 (Alipay).
    Gb18030,
    /// Windows-1252, the Western European code page (ISO-8859-1 reads the same): older OFX,
    /// QIF, MT940 and bank CSV exports.
    Windows1252,
}

impl TextEncoding {
    /// A label to show the user.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GBK/GB18030",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// A file's text and how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    /// The text, without a byte-order mark, with line ends as in the file (lone CR line ends
    /// turned into LF so that line numbers count what an editor shows).
    pub text: String,
    /// The encoding used.
    pub encoding: TextEncoding,
}

/// How many leading bytes are examined for NUL bytes to tell binary data from text.
const BINARY_PROBE: usize = 8192;

/// Decodes a statement's bytes: a byte-order mark wins; otherwise valid UTF-8 is UTF-8, and
/// anything else must be valid GB18030. Binary data and text broken in either encoding are
/// refused with the line of the first bad character.
pub fn decode(bytes: &[u8]) -> Result<DecodedText, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::new(ImportErrorKind::Empty));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        // NUL is a character in UTF-16, but in UTF-8 text it means binary data or a damaged
        // download, as it does without a byte-order mark.
        if encoding == UTF_8 && body[..body.len().min(BINARY_PROBE)].contains(&0) {
            return Err(ImportError::new(ImportErrorKind::Binary));
        }
        let kind = if encoding == UTF_8 {
            TextEncoding::Utf8Bom
        } else if encoding == UTF_16LE {
            TextEncoding::Utf16Le
        } else {
            debug_assert_eq!(encoding, UTF_16BE);
            TextEncoding::Utf16Be
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        return finish(text, had_errors, kind);
    }
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if probe.contains(&0) {
        return Err(ImportError::new(ImportErrorKind::Binary));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(Cow::Borrowed(text), false, TextEncoding::Utf8);
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    finish(text, had_errors, TextEncoding::Gb18030)
}

/// How many leading bytes are decoded to recognise a Western statement (see [`decode_for`]).
const WESTERN_PROBE: usize = 64 * 1024;

/// Decodes like [`decode`], and reads Western statements right. When the bytes are neither
/// Unicode with a byte-order mark nor valid UTF-8, a charset the file declares for itself
/// ([`declared_encoding`]) wins; failing that, a file that `is_western` recognises when read as
/// windows-1252 (OFX, QIF, MT940, an English bank CSV) is read as windows-1252, unless its GB18030
/// reading is Chinese text.
pub fn decode_for(
    bytes: &[u8],
    is_western: impl Fn(&str) -> bool,
) -> Result<DecodedText, ImportError> {
    let decoded = decode(bytes);
    match &decoded {
        Ok(d) if d.encoding != TextEncoding::Gb18030 => return decoded,
        Err(e) if e.kind != ImportErrorKind::InvalidText => return decoded,
        _ => {}
    }
    if let Some(declared) = declared_encoding(bytes).filter(|e| *e != TextEncoding::Utf8) {
        return decode_as(bytes, declared);
    }
    // Chinese text stays as decoded whatever the Western reading looks like, so it is looked
    // at first: the Western reading of the head is then needed only for other text.
    if matches!(&decoded, Ok(d) if looks_chinese(&d.text)) {
        return decoded;
    }
    let head = &bytes[..bytes.len().min(WESTERN_PROBE)];
    let (head_text, _) = WINDOWS_1252.decode_without_bom_handling(head);
    if !is_western(&head_text) {
        return decoded;
    }
    decode_as(bytes, TextEncoding::Windows1252)
}

/// Whether most ideographs in `text` stand next to another one, as in Chinese words; Latin-1
/// letters misread as GBK give ideographs scattered one by one between ASCII letters.
///
/// Read in bytes, a character or eight ASCII bytes at a time (the whole file may be tens of
/// megabytes): in UTF-8 an ideograph U+4E00–U+9FFF is three bytes led by E5–E9, or by E4 with a
/// second byte of B8 or more. The reading stops early once the answer is beyond doubt
/// ([`Ideographs::clearly_paired`]), which for a Chinese statement is within its first rows.
fn looks_chinese(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut tally = Ideographs::default();
    // `at` always stands at the start of a character.
    let mut at = 0;
    while at < bytes.len() {
        // Eight ASCII characters at once: the first ends a run of ideographs, the others
        // change nothing.
        if let Some(eight) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(eight.try_into().unwrap_or([0x80; 8]));
            if word & 0x8080_8080_8080_8080 == 0 {
                if tally.end_run() && tally.clearly_paired() {
                    return true;
                }
                at += 8;
                continue;
            }
        }
        let lead = bytes[at];
        let ideograph = match lead {
            0xe5..=0xe9 => true,
            0xe4 => bytes.get(at + 1).is_some_and(|&next| next >= 0xb8),
            _ => false,
        };
        if ideograph {
            tally.run += 1;
        } else if tally.end_run() && tally.clearly_paired() {
            return true;
        }
        at += match lead {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
    }
    tally.end_run();
    tally.paired > tally.single
}

/// Ideographs counted by [`looks_chinese`]: those in runs of two or more, those alone, and the
/// length of the run being read.
#[derive(Default)]
struct Ideographs {
    paired: usize,
    single: usize,
    run: usize,
}

impl Ideographs {
    /// Ends the run being read; whether it was a run of two or more.
    fn end_run(&mut self) -> bool {
        let run = std::mem::take(&mut self.run);
        match run {
            0 => false,
            1 => {
                self.single += 1;
                false
            }
            n => {
                self.paired += n;
                true
            }
        }
    }

    /// Whether so many ideographs stand in runs, and so few alone, that the text is Chinese
    /// whatever follows: Latin-1 misread as GBK pairs ideographs only by chance, never by the
    /// thousand.
    fn clearly_paired(&self) -> bool {
        self.paired >= 4096 && self.paired > 8 * self.single
    }
}

/// The charset a file names for itself in its first bytes: the `ENCODING:`/`CHARSET:` lines of
/// an OFX 1.x header, or the `encoding` of an XML declaration. `None` when it names none, or one
/// that is not decoded here.
pub fn declared_encoding(bytes: &[u8]) -> Option<TextEncoding> {
    let head: String = bytes[..bytes.len().min(1024)]
        .iter()
        .map(|&b| if b.is_ascii() { b as char } else { '\u{fffd}' })
        .collect();
    let start = head.trim_start();
    if start
        .get(..9)
        .is_some_and(|s| s.eq_ignore_ascii_case("OFXHEADER"))
    {
        let (mut encoding, mut charset) = ("", "");
        for line in start.lines().map(str::trim) {
            if line.starts_with('<') {
                break;
            }
            if let Some((key, value)) = line.split_once(':') {
                match key.trim().to_ascii_uppercase().as_str() {
                    "ENCODING" => encoding = value.trim(),
                    "CHARSET" => charset = value.trim(),
                    _ => {}
                }
            }
        }
        return match encoding.to_ascii_uppercase().as_str() {
            "UTF-8" | "UTF8" | "UNICODE" => Some(TextEncoding::Utf8),
            _ => match charset.to_ascii_uppercase().as_str() {
                // US-ASCII: any byte above 127 is best read as the Windows code page.
                "" | "NONE" | "1252" | "8859-1" | "ISO-8859-1" | "LATIN1" => {
                    Some(TextEncoding::Windows1252)
                }
                "936" | "54936" => Some(TextEncoding::Gb18030),
                other => encoding_for_label(other),
            },
        };
    }
    if start.starts_with("<?xml") {
        let declaration = &start[..start.find("?>")?];
        let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
        let value = after.trim_start().strip_prefix('=')?.trim_start();
        let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value = &value[1..];
        return encoding_for_label(&value[..value.find(quote)?]);
    }
    None
}

fn encoding_for_label(label: &str) -> Option<TextEncoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    if encoding == UTF_8 {
        Some(TextEncoding::Utf8)
    } else if encoding == WINDOWS_1252 {
        Some(TextEncoding::Windows1252)
    } else if encoding == GB18030 || encoding == GBK {
        Some(TextEncoding::Gb18030)
    } else {
        None
    }
}

/// Decodes `bytes` as `encoding`, whatever their content suggests; a byte-order mark of that
/// encoding is dropped. Refuses empty and binary data and text broken in that encoding, as
/// [`decode`] does.
pub fn decode_as(bytes: &[u8], encoding: TextEncoding) -> Result<DecodedText, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::new(ImportErrorKind::Empty));
    }
    let (codec, bom): (&'static Encoding, &[u8]) = match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => (UTF_8, b"\xef\xbb\xbf"),
        TextEncoding::Utf16Le => (UTF_16LE, b"\xff\xfe"),
        TextEncoding::Utf16Be => (UTF_16BE, b"\xfe\xff"),
        TextEncoding::Gb18030 => (GB18030, b""),
        TextEncoding::Windows1252 => (WINDOWS_1252, b""),
    };
    let body = if bom.is_empty() {
        bytes
    } else {
        bytes.strip_prefix(bom).unwrap_or(bytes)
    };
    let single_byte_family = !matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be);
    if single_byte_family && body[..body.len().min(BINARY_PROBE)].contains(&0) {
        return Err(ImportError::new(ImportErrorKind::Binary));
    }
    let (text, had_errors) = codec.decode_without_bom_handling(body);
    finish(text, had_errors, encoding)
}

fn finish(
    text: Cow<'_, str>,
    had_errors: bool,
    encoding: TextEncoding,
) -> Result<DecodedText, ImportError> {
    if had_errors {
        let bad = text.find('\u{fffd}').unwrap_or(0);
        let line = line_of_offset(&text, bad);
        return Err(ImportError::at(ImportErrorKind::InvalidText, line));
    }
    let mut text = text.into_owned();
    if text.contains('\r') && !text.contains('\n') {
        text = text.replace('\r', "\n");
    }
    if text.trim().is_empty() {
        return Err(ImportError::new(ImportErrorKind::Empty));
    }
    Ok(DecodedText { text, encoding })
}

/// The 1-based line that byte `offset` of `text` is on.
pub fn line_of_offset(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let newlines = text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        GB18030.encode(text).0.into_owned()
    }

    #[test]
    fn decodes_each_encoding() {
        let cases: Vec<(Vec<u8>, TextEncoding, &str)> = vec![
            (b"a,b\n".to_vec(), TextEncoding::Utf8, "a,b\n"),
            ("交易".as_bytes().to_vec(), TextEncoding::Utf8, "交易"),
            (
                [b"\xef\xbb\xbf".as_slice(), "微信".as_bytes()].concat(),
                TextEncoding::Utf8Bom,
                "微信",
            ),
            (
                gbk("支付宝,收/支\r\n"),
                TextEncoding::Gb18030,
                "支付宝,收/支\r\n",
            ),
            (
                [b"\xff\xfe".as_slice(), &[0x2f, 0x65, 0xd8, 0x4e]].concat(),
                TextEncoding::Utf16Le,
                "支付",
            ),
            (
                [b"\xfe\xff".as_slice(), &[0x65, 0x2f, 0x4e, 0xd8]].concat(),
                TextEncoding::Utf16Be,
                "支付",
            ),
            (b"a\rb\r".to_vec(), TextEncoding::Utf8, "a\nb\n"),
        ];
        for (bytes, encoding, text) in cases {
            let decoded = decode(&bytes).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            assert_eq!(decoded.encoding, encoding, "{text:?}");
            assert_eq!(decoded.text, text);
        }
    }

    #[test]
    fn refuses_what_is_not_text() {
        let cases: Vec<(Vec<u8>, &str, Option<u32>)> = vec![
            (vec![], "empty", None),
            (b" \r\n\t".to_vec(), "empty", None),
            (b"\xef\xbb\xbf".to_vec(), "empty", None),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), "binary", None),
            (b"\xef\xbb\xbfa,b\n\0\0c,d\n".to_vec(), "binary", None),
            // A GBK file cut in the middle of a two-byte character on line 2.
            (
                [gbk("第一行\n第二"), vec![0xb5]].concat(),
                "invalid_text",
                Some(2),
            ),
        ];
        for (bytes, code, line) in cases {
            let error = decode(&bytes).expect_err(code);
            assert_eq!(error.code(), code);
            assert_eq!(error.line, line, "{code}");
        }
    }

    #[test]
    fn counts_lines_from_one() {
        assert_eq!(line_of_offset("a\nb\nc", 0), 1);
        assert_eq!(line_of_offset("a\nb\nc", 2), 2);
        assert_eq!(line_of_offset("a\nb\nc", 99), 3);
    }

    #[test]
    fn finds_the_charset_a_file_declares() {
        let cases: &[(&[u8], Option<TextEncoding>)] = &[
            (
                b"\r\n\r\nOFXHEADER:100\r\nENCODING:USASCII\r\nCHARSET:1252\r\n\r\n<OFX>",
                Some(TextEncoding::Windows1252),
            ),
            (
                b"OFXHEADER:100\nENCODING:USASCII\nCHARSET:8859-1\n<OFX>",
                Some(TextEncoding::Windows1252),
            ),
            (
                b"OFXHEADER:100\nENCODING:UTF-8\nCHARSET:NONE\n<OFX>",
                Some(TextEncoding::Utf8),
            ),
            (
                b"OFXHEADER:100\nENCODING:USASCII\nCHARSET:936\n<OFX>",
                Some(TextEncoding::Gb18030),
            ),
            (
                b"<?xml version='1.0' encoding='ISO-8859-1'?><Document>",
                Some(TextEncoding::Windows1252),
            ),
            (
                b"<?xml version=\"1.0\" encoding=\"GB2312\"?>",
                Some(TextEncoding::Gb18030),
            ),
            (b"<?xml version=\"1.0\" encoding=\"KOI8-R\"?>", None),
            (b"<?xml version=\"1.0\"?><OFX>", None),
            (b"Date,Amount\n", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                declared_encoding(bytes),
                *expected,
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn reads_western_text_as_windows_1252_and_chinese_as_gbk() {
        let western = |_: &str| true;
        let not_western = |_: &str| false;
        // "Café Müller" in windows-1252: not UTF-8; as GBK it would be garbage or invalid.
        let latin = b"Date,Payee\n2024-01-02,Caf\xe9 M\xfcller\n".as_slice();
        let decoded = decode_for(latin, western).unwrap();
        assert_eq!(decoded.encoding, TextEncoding::Windows1252);
        assert!(decoded.text.contains("Café Müller"));
        // The same bytes in a file that is not a Western format keep the old behaviour.
        assert_eq!(
            decode_for(latin, not_western).map(|d| d.encoding),
            decode(latin).map(|d| d.encoding)
        );
        // Chinese text in GBK stays GBK even in a Western layout.
        let chinese = gbk("!Type:Bank\nP星巴克咖啡\nM早餐\n^\n");
        let decoded = decode_for(&chinese, western).unwrap();
        assert_eq!(decoded.encoding, TextEncoding::Gb18030);
        assert!(decoded.text.contains("星巴克咖啡"));
        // A declared charset wins over the guess; UTF-8 is left alone.
        let declared = b"OFXHEADER:100\nCHARSET:1252\n<OFX><NAME>Caf\xe9<MEMO>x".as_slice();
        assert_eq!(
            decode_for(declared, not_western).unwrap().encoding,
            TextEncoding::Windows1252
        );
        let utf8 = "OFXHEADER:100\nCHARSET:1252\n<OFX><NAME>Café".as_bytes();
        assert_eq!(
            decode_for(utf8, western).unwrap().encoding,
            TextEncoding::Utf8
        );
        assert!(looks_chinese("支付宝 转账 工资"));
        assert!(!looks_chinese("Caf浣 M黮ler"));
    }

    /// What `looks_chinese` computes, one character at a time.
    fn looks_chinese_by_chars(text: &str) -> bool {
        let ideograph = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        let (mut paired, mut single, mut run) = (0usize, 0usize, 0usize);
        for c in text.chars().chain(std::iter::once(' ')) {
            if ideograph(c) {
                run += 1;
                continue;
            }
            match run {
                0 => {}
                1 => single += 1,
                n => paired += n,
            }
            run = 0;
        }
        paired > single
    }

    #[test]
    fn a_clearly_chinese_head_decides() {
        // 5,120 paired ideographs and no single one: the rest is not read.
        let head = "支付宝转账 ".repeat(1024);
        let misread_tail = "Caf浣 M黮ler ".repeat(10_000);
        assert!(!looks_chinese(&misread_tail));
        assert!(looks_chinese(&format!("{head}{misread_tail}")));
        // Below the threshold (4,000 paired) the whole text counts.
        let short_head = "支付宝转账 ".repeat(800);
        assert!(!looks_chinese(&format!("{short_head}{misread_tail}")));
    }

    #[test]
    fn reading_by_bytes_counts_ideographs_as_characters_do() {
        // Edges of the range (U+4DFF and U+A000 are outside), runs cut by ASCII at every place
        // of an eight-byte word, other scripts, and four-byte characters.
        let pieces = [
            "\u{4dff}",
            "\u{4e00}",
            "\u{9fff}",
            "\u{a000}",
            "中",
            "国人",
            "a",
            "12345678",
            "1234567",
            " ",
            "é",
            "€",
            "😀",
            "\u{3000}",
            "，",
            "abcdefghijklmnop",
        ];
        let mut texts: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("{a}{b}{a}{c}{b}"));
                }
            }
        }
        texts.push(String::new());
        for text in &texts {
            assert_eq!(
                looks_chinese(text),
                looks_chinese_by_chars(text),
                "{text:?}"
            );
        }
    }
}
