#!/usr/bin/env bash
# Runs every test: the Rust core and CLI, the WebAssembly build, and the
# real-browser suites (extension in Chromium and Firefox ESR, playground).
# Needs what .ci/run installs: the wasm32 target, wasm-bindgen-cli, Debian's
# chromium and firefox-esr, and `npm ci --prefix tests`.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test"
cargo test --workspace
echo "== core builds for WebAssembly"
cargo build --lib --target wasm32-unknown-unknown
echo "== ./build.sh"
./build.sh
echo "== web-ext lint (no errors allowed)"
lint=$(npx --prefix tests web-ext lint --source-dir dist/extension --output json 2>/dev/null || true)
echo "$lint" | node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log("web-ext lint:", JSON.stringify(r.summary));
  for (const e of r.errors) console.log("  error:", e.code, e.message);
  process.exit(r.summary.errors === 0 ? 0 : 1);'
shopt -s nullglob
suites=(tests/e2e/*.test.mjs tests/www/*.test.mjs)
if [ ${#suites[@]} -gt 0 ]; then
  echo "== browser suites"
  node --test --test-concurrency=1 "${suites[@]}"
fi
