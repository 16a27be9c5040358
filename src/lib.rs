//! 账单体检 Statement Checker: reads payment and bank statements on the user's own device and
//! points out recurring debits that look unauthorised.
//!
//! The flow goes one way: bytes → [`import`] → [`analysis`] → [`letters`] → `ui`. Everything but
//! the UI is plain Rust that runs (and is tested) natively; the UI and the worker exist only in
//! the browser build.

pub mod analysis;
pub mod decisions;
pub mod demo;
pub mod export;
pub mod hant;
pub mod import;
pub mod lang;
pub mod letters;
pub mod model;
pub mod protocol;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
