//! The dashboard: what recurring debits cost, the suspicious ones first with their reasons,
//! alerts, and per stream its timeline, evidence rows, the person's decision and the letters.
//! Search, filters, sorting, and export as JSON (report/v1) or CSV.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::batches::drawn_in_batches;
use super::download::save;
use super::engine::Engine;
use super::i18n::Locale;
use super::letter::{today, LetterPanel};
use super::timeline::Timeline;
use crate::analysis::{Alert, Frequency, Level, Stream, TransactionRef};
use crate::decisions::{charged_after_cancel, Decision, Decisions, Verdict};
use crate::letters::FindingRef;
use crate::model::{format_minor, Currency};
use crate::view::{Dashboard, Export, Payment};

fn level_label(locale: Locale, level: Level) -> std::borrow::Cow<'static, str> {
    match level {
        Level::High => locale.pick("高风险", "act now"),
        Level::Medium => locale.pick("需留意", "review"),
        Level::Low => locale.pick("正常", "expected"),
    }
}

fn level_id(level: Level) -> &'static str {
    match level {
        Level::High => "high",
        Level::Medium => "medium",
        Level::Low => "low",
    }
}

fn level_rank(level: Level) -> u8 {
    match level {
        Level::High => 0,
        Level::Medium => 1,
        Level::Low => 2,
    }
}

fn frequency_label(locale: Locale, frequency: Frequency) -> std::borrow::Cow<'static, str> {
    let (zh, en) = match frequency {
        Frequency::Weekly => ("每周", "weekly"),
        Frequency::Biweekly => ("每两周", "every two weeks"),
        Frequency::Semimonthly => ("每月两次", "twice a month"),
        Frequency::Monthly => ("每月", "monthly"),
        Frequency::Bimonthly => ("每两个月", "every two months"),
        Frequency::Quarterly => ("每季度", "quarterly"),
        Frequency::Semiannually => ("每半年", "every six months"),
        Frequency::Annually => ("每年", "yearly"),
        Frequency::Irregular => ("不定期", "irregular"),
    };
    locale.pick(zh, en)
}

/// How many alerts the page lists at most.
const ALERTS_SHOWN: usize = 200;

/// How many stream cards are drawn in one task.
const CARDS_PER_BATCH: usize = 2;

/// How many stream cards the first task draws: it also draws the rest of the findings (the
/// summary, the file cards, the first alerts), and with two cards it ran just over 50 ms on a
/// 100,000-row history.
const FIRST_CARDS: usize = 1;

/// What distinguishes one decision from another, for redrawing a card when it changes.
fn decision_key(decision: &Decision) -> (u8, Option<NaiveDate>, NaiveDate) {
    match decision.verdict {
        Verdict::Known => (0, None, decision.decided),
        Verdict::Suspicious => (1, None, decision.decided),
        Verdict::Cancelled { on } => (2, Some(on), decision.decided),
    }
}

/// What one payment of `frequency` costs per month, in minor units (for sorting by cost).
fn per_month(minor: i64, frequency: Frequency) -> i64 {
    match frequency {
        Frequency::Weekly => minor * 52 / 12,
        Frequency::Biweekly => minor * 26 / 12,
        Frequency::Semimonthly => minor * 2,
        Frequency::Monthly | Frequency::Irregular => minor,
        Frequency::Bimonthly => minor / 2,
        Frequency::Quarterly => minor / 3,
        Frequency::Semiannually => minor / 6,
        Frequency::Annually => minor / 12,
    }
}

fn money(minor: i64, currency: Currency) -> String {
    format!(
        "{} {}",
        format_minor(minor, currency.minor_digits()),
        currency
    )
}

/// One figure of the report's totals in every currency: `29.90 CNY · 12.00 USD`.
fn totals_text(
    dashboard: Option<&Arc<Dashboard>>,
    figure: fn(&crate::analysis::Totals) -> i64,
) -> String {
    dashboard
        .map(|r| {
            r.totals
                .iter()
                .map(|t| money(figure(t), t.currency))
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default()
}

/// A stream with what the page adds to it: its payments, how it was paid, the decision.
#[derive(Clone, Debug, PartialEq)]
struct StreamView {
    index: usize,
    // Shared, not copied: the list is filtered, sorted and drawn in batches, each a new list.
    stream: Arc<Stream>,
    payments: Arc<[Payment]>,
    method: String,
    decision: Option<Decision>,
    after_cancel: Vec<TransactionRef>,
    /// What the payments in `after_cancel` took.
    after_cancel_minor: i64,
    /// The rows behind it (`file:line, …`), bank mirrors included.
    evidence: Arc<str>,
}

impl StreamView {
    /// Undecided and suspicious first, then cancelled, then the ones the person knows.
    fn decision_rank(&self) -> u8 {
        match self.decision.as_ref().map(|d| &d.verdict) {
            None | Some(Verdict::Suspicious) => 0,
            Some(Verdict::Cancelled { .. }) if !self.after_cancel.is_empty() => 0,
            Some(Verdict::Cancelled { .. }) => 1,
            Some(Verdict::Known) => 2,
        }
    }
}

/// How the stream list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SortBy {
    Risk,
    MonthlyCost,
    Total,
    Latest,
    Name,
}

impl SortBy {
    const ALL: [SortBy; 5] = [
        SortBy::Risk,
        SortBy::MonthlyCost,
        SortBy::Total,
        SortBy::Latest,
        SortBy::Name,
    ];

    fn id(self) -> &'static str {
        match self {
            SortBy::Risk => "risk",
            SortBy::MonthlyCost => "monthly",
            SortBy::Total => "total",
            SortBy::Latest => "latest",
            SortBy::Name => "name",
        }
    }

    fn label(self, locale: Locale) -> std::borrow::Cow<'static, str> {
        match self {
            SortBy::Risk => locale.pick("风险从高到低", "Most suspicious first"),
            SortBy::MonthlyCost => locale.pick("每月花费", "Cost per month"),
            SortBy::Total => locale.pick("累计金额", "Total taken"),
            SortBy::Latest => locale.pick("最近扣款", "Most recent"),
            SortBy::Name => locale.pick("名称", "Name"),
        }
    }

    fn order(self, a: &StreamView, b: &StreamView) -> std::cmp::Ordering {
        let (sa, sb) = (&a.stream, &b.stream);
        let risk = (a.decision_rank(), level_rank(sa.level))
            .cmp(&(b.decision_rank(), level_rank(sb.level)));
        let by = match self {
            SortBy::Risk => risk.then(sb.total_minor.cmp(&sa.total_minor)),
            SortBy::MonthlyCost => per_month(sb.typical_amount_minor, sb.frequency)
                .cmp(&per_month(sa.typical_amount_minor, sa.frequency)),
            SortBy::Total => sb.total_minor.cmp(&sa.total_minor),
            SortBy::Latest => sb.last.cmp(&sa.last),
            SortBy::Name => sa.counterparty.cmp(&sb.counterparty),
        };
        by.then(a.index.cmp(&b.index))
    }
}

/// The findings section; renders nothing until there is a report with readable files.
#[component]
pub fn Findings(
    dashboard: RwSignal<Option<Arc<Dashboard>>>,
    lang: RwSignal<Locale>,
    decisions: RwSignal<Decisions>,
    decide: Callback<(usize, Option<Decision>)>,
) -> impl IntoView {
    let has_report = move || dashboard.with(|d| d.as_ref().is_some_and(|d| d.readable));
    let count = move |level: Level| {
        dashboard.with(|d| {
            d.as_ref().map_or(0, |d| {
                d.streams.iter().filter(|s| s.level == level).count()
                    + d.alerts.iter().filter(|a| a.level == level).count()
            })
        })
    };
    let monthly =
        move || dashboard.with(|d| totals_text(d.as_ref(), |t| t.monthly_recurring_minor));
    let suspicious =
        move || dashboard.with(|d| totals_text(d.as_ref(), |t| t.suspicious_taken_minor));

    let views = Memo::new(move |_| {
        let decided = decisions.get();
        dashboard.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::new();
            };
            d.streams
                .iter()
                .zip(&d.payments)
                .zip(&d.methods)
                .enumerate()
                .map(|(index, ((stream, payments), method))| {
                    let decision = decided.for_stream(stream).cloned();
                    let (after_cancel, after_cancel_minor) =
                        match decision.as_ref().map(|d| &d.verdict) {
                            Some(Verdict::Cancelled { on }) => (
                                charged_after_cancel(d, payments, *on),
                                payments
                                    .iter()
                                    .filter(|p| p.date > *on)
                                    .map(|p| p.amount_minor)
                                    .sum(),
                            ),
                            _ => (Vec::new(), 0),
                        };
                    let evidence = payments
                        .iter()
                        .map(|p| d.reference(p))
                        .chain(stream.mirrors.iter().cloned())
                        .map(|t| format!("{}:{}", t.file, t.line))
                        .collect::<Vec<_>>()
                        .join(", ");
                    StreamView {
                        index,
                        evidence: evidence.into(),
                        payments: payments.as_slice().into(),
                        method: method.clone(),
                        stream: Arc::new(stream.clone()),
                        decision,
                        after_cancel,
                        after_cancel_minor,
                    }
                })
                .collect::<Vec<_>>()
        })
    });

    let query = RwSignal::new(String::new());
    let level_filter = RwSignal::new(String::new());
    let method_filter = RwSignal::new(String::new());
    let sort = RwSignal::new(SortBy::Risk);
    let methods = Memo::new(move |_| {
        let mut all: Vec<String> = views.with(|v| {
            v.iter()
                .map(|s| s.method.clone())
                .filter(|m| !m.is_empty())
                .collect()
        });
        all.sort();
        all.dedup();
        all
    });
    let matches_level =
        move |level: Level| level_filter.with(|f| f.is_empty() || f == level_id(level));
    let matching = Memo::new(move |_| {
        let needle = query.get().trim().to_lowercase();
        let method = method_filter.get();
        let order = sort.get();
        let mut shown: Vec<StreamView> = views.with(|v| {
            v.iter()
                .filter(|s| matches_level(s.stream.level))
                .filter(|s| method.is_empty() || s.method == method)
                .filter(|s| {
                    needle.is_empty() || s.stream.counterparty.to_lowercase().contains(&needle)
                })
                .cloned()
                .collect()
        });
        shown.sort_by(|a, b| order.order(a, b));
        shown
    });
    // Cards are drawn a few at a time, each batch in its own task, so that the page never
    // freezes however many streams there are; a new analysis, filter or order starts again
    // from the top (the cards already drawn stay).
    let drawn = drawn_in_batches(
        FIRST_CARDS,
        CARDS_PER_BATCH,
        move || matching.with(Vec::len),
        move || matching.track(),
    );
    let visible_streams = move || {
        let limit = drawn.get();
        matching.with(|all| all.iter().take(limit).cloned().collect::<Vec<_>>())
    };
    let matching_alerts = Memo::new(move |_| {
        let needle = query.get().trim().to_lowercase();
        dashboard.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.alerts
                        .iter()
                        .cloned()
                        .enumerate()
                        .filter(|(_, a)| matches_level(a.level))
                        .filter(|(_, a)| {
                            needle.is_empty()
                                || a.message.to_lowercase().contains(&needle)
                                || a.message_zh.contains(&needle)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // Alerts are drawn like the cards, and only so many: a statement that repeats itself could
    // raise tens of thousands, which no one reads on a page (the exports list them all).
    let alerts_drawn = drawn_in_batches(
        CARDS_PER_BATCH * 2,
        CARDS_PER_BATCH * 2,
        move || matching_alerts.with(|all| all.len().min(ALERTS_SHOWN)),
        move || matching_alerts.track(),
    );
    let visible_alerts = move || {
        let limit = alerts_drawn.get().min(ALERTS_SHOWN);
        matching_alerts.with(|all| all.iter().take(limit).cloned().collect::<Vec<_>>())
    };
    let unlisted_alerts = move || matching_alerts.with(Vec::len).saturating_sub(ALERTS_SHOWN);
    let drawing = move || {
        drawn.get() < matching.with(Vec::len)
            || alerts_drawn.get() < matching_alerts.with(|all| all.len().min(ALERTS_SHOWN))
    };
    let shown_count = move || views.with(Vec::len);
    // Letters are drafted from the newest analysis; a change makes open letters draft again.
    let generation =
        Signal::derive(move || dashboard.with(|d| d.as_ref().map_or(0, |d| d.generation)));

    let engine = expect_context::<StoredValue<Engine, LocalStorage>>();
    let on_export_json = move |_| save(engine, Export::ReportJson);
    let on_export_csv = move |_| {
        save(
            engine,
            Export::FindingsCsv {
                locale: lang.get_untracked(),
            },
        )
    };

    view! {
        <Show when=has_report>
            <section class="findings" data-testid="findings" aria-busy=move || drawing().to_string()>
                <div class="summary">
                    <h2>{move || lang.get().pick("体检结果", "Findings")}</h2>
                    <p class="counts">
                        <span class="badge high" data-testid="count-high">{move || level_label(lang.get(), Level::High)}" "{move || count(Level::High)}</span>
                        <span class="badge medium" data-testid="count-medium">{move || level_label(lang.get(), Level::Medium)}" "{move || count(Level::Medium)}</span>
                        <span class="badge low" data-testid="count-low">{move || level_label(lang.get(), Level::Low)}" "{move || count(Level::Low)}</span>
                    </p>
                    <p>
                        {move || lang.get().pick("周期性扣款每月约：", "Recurring debits per month: ")}
                        <strong data-testid="monthly-total">{monthly}</strong>
                    </p>
                    <p>
                        {move || lang.get().pick("高风险项目已扣走：", "Taken so far by high-risk findings: ")}
                        <strong data-testid="suspicious-total">{suspicious}</strong>
                    </p>
                    <div class="export">
                        <button type="button" data-testid="export-json" on:click=on_export_json>
                            {move || lang.get().pick("导出结果（JSON）", "Export findings (JSON)")}
                        </button>
                        <button type="button" data-testid="export-csv" on:click=on_export_csv>
                            {move || lang.get().pick("导出表格（CSV）", "Export as spreadsheet (CSV)")}
                        </button>
                    </div>
                </div>
                <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                    <label>
                        <span>{move || lang.get().pick("搜索对方", "Search counterparty")}</span>
                        <input type="search" data-testid="filter-search" prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev)) />
                    </label>
                    <label>
                        <span>{move || lang.get().pick("风险", "Level")}</span>
                        <select data-testid="filter-level" prop:value=move || level_filter.get()
                            on:change=move |ev| level_filter.set(event_target_value(&ev))>
                            <option value="">{move || lang.get().pick("全部", "All")}</option>
                            {[Level::High, Level::Medium, Level::Low].into_iter().map(|level| view! {
                                <option value=level_id(level)>{move || level_label(lang.get(), level)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{move || lang.get().pick("支付方式", "Paid with")}</span>
                        <select data-testid="filter-method" prop:value=move || method_filter.get()
                            on:change=move |ev| method_filter.set(event_target_value(&ev))>
                            <option value="">{move || lang.get().pick("全部", "All")}</option>
                            {move || methods.get().into_iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{move || lang.get().pick("排序", "Sort by")}</span>
                        <select data-testid="sort" prop:value=move || sort.get().id()
                            on:change=move |ev| {
                                let id = event_target_value(&ev);
                                sort.set(SortBy::ALL.into_iter().find(|s| s.id() == id).unwrap_or(SortBy::Risk));
                            }>
                            {SortBy::ALL.into_iter().map(|s| view! {
                                <option value=s.id()>{move || s.label(lang.get())}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </form>
                <div class="alerts">
                    <For each=visible_alerts key=|(i, a): &(usize, Alert)| (*i, a.code.clone(), a.transactions.clone())
                        children=move |(i, a)| view! { <AlertCard index=i alert=a lang=lang generation=generation /> } />
                    <Show when=move || unlisted_alerts() != 0>
                        <p class="more" data-testid="alerts-unlisted">{move || {
                            let locale = lang.get();
                            format!("{}{}{}", locale.pick("…另有 ", "… and "), unlisted_alerts(), locale.pick(" 条提示未列出（导出的 JSON / CSV 里有全部）。", " more alerts not listed (the JSON / CSV exports have them all)."))
                        }}</p>
                    </Show>
                </div>
                <div class="streams">
                    <For each=visible_streams
                        key=|s: &StreamView| (s.index, s.stream.counterparty.clone(), s.payments.len(), s.stream.level, s.decision.as_ref().map(decision_key), s.after_cancel.len())
                        children=move |s| view! { <StreamCard view=s lang=lang generation=generation decide=decide /> } />
                    <Show when=move || shown_count() == 0>
                        <p class="empty">{move || lang.get().pick("没有发现周期性扣款。", "No recurring debits found.")}</p>
                    </Show>
                </div>
            </section>
        </Show>
    }
}

#[component]
fn AlertCard(
    index: usize,
    alert: Alert,
    lang: RwSignal<Locale>,
    generation: Signal<u32>,
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
                {move || match lang.get() {
                    Locale::En => en.clone(),
                    locale => locale.show(zh.as_str()).into_owned(),
                }}
            </p>
            <p class="evidence">{move || lang.get().pick("证据：", "Evidence: ")}{evidence}</p>
            <LetterToggle open=open lang=lang />
            <Show when=move || open.get()>
                <LetterPanel finding=FindingRef::Alert(index) generation=generation lang=lang />
            </Show>
        </article>
    }
}

#[component]
fn StreamCard(
    view: StreamView,
    lang: RwSignal<Locale>,
    generation: Signal<u32>,
    decide: Callback<(usize, Option<Decision>)>,
) -> impl IntoView {
    let StreamView {
        index,
        stream,
        payments,
        method,
        decision,
        after_cancel,
        after_cancel_minor,
        evidence,
    } = view;
    let open = RwSignal::new(false);
    let letters = stream.level != Level::Low || !after_cancel.is_empty();
    let level = stream.level;
    let frequency = stream.frequency;
    let currency = stream.currency;
    let amount = money(stream.typical_amount_minor, currency);
    let total = money(stream.total_minor, currency);
    let span = format!("{} – {}", stream.first, stream.last);
    let occurrences = stream.occurrences;
    let next = stream.next_expected.map(|d| d.to_string());
    let active = stream.active;
    let reasons = stream.reasons.clone();
    let evidence = evidence.to_string();
    let verdict_id = decision.as_ref().map(|d| match d.verdict {
        Verdict::Known => "known",
        Verdict::Suspicious => "suspicious",
        Verdict::Cancelled { .. } => "cancelled",
    });
    let after_cancel_rows = after_cancel
        .iter()
        .map(|t| format!("{}:{}", t.file, t.line))
        .collect::<Vec<_>>()
        .join(", ");
    let after_count = after_cancel.len();
    let method_shown = method.clone();
    view! {
        <article class=format!("stream card {}", level_id(level)) data-testid="stream" data-level=level_id(level)
            data-counterparty=stream.counterparty.clone() data-frequency=frequency.name()
            data-decision=verdict_id.unwrap_or("none") class:decided-known=verdict_id == Some("known")>
            <header>
                <span class=format!("badge {}", level_id(level))>{move || level_label(lang.get(), level)}</span>
                <h3>{stream.counterparty.clone()}</h3>
                <span class="amount">{amount}" · "{move || frequency_label(lang.get(), frequency)}</span>
            </header>
            {(after_count > 0).then(|| view! {
                <p class="after-cancel" role="alert" data-testid="charged-after-cancel">
                    {move || lang.get().pick("你标记为已取消之后，仍被扣款 ", "Charged after you marked it cancelled: ")}
                    {after_count}{move || lang.get().pick(" 笔，共 ", " payments, ")}{money(after_cancel_minor, currency)}
                    " ("{after_cancel_rows.clone()}")"
                </p>
            })}
            <ul class="reasons">
                {reasons.into_iter().map(|r| {
                    let code = r.code.clone();
                    view! {
                        <li data-code=code>{move || match lang.get() {
                            Locale::En => r.message.clone(),
                            locale => locale.show(r.message_zh.as_str()).into_owned(),
                        }}</li>
                    }
                }).collect_view()}
            </ul>
            <Timeline payments=payments.iter().map(|p| (p.date, p.amount_minor)).collect() currency=currency lang=lang />
            <p class="meta">
                {move || lang.get().pick("共 ", "")}{occurrences}{move || lang.get().pick(" 笔，合计 ", " payments, total ")}{total.clone()}
                " · "{span}
                {move || match (&next, active) {
                    (Some(date), true) => format!(" · {}{date}", lang.get().pick("下次预计 ", "next expected ")),
                    _ => format!(" · {}", lang.get().pick("已停止", "ended")),
                }}
                {(!method_shown.is_empty()).then(|| format!(" · {method_shown}"))}
            </p>
            <DecisionBar index=index decision=decision lang=lang decide=decide />
            <details>
                <summary>{move || lang.get().pick("对应的账单行", "Rows in the statements")}</summary>
                <p class="evidence">{evidence.clone()}</p>
            </details>
            // Closed <details> print closed: the printout lists the rows here instead.
            <p class="evidence evidence-print">{move || lang.get().pick("账单行：", "Rows: ")}{evidence.clone()}</p>
            {letters.then(|| view! {
                <LetterToggle open=open lang=lang />
                <Show when=move || open.get()>
                    <LetterPanel finding=FindingRef::Stream(index) generation=generation lang=lang />
                </Show>
            })}
        </article>
    }
}

/// "I know this one" / "suspicious" / "cancelled on …", kept on this device.
#[component]
fn DecisionBar(
    index: usize,
    decision: Option<Decision>,
    lang: RwSignal<Locale>,
    decide: Callback<(usize, Option<Decision>)>,
) -> impl IntoView {
    let current = decision.as_ref().map(|d| d.verdict.clone());
    let cancelled_on = match &current {
        Some(Verdict::Cancelled { on }) => *on,
        _ => today(),
    };
    let date = RwSignal::new(cancelled_on.to_string());
    let pick = move |verdict: Verdict| {
        let same = current.as_ref() == Some(&verdict);
        decide.run((
            index,
            (!same).then(|| Decision {
                verdict,
                decided: today(),
            }),
        ));
    };
    let is = {
        let current = decision.as_ref().map(|d| d.verdict.clone());
        move |id: &str| {
            matches!(
                (&current, id),
                (Some(Verdict::Known), "known")
                    | (Some(Verdict::Suspicious), "suspicious")
                    | (Some(Verdict::Cancelled { .. }), "cancelled")
            )
        }
    };
    let (known, suspicious, cancelled) = (is("known"), is("suspicious"), is("cancelled"));
    let pick_known = pick.clone();
    let pick_suspicious = pick.clone();
    let on_cancelled = move |_| {
        // A date field's value is `YYYY-MM-DD`, or empty when nothing valid is entered.
        let on = crate::model::iso_date::parse(&date.get_untracked()).unwrap_or_else(today);
        pick(Verdict::Cancelled { on });
    };
    view! {
        <div class="decision" role="group" data-testid="decision">
            <span class="decision-label">{move || lang.get().pick("我的判断：", "My decision: ")}</span>
            <button type="button" data-testid="decision-known" aria-pressed=known.to_string()
                on:click=move |_| pick_known(Verdict::Known)>
                {move || lang.get().pick("我认识，是我办的", "I know this one")}
            </button>
            <button type="button" data-testid="decision-suspicious" aria-pressed=suspicious.to_string()
                on:click=move |_| pick_suspicious(Verdict::Suspicious)>
                {move || lang.get().pick("可疑", "Suspicious")}
            </button>
            <span class="cancel-on">
                <button type="button" data-testid="decision-cancelled" aria-pressed=cancelled.to_string()
                    on:click=on_cancelled>
                    {move || lang.get().pick("已取消，日期：", "Cancelled on")}
                </button>
                <input type="date" data-testid="decision-date" prop:value=move || date.get()
                    aria-label=move || lang.get().pick("取消日期", "Date cancelled").into_owned()
                    on:change=move |ev| date.set(event_target_value(&ev)) />
            </span>
        </div>
    }
}

/// The button that opens (and closes) a finding's letter drafts.
#[component]
fn LetterToggle(open: RwSignal<bool>, lang: RwSignal<Locale>) -> impl IntoView {
    view! {
        <button type="button" class="link" data-testid="letter-open" aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {move || if open.get() {
                lang.get().pick("收起投诉信", "Hide the letters")
            } else {
                lang.get().pick("写投诉信 / 怎么取消", "Draft a complaint / how to cancel")
            }}
        </button>
    }
}
