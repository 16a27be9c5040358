# Two commands do everything: `make serve` and `make test`. Each installs what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
WASM_RUNNER := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver

.PHONY: help tools build serve test test-native test-wasm test-e2e lint eval eval-heldout clean

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

clean:
	rm -rf dist target/wasm32-unknown-unknown test-results

## Lints for both targets (the UI only compiles for wasm32).
lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

## Scores stream and signal detection against the labelled fixtures.
eval:
	cargo run --release --example eval
	cargo run --release --example eval -- tests/fixtures/heldout/truth.json

## Scores the detector on the held-out set too (statements it was not tuned on).
eval-heldout:
	cargo run --release --example eval -- tests/fixtures/heldout/truth.json
