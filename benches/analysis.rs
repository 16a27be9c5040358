//! Analysis speed on large generated statements at 10k, 100k and 1M rows, to show how it grows.
//! The statements are imported once before timing; only `analyse` is measured.

// Only the Alipay layout is analysed here; the other writers serve the import benchmark.
#[allow(dead_code)]
#[path = "support/bigdata.rs"]
mod bigdata;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use statement_checker::analysis::analyse;
use statement_checker::import::import_files;

/// Row counts always measured.
const SIZES: &[usize] = &[10_000, 100_000];

/// Far above what one person produces, and minutes to measure on 2 cores, so only on request
/// (`BENCH_1M=1`): it shows whether the growth stays linear.
const LARGE: usize = 1_000_000;

fn analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    let large = std::env::var_os("BENCH_1M").is_some_and(|v| v == "1");
    let sizes = SIZES.iter().copied().chain(large.then_some(LARGE));
    for rows in sizes {
        // One file holds at most 100 MB (about 650k rows), so larger histories come in parts.
        let files: Vec<_> = bigdata::alipay_gbk_parts(rows, rows.div_ceil(250_000))
            .iter()
            .enumerate()
            .flat_map(|(part, bytes)| import_files(&format!("alipay-{part}.csv"), bytes, None))
            .collect();
        let read: usize = files.iter().map(|f| f.transactions.len()).sum();
        assert_eq!(read, rows, "every row read");
        let report = analyse(&files);
        assert!(
            report.streams.len() >= 12,
            "{rows} rows: the generated recurring streams are found ({} streams)",
            report.streams.len()
        );
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::new("alipay", rows), &files, |b, files| {
            b.iter(|| analyse(black_box(files)))
        });
    }
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
