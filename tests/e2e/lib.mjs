// Shared helpers of the real-browser tests: launching headless Chromium or
// Firefox ESR with the built extension, a small local web server, and
// waiting for the extension to finish a page.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// RINSE_EXT_DIR points the suites and perf.mjs at another build (e.g. a copy of an older one).
export const EXT_DIR = process.env.RINSE_EXT_DIR ? path.resolve(process.env.RINSE_EXT_DIR) : path.join(ROOT, 'dist/extension');
export const SHARED = path.resolve(ROOT, '../shared');
const GECKO_ID = 'rinse@rinse.invalid';
const FIREFOX_UUID = '4f1e2c3a-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

// RINSE_BROWSERS=chromium (or firefox) narrows the suites to one browser.
export const BROWSERS = (process.env.RINSE_BROWSERS || 'chromium,firefox').split(',').filter(Boolean);

/**
 * Starts a headless browser with the extension installed (unless
 * `extension: false`). Returns
 * `{browser, name, extUrl(path), extPage}` where `extPage` is an extension
 * page (options.html) kept open to talk to the background.
 */
export async function launch(name, { extDir = EXT_DIR, extension = true } = {}) {
  if (extension && !fs.existsSync(path.join(extDir, 'manifest.json'))) {
    throw new Error(`${extDir} is missing: run ./build.sh first`);
  }
  let browser;
  let base;
  if (name === 'chromium') {
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_BIN || '/usr/lib/chromium/chromium',
      headless: true,
      pipe: true,
      enableExtensions: extension ? [extDir] : false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    if (!extension) return { browser, name };
    const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20000 });
    base = `chrome-extension://${new URL(worker.url()).host}/`;
  } else if (name === 'firefox') {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX_BIN || '/usr/bin/firefox-esr',
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'datareporting.policy.dataSubmissionEnabled': false,
        'browser.shell.checkDefaultBrowser': false,
      },
    });
    if (!extension) return { browser, name };
    await browser.installExtension(extDir);
    base = `moz-extension://${FIREFOX_UUID}/`;
  } else {
    throw new Error(`unknown browser ${name}`);
  }
  const ctx = { browser, name, extUrl: (p) => base + p };
  ctx.extPage = await openExtPage(ctx, 'options.html');
  return ctx;
}

/** Opens an extension page; Firefox's load event is not awaited (it may never come over BiDi). */
export async function openExtPage(ctx, pagePath, selector = 'body') {
  const page = await ctx.browser.newPage();
  const url = ctx.extUrl(pagePath);
  if (ctx.name === 'firefox') {
    page.goto(url).catch(() => {});
  } else {
    await page.goto(url);
  }
  // In Firefox the wait may start on the blank page the navigation then
  // replaces, which ends it with an error: wait again, until the deadline.
  const end = Date.now() + 20000;
  for (;;) {
    try {
      const timeout = Math.max(1, end - Date.now());
      await page.waitForSelector(selector, { timeout });
      await page.waitForFunction(() => !!(globalThis.browser || globalThis.chrome)?.runtime?.id, { timeout });
      return page;
    } catch (err) {
      if (Date.now() >= end) throw err;
      await sleep(100);
    }
  }
}

/** Asks the background for what a tab reported: `{tabId, done, counts, busyMs, ...}` or null. */
export async function tabStatus(ctx, query) {
  return ctx.extPage.evaluate(
    (q) => (globalThis.browser || globalThis.chrome).runtime.sendMessage({ type: 'rinse:tab-status', ...q }),
    query,
  );
}

/** Waits until the extension reports the page at `url` done; returns its status. */
export async function waitDone(ctx, url, { timeout = 30000, settle = 150 } = {}) {
  const end = Date.now() + timeout;
  let stable = null;
  while (Date.now() < end) {
    const status = await tabStatus(ctx, { url });
    if (status && status.done) {
      // Done twice in a row, so a job queued by a late change is not missed.
      if (stable && stable.done) return status;
      stable = status;
      await sleep(settle);
      continue;
    }
    stable = null;
    await sleep(50);
  }
  throw new Error(`${ctx.name}: the extension did not finish ${url} within ${timeout} ms`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A web server on 127.0.0.1. `handler(pathname)` returns
 * `{body, type?, csp?}` or null (404). Scripts of served pages are blocked
 * by default (`script-src 'none'`) so they cannot change the text.
 */
export async function serve(handler) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let found = null;
    try {
      found = handler(decodeURIComponent(url.pathname), url);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
      return;
    }
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers = { 'content-type': found.type || 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    const csp = found.csp === undefined ? "script-src 'none'" : found.csp;
    if (csp) headers['content-security-policy'] = csp;
    res.writeHead(200, headers);
    res.end(found.body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => server.close(r)) };
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain-text document as a page: one `<p>` per line. */
export function textPage(text, { title = 'text', lang } = {}) {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const paras = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  const langAttr = lang ? ` lang="${lang}"` : '';
  return `<!doctype html>\n<html${langAttr}><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${paras}\n</body></html>\n`;
}

/** The page's text lines as a text case's output: each `<p>`'s text, one a line. */
export async function pageLines(page) {
  return page.evaluate(() => [...document.body.querySelectorAll('p')].map((p) => p.textContent).join('\n'));
}

/** The document as HTML, doctype included. */
export async function pageHtml(page) {
  return page.evaluate(() => {
    const dt = document.doctype;
    const doctype = dt
      ? `<!DOCTYPE ${dt.name}${dt.publicId ? ` PUBLIC "${dt.publicId}"` : ''}${!dt.publicId && dt.systemId ? ' SYSTEM' : ''}${dt.systemId ? ` "${dt.systemId}"` : ''}>\n`
      : '';
    return doctype + document.documentElement.outerHTML;
  });
}

/** Opens `url` in a new tab and waits for the extension to finish it. */
export async function openCleaned(ctx, url, opts = {}) {
  const page = await ctx.browser.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 60000 });
  const status = await waitDone(ctx, url, opts);
  return { page, status };
}

/**
 * A bare walk of the page's nodes, to run in a fresh isolated world (as a
 * content script's): it reads only what any reader of the text must (node
 * type, tag, text, first child, next sibling) and returns its time in ms,
 * the floor that perf.mjs and read-bench.mjs compare the reader with.
 */
export const BARE_WALK = `(() => {
  const t0 = performance.now();
  let n = 0;
  const open = [];
  let node = document.body && document.body.firstChild;
  while (node) {
    const type = node.nodeType;
    if (type === 3) n += node.data.length;
    else if (type === 1 && node.localName) {
      const child = node.firstChild;
      if (child) { open.push(node); node = child; continue; }
    }
    let next = node.nextSibling;
    while (next === null && open.length) next = open.pop().nextSibling;
    node = next;
  }
  return performance.now() - t0;
})()`;

/**
 * Serves the `.html` pages of `dir` (sorted; `only`, a comma-separated list
 * of names, and `limit` narrow them) from 127.0.0.1: the page set of
 * perf.mjs and read-bench.mjs.
 */
export async function servePages(dir, { only = null, limit = Infinity } = {}) {
  const wanted = only ? new Set(only.split(',')) : null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html') && (!wanted || wanted.has(f)))
    .sort()
    .slice(0, limit);
  const server = await serve((p) => {
    const file = path.join(dir, path.basename(p));
    return p.endsWith('.html') && fs.existsSync(file) ? { body: fs.readFileSync(file) } : null;
  });
  return { files, server };
}
