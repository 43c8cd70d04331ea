// The core's document model in the compact form the content script sends
// to the background: the run texts joined into one string, the structure as
// one string of numbers, and the links' targets. A message is serialized on
// the page's main thread, and three strings cost far less to serialize than
// thousands of small objects; the DOM reader writes this form directly, so
// reading a page makes no object per run either.
//
// Structure, per block: kind, number of runs, 1 if verbatim; then per run:
// text length (UTF-16 units), run kind + 8 if verbatim.

const BLOCK_KINDS = ['paragraph', 'heading', 'list-item', 'caption', 'quote', 'cell', 'line', 'other'];
const RUN_KINDS = ['text', 'link', 'emphasis'];
const VERBATIM_BIT = 8;
const LINK = RUN_KINDS.indexOf('link');

/** The position of `kind` in `kinds`; a kind outside the model's is a bug. */
function codeOf(kinds, kind) {
  const code = kinds.indexOf(kind);
  if (code < 0) throw new Error(`unknown kind ${kind}`);
  return code;
}

/** Run kinds as packed codes, for `runCode`. */
export const RUN_TEXT = codeOf(RUN_KINDS, 'text');
export const RUN_LINK = LINK;
export const RUN_EMPHASIS = codeOf(RUN_KINDS, 'emphasis');

/** The packed code of a model block kind (`paragraph`, `heading`, ...). */
export function blockKindCode(kind) {
  return codeOf(BLOCK_KINDS, kind);
}

/** The RUN_ constant of a model run kind (`text`, `link`, `emphasis`). */
export function runKindCode(kind) {
  return codeOf(RUN_KINDS, kind);
}

/** The packed code of a run of kind `code` (a RUN_ constant), marked verbatim (code) or not. */
export function runCode(code, verbatim) {
  return code + (verbatim ? VERBATIM_BIT : 0);
}

/**
 * Blocks being packed, one after another; `pack(from, to)` gives a range of
 * them in the message form, so a long page goes in several messages.
 */
export class PackedWriter {
  constructor() {
    this.texts = [];
    this.shape = [];
    this.hrefs = [];
    // Per block, where it starts in texts, shape and hrefs, and the characters before it.
    this.starts = [];
    this.charsBefore = [];
    this.chars = 0;
  }

  get length() {
    return this.charsBefore.length;
  }

  /** Starts a block of `kind` with `runs` runs; returns a handle for `setVerbatim`. */
  block(kind, runs) {
    this.starts.push(this.texts.length, this.shape.length, this.hrefs.length);
    this.charsBefore.push(this.chars);
    const at = this.shape.length;
    this.shape.push(codeOf(BLOCK_KINDS, kind), runs, 0);
    return at;
  }

  /**
   * Starts a block of kind `kindCode` (from `blockKindCode`) whose runs are
   * not counted yet; returns a handle for `end`, which the block needs once
   * its runs are added.
   */
  begin(kindCode) {
    this.starts.push(this.texts.length, this.shape.length, this.hrefs.length);
    this.charsBefore.push(this.chars);
    const at = this.shape.length;
    this.shape.push(kindCode, 0, 0);
    return at;
  }

  /** Ends the block started at `at`: `runs` runs, verbatim (code only) or not. */
  end(at, runs, verbatim) {
    this.shape[at + 1] = runs;
    if (verbatim) this.shape[at + 2] = 1;
  }

  /** Marks the block started at `at` as verbatim (code only). */
  setVerbatim(at) {
    this.shape[at + 2] = 1;
  }

  /** Adds a run of the current block; `code` from `runCode`, `href` for links. */
  run(text, code, href) {
    this.texts.push(text);
    this.shape.push(text.length, code);
    this.chars += text.length;
    if ((code & (VERBATIM_BIT - 1)) === LINK) this.hrefs.push(href ?? '');
  }

  /** Blocks `from` to `to` (exclusive) in the message form. */
  pack(from = 0, to = this.length) {
    const at = (block, part, all) => (block < this.length ? this.starts[3 * block + part] : all.length);
    return {
      text: this.texts.slice(at(from, 0, this.texts), at(to, 0, this.texts)).join(''),
      shape: this.shape.slice(at(from, 1, this.shape), at(to, 1, this.shape)).join(','),
      hrefs: this.hrefs.slice(at(from, 2, this.hrefs), at(to, 2, this.hrefs)),
    };
  }

  /** Characters of run text in blocks `from` to `to` (exclusive). */
  charsIn(from, to) {
    const before = (block) => (block < this.length ? this.charsBefore[block] : this.chars);
    return before(to) - before(from);
  }
}

/** Packs model blocks (objects) for a message. */
export function packBlocks(blocks) {
  const writer = new PackedWriter();
  for (const b of blocks) {
    const at = writer.block(b.kind, b.runs.length);
    if (b.verbatim) writer.setVerbatim(at);
    for (const r of b.runs) writer.run(r.text, runCode(runKindCode(r.kind), r.verbatim), r.href);
  }
  return writer.pack();
}

/** The blocks (objects) that `packBlocks` or a `PackedWriter` packed. */
export function unpackBlocks({ text, shape, hrefs }) {
  const nums = shape ? shape.split(',').map(Number) : [];
  const blocks = [];
  let at = 0;
  let k = 0;
  let h = 0;
  while (k < nums.length) {
    const block = { kind: BLOCK_KINDS[nums[k]], runs: [] };
    const runs = nums[k + 1];
    if (nums[k + 2] === 1) block.verbatim = true;
    k += 3;
    for (let i = 0; i < runs; i++, k += 2) {
      const run = { kind: RUN_KINDS[nums[k + 1] & (VERBATIM_BIT - 1)], text: text.slice(at, at + nums[k]) };
      at += nums[k];
      if (run.kind === 'link') run.href = hrefs[h++];
      if (nums[k + 1] & VERBATIM_BIT) run.verbatim = true;
      block.runs.push(run);
    }
    blocks.push(block);
  }
  return blocks;
}
