//! For a table of no known layout: shows which column was taken for what, lets the person change
//! it, and remembers the choice on this device for files with the same header.

use leptos::prelude::*;

use super::i18n::Locale;
use super::storage;
use crate::import::{ColumnMapping, DateOrder};

/// The storage key under which a mapping for files with this header is remembered (`shape`:
/// the header in comparable form, as the worker gives it).
fn key(shape: &str) -> String {
    format!("mapping.v1.{shape}")
}

/// The mapping remembered for files with this header, if the person chose one before.
pub fn remembered(mapping: &ColumnMapping, shape: &str) -> Option<ColumnMapping> {
    if mapping.columns.is_empty() {
        return None;
    }
    let stored = storage::get(&key(shape))?;
    let mut chosen: ColumnMapping = serde_json::from_str(&stored).ok()?;
    // Where the header sits may differ between two exports with the same columns.
    chosen.header_line = mapping.header_line;
    chosen.columns = mapping.columns.clone();
    Some(chosen)
}

/// Whether two mappings read the same columns the same way.
pub fn same_roles(a: &ColumnMapping, b: &ColumnMapping) -> bool {
    (
        a.date,
        a.time,
        a.amount,
        a.debit,
        a.credit,
        a.counterparty,
        &a.description,
        a.date_order,
    ) == (
        b.date,
        b.time,
        b.amount,
        b.debit,
        b.credit,
        b.counterparty,
        &b.description,
        b.date_order,
    )
}

/// A `<select>` of the file's columns (and "none" when the role is optional).
#[component]
fn ColumnSelect(
    label: (&'static str, &'static str),
    columns: Vec<String>,
    selected: RwSignal<Option<usize>>,
    optional: bool,
    testid: &'static str,
    lang: RwSignal<Locale>,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        selected.set(value.parse::<usize>().ok());
    };
    let current = move || selected.get().map(|i| i.to_string()).unwrap_or_default();
    view! {
        <label class="mapping-field">
            <span>{move || lang.get().pick(label.0, label.1)}</span>
            <select data-testid=testid on:change=on_change prop:value=current>
                {optional.then(|| view! { <option value="">"—"</option> })}
                {columns.into_iter().enumerate().map(|(i, name)| {
                    let text = if name.is_empty() { format!("#{}", i + 1) } else { name };
                    view! { <option value=i.to_string()>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The column mapping of one file, editable.
#[component]
pub fn MappingEditor(
    id: u32,
    mapping: ColumnMapping,
    shape: String,
    lang: RwSignal<Locale>,
    apply: Callback<(u32, ColumnMapping)>,
) -> impl IntoView {
    let columns = mapping.columns.clone();
    let date = RwSignal::new(Some(mapping.date));
    let amount = RwSignal::new(mapping.amount);
    let debit = RwSignal::new(mapping.debit);
    let credit = RwSignal::new(mapping.credit);
    let counterparty = RwSignal::new(mapping.counterparty);
    let description = RwSignal::new(mapping.description.first().copied());
    let day_first = RwSignal::new(mapping.date_order == DateOrder::DayMonthYear);
    let ambiguous = mapping.date_order_ambiguous;
    let base = StoredValue::new(mapping);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(date) = date.get_untracked() else {
            return;
        };
        let mut chosen = base.get_value();
        chosen.date = date;
        chosen.amount = amount.get_untracked();
        chosen.debit = debit.get_untracked();
        chosen.credit = credit.get_untracked();
        chosen.counterparty = counterparty.get_untracked();
        chosen.description = description.get_untracked().into_iter().collect();
        chosen.date_order = if day_first.get_untracked() {
            DateOrder::DayMonthYear
        } else {
            DateOrder::MonthDayYear
        };
        if let Ok(json) = serde_json::to_string(&chosen) {
            storage::set(&key(&shape), &json);
        }
        apply.run((id, chosen));
    };
    let on_order = move |ev: leptos::ev::Event| day_first.set(event_target_value(&ev) == "dmy");

    view! {
        <form class="mapping" data-testid="mapping-form" on:submit=submit>
            <p class="mapping-note">
                {move || lang.get().pick(
                    "这个表格不是已知的账单格式，下面是自动判断的列。如有不对请修改，修改会记在本机，下次遇到同样表头的文件自动使用。",
                    "This table is not a known statement layout; these are the columns we guessed. Correct them if needed: your choice is remembered on this device for files with the same header.")}
            </p>
            <ColumnSelect label=("日期", "Date") columns=columns.clone() selected=date optional=false testid="map-date" lang=lang />
            <ColumnSelect label=("金额（带正负号）", "Amount (signed)") columns=columns.clone() selected=amount optional=true testid="map-amount" lang=lang />
            <ColumnSelect label=("支出", "Money out") columns=columns.clone() selected=debit optional=true testid="map-debit" lang=lang />
            <ColumnSelect label=("收入", "Money in") columns=columns.clone() selected=credit optional=true testid="map-credit" lang=lang />
            <ColumnSelect label=("交易对方", "Counterparty") columns=columns.clone() selected=counterparty optional=true testid="map-counterparty" lang=lang />
            <ColumnSelect label=("说明", "Description") columns=columns selected=description optional=true testid="map-description" lang=lang />
            <label class="mapping-field">
                <span>{move || lang.get().pick("日期写法", "Date order")}</span>
                <select data-testid="map-date-order" on:change=on_order
                    prop:value=move || if day_first.get() { "dmy" } else { "mdy" }>
                    <option value="dmy">{move || lang.get().pick("日/月/年", "day/month/year")}</option>
                    <option value="mdy">{move || lang.get().pick("月/日/年", "month/day/year")}</option>
                </select>
            </label>
            {ambiguous.then(|| view! {
                <p class="mapping-note">{move || lang.get().pick(
                    "注意：文件里的日期两种读法都说得通，请确认日期写法。",
                    "Note: every date in this file reads both ways; please confirm the date order.")}</p>
            })}
            <button type="submit" data-testid="map-apply">{move || lang.get().pick("按此重新读取", "Read again with these columns")}</button>
        </form>
    }
}
