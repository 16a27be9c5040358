//! Tests that run inside headless Chromium (wasm-bindgen-test): the import path compiled to wasm,
//! and the app mounted into a real DOM.
#![cfg(target_arch = "wasm32")]

use statement_checker::import::{import_file, Format};
use statement_checker::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn reads_a_gbk_alipay_export_inside_the_browser() {
    let bytes = include_bytes!("fixtures/generated/p12_00_alipay.csv");
    let file = import_file("p12_00_alipay.csv", bytes);
    assert_eq!(file.error, None);
    assert_eq!(file.format, Some(Format::Alipay));
    assert_eq!(file.transactions.len(), 504);
    assert!(file.skipped.is_empty());
}

#[wasm_bindgen_test]
fn the_demo_statement_reads_cleanly() {
    let file = import_file(
        statement_checker::demo::ALIPAY_DEMO_NAME,
        &statement_checker::demo::alipay_demo(),
    );
    assert_eq!(file.error, None);
    assert!(file.skipped.is_empty());
    assert_eq!(Some(file.transactions.len() as u32), file.declared_count);
}

fn query(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element {selector}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_app_mounts_promises_privacy_and_switches_language() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), App);

    let status = query(&host, "[data-testid=status]");
    assert_eq!(status.get_attribute("data-state").as_deref(), Some("idle"));
    query(&host, "[data-testid=file-input]");
    query(&host, "[data-testid=demo]");
    let before = query(&host, "h1").text_content().unwrap();

    query(&host, "[data-testid=lang]").click();
    leptos::task::tick().await;
    let after = query(&host, "h1").text_content().unwrap();
    assert_ne!(before, after, "the language switch changes the heading");
    let privacy = query(&host, "[data-testid=privacy]")
        .text_content()
        .unwrap();
    assert!(
        privacy.contains("Nothing is uploaded") || privacy.contains("不会上传"),
        "{privacy}"
    );
    drop(handle);
}
