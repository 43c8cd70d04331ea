// The playground page: input (paste, drop, file, sample), the worker that
// runs the core, and the marked output. Page text only ever reaches the DOM
// through Text nodes and textContent, never through innerHTML.

import { cleanHtml } from './html.js';
import { ADDED, PLAIN, REMOVED } from './segments.js';

/** Larger inputs are refused: the page would hold several copies of them. */
export const MAX_BYTES = 20 * 1024 * 1024;
/** Inputs larger than this are kept out of the text box (a huge box is slow to lay out). */
const SHOW_LIMIT = 200 * 1024;
/** Marks are tab stops only up to this many, so the keyboard is not trapped in a long document. */
const FOCUSABLE_MARKS = 500;
const KINDS = ['spam', 'punctuation', 'banner', 'linebreak'];
const KIND_LABEL = { spam: 'Spam', punctuation: 'Punctuation', banner: 'Banner', linebreak: 'Line break' };

const $ = (id) => document.getElementById(id);
const ui = {
  input: $('input'), held: $('held'), heldName: $('held-name'), forget: $('forget'), drop: $('drop'),
  clean: $('clean'), sample: $('sample'), file: $('file'), mode: $('mode'),
  status: $('status'), progress: $('progress'), error: $('error'),
  result: $('result'), output: $('output'), report: $('report-body'), tip: $('tip'),
  copy: $('copy'), download: $('download'), views: document.querySelectorAll('input[name="view"]'),
};

// ---------------------------------------------------------------------------
// The worker

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const waiting = new Map(); // job -> {resolve, reject, onMessage}
let jobSeq = 0;

worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'ready') {
    document.documentElement.dataset.ready = 'true';
    $('version').textContent = `core ${msg.version}`;
    return;
  }
  const w = waiting.get(msg.job);
  if (!w) return;
  if (msg.type === 'error') {
    waiting.delete(msg.job);
    w.reject(Object.assign(new Error(msg.message), { userMessage: msg.message }));
  } else if (w.onMessage(msg)) {
    waiting.delete(msg.job);
    w.resolve(msg);
  }
};
worker.onerror = (event) => showError(`The cleaner could not start: ${event.message || 'worker error'}`);

/** Posts a job; `onMessage(msg)` returns true on the job's last message. */
function ask(message, onMessage = () => true) {
  const job = ++jobSeq;
  return new Promise((resolve, reject) => {
    waiting.set(job, { resolve, reject, onMessage });
    worker.postMessage({ ...message, job });
  });
}

/** Runs `step(deadline)` in tasks of about 10 ms until it returns true. */
function sliced(step, budget = 10) {
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        if (step(performance.now() + budget)) resolve();
        else nextTask(tick);
      } catch (err) {
        reject(err);
      }
    };
    tick();
  });
}

const channel = new MessageChannel();
const queued = [];
channel.port1.onmessage = () => queued.shift()();
/** A new task soon (no 4 ms clamp as with nested setTimeout). */
function nextTask(fn) {
  queued.push(fn);
  channel.port2.postMessage(0);
}

// ---------------------------------------------------------------------------
// Input

/** What will be cleaned: the text box, or a held file/paste too large to show. */
let held = null; // {text, name, html}

function hold(text, name, html) {
  held = { text, name, html };
  loaded = null;
  ui.input.value = '';
  ui.heldName.textContent = `${name} — ${formatBytes(text.length)} (too large to show here; it will be cleaned as is)`;
  ui.held.hidden = false;
}

function forget() {
  held = null;
  ui.held.hidden = true;
}

/** A file shown in the text box, cleaned as read (see takeFile). */
let loaded = null;

function currentInput() {
  if (held) return { ...held };
  if (loaded) return { ...loaded };
  return { text: ui.input.value, name: 'pasted text', html: null };
}

/**
 * Whether text is an HTML document or fragment rather than plain text: it
 * opens with markup. (Tags further in prove nothing: articles about HTML
 * quote tags.)
 */
export function looksLikeHtml(text) {
  return /^\s*<(!doctype\s|!--|[a-z][a-z0-9-]*[\s/>])/i.test(text.slice(0, 1024));
}

function isHtml(input) {
  const mode = ui.mode.value;
  if (mode !== 'auto') return mode === 'html';
  if (input.html !== null && input.html !== undefined) return input.html;
  return looksLikeHtml(input.text);
}

async function takeFile(file) {
  clearError();
  if (!file) return;
  if (file.size > MAX_BYTES) {
    showError(`“${file.name}” is ${formatBytes(file.size)}; the playground takes files up to ${formatBytes(MAX_BYTES)}. Use the command-line tool for larger ones.`);
    return;
  }
  setStatus(`Reading “${file.name}”…`);
  let text;
  try {
    ({ text } = await ask({ type: 'decode', file }));
  } catch (err) {
    setStatus('');
    showError(err.userMessage || String(err));
    return;
  }
  const byName = /\.html?$/i.test(file.name) ? true : /\.txt$/i.test(file.name) ? false : null;
  if (text.length > SHOW_LIMIT) {
    hold(text, file.name, byName);
  } else {
    forget();
    ui.input.value = text;
    // The box shows the file, but its value has CRLF line ends folded: the
    // file's own text is cleaned, until the box is edited.
    loaded = { text, name: file.name, html: byName };
  }
  await run();
}

/** Set by a small file so "auto" follows its extension; cleared on typing. */
let pendingKind = null;

ui.input.addEventListener('input', () => {
  pendingKind = null;
  loaded = null;
  if (held) forget();
});

ui.input.addEventListener('paste', (event) => {
  const data = event.clipboardData;
  if (!data) return;
  const text = data.getData('text/plain') || data.getData('text/html');
  // Handled here so a paste cleans at once, and a huge one skips the text box.
  event.preventDefault();
  clearError();
  if (text.length > MAX_BYTES) {
    showError(`The pasted text is ${formatBytes(text.length)}; the playground takes up to ${formatBytes(MAX_BYTES)}.`);
    return;
  }
  pendingKind = null;
  loaded = null;
  if (text.length > SHOW_LIMIT) {
    hold(text, 'pasted text', null);
  } else {
    forget();
    ui.input.setRangeText(text, ui.input.selectionStart, ui.input.selectionEnd, 'end');
  }
  run();
});

ui.file.addEventListener('change', () => {
  takeFile(ui.file.files[0]);
  ui.file.value = '';
});

for (const type of ['dragenter', 'dragover']) {
  ui.drop.addEventListener(type, (event) => {
    event.preventDefault();
    ui.drop.classList.add('over');
  });
}
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
ui.drop.addEventListener('drop', (event) => {
  event.preventDefault();
  ui.drop.classList.remove('over');
  const file = event.dataTransfer && event.dataTransfer.files[0];
  if (file) takeFile(file);
  else if (event.dataTransfer) {
    const text = event.dataTransfer.getData('text/plain');
    if (text) {
      forget();
      loaded = null;
      ui.input.value = text;
      run();
    }
  }
});

ui.sample.addEventListener('click', async () => {
  clearError();
  try {
    const res = await fetch(new URL('./sample-article.txt', import.meta.url));
    if (!res.ok) throw new Error(`${res.status}`);
    forget();
    loaded = null;
    ui.input.value = await res.text();
    pendingKind = false;
  } catch (err) {
    showError(`The sample could not be loaded (${err.message}).`);
    return;
  }
  run();
});

ui.clean.addEventListener('click', () => run());
ui.forget.addEventListener('click', () => {
  forget();
  ui.input.focus();
});

// ---------------------------------------------------------------------------
// Cleaning

let runSeq = 0;
/** The last result: {text, document, name, html}. */
let result = null;

async function run() {
  const input = currentInput();
  if (pendingKind !== null && input.html === null) input.html = pendingKind;
  clearError();
  if (!input.text.trim()) {
    showError('There is nothing to clean yet: paste text or HTML, drop a file, or try the sample.');
    return;
  }
  // As the CLI: a byte order mark and CRLF line ends (in text) are set
  // aside for the cleaning and given back in the cleaned document.
  const bom = input.text.startsWith('\ufeff');
  let source = bom ? input.text.slice(1) : input.text;
  const crlf = source.includes('\r\n') && !/(^|[^\r])\n/.test(source);
  const seq = ++runSeq;
  for (const [job] of waiting) worker.postMessage({ type: 'cancel', job });
  const html = isHtml(input);
  if (crlf && !html) source = source.replace(/\r\n/g, '\n');
  const started = performance.now();
  const view = new OutputView(ui.output);
  result = null;
  ui.result.hidden = false;
  ui.copy.disabled = true;
  ui.download.disabled = true;
  document.documentElement.dataset.state = 'busy';
  showProgress(0, 1);
  setStatus(`Cleaning ${html ? 'HTML' : 'text'} (${formatBytes(input.text.length)})…`);
  try {
    let text;
    let doc;
    if (html) {
      const out = await cleanHtml(source, {
        analyze: (model, wroteFffd) => ask({ type: 'analyze', doc: model, wroteFffd }).then((m) => m.report),
        sliced,
        progress: (pass, phase) => {
          if (seq !== runSeq) return;
          showProgress(pass * 3 + phase, 3 * 4);
          setStatus(`Cleaning HTML… pass ${pass + 1}: ${['reading the page', 'analyzing', 'applying the fixes'][phase]}`);
        },
      });
      if (seq !== runSeq) return;
      view.add(out.lines, out.findings);
      text = out.text;
      doc = out.html;
    } else {
      const done = await ask({ type: 'clean-text', text: source }, (msg) => {
        if (msg.type !== 'chunk') return msg.type === 'done';
        if (seq === runSeq) {
          view.add(msg.lines, msg.findings);
          showProgress(msg.done, msg.total);
          setStatus(`Cleaning text… ${Math.round((100 * msg.done) / msg.total)}%`);
        }
        return false;
      });
      text = done.text;
      doc = crlf ? done.text.replace(/\n/g, '\r\n') : done.text;
    }
    const body = doc;
    const documentText = typeof body === 'function' ? () => (bom ? '\ufeff' : '') + body() : () => (bom ? '\ufeff' : '') + body;
    await view.finished();
    if (seq !== runSeq) return;
    result = { text, documentText, html, name: input.name };
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const n = view.findings.size;
    setStatus(`Cleaned ${formatBytes(input.text.length)} in ${secs} s: ${n === 0 ? 'nothing to change' : `${n} change${n === 1 ? '' : 's'}`}.`);
    ui.copy.disabled = false;
    ui.download.disabled = false;
    ui.download.textContent = html ? 'Download cleaned HTML' : 'Download cleaned text';
    document.documentElement.dataset.state = 'done';
  } catch (err) {
    if (seq !== runSeq) return;
    setStatus('');
    showError(err.userMessage || `Cleaning failed: ${err.message}`);
    document.documentElement.dataset.state = 'error';
  } finally {
    if (seq === runSeq) ui.progress.hidden = true;
  }
}

// ---------------------------------------------------------------------------
// Output

/**
 * The marked output, built a slice at a time: each batch of lines goes
 * into its own part, which the browser lays out only when it scrolls into
 * view (content-visibility), so a long document never blocks the page.
 */
class OutputView {
  constructor(root) {
    // A run still rendering stops: its output is being replaced.
    if (lastView) lastView.queue.length = 0;
    this.root = root;
    root.replaceChildren();
    this.findings = new Map();
    this.counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
    this.queue = [];
    this.rendering = null;
    this.marks = 0;
    lastView = this;
    renderCounts(this.counts);
  }

  add(lines, findings) {
    for (const f of findings) {
      this.findings.set(f.id, f);
      if (f.kind in this.counts) this.counts[f.kind]++;
    }
    renderCounts(this.counts);
    this.queue.push(lines);
    if (!this.rendering) {
      this.rendering = sliced((deadline) => this.renderSome(deadline)).finally(() => {
        this.rendering = null;
      });
    }
  }

  /** Resolves once every line added so far is in the DOM. */
  async finished() {
    while (this.rendering) await this.rendering;
  }

  renderSome(deadline) {
    const PART = 200;
    while (this.queue.length) {
      const lines = this.queue[0];
      const part = document.createElement('div');
      part.className = 'part';
      const take = lines.splice(0, PART);
      for (const line of take) part.append(this.renderLine(line));
      this.root.append(part);
      if (!lines.length) this.queue.shift();
      if (performance.now() > deadline) return !this.queue.length;
    }
    return true;
  }

  renderLine(line) {
    const el = document.createElement('div');
    el.className = `line${line.kind && line.kind !== 'line' ? ` b-${line.kind}` : ''}`;
    if (line.gone >= 0) {
      el.classList.add('gone');
      el.dataset.f = line.gone;
    }
    const s = line.segs;
    let plain = '';
    for (let i = 0; i < s.length; i += 3) {
      const [t, k, f] = [s[i], s[i + 1], s[i + 2]];
      if (k === PLAIN) {
        plain += t;
        continue;
      }
      if (k !== REMOVED && k !== ADDED) continue;
      if (plain) el.append(plain);
      plain = '';
      // One mark for the neighbouring pieces of one change (text split across runs).
      let text = t;
      while (i + 3 < s.length && s[i + 4] === k && s[i + 5] === f) {
        text += s[i + 3];
        i += 3;
      }
      el.append(this.markFor(text, k, f));
    }
    if (plain) el.append(plain);
    return el;
  }

  markFor(text, k, id) {
    const f = this.findings.get(id);
    const kind = f ? f.kind : 'other';
    const el = document.createElement(k === REMOVED ? 'del' : 'mark');
    el.className = `m k-${kind}`;
    el.dataset.f = id;
    // A joiner may be a lone space: give it something to see.
    el.textContent = text;
    if (this.marks++ < FOCUSABLE_MARKS) el.tabIndex = 0;
    el.setAttribute('aria-label', `${k === REMOVED ? 'removed' : 'repaired'} (${KIND_LABEL[kind] || kind}): ${text}`);
    return el;
  }
}

function renderCounts(counts) {
  const rows = KINDS.map((k) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    const swatch = document.createElement('span');
    swatch.className = `swatch k-${k}`;
    th.append(swatch, KIND_LABEL[k]);
    const td = document.createElement('td');
    td.textContent = String(counts[k]);
    td.dataset.kind = k;
    tr.append(th, td);
    return tr;
  });
  const total = document.createElement('tr');
  total.className = 'total';
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = 'Total';
  const td = document.createElement('td');
  td.dataset.kind = 'total';
  td.textContent = String(KINDS.reduce((sum, k) => sum + counts[k], 0));
  total.append(th, td);
  ui.report.replaceChildren(...rows, total);
}

// Details of a mark, on hover and on keyboard focus.
let tipFor = null;

function showTip(el) {
  const id = Number(el.dataset.f);
  const view = currentFindings();
  const f = view && view.get(id);
  if (!f) return;
  tipFor = el;
  const row = (label, value, cls) => {
    const p = document.createElement('p');
    if (cls) p.className = cls;
    const b = document.createElement('b');
    b.textContent = `${label} `;
    const span = document.createElement('span');
    span.textContent = value;
    p.append(b, span);
    return p;
  };
  const head = document.createElement('p');
  head.className = 'tip-head';
  head.textContent = `${KIND_LABEL[f.kind] || f.kind} · ${f.rule} · confidence ${Math.round(f.confidence * 100)}%`;
  ui.tip.replaceChildren(
    head,
    row('Before:', f.before || '—', 'before'),
    row('After:', f.after || '(removed)', 'after'),
    row('Why:', f.reason && f.reason.summary ? f.reason.summary : '—', 'why'),
  );
  ui.tip.hidden = false;
  el.setAttribute('aria-describedby', 'tip');
  const r = el.getBoundingClientRect();
  const tw = ui.tip.offsetWidth;
  const left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tw - 8));
  ui.tip.style.left = `${left}px`;
  ui.tip.style.top = `${window.scrollY + r.bottom + 6}px`;
}

function hideTip() {
  if (tipFor) tipFor.removeAttribute('aria-describedby');
  tipFor = null;
  ui.tip.hidden = true;
}

let lastView = null;
const currentFindings = () => lastView && lastView.findings;
const markOf = (target) => (target instanceof Element ? target.closest('.m, .line.gone') : null);

ui.output.addEventListener('mouseover', (e) => {
  const m = markOf(e.target);
  if (m && m !== tipFor) showTip(m);
  else if (!m) hideTip();
});
ui.output.addEventListener('mouseleave', hideTip);
ui.output.addEventListener('focusin', (e) => {
  const m = markOf(e.target);
  if (m) showTip(m);
});
ui.output.addEventListener('focusout', hideTip);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') hideTip();
});

// Marked / plain
for (const radio of ui.views) {
  radio.addEventListener('change', () => {
    ui.output.classList.toggle('plain', radio.value === 'plain' && radio.checked);
    hideTip();
  });
}

ui.copy.addEventListener('click', async () => {
  if (!result) return;
  try {
    await navigator.clipboard.writeText(result.text);
    setStatus('Copied the cleaned text.');
  } catch {
    showError('The browser did not allow copying; use Download instead.');
  }
});

ui.download.addEventListener('click', () => {
  if (!result) return;
  const base = (result.name || 'document').replace(/\.(html?|txt)$/i, '').replace(/[^\w.-]+/g, '-') || 'document';
  const name = `${base}.clean.${result.html ? 'html' : 'txt'}`;
  const blob = new Blob([result.documentText()], { type: result.html ? 'text/html;charset=utf-8' : 'text/plain;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
});

// ---------------------------------------------------------------------------
// Status

function setStatus(text) {
  ui.status.textContent = text;
}

function showProgress(done, total) {
  ui.progress.hidden = false;
  ui.progress.max = total;
  ui.progress.value = done;
}

function showError(text) {
  ui.error.textContent = text;
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  ui.error.textContent = '';
}

function formatBytes(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// The test suite and curious readers can reach the result.
globalThis.rinsePlayground = {
  get result() {
    if (!result) return null;
    const { text, html, name } = result;
    return { text, html, name, document: result.documentText() };
  },
};
