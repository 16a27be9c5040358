#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there.
#   tools/install.sh rust      rustup target, trunk, wasm-bindgen-cli (the Cargo.lock version)
#   tools/install.sh node      node/npm if absent, then npm packages from package-lock.json
#   tools/install.sh browser   Debian chromium, chromium-driver, fonts-noto-cjk
#   tools/install.sh all       all of the above
#   tools/install.sh fuzz      nightly toolchain and cargo-fuzz, for `make fuzz` (not part of all)
# Nothing here downloads a browser or a prebuilt binary: only crates.io, npm and Debian packages.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[install]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=false
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! $apt_updated; then
    say "apt-get update"
    as_root apt-get update -q
    apt_updated=true
  fi
  say "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

install_rust() {
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
  # rust-toolchain.toml names the toolchain and the wasm target; make sure both are present.
  local toolchain
  toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
  if ! rustup target list --installed --toolchain "$toolchain" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown ($toolchain)"
    rustup target add wasm32-unknown-unknown --toolchain "$toolchain"
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "cargo install trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  local wbg
  [ -f Cargo.lock ] || cargo generate-lockfile
  wbg=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    # Without --locked: the CLI's own lock file names a crate version the registry no longer has.
    say "cargo install wasm-bindgen-cli $wbg (about 2 minutes)"
    cargo install wasm-bindgen-cli --version "$wbg" --force
  fi
}

install_node() {
  if ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci (binaryen for wasm-opt, playwright-core; no browser download)"
    npm ci --no-audit --no-fund
  fi
}

install_browser() {
  apt_install chromium chromium-driver fonts-noto-cjk
}

# cargo-fuzz builds with sanitizers, which only the nightly compiler has.
install_fuzz() {
  command -v rustup >/dev/null || { echo "rustup is missing: install Rust with rustup first" >&2; exit 1; }
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "rustup toolchain install nightly --profile minimal"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "cargo install cargo-fuzz --locked (about 3 minutes)"
    cargo install cargo-fuzz --locked
  fi
}

case "${1:-all}" in
  rust) install_rust ;;
  node) install_node ;;
  browser) install_browser ;;
  all) install_rust; install_node; install_browser ;;
  fuzz) install_fuzz ;;
  *) echo "usage: $0 [rust|node|browser|all|fuzz]" >&2; exit 2 ;;
esac
