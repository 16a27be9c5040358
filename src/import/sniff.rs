//! Recognising a statement by its content, never by its file name.

use super::alipay;
use super::table::Line;
use super::Format;

/// What a file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Sniffed<'t> {
    /// A layout this version reads, with the header line where its table starts.
    Readable(Format, Line<'t>),
    /// A kind of file this version recognises but cannot read yet (`xlsx`, `ofx`, …).
    NotYet(&'static str),
    /// Nothing known.
    Unknown,
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

/// Recognises a decoded text statement.
pub fn sniff_text(text: &str) -> Sniffed<'_> {
    if let Some((format, header)) = alipay::detect(text) {
        return Sniffed::Readable(format, header);
    }
    let head: String = text.chars().take(4096).collect();
    let start = head.trim_start();
    let first_line = start.lines().next().unwrap_or("");
    let not_yet = if first_line.starts_with("微信支付账单明细") {
        Some("WeChat Pay CSV")
    } else if start.starts_with("OFXHEADER") || start.starts_with("<OFX>") || head.contains("<?OFX")
    {
        Some("OFX")
    } else if head.contains("urn:iso:std:iso:20022:tech:xsd:camt.") {
        Some("CAMT.053")
    } else if start.starts_with("!Type:")
        || start.starts_with("!Account")
        || start.starts_with("!Option")
    {
        Some("QIF")
    } else if start.starts_with("{1:") || head.lines().take(10).any(|l| l.starts_with(":20:")) {
        Some("MT940")
    } else if head.contains("京东账号名") {
        Some("JD")
    } else if head.contains("招商银行交易记录")
        || head.contains("明细查询文件下载")
        || head.contains("中国银行交易流水")
    {
        Some("bank CSV")
    } else if start.starts_with('<') {
        Some("HTML/XML")
    } else {
        None
    };
    not_yet.map_or(Sniffed::Unknown, Sniffed::NotYet)
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
        for (text, what) in [
            ("微信支付账单明细,,,,\n", "WeChat Pay CSV"),
            ("\r\n\r\nOFXHEADER:100\r\nDATA:OFXSGML", "OFX"),
            ("<?xml version=\"1.0\"?><?OFX OFXHEADER=\"200\"?>", "OFX"),
            ("!Type:Bank\nD01/02/2024\n", "QIF"),
            ("{1:F01ABC}", "MT940"),
        ] {
            assert_eq!(sniff_text(text), Sniffed::NotYet(what), "{text:?}");
        }
        assert_eq!(sniff_text("date,amount\n2024-01-01,1\n"), Sniffed::Unknown);
    }
}
