//! The Web Worker side: reads the files the page hands over, imports and analyses them, and
//! answers with what the page shows. It holds the statements read so far, so each new file is
//! analysed together with the others; the page only ever receives findings, file summaries and
//! the table rows it asks for. Letters and downloads are written here too, so that the page's
//! own code stays small.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use crate::analysis::{analyse, Report};
use crate::demo;
use crate::import::{
    import_file, import_file_with_mapping, import_files, ImportError, ImportErrorKind,
    ImportedFile, MAX_FILE_BYTES,
};
use crate::protocol::{FromWorker, Progress, ToWorker, PROTOCOL_VERSION};
use crate::view::{self, Dashboard, FileView};

/// How much of a file is read at a time; the page hears how far reading has come after each.
const CHUNK_BYTES: u64 = 4 * 1024 * 1024;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a message to the page as JSON text (one string crosses into JavaScript and is read
/// back in one go, far cheaper than building an object per field), with the bytes of a
/// download moved (not copied) beside it.
fn post_with(message: &FromWorker, bytes: Option<&[u8]>) {
    let value = match serde_json::to_string(message) {
        Ok(json) => JsValue::from(json),
        Err(error) => {
            let text = format!("statement-checker worker: cannot encode a message: {error}");
            web_sys::console::error_1(&text.into());
            return;
        }
    };
    let result = match bytes {
        None => scope().post_message(&value),
        Some(bytes) => {
            let envelope = Object::new();
            let array = Uint8Array::from(bytes);
            let _ = Reflect::set(&envelope, &"msg".into(), &value);
            let _ = Reflect::set(&envelope, &"bytes".into(), &array);
            scope().post_message_with_transfer(&envelope, &Array::of1(&array.buffer()))
        }
    };
    if let Err(error) = result {
        web_sys::console::error_2(&"statement-checker worker: post failed".into(), &error);
    }
}

fn post(message: &FromWorker) {
    post_with(message, None);
}

/// Entry point of the worker binary.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // A panic aborts the worker; tell the page first so it can say so and start a new one.
        post(&FromWorker::Crashed {
            message: info.to_string(),
        });
    }));
    crate::hant::install(crate::hant::Table::builtin());
    warm_up();

    let state: Rc<RefCell<State>> = Rc::new(RefCell::new(State::default()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let header = Reflect::get(&data, &"msg".into()).unwrap_or(JsValue::UNDEFINED);
        let json = header.as_string().unwrap_or_default();
        let request: ToWorker = match serde_json::from_str(&json) {
            Ok(request) => request,
            Err(error) => {
                let text = format!("statement-checker worker: unreadable request: {error}");
                web_sys::console::error_1(&text.into());
                return;
            }
        };
        let file = Reflect::get(&data, &"file".into())
            .ok()
            .and_then(|f| f.dyn_into::<Blob>().ok());
        state.borrow_mut().handle(request, file);
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page; the handler must too.
    on_message.forget();

    post(&FromWorker::Ready {
        protocol: PROTOCOL_VERSION,
    });
}

/// The first calls into a fresh module run slower than later ones: memory is new and code not
/// yet optimised. Readying the memory and reading the demo a few times while the page is still
/// choosing a file takes that cost out of the user's wait.
fn warm_up() {
    prepare_heap();
    let demo = demo::alipay_demo();
    for _ in 0..WARM_UP_RUNS {
        let files = [import_file(demo::ALIPAY_DEMO_NAME, &demo)];
        let report = analyse(&files);
        let dashboard = Dashboard::build(0, &report, &files);
        std::hint::black_box(serde_json::to_string(&dashboard).ok());
    }
}

/// How many times the warm-up reads, analyses and answers for the demo statement. The browser
/// first runs new code through a quick compiler and swaps in optimised code only once a
/// function has done enough work, and only for its next call. After a single pass over the
/// demo's 804 rows the analysis of a 100,000-row file took 287–297 ms in the benchmark; after
/// six, 187–248 ms (BENCHMARKS.md).
const WARM_UP_RUNS: usize = 6;

/// How much memory the worker readies before the first file: about what reading and analysing
/// 100,000 Alipay rows takes (see BENCHMARKS.md).
const READY_HEAP_BYTES: usize = 96 * 1024 * 1024;

/// Devices reporting less memory than this (in GiB, `navigator.deviceMemory`) are left alone.
const READY_HEAP_MIN_DEVICE_GIB: f64 = 4.0;

/// Writes once over a block of fresh memory and gives it back to the allocator. The first write
/// to each page of new memory costs the operating system a fault and a page of zeros; done
/// while the page waits for a file, the reading then finds the memory ready (100,000 Alipay
/// rows: rows read in 199–227 ms instead of 265–308 ms in the benchmark). Skipped on devices
/// with little memory, where holding it would cost more than it saves.
fn prepare_heap() {
    let device_gib = Reflect::get(&scope(), &"navigator".into())
        .and_then(|navigator| Reflect::get(&navigator, &"deviceMemory".into()))
        .ok()
        .and_then(|value| value.as_f64());
    if device_gib.is_some_and(|gib| gib < READY_HEAP_MIN_DEVICE_GIB) {
        return;
    }
    let mut block: Vec<u8> = Vec::new();
    if block.try_reserve_exact(READY_HEAP_BYTES).is_ok() {
        block.resize(READY_HEAP_BYTES, 1);
        std::hint::black_box(&block);
    }
}

/// Reads a file's bytes in chunks, telling the page how far it has come. A file over the size
/// limit is not read at all.
fn read_blob(id: u32, blob: &Blob) -> Result<Vec<u8>, ImportErrorKind> {
    let total = blob.size() as u64;
    if total > MAX_FILE_BYTES {
        return Err(ImportErrorKind::TooLarge {
            bytes: total,
            limit: MAX_FILE_BYTES,
        });
    }
    let unreadable = |error: JsValue| ImportErrorKind::Unreadable {
        detail: error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{error:?}")),
    };
    let reader = FileReaderSync::new().map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(total as usize);
    let mut done = 0u64;
    while done < total {
        let end = (done + CHUNK_BYTES).min(total);
        let chunk = blob
            .slice_with_f64_and_f64(done as f64, end as f64)
            .map_err(unreadable)?;
        let buffer = reader.read_as_array_buffer(&chunk).map_err(unreadable)?;
        let array = Uint8Array::new(&buffer);
        let start = bytes.len();
        bytes.resize(start + array.length() as usize, 0);
        array.copy_to(&mut bytes[start..]);
        if array.length() == 0 {
            // The file shrank while being read: keep what there is.
            break;
        }
        done = bytes.len() as u64;
        if total > CHUNK_BYTES {
            post(&FromWorker::Progress {
                id,
                progress: Progress::Reading { done, total },
            });
        }
    }
    Ok(bytes)
}

/// What the worker holds: the statements read so far, the report over them, and files kept
/// for a second reading.
#[derive(Default)]
struct State {
    /// Statements read, in the order the page sent them.
    files: Vec<ImportedFile>,
    /// For each of `files`, the page's id of the file it came from.
    owners: Vec<u32>,
    /// The report over `files`.
    report: Option<Report>,
    /// Counts the analyses, so the page can tell an old dashboard from a new one.
    generation: u32,
    /// Archives waiting for their password.
    locked: HashMap<u32, (String, Vec<u8>)>,
    /// Tables read with a guessed column mapping, kept so they can be read again.
    mappable: HashMap<u32, (String, Vec<u8>)>,
}

impl State {
    fn handle(&mut self, request: ToWorker, file: Option<Blob>) {
        match request {
            ToWorker::Import { id, name } => {
                let size = file.as_ref().map_or(0, |blob| blob.size() as u64);
                let bytes = match file.map(|blob| read_blob(id, &blob)) {
                    Some(Ok(bytes)) => bytes,
                    Some(Err(kind)) => {
                        let failed =
                            ImportedFile::failed(name.into(), size, ImportError::new(kind));
                        return self.reply(id, vec![failed]);
                    }
                    None => Vec::new(),
                };
                self.parsing(id, &bytes);
                let files = import_files(&name, &bytes, None);
                if needs_password(&files) {
                    self.locked.insert(id, (name, bytes));
                } else if files.len() == 1 && files[0].mapping.is_some() {
                    // A guessed column mapping may be corrected by the user: keep the bytes.
                    self.mappable.insert(id, (name, bytes));
                }
                self.reply(id, files);
            }
            ToWorker::Remap { id, mapping } => {
                let Some((name, bytes)) = self.mappable.get(&id).cloned() else {
                    return;
                };
                self.parsing(id, &bytes);
                let file = import_file_with_mapping(&name, &bytes, &mapping);
                self.forget(id);
                self.reply(id, vec![file]);
            }
            ToWorker::Unlock { id, password } => {
                let Some((name, bytes)) = self.locked.remove(&id) else {
                    return;
                };
                self.parsing(id, &bytes);
                let files = import_files(&name, &bytes, Some(&password));
                if needs_password(&files) {
                    self.locked.insert(id, (name, bytes));
                }
                self.reply(id, files);
            }
            ToWorker::Demo { id } => {
                let file = import_file(demo::ALIPAY_DEMO_NAME, &demo::alipay_demo());
                self.reply(id, vec![file]);
            }
            ToWorker::Rows {
                ticket,
                offset,
                limit,
            } => post(&FromWorker::Rows {
                ticket,
                rows: view::page(&self.files, offset, limit),
            }),
            ToWorker::Letter { ticket, ask } => {
                let letter = self
                    .report
                    .as_ref()
                    .and_then(|report| view::letter(report, &self.files, &ask));
                post(&FromWorker::Letter {
                    ticket,
                    letter: letter.map(Box::new),
                });
            }
            ToWorker::Export { ticket, what } => {
                let file = self
                    .report
                    .as_ref()
                    .and_then(|report| view::export(report, &self.files, &what));
                match file {
                    Some(file) => post_with(
                        &FromWorker::Exported {
                            ticket,
                            name: Some(file.name),
                            mime: file.mime.to_string(),
                        },
                        Some(&file.bytes),
                    ),
                    None => post(&FromWorker::Exported {
                        ticket,
                        name: None,
                        mime: String::new(),
                    }),
                }
            }
            ToWorker::Reset => {
                // Generations keep counting, so nothing from before the reset looks current.
                *self = State {
                    generation: self.generation,
                    ..State::default()
                }
            }
        }
    }

    /// Tells the page that the rows are being read from a file's bytes.
    fn parsing(&self, id: u32, bytes: &[u8]) {
        post(&FromWorker::Progress {
            id,
            progress: Progress::Parsing {
                bytes: bytes.len() as u64,
            },
        });
    }

    /// Drops the statements that came from the page's file `id`.
    fn forget(&mut self, id: u32) {
        let mut owners = self.owners.iter();
        self.files.retain(|_| owners.next() != Some(&id));
        self.owners.retain(|owner| *owner != id);
    }

    /// Adds what was read, re-analyses, and posts the file cards with the new dashboard. An
    /// archive still waiting for its password is shown on the page but left out of the report.
    fn reply(&mut self, id: u32, files: Vec<ImportedFile>) {
        let mut cards: Vec<FileView> = files.iter().map(FileView::of).collect();
        let added = !needs_password(&files);
        if added {
            self.owners.extend(files.iter().map(|_| id));
            self.files.extend(files);
        }
        post(&FromWorker::Progress {
            id,
            progress: Progress::Analysing {
                rows: self.files.iter().map(|f| f.transactions.len() as u64).sum(),
            },
        });
        let report = analyse(&self.files);
        self.generation += 1;
        let dashboard = Dashboard::build(self.generation, &report, &self.files);
        if added {
            // The new files are the last ones; the report says which of their rows were read
            // before, from files already loaded.
            let first = report.files.len() - cards.len();
            cards = cards
                .into_iter()
                .zip(&report.files[first..])
                .map(|(card, summary)| card.with_repeats(summary))
                .collect();
        }
        self.report = Some(report);
        post(&FromWorker::Imported {
            id,
            files: cards,
            dashboard: Box::new(dashboard),
        });
    }
}

/// Whether an import stopped at an archive's password.
fn needs_password(files: &[ImportedFile]) -> bool {
    files.iter().any(|f| {
        matches!(
            f.error.as_ref().map(|e| &e.kind),
            Some(ImportErrorKind::PasswordRequired | ImportErrorKind::WrongPassword)
        )
    })
}
