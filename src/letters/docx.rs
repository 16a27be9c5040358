//! Letters as Word documents: the smallest OOXML package Word and LibreOffice open
//! (`[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, its relationships and
//! `word/styles.xml`), with the evidence as a real table and a total row.
//!
//! Every piece of text is escaped for XML, and characters XML cannot carry or that could
//! reorder what is shown (controls, bidirectional overrides, zero-width characters) are removed:
//! counterparty names are written by whoever took the money.

use std::io::{Cursor, Write};

use chrono::Datelike;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::facts::{EvidenceRow, RowRole};
use super::text::{is_hostile, money, tr};
use super::{Letter, Section};
use crate::lang::Lang;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="SimSun" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>"#;

/// Column widths of the evidence table in twentieths of a point (A4, 2 cm margins: 9638).
const COLUMNS: [u32; 7] = [440, 1320, 960, 2260, 2480, 1040, 1138];

/// Escapes text for XML character data and attribute values, dropping what XML cannot carry
/// and what could reorder the text on screen.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_hostile(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A run of text (table cells use a 9-point size).
fn run(text: &str, bold: bool) -> String {
    let props = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

/// A run of text in a table cell: 9 points.
fn cell_run(text: &str, bold: bool) -> String {
    let bold = if bold { "<w:b/>" } else { "" };
    let props = format!(r#"<w:rPr>{bold}<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>"#);
    format!(
        r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

/// A paragraph, optionally with a style.
fn paragraph(text: &str, style: Option<&str>) -> String {
    let props = style
        .map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#))
        .unwrap_or_default();
    format!("<w:p>{props}{}</w:p>", run(text, false))
}

/// A table cell of `span` grid columns holding one paragraph per line.
fn cell(lines: &[String], width: u32, span: usize, bold: bool) -> String {
    let span_xml = if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    };
    let mut paragraphs = String::new();
    for line in lines {
        paragraphs.push_str(&format!(
            r#"<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{}</w:p>"#,
            cell_run(line, bold)
        ));
    }
    if lines.is_empty() {
        paragraphs.push_str("<w:p/>");
    }
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}</w:tcPr>{paragraphs}</w:tc>"#
    )
}

fn row_cells(row: &EvidenceRow, lang: Lang) -> [Vec<String>; 7] {
    let when = match row.time {
        Some(t) => vec![row.date.to_string(), t.format("%H:%M:%S").to_string()],
        None => vec![row.date.to_string()],
    };
    let sign = if row.role == RowRole::LoanPaidOut {
        "+"
    } else {
        ""
    };
    let mut amount = vec![format!(
        "{sign}{}",
        money(row.amount_minor, row.currency, lang)
    )];
    let role = match row.role {
        RowRole::Charge => None,
        RowRole::Duplicate => Some(tr(lang, "重复扣款", "duplicate")),
        RowRole::FailedOrder => Some(tr(
            lang,
            "显示未成功，不计入合计",
            "shown as failed; not in total",
        )),
        RowRole::BankDebit => Some(tr(lang, "银行卡扣款", "bank debit")),
        RowRole::LoanPaidOut => Some(tr(
            lang,
            "借款到账，不计入合计",
            "loan paid in; not in total",
        )),
    };
    if let Some(role) = role {
        amount.push(role.to_string());
    }
    let mut who = vec![row.counterparty.clone()];
    if !row.description.is_empty() {
        who.push(row.description.clone());
    }
    let mut ids = Vec::new();
    if let Some(id) = &row.order_id {
        ids.push(format!("{}{id}", tr(lang, "交易号 ", "ref ")));
    }
    if let Some(id) = &row.merchant_order_id {
        ids.push(format!("{}{id}", tr(lang, "商户单号 ", "merchant ")));
    }
    let mut method: Vec<String> = row.payment_method.iter().cloned().collect();
    if !row.status.is_empty() {
        method.push(row.status.clone());
    }
    let source = vec![
        row.file.clone(),
        match lang {
            Lang::Zh => format!("第 {} 行", row.line),
            Lang::En => format!("line {}", row.line),
        },
    ];
    [
        vec![row.index.to_string()],
        when,
        amount,
        who,
        ids,
        method,
        source,
    ]
}

fn table(letter: &Letter) -> String {
    let lang = letter.lang;
    let mut xml = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="9638" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#,
    );
    for w in COLUMNS {
        xml.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    xml.push_str("</w:tblGrid>");
    let headers = [
        tr(lang, "序号", "#"),
        tr(lang, "日期时间", "Date and time"),
        tr(lang, "金额", "Amount"),
        tr(lang, "交易对方 / 说明", "Counterparty / description"),
        tr(lang, "交易号 / 订单号", "Reference"),
        tr(lang, "支付方式 / 状态", "Paid with / status"),
        tr(lang, "来源", "Source"),
    ];
    xml.push_str(r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>"#);
    for (h, w) in headers.iter().zip(COLUMNS) {
        xml.push_str(&cell(&[h.to_string()], w, 1, true));
    }
    xml.push_str("</w:tr>");
    for row in &letter.evidence {
        xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (lines, w) in row_cells(row, lang).iter().zip(COLUMNS) {
            xml.push_str(&cell(lines, w, 1, false));
        }
        xml.push_str("</w:tr>");
    }
    let counted = letter.evidence.iter().filter(|r| r.counted).count();
    xml.push_str("<w:tr>");
    xml.push_str(&cell(
        &[tr(lang, "合计", "Total").to_string()],
        COLUMNS[0] + COLUMNS[1],
        2,
        true,
    ));
    xml.push_str(&cell(
        &[money(letter.total_minor, letter.currency, lang)],
        COLUMNS[2],
        1,
        true,
    ));
    let count = match lang {
        Lang::Zh => format!("{counted} 笔"),
        Lang::En if counted == 1 => "1 payment".to_string(),
        Lang::En => format!("{counted} payments"),
    };
    xml.push_str(&cell(&[count], COLUMNS[3..].iter().sum(), 4, false));
    xml.push_str("</w:tr></w:tbl>");
    xml
}

fn section_xml(section: &Section, letter: &Letter) -> String {
    let mut xml = String::new();
    if !section.heading.is_empty() {
        xml.push_str(&paragraph(&section.heading, Some("Heading1")));
    }
    for line in &section.lead {
        xml.push_str(&paragraph(line, None));
    }
    if section.table {
        xml.push_str(&table(letter));
    }
    for line in &section.paragraphs {
        xml.push_str(&paragraph(line, None));
    }
    xml
}

/// The `word/document.xml` part.
pub fn document_xml(letter: &Letter) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    xml.push_str(&paragraph(&letter.subject, Some("Title")));
    for section in &letter.sections {
        xml.push_str(&section_xml(section, letter));
    }
    xml.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#);
    xml
}

fn package(letter: &Letter, document: &str) -> zip::result::ZipResult<Vec<u8>> {
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(letter.date.year()).unwrap_or(1980),
        letter.date.month() as u8,
        letter.date.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The letter as a Word document (`.docx`): title, sections, and the evidence as a table with
/// a total row. The same letter always gives the same bytes.
pub fn to_docx(letter: &Letter) -> Vec<u8> {
    to_docx_with(letter, |xml| xml.to_string())
}

/// [`to_docx`] with the document's text passed through `convert` first (Traditional characters
/// for a reader of 繁體中文). `convert` must leave markup alone: it sees the whole XML part.
pub fn to_docx_with(letter: &Letter, convert: impl Fn(&str) -> String) -> Vec<u8> {
    // Writing to memory cannot fail short of running out of it.
    package(letter, &convert(&document_xml(letter))).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        for (raw, escaped) in [
            ("<w:t>&]]>", "&lt;w:t&gt;&amp;]]&gt;"),
            ("a\"b'c", "a&quot;b&apos;c"),
            ("\u{202E}abc\u{202C}", "abc"),
            ("x\u{0}\u{8}y\u{FFFE}", "xy"),
            ("乐享\t权益", "乐享 权益"),
        ] {
            assert_eq!(escape(raw), escaped, "{raw:?}");
        }
    }

    #[test]
    fn static_parts_are_well_formed() {
        for part in [CONTENT_TYPES, ROOT_RELS, DOCUMENT_RELS, STYLES] {
            let mut reader = quick_xml::Reader::from_str(part);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{e}"),
                }
            }
        }
    }
}
