// Takes the README's screenshot of the playground: the sample article
// cleaned, with one mark's details open. Run after ./build.sh:
//   node tests/www/screenshot.mjs   (writes www/docs/playground.png)

import path from 'node:path';
import { ROOT, openPlayground, runAndWait } from './lib.mjs';

const out = path.join(ROOT, 'www/docs/playground.png');
const pg = await openPlayground();
try {
  const { page } = pg;
  await page.setViewport({ width: 1180, height: 1000, deviceScaleFactor: 1 });
  const state = await runAndWait(page, () => page.click('#sample'));
  if (state !== 'done') throw new Error(`the sample run ended in state ${state}`);
  await page.hover('#output del.k-spam');
  const box = await page.$eval('#result', (el) => {
    const r = el.getBoundingClientRect();
    return { x: 0, y: 0, width: document.documentElement.clientWidth, height: Math.ceil(r.bottom + window.scrollY + 16) };
  });
  await page.screenshot({ path: out, clip: box, captureBeyondViewport: true });
  console.log(`wrote ${path.relative(ROOT, out)}`);
} finally {
  await pg.close();
}
