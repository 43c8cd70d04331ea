// Content script: reads the page into the core's model, has the background
// analyze it (WebAssembly runs there, so pages whose CSP forbids it are
// cleaned too), applies the findings with an undo journal, and keeps
// watching for text the page adds later.
//
// All work runs in short slices so long and endless pages stay responsive.

import {
  ModelBuilder, Journal, applyFindings, blockElementOf, countKinds, isInsideSkipped, markChanges,
  MAX_PASSES, pageContext, unmarkChanges, writesFffd,
} from './dom.js';
import { MSG, onMessages, send } from './messages.js';
import { PackedWriter } from './packed.js';
import { isActive, isSiteEnabled, loadSettings, onSettingsChanged } from './settings.js';

/** Longest stretch of work per slice, in ms. */
const SLICE_MS = 4;
/**
 * Blocks taken out of the page per slice; the browser lays the page out
 * again between slices that took some out (see applyFindings).
 */
const REMOVED_BLOCKS_PER_FRAME = 8;
/** Longest wait for a frame between such slices, in ms. */
const FRAME_WAIT_MS = 100;
/** Longest wait for an idle moment before the first job, in ms. */
const IDLE_WAIT_MS = 200;
/** Blocks and characters per message to the background. */
const CHUNK_BLOCKS = 400;
const CHUNK_CHARS = 64 * 1024;

const host = location.hostname;
const journal = new Journal();
let settings = null;
let active = false;
let marking = false;
let marked = 0; // places marked in "show changes" mode
let applied = []; // findings applied: {job, pass, f}, in the order they were applied
let busyMs = 0; // main-thread time spent by Rinse on this page
const busyParts = { read: 0, send: 0, apply: 0, mark: 0 }; // busyMs by kind of work
let jobs = 0; // cleaning jobs run (the first, then one per batch of page changes), each of up to MAX_PASSES passes
let generation = 0; // bumped when switched off, so stale work stops
let docSeq = 0;
let working = false;
let settling = false; // switched on, waiting for the page to settle before the first job
let pendingRoots = [];
let observer = null;

/**
 * Yields to the event loop between slices. A visible page gets a timer, so
 * its own timers, input and rendering take turns with Rinse in order; a
 * hidden one (whose timers the browser throttles to about one a second) gets
 * a message-port task, which is not throttled.
 */
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()();
function yieldNow() {
  return new Promise((resolve) => {
    if (!document.hidden) {
      setTimeout(resolve, 0);
      return;
    }
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

/**
 * Yields until the page has been laid out and painted once (a frame), so
 * the layout that Rinse's last slice caused is not stacked with the next
 * slice's. A hidden page paints no frames: it gets yieldNow; a page whose
 * frames the browser holds back for long gets a timer after FRAME_WAIT_MS,
 * so cleaning never waits on painting.
 */
function yieldFrame() {
  if (document.hidden) return yieldNow();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FRAME_WAIT_MS);
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(timer);
      resolve();
    }, 0));
  });
}

/** Counts `ms` of main-thread time as Rinse's, under `part`. */
function account(part, ms) {
  busyMs += ms;
  busyParts[part] += ms;
}

/** What a slice of `sliced` returns when the next slice should wait for a frame. */
const AFTER_FRAME = 'after-frame';

/**
 * Runs `fn(deadline)` in slices until it returns true (false: more to do;
 * AFTER_FRAME: more to do once the page is laid out); accounts the time
 * under `part`.
 */
async function sliced(fn, gen, part) {
  for (;;) {
    if (gen !== generation) return false;
    const t0 = performance.now();
    const outcome = fn(t0 + SLICE_MS);
    account(part, performance.now() - t0);
    if (outcome === true) return true;
    await (outcome === AFTER_FRAME ? yieldFrame() : yieldNow());
  }
}

/** Times a synchronous piece of work as Rinse's own. */
function timed(part, fn) {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    account(part, performance.now() - t0);
  }
}

// ---------------------------------------------------------------------------
// Cleaning

/**
 * Cleans the text under `roots` in passes, as the CLI does: after a pass
 * that changed the page, it is read and analyzed again, since one fix may
 * reveal another (a spam sentence reads whole once its line is joined).
 */
async function cleanRoots(roots, gen) {
  let wroteFffd = false;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const done = await cleanPass(roots.filter((r) => r.isConnected), pass, wroteFffd, gen);
    if (!done.length || gen !== generation) break;
    wroteFffd ||= writesFffd(done);
  }
  if (marking && gen === generation) marked = timed('mark', () => markChanges(journal, window));
}

/** One pass: reads the roots, has them analyzed, applies the findings; returns those applied. */
async function cleanPass(roots, pass, wroteFffd, gen) {
  // The builders write one after another into one packed model.
  const packed = new PackedWriter();
  const builders = roots.map((r) => new ModelBuilder(r, packed));
  let b = 0;
  await sliced((deadline) => {
    while (b < builders.length) {
      if (!builders[b].step(deadline)) return false;
      b++;
      if (performance.now() > deadline) return b >= builders.length;
    }
    return true;
  }, gen, 'read');
  if (gen !== generation || !packed.length) return [];

  const report = await analyze(packed, wroteFffd, gen);
  if (!report || gen !== generation || !report.findings.length) return [];

  // The blocks' ties to the DOM are made only now: most pages get no finding.
  let handles = null;
  const done = [];
  let next = 0;
  await sliced((deadline) => {
    handles ||= builders.flatMap((x) => x.handles);
    const pending = observer ? observer.takeRecords() : [];
    const result = applyFindings(report.findings, handles, journal, {
      start: next, deadline, maxRemovedBlocks: REMOVED_BLOCKS_PER_FRAME,
    });
    // Our own edits must not come back to us as page changes.
    if (observer) observer.takeRecords();
    queueRecords(pending);
    next = result.next;
    for (const f of result.applied) {
      applied.push({ job: jobs, pass, f });
      done.push(f);
    }
    if (result.done) return true;
    return result.removedBlocks ? AFTER_FRAME : false;
  }, gen, 'apply');
  return done;
}

/** Sends the packed blocks in chunks (each its own slice); the last answer is the report. */
async function analyze(packed, wroteFffd, gen) {
  const doc = `${Date.now().toString(36)}-${++docSeq}`;
  const context = pageContext(document);
  const count = packed.length;
  let i = 0;
  let seq = 0;
  while (i < count) {
    if (gen !== generation) return null;
    // At least one block a chunk, however long.
    let j = i + 1;
    while (j < count && j - i < CHUNK_BLOCKS && packed.charsIn(i, j) < CHUNK_CHARS) j++;
    const last = j >= count;
    const t0 = performance.now();
    const message = { type: MSG.ANALYZE_CHUNK, doc, seq: seq++, packed: packed.pack(i, j), last };
    if (last) Object.assign(message, { context, wroteFffd });
    const answer = send(message);
    account('send', performance.now() - t0);
    i = j;
    if (last) {
      const result = await answer;
      if (!result || result.error) {
        console.warn('Rinse: analysis failed', result && result.error);
        return null;
      }
      return result.report;
    }
    await answer;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Work queue: one job at a time; page changes seen meanwhile wait their turn.

function queueRoots(roots) {
  pendingRoots.push(...roots);
  if (!working) run();
}

/**
 * Runs the queued jobs, then reports. Nothing is reported as a job starts:
 * its first chunk tells the background (see analyzeChunk there), since a
 * message of its own cost the page's main thread time just as the reading
 * began (the browser and the worker handling it, and the badge, took the
 * cores the page's reading runs on).
 */
async function run() {
  working = true;
  try {
    while (pendingRoots.length && active) {
      const roots = outermost(pendingRoots.filter((r) => r.isConnected));
      pendingRoots = [];
      jobs++;
      await cleanRoots(roots, generation);
    }
  } catch (err) {
    console.warn('Rinse:', err);
  } finally {
    working = false;
    reportStatus();
  }
}

/**
 * Drops roots that lie inside other roots. Each root's ancestors are looked
 * up among the roots: asking every root whether it contains every other
 * took seconds, in one task, when a page added thousands of nodes at once.
 */
function outermost(roots) {
  const unique = new Set(roots);
  return [...unique].filter((r) => {
    for (let up = r.parentNode; up; up = up.parentNode) {
      if (unique.has(up)) return false;
    }
    return true;
  });
}

function queueRecords(records) {
  if (!records.length || !active) return;
  const roots = [];
  for (const rec of records) {
    if (rec.type === 'childList') {
      for (const n of rec.addedNodes) {
        if (n.nodeType === 1) roots.push(n);
        else if (n.nodeType === 3 && /\S/.test(n.data)) roots.push(blockElementOf(n) || n);
      }
    } else if (rec.type === 'characterData') {
      roots.push(blockElementOf(rec.target) || rec.target);
    }
  }
  const wanted = roots.filter((r) => r && r.isConnected && !isInsideSkipped(r));
  if (wanted.length) queueRoots(wanted);
}

function startObserving() {
  if (!observer) observer = new MutationObserver((records) => timed('read', () => queueRecords(records)));
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
}

// ---------------------------------------------------------------------------
// Switching on and off

function switchOn() {
  if (active) return;
  active = true;
  settling = true;
  const gen = generation;
  pageSettled().then(() => {
    if (gen !== generation) return;
    settling = false;
    startObserving();
    queueRoots([document.body || document.documentElement]);
  });
}

/**
 * Waits for the page's next frame, then for an idle moment (at most
 * IDLE_WAIT_MS): read while the page still renders its first frames, Rinse
 * shared the cores with that work and kept the main thread longer (paired
 * runs over the corpus pages, see README.md). The text is cleaned a frame
 * or two later; the page's own rendering comes first.
 */
async function pageSettled() {
  await yieldFrame();
  if (document.hidden || typeof requestIdleCallback !== 'function') return;
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: IDLE_WAIT_MS }));
}

/** Restores the page's original text, without a reload. */
function switchOff() {
  if (!active) return;
  active = false;
  settling = false;
  generation++;
  pendingRoots = [];
  timed('apply', () => {
    if (observer) {
      observer.takeRecords();
      observer.disconnect();
    }
    unmarkChanges(window);
    journal.undoAll();
    marking = false;
    marked = 0;
  });
  applied = [];
  reportStatus();
}

function applySettings(next) {
  settings = next;
  if (isActive(settings, host)) switchOn();
  else switchOff();
}

// ---------------------------------------------------------------------------
// Reporting

function reportStatus() {
  send({
    type: MSG.STATUS,
    host,
    active,
    done: !working && !settling,
    counts: countKinds(applied.map((a) => a.f)),
    busyMs,
    busyParts,
    jobs,
  }).catch(() => {});
}

function state() {
  return {
    host,
    active,
    siteEnabled: settings ? isSiteEnabled(settings, host) : true,
    globalEnabled: settings ? settings.enabled : true,
    done: !working && !settling,
    counts: countKinds(applied.map((a) => a.f)),
    // In page order: by job and pass, then as the report lists them.
    changes: applied
      .slice()
      .sort((a, b) => a.job - b.job || a.pass - b.pass || a.f.id - b.f.id)
      .map(({ f }) => ({
        kind: f.kind,
        rule: f.rule,
        before: f.before,
        after: f.after,
        summary: f.reason && f.reason.summary,
        confidence: f.confidence,
      })),
    marking,
    marked,
    busyMs,
    jobs,
  };
}

function setMarking(on) {
  marking = !!on;
  marked = 0;
  if (marking) marked = timed('mark', () => markChanges(journal, window));
  else timed('mark', () => unmarkChanges(window));
  return { marking, marked };
}

async function main() {
  onMessages({
    [MSG.GET_STATE]: () => state(),
    [MSG.SET_MARKING]: (m) => setMarking(m.on),
  });
  onSettingsChanged(applySettings);
  applySettings(await loadSettings());
  if (!active) reportStatus();
}

if (document.documentElement && document.documentElement.namespaceURI === 'http://www.w3.org/1999/xhtml') {
  main().catch((err) => console.warn('Rinse:', err));
}
