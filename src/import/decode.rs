//! Bytes to text, in one place: byte-order marks, UTF-8, and the GBK family that Alipay and many
//! Chinese banks still write. Every importer works on the text this produces.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
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
}
