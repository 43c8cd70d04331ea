// End-to-end tests of the built extension (dist/extension) in real headless
// Chromium and Firefox ESR. Run after ./build.sh:
//   node --test --test-concurrency=1 tests/e2e/extension.test.mjs
//
// What the extension does to a page is compared with what the CLI does to
// the same text (the same core, so the same result), and checked against
// the damage planted in the fixtures.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  BROWSERS, ROOT, SHARED, launch, openCleaned, openExtPage, pageLines, serve, sleep, tabStatus, textPage, waitDone,
} from './lib.mjs';

const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
const DAMAGED = fs.readFileSync(path.join(FIXTURES, 'damaged.txt'), 'utf8');
const SEED = path.join(SHARED, 'corpus/seed/ap-ukraine.txt');

/** Lines of a text file as the page shows them. */
const linesOf = (text) => text.replace(/\r\n?/g, '\n').replace(/\n$/, '');

let cliBuilt = false;
/** The CLI's cleaning of a text file, and its report. */
function cliClean(file) {
  if (!cliBuilt) {
    execFileSync('cargo', ['build', '-q', '--bin', 'rinse'], { cwd: ROOT, stdio: 'inherit' });
    cliBuilt = true;
  }
  const reportFile = path.join(fs.mkdtempSync('/tmp/rinse-e2e-'), 'report.json');
  const text = execFileSync(path.join(ROOT, 'target/debug/rinse'), ['clean', '--format', 'text', '--report', reportFile, file], {
    encoding: 'utf8',
  });
  return { text: linesOf(text), report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) };
}

/** A page of `n` paragraphs; one in 50 is damaged, and broken after "Feb.". */
function longPage(n) {
  const parts = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 7) {
      parts.push(`<p>Paragraph ${i}: officials said they don_t expect a decision before Wednesday, Feb.</p>`);
      parts.push(`<p>16, 2022, and that it wouldnâ€™t come soon.</p>`);
      i++;
    } else {
      parts.push(`<p>Paragraph ${i}: the committee met again on Tuesday to discuss the budget for the coming year.</p>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>long</title></head><body>\n${parts.join('\n')}\n</body></html>`;
}

const pages = {
  '/damaged': () => ({ body: textPage(DAMAGED, { title: 'damaged' }) }),
  '/strict-csp': () => ({ body: textPage(DAMAGED, { title: 'strict' }), csp: "script-src 'self'; object-src 'none'" }),
  '/late': () => ({ body: textPage('A first paragraph with nothing wrong in it at all.', { title: 'late' }), csp: '' }),
  '/untouchable': () => ({ body: fs.readFileSync(path.join(FIXTURES, 'untouchable.html')) }),
  '/clean-text': () => ({ body: textPage(fs.readFileSync(path.join(FIXTURES, 'clean.txt'), 'utf8'), { title: 'clean' }) }),
  '/long': () => ({ body: longPage(20000), csp: '' }),
  '/seed': () => ({ body: textPage(fs.readFileSync(SEED, 'utf8'), { title: 'seed' }) }),
};

let server;
before(async () => {
  server = await serve((p) => (pages[p] ? pages[p]() : null));
});
after(async () => {
  await server.close();
});

/** Turns Rinse on or off for 127.0.0.1 the way the popup does (storage). */
async function setSite(ctx, on) {
  await ctx.extPage.evaluate(async (enabled) => {
    const api = globalThis.browser || globalThis.chrome;
    const { disabledSites = [] } = await api.storage.local.get('disabledSites');
    const rest = disabledSites.filter((h) => h !== '127.0.0.1');
    await api.storage.local.set({ disabledSites: enabled ? rest : [...rest, '127.0.0.1'] });
  }, on);
}

/** Waits until the tab at `url` reports `active === want` and is done. */
async function waitActive(ctx, url, want) {
  for (let i = 0; i < 200; i++) {
    const s = await tabStatus(ctx, { url });
    if (s && s.active === want && s.done) return s;
    await sleep(50);
  }
  throw new Error(`tab did not become ${want ? 'active' : 'inactive'}`);
}

async function bodyHtml(page) {
  return page.evaluate(() => document.documentElement.outerHTML);
}

for (const name of BROWSERS) {
  describe(`extension in ${name}`, { timeout: 240000 }, () => {
    let ctx;
    before(async () => {
      ctx = await launch(name);
      await setSite(ctx, true);
    });
    after(async () => {
      if (ctx) await ctx.browser.close();
    });

    test('cleans a damaged article as the CLI does, and repairs the planted damage', async () => {
      const url = `${server.origin}/damaged`;
      const { page, status } = await openCleaned(ctx, url);
      const got = await pageLines(page);
      const cli = cliClean(path.join(FIXTURES, 'damaged.txt'));
      assert.equal(got, cli.text, 'the extension and the CLI disagree');
      assert.equal(status.counts.total, cli.report.counts.total);
      const expected = linesOf(fs.readFileSync(path.join(FIXTURES, 'damaged.clean.txt'), 'utf8'));
      assert.equal(got, expected);
      await page.close();
    });

    test('cleans the seed article as the CLI does', { skip: !fs.existsSync(SEED) && 'no ../shared' }, async () => {
      const url = `${server.origin}/seed`;
      const { page, status } = await openCleaned(ctx, url);
      const cli = cliClean(SEED);
      assert.equal(await pageLines(page), cli.text);
      assert.equal(status.counts.total, cli.report.counts.total);
      assert.ok(status.counts.total > 0, 'the seed article has damage to repair');
      await page.close();
    });

    test('switching off restores the exact original, stays off after a reload, and on cleans again', async () => {
      const url = `${server.origin}/damaged`;
      const { page, status } = await openCleaned(ctx, url);
      assert.ok(status.counts.total > 0, 'something was cleaned');
      const cleaned = await bodyHtml(page);
      try {
        // The popup's switch, in the popup itself.
        const popup = await openExtPage(ctx, `popup.html?tab=${status.tabId}`, 'body[data-ready="yes"]');
        assert.equal(await popup.$eval('#toggle', (b) => b.getAttribute('aria-pressed')), 'true');
        await popup.click('#toggle');
        await waitActive(ctx, url, false);
        assert.equal(await pageLines(page), linesOf(DAMAGED), 'original text restored');
        const restored = await bodyHtml(page);
        await popup.close();

        await page.reload({ waitUntil: 'load' });
        await waitActive(ctx, url, false);
        await sleep(300);
        assert.equal(await pageLines(page), linesOf(DAMAGED), 'still off after a reload');
        assert.equal(await bodyHtml(page), restored, 'the restored page is the page as served');

        await setSite(ctx, true);
        await waitActive(ctx, url, true);
        assert.equal(await bodyHtml(page), cleaned, 'switched on again without a reload');
      } finally {
        await setSite(ctx, true);
        await page.close();
      }
    });

    test('the popup shows the counts and the list of changes', async () => {
      const url = `${server.origin}/damaged`;
      const { page, status } = await openCleaned(ctx, url);
      const cli = cliClean(path.join(FIXTURES, 'damaged.txt'));
      const popup = await openExtPage(ctx, `popup.html?tab=${status.tabId}`, 'body[data-ready="yes"]');
      const counts = await popup.$$eval('.count', (els) => Object.fromEntries(els.map((e) => [e.dataset.kind, Number(e.querySelector('b').textContent)])));
      for (const kind of ['spam', 'punctuation', 'banner', 'linebreak']) {
        assert.equal(counts[kind], cli.report.counts[kind], `${kind} count`);
      }
      const items = await popup.$$eval('#list li', (lis) =>
        lis.map((li) => ({
          before: li.querySelector('.before').textContent,
          after: li.querySelector('.after').textContent,
          why: li.querySelector('.why').textContent,
        })),
      );
      assert.equal(items.length, cli.report.counts.total);
      const want = cli.report.findings.map((f) => ({ before: f.before, after: f.after, why: f.reason.summary }));
      assert.deepEqual(items, want);
      assert.ok(items.length > 0);

      // "Show changes" marks the changed places without touching the page's DOM.
      const html = await bodyHtml(page);
      await popup.click('#marking');
      await popup.waitForFunction(() => document.getElementById('marking').checked);
      const state = await ctx.extPage.evaluate(
        (tabId) => (globalThis.browser || globalThis.chrome).tabs.sendMessage(tabId, { type: 'rinse:get-state' }),
        status.tabId,
      );
      assert.equal(state.marking, true);
      assert.ok(state.marked > 0, `changed places are highlighted (${state.marked})`);
      assert.equal(await bodyHtml(page), html);
      await popup.close();
      await page.close();
    });

    test('the options page lists, adds and removes sites; its global switch turns Rinse off everywhere', async () => {
      const url = `${server.origin}/damaged`;
      const { page } = await openCleaned(ctx, url);
      const options = await openExtPage(ctx, 'options.html', '#sites');
      const sites = () => options.$$eval('#sites .site', (els) => els.map((e) => e.textContent));
      try {
        await options.type('#host', 'https://News.Example.com/some/page');
        await options.click('#add button');
        await options.waitForFunction(() => document.querySelectorAll('#sites .site').length === 1);
        assert.deepEqual(await sites(), ['news.example.com']);
        await options.type('#host', 'not a host!');
        await options.click('#add button');
        await options.waitForSelector('#error:not([hidden])');
        assert.deepEqual(await sites(), ['news.example.com'], 'a bad entry is refused');
        await options.click('#sites .remove');
        await options.waitForFunction(() => document.querySelectorAll('#sites .site').length === 0);

        assert.equal(await options.$eval('#global', (c) => c.checked), true);
        await options.click('#global');
        await waitActive(ctx, url, false);
        assert.equal(await pageLines(page), linesOf(DAMAGED), 'global off restores the page');
        await options.click('#global');
        await waitActive(ctx, url, true);
        assert.notEqual(await pageLines(page), linesOf(DAMAGED), 'global on cleans it again');
      } finally {
        await ctx.extPage.evaluate(() => (globalThis.browser || globalThis.chrome).storage.local.set({ enabled: true }));
        await options.close();
        await page.close();
      }
    });

    test('cleans a page whose CSP forbids WebAssembly', async () => {
      const url = `${server.origin}/strict-csp`;
      const { page, status } = await openCleaned(ctx, url);
      const cli = cliClean(path.join(FIXTURES, 'damaged.txt'));
      assert.equal(await pageLines(page), cli.text);
      assert.ok(status.counts.total > 0);
      await page.close();
    });

    test('cleans content added after load, and its own edits do not wake it', async () => {
      const url = `${server.origin}/late`;
      const { page, status } = await openCleaned(ctx, url);
      assert.equal(status.jobs, 1);
      await sleep(300);
      assert.equal((await tabStatus(ctx, { url })).jobs, 1, 'no second pass without a page change');
      await page.evaluate((text) => {
        for (const line of text.split('\n')) {
          const p = document.createElement('p');
          p.textContent = line;
          document.body.appendChild(p);
        }
      }, linesOf(DAMAGED));
      await sleep(100);
      const later = await waitDone(ctx, url);
      const cli = cliClean(path.join(FIXTURES, 'damaged.txt'));
      assert.equal(await pageLines(page), `A first paragraph with nothing wrong in it at all.\n${cli.text}`);
      assert.ok(later.counts.total > 0);
      const jobs = later.jobs;
      await sleep(400);
      assert.equal((await tabStatus(ctx, { url })).jobs, jobs, 'applying its findings did not start another pass');
      await page.close();
    });

    test('leaves a page with nothing to clean byte-identical', async () => {
      for (const route of ['/untouchable', '/clean-text']) {
        const url = `${server.origin}${route}`;
        await setSite(ctx, false);
        const off = await ctx.browser.newPage();
        await off.goto(url, { waitUntil: 'load' });
        await waitActive(ctx, url, false);
        const original = await bodyHtml(off);
        await off.close();
        await setSite(ctx, true);
        const { page, status } = await openCleaned(ctx, url);
        assert.equal(status.counts.total, 0, `${route}: nothing to change`);
        assert.equal(await bodyHtml(page), original, `${route}: the page is unchanged`);
        await page.close();
      }
    });

    test('stays responsive when a page adds 3,000 paragraphs at once', async () => {
      const url = `${server.origin}/clean-text`;
      // Each added paragraph is a root to clean; sorting out which roots lie
      // inside others once took the square of their number, in one task.
      const measure = async () => {
        const { page } = await openCleaned(ctx, url);
        try {
          await page.evaluate(() => {
            const probe = { longTasks: [] };
            window.__probe = probe;
            if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
              new PerformanceObserver((list) => {
                for (const e of list.getEntries()) probe.longTasks.push(e.duration);
              }).observe({ type: 'longtask' });
            }
          });
          await page.evaluate(() => {
            window.__probe.t0 = performance.now();
            for (let i = 0; i < 3000; i++) {
              const p = document.createElement('p');
              p.textContent = `Line ${i}: he said he didn_t know.`;
              document.body.appendChild(p);
            }
            // The page's own part of the task: adding the paragraphs.
            window.__probe.own = performance.now() - window.__probe.t0;
          });
          await sleep(200);
          const status = await waitDone(ctx, url, { timeout: 60000 });
          const probe = await page.evaluate(() => window.__probe);
          const longest = Math.max(0, ...probe.longTasks);
          console.log(`${name}: 3,000 paragraphs added: ${status.counts.total} changes, Rinse busy ${status.busyMs.toFixed(0)} ms (read ${status.busyParts.read.toFixed(0)}), longest task ${longest.toFixed(0)} ms, the page's own adding ${probe.own.toFixed(0)} ms`);
          return { status, read: status.busyParts.read, stall: longest - probe.own };
        } finally {
          await page.close();
        }
      };
      // One of three runs on this shared machine: reading the 3,000 new
      // roots stays under 300 ms (about 100 ms here; the square-cost sort
      // took 230 ms for 2,000 and 3.1 s for 8,000), and Rinse's part of the
      // task that added them (Chromium reports long tasks) under 100 ms.
      let best = Infinity;
      for (let attempt = 0; attempt < 3 && best > 100; attempt++) {
        const { status, read, stall } = await measure();
        assert.ok(status.counts.total >= 3000, `the added paragraphs were cleaned (${status.counts.total})`);
        best = Math.min(best, Math.max(read / 3, stall));
      }
      assert.ok(best <= 100, `reading under 300 ms and no stall over 100 ms in one of three runs (best: ${best.toFixed(0)})`);
    });

    test('a tab shows its cleaning job as running until it ends', async () => {
      // The content script reports only when its jobs end; the background
      // learns that one runs from its first chunk. A long page's job runs
      // long enough to be seen.
      const url = `${server.origin}/long`;
      const page = await ctx.browser.newPage();
      try {
        const loading = page.goto(url, { waitUntil: 'load', timeout: 60000 });
        const seen = new Set();
        const end = Date.now() + 60000;
        let status = null;
        while (!(status && status.done)) {
          assert.ok(Date.now() < end, `the job did not end (seen: ${[...seen]})`);
          status = await tabStatus(ctx, { url });
          if (status) seen.add(`${status.active ? 'on' : 'off'}, ${status.done ? 'done' : 'running'}`);
          await sleep(10);
        }
        await loading;
        assert.ok(seen.has('on, running'), `seen: ${[...seen]}`);
        assert.ok(status.active && status.counts.total >= 1000, 'it ends with its counts');
      } finally {
        await page.close();
      }
    });

    test('stays responsive on a page of 20,000 paragraphs', async () => {
      const url = `${server.origin}/long`;
      // Load it with Rinse off, start the probe, then switch on: the whole
      // page is cleaned while the probe watches the main thread.
      const measure = async () => {
        await setSite(ctx, false);
        const page = await ctx.browser.newPage();
        try {
          await page.goto(url, { waitUntil: 'load', timeout: 60000 });
          await waitActive(ctx, url, false);
          await page.evaluate(() => {
            const probe = { longest: 0, longTasks: [], ticks: 0 };
            window.__probe = probe;
            if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
              new PerformanceObserver((list) => {
                for (const e of list.getEntries()) probe.longTasks.push(e.duration);
              }).observe({ type: 'longtask' });
            }
            // Timer-gap probe: how long a 5 ms timer can be kept waiting.
            let last = performance.now();
            const tick = () => {
              const now = performance.now();
              probe.longest = Math.max(probe.longest, now - last);
              probe.ticks++;
              last = now;
              probe.timer = setTimeout(tick, 5);
            };
            probe.timer = setTimeout(tick, 5);
          });
          await sleep(200);
          // What the page did before Rinse was switched on is not Rinse's:
          // its layout and collection after loading 20,000 paragraphs keep a
          // timer waiting up to 150 ms by themselves.
          await page.evaluate(() => {
            window.__probe.longest = 0;
            window.__probe.longTasks = [];
          });
          await setSite(ctx, true);
          const status = await waitActive(ctx, url, true);
          await sleep(200);
          const probe = await page.evaluate(() => {
            clearTimeout(window.__probe.timer);
            return window.__probe;
          });
          const longest = Math.max(0, ...probe.longTasks);
          console.log(`${name}: 20,000 paragraphs: ${status.counts.total} changes, Rinse busy ${status.busyMs.toFixed(0)} ms, longest task ${longest.toFixed(0)} ms, longest timer gap ${probe.longest.toFixed(0)} ms`);
          // Chromium reports long tasks; Firefox does not, so there a timer
          // shows how long the page's own work could be kept waiting. (Chromium
          // delays timers for its own scheduling reasons, so its gaps say less.)
          return { status, stall: name === 'chromium' ? longest : probe.longest };
        } finally {
          await setSite(ctx, true);
          await page.close();
        }
      };
      // A timing probe on a shared 2-core machine: one of three runs must
      // show no stall over 100 ms; every run is logged above.
      let best = Infinity;
      for (let attempt = 0; attempt < 3 && best > 100; attempt++) {
        const { status, stall } = await measure();
        assert.ok(status.counts.total >= 400, `the damaged paragraphs were cleaned (${status.counts.total})`);
        best = Math.min(best, stall);
      }
      const what = name === 'chromium' ? 'long task' : 'timer gap';
      assert.ok(best <= 100, `no ${what} over 100 ms in any of three runs (best run: ${best} ms)`);
    });
  });
}
