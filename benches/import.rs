//! Import speed on large generated statements: Alipay GBK and WeChat CSV at 10k and 100k rows,
//! plus the pieces of the Alipay path on their own (GBK decoding, and a bare reader that only
//! decodes, splits CSV and sums amounts) to show where the time goes.

// Not every writer is used here (the split Alipay export serves the analysis benchmark).
#[allow(dead_code)]
#[path = "support/bigdata.rs"]
mod bigdata;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use statement_checker::import::import_files;

/// Row counts measured; each input is generated once, before timing.
const SIZES: &[usize] = &[10_000, 100_000];

/// Reads `bytes` and checks every row came through, so a benchmark never times a failure path.
fn import_all(name: &str, bytes: &[u8], rows: usize) {
    let files = import_files(name, bytes, None);
    assert_eq!(files.len(), 1, "{name}: one statement");
    assert!(files[0].error.is_none(), "{name}: {:?}", files[0].error);
    assert_eq!(files[0].transactions.len(), rows, "{name}: every row read");
    assert!(
        files[0].skipped.is_empty(),
        "{name}: {:?}",
        &files[0].skipped[..1]
    );
}

/// The least a reader must do: decode GBK, split the CSV after the preamble, sum the amounts.
fn bare_reader(bytes: &[u8]) -> (usize, i64) {
    let (text, _, _) = encoding_rs::GBK.decode(bytes);
    let body = text.find("交易时间,").map_or(&text[..], |at| &text[at..]);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut rows = 0;
    let mut total = 0i64;
    for record in reader.records().map_while(Result::ok) {
        let Some(amount) = record.get(6) else {
            continue;
        };
        let (whole, fraction) = amount.split_once('.').unwrap_or((amount, "0"));
        let whole: i64 = whole.parse().unwrap_or(0);
        let fraction: i64 = format!("{fraction:0<2}")[..2].parse().unwrap_or(0);
        total += whole * 100 + fraction;
        rows += 1;
    }
    (rows, total)
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for &rows in SIZES {
        let alipay = bigdata::alipay_gbk(rows);
        let wechat = bigdata::wechat_csv(rows);
        import_all("alipay.csv", &alipay, rows);
        import_all("wechat.csv", &wechat, rows);
        assert_eq!(
            bare_reader(&alipay).0,
            rows,
            "the bare reader sees every row"
        );

        group.throughput(Throughput::Bytes(alipay.len() as u64));
        group.bench_with_input(BenchmarkId::new("alipay_gbk", rows), &alipay, |b, bytes| {
            b.iter(|| import_files("alipay.csv", black_box(bytes), None))
        });
        group.bench_with_input(
            BenchmarkId::new("gbk_decode_only", rows),
            &alipay,
            |b, bytes| b.iter(|| encoding_rs::GBK.decode(black_box(bytes)).0.len()),
        );
        group.bench_with_input(
            BenchmarkId::new("bare_reader", rows),
            &alipay,
            |b, bytes| b.iter(|| bare_reader(black_box(bytes))),
        );
        group.throughput(Throughput::Bytes(wechat.len() as u64));
        group.bench_with_input(BenchmarkId::new("wechat_csv", rows), &wechat, |b, bytes| {
            b.iter(|| import_files("wechat.csv", black_box(bytes), None))
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
