//! The browser interface (Leptos components only). It calls import, analysis and letters through
//! the worker and never the other way round.

mod app;
mod batches;
mod download;
mod engine;
mod findings;
mod i18n;
mod letter;
mod mapping;
mod storage;
mod timeline;

pub use app::App;

/// Shows a message in place of a dead page if anything in the page's code panics.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("statement-checker: {info}").into());
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(fatal) = document.get_element_by_id("fatal") {
            fatal.set_text_content(Some(
                "程序出错了，请刷新页面重试；你的文件没有被上传。 Something went wrong: please reload the page. Your files were not uploaded.",
            ));
            let _ = fatal.remove_attribute("hidden");
        }
    }));
}

/// Entry point of the page binary: installs the panic hook and mounts the app.
pub fn start() {
    install_panic_hook();
    leptos::mount::mount_to_body(App);
}
