//! Offers bytes as a file download without any network request: a `blob:` URL on this page.
//! Files the worker writes (report, spreadsheet, Word letter) arrive as its transferred buffer
//! and go into the blob without passing through the page's own memory.

use js_sys::Uint8Array;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::engine::Engine;
use crate::protocol::{FromWorker, ToWorker};
use crate::view::Export;

/// Saves `bytes` as `name` through the browser's download.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), wasm_bindgen::JsValue> {
    download_array(name, mime, &Uint8Array::from(bytes))
}

fn download_array(name: &str, mime: &str, data: &Uint8Array) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(data);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Asks the worker to write `what` and saves it when it arrives.
pub fn save(engine: StoredValue<Engine, LocalStorage>, what: Export) {
    engine.with_value(|e| {
        e.ask(
            |ticket| ToWorker::Export { ticket, what },
            Box::new(|answer, bytes| {
                let FromWorker::Exported {
                    name: Some(name),
                    mime,
                    ..
                } = answer
                else {
                    web_sys::console::error_1(&"statement-checker: nothing to export".into());
                    return;
                };
                let bytes = bytes.unwrap_or_else(|| Uint8Array::new_with_length(0));
                report_error(download_array(&name, &mime, &bytes));
            }),
        )
    });
}

/// Logs a download the browser refused.
pub fn report_error(result: Result<(), wasm_bindgen::JsValue>) {
    if let Err(error) = result {
        web_sys::console::error_2(&"statement-checker: download failed".into(), &error);
    }
}
