//! Recognising a statement by its content, never by its file name.

use super::alipay;
use super::table::Line;
use super::wechat;
use super::Format;
use super::{bank, generic};
use super::{bank_en, camt, mt940, ofx, qif};

/// What a file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Sniffed<'t> {
    /// A layout this version reads, with the header line where its table starts.
    Readable(Format, Line<'t>),
    /// A kind of file this version recognises but cannot read yet (`xlsx`, `ofx`, …).
    NotYet(&'static str),
    /// Nothing known.
    Unknown,
    /// A web page (HTML), such as the "Excel" file some online banks save: not a statement file.
    WebPage,
}

/// Recognises containers and binary documents from their first bytes, before any decoding.
/// `Some(what)` names a kind of file that is not a text statement.
pub fn sniff_bytes(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "zip"),
        (b"PK\x05\x06", "zip"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "xls"),
        (b"%PDF", "pdf"),
    ];
    let found = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)?;
    if found == "zip" && contains(&bytes[..bytes.len().min(4096)], b"xl/") {
        return Some("xlsx");
    }
    Some(found)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The international formats, in the order they are tried: OFX/QFX, CAMT, QIF, MT940, English
/// bank CSV.
fn western(text: &str) -> Option<(Format, Line<'_>)> {
    type Detect = for<'t> fn(&'t str) -> Option<Line<'t>>;
    const DETECTORS: &[(Format, Detect)] = &[
        (Format::Ofx, ofx::detect),
        (Format::Camt053, camt::detect),
        (Format::Qif, qif::detect),
        (Format::Mt940, mt940::detect),
        (Format::BankEn, bank_en::detect),
    ];
    DETECTORS
        .iter()
        .find_map(|(format, detect)| detect(text).map(|line| (*format, line)))
}

/// Whether `text` is one of the international formats (OFX, CAMT, QIF, MT940, English bank CSV):
/// the files that may be windows-1252 rather than GBK when they are not UTF-8.
pub fn is_western(text: &str) -> bool {
    alipay::detect(text).is_none()
        && (western(text).is_some()
            || (bank::detect(text).is_none() && generic::detect(text).is_some()))
}

/// Recognises a decoded text statement.
pub fn sniff_text(text: &str) -> Sniffed<'_> {
    if let Some((format, header)) = alipay::detect(text) {
        return Sniffed::Readable(format, header);
    }
    if let Some((format, header)) = wechat::detect(text) {
        return Sniffed::Readable(format, header);
    }
    if let Some((format, header)) = western(text) {
        return Sniffed::Readable(format, header);
    }
    if let Some((format, header)) = bank::detect(text) {
        return Sniffed::Readable(format, header);
    }
    let head: String = text.chars().take(4096).collect();
    let start = head.trim_start();
    if is_web_page(start) {
        return Sniffed::WebPage;
    }
    let not_yet = if head.contains("京东账号名") {
        Some("JD")
    } else if start.starts_with('<') {
        Some("HTML/XML")
    } else {
        None
    };
    if let Some(what) = not_yet {
        return Sniffed::NotYet(what);
    }
    // Last: any table with a date, an amount and a description, read with guessed columns.
    match generic::detect(text) {
        Some(header) => Sniffed::Readable(Format::GenericCsv, header),
        None => Sniffed::Unknown,
    }
}

/// An HTML page: what some online banks save under an `.xls` name.
fn is_web_page(start: &str) -> bool {
    let lower: String = start
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    let lower = lower.trim_start_matches('\u{feff}').trim_start();
    [
        "<html",
        "<!doctype html",
        "<table",
        "<head",
        "<meta",
        "<body",
        "<style",
        "<title",
    ]
    .iter()
    .any(|tag| lower.starts_with(tag))
        || (lower.starts_with("<?xml") && lower.contains("<html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_binary_containers() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (
                b"PK\x03\x04\x14\0\0\0[Content_Types].xml xl/workbook.xml",
                Some("xlsx"),
            ),
            (b"PK\x03\x04\x14\0\x01\0alipay.csv", Some("zip")),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", Some("xls")),
            (b"%PDF-1.7", Some("pdf")),
            (b"\xe4\xba\xa4\xe6\x98\x93", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(sniff_bytes(bytes), *expected, "{bytes:?}");
        }
    }

    #[test]
    fn recognises_text_statements() {
        let alipay = "导出信息：\n---电子客户回单---\n交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,\n";
        assert!(matches!(
            sniff_text(alipay),
            Sniffed::Readable(Format::Alipay, Line { number: 3, .. })
        ));
        let web = "支付宝交易记录明细查询\n交易号,商家订单号,交易创建时间,付款时间,最近修改时间,交易来源地,类型,交易对方,商品名称,金额（元）,收/支,交易状态,服务费（元）,成功退款（元）,备注,资金状态,\n";
        assert!(matches!(
            sniff_text(web),
            Sniffed::Readable(Format::AlipayWeb, _)
        ));
        let app2021 = "----支付宝（中国）网络技术有限公司  电子客户回单----\n收/支,交易对方,对方账号,商品说明,收/付款方式,金额,交易状态,交易分类,交易订单号,商家订单号,交易时间,\n";
        assert!(matches!(
            sniff_text(app2021),
            Sniffed::Readable(Format::Alipay2021, _)
        ));
        let wechat = "微信支付账单明细,,,,\n----------------------微信支付账单明细列表--------------------,,\n交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n";
        assert!(matches!(
            sniff_text(wechat),
            Sniffed::Readable(Format::WechatCsv, Line { number: 3, .. })
        ));
        assert!(matches!(
            sniff_text("微信支付账单明细,,,,\n"),
            Sniffed::Readable(Format::WechatCsv, Line { number: 1, .. })
        ));
        for (text, format, line) in [
            ("\r\n\r\nOFXHEADER:100\r\nDATA:OFXSGML", Format::Ofx, 3),
            ("<?xml version=\"1.0\"?><?OFX OFXHEADER=\"200\"?>", Format::Ofx, 1),
            (
                "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">",
                Format::Camt053,
                1,
            ),
            ("!Type:Bank\nD01/02/2024\n", Format::Qif, 1),
            ("{1:F01ABC}{2:I940X}{4:\n:20:1\n:25:NL1\n", Format::Mt940, 1),
            ("\u{1}\n:20:STARTUMS\n:25:1/2\n:60F:C250601EUR1,00\n", Format::Mt940, 2),
            ("Date,Description,Amount,Balance\n", Format::BankEn, 1),
        ] {
            match sniff_text(text) {
                Sniffed::Readable(found, header) => {
                    assert_eq!((found, header.number), (format, line), "{text:?}")
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        assert_eq!(sniff_text("date,amount\n2024-01-01,1\n"), Sniffed::Unknown);
    }
}
