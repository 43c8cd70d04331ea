// Runs the dev corpus through the playground page (each input opened as a
// file, cleaned, the result saved) and scores the saved outputs with the
// shared scorer, as a person using the page would get them.
//   node tests/www/score-dev.mjs [OUT_DIR]   (after ./build.sh)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED, openPlayground, runAndWait } from './lib.mjs';

const dev = path.join(SHARED, 'corpus/dev');
const out = path.resolve(process.argv[2] || fs.mkdtempSync('/tmp/rinse-www-dev-'));
fs.mkdirSync(out, { recursive: true });
const cases = fs.readFileSync(path.join(dev, 'cases.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

const pg = await openPlayground();
try {
  const { page } = pg;
  const input = await page.$('#file');
  let failed = 0;
  const viewMismatch = [];
  for (const c of cases) {
    await page.select('#mode', c.format);
    const state = await runAndWait(page, () => input.uploadFile(path.join(dev, c.input)), 120000);
    if (state !== 'done') {
      failed++;
      console.error(`${c.id}: ${await page.$eval('#error', (e) => e.textContent)}`);
      continue;
    }
    const doc = await page.evaluate(() => rinsePlayground.result.document);
    // The marked view, its removed text left out, must read as the result.
    const [shown, text] = await page.evaluate(() => [
      [...document.querySelectorAll('#output .line:not(.gone)')].map((line) => {
        const copy = line.cloneNode(true);
        for (const d of copy.querySelectorAll('del')) d.remove();
        return copy.textContent;
      }).join('\n'),
      rinsePlayground.result.text,
    ]);
    const squash = (x) => x.replace(/\s+/g, '');
    if (squash(shown) !== squash(text)) {
      viewMismatch.push(c.id);
    }
    fs.writeFileSync(path.join(out, `${c.id}.${c.format === 'html' ? 'html' : 'txt'}`), doc);
  }
  console.log(`${cases.length - failed}/${cases.length} cases cleaned into ${out}`);
  console.log(`marked view reads as the result in ${cases.length - failed - viewMismatch.length} cases; differs in ${viewMismatch.length}: ${viewMismatch.slice(0, 10).join(' ')}`);
} finally {
  await pg.close();
}
const score = execFileSync('python3', [path.join(SHARED, 'tools/score.py'), dev, '--cmd', `cat ${out}/{id}.{ext}`], { encoding: 'utf8' });
console.log(score.trim().split('\n').slice(-3).join('\n'));
