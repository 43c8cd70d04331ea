// The message protocol between the extension's contexts, in one place.
//
// content  -> background  ANALYZE_CHUNK {doc, seq, packed, last, context?, wroteFffd?}
//                          (context and wroteFffd on the last chunk only)
//                          (packed: the chunk's blocks, in packed.js's form)
//                          -> on the last chunk: {report} | {error}
//                          (a document's first chunk (seq 0) also tells the background
//                          and open popups that the tab's cleaning job runs)
// content  -> background  STATUS {host, active, done, counts, busyMs, busyParts, jobs}
//                          (busyParts: busyMs split as {read, send, apply, mark})
//                          (sent when the tab's queued jobs end, when it is switched off,
//                          and as a page loads switched off; background sets the badge;
//                          open popups refresh)
// popup    -> content     GET_STATE -> {host, active, siteEnabled, globalEnabled,
//                                       done, counts, changes, marking, marked,
//                                       busyMs, jobs}
// popup    -> content     SET_MARKING {on} -> {marking, marked}
// any page -> background  TAB_STATUS {tabId?, url?} -> {tabId, host, url, active, done, counts, busyMs, busyParts, jobs} | null
//                          (while a job runs: done false, the figures of the page's
//                          last STATUS, or counts and busyParts null before its first)
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
