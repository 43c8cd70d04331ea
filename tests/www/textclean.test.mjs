// The page's marked replay of the core's text cleaning (www/textclean.js)
// must give exactly the core's `cleanText`: the same text and the same
// findings, on every text case of the dev corpus. Runs in Node on the built
// playground (./build.sh first: dist/www holds textclean.js with the dom.js
// it imports, and dist/pkg the wasm); no browser.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT, SHARED } from './lib.mjs';

const PKG = path.join(ROOT, 'dist/pkg');
let core;
let www;

before(async () => {
  core = await import(pathToFileURL(path.join(PKG, 'rinse_wasm.js')));
  await core.default({ module_or_path: fs.readFileSync(path.join(PKG, 'rinse_wasm_bg.wasm')) });
  www = await import(pathToFileURL(path.join(ROOT, 'dist/www/textclean.js')));
});

it('loops as many passes as the core', async () => {
  const dom = await import(pathToFileURL(path.join(ROOT, 'dist/www/dom.js')));
  assert.equal(dom.MAX_PASSES, core.maxPasses());
});

const marked = (text) => www.cleanLines(text.split('\n'), core.analyze);

describe('text replay', () => {
  it('equals cleanText on every dev text case', () => {
    const dev = path.join(SHARED, 'corpus/dev');
    const cases = fs.readFileSync(path.join(dev, 'cases.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
      .filter((c) => c.format === 'text');
    assert.ok(cases.length > 100);
    for (const c of cases) {
      const text = fs.readFileSync(path.join(dev, c.input), 'utf8');
      const want = core.cleanText(text);
      const got = marked(text);
      assert.equal(got.text, want.text, c.id);
      assert.deepEqual(got.findings.map((f) => [f.kind, f.rule, f.pass]), want.report.findings.map((f) => [f.kind, f.rule, f.pass]), c.id);
    }
  });

  it('keeps every removed and replaced character in the marks', () => {
    const text = fs.readFileSync(path.join(ROOT, 'tests/samples/sample-article.txt'), 'utf8');
    const { lines } = marked(text);
    // Original text = plain + removed + replaced pieces, in order, line by line (joined lines aside).
    const shown = lines.map((l) => {
      let s = '';
      for (let i = 0; i < l.segs.length; i += 3) if (l.segs[i + 1] !== 2) s += l.segs[i];
      return s;
    }).join('\n');
    const squash = (s) => s.replace(/\s+/g, '');
    assert.equal(squash(shown), squash(text));
  });

  it('changes nothing in clean text', () => {
    const text = 'It’s fine.\nThe U.S. Department of Justice said so on Feb. 9.\n\ncode_identifier = 1';
    const got = marked(text);
    assert.equal(got.text, text);
    assert.deepEqual(got.findings, []);
    // Unmarked: one plain segment per line.
    assert.deepEqual(got.lines, text.split('\n').map((line) => ({ gone: -1, segs: [line, 0, -1] })));
  });

  it('chunks text at paragraph boundaries without losing a character', () => {
    const para = 'word '.repeat(40).trim();
    const text = Array.from({ length: 400 }, (_, i) => (i % 5 === 4 ? '' : `${i} ${para}`)).join('\n');
    const chunks = www.chunkLines(text, 4096);
    assert.ok(chunks.length > 5);
    assert.equal(chunks.map((c) => c.join('\n')).join('\n'), text);
    // Every chunk but the last ends with a blank line (a paragraph boundary).
    for (const c of chunks.slice(0, -1)) assert.equal(c[c.length - 1], '');
  });
});

describe('page sources', () => {
  it('never write markup from strings (no innerHTML, insertAdjacentHTML, document.write)', () => {
    const dir = path.join(ROOT, 'www');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      // Code only: the comments may well name what the code avoids.
      const src = fs.readFileSync(path.join(dir, file), 'utf8').split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line)).join('\n');
      assert.doesNotMatch(src, /innerHTML|outerHTML\s*=[^=]|insertAdjacentHTML|document\.write/, file);
    }
  });
});
