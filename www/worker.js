// The playground's worker: all of the core's work runs here, off the page's
// main thread, so a large document never freezes the page.
//
// Messages in:  {type: 'decode', job, file}         read a dropped/opened file
//               {type: 'clean-text', job, text}     clean plain text, in chunks
//               {type: 'analyze', job, doc, wroteFffd}  findings for an HTML page's model (one pass)
//               {type: 'cancel', job}               stop a text job between chunks
// Messages out: {type: 'decoded', job, text} | {type: 'chunk', job, …} |
//               {type: 'done', job, text} | {type: 'report', job, report} |
//               {type: 'error', job, message} | {type: 'ready', version}

import init, { analyze, version } from './pkg/rinse_wasm.js';
import { chunkLines, cleanLines } from './textclean.js';

/**
 * Texts up to this many UTF-16 units are cleaned in one piece, exactly as
 * the CLI does; longer ones in chunks of about CHUNK units cut at paragraph
 * (else line) boundaries, so progress can be shown and the page stays live.
 * Real articles are far below it. (The core takes longer than linearly on
 * very long texts, so small chunks are also faster overall.)
 */
const ONE_SHOT = 256 << 10;
const CHUNK = 64 << 10;

const ready = init().then(() => postMessage({ type: 'ready', version: version() }));
let cancelled = -1;

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    cancelled = msg.job;
    return;
  }
  ready
    .then(() => handle(msg))
    .catch((err) => postMessage({ type: 'error', job: msg.job, message: errorText(err) }));
};

function errorText(err) {
  if (err && err.userMessage) return err.userMessage;
  return `The cleaner failed: ${err && err.message ? err.message : String(err)}`;
}

async function handle(msg) {
  if (msg.type === 'decode') {
    const text = await decodeFile(msg.file);
    postMessage({ type: 'decoded', job: msg.job, text });
  } else if (msg.type === 'clean-text') {
    await cleanTextJob(msg.job, msg.text);
  } else if (msg.type === 'analyze') {
    postMessage({ type: 'report', job: msg.job, report: analyze(msg.doc, !!msg.wroteFffd) });
  }
}

function userError(message) {
  const err = new Error(message);
  err.userMessage = message;
  return err;
}

/** The file's text, or a clear error if it is not UTF-8 text. */
async function decodeFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // NUL bytes never occur in text (UTF-16 text has them too: not supported).
  if (bytes.indexOf(0) !== -1) {
    throw userError(`“${file.name}” is not a text file (it contains NUL bytes). Open a saved .html or .txt page.`);
  }
  try {
    // A byte order mark is kept: the page gives it back, as the CLI does.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw userError(`“${file.name}” is not valid UTF-8 text. Save the page as UTF-8 and try again.`);
  }
}

const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Cleans text chunk by chunk, posting each chunk's marked lines as it is done. */
async function cleanTextJob(job, text) {
  const chunks = text.length <= ONE_SHOT ? [text.split('\n')] : chunkLines(text, CHUNK);
  const total = text.length;
  const texts = [];
  let done = 0;
  let ids = 0;
  for (let i = 0; i < chunks.length; i++) {
    if (i > 0) await yieldToMessages();
    if (cancelled === job) return;
    const result = cleanLines(chunks[i], analyze, ids, { atEnd: i === chunks.length - 1 });
    ids += result.findings.length;
    texts.push(result.text);
    done += chunks[i].reduce((sum, line) => sum + line.length + 1, 0);
    postMessage({
      type: 'chunk', job, index: i, count: chunks.length, done: Math.min(done, total), total,
      lines: result.lines, findings: result.findings,
    });
  }
  postMessage({ type: 'done', job, text: texts.join('\n') });
}
