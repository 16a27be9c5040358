//! Writes a large deterministic statement for benchmarks, so no big file is ever committed.
//!
//! `cargo run --release --example gen_big -- OUT.csv ROWS [alipay|wechat]` writes ROWS rows of
//! an invented five-year history as an Alipay 2023+ GBK export (the default) or a WeChat Pay CSV.

// Not every writer is used here (the split Alipay export serves the analysis benchmark).
#[allow(dead_code)]
#[path = "../benches/support/bigdata.rs"]
mod bigdata;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(rows)) = (
        args.first(),
        args.get(1).and_then(|r| r.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_big OUT.csv ROWS [alipay|wechat]");
        return ExitCode::from(2);
    };
    let bytes = match args.get(2).map(String::as_str).unwrap_or("alipay") {
        "alipay" => bigdata::alipay_gbk(rows),
        "wechat" => bigdata::wechat_csv(rows),
        other => {
            eprintln!("unknown layout {other}: use alipay or wechat");
            return ExitCode::from(2);
        }
    };
    if let Err(error) = std::fs::write(out, &bytes) {
        eprintln!("cannot write {out}: {error}");
        return ExitCode::FAILURE;
    }
    println!("{out}: {rows} rows, {} bytes", bytes.len());
    ExitCode::SUCCESS
}
