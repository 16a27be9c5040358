//! Messages between the page and the worker that runs import and analysis. The file's bytes
//! travel beside the message as a transferred `ArrayBuffer`, never copied into it.

use serde::{Deserialize, Serialize};

use crate::analysis::Report;
use crate::import::{ColumnMapping, ImportedFile};

/// Bumped whenever a message changes shape, so a page and a worker from different builds refuse
/// to talk rather than misread each other.
pub const PROTOCOL_VERSION: u32 = 3;

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToWorker {
    /// Read the file whose bytes come with this message, add it to the statements, re-analyse.
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
    /// Forget every statement the worker holds.
    Reset,
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker has loaded and takes messages now.
    Ready {
        /// The worker's [`PROTOCOL_VERSION`].
        protocol: u32,
    },
    /// A file was read (or could not be) and the report over all files was remade. An archive
    /// yields one entry per statement inside it.
    Imported {
        /// The page's id for the file.
        id: u32,
        /// The statements read from it (one for a plain file).
        files: Vec<ImportedFile>,
        /// The report over every file the worker holds.
        report: Box<Report>,
    },
    /// The worker hit a bug and is about to stop.
    Crashed {
        /// What went wrong, for the user to quote.
        message: String,
    },
}
