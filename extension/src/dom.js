// The DOM side of Rinse, with no extension APIs: builds the core's document
// model from a DOM subtree, applies the core's findings to the DOM in place,
// keeps the undo journal and marks the changed places. The extension's
// content script and the playground page both import this module.
//
// Page text is only ever read and written through Text nodes (`data`), never
// through innerHTML, so nothing here can inject markup.

import { PackedWriter, RUN_EMPHASIS, RUN_LINK, RUN_TEXT, blockKindCode, runCode, unpackBlocks } from './packed.js';

/**
 * Tags that start or end a block wherever they open or close: the list the
 * scorer's textify and the CLI's HTML adapter cut blocks at, so that the
 * extension and the CLI give the detectors the same blocks.
 */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'div', 'dl', 'dt',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul',
]);

/**
 * Elements whose text is not page text at all: never read. The same list as
 * the CLI's (and textify's), so both give the detectors the same text.
 */
const SKIP_TAGS = new Set([
  'head', 'iframe', 'input', 'noscript', 'object', 'script', 'style', 'svg', 'template', 'textarea', 'title',
]);

/** Code and preformatted text: read as context for the detectors, never edited. */
const VERBATIM_TAGS = new Set(['code', 'kbd', 'pre', 'samp']);

const EMPHASIS_TAGS = new Set(['em', 'i', 'strong', 'b']);

const BLOCK_KIND = {
  p: 'paragraph', h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading',
  h6: 'heading', li: 'list-item', dd: 'list-item', dt: 'list-item', figcaption: 'caption',
  caption: 'caption', blockquote: 'quote', td: 'cell', th: 'cell',
};

// localName is lower case for HTML elements, whatever the source's case.
const tagOf = (el) => el.localName;

/** Whether text inside `el` (and below it) is not page text: never read. */
export function isSkipped(el) {
  return SKIP_TAGS.has(tagOf(el));
}

/**
 * Whether `el`'s text is the user's, being edited: read, so the detectors
 * see the page as the CLI does, but never changed.
 *
 * Hidden text (`hidden`, `display: none`) is read and cleaned like the rest:
 * pages reveal it later (menus, dialogs, "read more"), the CLI and the
 * scorer count it as text, and changing it cannot disturb the reader.
 */
function isUntouchable(el) {
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** Whether `node` sits inside something Rinse must not read (checked up to the document). */
export function isInsideSkipped(node) {
  for (let el = node.nodeType === 1 ? node : node.parentElement; el; el = el.parentElement) {
    if (isSkipped(el)) return true;
  }
  return false;
}

/** The nearest ancestor (or self) laid out as a block. */
export function blockElementOf(node) {
  let el = node.nodeType === 1 ? node : node.parentElement;
  while (el && !BLOCK_TAGS.has(tagOf(el))) el = el.parentElement;
  return el;
}

/** What a tag means to the walk, as bits: one lookup per element. */
const TAG_SKIP = 1;
const TAG_BLOCK = 2;
const TAG_EMPHASIS = 4;
const TAG_VERBATIM = 8;
const TAG_LINK = 16;
const TAG_FLAGS = new Map();
for (const [tags, bit] of [[SKIP_TAGS, TAG_SKIP], [BLOCK_TAGS, TAG_BLOCK], [EMPHASIS_TAGS, TAG_EMPHASIS], [VERBATIM_TAGS, TAG_VERBATIM], [['a'], TAG_LINK]]) {
  for (const tag of tags) TAG_FLAGS.set(tag, (TAG_FLAGS.get(tag) || 0) | bit);
}

/** Block kinds that a quotation or caption gives the paragraphs inside it. */
// A Map, not an object: a page may name an element `constructor`.
const OUTER_KIND = new Map([['blockquote', 'quote'], ['figcaption', 'caption'], ['caption', 'caption']]);

/**
 * Above its flag bits, a block tag's entry in TAG_FLAGS holds the packed
 * code of its own block kind and, for a quotation or caption, one more than
 * the code of the kind it gives the paragraphs inside it (0: none). Read
 * with the flags, they spare working out each block element's context any
 * lookup of its own: on most pages that code runs cold, for every block.
 */
const KIND_SHIFT = 5;
const KIND_BITS = 7;
const OUTER_SHIFT = 8;
const PARAGRAPH = blockKindCode('paragraph');
const OTHER = blockKindCode('other');
for (const tag of BLOCK_TAGS) {
  const own = blockKindCode(BLOCK_KIND[tag] || 'other');
  const outer = OUTER_KIND.has(tag) ? blockKindCode(OUTER_KIND.get(tag)) + 1 : 0;
  TAG_FLAGS.set(tag, TAG_FLAGS.get(tag) | (own << KIND_SHIFT) | (outer << OUTER_SHIFT));
}

/**
 * What the ancestors of text in `el` make of it: `{href, emphasis, verbatim,
 * locked, block, kind, outer, code}`. Like the CLI, every ancestor counts,
 * not only those inside the block: a heading inside a link is link text.
 */
function contextAt(el) {
  if (!el) return NO_CONTEXT;
  const tag = tagOf(el);
  const flags = TAG_FLAGS.get(tag) || 0;
  return contextIn(el, contextAt(el.parentElement), flags, isUntouchable(el), hrefOf(el, flags));
}

const NO_CONTEXT = {
  href: undefined, emphasis: false, verbatim: false, locked: false, block: null, kind: OTHER, outer: 0, code: 0,
};

/** The link target `el` (with tag `flags`) gives its text, or null; one attribute read, as it is done for every link. */
function hrefOf(el, flags) {
  return flags & TAG_LINK ? el.getAttribute('href') : null;
}

/**
 * The context of text in `el` (with tag `flags`, `untouchable` if
 * user-editable, `ownHref` its link target if a link) inside the context
 * `up`. Block kinds in it are packed codes (packed.js); `outer` is one more
 * than the kind of the nearest quotation or caption, 0 if none.
 */
function contextIn(el, up, flags, untouchable, ownHref) {
  // The nearest link wins.
  const href = ownHref !== null ? ownHref : up.href;
  const emphasis = up.emphasis || (flags & TAG_EMPHASIS) !== 0;
  const verbatim = up.verbatim || (flags & TAG_VERBATIM) !== 0;
  const outer = flags >> OUTER_SHIFT || up.outer;
  const block = (flags & TAG_BLOCK) !== 0;
  return {
    href,
    emphasis,
    verbatim,
    locked: up.locked || untouchable,
    block: block ? el : up.block, // the nearest block element
    kind: block ? blockKind(flags, outer) : up.kind, // the model's kind of the nearest block element
    outer,
    // The packed run code of text here, worked out once per element.
    code: runCode(href !== undefined ? RUN_LINK : emphasis ? RUN_EMPHASIS : RUN_TEXT, verbatim),
  };
}

/** The block kind of a block element with tag `flags`: its own, unless a quotation or caption (`outer`) around it says more. */
function blockKind(flags, outer) {
  const own = (flags >> KIND_SHIFT) & KIND_BITS;
  if (own !== PARAGRAPH && own !== OTHER) return own;
  return outer ? outer - 1 : own;
}

/**
 * Builds the document model of a DOM subtree, a slice at a time.
 *
 * Blocks are cut where a block-level element opens or closes (and at `br`
 * and `hr`); a block holds the text nodes between two cuts, one run each,
 * whitespace included, if any of them has visible text. `step(deadline)`
 * reads nodes until `performance.now()` passes `deadline` and returns true
 * once the whole subtree is read. The blocks go to `packed` (a
 * PackedWriter, which several builders may share), and `handles[i]` ties
 * the builder's block i to the DOM: `{element, nodes, locked}`, the nearest
 * block element, one Text node per run, and the set of runs that must not
 * be edited (user-editable text). `blocks` gives the blocks as objects.
 *
 * The walk goes by hand (first child, next sibling) and keeps the open
 * elements on a stack, so each text node's context (link, emphasis, code,
 * block element) is at hand without an ancestor lookup. Consecutive text
 * nodes of one block element, with no cut between them, make a block if
 * any of them has visible text.
 *
 * Reading is most of Rinse's main-thread time on a clean page, and the
 * script runs cold: the first run of each piece of code costs far more
 * than the nodes it then reads (compiling it, its first property lookups).
 * So the reader is small, and does little per node: a run goes straight
 * to `packed` and its node to one flat list, with no object per run or
 * block; `handles` are made from that list only when asked for (the
 * content script asks only when the core found something).
 */
export class ModelBuilder {
  constructor(root, packed = new PackedWriter()) {
    this.packed = packed;
    this.first = null; // this builder's first block in `packed`, once it has one
    this.count = 0; // blocks finished
    this.finished = false;
    this.root = root;
    // The Text node of every run, block after block; per block, where its
    // runs start there and its element; the runs (indices in `nodes`) that
    // must not be edited, once there is one.
    this.nodes = [];
    this.starts = [];
    this.elements = [];
    this.lockedRuns = null;
    this.cached = null; // the handles, once the whole subtree is read
    // The text being gathered: the block element of the text nodes read
    // since the last cut or change of element (null: none), and whether
    // they have become a block (at their first visible text; until then the
    // blank ones wait in `blanks`, node and context by turns); for that
    // block, where it starts in `packed.shape` and whether it has visible
    // text outside code.
    this.element = null;
    this.inBlock = false;
    this.at = 0;
    this.prose = false;
    this.blanks = [];
    // The walk: the next node to read, the open elements below the root
    // with the context outside each (the first `depth` entries), and the
    // context of the innermost one.
    this.next = root.nodeType === 3 ? root : root.firstChild;
    this.done = null; // the node read last before a slice ended
    this.open = [];
    this.outer = [];
    this.depth = 0;
    this.info = contextAt(root.nodeType === 1 ? root : root.parentElement);
    // Editable text is rare: without any in or above the root, no element
    // needs its attribute read.
    this.mayLock = this.info.locked || (root.nodeType !== 3 && root.querySelector('[contenteditable]') !== null);
    this.lone = root.nodeType === 3; // a lone text node: read just that one
  }

  /** The builder's blocks as model objects (unpacked on demand: the content script sends them packed). */
  get blocks() {
    if (this.first === null) return [];
    return unpackBlocks(this.packed.pack(this.first, this.first + this.count));
  }

  /** Per block read so far, `{element, nodes, locked}` (made anew on each call until the subtree is read). */
  get handles() {
    if (this.cached) return this.cached;
    const { nodes, starts, lockedRuns } = this;
    const list = [];
    for (let i = 0; i < this.count; i++) {
      const from = starts[i];
      const to = i + 1 < starts.length ? starts[i + 1] : nodes.length;
      let locked = null;
      if (lockedRuns) {
        for (const run of lockedRuns) if (run >= from && run < to) (locked ||= new Set()).add(run - from);
      }
      list.push({ element: this.elements[i], nodes: nodes.slice(from, to), locked });
    }
    if (this.finished) this.cached = list;
    return list;
  }

  step(deadline = Infinity) {
    if (this.finished) return true;
    if (this.lone) {
      const text = this.next.data;
      this.text(this.next, text, this.info, isVisible(text));
      return this.finish();
    }
    const open = this.open;
    const outer = this.outer;
    const mayLock = this.mayLock;
    let node = this.resume();
    let info = this.info;
    let depth = this.depth;
    let count = 0;
    while (node) {
      const type = node.nodeType;
      if (type === 3) {
        const text = node.data;
        const c = text.charCodeAt(0);
        const visible = (c > 32 && c < 127) || VISIBLE.test(text);
        if (this.inBlock && info.block === this.element) {
          // Most text goes on a block already started: that case is inline.
          const packed = this.packed;
          this.nodes.push(node);
          packed.texts.push(text);
          packed.shape.push(text.length, info.code);
          packed.chars += text.length;
          if (info.href !== undefined) packed.hrefs.push(info.href);
          if (info.locked) this.lockLast();
          if (visible && !info.verbatim) this.prose = true;
        } else if (!visible && !this.inBlock) {
          // Blank text between blocks (most of it) waits, as in `text`, for
          // a block's first visible text.
          if (info.block !== this.element) {
            this.dropBlanks();
            this.element = info.block;
          }
          this.blanks.push(node, info);
        } else this.text(node, text, info, visible);
      } else if (type === 1) {
        const tag = node.localName;
        const flags = TAG_FLAGS.get(tag);
        if (flags === undefined || (flags & TAG_SKIP) === 0) {
          if (flags & TAG_BLOCK) this.cut(); // a block element opens here
          const child = node.firstChild;
          if (child !== null) {
            open[depth] = node;
            outer[depth] = info;
            depth++;
            if (flags !== undefined || mayLock) info = this.contextOf(node, flags || 0, info);
            node = child;
            continue;
          }
        }
      }
      // On to the next node outside this one, closing the elements it ends.
      let done = node;
      node = done.nextSibling;
      while (node === null && depth !== 0) {
        depth--;
        info = outer[depth];
        done = open[depth];
        node = done.nextSibling;
      }
      if ((++count & 63) === 0 && node !== null && performance.now() > deadline) {
        this.next = node;
        this.done = done;
        this.info = info;
        this.depth = depth;
        return false;
      }
    }
    this.depth = depth;
    return this.finish();
  }

  /**
   * Where the walk goes on after a slice. The page may have changed the DOM
   * in between: if the next node has moved, the walk goes on after the
   * node read last, if that one is still in place; else the reading ends
   * here (the page's changes come back as new work anyway).
   */
  resume() {
    const next = this.next;
    const done = this.done;
    if (!next || !done) return next;
    const parent = this.depth ? this.open[this.depth - 1] : this.root;
    if (next.parentNode === parent) return next;
    if (done.parentNode !== parent) return null;
    let node = done.nextSibling;
    while (node === null && this.depth) {
      this.depth--;
      this.info = this.outer[this.depth];
      node = this.open[this.depth].nextSibling;
    }
    return node;
  }

  /** The context of text in `el` (with tag `flags`), inside `up`: `up` itself when `el` changes nothing. */
  contextOf(el, flags, up) {
    const href = hrefOf(el, flags);
    const emphasis = !up.emphasis && (flags & TAG_EMPHASIS) !== 0;
    const verbatim = !up.verbatim && (flags & TAG_VERBATIM) !== 0;
    const locked = this.mayLock && !up.locked && isUntouchable(el);
    if (!(href !== null || emphasis || verbatim || flags & TAG_BLOCK || locked)) return up;
    return contextIn(el, up, flags, locked, href);
  }

  /**
   * Reads a text node (`node` with `text`, `visible` or not, in context
   * `info`) that does not simply go on the block being read.
   */
  text(node, text, info, visible) {
    const block = info.block;
    if (!block && visible) return; // visible text outside any block (a detached root) is not read
    if (block !== this.element) {
      this.cut();
      this.element = block;
    }
    if (!this.inBlock) {
      if (!visible) {
        this.blanks.push(node, info);
        return;
      }
      // The first visible text: the blank text before it opens the block.
      const packed = this.packed;
      if (this.first === null) this.first = packed.length;
      this.inBlock = true;
      this.prose = false;
      this.at = packed.begin(info.kind);
      this.starts.push(this.nodes.length);
      this.elements.push(block);
      const blanks = this.blanks;
      for (let i = 0; i < blanks.length; i += 2) this.add(blanks[i], blanks[i].data, blanks[i + 1]);
    }
    this.add(node, text, info);
    if (visible && !info.verbatim) this.prose = true;
  }

  /** Adds a run to the block being read: `node` with `text`, in context `info`. */
  add(node, text, info) {
    const packed = this.packed;
    this.nodes.push(node);
    packed.texts.push(text);
    packed.shape.push(text.length, info.code);
    packed.chars += text.length;
    if (info.href !== undefined) packed.hrefs.push(info.href);
    if (info.locked) this.lockLast();
  }

  /** Marks the run added last as not to be edited. */
  lockLast() {
    (this.lockedRuns ||= []).push(this.nodes.length - 1);
  }

  /**
   * A cut: the text read so far ends, as a block if it has visible text.
   * Code only (`<pre>`): the whole block is verbatim; prose with inline
   * code keeps the mark on those runs, like the CLI.
   */
  cut() {
    if (this.inBlock) {
      this.packed.end(this.at, this.nodes.length - this.starts[this.count], !this.prose);
      this.count++;
      this.inBlock = false;
    }
    this.element = null;
    this.dropBlanks();
  }

  /** Forgets the blank text read since the last cut. */
  dropBlanks() {
    if (this.blanks.length !== 0) this.blanks.length = 0;
  }

  finish() {
    this.cut();
    this.finished = true;
    return true;
  }
}

/** Whether `text` has anything but whitespace; most text answers at its first character. */
function isVisible(text) {
  const c = text.charCodeAt(0);
  return (c > 32 && c < 127) || VISIBLE.test(text);
}
const VISIBLE = /\S/;

/** Builds the whole model of `root` at once (the playground and tests use this). */
export function buildModel(root, context = {}) {
  const builder = new ModelBuilder(root);
  builder.step();
  return { doc: { blocks: builder.blocks, context: pageContext(root, context) }, handles: builder.handles };
}

/** The model's page context for the document holding `node`. */
export function pageContext(node, extra = {}) {
  const doc = node.ownerDocument || node;
  const ctx = { format: 'html' };
  const host = doc.location && doc.location.hostname;
  if (host) ctx.host = host;
  const lang = doc.documentElement && doc.documentElement.getAttribute('lang');
  if (lang) ctx.lang = lang;
  return Object.assign(ctx, extra);
}

// ---------------------------------------------------------------------------
// Undo journal

/**
 * Every change Rinse makes to a page, as reversible operations grouped by
 * finding. `undoAll()` restores the original text; an operation whose target
 * the page has since changed is left alone rather than forced back.
 */
export class Journal {
  constructor() {
    this.groups = [];
  }

  get size() {
    return this.groups.length;
  }

  add(group) {
    this.groups.push(group);
  }

  undoAll() {
    for (let g = this.groups.length - 1; g >= 0; g--) undoOps(this.groups[g].ops);
    const undone = this.groups;
    this.groups = [];
    return undone;
  }
}

function undoOps(ops) {
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i];
    switch (op.type) {
      case 'data':
        if (op.node.data === op.to) op.node.data = op.from;
        break;
      case 'remove':
        if (!op.node.parentNode && op.parent.isConnected) {
          const ref = op.next && op.next.parentNode === op.parent ? op.next : null;
          op.parent.insertBefore(op.node, ref);
        }
        break;
      case 'insert':
        if (op.node.parentNode) op.node.parentNode.removeChild(op.node);
        break;
      case 'move':
        if (op.node.parentNode === op.toParent) {
          const ref = op.next && op.next.parentNode === op.parent ? op.next : null;
          op.parent.insertBefore(op.node, ref);
        }
        break;
    }
  }
}

/** Records and performs DOM changes so they can be undone in reverse. */
class Ops {
  constructor() {
    this.list = [];
  }
  setData(node, to) {
    if (node.data === to) return;
    this.list.push({ type: 'data', node, from: node.data, to });
    node.data = to;
  }
  remove(node) {
    const parent = node.parentNode;
    if (!parent) return;
    this.list.push({ type: 'remove', node, parent, next: node.nextSibling });
    parent.removeChild(node);
  }
  insertAfter(node, ref) {
    ref.parentNode.insertBefore(node, ref.nextSibling);
    this.list.push({ type: 'insert', node });
  }
  moveAfter(node, ref) {
    const op = { type: 'move', node, parent: node.parentNode, next: node.nextSibling, toParent: ref.parentNode };
    ref.parentNode.insertBefore(node, ref.nextSibling);
    this.list.push(op);
  }
}

// ---------------------------------------------------------------------------
// Applying findings

const squash = (s) => s.replace(/\s+/g, '');

/** Whether `el` holds no text but the block's own (so removing it removes nothing else). */
function holdsOnly(el, handle) {
  if (!el || tagOf(el) === 'body' || tagOf(el) === 'html') return false;
  const own = handle.nodes.filter((n) => n.isConnected).map((n) => n.data);
  return squash(el.textContent) === squash(own.join(''));
}

/** The child of `el` that contains `node`. */
function childContaining(el, node) {
  let n = node;
  while (n && n.parentNode !== el) n = n.parentNode;
  return n;
}

/**
 * Checks a finding against the DOM as it is now; false if any part is stale.
 * Only what the finding touches counts: an earlier finding may have removed
 * another run of the block (an injected link) without making this one stale.
 */
/** Whether the text node of edit `e` in block `h` is there and may be edited. */
function editable(h, e) {
  const node = h.nodes[e.run];
  return !!node && node.isConnected && !(h.locked && h.locked.has(e.run));
}

function stillApplies(f, handles) {
  const h = handles[f.block];
  if (!h || !h.element.isConnected) return false;
  if (f.action === 'edit') {
    return f.edits.length > 0 && f.edits.every((e) => editable(h, e) && h.nodes[e.run].data.slice(e.start, e.end) === e.old);
  }
  if (h.locked) return false;
  if (f.action === 'join-next') {
    const next = handles[f.block + 1];
    return !!next && !next.locked && next.element.isConnected && h.nodes.some((n) => n.isConnected) && next.nodes.some((n) => n.isConnected);
  }
  return h.nodes.some((n) => n.isConnected);
}

function applyEdit(f, h, ops, marks) {
  // Per run, later edits first so earlier offsets stay valid.
  const edits = [...f.edits].sort((a, b) => b.run - a.run || b.start - a.start);
  const byRun = new Map();
  for (const e of edits) {
    const node = h.nodes[e.run];
    const data = byRun.has(node) ? byRun.get(node) : node.data;
    byRun.set(node, data.slice(0, e.start) + e.new + data.slice(e.end));
  }
  const lengths = new Map([...byRun.keys()].map((n) => [n, n.data.length]));
  for (const [node, data] of byRun) ops.setData(node, data);
  for (const e of f.edits) {
    const node = h.nodes[e.run];
    // An injected anchor emptied whole goes with its element.
    if (node.data === '') {
      const a = node.parentElement && node.parentElement.closest('a[href]');
      if (a && h.element.contains(a) && a !== h.element && a.textContent === '') {
        marks.push({ kind: 'removed', node: a.previousSibling || a.parentNode });
        ops.remove(a);
        continue;
      }
    }
    // Marks count from the end of the text: findings earlier in the same
    // node are applied afterwards and would shift offsets from the start.
    const tail = lengths.get(node) - e.end;
    const shift = f.edits
      .filter((o) => o.run === e.run && o.start >= e.end && o !== e)
      .reduce((sum, o) => sum + o.new.length - (o.end - o.start), 0);
    const endFromEnd = tail + shift;
    marks.push({ kind: e.new ? 'edit' : 'removed', node, endFromEnd, length: e.new.length });
  }
}

function applyRemoveBlock(h, ops, marks) {
  if (holdsOnly(h.element, h)) {
    marks.push({ kind: 'removed', node: h.element.previousSibling || h.element.parentNode });
    ops.remove(h.element);
  } else {
    for (const n of h.nodes) ops.setData(n, '');
  }
}

/**
 * The block `k` with the blocks that joins already applied tied to it
 * (k+1 when k's join is applied, and so on), as far as they stand in k's
 * element: joins run from the last back, so when a+b comes after b+c, b's
 * element holds c's text too (moved in, or beside it across a removed
 * `<br>`), and all of it goes along.
 */
function joinedFrom(handles, k) {
  const first = handles[k];
  const nodes = first.nodes.filter((n) => n.isConnected);
  for (let j = k + 1; j < handles.length && handles[j - 1].joinedNext; j++) {
    const inside = handles[j].nodes.filter((n) => n.isConnected && first.element.contains(n));
    if (!inside.length) break;
    nodes.push(...inside);
  }
  return { element: first.element, nodes };
}

function applyJoinNext(f, h, handles, ops, marks) {
  const next = handles[f.block + 1];
  const doc = h.element.ownerDocument;
  const live = (x) => x.nodes.filter((n) => n.isConnected);
  const last = live(h).pop();
  const joiner = doc.createTextNode(f.joiner || '');
  const at = childContaining(h.element, last) || last;
  if (next.element === h.element) {
    // Two blocks of one element, cut by <br>: the breaks between them go.
    const first = childContaining(h.element, live(next)[0]);
    const between = [];
    for (let n = at.nextSibling; n && n !== first; n = n.nextSibling) between.push(n);
    const onlyBreaks = first && between.every((n) => (n.nodeType === 1 ? tagOf(n) === 'br' : n.nodeType === 3 && !/\S/.test(n.data)));
    if (onlyBreaks) {
      for (const n of between) ops.remove(n);
      ops.insertAfter(joiner, at);
      marks.push({ kind: 'edit', node: joiner, endFromEnd: 0, length: joiner.data.length });
      return;
    }
  }
  ops.insertAfter(joiner, at);
  marks.push({ kind: 'edit', node: joiner, endFromEnd: 0, length: joiner.data.length });
  const separate = next.element !== h.element && !next.element.contains(h.element) && !h.element.contains(next.element);
  if (separate && holdsOnly(next.element, joinedFrom(handles, f.block + 1))) {
    let ref = joiner;
    for (const child of [...next.element.childNodes]) {
      ops.moveAfter(child, ref);
      ref = child;
    }
    ops.remove(next.element);
  } else {
    // The next block shares its element with other text: move its text only.
    const moved = doc.createTextNode(live(next).map((n) => n.data).join(''));
    ops.insertAfter(moved, joiner);
    for (const n of next.nodes) ops.setData(n, '');
  }
}

/**
 * Applies the edit findings of one block that follow each other in `order`
 * from `i` on, as applying them one by one would, but writes each text
 * node once: a node's text written again for each of thousands of repairs
 * in one long paragraph made the work grow with the square of its length.
 * Each finding still gets its own journal group and marks; a node's one
 * `data` operation (its text before and after them all) goes to the group
 * of the first finding that changed it. Returns how many findings it
 * took (decided: applied or found stale); 0 leaves finding `i` to the
 * one-by-one path, as does any finding whose outcome would depend on the
 * DOM in between (more than one edit of a node, an edit overlapping one
 * already made, a node emptied, which may take its link along).
 */
function applyEditBatch(order, i, handles, journal, applied) {
  const block = order[i].block;
  const h = handles[block];
  if (!h || !h.element.isConnected) return 0;
  // Per node: its text, the part already rewritten (from `cut` on, as
  // `pieces`), and the operations of the group its write goes to.
  const nodes = new Map();
  const stateOf = (node) => {
    let s = nodes.get(node);
    if (!s) {
      s = { data: node.data, cut: node.data.length, pieces: [], length: node.data.length, ops: null };
      nodes.set(node, s);
    }
    return s;
  };
  let n = i;
  for (; n < order.length; n++) {
    const f = order[n];
    if (f.action !== 'edit' || f.block !== block) break;
    const runs = new Set(f.edits.map((e) => e.run));
    if (!f.edits.length || runs.size !== f.edits.length) break;
    if (!f.edits.every((e) => editable(h, e))) continue; // stale, as stillApplies finds it
    if (f.edits.some((e) => e.end > stateOf(h.nodes[e.run]).cut)) break;
    if (!f.edits.every((e) => stateOf(h.nodes[e.run]).data.slice(e.start, e.end) === e.old)) continue;
    if (f.edits.every((e) => e.new === e.old)) continue; // changes nothing: not applied
    const emptied = (e) => {
      const s = stateOf(h.nodes[e.run]);
      return e.start === 0 && e.new === '' && s.length - (e.end - e.start) === 0;
    };
    if (f.edits.some(emptied)) break;
    const ops = new Ops();
    const group = { finding: f, ops: ops.list, marks: [] };
    for (const e of f.edits) {
      const s = stateOf(h.nodes[e.run]);
      // Marks count from the end of the text, as applyEdit counts them.
      group.marks.push({ kind: e.new ? 'edit' : 'removed', node: h.nodes[e.run], endFromEnd: s.length - e.end, length: e.new.length });
      s.pieces.push(e.new + s.data.slice(e.end, s.cut));
      s.length += e.new.length - (e.end - e.start);
      s.cut = e.start;
      s.ops ||= ops;
    }
    journal.add(group);
    applied.push(f);
  }
  for (const [node, s] of nodes) {
    if (s.ops) s.ops.setData(node, s.data.slice(0, s.cut) + s.pieces.reverse().join(''));
  }
  return n - i;
}

/** Findings in application order, per findings array (sorted once, not per slice). */
const ordered = new WeakMap();

/**
 * Order in which findings are applied: blocks from the last back; in a block,
 * edits from the last back, then the join (which moves nodes, not offsets).
 */
function applyOrder(a, b) {
  if (a.block !== b.block) return b.block - a.block;
  const rank = (f) => (f.action === 'join-next' ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const at = (f) => (f.edits && f.edits.length ? [f.edits[0].run, f.edits[0].start] : [0, 0]);
  const [ra, sa] = at(a);
  const [rb, sb] = at(b);
  return rb - ra || sb - sa;
}

/**
 * Applies a report's findings to the DOM the model was built from. Each
 * finding is applied whole or not at all (skipped if the page changed under
 * it). Returns the applied findings; their operations go to `journal`.
 * Stops after `deadline` (performance.now() time) for slicing, or once
 * `maxRemovedBlocks` elements were taken out by block removals and joins;
 * pass the returned `next` as `start` to resume. The order is fixed by the
 * findings.
 *
 * Why a removal budget: the layout after a block leaves a long container
 * costs in Firefox about as much as the blocks after it (about 1 ms per
 * removal among 20,000 paragraphs), while text edits cost next to nothing.
 */
export function applyFindings(findings, handles, journal, { start = 0, deadline = Infinity, maxRemovedBlocks = Infinity } = {}) {
  const applied = [];
  let i = start;
  let removedBlocks = 0;
  // Joins that chain (a+b, b+c) must run from the last back; edits and
  // removals are independent, so one pass in reverse block order serves all.
  let order = ordered.get(findings);
  if (!order) {
    order = [...findings].sort(applyOrder);
    ordered.set(findings, order);
  }
  for (; i < order.length; i++) {
    if (i > start && (performance.now() > deadline || removedBlocks >= maxRemovedBlocks)) break;
    const f = order[i];
    // A block's edits, one after another, go to each text node at once.
    const taken = f.action === 'edit' ? applyEditBatch(order, i, handles, journal, applied) : 0;
    if (taken) {
      i += taken - 1;
      continue;
    }
    if (!stillApplies(f, handles)) continue;
    const h = handles[f.block];
    const ops = new Ops();
    const marks = [];
    if (f.action === 'edit') applyEdit(f, h, ops, marks);
    else if (f.action === 'remove-block') applyRemoveBlock(h, ops, marks);
    else if (f.action === 'join-next') applyJoinNext(f, h, handles, ops, marks);
    if (ops.list.length) {
      journal.add({ finding: f, ops: ops.list, marks });
      applied.push(f);
      if (f.action === 'join-next') h.joinedNext = true;
    }
    if (f.action !== 'edit') removedBlocks += ops.list.filter((op) => op.type === 'remove' && op.node.nodeType === 1).length;
  }
  return { applied, next: i, done: i >= order.length, removedBlocks };
}

// ---------------------------------------------------------------------------
// Marking changed places

/**
 * Highlights the changed places with the CSS Custom Highlight API, which
 * paints ranges without touching the DOM (the page's text and structure stay
 * as they are). Styles: `::highlight(rinse-changed)` and
 * `::highlight(rinse-removed)`. Returns the number of places marked, or -1
 * where the API is missing.
 */
export function markChanges(journal, win = globalThis) {
  const CSSns = win.CSS;
  if (!CSSns || !CSSns.highlights || typeof win.Highlight !== 'function') return -1;
  const changed = new win.Highlight();
  const removed = new win.Highlight();
  for (const g of journal.groups) {
    for (const m of g.marks) {
      const range = rangeFor(m, win.document);
      if (range) (m.kind === 'edit' ? changed : removed).add(range);
    }
  }
  CSSns.highlights.set('rinse-changed', changed);
  CSSns.highlights.set('rinse-removed', removed);
  return changed.size + removed.size;
}

export function unmarkChanges(win = globalThis) {
  const CSSns = win.CSS;
  if (!CSSns || !CSSns.highlights) return;
  CSSns.highlights.delete('rinse-changed');
  CSSns.highlights.delete('rinse-removed');
}

function rangeFor(m, doc) {
  const node = m.node;
  if (!node || !node.isConnected) return null;
  const range = doc.createRange();
  if (node.nodeType === 3) {
    const len = node.data.length;
    const end = len - (m.endFromEnd || 0);
    if (end < 0 || end > len) return null;
    if (m.kind === 'edit') {
      if (m.length === 0) return null;
      range.setStart(node, end - m.length);
      range.setEnd(node, end);
    } else {
      // Removed text leaves no text to paint: mark the character before the gap.
      if (len === 0) return null;
      range.setStart(node, Math.max(0, end - 1));
      range.setEnd(node, Math.max(1, end));
    }
    return range;
  }
  // An element beside a removed element: mark its last character, if any.
  const text = lastTextNode(node);
  if (!text) return null;
  range.setStart(text, text.data.length - 1);
  range.setEnd(text, text.data.length);
  return range;
}

function lastTextNode(el) {
  for (let n = el.lastChild; n; n = n.previousSibling) {
    if (n.nodeType === 3 && n.data.length) return n;
    if (n.nodeType === 1) {
      const t = lastTextNode(n);
      if (t) return t;
    }
  }
  return null;
}

/**
 * Most cleaning passes, as the core's `rinse::MAX_PASSES`: one fix may reveal
 * another, so the DOM is read and analyzed again after each pass that
 * changed it, as the CLI does.
 */
export const MAX_PASSES = 8;

/** Whether any of `findings` writes a U+FFFD (the core's `writes_fffd`): later passes must know. */
export function writesFffd(findings) {
  return findings.some((f) => (f.edits || []).some((e) => e.new.includes('\uFFFD')));
}

/** Counts of applied findings per kind, in the report's shape. */
export function countKinds(findings) {
  const counts = { spam: 0, punctuation: 0, banner: 0, linebreak: 0, total: 0 };
  for (const f of findings) {
    if (f.kind in counts) counts[f.kind]++;
    counts.total++;
  }
  return counts;
}
