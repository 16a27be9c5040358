//! The Web Worker: runs import and analysis off the page's thread (browser build only).

fn main() {
    #[cfg(target_arch = "wasm32")]
    statement_checker::worker::start();
}
