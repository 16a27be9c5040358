//! The Web Worker side: receives files from the page, imports and analyses them, posts results.
//! It holds the statements read so far, so each new file is analysed together with the others.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::analysis::analyse;
use crate::demo;
use crate::import::{
    import_file, import_file_with_mapping, import_files, ImportErrorKind, ImportedFile,
};
use crate::protocol::{FromWorker, ToWorker, PROTOCOL_VERSION};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Serialises a message as plain JS objects (not `Map`s) and posts it to the page.
fn post(message: &FromWorker) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    match serde::Serialize::serialize(message, &serializer) {
        Ok(value) => {
            if let Err(error) = scope().post_message(&value) {
                web_sys::console::error_2(&"statement-checker worker: post failed".into(), &error);
            }
        }
        Err(error) => {
            let text = format!("statement-checker worker: cannot encode a message: {error}");
            web_sys::console::error_1(&text.into());
        }
    }
}

/// Entry point of the worker binary.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // A panic aborts the worker; tell the page first so it can say so and start a new one.
        post(&FromWorker::Crashed {
            message: info.to_string(),
        });
    }));

    let state: Rc<RefCell<State>> = Rc::new(RefCell::new(State::default()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let header = Reflect::get(&data, &"msg".into()).unwrap_or(JsValue::UNDEFINED);
        let request: ToWorker = match serde_wasm_bindgen::from_value(header) {
            Ok(request) => request,
            Err(error) => {
                let text = format!("statement-checker worker: unreadable request: {error}");
                web_sys::console::error_1(&text.into());
                return;
            }
        };
        let mut state = state.borrow_mut();
        match request {
            ToWorker::Import { id, name } => {
                let bytes = Reflect::get(&data, &"bytes".into())
                    .ok()
                    .and_then(|b| b.dyn_into::<Uint8Array>().ok())
                    .map(|array| array.to_vec())
                    .unwrap_or_default();
                let files = import_files(&name, &bytes, None);
                if needs_password(&files) {
                    state.locked.insert(id, (name, bytes));
                } else if files.len() == 1 && files[0].mapping.is_some() {
                    // A guessed column mapping may be corrected by the user: keep the bytes.
                    state.mappable.insert(id, (name, bytes));
                }
                state.reply(id, files);
            }
            ToWorker::Remap { id, mapping } => {
                let Some((name, bytes)) = state.mappable.get(&id).cloned() else {
                    return;
                };
                let file = import_file_with_mapping(&name, &bytes, &mapping);
                state.forget(id);
                state.reply(id, vec![file]);
            }
            ToWorker::Unlock { id, password } => {
                let Some((name, bytes)) = state.locked.remove(&id) else {
                    return;
                };
                let files = import_files(&name, &bytes, Some(&password));
                if needs_password(&files) {
                    state.locked.insert(id, (name, bytes));
                }
                state.reply(id, files);
            }
            ToWorker::Demo { id } => {
                let file = import_file(demo::ALIPAY_DEMO_NAME, &demo::alipay_demo());
                state.reply(id, vec![file]);
            }
            ToWorker::Reset => *state = State::default(),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page; the handler must too.
    on_message.forget();

    post(&FromWorker::Ready {
        protocol: PROTOCOL_VERSION,
    });
}

/// What the worker holds: the statements read so far, and archives waiting for a password.
#[derive(Default)]
struct State {
    /// Statements read, in the order the page sent them.
    files: Vec<ImportedFile>,
    /// For each of `files`, the page's id of the file it came from.
    owners: Vec<u32>,
    /// Archives waiting for their password.
    locked: HashMap<u32, (String, Vec<u8>)>,
    /// Tables read with a guessed column mapping, kept so they can be read again.
    mappable: HashMap<u32, (String, Vec<u8>)>,
}

impl State {
    /// Drops the statements that came from the page's file `id`.
    fn forget(&mut self, id: u32) {
        let mut owners = self.owners.iter();
        self.files.retain(|_| owners.next() != Some(&id));
        self.owners.retain(|owner| *owner != id);
    }

    /// Adds what was read and posts it with the report over everything. An archive still
    /// waiting for its password is shown on the page but left out of the report.
    fn reply(&mut self, id: u32, files: Vec<ImportedFile>) {
        if !needs_password(&files) {
            self.files.extend(files.iter().cloned());
            self.owners.extend(files.iter().map(|_| id));
        }
        let report = analyse(&self.files);
        post(&FromWorker::Imported {
            id,
            files,
            report: Box::new(report),
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
