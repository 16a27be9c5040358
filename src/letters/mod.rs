//! Complaint and cancellation letters drafted from a report's findings.
//!
//! A letter is built from the [`Report`] and the imported files (the rows are looked up by file
//! and line, so every transaction in a letter is exactly what the statement says), for one
//! finding, one [`Channel`] and one language. It states who writes and to whom, the facts in
//! order, the evidence table with its exact total, a blank for what the user already did, the
//! demands, a reply date computed from the channel's response time, the rules relied on (only
//! those checked well enough, each with its tag and source: see [`rules`]), the attachments, how
//! to send it and how to cancel the payments. Letters are drafts: the app never sends anything.
//!
//! Modules: [`channel`] (channels, routing, deadlines), [`facts`] (rows, patterns, evidence),
//! [`compose`] (the wording, Chinese and English side by side), [`rules`], [`cancel`],
//! [`render`] (plain text), [`docx`] (Word), [`ics`] (calendar reminders), [`text`] (helpers).

pub mod cancel;
pub mod channel;
pub mod compose;
pub mod docx;
pub mod facts;
pub mod ics;
pub mod render;
pub mod rules;
pub mod text;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use cancel::{how_to_cancel, path_for, CancelGuide, CancelPath};
pub use channel::{Channel, Window};
pub use docx::{to_docx, to_docx_with};
pub use facts::{EvidenceRow, Pattern, RowRole};
pub use ics::{deadline_ics, reminder_ics};
pub use render::{notes_text, to_text};
pub use rules::{RuleCitation, Tag};

use crate::analysis::{Report, TransactionRef};
use crate::import::ImportedFile;
use crate::lang::Lang;
use crate::model::Currency;
use facts::Finding;

/// Which finding of a report a letter is about: a stream or an alert, by its index in the
/// report's `streams` or `alerts`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "index")]
pub enum FindingRef {
    /// `report.streams[i]`.
    Stream(usize),
    /// `report.alerts[i]`.
    Alert(usize),
}

/// What the user tells about themselves. Anything missing is printed as a marked blank
/// (`【请填写：姓名】` / `[FILL IN: name]`), never made up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenderDetails {
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// Phone number (masked as `138****5678` unless `reveal_phone`).
    #[serde(default)]
    pub phone: Option<String>,
    /// The account concerned, masked (`**** 1234`, a masked login); long digit runs are masked
    /// again to their last four digits.
    #[serde(default)]
    pub account_masked: Option<String>,
    /// Postal address (12315 requires one).
    #[serde(default)]
    pub address: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Print the phone number in full (for a form or office that needs it).
    #[serde(default)]
    pub reveal_phone: bool,
}

/// One section of a letter: a heading, paragraphs, and (in the evidence section) the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The numbered heading (`三、事实经过`, `3. What happened`); empty for the opening and
    /// closing blocks.
    pub heading: String,
    /// Paragraphs before the table.
    pub lead: Vec<String>,
    /// Whether the evidence table goes here.
    pub table: bool,
    /// Paragraphs after the table.
    pub paragraphs: Vec<String>,
}

/// A drafted letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    /// The finding it is about.
    pub finding: FindingRef,
    /// Where it goes.
    pub channel: Channel,
    /// Its language.
    pub lang: Lang,
    /// The date it was drafted (`today`).
    pub date: NaiveDate,
    /// The subject line.
    pub subject: String,
    /// Who it is addressed to.
    pub recipient: String,
    /// The letter as plain text (without the subject line).
    pub body: String,
    /// The same letter in sections (for the Word document).
    pub sections: Vec<Section>,
    /// The date a reply is asked for.
    pub deadline: NaiveDate,
    /// How the deadline was counted.
    pub window: Window,
    /// The transactions, exactly as the statements have them.
    pub evidence: Vec<EvidenceRow>,
    /// The currency of the amounts.
    pub currency: Currency,
    /// The sum of the disputed rows (rows marked `counted`), in minor units.
    pub total_minor: i64,
    /// What the letter asks back, in minor units.
    pub claim_minor: i64,
    /// The rules relied on.
    pub rules: Vec<RuleCitation>,
    /// What to enclose.
    pub attachments: Vec<String>,
    /// How to send it.
    pub how_to_send: Vec<String>,
    /// How to stop the payments.
    pub how_to_cancel: Vec<CancelGuide>,
    /// Rows the report names that no imported file holds.
    pub missing_rows: Vec<TransactionRef>,
}

/// The channels that fit a finding, in the order to use them (see [`channel::route`]). Empty
/// for income and for a finding the report does not have.
pub fn channels_for(report: &Report, files: &[ImportedFile], finding: FindingRef) -> Vec<Channel> {
    Finding::resolve(report, files, finding)
        .map(|f| channel::route(&f))
        .unwrap_or_default()
}

/// The places the finding's payments can be stopped, with their steps.
pub fn cancel_guides(
    report: &Report,
    files: &[ImportedFile],
    finding: FindingRef,
    lang: Lang,
) -> Vec<CancelGuide> {
    Finding::resolve(report, files, finding)
        .map(|f| {
            cancel::paths_for(&f)
                .into_iter()
                .map(|p| how_to_cancel(p, lang))
                .collect()
        })
        .unwrap_or_default()
}

/// Drafts the letter about `finding` for `channel` in `lang`. `today` is the letter's date;
/// the reply deadline counts from it. A finding the report does not have gives a letter whose
/// facts are all blanks.
pub fn draft(
    report: &Report,
    files: &[ImportedFile],
    finding: FindingRef,
    channel: Channel,
    lang: Lang,
    sender: &SenderDetails,
    today: NaiveDate,
) -> Letter {
    match Finding::resolve(report, files, finding) {
        Some(found) => compose::compose(&found, channel, lang, sender, today),
        None => compose::compose(&Finding::empty(finding), channel, lang, sender, today),
    }
}
