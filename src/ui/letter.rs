//! The letter drafts for one finding: pick the channel, fill in your details once (kept on this
//! device only), read or edit the letter, copy or download it (.txt, .docx), add a calendar
//! reminder, and see how to cancel and where to send it.

use leptos::prelude::*;

use super::download::download;
use super::i18n::Locale;
use super::storage;
use crate::analysis::Report;
use crate::import::ImportedFile;
use crate::letters::{
    cancel_guides, channels_for, deadline_ics, draft, reminder_ics, to_docx_with, to_text, Channel,
    FindingRef, SenderDetails,
};

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

/// The letters for `finding`, drafted from the report and the statements on the page.
#[component]
pub fn LetterPanel(
    finding: FindingRef,
    report: RwSignal<Option<Report>>,
    files: Signal<Vec<ImportedFile>>,
    lang: RwSignal<Locale>,
) -> impl IntoView {
    let channels = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| files.with(|f| channels_for(r, f, finding)))
                .unwrap_or_default()
        })
    });
    let channel = RwSignal::new(None::<Channel>);
    let sender = RwSignal::new(load_sender());
    let letter = Memo::new(move |_| {
        let chosen = channel
            .get()
            .or_else(|| channels.with(|c| c.first().copied()))?;
        let lang = lang.get().lang();
        let sender = sender.get();
        report.with(|r| {
            let r = r.as_ref()?;
            Some(files.with(|f| draft(r, f, finding, chosen, lang, &sender, today())))
        })
    });
    // Drafted in Chinese or English; shown (and saved) in the page's script.
    let text = Memo::new(move |_| {
        let locale = lang.get();
        letter
            .with(|l| l.as_ref().map(|l| locale.show(to_text(l)).into_owned()))
            .unwrap_or_default()
    });
    let guides = Memo::new(move |_| {
        let lang = lang.get().lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| files.with(|f| cancel_guides(r, f, finding, lang)))
                .unwrap_or_default()
        })
    });

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
        letter.with(|l| {
            l.as_ref()
                .map(|l| format!("letter-{}-{}", l.channel.id(), l.date))
                .unwrap_or_else(|| "letter".to_string())
        })
    };
    let save_txt = move |_| {
        let body = text.get_untracked();
        report_error(download(
            &format!("{}.txt", base_name()),
            "text/plain;charset=utf-8",
            body.as_bytes(),
        ));
    };
    let save_docx = move |_| {
        let locale = lang.get_untracked();
        let convert = move |xml: &str| locale.show(xml).into_owned();
        if let Some(bytes) = letter.with_untracked(|l| l.as_ref().map(|l| to_docx_with(l, convert)))
        {
            let mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            report_error(download(&format!("{}.docx", base_name()), mime, &bytes));
        }
    };
    let save_deadline = move |_| {
        let locale = lang.get_untracked();
        if let Some(ics) = letter.with_untracked(|l| {
            l.as_ref()
                .map(|l| locale.show(deadline_ics(l)).into_owned())
        }) {
            report_error(download(
                "reply-deadline.ics",
                "text/calendar;charset=utf-8",
                ics.as_bytes(),
            ));
        }
    };
    let reminder = Memo::new(move |_| {
        let FindingRef::Stream(index) = finding else {
            return None;
        };
        let locale = lang.get();
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.streams.get(index))
                .and_then(|s| reminder_ics(s, locale.lang(), 3, today()))
                .map(|ics| locale.show(ics).into_owned())
        })
    });
    let save_reminder = move |_| {
        if let Some(ics) = reminder.get_untracked() {
            report_error(download(
                "cancel-reminder.ics",
                "text/calendar;charset=utf-8",
                ics.as_bytes(),
            ));
        }
    };
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window
                .navigator()
                .clipboard()
                .write_text(&text.get_untracked());
        }
    };
    let on_channel = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        channel.set(Channel::ALL.iter().copied().find(|c| c.id() == id));
    };
    let current_channel = move || {
        channel
            .get()
            .or_else(|| channels.with(|c| c.first().copied()))
            .map(|c| c.id())
            .unwrap_or("")
    };

    view! {
        <div class="letter" data-testid="letter">
            <label class="mapping-field">
                <span>{move || lang.get().pick("写给", "Send to")}</span>
                <select data-testid="letter-channel" on:change=on_channel prop:value=current_channel>
                    {move || channels.get().into_iter().map(|c| {
                        view! { <option value=c.id()>{move || lang.get().show(c.label(lang.get().lang())).into_owned()}</option> }
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
            <textarea data-testid="letter-text" class="letter-text" rows="22" prop:value=move || text.get()
                aria-label=move || lang.get().pick("投诉信全文（可修改）", "The letter (you can edit it)").into_owned()></textarea>
            // A textarea prints only what fits in it: the printout uses the full text instead.
            <pre class="letter-print" aria-hidden="true">{move || text.get()}</pre>
            <div class="letter-actions">
                <button type="button" on:click=copy>{move || lang.get().pick("复制", "Copy")}</button>
                <button type="button" data-testid="letter-txt" on:click=save_txt>{move || lang.get().pick("下载 .txt", "Download .txt")}</button>
                <button type="button" data-testid="letter-docx" on:click=save_docx>{move || lang.get().pick("下载 Word", "Download Word")}</button>
                <button type="button" on:click=save_deadline>{move || lang.get().pick("回复期限提醒 .ics", "Reply deadline .ics")}</button>
                <Show when=move || reminder.with(Option::is_some)>
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
                <ul>{move || letter.with(|l| l.as_ref().map(|l| l.how_to_send.clone()).unwrap_or_default()).into_iter().map(|s| view! { <li>{lang.get().show(s).into_owned()}</li> }).collect_view()}</ul>
                <h4>{move || lang.get().pick("如何取消扣款", "How to cancel")}</h4>
                {move || {
                    let locale = lang.get();
                    guides.get().into_iter().map(|g| view! {
                        <div class="guide" data-testid="cancel-guide">
                            <strong>{locale.show(g.title).into_owned()}</strong>
                            <ol>{g.steps.into_iter().map(|s| view! { <li>{locale.show(s).into_owned()}</li> }).collect_view()}</ol>
                            <p class="evidence">{locale.show(g.source).into_owned()}" · "{g.checked_on}</p>
                        </div>
                    }).collect_view()
                }}
            </div>
        </div>
    }
}

fn report_error(result: Result<(), wasm_bindgen::JsValue>) {
    if let Err(error) = result {
        web_sys::console::error_2(&"statement-checker: download failed".into(), &error);
    }
}
