// Background: the service worker in Chromium, the background script in
// Firefox. Runs the Rinse core (WebAssembly) for the content scripts, keeps
// each tab's counts for the toolbar badge, and handles the keyboard shortcut.

import init, { analyze } from './pkg/rinse_wasm.js';
import { MSG, ext, onMessages, sendToTab } from './messages.js';
import { unpackBlocks } from './packed.js';
import { normalizeHost, toggleSite } from './settings.js';

// Started at once, awaited per request: a service worker may not await at top level.
const ready = init({ module_or_path: new URL('./pkg/rinse_wasm_bg.wasm', import.meta.url) });
// One colour for every tab's badge, set as the worker starts, not per report.
ext.action.setBadgeBackgroundColor({ color: '#0b7a75' }).catch(() => {});

/** Chunks of documents being received, by tab and document id. */
const incoming = new Map();
/** Per tab: {host, url, active, done, counts, busyMs, busyParts, jobs}. */
const tabs = new Map();

async function analyzeChunk(message, sender) {
  const key = `${sender.tab ? sender.tab.id : 'x'}:${sender.frameId || 0}:${message.doc}`;
  let entry = incoming.get(key);
  if (!entry) {
    entry = { blocks: [], next: 0 };
    incoming.set(key, entry);
  }
  if (message.seq !== entry.next) {
    incoming.delete(key);
    throw new Error(`chunk ${message.seq} out of order`);
  }
  entry.next++;
  if (message.seq === 0) markWorking(sender);
  for (const b of unpackBlocks(message.packed)) entry.blocks.push(b);
  if (!message.last) return { ok: true };
  incoming.delete(key);
  await ready;
  const doc = { blocks: entry.blocks, context: message.context || { format: 'html' } };
  const report = analyze(doc, !!message.wroteFffd);
  return { report };
}

/**
 * A tab's first chunk of a document is its news that a cleaning job runs
 * (the content script reports only when its jobs end).
 */
function markWorking(sender) {
  const tab = sender.tab;
  if (!tab || sender.frameId) return;
  const last = tabs.get(tab.id);
  const url = sender.url;
  // Figures stay those of the tab's last report (none yet: null) until it reports again.
  const figures = last && last.url === url ? last : { counts: null, busyMs: 0, busyParts: null, jobs: 0 };
  tabs.set(tab.id, { ...figures, tabId: tab.id, host: new URL(url).hostname, url, active: true, done: false });
}

function recordStatus(message, sender) {
  const tab = sender.tab;
  if (!tab || sender.frameId) return;
  const status = {
    tabId: tab.id,
    host: message.host,
    url: sender.url,
    active: message.active,
    done: message.done,
    counts: message.counts,
    busyMs: message.busyMs,
    busyParts: message.busyParts,
    jobs: message.jobs,
  };
  tabs.set(tab.id, status);
  const total = message.active ? message.counts.total : 0;
  ext.action.setBadgeText({ tabId: tab.id, text: total ? String(total) : '' }).catch(() => {});
}

function tabStatus(message) {
  if (message.tabId !== undefined) return tabs.get(message.tabId) || null;
  if (message.url) {
    for (const status of tabs.values()) if (status.url === message.url) return status;
  }
  return null;
}

async function activeTabId() {
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab && tab.id;
}

async function onCommand(command, tab) {
  if (command !== 'toggle-site') return;
  const tabId = tab && tab.id !== undefined ? tab.id : await activeTabId();
  if (tabId === undefined) return;
  // The worker may have been restarted since the tab reported: ask the tab.
  const status = tabs.get(tabId) || (await sendToTab(tabId, { type: MSG.GET_STATE }).catch(() => null));
  const host = normalizeHost(status && status.host);
  if (host) await toggleSite(host);
}

onMessages({
  [MSG.ANALYZE_CHUNK]: analyzeChunk,
  [MSG.STATUS]: recordStatus,
  [MSG.TAB_STATUS]: tabStatus,
});
ext.commands.onCommand.addListener((command, tab) => {
  onCommand(command, tab).catch((err) => console.warn('Rinse:', err));
});
ext.tabs.onRemoved.addListener((tabId) => tabs.delete(tabId));
