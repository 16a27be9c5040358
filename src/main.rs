//! The page: mounts the user interface (browser build only).

fn main() {
    #[cfg(target_arch = "wasm32")]
    statement_checker::ui::start();
}
