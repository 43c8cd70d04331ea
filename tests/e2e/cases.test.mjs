// The case harness on the small case set committed in tests/e2e/cases (our
// own fixtures): in each browser, the extension's output must score exactly
// as the CLI's on ../shared/tools/score.py. The README shows the full run on
// ../shared/corpus/dev.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { BROWSERS, ROOT, SHARED } from './lib.mjs';
import { runCases } from './run-cases.mjs';

const CASES = path.join(ROOT, 'tests/e2e/cases');
const SCORE = path.join(SHARED, 'tools/score.py');

function scoreLine(cmd) {
  const out = execFileSync('python3', [SCORE, CASES, '--cmd', cmd], { cwd: ROOT, encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.startsWith('score:'));
  assert.ok(line, `score.py printed no score:\n${out}`);
  return line;
}

describe('case harness', { skip: !fs.existsSync(SCORE) && 'no ../shared/tools/score.py' }, () => {
  let cliScore;
  test('the CLI scores the fixtures', () => {
    execFileSync('cargo', ['build', '-q', '--bin', 'rinse'], { cwd: ROOT, stdio: 'inherit' });
    cliScore = scoreLine('target/debug/rinse clean --format {format} {input}');
    console.log(`cli:      ${cliScore}`);
  });

  for (const browser of BROWSERS) {
    test(`${browser} scores as the CLI`, { timeout: 180000 }, async () => {
      const out = path.join(ROOT, 'tests/e2e/out', browser);
      fs.rmSync(out, { recursive: true, force: true });
      await runCases({ browser, cases: CASES, out }, () => {});
      const line = scoreLine(`cat ${out}/{id}.{ext}`);
      console.log(`${browser}: ${line}`);
      assert.equal(line, cliScore);
    });
  }
});
