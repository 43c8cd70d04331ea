// The message protocol between the extension's contexts, in one place.
//
// content  -> background  ANALYZE_CHUNK {doc, seq, packed, last, context?, wroteFffd?}
//                          (context and wroteFffd on the last chunk only)
//                          (packed: the chunk's blocks, see packBlocks)
//                          -> on the last chunk: {report} | {error}
// content  -> background  STATUS {host, active, done, counts, busyMs, busyParts, jobs}
//                          (busyParts: busyMs split as {read, send, apply, mark})
//                          (background sets the badge; open popups refresh)
// popup    -> content     GET_STATE -> {host, active, siteEnabled, globalEnabled,
//                                       done, counts, changes, marking, marked,
//                                       busyMs, jobs}
// popup    -> content     SET_MARKING {on} -> {marking, marked}
// any page -> background  TAB_STATUS {tabId?, url?} -> {tabId, host, url, active, done, counts, busyMs, busyParts, jobs} | null
//
// Settings are not messages: every context writes them to storage
// (settings.js) and the content scripts react to storage changes.

export const MSG = Object.freeze({
  ANALYZE_CHUNK: 'rinse:analyze-chunk',
  STATUS: 'rinse:status',
  GET_STATE: 'rinse:get-state',
  SET_MARKING: 'rinse:set-marking',
  TAB_STATUS: 'rinse:tab-status',
});

/** The WebExtension namespace: `browser` in Firefox, `chrome` in Chromium. */
export const ext = globalThis.browser || globalThis.chrome;

const BLOCK_KINDS = ['paragraph', 'heading', 'list-item', 'caption', 'quote', 'cell', 'line', 'other'];
const RUN_KINDS = ['text', 'link', 'emphasis'];
const VERBATIM_BIT = 8;

/** The position of `kind` in `kinds`; a kind outside the model's is a bug. */
function codeOf(kinds, kind) {
  const code = kinds.indexOf(kind);
  if (code < 0) throw new Error(`unknown kind ${kind}`);
  return code;
}

/**
 * Packs model blocks for a message: the run texts joined into one string,
 * the structure as one string of numbers, and the links' targets. A message
 * is serialized on the page's main thread, and three strings cost far less
 * to serialize than thousands of small objects.
 *
 * Structure, per block: kind, number of runs, 1 if verbatim; then per run:
 * text length (UTF-16 units), run kind + 8 if verbatim.
 */
export function packBlocks(blocks) {
  const texts = [];
  const shape = [];
  const hrefs = [];
  for (const b of blocks) {
    shape.push(codeOf(BLOCK_KINDS, b.kind), b.runs.length, b.verbatim ? 1 : 0);
    for (const r of b.runs) {
      texts.push(r.text);
      shape.push(r.text.length, codeOf(RUN_KINDS, r.kind) + (r.verbatim ? VERBATIM_BIT : 0));
      if (r.kind === 'link') hrefs.push(r.href ?? '');
    }
  }
  return { text: texts.join(''), shape: shape.join(','), hrefs };
}

/** The blocks `packBlocks` packed. */
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

/** Sends a message to the extension and waits for the answer. */
export function send(message) {
  return ext.runtime.sendMessage(message);
}

/** Sends a message to the content script of a tab. */
export function sendToTab(tabId, message) {
  return ext.tabs.sendMessage(tabId, message);
}

/**
 * Registers `handler(message, sender)` for messages of the given types; it may
 * return a value or a promise, which becomes the answer. Other messages are
 * left to other listeners.
 */
export function onMessages(handlers) {
  ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const handler = message && handlers[message.type];
    if (!handler) return false;
    Promise.resolve()
      .then(() => handler(message, sender))
      .then(
        (value) => sendResponse(value === undefined ? null : value),
        (err) => sendResponse({ error: String((err && err.message) || err) }),
      );
    return true; // the answer comes asynchronously
  });
}
