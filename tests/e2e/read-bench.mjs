#!/usr/bin/env node
// Compares two versions of the model builder (extension/src/dom.js with its
// packed.js) on the pages of ../shared/corpus/pages, in headless Chromium
// without the extension: each build runs cold, in a fresh isolated world of
// the page (as a content script's), so it pays the same first touches of
// each node that the content script pays.
//
//   node tests/e2e/read-bench.mjs --base DIR [--new DIR] [--pages DIR] [--limit N] [--only a.html,b.html] [--reps N] [--no-check]
//
// DIR holds dom.js and packed.js (--new defaults to extension/src). Per page:
//   check  both builders, in one world, read the body and a sample of
//          subtrees (as the MutationObserver path does), whole and in
//          slices of a few nodes: the packed models (text, structure,
//          links) and the handles (block element, text nodes, locked runs)
//          must be the same;
//   time   each builder reads the body in its own fresh world (the order
//          alternates), as does a bare walk (perf.mjs's floor).
// Each time is the least of --reps worlds (the host is shared and noisy).
// Prints the medians, 95th percentiles and sums over the pages.

import fs from 'node:fs';
import path from 'node:path';
import { BARE_WALK, ROOT, SHARED, launch, servePages } from './lib.mjs';

const args = { pages: path.join(SHARED, 'corpus/pages'), limit: Infinity, reps: 1, new: path.join(ROOT, 'extension/src'), check: true };
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i].replace(/^--/, '');
  if (key === 'no-check') args.check = false;
  else args[key] = ['limit', 'reps'].includes(key) ? Number(process.argv[++i]) : process.argv[++i];
}
if (!args.base) throw new Error('--base DIR is required');

/** The builder of `dir` as a script that leaves `{ModelBuilder, PackedWriter}` in globalThis[name]. */
function builderScript(dir, name) {
  const body = ['packed.js', 'dom.js']
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n')
    .replace(/^import\s[\s\S]*?\sfrom\s+['"][^'"]+['"];[ \t]*$/gm, '')
    .replace(/^export\s+(?=(const|let|function|async function|class)\b)/gm, '');
  return `globalThis[${JSON.stringify(name)}] = (() => {\n'use strict';\n${body}\nreturn { ModelBuilder, PackedWriter };\n})();`;
}
const SCRIPTS = { base: builderScript(args.base, 'base'), new: builderScript(args.new, 'new') };

/** Times one cold build of the body by builder `name` (its script already run in this world). */
const timeBuild = (name) => `(() => {
  const { ModelBuilder, PackedWriter } = globalThis[${JSON.stringify(name)}];
  const t0 = performance.now();
  const b = new ModelBuilder(document.body, new PackedWriter());
  const t1 = performance.now();
  b.step();
  const t2 = performance.now();
  return { ctor: t1 - t0, step: t2 - t1, blocks: b.handles.length };
})()`;

/** Compares both builders on the body and on sampled subtrees, whole and sliced. */
const CHECK = `(() => {
  const builders = [globalThis.base, globalThis.new];
  const roots = [document.body];
  const all = document.body.getElementsByTagName('*');
  for (let i = 0; i < all.length; i += Math.max(1, Math.floor(all.length / 40))) roots.push(all[i]);
  // Text nodes as roots too (a characterData change queues one).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let i = 0, n; (n = walker.nextNode()) && i < 400; i++) if (i % 40 === 7) roots.push(n);
  const run = (B, root, sliced) => {
    const packed = new B.PackedWriter();
    const b = new B.ModelBuilder(root, packed);
    if (sliced) { let guard = 0; while (!b.step(-1)) if (++guard > 1e6) throw new Error('no end'); }
    else b.step();
    return { packed: packed.pack(), handles: b.handles };
  };
  const sameHandles = (x, y) => x.length === y.length && x.every((h, i) => {
    const g = y[i];
    if (h.element !== g.element || h.nodes.length !== g.nodes.length || !h.nodes.every((n, j) => n === g.nodes[j])) return false;
    const lx = h.locked ? [...h.locked].sort().join() : '';
    const ly = g.locked ? [...g.locked].sort().join() : '';
    return lx === ly;
  });
  const problems = [];
  let blocks = 0;
  for (const [k, root] of roots.entries()) {
    const want = run(builders[0], root, false);
    blocks += want.handles.length;
    for (const sliced of [false, true]) {
      const got = run(builders[1], root, sliced);
      const what = 'root ' + k + (root.nodeType === 1 ? ' <' + root.localName + '>' : ' #text') + (sliced ? ' sliced' : '');
      if (JSON.stringify(got.packed) !== JSON.stringify(want.packed)) problems.push(what + ': packed model differs');
      else if (!sameHandles(got.handles, want.handles)) problems.push(what + ': handles differ');
    }
  }
  return { roots: roots.length, blocks, problems };
})()`;

const { files, server } = await servePages(args.pages, args);
const ctx = await launch('chromium', { extension: false });

let worlds = 0;
async function inWorld(cdp, frameId, scripts) {
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId, worldName: `rinse-bench-${worlds++}` });
  let value;
  for (const expression of scripts) {
    const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, contextId: executionContextId });
    if (r.exceptionDetails) throw new Error(`${r.exceptionDetails.text} ${r.exceptionDetails.exception?.description || ''}`);
    value = r.result.value;
  }
  return value;
}

const rows = [];
let mismatches = 0;
try {
  for (const [index, file] of files.entries()) {
    const page = await ctx.browser.newPage();
    try {
      await page.goto(`${server.origin}/${file}`, { waitUntil: 'load', timeout: 60000 });
      const cdp = await page.createCDPSession();
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const frameId = frameTree.frame.id;
      // A page's first world pays a one-off setup, and the first reading of
      // each text and tag name makes its string (kept for all worlds): a
      // bare walk here, so that no measured world pays them.
      await inWorld(cdp, frameId, [BARE_WALK]);
      const row = { page: file, base: Infinity, new: Infinity, floor: Infinity, ctorBase: Infinity, ctorNew: Infinity };
      for (let rep = 0; rep < args.reps; rep++) {
        const order = (index + rep) % 2 ? ['new', 'base', 'floor'] : ['floor', 'base', 'new'];
        for (const which of order) {
          // A unique comment: each world compiles its script afresh, as a content script on a new page.
          if (which === 'floor') row.floor = Math.min(row.floor, await inWorld(cdp, frameId, [`${BARE_WALK} // ${worlds}`]));
          else {
            const t = await inWorld(cdp, frameId, [`${SCRIPTS[which]} // ${worlds}`, timeBuild(which)]);
            row[which] = Math.min(row[which], t.step);
            const ctor = which === 'base' ? 'ctorBase' : 'ctorNew';
            row[ctor] = Math.min(row[ctor], t.ctor);
          }
        }
      }
      if (args.check) {
        const c = await inWorld(cdp, frameId, [SCRIPTS.base, SCRIPTS.new, CHECK]);
        row.check = c;
        if (c.problems.length) {
          mismatches++;
          console.log(`  ${file}: ${c.problems.slice(0, 5).join('; ')}`);
        }
      }
      rows.push(row);
    } catch (err) {
      console.log(`  ${file}: failed: ${err.message.split('\n')[0]}`);
    } finally {
      await page.close().catch(() => {});
    }
  }
} finally {
  await ctx.browser.close();
  await server.close();
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const line = (k) => {
  const xs = rows.map((r) => r[k]);
  const sum = xs.reduce((a, b) => a + b, 0);
  return `${k.padEnd(8)} median ${quantile(xs, 0.5).toFixed(2).padStart(6)}  p95 ${quantile(xs, 0.95).toFixed(2).padStart(6)}  sum ${sum.toFixed(1).padStart(8)}`;
};
console.log(`pages: ${rows.length} timed; ms per cold build of the body, the least of ${args.reps} rep(s)`);
for (const k of ['base', 'new', 'floor', 'ctorBase', 'ctorNew']) console.log(line(k));
if (args.check) {
  const roots = rows.reduce((a, r) => a + r.check.roots, 0);
  const blocks = rows.reduce((a, r) => a + r.check.blocks, 0);
  console.log(`check: ${rows.length - mismatches} of ${rows.length} pages the same (${roots} roots, ${blocks} blocks)`);
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify(rows, null, 1));
