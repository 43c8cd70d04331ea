// Assembles the extension from extension/ and the wasm build in dist/pkg:
//   dist/extension/        one unpacked MV3 extension for Chromium and Firefox
//   dist/extension-chrome/, dist/extension-firefox/   what build.sh zips for each store
// The three manifests come from one source: manifest.base.json with the
// manifest.chrome.json and/or manifest.firefox.json overlays merged in.
//
// Usage: node extension/build.mjs [DIST_DIR]

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(here, file), 'utf8'));

/** Deep merge of plain objects; arrays and scalars of `over` replace. */
function merge(base, over) {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v);
    out[key] = isObj(value) && isObj(base[key]) ? merge(base[key], value) : value;
  }
  return out;
}

function crateVersion() {
  const toml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const m = toml.match(/^version\s*=\s*"([^"]+)"/m);
  return m ? m[1] : '0.0.0';
}

function manifestFor(overlays) {
  let manifest = readJson('manifest.base.json');
  for (const name of overlays) manifest = merge(manifest, readJson(`manifest.${name}.json`));
  manifest.version = crateVersion();
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Content scripts cannot be ES modules, so content.js and the modules it
 * imports are joined into one classic script. The modules are written for
 * this: no name clashes, named imports only, and no import side effects.
 */
function bundleContentScript() {
  const parts = ['packed.js', 'dom.js', 'messages.js', 'settings.js', 'content.js'].map((file) => {
    const source = fs.readFileSync(path.join(here, 'src', file), 'utf8');
    const body = source
      .replace(/^import\s[\s\S]*?\sfrom\s+['"][^'"]+['"];[ \t]*$/gm, '')
      .replace(/^export\s+(?=(const|let|function|async function|class)\b)/gm, '');
    if (/^\s*(import|export)\b/m.test(body)) throw new Error(`${file}: unsupported import/export form`);
    return `// ---- ${file}\n${body}`;
  });
  return `// Rinse content script (built from extension/src by extension/build.mjs).\n(() => {\n'use strict';\n${parts.join('\n')}\n})();\n`;
}

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(src, dst);
    else fs.copyFileSync(src, dst);
  }
}

function assemble(outDir, overlays) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'manifest.json'), manifestFor(overlays));
  for (const file of ['popup.html', 'popup.css', 'options.html', 'options.css', 'content.css']) {
    fs.copyFileSync(path.join(here, file), path.join(outDir, file));
  }
  for (const file of ['background.js', 'popup.js', 'options.js', 'messages.js', 'packed.js', 'settings.js']) {
    fs.copyFileSync(path.join(here, 'src', file), path.join(outDir, file));
  }
  fs.writeFileSync(path.join(outDir, 'content.js'), bundleContentScript());
  copyDir(path.join(here, '_locales'), path.join(outDir, '_locales'));
  copyDir(path.join(here, 'icons'), path.join(outDir, 'icons'));
  const pkg = path.join(dist, 'pkg');
  fs.mkdirSync(path.join(outDir, 'pkg'), { recursive: true });
  for (const file of ['rinse_wasm.js', 'rinse_wasm_bg.wasm']) {
    fs.copyFileSync(path.join(pkg, file), path.join(outDir, 'pkg', file));
  }
}

assemble(path.join(dist, 'extension'), ['chrome', 'firefox']);
assemble(path.join(dist, 'extension-chrome'), ['chrome']);
assemble(path.join(dist, 'extension-firefox'), ['firefox']);
console.log(`extension ${crateVersion()} assembled in ${path.relative(root, dist)}/extension`);
