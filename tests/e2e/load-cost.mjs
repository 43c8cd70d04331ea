#!/usr/bin/env node
// Rinse's whole main-thread cost per page in headless Chromium, from a
// trace: what perf.mjs calls `self` (the content script's slices) plus the
// content script's load, which `self` does not see and every page pays,
// with Rinse on or off: compiling and running the script (most of it is
// Chromium setting up the extension APIs in the page's new world) and, for
// a build that loads code as a module, fetching, compiling and evaluating
// it.
//
//   node tests/e2e/load-cost.mjs [--pages DIR] [--limit N] [--compare DIR]
//
// It measures dist/extension, or the build in $RINSE_EXT_DIR. With
// --compare DIR a second browser runs that build, each page is loaded in
// both one right after the other (which goes first alternates), and the
// medians of the per-page differences are printed: a change that only
// moves work from the slices into the load shows there as a gain in `self`
// and a loss in `load`. Tracing slows the page down, so read the figures
// against each other, not against perf.mjs's.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXT_DIR, SHARED, launch, servePages, waitDone } from './lib.mjs';

const args = { pages: path.join(SHARED, 'corpus/pages'), limit: 30 };
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i].replace(/^--/, '');
  args[key] = key === 'limit' ? Number(process.argv[++i]) : process.argv[++i];
}

const CATEGORIES = ['v8', 'disabled-by-default-v8.compile', 'devtools.timeline', 'loading'];
const TRACE = path.join(os.tmpdir(), `rinse-load-cost-${process.pid}.json`);

/**
 * The part of the script's load a main-thread trace event is, or null:
 * only the outermost events of each kind, so none is counted twice.
 */
function loadPart(event) {
  const data = JSON.stringify(event.args || {});
  const ours = data.includes('chrome-extension://');
  if (event.name === 'EvaluateScript' && ours) return 'evaluate';
  if (event.name === 'v8.evaluateModule' && data.includes('"Rinse"')) return 'module';
  if (event.name === 'ThrottlingURLLoader::OnReceiveResponse' && ours) return 'fetch';
  if (event.name === 'v8.streamingCompile.complete' && ours) return 'fetch';
  if (event.name === 'v8.produceModuleCache') return 'cache';
  return null;
}

/** Loads `file` with `build`'s browser, traced; returns Rinse's self time and its load parts (ms). */
async function measure(build, server, file) {
  const url = `${server.origin}/${file}`;
  const page = await build.ctx.browser.newPage();
  try {
    await page.tracing.start({ path: TRACE, categories: CATEGORIES });
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    const status = await waitDone(build.ctx, url, { settle: 100 });
    await page.tracing.stop();
    const events = JSON.parse(fs.readFileSync(TRACE, 'utf8')).traceEvents;
    const parser = events.find((e) => e.name === 'ParseHTML');
    const parts = {};
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur || e.pid !== parser.pid || e.tid !== parser.tid) continue;
      const part = loadPart(e);
      if (part) parts[part] = (parts[part] || 0) + e.dur / 1000;
    }
    const load = Object.values(parts).reduce((a, x) => a + x, 0);
    return { file, self: status.busyMs, load, total: status.busyMs + load, parts };
  } finally {
    await page.close();
  }
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

function summary(build) {
  const rows = build.rows.filter(Boolean);
  const parts = {};
  for (const r of rows) for (const [k, v] of Object.entries(r.parts)) (parts[k] ||= []).push(v);
  const of = (key) => median(rows.map((r) => r[key])).toFixed(2);
  const byPart = Object.entries(parts).map(([k, v]) => `${k} ${median(v).toFixed(2)}`).join(', ');
  console.log(`== ${build.name}: ${rows.length} pages`);
  console.log(`   medians ms: self ${of('self')}, load ${of('load')} (${byPart}), total ${of('total')}`);
}

const { files, server } = await servePages(args.pages, { limit: args.limit + 1 });
const builds = [{ name: path.relative(process.cwd(), EXT_DIR) || '.', ctx: await launch('chromium'), rows: [] }];
if (args.compare) {
  builds.push({ name: args.compare, ctx: await launch('chromium', { extDir: path.resolve(args.compare) }), rows: [] });
}
try {
  // The first page of a browser pays one-offs (a module's code cache is
  // made then): it warms each build up and is not counted.
  for (const build of builds) await measure(build, server, files[0]);
  for (const [index, file] of files.slice(1).entries()) {
    for (const build of index % 2 ? [...builds].reverse() : builds) {
      build.rows.push(await measure(build, server, file).catch((err) => {
        console.log(`  ${file}: ${err.message.split('\n')[0]}`);
        return null;
      }));
    }
  }
  builds.forEach(summary);
  if (builds.length === 2) {
    const [a, b] = builds.map((x) => x.rows);
    const diff = (key) => median(a.map((r, i) => (r && b[i] ? r[key] - b[i][key] : null))).toFixed(2);
    console.log(`paired medians, ${builds[0].name} minus ${builds[1].name}: self ${diff('self')}, load ${diff('load')}, total ${diff('total')} ms`);
  }
} finally {
  for (const build of builds) await build.ctx.browser.close();
  server.close();
  fs.rmSync(TRACE, { force: true });
}
