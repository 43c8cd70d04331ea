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
  if ! command -v zip >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get install -y -q zip || { apt-get update -q && apt-get install -y -q zip; }
    else
      echo "build.sh: the store zips need zip (sudo apt-get install zip)" >&2
      exit 1
    fi
  fi
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

build_www() {
  # The page, its modules, the extension's DOM and packed-model modules (shared, not copied in
  # the sources), the wasm build and the sample article: one static folder.
  rm -rf dist/www
  mkdir -p dist/www/pkg
  cp www/index.html www/style.css www/app.js www/html.js www/segments.js www/textclean.js www/worker.js dist/www/
  cp extension/src/dom.js extension/src/packed.js dist/www/
  cp dist/pkg/rinse_wasm.js dist/pkg/rinse_wasm_bg.wasm dist/www/pkg/
  cp tests/samples/sample-article.txt dist/www/
  echo "playground: dist/www"
}

ensure_toolchain
mkdir -p dist
build_wasm
build_extension
build_www

if [ "${1:-}" = serve ]; then
  echo "Serving the playground at http://127.0.0.1:8080 (Ctrl-C stops)"
  exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist/www
fi
