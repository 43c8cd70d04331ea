// Plain-text cleaning with marks: the core's `clean` loop (src/lib.rs) and
// `apply` (src/apply.rs) replayed on lines of marked segments, so the page
// can show every change where it happened. The text it gives equals the
// core's `cleanText` (the tests check this on the corpus).

import { MAX_PASSES, writesFffd } from './dom.js';
import { ADDED, PLAIN, flatten, removeAll, spliceSegments, textOf } from './segments.js';

/**
 * Cleans `lines` (the text split at '\n'). `analyze(doc, wroteFffd)` is the
 * core's analyze. Finding ids start at `idBase`. `atEnd`: the lines end the text
 * (false for a chunk that more text follows). Returns `{text, lines, findings}`:
 * the cleaned text, the display lines (`{gone, segs}`, `gone` the id of the
 * finding that removed the line or -1, `segs` flattened) and the findings.
 */
export function cleanLines(lines, analyze, idBase = 0, { atEnd = true } = {}) {
  const display = lines.map((line) => ({ runs: [[{ t: line, k: PLAIN }]], gone: -1, merged: false }));
  let live = display;
  const findings = [];
  let lastRemoved = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const report = analyze(modelOf(live), writesFffd(findings));
    if (!report.findings.length) break;
    const numbered = report.findings.map((f, i) => ({ ...f, id: idBase + findings.length + i, pass }));
    const last = live[live.length - 1];
    const next = applyPass(live, numbered);
    // As the core: a pass that changes nothing ends the loop and is not reported.
    if (!next) break;
    lastRemoved ||= last.gone >= 0;
    findings.push(...numbered);
    live = next;
  }
  let text = live.map((b) => b.runs.map(textOf).join('')).join('\n');
  // As the core's clean_text: every line but an unterminated last one ends
  // in a newline, so removing that last line leaves the one before it with
  // its newline.
  if (atEnd && lines[lines.length - 1] !== '' && text !== '' && lastRemoved) text += '\n';
  return {
    text,
    lines: display.filter((b) => !b.merged).map((b) => ({ gone: b.gone, segs: b.runs.reduce((out, r) => flatten(r, out), []) })),
    findings,
  };
}

/** The core's document model of the live lines (as `Document::from_text` and `apply` shape it). */
function modelOf(live) {
  return {
    blocks: live.map((b) => ({ kind: 'line', runs: b.runs.map((r) => ({ kind: 'text', text: textOf(r) })) })),
    context: { format: 'text' },
  };
}

/**
 * Applies one pass's findings as the core's `apply` does: edits checked
 * against their `old` text and applied whole or not at all, joins from the
 * last block back, then removals. Mutates the blocks; returns the live
 * blocks after the pass, or null if the pass changes nothing.
 */
function applyPass(live, findings) {
  const n = live.length;
  const removed = new Array(n).fill(null);
  const joins = [];
  const splices = [];
  const texts = new Map();
  const runText = (b, r) => {
    const key = `${b}:${r}`;
    if (!texts.has(key)) texts.set(key, textOf(live[b].runs[r]));
    return texts.get(key);
  };
  for (const f of findings) {
    if (f.block >= n) continue;
    if (f.action === 'edit') splices.push(...validSplices(live, f, runText));
    else if (f.action === 'remove-block') removed[f.block] = f;
    else if (f.action === 'join-next') joins.push(f);
  }
  let changed = false;
  splices.sort((x, y) => y.block - x.block || y.run - x.run || y.start - x.start);
  for (const s of splices) {
    const runs = live[s.block].runs;
    runs[s.run] = spliceSegments(runs[s.run], s.start, s.end, s.new, s.f);
    changed = true;
  }
  joins.sort((x, y) => y.block - x.block);
  for (const f of joins) {
    const next = f.block + 1;
    if (next >= n || removed[f.block] || removed[next]) continue;
    const moved = live[next].runs;
    live[next].runs = [];
    live[next].merged = true;
    const target = live[f.block].runs;
    if (f.joiner) target.push([{ t: f.joiner, k: ADDED, f: f.id }]);
    target.push(...moved);
    removed[next] = 'joined';
    changed = true;
  }
  for (let i = 0; i < n; i++) {
    const f = removed[i];
    if (!f || f === 'joined') continue;
    live[i].gone = f.id;
    live[i].runs = live[i].runs.map((r) => removeAll(r, f));
    changed = true;
  }
  return changed ? live.filter((_, i) => !removed[i]) : null;
}

/** The finding's edits as splices, or none if any no longer matches its `old` text. */
function validSplices(live, f, runText) {
  const out = [];
  for (const e of f.edits || []) {
    if (e.run >= live[f.block].runs.length) return [];
    const text = runText(f.block, e.run);
    if (e.start > e.end || e.end > text.length || text.slice(e.start, e.end) !== e.old) return [];
    // Writing the same text back changes nothing, in the core too.
    if (e.new !== e.old) out.push({ block: f.block, run: e.run, start: e.start, end: e.end, new: e.new, f });
  }
  return out;
}

/**
 * Splits text into chunks of whole lines of about `size` UTF-16 units,
 * cut after a blank line where one is near (a paragraph boundary), else
 * after any line. Returns the chunks' line arrays; joined with '\n' they
 * give the text back.
 */
export function chunkLines(text, size) {
  const lines = text.split('\n');
  if (text.length <= size) return [lines];
  const chunks = [];
  let start = 0;
  let len = 0;
  let lastBlank = -1;
  for (let i = 0; i < lines.length; i++) {
    len += lines[i].length + 1;
    if (lines[i].trim() === '') lastBlank = i;
    if (len >= size && i + 1 < lines.length) {
      // Prefer a paragraph boundary in the chunk's second half.
      const cut = lastBlank > start && lastBlank >= i - 2000 ? lastBlank : i;
      chunks.push(lines.slice(start, cut + 1));
      start = cut + 1;
      len = 0;
      for (let j = start; j <= i; j++) len += lines[j].length + 1;
      lastBlank = -1;
    }
  }
  chunks.push(lines.slice(start));
  return chunks;
}
