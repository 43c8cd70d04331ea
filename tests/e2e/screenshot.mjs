#!/usr/bin/env node
// Takes the README's screenshot of the popup, in headless Chromium, on the
// damaged fixture article: extension/docs/popup.png.
//   node tests/e2e/screenshot.mjs

import fs from 'node:fs';
import path from 'node:path';
import { ROOT, launch, openCleaned, openExtPage, serve, textPage } from './lib.mjs';

const text = fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/damaged.txt'), 'utf8');
const server = await serve((p) => (p === '/article' ? { body: textPage(text, { title: 'article' }) } : null));
const ctx = await launch('chromium');
try {
  const { status } = await openCleaned(ctx, `${server.origin}/article`);
  const popup = await openExtPage(ctx, `popup.html?tab=${status.tabId}`, 'body[data-ready="yes"]');
  await popup.setViewport({ width: 360, height: 600, deviceScaleFactor: 2 });
  await popup.evaluate(() => document.fonts.ready);
  const out = path.join(ROOT, 'extension/docs/popup.png');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const body = await popup.$('body');
  await body.screenshot({ path: out });
  console.log(`saved ${path.relative(ROOT, out)} (${status.counts.total} changes on the page)`);
} finally {
  await ctx.browser.close();
  await server.close();
}
