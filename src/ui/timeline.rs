//! A stream's payments drawn over time: one dot per payment, joined as steps so that a price
//! rise shows as a jump. Plain SVG, no script, readable by screen readers through its label.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::i18n::Locale;
use crate::model::{format_minor, Currency};

const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 90.0;
const LEFT: f64 = 8.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 20.0;

/// Where each payment goes on the chart, oldest first: (x, y, date, amount, price changed).
fn layout(payments: &[(NaiveDate, i64)]) -> Vec<(f64, f64, NaiveDate, i64, bool)> {
    let mut sorted = payments.to_vec();
    sorted.sort();
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let days = (last.0 - first.0).num_days().max(1) as f64;
    let top = sorted.iter().map(|p| p.1).max().unwrap_or(0).max(1) as f64;
    let single_day = first.0 == last.0;
    let mut previous = None;
    sorted
        .iter()
        .map(|&(date, minor)| {
            let x = if single_day {
                WIDTH / 2.0
            } else {
                LEFT + (date - first.0).num_days() as f64 / days * (WIDTH - LEFT - RIGHT)
            };
            let y = HEIGHT - BOTTOM - (minor.max(0) as f64 / top) * (HEIGHT - TOP - BOTTOM);
            let changed = previous.is_some_and(|p| p != minor);
            previous = Some(minor);
            (x, y, date, minor, changed)
        })
        .collect()
}

/// Dots closer than this (in chart units) would cover each other.
const DOT_GAP: f64 = 6.0;

/// Which points get a dot: the first and the last, every price change, and otherwise a point
/// only when it stands at least [`DOT_GAP`] from the last dot. A weekly charge over five years
/// is some 260 points on a 400-unit axis, most of them on top of each other; drawing each one
/// made the card slow to appear and no easier to read. The line still passes every point.
fn dotted(points: &[(f64, f64, NaiveDate, i64, bool)]) -> Vec<usize> {
    let mut shown: Vec<usize> = Vec::new();
    for (i, point) in points.iter().enumerate() {
        let last = i + 1 == points.len();
        let apart = shown
            .last()
            .is_none_or(|&j| point.0 - points[j].0 >= DOT_GAP);
        if apart || point.4 || last {
            shown.push(i);
        }
    }
    shown
}

/// The step line through the points.
fn step_path(points: &[(f64, f64, NaiveDate, i64, bool)]) -> String {
    let mut path = String::new();
    for (n, (x, y, ..)) in points.iter().enumerate() {
        if n == 0 {
            path.push_str(&format!("M{x:.1} {y:.1}"));
        } else {
            path.push_str(&format!(" H{x:.1} V{y:.1}"));
        }
    }
    path
}

/// The chart of one stream's payments.
#[component]
pub fn Timeline(
    payments: Vec<(NaiveDate, i64)>,
    currency: Currency,
    lang: RwSignal<Locale>,
) -> impl IntoView {
    let points = layout(&payments);
    if points.is_empty() {
        return ().into_any();
    }
    let digits = currency.minor_digits();
    let amount = move |minor: i64| format!("{} {}", format_minor(minor, digits), currency);
    let low = points.iter().map(|p| p.3).min().unwrap_or(0);
    let high = points.iter().map(|p| p.3).max().unwrap_or(0);
    let (first, last) = (points[0].2, points[points.len() - 1].2);
    let steps = points.iter().filter(|p| p.4).count();
    let count = points.len();
    let label = move || {
        let (low, high) = (amount(low), amount(high));
        match lang.get() {
            Locale::En => format!(
                "{count} payments from {first} to {last}, between {low} and {high}; the price changed {steps} times"
            ),
            locale => locale
                .show(format!("{first} 至 {last} 共 {count} 笔，金额 {low} 至 {high}，价格变动 {steps} 次"))
                .into_owned(),
        }
    };
    let path = step_path(&points);
    let dots = dotted(&points)
        .into_iter()
        .map(|i| {
            let (x, y, date, minor, changed) = points[i];
            let title = format!("{date} · {}", amount(minor));
            view! {
                <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="4" class:step=changed>
                    <title>{title}</title>
                </circle>
            }
        })
        .collect_view();
    view! {
        <figure class="timeline" data-testid="timeline" data-points=count.to_string() data-steps=steps.to_string()>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
                <line class="axis" x1=LEFT.to_string() x2=(WIDTH - RIGHT).to_string()
                    y1=(HEIGHT - BOTTOM).to_string() y2=(HEIGHT - BOTTOM).to_string() />
                <path class="line" d=path />
                {dots}
                <text class="tick" x=LEFT.to_string() y=(HEIGHT - 6.0).to_string()>{first.to_string()}</text>
                <text class="tick end" x=(WIDTH - RIGHT).to_string() y=(HEIGHT - 6.0).to_string()>{last.to_string()}</text>
                <text class="tick" x=LEFT.to_string() y="13">{amount(high)}</text>
            </svg>
        </figure>
    }
    .into_any()
}
