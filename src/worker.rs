//! The Web Worker side: receives files from the page, imports and analyses them, posts results.
//! It holds the statements read so far, so each new file is analysed together with the others.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::analysis::analyse;
use crate::demo;
use crate::import::{import_file, ImportedFile};
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

    let files: Rc<RefCell<Vec<ImportedFile>>> = Rc::new(RefCell::new(Vec::new()));
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
        match request {
            ToWorker::Import { id, name } => {
                let bytes = Reflect::get(&data, &"bytes".into())
                    .ok()
                    .and_then(|b| b.dyn_into::<Uint8Array>().ok())
                    .map(|array| array.to_vec())
                    .unwrap_or_default();
                let file = import_file(&name, &bytes);
                drop(bytes);
                reply(&files, id, file);
            }
            ToWorker::Demo { id } => {
                let file = import_file(demo::ALIPAY_DEMO_NAME, &demo::alipay_demo());
                reply(&files, id, file);
            }
            ToWorker::Reset => files.borrow_mut().clear(),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page; the handler must too.
    on_message.forget();

    post(&FromWorker::Ready {
        protocol: PROTOCOL_VERSION,
    });
}

fn reply(files: &Rc<RefCell<Vec<ImportedFile>>>, id: u32, file: ImportedFile) {
    let mut all = files.borrow_mut();
    all.push(file.clone());
    let report = analyse(&all);
    post(&FromWorker::Imported {
        id,
        file: Box::new(file),
        report: Box::new(report),
    });
}
