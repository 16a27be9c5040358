//! The page's handle on the worker: starts it, holds messages until it says it is ready, hands
//! over files (as `File` handles: the worker reads them itself), routes each answer to whoever
//! asked, and starts a new worker if one crashes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, MessageEvent, Worker, WorkerOptions, WorkerType};

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

/// Receives the answer to one request, with the bytes of a written file when there are any.
pub type Answer = Box<dyn FnOnce(FromWorker, Option<Uint8Array>)>;

struct Inner {
    /// Whether a worker was ever asked for: it is started with the first request, so that the
    /// page can take a file before the reader's code has even been fetched.
    started: bool,
    worker: Option<Worker>,
    ready: bool,
    /// Workers lost in a row without one becoming ready; past a few, stop restarting.
    failures: u32,
    queue: Vec<JsValue>,
    listener: Listener,
    /// Who waits for which answer. Answers lost with a crashed worker never come; their
    /// askers simply ask again when they next need to.
    pending: HashMap<u32, Answer>,
    next_ticket: u32,
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
            pending: HashMap::new(),
            next_ticket: 1,
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
            // A written file comes as `{msg, bytes}`; everything else as the message's JSON.
            let bytes = Reflect::get(&data, &"bytes".into())
                .ok()
                .and_then(|b| b.dyn_into::<Uint8Array>().ok());
            let header = match &bytes {
                Some(_) => Reflect::get(&data, &"msg".into()).unwrap_or(JsValue::UNDEFINED),
                None => data,
            };
            let json = header.as_string().unwrap_or_default();
            let message: FromWorker = match serde_json::from_str(&json) {
                Ok(message) => message,
                Err(error) => {
                    let text = format!("statement-checker: unreadable worker message: {error}");
                    web_sys::console::error_1(&text.into());
                    return;
                }
            };
            if let Some(ticket) = message.ticket() {
                let answer = inner.borrow_mut().pending.remove(&ticket);
                if let Some(answer) = answer {
                    answer(message, bytes);
                }
                return;
            }
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
            inner.pending.clear();
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
        for message in queue {
            self.post(message);
        }
    }

    fn post(&self, message: JsValue) {
        let inner = self.0.borrow();
        let Some(worker) = inner.worker.as_ref() else {
            return;
        };
        if let Err(error) = worker.post_message(&message) {
            web_sys::console::error_2(&"statement-checker: post to worker failed".into(), &error);
        }
    }

    fn send(&self, request: &ToWorker, file: Option<File>) {
        let envelope = Object::new();
        let header = match serde_json::to_string(request) {
            Ok(header) => JsValue::from(header),
            Err(error) => {
                let text = format!("statement-checker: cannot encode a request: {error}");
                web_sys::console::error_1(&text.into());
                return;
            }
        };
        let _ = Reflect::set(&envelope, &"msg".into(), &header);
        if let Some(file) = file {
            let _ = Reflect::set(&envelope, &"file".into(), &file);
        }
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
            self.post(envelope.into());
        } else {
            self.0.borrow_mut().queue.push(envelope.into());
        }
    }

    /// Sends the request `make` builds around a fresh ticket; `answer` gets the reply.
    pub fn ask(&self, make: impl FnOnce(u32) -> ToWorker, answer: Answer) {
        let ticket = {
            let mut inner = self.0.borrow_mut();
            let ticket = inner.next_ticket;
            inner.next_ticket = inner.next_ticket.wrapping_add(1);
            inner.pending.insert(ticket, answer);
            ticket
        };
        self.send(&make(ticket), None);
    }

    /// Starts the worker ahead of the first file (once the page has settled), so that its
    /// code is loaded and compiled before the person picks a statement.
    pub fn warm(&self) {
        let first = !std::mem::replace(&mut self.0.borrow_mut().started, true);
        if first {
            self.spawn();
        }
    }

    /// Hands the worker a file to read as file `id`: the handle, not its bytes.
    pub fn import(&self, id: u32, file: File) {
        self.send(
            &ToWorker::Import {
                id,
                name: file.name(),
            },
            Some(file),
        );
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
