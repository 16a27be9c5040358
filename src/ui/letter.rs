//! The letter drafts for one finding: pick the channel, fill in your details once (kept on this
//! device only), read or edit the letter, copy or download it (.txt, .docx), add a calendar
//! reminder, and see how to cancel and where to send it.

use leptos::prelude::*;

use super::download::{download, report_error, save};
use super::engine::Engine;
use super::i18n::Locale;
use super::storage;
use crate::letters::{Channel, FindingRef, SenderDetails};
use crate::protocol::{FromWorker, ToWorker};
use crate::view::{Export, LetterAsk, LetterView};

/// Where the sender's details are kept (on this device, wiped by "forget all").
const SENDER_KEY: &str = "sender.v1";

/// Today's local date, from the browser's clock.
pub(super) fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

fn load_sender() -> SenderDetails {
    storage::get(SENDER_KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn some(text: String) -> Option<String> {
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The letters for `finding`, drafted by the worker from the newest analysis (`generation`).
#[component]
pub fn LetterPanel(
    finding: FindingRef,
    generation: Signal<u32>,
    lang: RwSignal<Locale>,
) -> impl IntoView {
    let engine = expect_context::<StoredValue<Engine, LocalStorage>>();
    let channel = RwSignal::new(None::<Channel>);
    let sender = RwSignal::new(load_sender());
    let letter = RwSignal::new(None::<LetterView>);
    let ask = move || LetterAsk {
        finding,
        channel: channel.get(),
        locale: lang.get(),
        sender: sender.get(),
        today: today(),
    };
    // Each change asks for a new draft; only the answer to the latest request is shown.
    let latest = StoredValue::new(0u32);
    let drafting = RwSignal::new(true);
    Effect::new(move |_| {
        generation.track();
        let wanted = ask();
        let sent = latest.get_value().wrapping_add(1);
        latest.set_value(sent);
        drafting.set(true);
        engine.with_value(|e| {
            e.ask(
                |ticket| ToWorker::Letter {
                    ticket,
                    ask: wanted,
                },
                Box::new(move |answer, _| {
                    if let FromWorker::Letter {
                        letter: drafted, ..
                    } = answer
                    {
                        // The panel may have been closed while the worker drafted.
                        if latest.try_get_value() == Some(sent) {
                            letter.try_set(drafted.map(|l| *l));
                            drafting.try_set(false);
                        }
                    }
                }),
            )
        });
    });
    let text = move || letter.with(|l| l.as_ref().map(|l| l.text.clone()).unwrap_or_default());
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    // What the person sees in the box, with their edits.
    let current_text = move || {
        textarea
            .get_untracked()
            .map(|t| t.value())
            .unwrap_or_else(|| {
                letter.with_untracked(|l| l.as_ref().map(|l| l.text.clone()).unwrap_or_default())
            })
    };

    let field = move |get: fn(&SenderDetails) -> Option<String>,
                      set: fn(&mut SenderDetails, Option<String>)| {
        let value = move || sender.with(|s| get(s).unwrap_or_default());
        let on_input = move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            sender.update(|s| set(s, some(text)));
            if let Ok(json) = serde_json::to_string(&sender.get_untracked()) {
                storage::set(SENDER_KEY, &json);
            }
        };
        (value, on_input)
    };
    let (name, on_name) = field(|s| s.name.clone(), |s, v| s.name = v);
    let (phone, on_phone) = field(|s| s.phone.clone(), |s, v| s.phone = v);
    let (account, on_account) = field(|s| s.account_masked.clone(), |s, v| s.account_masked = v);
    let (address, on_address) = field(|s| s.address.clone(), |s, v| s.address = v);
    let (email, on_email) = field(|s| s.email.clone(), |s, v| s.email = v);

    let base_name = move || {
        letter.with_untracked(|l| {
            l.as_ref()
                .map(|l| l.base_name.clone())
                .unwrap_or_else(|| "letter".to_string())
        })
    };
    let save_txt = move |_| {
        report_error(download(
            &format!("{}.txt", base_name()),
            "text/plain;charset=utf-8",
            current_text().as_bytes(),
        ));
    };
    let save_docx = move |_| {
        let chosen = letter.with_untracked(|l| l.as_ref().map(|l| l.channel));
        if chosen.is_some() {
            let mut wanted = ask();
            wanted.channel = chosen;
            save(engine, Export::LetterDocx(wanted));
        }
    };
    let save_deadline = move |_| {
        if let Some(ics) = letter.with_untracked(|l| l.as_ref().map(|l| l.deadline_ics.clone())) {
            report_error(download(
                "reply-deadline.ics",
                "text/calendar;charset=utf-8",
                ics.as_bytes(),
            ));
        }
    };
    let has_reminder =
        move || letter.with(|l| l.as_ref().is_some_and(|l| l.reminder_ics.is_some()));
    let save_reminder = move |_| {
        if let Some(ics) =
            letter.with_untracked(|l| l.as_ref().and_then(|l| l.reminder_ics.clone()))
        {
            report_error(download(
                "cancel-reminder.ics",
                "text/calendar;charset=utf-8",
                ics.as_bytes(),
            ));
        }
    };
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&current_text());
        }
    };
    let on_channel = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        channel.set(Channel::ALL.iter().copied().find(|c| c.id() == id));
    };
    let current_channel = move || letter.with(|l| l.as_ref().map(|l| l.channel.id()).unwrap_or(""));
    let channels =
        move || letter.with(|l| l.as_ref().map(|l| l.channels.clone()).unwrap_or_default());
    let how_to_send = move || {
        letter.with(|l| {
            l.as_ref()
                .map(|l| l.how_to_send.clone())
                .unwrap_or_default()
        })
    };
    let guides = move || letter.with(|l| l.as_ref().map(|l| l.guides.clone()).unwrap_or_default());

    view! {
        <div class="letter" data-testid="letter" aria-busy=move || drafting.get().to_string()
            data-state=move || if drafting.get() { "drafting" } else { "ready" }>
            <label class="mapping-field">
                <span>{move || lang.get().pick("写给", "Send to")}</span>
                <select data-testid="letter-channel" on:change=on_channel prop:value=current_channel>
                    {move || channels().into_iter().map(|c| {
                        view! { <option value=c.channel.id()>{c.label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <details class="sender">
                <summary>{move || lang.get().pick("我的信息（只保存在本机）", "My details (kept on this device only)")}</summary>
                <div class="sender-fields">
                    <label>{move || lang.get().pick("姓名", "Name")}<input data-testid="sender-name" prop:value=name on:input=on_name /></label>
                    <label>{move || lang.get().pick("电话", "Phone")}<input prop:value=phone on:input=on_phone /></label>
                    <label>{move || lang.get().pick("账户（请打码）", "Account (masked)")}<input prop:value=account on:input=on_account /></label>
                    <label>{move || lang.get().pick("地址", "Address")}<input prop:value=address on:input=on_address /></label>
                    <label>{move || lang.get().pick("电子邮箱", "E-mail")}<input prop:value=email on:input=on_email /></label>
                </div>
            </details>
            <textarea data-testid="letter-text" class="letter-text" rows="22" prop:value=text node_ref=textarea
                aria-label=move || lang.get().pick("投诉信全文（可修改）", "The letter (you can edit it)").into_owned()></textarea>
            // A textarea prints only what fits in it: the printout uses the full text instead.
            <pre class="letter-print" aria-hidden="true">{text}</pre>
            <div class="letter-actions">
                <button type="button" on:click=copy>{move || lang.get().pick("复制", "Copy")}</button>
                <button type="button" data-testid="letter-txt" on:click=save_txt>{move || lang.get().pick("下载 .txt", "Download .txt")}</button>
                <button type="button" data-testid="letter-docx" on:click=save_docx>{move || lang.get().pick("下载 Word", "Download Word")}</button>
                <button type="button" on:click=save_deadline>{move || lang.get().pick("回复期限提醒 .ics", "Reply deadline .ics")}</button>
                <Show when=has_reminder>
                    <button type="button" data-testid="reminder-ics" on:click=save_reminder>{move || lang.get().pick("扣款前提醒我 .ics", "Remind me before the next charge .ics")}</button>
                </Show>
                <button type="button" on:click=move |_| {
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }>{move || lang.get().pick("打印 / 存为 PDF", "Print / save as PDF")}</button>
            </div>
            <div class="letter-notes">
                <h4>{move || lang.get().pick("如何寄出", "Where to send it")}</h4>
                <ul>{move || how_to_send().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                <h4>{move || lang.get().pick("如何取消扣款", "How to cancel")}</h4>
                {move || guides().into_iter().map(|g| view! {
                    <div class="guide" data-testid="cancel-guide">
                        <strong>{g.title}</strong>
                        <ol>{g.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
                        <p class="evidence">{g.source}" · "{g.checked_on}</p>
                    </div>
                }).collect_view()}
            </div>
        </div>
    }
}
