//! Messages between the page and the worker that runs import, analysis and the letter writer.
//! They travel as JSON text. A file travels beside its message as a `File` handle (the worker
//! reads it itself); a file written for download comes back beside its message as a
//! transferred buffer. Neither is ever copied into a message.
//!
//! The enums use serde's default (external) tagging: internal tags make serde buffer every
//! message in a generic form first, and that code would weigh on the page's first download.

use serde::{Deserialize, Serialize};

use crate::import::ColumnMapping;
use crate::view::{Dashboard, Export, FileView, LetterAsk, LetterView, Row};

/// Bumped whenever a message changes shape, so a page and a worker from different builds refuse
/// to talk rather than misread each other.
pub const PROTOCOL_VERSION: u32 = 5;

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// Read the file that comes with this message, add it to the statements, re-analyse.
    Import {
        /// The page's id for this file.
        id: u32,
        /// The file's name.
        name: String,
    },
    /// Try again to open the password-protected archive sent as file `id`, with this password.
    /// The worker keeps such an archive's bytes until it opens or the page resets; the password
    /// is used once and not kept.
    Unlock {
        /// The page's id for the archive.
        id: u32,
        /// The password the user typed.
        password: String,
    },
    /// Read file `id` (a table of no known layout) again with the columns the user chose.
    Remap {
        /// The page's id for the file.
        id: u32,
        /// The mapping to read it with.
        mapping: ColumnMapping,
    },
    /// Load the built-in demo statement as file `id`.
    Demo {
        /// The page's id for this file.
        id: u32,
    },
    /// Send rows of the transactions table.
    Rows {
        /// Echoed in the answer.
        ticket: u32,
        /// The first row wanted (0-based, over every readable statement in order).
        offset: usize,
        /// How many rows.
        limit: usize,
    },
    /// Draft a finding's letter.
    Letter {
        /// Echoed in the answer.
        ticket: u32,
        /// What to draft.
        ask: LetterAsk,
    },
    /// Write a file for download.
    Export {
        /// Echoed in the answer.
        ticket: u32,
        /// Which file.
        what: Export,
    },
    /// Forget every statement the worker holds.
    Reset,
}

/// How far the reading of a file has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// The file's bytes are being read.
    Reading {
        /// Bytes read so far.
        done: u64,
        /// The file's size.
        total: u64,
    },
    /// The rows are being read from the bytes.
    Parsing {
        /// The file's size.
        bytes: u64,
    },
    /// Every statement held is being analysed together.
    Analysing {
        /// How many transactions the statements hold.
        rows: u64,
    },
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker has loaded and takes messages now.
    Ready {
        /// The worker's [`PROTOCOL_VERSION`].
        protocol: u32,
    },
    /// File `id` is under way.
    Progress {
        /// The page's id for the file.
        id: u32,
        /// How far it has come.
        progress: Progress,
    },
    /// A file was read (or could not be) and the findings over all files were remade. An
    /// archive yields one entry per statement inside it.
    Imported {
        /// The page's id for the file.
        id: u32,
        /// The statements read from it (one for a plain file).
        files: Vec<FileView>,
        /// The findings over every file the worker holds.
        dashboard: Box<Dashboard>,
    },
    /// Rows of the transactions table.
    Rows {
        /// The request's ticket.
        ticket: u32,
        /// The rows, possibly fewer than asked for at the end.
        rows: Vec<Row>,
    },
    /// A drafted letter, or none when the finding is gone (the statements changed).
    Letter {
        /// The request's ticket.
        ticket: u32,
        /// The letter.
        letter: Option<Box<LetterView>>,
    },
    /// A file written for download; its bytes come beside the message. Without a name, it
    /// could not be written.
    Exported {
        /// The request's ticket.
        ticket: u32,
        /// The file's name.
        name: Option<String>,
        /// Its media type.
        mime: String,
    },
    /// The worker hit a bug and is about to stop.
    Crashed {
        /// What went wrong, for the user to quote.
        message: String,
    },
}

impl FromWorker {
    /// The ticket of an answer to a request that carried one.
    pub fn ticket(&self) -> Option<u32> {
        match self {
            FromWorker::Rows { ticket, .. }
            | FromWorker::Letter { ticket, .. }
            | FromWorker::Exported { ticket, .. } => Some(*ticket),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_answers_carry_tickets() {
        let cases = [
            (
                FromWorker::Rows {
                    ticket: 4,
                    rows: Vec::new(),
                },
                Some(4),
            ),
            (
                FromWorker::Letter {
                    ticket: 5,
                    letter: None,
                },
                Some(5),
            ),
            (
                FromWorker::Exported {
                    ticket: 6,
                    name: None,
                    mime: String::new(),
                },
                Some(6),
            ),
            (FromWorker::Ready { protocol: 4 }, None),
            (
                FromWorker::Progress {
                    id: 1,
                    progress: Progress::Parsing { bytes: 10 },
                },
                None,
            ),
        ];
        for (message, ticket) in cases {
            assert_eq!(message.ticket(), ticket, "{message:?}");
        }
    }

    #[test]
    fn messages_read_back_as_written() {
        let messages = [
            ToWorker::Rows {
                ticket: 1,
                offset: 200,
                limit: 100,
            },
            ToWorker::Export {
                ticket: 2,
                what: Export::FindingsCsv {
                    locale: crate::lang::Locale::Hant,
                },
            },
            ToWorker::Reset,
        ];
        for message in messages {
            let json = serde_json::to_string(&message).unwrap();
            let back: ToWorker = serde_json::from_str(&json).unwrap();
            assert_eq!(back, message, "{json}");
        }
        let progress = FromWorker::Progress {
            id: 3,
            progress: Progress::Reading {
                done: 1 << 20,
                total: 3 << 20,
            },
        };
        let json = serde_json::to_string(&progress).unwrap();
        assert_eq!(
            json,
            r#"{"progress":{"id":3,"progress":{"reading":{"done":1048576,"total":3145728}}}}"#
        );
    }
}
