// A search box with suggestions (the ARIA 1.2 combobox pattern): type, move with ↑/↓, pick with
// Enter or a click, close with Escape.

import { h, clear } from './dom.js';
import { humanise } from './network.js';

const DELAY_MS = 150;
let instances = 0;

/**
 * Wire `input` (role=combobox) and `listbox` (role=listbox).
 * `find(text, signal)` answers [{ id, kind, name, detail }]; `onPick(option)` receives the choice.
 */
export function createSearch(input, listbox, { find, onPick, describeError }) {
  const prefix = `search-${(instances += 1)}`;
  let options = [];
  let active = -1;
  let timer = null;
  let pending = null;

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function activate(index) {
    const items = listbox.querySelectorAll('[role="option"]');
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, position) => item.setAttribute('aria-selected', String(position === active)));
    input.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({ block: 'nearest' });
  }

  function pick(index) {
    const option = options[index];
    if (!option) return;
    input.value = '';
    close();
    onPick(option);
  }

  function show(found, message) {
    options = found;
    const items = found.map((option, index) =>
      h(
        'li',
        {
          id: `${prefix}-option-${index}`,
          role: 'option',
          'aria-selected': 'false',
          className: 'option',
          dataset: { id: option.id, kind: option.kind },
          onmousedown: (event) => event.preventDefault(),
          onclick: () => pick(index),
        },
        h('span', { className: `swatch swatch-${option.kind}`, 'aria-hidden': 'true' }),
        h('span', { className: 'option-name' }, option.name),
        h('span', { className: 'option-kind' }, option.detail ?? humanise(option.kind)),
      ),
    );
    clear(listbox, items.length ? items : [h('li', { className: 'option-empty', role: 'presentation' }, message)]);
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    input.removeAttribute('aria-activedescendant');
  }

  async function update() {
    const text = input.value.trim();
    pending?.abort();
    if (text.length < 2) {
      close();
      return;
    }
    pending = new AbortController();
    const { signal } = pending;
    listbox.setAttribute('aria-busy', 'true');
    try {
      const found = await find(text, signal);
      if (signal.aborted) return;
      show(found, `Nothing matches “${text}”.`);
    } catch (error) {
      if (error.name === 'AbortError') return;
      show([], describeError(error));
    } finally {
      listbox.removeAttribute('aria-busy');
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    const open = !listbox.hidden;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (open) activate(active + 1);
      else update();
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      activate(active - 1);
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      pick(active >= 0 ? active : 0);
    } else if (event.key === 'Escape') {
      if (open) close();
      else input.value = '';
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  close();
}

function matches(text) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return (...fields) => {
    const haystack = fields.filter(Boolean).join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  };
}

/** Forces (filtered here: the API lists them all at once) then the API's organisations and schemes. */
export function entityFinder({ loadForces, suggest }) {
  return async (text, signal) => {
    const match = matches(text);
    const [forces, others] = await Promise.all([loadForces(), suggest(text, { signal })]);
    return [
      ...forces
        .filter((force) => match(force.name, force.id))
        .map((force) => ({ id: force.id, kind: 'force', name: force.name, detail: 'Force' })),
      ...others.organisations.map((organisation) => ({
        id: organisation.id,
        kind: 'organisation',
        name: organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name,
        detail: humanise(organisation.kind) || 'Organisation',
      })),
      ...others.schemes.map((scheme) => ({
        id: scheme.id,
        kind: 'scheme',
        name: scheme.acronym ? `${scheme.name} (${scheme.acronym})` : scheme.name,
        detail: `Scheme · ${humanise(scheme.kind)}`,
      })),
    ];
  };
}

/** Forces only (choosing forces to compare). */
export function forceFinder({ loadForces }) {
  return async (text) => {
    const match = matches(text);
    return (await loadForces())
      .filter((force) => match(force.name, force.id))
      .map((force) => ({ id: force.id, kind: 'force', name: force.name, detail: 'Force' }));
  };
}
