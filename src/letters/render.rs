//! Letters as plain text: the letter itself (to copy or save as .txt) and, apart from it, the
//! notes for the user (deadline, how to send, how to cancel, where each rule comes from).

use super::compose::evidence_line;
use super::text::{long_date, tr, DateStyle};
use super::Letter;
use crate::lang::Lang;

/// The letter's body: every section in order, the evidence table as one line per row.
pub(crate) fn body_text(letter: &Letter) -> String {
    let mut out = String::new();
    for section in &letter.sections {
        if !out.is_empty() {
            out.push('\n');
        }
        if !section.heading.is_empty() {
            out.push_str(&section.heading);
            out.push('\n');
        }
        for line in &section.lead {
            out.push_str(line);
            out.push('\n');
        }
        if section.table {
            for row in &letter.evidence {
                out.push_str(&evidence_line(row, letter.lang));
                out.push('\n');
            }
        }
        for line in &section.paragraphs {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The letter as plain text, subject first: what the user copies or saves as `.txt`.
pub fn to_text(letter: &Letter) -> String {
    let label = tr(letter.lang, "标题：", "Subject: ");
    format!("{label}{}\n\n{}", letter.subject, letter.body)
}

/// Notes for the user that are not part of the letter: the reply date, how to send it, how to
/// stop the payments, and the sources of the rules cited.
pub fn notes_text(letter: &Letter) -> String {
    let lang = letter.lang;
    let style = match lang {
        Lang::Zh => DateStyle::Chinese,
        Lang::En => DateStyle::British,
    };
    let mut out = String::new();
    out.push_str(tr(
        lang,
        "—— 以下为给您的提示，不属于信件内容 ——\n",
        "--- Notes for you; not part of the letter ---\n",
    ));
    out.push_str(&match lang {
        Lang::Zh => format!(
            "答复期限：{}（{}）\n",
            long_date(letter.deadline, style),
            letter.deadline
        ),
        Lang::En => format!(
            "Reply due: {} ({})\n",
            long_date(letter.deadline, style),
            letter.deadline
        ),
    });
    out.push_str(tr(lang, "\n如何发送：\n", "\nHow to send it:\n"));
    for line in &letter.how_to_send {
        out.push_str(&format!("- {line}\n"));
    }
    for guide in &letter.how_to_cancel {
        out.push_str(&format!("\n{}\n", guide.title));
        for (i, step) in guide.steps.iter().enumerate() {
            out.push_str(&format!("{}. {step}\n", i + 1));
        }
        out.push_str(&match lang {
            Lang::Zh => format!("来源：{}（核对于 {}）\n", guide.source, guide.checked_on),
            Lang::En => format!("Source: {} (checked {})\n", guide.source, guide.checked_on),
        });
    }
    if !letter.rules.is_empty() {
        out.push_str(tr(lang, "\n条文出处：\n", "\nWhere the rules come from:\n"));
        for rule in &letter.rules {
            let article = rule.article.as_deref().unwrap_or("");
            let sep = if article.is_empty() || rule.name.ends_with('》') {
                ""
            } else {
                " "
            };
            let colon = tr(lang, "：", ": ");
            out.push_str(&format!(
                "- {}{sep}{article}{colon}{}\n",
                rule.name, rule.source
            ));
        }
    }
    out.push_str(tr(
        lang,
        "\n本函为草稿，请核对所有【请填写】与【请核实】处后再发送；本程序不会替您发送任何内容。\n",
        "\nThis is a draft: fill in every [FILL IN] and confirm every [CHECK] before sending. The app never sends anything for you.\n",
    ));
    out
}
