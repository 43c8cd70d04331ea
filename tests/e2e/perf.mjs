#!/usr/bin/env node
// Measures the main-thread time Rinse adds per page while cleaning, in
// headless Chromium, over the 130 real pages of ../shared/corpus/pages.
//
//   node tests/e2e/perf.mjs [--pages DIR] [--limit N] [--only a.html,b.html] [--json FILE] [--compare DIR]
//
// It measures dist/extension, or the build in $RINSE_EXT_DIR. With
// --compare DIR (another unpacked build, e.g. a copy of main's), a second
// browser runs that build and each page is measured in both, one right
// after the other (which goes first alternates), so that the two are
// compared over the same stretch of a shared, noisy host; the summary is
// printed for each.
//
// Two measures per page:
//   self   the content script's own time on the main thread (every slice,
//          message send and observer callback, timed with performance.now);
//   delta  the renderer main thread's total task time (CDP TaskDuration) with
//          Rinse on minus the same page with Rinse off: catches what the
//          self-timing cannot see (message (de)serialization, style work).
// And, with Rinse off, a baseline for `self` in the same run:
//   floor  a bare walk of the page's nodes from a fresh isolated world (as a
//          content script's), reading only what any reader of the text must
//          (node type, tag, text, first child, next sibling). The first touch
//          of each node from a new world costs most of it; no reader can go
//          below it without skipping text.
// Targets: median <= 5 ms, 95th percentile <= 16 ms.

import fs from 'node:fs';
import path from 'node:path';
import { BARE_WALK, EXT_DIR, SHARED, launch, openExtPage, servePages, sleep, tabStatus, waitDone } from './lib.mjs';

const args = { pages: path.join(SHARED, 'corpus/pages'), limit: Infinity, json: null };
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i].replace(/^--/, '');
  args[key] = key === 'limit' ? Number(process.argv[++i]) : process.argv[++i];
}

const { files, server } = await servePages(args.pages, args);
const ctx = await launch('chromium');
const builds = [{ name: path.relative(process.cwd(), EXT_DIR) || '.', ctx, rows: [], failed: [] }];
if (args.compare) builds.push({ name: args.compare, ctx: await launch('chromium', { extDir: path.resolve(args.compare) }), rows: [], failed: [] });

/**
 * The extension page that settings and tab status are read through, opened
 * again when it was lost: a measured page's own scripts may close or detach
 * other tabs of the browser, after which every later page failed.
 */
async function readyExtPage(ctx) {
  const alive = !ctx.extPage.isClosed() && (await ctx.extPage.evaluate(() => true).catch(() => false));
  if (!alive) {
    await ctx.extPage.close().catch(() => {});
    ctx.extPage = await openExtPage(ctx, 'options.html');
  }
}

async function setSite(ctx, on) {
  await readyExtPage(ctx);
  await ctx.extPage.evaluate(async (enabled) => {
    await chrome.storage.local.set({ disabledSites: enabled ? [] : ['127.0.0.1'] });
  }, on);
}

/** Loads `url` in a fresh tab, waits for Rinse, returns the tab's total task time (ms) and status. */
let openPage = null; // the tab being measured, closed on failure
async function load(ctx, url, on) {
  const page = await ctx.browser.newPage();
  openPage = page;
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  let status;
  if (on) {
    status = await waitDone(ctx, url, { settle: 100 });
  } else {
    for (let i = 0; i < 100; i++) {
      status = await tabStatus(ctx, { url });
      if (status && status.active === false) break;
      await sleep(30);
    }
    await sleep(100);
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const floor = on ? null : await bareWalk(cdp);
  await page.close();
  return { task, status, floor };
}

/** The bare walk's time (ms) in a fresh isolated world of the page behind `cdp`. */
async function bareWalk(cdp) {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const world = async (name) => (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: name })).executionContextId;
  // A page's first new world pays a one-off setup that a content script's load pays, not its reading.
  await cdp.send('Runtime.evaluate', { expression: '0', contextId: await world('rinse-perf-setup') });
  const { result } = await cdp.send('Runtime.evaluate', { expression: BARE_WALK, returnByValue: true, contextId: await world('rinse-perf-floor') });
  return result.value;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** Rejects after `ms`, so one page whose own scripts hang or navigate away cannot stall the run. */
function deadline(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function measure(ctx, file) {
  const url = `${server.origin}/${file}`;
  await setSite(ctx, false);
  const off = await load(ctx, url, false);
  await setSite(ctx, true);
  const on = await load(ctx, url, true);
  return { page: file, self: on.status.busyMs, parts: on.status.busyParts, floor: off.floor, delta: on.task - off.task, changes: on.status.counts.total };
}

try {
  for (const [index, file] of files.entries()) {
    for (const build of index % 2 ? [...builds].reverse() : builds) {
      // A page's own scripts sometimes navigate or detach the frame while it
      // loads; such a load is retried once and, failing again, reported.
      for (let attempt = 1; ; attempt++) {
        try {
          build.rows.push(await deadline(measure(build.ctx, file), 90000, file));
          break;
        } catch (err) {
          if (openPage) await openPage.close().catch(() => {});
          console.log(`  ${file}: attempt ${attempt} failed: ${err.message.split('\n')[0]}`);
          if (attempt === 2) {
            build.failed.push(`${file}: ${err.message.split('\n')[0]}`);
            break;
          }
        }
      }
    }
  }
} finally {
  for (const build of builds) await build.ctx.browser.close();
  await server.close();
}

const fmt = (x) => x.toFixed(1).padStart(6);
for (const { name, rows, failed } of builds) {
  if (builds.length > 1) console.log(`== ${name}`);
  const self = rows.map((r) => r.self);
  const delta = rows.map((r) => r.delta);
  const worst = [...rows].sort((a, b) => b.self - a.self).slice(0, 5);
  console.log(`pages: ${rows.length} measured, ${failed.length} failed`);
  for (const f of failed) console.log(`  failed: ${f}`);
  console.log('slowest (self ms):', worst.map((r) => `${r.page} ${r.self.toFixed(1)}`).join(', '));
  console.log(`self  ms: median ${fmt(quantile(self, 0.5))}  p95 ${fmt(quantile(self, 0.95))}  max ${fmt(Math.max(...self))}`);
  const partMedians = Object.keys(rows[0]?.parts || {}).map((k) => `${k} ${quantile(rows.map((r) => r.parts[k]), 0.5).toFixed(1)}`);
  console.log(`self  ms by part, medians: ${partMedians.join(', ')}`);
  const floor = rows.map((r) => r.floor);
  console.log(`floor ms: median ${fmt(quantile(floor, 0.5))}  p95 ${fmt(quantile(floor, 0.95))}  max ${fmt(Math.max(...floor))}  (bare walk, same pages, same run)`);
  console.log(`delta ms: median ${fmt(quantile(delta, 0.5))}  p95 ${fmt(quantile(delta, 0.95))}  (noisy: two separate loads)`);
}
if (builds.length > 1) {
  // Paired: per page, this build minus the other, over the pages both measured.
  const other = new Map(builds[1].rows.map((r) => [r.page, r]));
  const pairs = builds[0].rows.filter((r) => other.has(r.page)).map((r) => [r, other.get(r.page)]);
  const diff = (f) => quantile(pairs.map(([x, y]) => f(x) - f(y)), 0.5).toFixed(2);
  const sum = (f, i) => pairs.reduce((t, p) => t + f(p[i]), 0);
  console.log(`paired over ${pairs.length} pages, ${builds[0].name} minus ${builds[1].name}: median difference self ${diff((r) => r.self)} ms, read ${diff((r) => r.parts.read)}, send ${diff((r) => r.parts.send)}; self summed ${sum((r) => r.self, 0).toFixed(0)} vs ${sum((r) => r.self, 1).toFixed(0)} ms`);
}
const wasm = path.join(EXT_DIR, 'pkg/rinse_wasm_bg.wasm');
if (fs.existsSync(wasm)) {
  const { gzipSync } = await import('node:zlib');
  const bytes = fs.readFileSync(wasm);
  console.log(`wasm: ${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} bytes gzip -9`);
}
if (args.json) fs.writeFileSync(args.json, JSON.stringify(builds.length > 1 ? Object.fromEntries(builds.map((b) => [b.name, b.rows])) : builds[0].rows, null, 1));
