# Two commands do everything: `make serve` and `make test`. Each installs what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver

.PHONY: help tools build serve test test-native test-wasm test-e2e lint eval eval-heldout clean fuzz bench

help:
	@echo "make serve   install what is missing, build, serve on http://127.0.0.1:$(PORT)"
	@echo "make test    install what is missing, run native, wasm (headless Chromium) and end-to-end tests"
	@echo "make build   release bundle in dist/"

tools:
	tools/install.sh all

## Release bundle into dist/.
build:
	tools/install.sh rust
	tools/install.sh node
	cargo fetch
	trunk build --release --offline

## Build, then serve dist/ on 127.0.0.1 (the CSP is also sent as a header).
serve: build
	@echo "Open http://127.0.0.1:$(PORT)/ — click the demo button or drop an Alipay CSV."
	node tools/serve.mjs dist $(PORT)

## Every test: native, wasm in headless Chromium, end-to-end in Chromium.
test: tools test-native test-wasm test-e2e

test-native:
	cargo test --locked

test-wasm:
	tools/install.sh rust
	tools/install.sh browser
	$(WASM_RUNNER) cargo test --locked --target wasm32-unknown-unknown --test web

test-e2e: build
	tools/install.sh browser
	node --test --test-concurrency=1 tests/e2e/
	node --test tests/bench/

## Benchmarks (see BENCHMARKS.md): generates large statements into target/bench-data/, runs the
## native criterion benches, then the in-browser benchmark against dist/ (built only if missing),
## and writes the figures, the machine and the date at the top of BENCHMARKS.md.
## BENCH_1M=1 adds analysis of 1M rows (about five more minutes on 2 cores).
BENCH_ROWS ?= 100000
bench:
	if [ ! -f dist/index.html ]; then $(MAKE) build; fi
	mkdir -p target/bench-data
	cargo run --release --example gen_big -- target/bench-data/alipay-$(BENCH_ROWS).csv $(BENCH_ROWS) alipay
	cargo run --release --example gen_big -- target/bench-data/wechat-$(BENCH_ROWS).csv $(BENCH_ROWS) wechat
	BENCH_1M=$${BENCH_1M:-0} cargo bench --bench import --bench analysis
	node tests/bench/browser.mjs target/bench-data/alipay-$(BENCH_ROWS).csv
	node tests/bench/summary.mjs

clean:
	rm -rf dist target/wasm32-unknown-unknown test-results

## Lints for both targets (the UI only compiles for wasm32).
lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --tests --examples -- -D warnings

## Scores stream and signal detection against the labelled fixtures.
eval:
	cargo run --release --example eval
	cargo run --release --example eval -- tests/fixtures/heldout/truth.json
	cargo run --release --example eval -- tests/fixtures/unseen/truth.json

## Scores the detector on the held-out set too (statements it was not tuned on).
eval-heldout:
	cargo run --release --example eval -- tests/fixtures/heldout/truth.json

## Fuzzes every target for FUZZ_SECONDS each (default 600) on the nightly toolchain; stops at the
## first crash, timeout (10 s for one input) or leak. Seeds are in fuzz/corpus/, new inputs go
## to fuzz/work/ (not committed), crashes to fuzz/artifacts/.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := import_any import_csv_text import_xml import_records analysis
fuzz:
	tools/install.sh fuzz
	for target in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/work/$$target; \
	  cargo +nightly fuzz run $$target fuzz/work/$$target fuzz/corpus/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 || exit 1; \
	done
