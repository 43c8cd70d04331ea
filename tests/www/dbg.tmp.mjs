import fs from 'node:fs';
import { openPlayground, runAndWait, dropFile, markKinds } from './lib.mjs';
const pg = await openPlayground();
const { page } = pg;
const html = fs.readFileSync('tests/samples/sample-article.html', 'utf8');
console.log(await runAndWait(page, () => dropFile(page, 'bridge.html', html, 'text/html')));
console.log(await markKinds(page));
console.log(await page.evaluate(() => [...document.querySelectorAll('#output .line')].slice(-4).map(l => l.outerHTML)));
await pg.close();
