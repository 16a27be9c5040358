//! Long lists drawn a few items per task, so that no single task of the page runs long however
//! many items there are (the browser paints and answers input in between).

use leptos::prelude::*;

/// How many items of a list to draw. It falls back to `first` whenever `restart` reads a
/// changed signal (a new list, filter or order; the items already drawn stay on the page),
/// then grows by `step` in a new task each time until it covers `len()`.
pub fn drawn_in_batches(
    first: usize,
    step: usize,
    len: impl Fn() -> usize + 'static,
    restart: impl Fn() + 'static,
) -> RwSignal<usize> {
    let drawn = RwSignal::new(first);
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        restart();
        drawn.set(first);
    });
    Effect::new(move |_| {
        if drawn.get() < len() && !pending.get_value() {
            pending.set_value(true);
            // The list may be gone by then (its section closed): then there is nothing to do.
            set_timeout(
                move || {
                    pending.try_set_value(false);
                    drawn.try_update(|d| *d += step);
                },
                std::time::Duration::ZERO,
            );
        }
    });
    drawn
}
