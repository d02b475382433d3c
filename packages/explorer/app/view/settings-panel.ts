import type { Settings } from '../context.js';
import type { KeyValueStorage } from '../credentials/store.js';
import { h, uid } from './dom.js';

const STORAGE_KEY = 'halway-explorer:settings';

/** The default settings: offer a created resource one click away, check forms before sending. */
export const DEFAULT_SETTINGS: Settings = { followCreated: false, validate: true };

/** Reads the settings kept for this tab, falling back to the defaults. */
export function loadSettings(storage: KeyValueStorage): Settings {
  try {
    const stored: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}');
    const record =
      typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
    return {
      followCreated:
        typeof record.followCreated === 'boolean'
          ? record.followCreated
          : DEFAULT_SETTINGS.followCreated,
      validate: typeof record.validate === 'boolean' ? record.validate : DEFAULT_SETTINGS.validate,
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** The settings disclosure; changes are written to `settings` and kept for the tab. */
export function settingsPanel(settings: Settings, storage: KeyValueStorage): HTMLDetailsElement {
  const toggle = (key: keyof Settings, label: string) => {
    const id = uid('setting');
    const input = h('input', { id, type: 'checkbox', checked: settings[key] });
    input.addEventListener('change', () => {
      settings[key] = input.checked;
      storage.setItem(STORAGE_KEY, JSON.stringify(settings));
    });
    return h('div', { class: 'field checkbox' }, input, ' ', h('label', { for: id }, label));
  };
  return h(
    'details',
    { class: 'settings panel' },
    h('summary', null, 'Settings'),
    h(
      'div',
      { class: 'panel-body' },
      toggle('followCreated', 'Open a created resource (201) right away'),
      toggle('validate', 'Check form values before sending'),
    ),
  );
}
