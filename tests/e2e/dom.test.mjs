// Tests of extension/src/dom.js (model building, applying findings, undo)
// in real Chromium and Firefox pages, with hand-made findings: they do not
// depend on what the detectors find.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BROWSERS, ROOT, launch, serve } from './lib.mjs';

const DOM_JS = fs.readFileSync(path.join(ROOT, 'extension/src/dom.js'));
const PACKED_JS = fs.readFileSync(path.join(ROOT, 'extension/src/packed.js'));

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
<article id="a">
<p id="p1">Prices rose, <a href="https://spam.example/">Cheap Flights Deals</a> because demand was high.</p>
<p id="p2">He said he didn_t know. <em>Really</em> he didn_t.</p>
<p id="p3">Line one, Feb.<br>16, 2022 was the date.</p>
<p id="p4">Use <code>max_len</code> here, don_t forget.</p>
<blockquote><p id="q">A quoted line.</p></blockquote>
<div id="d">Loose text <p id="p5">inner</p> tail text</div>
<textarea>don_t</textarea><div contenteditable="true">don_t edit</div><p hidden>don_t hide</p>
<script>var don_t = 1;</script><pre id="pre">code_here</pre>
</article>
<div id="banner"><p id="p6">Szanowny gościu, wszedłeś na stronę jako niezarejestrowany użytkownik.</p></div>
</body></html>`;

let server;
before(async () => {
  server = await serve((p) => {
    if (p === '/dom.js') return { body: DOM_JS, type: 'text/javascript', csp: '' };
    if (p === '/packed.js') return { body: PACKED_JS, type: 'text/javascript', csp: '' };
    if (p === '/page') return { body: PAGE, csp: '' };
    return null;
  });
});
after(() => server.close());

/** Runs `fn(dom)` in the page, with dom.js imported. */
function inPage(page, fn, arg) {
  return page.evaluate(
    async (source, a) => {
      const dom = await import('/dom.js');
      // eslint-disable-next-line no-new-func
      return new Function('dom', 'arg', `return (${source})(dom, arg);`)(dom, a);
    },
    fn.toString(),
    arg,
  );
}

for (const name of BROWSERS) {
  describe(`dom.js in ${name}`, { timeout: 120000 }, () => {
    let ctx;
    let page;
    before(async () => {
      ctx = await launch(name, { extension: false });
      page = await ctx.browser.newPage();
    });
    after(async () => {
      if (ctx) await ctx.browser.close();
    });

    test('builds blocks like the CLI: cuts at block tags and <br>, skips what it must, code is verbatim', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const model = await inPage(page, (dom) => dom.buildModel(document.body).doc);
      const texts = model.blocks.map((b) => b.runs.map((r) => r.text).join('').trim());
      assert.deepEqual(texts, [
        'Prices rose, Cheap Flights Deals because demand was high.',
        'He said he didn_t know. Really he didn_t.',
        'Line one, Feb.',
        '16, 2022 was the date.',
        'Use max_len here, don_t forget.',
        'A quoted line.',
        'Loose text',
        'inner',
        'tail text',
        'don_t edit',
        'don_t hide',
        'code_here',
        'Szanowny gościu, wszedłeś na stronę jako niezarejestrowany użytkownik.',
      ]);
      const at = (t) => model.blocks[texts.indexOf(t)];
      assert.deepEqual(model.blocks[0].runs[1], { kind: 'link', text: 'Cheap Flights Deals', href: 'https://spam.example/' });
      assert.equal(model.blocks[1].runs[1].kind, 'emphasis');
      const withCode = at('Use max_len here, don_t forget.');
      assert.equal(withCode.verbatim, undefined, 'prose with inline code is read and cleaned');
      assert.deepEqual(withCode.runs.map((r) => !!r.verbatim), [false, true, false], 'the inline code run is verbatim');
      assert.equal(at('code_here').verbatim, true, 'pre is verbatim');
      assert.equal(at('don_t edit').verbatim, undefined, 'contenteditable text is read (and locked, see below)');
      assert.equal(at('don_t hide').verbatim, undefined, 'hidden text is read');
      assert.equal(model.blocks[0].verbatim, undefined);
      assert.equal(at('A quoted line.').kind, 'quote', 'a paragraph in a blockquote is a quote');
      assert.deepEqual(model.context, { format: 'html', host: '127.0.0.1', lang: 'en' });
    });

    test('reads text inside an element named like a property of every object (`constructor`)', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const kinds = await inPage(page, (dom) => {
        const outer = document.createElement('constructor');
        const p = document.createElement('p');
        p.append('Inside a custom element.');
        outer.append(p);
        document.body.append(outer);
        // From the element itself, and from a block inside it (the observer's roots).
        return [outer, p].map((root) => dom.buildModel(root).doc.blocks.map((b) => b.kind));
      });
      assert.deepEqual(kinds, [['paragraph'], ['paragraph']]);
    });

    test('applies edits, link and block removals and a join across <br>; undo restores the page exactly', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const result = await inPage(page, (dom) => {
        const original = document.documentElement.outerHTML;
        const { doc, handles } = dom.buildModel(document.body);
        const f = (block, action, edits = [], extra = {}) => ({ id: 0, kind: 'punctuation', block, action, edits, ...extra });
        const findings = [
          // the spam link and the space after it: the <a> goes as an element
          f(0, 'edit', [
            { run: 1, start: 0, end: 19, old: 'Cheap Flights Deals', new: '' },
            { run: 2, start: 0, end: 1, old: ' ', new: '' },
          ]),
          // two edits in one run, as two findings
          f(1, 'edit', [{ run: 0, start: 15, end: 16, old: '_', new: '’' }]),
          f(1, 'edit', [{ run: 2, start: 8, end: 9, old: '_', new: '’' }]),
          f(2, 'join-next', [], { joiner: ' ' }),
          f(12, 'remove-block'),
          // user-editable text is never edited
          f(9, 'edit', [{ run: 0, start: 3, end: 4, old: '_', new: '’' }]),
          // hidden text is cleaned like the rest
          f(10, 'edit', [{ run: 0, start: 3, end: 4, old: '_', new: '’' }]),
          // stale: its old text does not match, so none of it is applied
          f(6, 'edit', [
            { run: 0, start: 0, end: 5, old: 'Loose', new: 'Tight' },
            { run: 0, start: 6, end: 10, old: 'XXXX', new: 'text' },
          ]),
        ];
        const journal = new dom.Journal();
        const { applied } = dom.applyFindings(findings, handles, journal);
        const lines = [...document.querySelectorAll('article p, #d, #banner, [contenteditable]')].map((e) => e.textContent);
        const links = document.querySelectorAll('#p1 a').length;
        const banner = document.getElementById('p6');
        const marked = dom.markChanges(journal, window);
        dom.unmarkChanges(window);
        journal.undoAll();
        return {
          applied: applied.length,
          lines,
          links,
          bannerGone: banner === null,
          marked,
          restored: document.documentElement.outerHTML === original,
          blocks: doc.blocks.length,
        };
      });
      assert.equal(result.applied, 6);
      assert.equal(result.links, 0, 'the emptied spam anchor is removed');
      assert.ok(result.bannerGone, 'the banner paragraph is removed');
      assert.equal(result.lines[0], 'Prices rose, because demand was high.');
      assert.equal(result.lines[1], 'He said he didn’t know. Really he didn’t.');
      assert.equal(result.lines[2], 'Line one, Feb. 16, 2022 was the date.');
      assert.ok(result.lines.includes('Loose text inner tail text'), 'the stale finding changed nothing');
      assert.ok(result.lines.includes('don_t edit'), 'user-editable text unchanged');
      assert.ok(result.lines.includes('don’t hide'), 'hidden text cleaned');
      assert.ok(result.marked === -1 || result.marked >= 4, `changed places marked (${result.marked})`);
      assert.ok(result.restored, 'undo restores the exact original document');
    });

    test('thousands of edits of one text node are written to it once; marks and undo stay exact', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const result = await inPage(page, (dom) => {
        const p = document.createElement('p');
        p.textContent = 'He didn_t go. '.repeat(3000);
        document.body.replaceChildren(p);
        const original = document.documentElement.outerHTML;
        const { handles } = dom.buildModel(document.body);
        const text = p.firstChild.data;
        const edit = (start, old, now) => ({ id: 0, kind: 'punctuation', block: 0, action: 'edit', edits: [{ run: 0, start, end: start + old.length, old, new: now }] });
        const findings = [];
        for (let at = text.indexOf('_'); at >= 0; at = text.indexOf('_', at + 1)) findings.push(edit(at, '_', '’'));
        findings.push(edit(3, 'X', 'Y')); // stale: its old text is not there
        findings.push(edit(0, 'He', 'He')); // changes nothing
        const observer = new MutationObserver(() => {});
        observer.observe(p, { characterData: true, subtree: true });
        const journal = new dom.Journal();
        const { applied } = dom.applyFindings(findings, handles, journal);
        const writes = observer.takeRecords().length;
        observer.disconnect();
        const after = p.textContent;
        const marked = dom.markChanges(journal, window);
        const painted = marked > 0 ? [...CSS.highlights.get('rinse-changed')].map((r) => r.toString()) : [];
        dom.unmarkChanges(window);
        journal.undoAll();
        return { applied: applied.length, writes, after, marked, painted, restored: document.documentElement.outerHTML === original };
      });
      assert.equal(result.applied, 3000);
      assert.equal(result.after, 'He didn’t go. '.repeat(3000));
      assert.equal(result.writes, 1, 'the node is written once');
      if (result.marked !== -1) {
        assert.equal(result.marked, 3000);
        assert.ok(result.painted.every((t) => t === '’'), 'each mark covers its own repair');
      }
      assert.ok(result.restored, 'undo restores the exact original document');
    });

    test('takes out at most the budgeted blocks per call; resumed calls end as one call does, and undo is exact', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const result = await inPage(page, (dom) => {
        const build = () => {
          const ps = [];
          for (let i = 0; i < 40; i++) {
            const p = document.createElement('p');
            p.textContent = i % 4 === 0 ? `Line ${i} ended on Feb.` : `16, 2022 was line ${i}, don_t doubt it.`;
            ps.push(p, '\n');
          }
          document.body.replaceChildren(...ps);
          return dom.buildModel(document.body).handles;
        };
        const findings = (handles) => handles.flatMap((h, block) => {
          const text = h.nodes.map((n) => n.data).join('');
          if (text.endsWith('Feb.')) return [{ id: block * 2, kind: 'linebreak', block, action: 'join-next', edits: [], joiner: ' ' }];
          if (block % 4 === 3) return [{ id: block * 2 + 1, kind: 'banner', block, action: 'remove-block', edits: [] }];
          const at = text.indexOf('_');
          return [{ id: block * 2 + 1, kind: 'punctuation', block, action: 'edit', edits: [{ run: 0, start: at, end: at + 1, old: '_', new: '’' }] }];
        });
        // All at once.
        let handles = build();
        const original = document.documentElement.outerHTML;
        dom.applyFindings(findings(handles), handles, new dom.Journal());
        const whole = document.body.innerHTML;
        // With a budget of 3 blocks taken out per call.
        handles = build();
        const list = findings(handles);
        const journal = new dom.Journal();
        const calls = [];
        let next = 0;
        for (;;) {
          const r = dom.applyFindings(list, handles, journal, { start: next, maxRemovedBlocks: 3 });
          calls.push(r.removedBlocks);
          next = r.next;
          if (r.done) break;
        }
        const budgeted = document.body.innerHTML;
        journal.undoAll();
        return { whole, budgeted, calls, restored: document.documentElement.outerHTML === original };
      });
      assert.equal(result.calls.reduce((a, b) => a + b, 0), 20, 'ten joins and ten removals take out twenty blocks');
      assert.ok(result.calls.every((n) => n <= 3), `at most three blocks a call (${result.calls})`);
      assert.ok(result.calls.length >= 7, `the work was spread over calls (${result.calls.length})`);
      assert.equal(result.budgeted, result.whole, 'budgeted calls give the page one call gives');
      assert.ok(!result.budgeted.includes('don_t') && result.budgeted.includes('Feb. 16, 2022'));
      assert.ok(result.restored, 'undo restores the exact original document');
    });

    test('a chain of joins across paragraphs makes one paragraph with one joiner a break; undo restores it', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const result = await inPage(page, (dom) => {
        const lines = ['Signed by Gov.', 'Kathy Hochul on Jan.', '1, 2026. Lt.', 'Gov. Antonio Delgado in St.', 'Louis spoke.'];
        document.body.replaceChildren(...lines.flatMap((line) => {
          const p = document.createElement('p');
          p.textContent = line;
          return [p, '\n'];
        }));
        const original = document.documentElement.outerHTML;
        const { handles } = dom.buildModel(document.body);
        const joins = lines.slice(0, -1).map((_, block) => ({ id: block, kind: 'linebreak', block, action: 'join-next', edits: [], joiner: ' ' }));
        const journal = new dom.Journal();
        const { applied } = dom.applyFindings(joins, handles, journal);
        const paragraphs = [...document.body.querySelectorAll('p')].map((p) => p.textContent);
        journal.undoAll();
        return { applied: applied.length, paragraphs, restored: document.documentElement.outerHTML === original };
      });
      assert.equal(result.applied, 4, 'every join of the chain applies');
      assert.deepEqual(result.paragraphs, ['Signed by Gov. Kathy Hochul on Jan. 1, 2026. Lt. Gov. Antonio Delgado in St. Louis spoke.']);
      assert.ok(result.restored, 'undo restores the exact original document');
    });

    test('a chain of joins goes whole when a link of it is a <br> inside the next paragraph', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const result = await inPage(page, (dom) => {
        document.body.innerHTML = '<p>Signed by Gov.</p>\n<p>Kathy Hochul on Jan.<br>1, 2026, her office said.</p>';
        const original = document.documentElement.outerHTML;
        const { handles } = dom.buildModel(document.body);
        const joins = [0, 1].map((block) => ({ id: block, kind: 'linebreak', block, action: 'join-next', edits: [], joiner: ' ' }));
        const journal = new dom.Journal();
        const { applied } = dom.applyFindings(joins, handles, journal);
        const html = document.body.innerHTML;
        journal.undoAll();
        return { applied: applied.length, html, restored: document.documentElement.outerHTML === original };
      });
      assert.equal(result.applied, 2);
      assert.equal(result.html, '<p>Signed by Gov. Kathy Hochul on Jan. 1, 2026, her office said.</p>\n');
      assert.ok(result.restored, 'undo restores the exact original document');
    });

    test('sliced building gives the same model as building at once', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const result = await inPage(page, (dom) => {
        // Enough nodes for several slices: the walk looks at the clock every 64 nodes.
        const many = document.createElement('div');
        for (let i = 0; i < 300; i++) {
          const p = document.createElement('p');
          p.append(`Paragraph ${i} `, Object.assign(document.createElement('em'), { textContent: 'in' }), ' text.');
          many.append(p, '\n');
        }
        document.body.append(many);
        const whole = dom.buildModel(document.body).doc.blocks;
        const b = new dom.ModelBuilder(document.body);
        let slices = 1;
        while (!b.step(performance.now() - 1)) slices++;
        return { same: JSON.stringify(b.blocks) === JSON.stringify(whole), slices, blocks: whole.length };
      });
      assert.ok(result.slices >= 10, `read in ${result.slices} slices`);
      assert.ok(result.blocks > 300);
      assert.ok(result.same, 'same blocks whether read at once or in slices');
    });

    test('text the page removes between two slices is skipped and the rest is still read once', async () => {
      await page.goto(`${server.origin}/page`, { waitUntil: 'load' });
      const result = await inPage(page, (dom) => {
        const many = document.createElement('div');
        for (let i = 0; i < 300; i++) many.append(Object.assign(document.createElement('p'), { textContent: `P${i}.` }));
        document.body.replaceChildren(many);
        const b = new dom.ModelBuilder(document.body);
        b.step(performance.now() - 1); // one slice
        // The paragraphs around where the walk stopped go away before the next slice.
        const read = b.handles.length;
        const gone = [...many.children].slice(read + 1, read + 4);
        for (const p of gone) p.remove();
        while (!b.step(performance.now() - 1));
        return {
          read,
          texts: b.blocks.map((x) => x.runs.map((r) => r.text).join('')),
          gone: gone.map((p) => p.textContent),
        };
      });
      assert.ok(result.read > 0 && result.read < 290, `first slice read ${result.read} blocks`);
      const expected = Array.from({ length: 300 }, (_, i) => `P${i}.`).filter((t) => !result.gone.includes(t));
      assert.deepEqual(result.texts, expected);
    });
  });
}
