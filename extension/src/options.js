// Options page: the global switch and the list of sites where Rinse is off.

import { ext } from './messages.js';
import { loadSettings, normalizeHost, onSettingsChanged, setGlobalEnabled, setSiteEnabled } from './settings.js';

const $ = (id) => document.getElementById(id);
const t = (key) => ext.i18n.getMessage(key) || key;

function localize() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  document.title = t('optionsTitle');
}

function render(settings) {
  $('global').checked = settings.enabled;
  const template = $('site-item');
  const items = settings.disabledSites.map((host) => {
    const li = template.content.firstElementChild.cloneNode(true);
    li.querySelector('.site').textContent = host;
    li.querySelector('.remove').textContent = t('optionsRemove');
    li.querySelector('.remove').addEventListener('click', () => setSiteEnabled(host, true));
    return li;
  });
  $('sites').replaceChildren(...items);
  $('none').hidden = settings.disabledSites.length > 0;
}

async function showShortcut() {
  const commands = ext.commands && ext.commands.getAll ? await ext.commands.getAll() : [];
  const toggle = commands.find((c) => c.name === 'toggle-site');
  $('shortcut').textContent = (toggle && toggle.shortcut) || t('optionsShortcutNone');
}

async function main() {
  localize();
  $('global').addEventListener('change', (e) => setGlobalEnabled(e.target.checked));
  $('add').addEventListener('submit', async (e) => {
    e.preventDefault();
    const host = normalizeHost($('host').value);
    $('error').hidden = !!host;
    $('error').textContent = host ? '' : t('optionsBadHost');
    if (!host) return;
    await setSiteEnabled(host, false);
    $('host').value = '';
  });
  onSettingsChanged(render);
  render(await loadSettings());
  showShortcut().catch(() => {});
}

main();
