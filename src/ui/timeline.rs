//! A stream's payments drawn over time: one dot per payment, joined as steps so that a price
//! rise shows as a jump. Plain SVG, no script, readable by screen readers through its label.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::i18n::Locale;
use crate::model::{format_minor, Currency};
use crate::view::{divide_rounded, tenths_text as units};

// The chart is laid out in tenths of an SVG unit, in whole numbers: the page then writes
// coordinates without the float formatting code, which is large in WebAssembly.
const WIDTH: i64 = 4000;
const HEIGHT: i64 = 900;
const LEFT: i64 = 80;
const RIGHT: i64 = 80;
const TOP: i64 = 240;
const BOTTOM: i64 = 200;

/// A point of the chart: where it goes (in tenths), its date and amount, and whether the price
/// changed there.
type Point = (i64, i64, NaiveDate, i64, bool);

/// Where each payment goes on the chart, oldest first.
fn layout(payments: &[(NaiveDate, i64)]) -> Vec<Point> {
    let mut sorted = payments.to_vec();
    sorted.sort();
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let days = (last.0 - first.0).num_days().max(1);
    let top = sorted.iter().map(|p| p.1).max().unwrap_or(0).max(1);
    // Amounts are scaled down only when one times the chart's height would overflow (about
    // 2 × 10^16 minor units and up); for any real amount `scale` is 1.
    const SPAN: i64 = HEIGHT - TOP - BOTTOM;
    let scale = top / (i64::MAX / SPAN) + 1;
    let single_day = first.0 == last.0;
    let mut previous = None;
    sorted
        .iter()
        .map(|&(date, minor)| {
            let x = if single_day {
                WIDTH / 2
            } else {
                LEFT + divide_rounded((date - first.0).num_days() * (WIDTH - LEFT - RIGHT), days)
            };
            let y = HEIGHT - BOTTOM - divide_rounded(minor.max(0) / scale * SPAN, top / scale);
            let changed = previous.is_some_and(|p| p != minor);
            previous = Some(minor);
            (x, y, date, minor, changed)
        })
        .collect()
}

/// Dots closer than this (in tenths of a chart unit) would cover each other.
const DOT_GAP: i64 = 60;

/// Which points get a dot: the first and the last, every price change, and otherwise a point
/// only when it stands at least [`DOT_GAP`] from the last dot. A weekly charge over five years
/// is some 260 points on a 400-unit axis, most of them on top of each other; drawing each one
/// made the card slow to appear and no easier to read. The line still passes every point.
fn dotted(points: &[Point]) -> Vec<usize> {
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
fn step_path(points: &[Point]) -> String {
    let mut path = String::new();
    for (n, &(x, y, ..)) in points.iter().enumerate() {
        if n == 0 {
            path.push_str(&format!("M{} {}", units(x), units(y)));
        } else {
            path.push_str(&format!(" H{} V{}", units(x), units(y)));
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
                <circle cx=units(x) cy=units(y) r="4" class:step=changed>
                    <title>{title}</title>
                </circle>
            }
        })
        .collect_view();
    view! {
        <figure class="timeline" data-testid="timeline" data-points=count.to_string() data-steps=steps.to_string()>
            <svg viewBox=format!("0 0 {} {}", units(WIDTH), units(HEIGHT)) role="img" aria-label=label>
                <line class="axis" x1=units(LEFT) x2=units(WIDTH - RIGHT)
                    y1=units(HEIGHT - BOTTOM) y2=units(HEIGHT - BOTTOM) />
                <path class="line" d=path />
                {dots}
                <text class="tick" x=units(LEFT) y=units(HEIGHT - 60)>{first.to_string()}</text>
                <text class="tick end" x=units(WIDTH - RIGHT) y=units(HEIGHT - 60)>{last.to_string()}</text>
                <text class="tick" x=units(LEFT) y=units(130)>{amount(high)}</text>
            </svg>
        </figure>
    }
    .into_any()
}
