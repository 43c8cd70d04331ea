#!/usr/bin/env bash
# Builds everything a browser needs into dist/:
#   dist/pkg/            the core compiled to WebAssembly, with its wasm-bindgen JS glue
#   dist/extension/      the unpacked MV3 extension (Chromium and Firefox)
#   dist/rinse-chrome.zip, dist/rinse-firefox.zip
#   dist/www/            the playground
# Usage: ./build.sh          build all
#        ./build.sh serve    build, then serve dist/www at http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")"

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' src/wasm/Cargo.toml)

ensure_toolchain() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | cut -d' ' -f2)" != "$WASM_BINDGEN_VERSION" ]; then
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

build_wasm() {
  cargo build -p rinse-wasm --target wasm32-unknown-unknown --profile wasm
  rm -rf dist/pkg
  wasm-bindgen --target web --no-typescript --out-dir dist/pkg \
    target/wasm32-unknown-unknown/wasm/rinse_wasm.wasm
}

build_extension() {
  node extension/build.mjs dist
  for store in chrome firefox; do
    rm -f "dist/rinse-$store.zip"
    # -X: no extra file attributes, so the zips depend on the content only.
    (cd "dist/extension-$store" && zip -q -r -X "../rinse-$store.zip" .)
    rm -rf "dist/extension-$store"
  done
  echo "extension: dist/extension, dist/rinse-chrome.zip, dist/rinse-firefox.zip"
}

ensure_toolchain
mkdir -p dist
build_wasm
build_extension
if [ -x www/build-part.sh ]; then www/build-part.sh; fi

if [ "${1:-}" = serve ]; then
  echo "Serving the playground at http://127.0.0.1:8080 (Ctrl-C stops)"
  exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist/www
fi
