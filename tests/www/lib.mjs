// Helpers of the playground's browser tests: dist/www served on 127.0.0.1
// and headless Chromium without the extension (tests/e2e/lib.mjs).

import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHARED, launch, serve } from '../e2e/lib.mjs';

export { ROOT, SHARED };
export const WWW = path.join(ROOT, 'dist/www');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.png': 'image/png',
};

/** Serves dist/www as `./build.sh serve` does (no CSP header: the page sets its own). */
export async function serveWww() {
  if (!fs.existsSync(path.join(WWW, 'index.html'))) throw new Error(`${WWW} is missing: run ./build.sh first`);
  return serve((pathname) => {
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(WWW, rel);
    if (!file.startsWith(WWW) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
    return { body: fs.readFileSync(file), type: TYPES[path.extname(file)] || 'application/octet-stream', csp: '' };
  });
}

/** Chromium plus the served page; records every request that leaves 127.0.0.1. */
export async function openPlayground() {
  const server = await serveWww();
  const { browser } = await launch('chromium', { extension: false });
  const page = await browser.newPage();
  const foreign = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(server.origin) && !/^(data|blob):/.test(url)) foreign.push(url);
  });
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', { timeout: 20000 });
  return {
    browser, page, server, foreign, errors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until the page finished the current run (done or error). */
export async function waitFinished(page, timeout = 60000) {
  await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.state), { timeout, polling: 50 });
  return page.evaluate(() => document.documentElement.dataset.state);
}

/** Starts a run and waits for it; `start` must make the page begin a new run. */
export async function runAndWait(page, start, timeout) {
  await page.evaluate(() => {
    delete document.documentElement.dataset.state;
  });
  await start();
  return waitFinished(page, timeout);
}

/** Pastes `text` into the input box as a real paste event does (text/plain on a DataTransfer). */
export function paste(page, text) {
  return page.evaluate((t) => {
    const box = document.getElementById('input');
    box.focus();
    const data = new DataTransfer();
    data.setData('text/plain', t);
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Drops a file with `content` on the drop zone. */
export function dropFile(page, name, content, type) {
  return page.evaluate((n, c, ty) => {
    const data = new DataTransfer();
    data.items.add(new File([c], n, { type: ty }));
    const zone = document.getElementById('drop');
    for (const t of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(t, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, name, content, type);
}

/** The output as the plain view shows it: shown lines, removed text left out. */
export function plainOutput(page) {
  return page.evaluate(() => [...document.querySelectorAll('#output .line:not(.gone)')]
    .map((line) => {
      const copy = line.cloneNode(true);
      for (const d of copy.querySelectorAll('del')) d.remove();
      return copy.textContent;
    })
    .join('\n'));
}

/** The report table's counts per kind. */
export function reportCounts(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#report td[data-kind]')]
    .map((td) => [td.dataset.kind, Number(td.textContent)])));
}

/** Kinds of the marks in the output. */
export function markKinds(page) {
  return page.evaluate(() => [...new Set([...document.querySelectorAll('#output .m')]
    .map((m) => [...m.classList].find((c) => c.startsWith('k-')).slice(2)))].sort());
}

export const readShared = (rel) => fs.readFileSync(path.join(SHARED, rel), 'utf8');
