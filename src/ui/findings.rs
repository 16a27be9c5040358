//! The findings: recurring streams (most suspicious first) with their reasons and evidence,
//! alerts, totals, and the JSON export of the report.

use super::download::download;
use super::letter::LetterPanel;
use crate::import::ImportedFile;
use crate::letters::FindingRef;
use leptos::prelude::*;

use crate::analysis::{Alert, Frequency, Level, Report, Stream};
use crate::lang::Lang;
use crate::model::format_minor;

fn level_label(lang: Lang, level: Level) -> &'static str {
    match (lang, level) {
        (Lang::Zh, Level::High) => "高风险",
        (Lang::Zh, Level::Medium) => "需留意",
        (Lang::Zh, Level::Low) => "正常",
        (Lang::En, Level::High) => "act now",
        (Lang::En, Level::Medium) => "review",
        (Lang::En, Level::Low) => "expected",
    }
}

fn level_id(level: Level) -> &'static str {
    match level {
        Level::High => "high",
        Level::Medium => "medium",
        Level::Low => "low",
    }
}

fn frequency_label(lang: Lang, frequency: Frequency) -> &'static str {
    match (lang, frequency) {
        (Lang::Zh, Frequency::Weekly) => "每周",
        (Lang::Zh, Frequency::Biweekly) => "每两周",
        (Lang::Zh, Frequency::Semimonthly) => "每月两次",
        (Lang::Zh, Frequency::Monthly) => "每月",
        (Lang::Zh, Frequency::Bimonthly) => "每两个月",
        (Lang::Zh, Frequency::Quarterly) => "每季度",
        (Lang::Zh, Frequency::Semiannually) => "每半年",
        (Lang::Zh, Frequency::Annually) => "每年",
        (Lang::Zh, Frequency::Irregular) => "不定期",
        (Lang::En, Frequency::Weekly) => "weekly",
        (Lang::En, Frequency::Biweekly) => "every two weeks",
        (Lang::En, Frequency::Semimonthly) => "twice a month",
        (Lang::En, Frequency::Monthly) => "monthly",
        (Lang::En, Frequency::Bimonthly) => "every two months",
        (Lang::En, Frequency::Quarterly) => "quarterly",
        (Lang::En, Frequency::Semiannually) => "every six months",
        (Lang::En, Frequency::Annually) => "yearly",
        (Lang::En, Frequency::Irregular) => "irregular",
    }
}

fn words(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// One figure of the report's totals in every currency: `29.90 CNY · 12.00 USD`.
fn totals_text(report: Option<&Report>, figure: fn(&crate::analysis::Totals) -> i64) -> String {
    report
        .map(|r| {
            r.totals
                .iter()
                .map(|t| {
                    format!(
                        "{} {}",
                        format_minor(figure(t), t.currency.minor_digits()),
                        t.currency
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default()
}

/// The findings section; renders nothing until there is a report with readable files.
#[component]
pub fn Findings(
    report: RwSignal<Option<Report>>,
    files: Signal<Vec<ImportedFile>>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let has_report = move || {
        report.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.files.iter().any(|f| f.error.is_none()))
        })
    };
    let count = move |level: Level| {
        report.with(|r| {
            r.as_ref().map_or(0, |r| {
                r.streams.iter().filter(|s| s.level == level).count()
                    + r.alerts.iter().filter(|a| a.level == level).count()
            })
        })
    };
    let monthly = move || report.with(|r| totals_text(r.as_ref(), |t| t.monthly_recurring_minor));
    let suspicious = move || report.with(|r| totals_text(r.as_ref(), |t| t.suspicious_taken_minor));
    let export = move |_| {
        let json = report.with(|r| {
            r.as_ref()
                .and_then(|r| serde_json::to_string_pretty(r).ok())
        });
        if let Some(json) = json {
            if let Err(error) = download(
                "statement-checker-report.json",
                "application/json",
                json.as_bytes(),
            ) {
                web_sys::console::error_2(&"statement-checker: export failed".into(), &error);
            }
        }
    };
    let streams = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| r.streams.iter().cloned().enumerate().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let alerts = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| r.alerts.iter().cloned().enumerate().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };

    view! {
        <Show when=has_report>
            <section class="findings" data-testid="findings">
                <div class="summary">
                    <h2>{move || words(lang.get(), "体检结果", "Findings")}</h2>
                    <p class="counts">
                        <span class="badge high">{move || level_label(lang.get(), Level::High)}" "{move || count(Level::High)}</span>
                        <span class="badge medium">{move || level_label(lang.get(), Level::Medium)}" "{move || count(Level::Medium)}</span>
                        <span class="badge low">{move || level_label(lang.get(), Level::Low)}" "{move || count(Level::Low)}</span>
                    </p>
                    <p>
                        {move || words(lang.get(), "周期性扣款每月约：", "Recurring debits per month: ")}
                        <strong data-testid="monthly-total">{monthly}</strong>
                    </p>
                    <p>
                        {move || words(lang.get(), "高风险项目已扣走：", "Taken so far by high-risk findings: ")}
                        <strong data-testid="suspicious-total">{suspicious}</strong>
                    </p>
                    <button type="button" data-testid="export-json" on:click=export>
                        {move || words(lang.get(), "导出结果（JSON）", "Export findings (JSON)")}
                    </button>
                </div>
                <div class="alerts">
                    <For each=alerts key=|(i, a): &(usize, Alert)| (*i, a.code.clone(), a.transactions.clone())
                        children=move |(i, a)| view! { <AlertCard index=i alert=a lang=lang report=report files=files /> } />
                </div>
                <div class="streams">
                    <For each=streams key=|(i, s): &(usize, Stream)| (*i, s.counterparty.clone(), s.transactions.clone(), s.level)
                        children=move |(i, s)| view! { <StreamCard index=i stream=s lang=lang report=report files=files /> } />
                </div>
            </section>
        </Show>
    }
}

#[component]
fn AlertCard(
    index: usize,
    alert: Alert,
    lang: RwSignal<Lang>,
    report: RwSignal<Option<Report>>,
    files: Signal<Vec<ImportedFile>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let level = alert.level;
    let evidence = alert
        .transactions
        .iter()
        .map(|t| format!("{}:{}", t.file, t.line))
        .collect::<Vec<_>>()
        .join(", ");
    let (en, zh) = (alert.message.clone(), alert.message_zh.clone());
    view! {
        <article class=format!("alert card {}", level_id(level)) data-testid="alert" data-level=level_id(level)
            data-code=alert.code.clone()>
            <p>
                <span class=format!("badge {}", level_id(level))>{move || level_label(lang.get(), level)}</span>" "
                {move || if lang.get() == Lang::Zh { zh.clone() } else { en.clone() }}
            </p>
            <p class="evidence">{move || words(lang.get(), "证据：", "Evidence: ")}{evidence}</p>
            <LetterToggle open=open lang=lang />
            <Show when=move || open.get()>
                <LetterPanel finding=FindingRef::Alert(index) report=report files=files lang=lang />
            </Show>
        </article>
    }
}

#[component]
fn StreamCard(
    index: usize,
    stream: Stream,
    lang: RwSignal<Lang>,
    report: RwSignal<Option<Report>>,
    files: Signal<Vec<ImportedFile>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let letters = stream.level != Level::Low;
    let level = stream.level;
    let frequency = stream.frequency;
    let amount = format!(
        "{} {}",
        format_minor(stream.typical_amount_minor, stream.currency.minor_digits()),
        stream.currency
    );
    let total = format!(
        "{} {}",
        format_minor(stream.total_minor, stream.currency.minor_digits()),
        stream.currency
    );
    let span = format!("{} – {}", stream.first, stream.last);
    let occurrences = stream.occurrences;
    let next = stream.next_expected.map(|d| d.to_string());
    let active = stream.active;
    let reasons = stream.reasons.clone();
    let evidence = stream
        .transactions
        .iter()
        .chain(&stream.mirrors)
        .map(|t| format!("{}:{}", t.file, t.line))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <article class=format!("stream card {}", level_id(level)) data-testid="stream" data-level=level_id(level)
            data-counterparty=stream.counterparty.clone() data-frequency=format!("{frequency:?}").to_lowercase()>
            <header>
                <span class=format!("badge {}", level_id(level))>{move || level_label(lang.get(), level)}</span>
                <h3>{stream.counterparty.clone()}</h3>
                <span class="amount">{amount}" · "{move || frequency_label(lang.get(), frequency)}</span>
            </header>
            <ul class="reasons">
                {reasons.into_iter().map(|r| {
                    let code = r.code.clone();
                    view! {
                        <li data-code=code>{move || if lang.get() == Lang::Zh { r.message_zh.clone() } else { r.message.clone() }}</li>
                    }
                }).collect_view()}
            </ul>
            <p class="meta">
                {move || words(lang.get(), "共 ", "")}{occurrences}{move || words(lang.get(), " 笔，合计 ", " payments, total ")}{total.clone()}
                " · "{span}
                {move || match (&next, active) {
                    (Some(date), true) => format!(" · {}{date}", words(lang.get(), "下次预计 ", "next expected ")),
                    _ => format!(" · {}", words(lang.get(), "已停止", "ended")),
                }}
            </p>
            <details>
                <summary>{move || words(lang.get(), "对应的账单行", "Rows in the statements")}</summary>
                <p class="evidence">{evidence}</p>
            </details>
            {letters.then(|| view! {
                <LetterToggle open=open lang=lang />
                <Show when=move || open.get()>
                    <LetterPanel finding=FindingRef::Stream(index) report=report files=files lang=lang />
                </Show>
            })}
        </article>
    }
}

/// The button that opens (and closes) a finding's letter drafts.
#[component]
fn LetterToggle(open: RwSignal<bool>, lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <button type="button" class="link" data-testid="letter-open" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {move || if open.get() {
                words(lang.get(), "收起投诉信", "Hide the letters")
            } else {
                words(lang.get(), "写投诉信 / 怎么取消", "Draft a complaint / how to cancel")
            }}
        </button>
    }
}
