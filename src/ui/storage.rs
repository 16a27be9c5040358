//! What the app keeps on this device: small settings in `localStorage`, every key under one
//! prefix so that "forget all" can find and remove all of them. Statements are never stored.

/// Every key the app writes starts with this.
const PREFIX: &str = "statement-checker.";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The value stored under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(&format!("{PREFIX}{key}")).ok()?
}

/// Stores `value` under `key` (silently does nothing when storage is unavailable or full).
pub fn set(key: &str, value: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(&format!("{PREFIX}{key}"), value);
    }
}

/// Removes every key the app stored; returns how many were removed.
pub fn forget_all() -> u32 {
    let Some(storage) = local() else { return 0 };
    let length = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for key in &keys {
        let _ = storage.remove_item(key);
    }
    keys.len() as u32
}
