//! The page: drop zone, status, per-file summaries and the transactions table.

use std::sync::Arc;

use leptos::prelude::*;
use web_sys::{File, FileList, HtmlInputElement};

use super::batches::drawn_in_batches;
use super::engine::{Engine, EngineEvent};
use super::findings::Findings;
use super::i18n::{direction, said, t, Locale, Text};
use super::mapping::{remembered, same_roles, MappingEditor};
use super::storage;
use crate::analysis::ErrorJson;
use crate::decisions::{Decision, Decisions, Stored};
use crate::import::ColumnMapping;
use crate::model::{format_minor, Direction};
use crate::protocol::{FromWorker, Progress, ToWorker};
use crate::view::{self, file_size_text, Dashboard, FileView, Row};

/// How many table rows one page shows; the rest are a click away (asked of the worker, which
/// holds the rows), so the page stays light even with a hundred thousand rows.
const PAGE_SIZE: usize = view::PAGE_ROWS;

/// How many table rows are drawn in one task.
const ROWS_PER_BATCH: usize = 25;

/// How long after the page has loaded the reader is started in the background.
const WARM_UP_DELAY_MS: u64 = 1500;

/// Where the page keeps the person's decisions about streams.
const DECISIONS_KEY: &str = "decisions";
/// Where a decisions value this build could not read is set aside (never deleted by the app
/// except through "forget all").
const DAMAGED_DECISIONS_KEY: &str = "decisions.unreadable";
/// Where the chosen language is kept.
const LOCALE_KEY: &str = "locale";

/// What the user gave, kept so that the statements can be read again by a fresh worker if the
/// one holding them crashes. A `File` is a handle on the user's file, not a copy of it.
#[derive(Clone)]
enum Source {
    /// A file from the picker or a drop.
    File(File),
    /// The built-in demo.
    Demo,
}

impl Source {
    fn size(&self) -> Option<u64> {
        match self {
            // A `File`'s size is a whole number of bytes, given as a JavaScript number.
            Source::File(file) => Some(file.size() as u64),
            Source::Demo => None,
        }
    }

    fn name(&self) -> String {
        match self {
            Source::File(file) => file.name(),
            Source::Demo => crate::demo::ALIPAY_DEMO_NAME.to_string(),
        }
    }
}

/// A file the user gave, in whatever state it is.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    /// The page's id for it.
    pub id: u32,
    /// The id of what the user gave (an archive's statements share their archive's id here).
    pub origin: u32,
    /// Its name.
    pub name: String,
    /// Its size in bytes, when the browser told it.
    pub bytes: Option<u64>,
    /// Where it is.
    pub state: FileState,
}

/// Where a file is in its journey.
#[derive(Clone, Debug, PartialEq)]
pub enum FileState {
    /// With the worker, not back yet; how far it has come, once the worker has said.
    Reading(Option<Progress>),
    /// Back from the worker (read, or with its error).
    Read(Arc<FileView>),
}

impl FileState {
    fn reading(&self) -> bool {
        matches!(self, FileState::Reading(_))
    }
}

impl LoadedFile {
    fn error(&self) -> Option<&ErrorJson> {
        match &self.state {
            FileState::Read(file) => file.error.as_ref(),
            FileState::Reading(_) => None,
        }
    }
}

/// What the status element says (`data-state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing loaded.
    Idle,
    /// Some file is being read.
    Working,
    /// Every file read and analysed.
    Done,
    /// Every file is back, and some could not be read.
    Error,
}

impl Status {
    fn of(files: &[LoadedFile]) -> Status {
        if files.is_empty() {
            Status::Idle
        } else if files.iter().any(|f| f.state.reading()) {
            Status::Working
        } else if files.iter().any(|f| f.error().is_some()) {
            Status::Error
        } else {
            Status::Done
        }
    }

    fn id(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Working => "working",
            Status::Done => "done",
            Status::Error => "error",
        }
    }

    fn text(self) -> Text {
        match self {
            Status::Idle => Text::StatusIdle,
            Status::Working => Text::StatusWorking,
            Status::Done => Text::StatusDone,
            Status::Error => Text::StatusError,
        }
    }
}

/// The language chosen before on this device, else the browser's.
fn preferred_locale() -> Locale {
    storage::get(LOCALE_KEY)
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
        .map(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

/// The decisions stored on this device. A value this build cannot read is set aside first, so
/// that writing new decisions never destroys it.
fn load_decisions() -> (Decisions, bool) {
    let stored = Stored::parse(storage::get(DECISIONS_KEY).as_deref());
    if let Stored::Damaged { raw } = &stored {
        storage::set(DAMAGED_DECISIONS_KEY, raw);
    }
    (stored.decisions(), stored.writable())
}

fn set_document_language(lang: Locale) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Fetches the Traditional table (from the bundle; offline from the service worker's cache)
/// and puts it in use.
async fn fetch_hant_table() -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(crate::hant::TABLE_URL))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(format!("{} {}", crate::hant::TABLE_URL, response.status()).into());
    }
    let text = JsFuture::from(response.text()?).await?;
    let text = text.as_string().ok_or("table is not text")?;
    let table = crate::hant::Table::parse(&text)?;
    crate::hant::install(table);
    Ok(())
}

/// Shows the page in `locale`. Traditional needs its table first: until it has arrived the page
/// stays as it is, then switches.
fn switch_to(lang: RwSignal<Locale>, locale: Locale) {
    if locale != Locale::Hant || crate::hant::ready() {
        lang.set(locale);
        return;
    }
    leptos::task::spawn_local(async move {
        match fetch_hant_table().await {
            Ok(()) => lang.set(Locale::Hant),
            Err(error) => web_sys::console::error_2(
                &"statement-checker: cannot load the Traditional table".into(),
                &error,
            ),
        }
    });
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let preferred = preferred_locale();
    let lang = RwSignal::new(if preferred == Locale::Hant {
        Locale::Hans
    } else {
        preferred
    });
    switch_to(lang, preferred);
    Effect::new(move |_| set_document_language(lang.get()));
    let (stored_decisions, decisions_writable) = load_decisions();
    let decisions = RwSignal::new(stored_decisions);
    let files = RwSignal::new(Vec::<LoadedFile>::new());
    let sources = StoredValue::new_local(Vec::<(u32, Source)>::new());
    let mappings = StoredValue::new(Vec::<(u32, ColumnMapping)>::new());
    let dashboard = RwSignal::new(None::<Arc<Dashboard>>);
    let notice = RwSignal::new(None::<Text>);
    let next_id = StoredValue::new(1u32);
    let auto_remap = RwSignal::new(None::<(u32, ColumnMapping)>);
    // Files to send again to a fresh worker after a crash.
    let resend = RwSignal::new(None::<Vec<u32>>);

    let engine = Engine::start(move |event| match event {
        EngineEvent::Message(FromWorker::Progress { id, progress }) => {
            files.update(|all| {
                if let Some(entry) = all.iter_mut().find(|f| f.id == id && f.state.reading()) {
                    entry.state = FileState::Reading(Some(progress));
                }
            });
        }
        EngineEvent::Message(FromWorker::Imported {
            id,
            files: read,
            dashboard: new_dashboard,
        }) => {
            // Drawn in a task of its own: reading the message and drawing what it says are two
            // shorter waits for the page instead of one long one.
            set_timeout(
                move || {
                    files.update(|all| {
                        let Some(at) = all.iter().position(|f| f.id == id) else {
                            return;
                        };
                        // An archive becomes one entry per statement inside it; the first keeps the id
                        // (so a password prompt can be answered), the others get new ones.
                        let mut entries = Vec::with_capacity(read.len());
                        for (n, file) in read.into_iter().enumerate() {
                            let entry_id = if n == 0 {
                                id
                            } else {
                                let fresh = next_id.get_value();
                                next_id.set_value(fresh + 1);
                                fresh
                            };
                            entries.push(LoadedFile {
                                id: entry_id,
                                origin: all[at].origin,
                                bytes: None,
                                name: file.name.clone(),
                                state: FileState::Read(Arc::new(file)),
                            });
                        }
                        if !entries.is_empty() {
                            all.splice(at..=at, entries);
                        }
                    });
                    dashboard.set(Some(Arc::new(*new_dashboard)));
                    // A table read with a guessed mapping: use the one the person chose before for this
                    // header, if it differs.
                    let guessed = files.with_untracked(|all| {
                        all.iter()
                            .find(|f| f.id == id)
                            .and_then(|f| match &f.state {
                                FileState::Read(file) => {
                                    file.mapping.clone().zip(file.header_shape.clone())
                                }
                                FileState::Reading(_) => None,
                            })
                    });
                    if let Some((guess, shape)) = guessed {
                        if let Some(chosen) =
                            remembered(&guess, &shape).filter(|c| !same_roles(c, &guess))
                        {
                            auto_remap.set(Some((id, chosen)));
                        }
                    }
                },
                std::time::Duration::ZERO,
            );
        }
        EngineEvent::Message(FromWorker::Crashed { message }) => {
            web_sys::console::error_1(
                &format!("statement-checker worker crashed: {message}").into(),
            );
        }
        EngineEvent::Message(_) => {}
        EngineEvent::Lost { reason, restarted } => {
            web_sys::console::error_1(&format!("statement-checker worker lost: {reason}").into());
            notice.set(Some(Text::WorkerCrashed));
            let mut again = Vec::new();
            files.update(|all| {
                // What was being read when the worker died is the likely cause: report it and
                // do not send it again, or a bad file would crash every new worker.
                let mut suspects = Vec::new();
                for entry in all.iter_mut().filter(|f| f.state.reading()) {
                    suspects.push(entry.origin);
                    entry.state = FileState::Read(Arc::new(view::crashed_on(&entry.name, &reason)));
                }
                if !restarted {
                    return;
                }
                // Everything else the dead worker held is read again by the new one.
                again = sources.with_value(|all_sources| {
                    all_sources
                        .iter()
                        .filter(|(origin, _)| !suspects.contains(origin))
                        .map(|(origin, source)| (*origin, source.name()))
                        .collect::<Vec<_>>()
                });
                for (origin, name) in &again {
                    let Some(first) = all.iter().position(|f| f.origin == *origin) else {
                        continue;
                    };
                    let keep = all[first].id;
                    all.retain(|f| f.origin != *origin || f.id == keep);
                    if let Some(entry) = all.iter_mut().find(|f| f.origin == *origin) {
                        entry.id = *origin;
                        entry.name = name.clone();
                        entry.state = FileState::Reading(None);
                    }
                }
            });
            if !again.is_empty() {
                resend.set(Some(again.into_iter().map(|(origin, _)| origin).collect()));
            }
        }
    });
    let engine = StoredValue::new_local(engine);
    provide_context(engine);
    // The page can take a file without the reader's code (its first download stays small);
    // the reader is started once the page has settled, so that a file chosen later finds it
    // ready, and at the latest with the first file.
    set_timeout(
        move || {
            engine.try_with_value(Engine::warm);
        },
        std::time::Duration::from_millis(WARM_UP_DELAY_MS),
    );
    let remap = Callback::new(move |(id, mapping): (u32, ColumnMapping)| {
        let mut plain_file = false;
        files.update(|all| {
            if let Some(entry) = all.iter_mut().find(|f| f.id == id) {
                entry.state = FileState::Reading(None);
                plain_file = entry.origin == id;
            }
        });
        if plain_file {
            mappings.update_value(|all| {
                all.retain(|(of, _)| *of != id);
                all.push((id, mapping.clone()));
            });
        }
        engine.with_value(|e| e.remap(id, mapping));
    });
    Effect::new(move |_| {
        let Some(ids) = resend.get() else { return };
        resend.set(None);
        for id in ids {
            let source = sources
                .with_value(|all| all.iter().find(|(of, _)| *of == id).map(|(_, s)| s.clone()));
            match source {
                Some(Source::File(file)) => {
                    let mapping = mappings.with_value(|all| {
                        all.iter().find(|(of, _)| *of == id).map(|(_, m)| m.clone())
                    });
                    engine.with_value(|e| {
                        e.import(id, file);
                        if let Some(mapping) = mapping {
                            e.remap(id, mapping);
                        }
                    });
                }
                Some(Source::Demo) => engine.with_value(|e| e.demo(id)),
                None => {}
            }
        }
    });
    Effect::new(move |_| {
        if let Some(request) = auto_remap.get() {
            auto_remap.set(None);
            remap.run(request);
        }
    });
    let unlock = Callback::new(move |(id, password): (u32, String)| {
        files.update(|all| {
            if let Some(entry) = all.iter_mut().find(|f| f.id == id) {
                entry.state = FileState::Reading(None);
            }
        });
        engine.with_value(|e| e.unlock(id, password));
    });

    let add_file = move |source: Source| -> u32 {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        notice.set(None);
        let name = source.name();
        sources.update_value(|all| all.push((id, source.clone())));
        files.update(|all| {
            all.push(LoadedFile {
                id,
                origin: id,
                bytes: source.size(),
                name,
                state: FileState::Reading(None),
            })
        });
        id
    };

    let take_files = move |list: Option<FileList>| {
        let Some(list) = list else { return };
        for index in 0..list.length() {
            let Some(file) = list.item(index) else {
                continue;
            };
            let id = add_file(Source::File(file.clone()));
            engine.with_value(|e| e.import(id, file));
        }
    };

    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        take_files(input.files());
        // Let the same file be chosen again later.
        input.set_value("");
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        take_files(ev.data_transfer().and_then(|dt| dt.files()));
    };
    let on_demo = move |_| {
        let id = add_file(Source::Demo);
        engine.with_value(|e| e.demo(id));
    };
    let on_forget = move |_| {
        files.set(Vec::new());
        dashboard.set(None);
        sources.update_value(Vec::clear);
        mappings.update_value(Vec::clear);
        decisions.set(Decisions::default());
        engine.with_value(|e| e.reset());
        storage::forget_all();
        notice.set(Some(Text::Forgotten));
    };
    let decide = Callback::new(move |(index, decision): (usize, Option<Decision>)| {
        let Some(stream) =
            dashboard.with_untracked(|d| d.as_ref().and_then(|d| d.streams.get(index).cloned()))
        else {
            return;
        };
        decisions.update(|all| all.set(&stream, decision));
        // A value written by a newer version of the app is left as it is.
        if decisions_writable {
            storage::set(DECISIONS_KEY, &decisions.with_untracked(Decisions::to_json));
        }
    });

    let status = Memo::new(move |_| files.with(|all| Status::of(all)));
    // The transactions table: one page at a time, asked of the worker, which holds the rows.
    let rows_total = Memo::new(move |_| dashboard.with(|d| d.as_ref().map_or(0, |d| d.rows_total)));
    let generation = Memo::new(move |_| dashboard.with(|d| d.as_ref().map_or(0, |d| d.generation)));
    let page = RwSignal::new(0usize);
    let pages = move || rows_total.get().div_ceil(PAGE_SIZE).max(1);
    Effect::new(move |_| {
        if page.get_untracked() >= pages() {
            page.set(pages() - 1);
        }
    });
    // Rows with the analysis they come from: a file read again (other columns) keeps its lines,
    // so the line alone would not redraw the row.
    let page_rows = RwSignal::new((0u32, Vec::<Row>::new()));
    Effect::new(move |_| {
        let offset = page.get() * PAGE_SIZE;
        if offset == 0 || rows_total.get() == 0 {
            // The first page came with the findings; it is drawn in a task of its own, after
            // the findings, so that neither holds up the page for long.
            let first = dashboard.with(|d| {
                d.as_ref()
                    .map(|d| (d.generation, d.first_page.clone()))
                    .unwrap_or_default()
            });
            set_timeout(
                move || {
                    if page.try_get_untracked() == Some(0) {
                        page_rows.try_set(first);
                    }
                },
                std::time::Duration::ZERO,
            );
            return;
        }
        // Only the newest answer counts: an older page or analysis must not overwrite it.
        let asked = (generation.get(), page.get_untracked());
        engine.with_value(|e| {
            e.ask(
                |ticket| ToWorker::Rows {
                    ticket,
                    offset,
                    limit: PAGE_SIZE,
                },
                Box::new(move |answer, _| {
                    if let FromWorker::Rows { rows, .. } = answer {
                        if (generation.get_untracked(), page.get_untracked()) == asked {
                            page_rows.set((asked.0, rows));
                        }
                    }
                }),
            )
        });
    });

    let rows_drawn = drawn_in_batches(
        ROWS_PER_BATCH,
        ROWS_PER_BATCH,
        move || page_rows.with(|(_, rows)| rows.len()),
        move || page_rows.track(),
    );

    let failed_files = move || {
        files.with(|all| {
            all.iter()
                .filter(|f| f.error().is_some())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let all_files = move || files.get();
    // The Chinese script last used, so that English → Chinese goes back to it.
    let chinese = StoredValue::new(if preferred == Locale::Hant {
        Locale::Hant
    } else {
        Locale::Hans
    });
    let choose = move |locale: Locale| {
        if locale != Locale::En {
            chinese.set_value(locale);
        }
        switch_to(lang, locale);
        storage::set(LOCALE_KEY, locale.tag());
    };
    let toggle_lang = move |_| {
        choose(if lang.get_untracked() == Locale::En {
            chinese.get_value()
        } else {
            Locale::En
        })
    };
    let toggle_script = move |_| {
        choose(if lang.get_untracked() == Locale::Hant {
            Locale::Hans
        } else {
            Locale::Hant
        })
    };
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };

    view! {
        <header class="top">
            <h1>{move || t(lang.get(), Text::Title)}</h1>
            <div class="actions">
                <button type="button" data-testid="lang" class="link"
                    on:click=toggle_lang>
                    {move || t(lang.get(), Text::SwitchLanguage)}
                </button>
                <Show when=move || lang.get() != Locale::En>
                    <button type="button" data-testid="lang-script" class="link" lang=move || if lang.get() == Locale::Hant { "zh-CN" } else { "zh-Hant" }
                        on:click=toggle_script>
                        {move || if lang.get() == Locale::Hant { "简体" } else { "繁體" }}
                    </button>
                </Show>
                <button type="button" data-testid="forget-all" class="link" on:click=on_forget>
                    {move || t(lang.get(), Text::ForgetAll)}
                </button>
            </div>
        </header>
        <main>
            <p class="privacy" data-testid="privacy">{move || t(lang.get(), Text::Privacy)}</p>
            <section class="intake">
                <label class="dropzone" class:dragging=move || dragging.get()
                    on:dragover=on_dragover
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop>
                    <input type="file" multiple data-testid="file-input" class="visually-hidden"
                        accept=".csv,.txt,.xlsx,.xls,.zip,.ofx,.qfx,.qif,.xml,.sta,.mt940,.940" on:change=on_change />
                    <span>{move || t(lang.get(), Text::DropHere)}</span>
                </label>
                <button type="button" data-testid="demo" class="primary" on:click=on_demo>
                    {move || t(lang.get(), Text::Demo)}
                </button>
                <p class="supported">{move || t(lang.get(), Text::Supported)}</p>
                <HowToExport lang=lang />
            </section>
            <p class="status" data-testid="status" aria-live="polite"
                data-state=move || status.get().id()>
                {move || t(lang.get(), status.get().text())}
            </p>
            {move || notice.get().map(|n| view! { <p class="notice" role="alert">{t(lang.get(), n)}</p> })}
            <ul class="file-errors">
                <For each=failed_files key=|f: &LoadedFile| f.id
                    children=move |f| {
                        let name = f.name.clone();
                        let error = f.error().cloned();
                        view! {
                            <li data-testid="file-error" class="file-error" role="alert">
                                <strong>{name}</strong>": "
                                {move || error.as_ref().map(|e| said(lang.get(), &e.message_zh, &e.message)).unwrap_or_default()}
                            </li>
                        }
                    } />
            </ul>
            <Findings dashboard=dashboard lang=lang decisions=decisions decide=decide />
            <section class="files">
                <For each=all_files key=card_key
                    children=move |f| view! { <FileCard file=f lang=lang unlock=unlock remap=remap /> } />
            </section>
            <Show when=move || rows_total.get() != 0>
                <section class="transactions">
                    <h2>{move || t(lang.get(), Text::AllTransactions)}" ("{move || rows_total.get()}")"</h2>
                    <div class="table-wrap">
                        <table data-testid="transactions" aria-busy=move || page_rows.with(|(_, rows)| rows_drawn.get() < rows.len()).to_string()>
                            <thead><tr>
                                <th>{move || t(lang.get(), Text::ColTime)}</th>
                                <th>{move || t(lang.get(), Text::ColCounterparty)}</th>
                                <th>{move || t(lang.get(), Text::ColDescription)}</th>
                                <th>{move || t(lang.get(), Text::ColDirection)}</th>
                                <th class="num">{move || t(lang.get(), Text::ColAmount)}</th>
                                <th>{move || t(lang.get(), Text::ColStatus)}</th>
                                <th>{move || t(lang.get(), Text::ColMethod)}</th>
                                <th>{move || t(lang.get(), Text::ColSource)}</th>
                            </tr></thead>
                            <tbody>
                                <For each=move || { let (from, rows) = page_rows.get(); rows.into_iter().take(rows_drawn.get()).map(move |r| (from, r)).collect::<Vec<_>>() }
                                    key=|(from, r): &(u32, Row)| (*from, r.file.clone(), r.line) children=move |(_, r)| {
                                    let dir = r.direction;
                                    let amount = format!("{} {}", format_minor(r.amount_minor, r.currency.minor_digits()), r.currency);
                                    let source = format!("{}:{}", r.file, r.line);
                                    view! {
                                        <tr data-testid="transaction" class:out=dir == Direction::Debit class:in=dir == Direction::Credit>
                                            <td class="time">{r.time}</td>
                                            <td>{r.counterparty}</td>
                                            <td>{r.description}</td>
                                            <td class="nowrap">{move || direction(lang.get(), dir)}</td>
                                            <td class="num">{amount}</td>
                                            <td class="nowrap">{r.status}</td>
                                            <td>{r.method}</td>
                                            <td class="source">{source}</td>
                                        </tr>
                                    }
                                } />
                            </tbody>
                        </table>
                    </div>
                    <nav class="pager">
                        <button type="button" data-testid="page-prev" prop:disabled=move || page.get() == 0
                            on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                            {move || t(lang.get(), Text::Previous)}
                        </button>
                        <span data-testid="page">{move || page.get() + 1}" / "{pages}</span>
                        <button type="button" data-testid="page-next" prop:disabled={move || page.get() + 1 >= pages()}
                            on:click=move |_| page.update(|p| *p += 1)>
                            {move || t(lang.get(), Text::Next)}
                        </button>
                    </nav>
                </section>
            </Show>
        </main>
    }
}

/// The summary of one file: format, period, counts, skipped rows; for a password-protected
/// archive, the password field.
#[component]
fn FileCard(
    file: LoadedFile,
    lang: RwSignal<Locale>,
    unlock: Callback<(u32, String)>,
    remap: Callback<(u32, ColumnMapping)>,
) -> impl IntoView {
    let id = file.id;
    let name = file.name.clone();
    let size = file.bytes.map(file_size_text);
    match file.state {
        FileState::Reading(progress) => {
            let (value, max) = match progress {
                Some(Progress::Reading { done, total }) if total > 0 => (Some(done), Some(total)),
                _ => (None, None),
            };
            let words = move || {
                let locale = lang.get();
                match progress {
                    Some(Progress::Reading { done, total }) => format!(
                        "{}… {} / {}",
                        t(locale, Text::Reading),
                        file_size_text(done),
                        file_size_text(total)
                    ),
                    Some(Progress::Parsing { bytes }) => format!(
                        "{} {}",
                        locale.pick("正在识别账单行…", "Reading the rows…"),
                        file_size_text(bytes)
                    ),
                    Some(Progress::Analysing { rows }) => format!(
                        "{}{}{}",
                        locale.pick("共 ", ""),
                        rows,
                        locale.pick(" 笔交易，正在分析…", " transactions, analysing…")
                    ),
                    None => format!(
                        "{}… {}",
                        t(locale, Text::Reading),
                        size.clone().unwrap_or_default()
                    ),
                }
            };
            view! {
                <article class="file-card reading" data-testid="file-card" data-state="reading" aria-busy="true"
                    data-stage=stage_id(progress)>
                    <h3>{name.clone()}</h3>
                    // A fraction while the bytes are read; a busy bar while rows are read and
                    // analysed, with what is being done.
                    <progress data-testid="file-progress" aria-label=name value=value max=max></progress>
                    <p>{words}</p>
                </article>
            }
            .into_any()
        }
        FileState::Read(imported) => {
            let ok = imported.error.is_none();
            let format = imported.format.clone().unwrap_or_else(|| "—".to_string());
            let encoding = imported.encoding.clone().unwrap_or_else(|| "—".to_string());
            let period = imported
                .period
                .map(|p| format!("{} – {}", p.start, p.end))
                .unwrap_or_else(|| "—".to_string());
            let count = imported.transactions;
            let mapping = imported
                .mapping
                .clone()
                .filter(|m| !m.columns.is_empty())
                .zip(imported.header_shape.clone());
            let locked = imported.locked();
            let skipped = imported.skipped.clone();
            let skipped_count = imported.skipped_total;
            let unlisted = skipped_count - skipped.len();
            let repeated = imported.repeated.clone();
            view! {
                <article class="file-card" class:failed=!ok data-testid="file-card"
                    data-state=if ok { "read" } else { "error" }
                    data-transactions=count.to_string()>
                    <h3>{name}</h3>
                    <dl>
                        <dt>{move || t(lang.get(), Text::Format)}</dt><dd data-testid="file-format">{format}</dd>
                        <dt>{move || t(lang.get(), Text::Period)}</dt><dd data-testid="file-period">{period}</dd>
                        <dt>{move || t(lang.get(), Text::Transactions)}</dt><dd data-testid="file-count">{count}</dd>
                        <dt>{move || t(lang.get(), Text::Skipped)}</dt><dd>{skipped_count}</dd>
                        <dt>{move || t(lang.get(), Text::Encoding)}</dt><dd>{encoding}</dd>
                    </dl>
                    {repeated.map(|(zh, en)| view! {
                        <p class="repeated" data-testid="file-repeated">{move || said(lang.get(), &zh, &en)}</p>
                    })}
                    {locked.then(|| view! { <PasswordForm id=id lang=lang unlock=unlock /> })}
                    {mapping.map(|(m, shape)| view! { <MappingEditor id=id mapping=m shape=shape lang=lang apply=remap /> })}
                    {(skipped_count != 0).then(|| view! {
                        <ul class="skipped">
                            {skipped.into_iter().map(|row| {
                                let line = row.line;
                                view! { <li data-testid="skipped-row">{line}": "{move || said(lang.get(), &row.reason_zh, &row.reason)}</li> }
                            }).collect_view()}
                            {(unlisted != 0).then(|| view! {
                                <li class="more">{move || format!("{}{unlisted}{}", lang.get().pick("…另有 ", "… and "), lang.get().pick(" 行（完整列表见 JSON 导出）", " more rows (the JSON export lists them all)"))}</li>
                            })}
                        </ul>
                    })}
                </article>
            }
            .into_any()
        }
    }
}

/// What identifies a file card's look: a new key redraws it (as reading progresses, and once).
fn card_key(file: &LoadedFile) -> (u32, &'static str, u64) {
    match &file.state {
        FileState::Read(_) => (file.id, "read", 0),
        FileState::Reading(progress) => (
            file.id,
            stage_id(*progress),
            match progress {
                Some(Progress::Reading { done, .. }) => *done,
                Some(Progress::Analysing { rows }) => *rows,
                _ => 0,
            },
        ),
    }
}

/// The stage of a file being read, for `data-stage`.
fn stage_id(progress: Option<Progress>) -> &'static str {
    match progress {
        None => "waiting",
        Some(Progress::Reading { .. }) => "reading",
        Some(Progress::Parsing { .. }) => "parsing",
        Some(Progress::Analysing { .. }) => "analysing",
    }
}

/// Where each export comes from, in the words of the apps' own menus.
#[component]
fn HowToExport(lang: RwSignal<Locale>) -> impl IntoView {
    const STEPS: [(&str, &str, &str, &str); 5] = [
        (
            "支付宝",
            "Alipay",
            "支付宝 App → 我的 → 账单 → 右上角 ··· → 开具交易流水证明 → 用于个人对账。文件以加密 zip 发到邮箱，解压密码另行发送。",
            "Alipay app → Me (我的) → Bill (账单) → ··· top right → Transaction record (开具交易流水证明) → For personal reconciliation (用于个人对账). It arrives by e-mail as an encrypted zip; the password is sent separately.",
        ),
        (
            "微信支付",
            "WeChat Pay",
            "微信 → 我 → 服务 → 钱包 → 账单 → 常见问题 → 下载账单 → 用于个人对账。文件以 zip 发到邮箱。",
            "WeChat → Me → Services → Wallet → Bills → FAQ (常见问题) → Download bills (下载账单) → For personal reconciliation. It arrives by e-mail as a zip.",
        ),
        (
            "银行",
            "Chinese banks",
            "网上银行或手机银行 → 交易明细 / 明细查询 → 下载 / 导出（选 CSV 或 Excel）。",
            "Online or mobile banking → Transaction details (交易明细 / 明细查询) → Download / Export (CSV or Excel).",
        ),
        (
            "境外银行",
            "Banks abroad",
            "网上银行 → 交易记录 → 下载（OFX/QFX、QIF、CSV、CAMT.053 或 MT940 均可）。",
            "Online banking → Transactions → Download (OFX/QFX, QIF, CSV, CAMT.053 or MT940 all work).",
        ),
        (
            "其他",
            "Others",
            "其他 CSV 也能读取：页面会猜测各列的含义，你可以改正，选择会记在本机。",
            "Any other CSV works too: the page guesses what each column holds, you can correct it, and the choice is remembered on this device.",
        ),
    ];
    view! {
        <details class="how-to" data-testid="how-to-export">
            <summary>{move || lang.get().pick("如何导出账单？", "How do I get my statements?")}</summary>
            <dl>
                {STEPS.into_iter().map(|(name_zh, name_en, zh, en)| view! {
                    <dt>{move || lang.get().pick(name_zh, name_en)}</dt>
                    <dd>{move || lang.get().pick(zh, en)}</dd>
                }).collect_view()}
            </dl>
        </details>
    }
}

/// Asks for an archive's password. The password goes to the worker once and is not kept.
#[component]
fn PasswordForm(id: u32, lang: RwSignal<Locale>, unlock: Callback<(u32, String)>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(field) = input.get() {
            let password = field.value();
            field.set_value("");
            if !password.is_empty() {
                unlock.run((id, password));
            }
        }
    };
    view! {
        <form class="password" data-testid="zip-password-form" on:submit=submit>
            <label>
                {move || lang.get().pick("压缩包密码（支付宝/微信邮件里给出的解压密码）：", "Archive password (from the e-mail that sent the export): ")}
                <input type="password" autocomplete="off" data-testid="zip-password" node_ref=input />
            </label>
            <button type="submit" data-testid="zip-unlock">{move || lang.get().pick("解压并读取", "Open")}</button>
        </form>
    }
}
