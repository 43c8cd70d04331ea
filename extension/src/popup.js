// Popup: the site switch, counts per kind, the list of changes on the page
// and the "show changes" mode, in the manner of uBlock Origin's popup.

import { MSG, ext, sendToTab } from './messages.js';
import { setSiteEnabled } from './settings.js';

const $ = (id) => document.getElementById(id);
const t = (key) => ext.i18n.getMessage(key) || key;

function localize() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}

/** The tab the popup is about: `?tab=ID` (tests, tools) or the active tab. */
async function targetTab() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param) return Number(param);
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : undefined;
}

let tabId;
let current = null;

function render(state) {
  current = state;
  const on = !!(state && state.siteEnabled);
  document.body.dataset.ready = state ? 'yes' : 'unavailable';
  $('toggle').disabled = !state;
  $('toggle').setAttribute('aria-pressed', String(on));
  $('host').textContent = state ? state.host : '';
  $('site-state').textContent = !state ? t('popupUnavailable') : on ? t('popupSiteOn') : t('popupSiteOff');
  $('global-off').hidden = !state || state.globalEnabled;
  const counts = (state && state.counts) || {};
  for (const box of document.querySelectorAll('.count')) {
    box.querySelector('b').textContent = String(counts[box.dataset.kind] || 0);
  }
  $('total').textContent = counts.total ? `(${counts.total})` : '';
  $('marking').checked = !!(state && state.marking);
  $('marking').disabled = !state || !state.active;
  $('status').textContent = !state ? '' : !state.done ? t('popupWorking') : !counts.total && state.active ? t('popupNoChanges') : '';
  renderList(state ? state.changes : []);
}

function renderList(changes) {
  const list = $('list');
  const template = $('change-item');
  const items = changes.map((c) => {
    const li = template.content.firstElementChild.cloneNode(true);
    const kind = li.querySelector('.kind');
    kind.textContent = t(`kind${c.kind[0].toUpperCase()}${c.kind.slice(1)}`);
    kind.dataset.kind = c.kind;
    li.querySelector('.before').textContent = c.before;
    li.querySelector('.after').textContent = c.after;
    li.querySelector('.why').textContent = c.summary || c.rule;
    return li;
  });
  list.replaceChildren(...items);
}

async function refresh() {
  let state = null;
  if (tabId !== undefined) state = await sendToTab(tabId, { type: MSG.GET_STATE }).catch(() => null);
  render(state && !state.error ? state : null);
}

async function main() {
  localize();
  tabId = await targetTab();
  $('toggle').addEventListener('click', async () => {
    if (!current) return;
    await setSiteEnabled(current.host, !current.siteEnabled);
    setTimeout(refresh, 50);
  });
  $('marking').addEventListener('change', async (e) => {
    if (tabId === undefined) return;
    await sendToTab(tabId, { type: MSG.SET_MARKING, on: e.target.checked }).catch(() => null);
    refresh();
  });
  $('options').addEventListener('click', (e) => {
    e.preventDefault();
    ext.runtime.openOptionsPage();
    window.close();
  });
  // Refresh on the tab's news: a job's first chunk (it started) and its status (it ended).
  ext.runtime.onMessage.addListener((message, sender) => {
    if (!message || !sender.tab || sender.tab.id !== tabId || sender.frameId) return false;
    if (message.type === MSG.STATUS || (message.type === MSG.ANALYZE_CHUNK && message.seq === 0)) refresh();
    return false;
  });
  await refresh();
}

main();
