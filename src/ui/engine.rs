//! The page's handle on the worker: starts it, holds messages until it says it is ready, sends
//! file bytes as transferred buffers, and starts a new worker if one crashes.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::protocol::{FromWorker, ToWorker, PROTOCOL_VERSION};

/// What the page hears from the engine.
pub enum EngineEvent {
    /// A message from the worker.
    Message(FromWorker),
    /// The worker stopped (crash, failed load).
    Lost {
        /// What went wrong.
        reason: String,
        /// Whether a fresh worker has been started (it holds no statements yet).
        restarted: bool,
    },
}

type Listener = Rc<dyn Fn(EngineEvent)>;

struct Inner {
    /// Whether a worker was ever asked for: it is started with the first request, so that the
    /// page can take a file before the reader's code has even been fetched.
    started: bool,
    worker: Option<Worker>,
    ready: bool,
    /// Workers lost in a row without one becoming ready; past a few, stop restarting.
    failures: u32,
    queue: Vec<(JsValue, Option<js_sys::ArrayBuffer>)>,
    listener: Listener,
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

/// A running worker and what is waiting for it.
#[derive(Clone)]
pub struct Engine(Rc<RefCell<Inner>>);

/// Where the worker's loader is, relative to the page.
const WORKER_URL: &str = "./engine_loader.js";

/// How many workers may be lost in a row before the page stops starting new ones (a worker that
/// cannot even load would otherwise be restarted for ever).
const MAX_RESTARTS: u32 = 3;

impl Engine {
    /// The handle; the worker itself starts with the first request. `listener` receives
    /// everything it says.
    pub fn start(listener: impl Fn(EngineEvent) + 'static) -> Engine {
        Engine(Rc::new(RefCell::new(Inner {
            started: false,
            worker: None,
            ready: false,
            failures: 0,
            queue: Vec::new(),
            listener: Rc::new(listener),
            _handlers: Vec::new(),
        })))
    }

    fn spawn(&self) {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = match Worker::new_with_options(WORKER_URL, &options) {
            Ok(worker) => worker,
            Err(error) => {
                let listener = Rc::clone(&self.0.borrow().listener);
                listener(EngineEvent::Lost {
                    reason: format!("{error:?}"),
                    restarted: false,
                });
                return;
            }
        };

        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let data = event.unchecked_into::<MessageEvent>().data();
            let message: FromWorker = match serde_wasm_bindgen::from_value(data) {
                Ok(message) => message,
                Err(error) => {
                    let text = format!("statement-checker: unreadable worker message: {error}");
                    web_sys::console::error_1(&text.into());
                    return;
                }
            };
            let engine = Engine(inner);
            if let FromWorker::Ready { protocol } = message {
                if protocol != PROTOCOL_VERSION {
                    engine.lost(format!(
                        "worker protocol {protocol}, page expects {PROTOCOL_VERSION}"
                    ));
                    return;
                }
                engine.0.borrow_mut().failures = 0;
                engine.flush();
            }
            let listener = Rc::clone(&engine.0.borrow().listener);
            listener(EngineEvent::Message(message));
        });

        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let text = event
                .dyn_ref::<ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_else(|| "worker error".to_string());
            Engine(inner).lost(text);
        });

        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.0.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
        inner._handlers = vec![on_message, on_error];
    }

    /// The worker is gone: drop it, tell the page, start a fresh one unless too many failed.
    fn lost(&self, reason: String) {
        let (listener, restart) = {
            let mut inner = self.0.borrow_mut();
            if let Some(worker) = inner.worker.take() {
                worker.terminate();
            }
            inner.ready = false;
            inner.queue.clear();
            inner.failures += 1;
            (Rc::clone(&inner.listener), inner.failures < MAX_RESTARTS)
        };
        if restart {
            self.spawn();
        }
        listener(EngineEvent::Lost {
            reason,
            restarted: restart,
        });
    }

    fn flush(&self) {
        let queue = {
            let mut inner = self.0.borrow_mut();
            inner.ready = true;
            std::mem::take(&mut inner.queue)
        };
        for (message, transfer) in queue {
            self.post(message, transfer);
        }
    }

    fn post(&self, message: JsValue, transfer: Option<js_sys::ArrayBuffer>) {
        let inner = self.0.borrow();
        let Some(worker) = inner.worker.as_ref() else {
            return;
        };
        let result = match &transfer {
            Some(buffer) => worker.post_message_with_transfer(&message, &Array::of1(buffer)),
            None => worker.post_message(&message),
        };
        if let Err(error) = result {
            web_sys::console::error_2(&"statement-checker: post to worker failed".into(), &error);
        }
    }

    fn send(&self, request: &ToWorker, bytes: Option<Uint8Array>) {
        let envelope = Object::new();
        let header = match serde_wasm_bindgen::to_value(request) {
            Ok(header) => header,
            Err(error) => {
                let text = format!("statement-checker: cannot encode a request: {error}");
                web_sys::console::error_1(&text.into());
                return;
            }
        };
        let _ = Reflect::set(&envelope, &"msg".into(), &header);
        let transfer = bytes.map(|array| {
            let _ = Reflect::set(&envelope, &"bytes".into(), &array);
            array.buffer()
        });
        let first = !std::mem::replace(&mut self.0.borrow_mut().started, true);
        if first {
            self.spawn();
        }
        let (ready, gone) = {
            let inner = self.0.borrow();
            (inner.ready, inner.worker.is_none())
        };
        if gone {
            let listener = Rc::clone(&self.0.borrow().listener);
            listener(EngineEvent::Lost {
                reason: "the reader could not be started".to_string(),
                restarted: false,
            });
        } else if ready {
            self.post(envelope.into(), transfer);
        } else {
            self.0.borrow_mut().queue.push((envelope.into(), transfer));
        }
    }

    /// Sends a file's bytes (moved, not copied) to be read as file `id`.
    pub fn import(&self, id: u32, name: String, bytes: Uint8Array) {
        self.send(&ToWorker::Import { id, name }, Some(bytes));
    }

    /// Retries the password-protected archive sent as file `id`.
    pub fn unlock(&self, id: u32, password: String) {
        self.send(&ToWorker::Unlock { id, password }, None);
    }

    /// Reads file `id` again with the columns the user chose.
    pub fn remap(&self, id: u32, mapping: crate::import::ColumnMapping) {
        self.send(&ToWorker::Remap { id, mapping }, None);
    }

    /// Asks for the built-in demo statement as file `id`.
    pub fn demo(&self, id: u32) {
        self.send(&ToWorker::Demo { id }, None);
    }

    /// Makes the worker forget every statement.
    pub fn reset(&self) {
        if self.0.borrow().started {
            self.send(&ToWorker::Reset, None);
        }
    }
}
