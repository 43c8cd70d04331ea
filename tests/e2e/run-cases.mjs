#!/usr/bin/env node
// Case harness: lets the extension clean every case of a case directory in a
// real browser and saves what it made, for ../shared/tools/score.py.
//
//   node tests/e2e/run-cases.mjs --browser chromium|firefox --cases DIR --out OUT [--only ID]
//   python3 ../shared/tools/score.py DIR --cmd 'cat OUT/{id}.{ext}'
//
// DIR holds cases.jsonl (one case a line: id, format html|text, input, ...;
// input paths relative to DIR or absolute). Each case is served from
// 127.0.0.1 with `Content-Security-Policy: script-src 'none'` (the saved
// pages' own scripts must not change their text); text cases are served as a
// page with one <p> per line. Output: OUT/<id>.html (the cleaned document
// with its doctype) or OUT/<id>.txt (the lines' text, one a line).

import fs from 'node:fs';
import path from 'node:path';
import { launch, pageHtml, pageLines, serve, sleep, textPage, waitDone } from './lib.mjs';

// Loads of one case before the run gives up on it (see runCases).
const LOAD_ATTEMPTS = 4;

function parseArgs(argv) {
  const args = { browser: 'chromium', cases: null, out: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in args)) throw new Error(`unknown option ${argv[i]}`);
    args[key] = argv[++i];
  }
  if (!args.cases || !args.out) {
    throw new Error('usage: run-cases.mjs --browser chromium|firefox --cases DIR --out OUT [--only ID]');
  }
  return args;
}

export function readCases(dir) {
  return fs
    .readFileSync(path.join(dir, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** The HTTP answer for a case's input, decoded the way a browser expects it. */
function caseResponse(dir, c) {
  const file = path.resolve(dir, c.input);
  const bytes = fs.readFileSync(file);
  if (c.format === 'text') return { body: textPage(bytes.toString('utf8'), { title: c.id }) };
  // Valid UTF-8 is declared as such; anything else is left to the page's own
  // <meta charset> and the browser's sniffing, as a web server would.
  let utf8 = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    utf8 = false;
  }
  return { body: bytes, type: utf8 ? 'text/html; charset=utf-8' : 'text/html' };
}

function hasBom(dir, c) {
  const head = fs.readFileSync(path.resolve(dir, c.input)).subarray(0, 3);
  return head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
}

/** Cleans every case in `browserName`, writing OUT/<id>.<ext>. Returns per-case stats. */
export async function runCases({ browser: browserName, cases: dir, out, only }, log = console.log) {
  const cases = readCases(dir).filter((c) => !only || c.id === only);
  fs.mkdirSync(out, { recursive: true });
  const byId = new Map(cases.map((c) => [c.id, c]));
  const server = await serve((p) => {
    const m = p.match(/^\/case\/([^/]+)\/$/);
    const c = m && byId.get(m[1]);
    return c ? caseResponse(dir, c) : null;
  });
  const ctx = await launch(browserName);
  const stats = [];
  try {
    let page = await ctx.browser.newPage();
    for (const [n, c] of cases.entries()) {
      const url = `${server.origin}/case/${encodeURIComponent(c.id)}/`;
      let status;
      // Firefox now and then ends a navigation to the local server on an
      // error page ("Address rejected"), at a different case each run, and
      // one retry in a fresh tab has failed as well: a case gets a few
      // tries, a moment apart, each in a fresh tab.
      for (let attempt = 1; ; attempt++) {
        try {
          await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30000 });
          status = await waitDone(ctx, url, { timeout: 60000 });
          break;
        } catch (err) {
          if (attempt === LOAD_ATTEMPTS) throw err;
          log(`${c.id}: ${err.message}; retrying in a fresh tab`);
          await page.close().catch(() => {});
          await sleep(500 * attempt);
          page = await ctx.browser.newPage();
        }
      }
      const ext = c.format === 'text' ? 'txt' : 'html';
      let output = c.format === 'text' ? `${await pageLines(page)}\n` : await pageHtml(page);
      // The browser takes a byte order mark as the encoding's signature and
      // drops it from the document; the saved file keeps the source's.
      if (c.format === 'html' && hasBom(dir, c)) output = `\uFEFF${output}`;
      fs.writeFileSync(path.join(out, `${c.id}.${ext}`), output);
      stats.push({ id: c.id, total: status.counts.total, busyMs: status.busyMs });
      if ((n + 1) % 50 === 0) log(`${browserName}: ${n + 1}/${cases.length} cases`);
    }
  } finally {
    await ctx.browser.close().catch(() => {});
    await server.close();
  }
  return stats;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('run-cases.mjs')) {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const stats = await runCases(args);
  const findings = stats.reduce((s, x) => s + x.total, 0);
  console.log(`${args.browser}: ${stats.length} cases cleaned, ${findings} changes, in ${((Date.now() - t0) / 1000).toFixed(1)} s; outputs in ${args.out}`);
}
