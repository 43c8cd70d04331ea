// HTML input: parsed into an inert document (DOMParser runs no scripts and
// loads nothing), read and rewritten by the extension's own DOM module, with
// the core's analysis done in the worker. Each change is also recorded as
// marked segments per text node, so the page can show it in place.

import { Journal, MAX_PASSES, ModelBuilder, applyFindings, pageContext, writesFffd } from './dom.js';
import { ADDED, PLAIN, flatten, removeAll, spliceSegments, textOf } from './segments.js';


/**
 * Cleans an HTML document. `analyze(doc)` resolves to the core's report
 * (from the worker); `sliced(step)` runs `step(deadline)` in short tasks;
 * `progress(pass, phase)` is told each phase (0 read, 1 analyze, 2 apply).
 * Returns `{html, text, lines, findings}`, `html()` giving the cleaned document.
 */
export async function cleanHtml(source, { analyze, sliced, progress = () => {} }) {
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const context = htmlContext(doc);
  const tracker = new Tracker();
  const findings = [];
  let blocks = null;
  for (let pass = 0; pass <= MAX_PASSES; pass++) {
    progress(pass, 0);
    const builder = new ModelBuilder(doc.documentElement);
    await sliced((deadline) => builder.step(deadline));
    blocks = builder.blocks;
    if (pass === 0) tracker.start(builder.handles, blocks);
    if (pass === MAX_PASSES) break; // the model of the final document, for its text
    progress(pass, 1);
    const report = await analyze({ blocks, context }, writesFffd(findings.filter(Boolean)));
    if (!report.findings.length) break;
    const numbered = report.findings.map((f, i) => ({ ...f, id: findings.length + i, pass }));
    progress(pass, 2);
    const journal = new Journal();
    let next = 0;
    await sliced((deadline) => {
      const result = applyFindings(numbered, builder.handles, journal, { start: next, deadline });
      next = result.next;
      return result.done;
    });
    // Ids stay those of `numbered`; findings found stale in the DOM are not reported.
    findings.push(...numbered.map(() => null));
    for (const g of journal.groups) findings[g.finding.id] = g.finding;
    if (!journal.size) break;
    tracker.record(journal.groups, builder.handles);
  }
  const applied = findings.filter(Boolean);
  return {
    // Unchanged, the source is given back as it came: re-serializing a parsed
    // document is not byte-exact (noscript content, entities, omitted tags).
    // Serialized only when asked for (download): on a large page it is a long task.
    html: applied.length ? () => serialize(doc) : () => source,
    text: blocks.map(blockText).filter((t) => t !== '').join('\n'),
    lines: tracker.lines(),
    findings: applied,
  };
}

/** A block's text as a reader sees it: white space collapsed. */
function blockText(block) {
  return block.runs.map((r) => r.text).join('').replace(/\s+/g, ' ').trim();
}

/**
 * The model's page context: `<html lang>`, and the host of the canonical
 * link or og:url, as the CLI reads them (the parsed document has no address).
 */
export function htmlContext(doc) {
  const ctx = pageContext(doc);
  const link = doc.querySelector('link[rel~="canonical" i][href]');
  const og = doc.querySelector('meta[property="og:url" i][content]');
  const url = link ? link.getAttribute('href') : og ? og.getAttribute('content') : null;
  try {
    const parsed = url && new URL(url);
    if (parsed && /^https?:$/.test(parsed.protocol) && parsed.hostname) ctx.host = parsed.hostname.toLowerCase();
  } catch {
    // Not an absolute URL: no host, as in the CLI.
  }
  return ctx;
}

function serialize(doc) {
  const dt = doc.doctype;
  const doctype = dt
    ? `<!DOCTYPE ${dt.name}${dt.publicId ? ` PUBLIC "${dt.publicId}"` : ''}${!dt.publicId && dt.systemId ? ' SYSTEM' : ''}${dt.systemId ? ` "${dt.systemId}"` : ''}>\n`
    : '';
  return `${doctype}${doc.documentElement.outerHTML}\n`;
}

/**
 * Follows the DOM changes of each pass (the journal's operations) on marked
 * segments per text node, and the page's blocks as the reader saw them
 * first: a removed block stays in view, struck through; a joined one moves.
 */
class Tracker {
  start(handles, blocks) {
    this.segs = new Map(); // Text node -> segments
    this.blockOf = new Map(); // Text node -> display block
    this.blocks = handles.map((h, i) => {
      const d = { kind: blocks[i].kind, nodes: [...h.nodes], gone: -1, merged: false };
      for (const n of h.nodes) this.blockOf.set(n, d);
      return d;
    });
  }

  /** The node's segments, started from `data` if unknown or out of step with it. */
  segsOf(node, data = node.data) {
    let segs = this.segs.get(node);
    if (!segs || textOf(segs) !== data) {
      segs = data ? [{ t: data, k: PLAIN }] : [];
      this.segs.set(node, segs);
    }
    return segs;
  }

  /** The display block of a node met first in a later pass: that of a known neighbour. */
  displayOf(node, handle) {
    let d = this.blockOf.get(node);
    if (d) return d;
    d = handle.nodes.map((n) => this.blockOf.get(n)).find(Boolean);
    if (!d) {
      d = { kind: 'paragraph', nodes: [], gone: -1, merged: false };
      this.blocks.push(d);
    }
    d.nodes.push(node);
    this.blockOf.set(node, d);
    return d;
  }

  record(groups, handles) {
    for (const g of groups) {
      const f = g.finding;
      const h = handles[f.block];
      for (const n of h.nodes) this.displayOf(n, h);
      if (f.action === 'edit') this.recordEdit(f, h, g.ops);
      else if (f.action === 'remove-block') this.recordRemoval(f, h, g.ops);
      else if (f.action === 'join-next') this.recordJoin(f, h, handles[f.block + 1], g.ops);
    }
  }

  recordEdit(f, h, ops) {
    const before = new Map(ops.filter((o) => o.type === 'data').map((o) => [o.node, o.from]));
    const edits = [...f.edits].sort((a, b) => b.run - a.run || b.start - a.start);
    for (const e of edits) {
      const node = h.nodes[e.run];
      // A node's text before the edit: in the group's operation, or, when
      // one operation wrote a run of findings' edits to it (the first
      // finding's group holds it), the segments the findings before left.
      const segs = before.has(node) ? this.segsOf(node, before.get(node)) : this.segs.get(node) || this.segsOf(node);
      this.segs.set(node, spliceSegments(segs, e.start, e.end, e.new, f));
      before.delete(node); // later edits of this node build on the spliced segments
    }
  }

  recordRemoval(f, h, ops) {
    // The text before the removal: emptied nodes tell it in their operations.
    const before = new Map(ops.filter((o) => o.type === 'data').map((o) => [o.node, o.from]));
    for (const n of h.nodes) {
      const known = this.segs.get(n);
      const was = before.has(n) ? before.get(n) : known ? textOf(known) : n.data;
      this.segs.set(n, removeAll(this.segsOf(n, was), f));
    }
    const d = this.blockOf.get(h.nodes[0]);
    if (d && d.nodes.every((n) => !textOf(this.segs.get(n) || []).trim())) d.gone = f.id;
  }

  recordJoin(f, h, next, ops) {
    const inserted = ops.filter((o) => o.type === 'insert').map((o) => o.node);
    const [joiner, moved] = inserted;
    const last = h.nodes[h.nodes.length - 1];
    const dA = this.blockOf.get(last);
    const at = dA.nodes.indexOf(last) + 1;
    const added = [];
    if (joiner) {
      this.segs.set(joiner, f.joiner ? [{ t: f.joiner, k: ADDED, f: f.id }] : []);
      added.push(joiner);
    }
    for (const n of next.nodes) this.displayOf(n, next);
    const dB = this.blockOf.get(next.nodes[0]);
    if (moved) {
      // The next block's text was copied into one new node and emptied.
      const before = new Map(ops.filter((o) => o.type === 'data').map((o) => [o.node, o.from]));
      this.segs.set(moved, next.nodes.flatMap((n) => this.segsOf(n, before.has(n) ? before.get(n) : n.data)));
      for (const n of next.nodes) this.segs.set(n, []);
      added.push(moved);
    } else if (dB !== dA) {
      added.push(...dB.nodes);
      dB.nodes = [];
      dB.merged = true;
    }
    for (const n of added) this.blockOf.set(n, dA);
    dA.nodes.splice(at, 0, ...added);
  }

  /** The display lines: `{kind, gone, segs}` with segments flattened. */
  lines() {
    return this.blocks
      .filter((d) => !d.merged)
      .map((d) => ({ kind: d.kind, gone: d.gone, segs: d.nodes.reduce((out, n) => flatten(this.segs.get(n) || [{ t: n.data, k: PLAIN }], out), []) }))
      // A block whose text moved away (joined) has nothing left to show.
      .filter((line) => line.segs.some((x, i) => i % 3 === 0 && x !== ''));
  }
}
