// Rinse's settings, kept in extension storage (storage.local):
//   enabled        the global switch (on unless set to false)
//   disabledSites  hosts where Rinse is switched off (on everywhere else)

import { ext } from './messages.js';

const DEFAULTS = Object.freeze({ enabled: true, disabledSites: [] });

export async function loadSettings() {
  const stored = await ext.storage.local.get(Object.keys(DEFAULTS));
  return {
    enabled: stored.enabled !== false,
    disabledSites: Array.isArray(stored.disabledSites) ? stored.disabledSites : [],
  };
}

/** Normalizes what a user types or a page reports to a bare host name. */
export function normalizeHost(input) {
  let text = String(input || '').trim().toLowerCase();
  if (!text) return '';
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = new URL(text).hostname;
  } catch {
    return '';
  }
  text = text.replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  return /^[a-z0-9.\-\[\]:_]+$/.test(text) ? text : '';
}

export function isSiteEnabled(settings, host) {
  return !settings.disabledSites.includes(normalizeHost(host));
}

/** Whether Rinse runs on `host`: the global switch and the site's switch are both on. */
export function isActive(settings, host) {
  return settings.enabled && isSiteEnabled(settings, host);
}

export async function setSiteEnabled(host, on) {
  const site = normalizeHost(host);
  if (!site) return;
  const { disabledSites } = await loadSettings();
  const rest = disabledSites.filter((h) => h !== site);
  await ext.storage.local.set({ disabledSites: on ? rest : [...rest, site].sort() });
}

export async function toggleSite(host) {
  const settings = await loadSettings();
  const on = !isSiteEnabled(settings, host);
  await setSiteEnabled(host, on);
  return on;
}

export async function setGlobalEnabled(on) {
  await ext.storage.local.set({ enabled: !!on });
}

/** Calls `listener(settings)` whenever the settings change. */
export function onSettingsChanged(listener) {
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (!('enabled' in changes) && !('disabledSites' in changes)) return;
    loadSettings().then(listener);
  });
}
