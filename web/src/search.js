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
    options = found.filter((option) => !option.heading);
    let index = -1;
    const items = found.map((option) => {
      if (option.heading) return h('li', { className: 'option-heading', role: 'presentation' }, option.heading);
      index += 1;
      return optionItem(option, index);
    });
    clear(listbox, items.length ? items : [h('li', { className: 'option-empty', role: 'presentation' }, message)]);
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    input.removeAttribute('aria-activedescendant');
  }

  function optionItem(option, index) {
    return h(
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
    );
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

const MINOR_WORDS = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'to', '&']);

/** "National Crime Agency" → "nca", "Multi-Agency Safeguarding Hub" → "mash". */
export function initialism(name) {
  return name
    .split(/[\s\-–/]+/)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word) && !MINOR_WORDS.has(word.toLowerCase()))
    .map((word) => word[0])
    .join('')
    .toLowerCase();
}

/**
 * How well `text` names a thing, best first: 0 its name, acronym or id exactly, 1 its initials, 2 the start of
 * its name or acronym, 3 the start of each word typed, 4 each word anywhere in it; null when it does not match.
 */
export function matchRank(text, { name, acronym, id }) {
  const typed = text.trim().toLowerCase();
  const words = typed.split(/\s+/).filter(Boolean);
  const fields = [name, acronym, id].filter(Boolean).map((field) => field.toLowerCase());
  if (!words.length) return null;
  if (fields.includes(typed)) return 0;
  if (name && initialism(name) === typed.replaceAll(/[\s.]/g, '')) return 1;
  if (fields.some((field) => field.startsWith(typed))) return 2;
  const nameWords = fields.flatMap((field) => field.split(/[\s\-–/()]+/));
  if (words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)))) return 3;
  const haystack = fields.join(' ');
  if (words.every((word) => haystack.includes(word))) return 4;
  return null;
}

const KIND_ORDER = { force: 0, organisation: 1, scheme: 2 };

/** Best match first, then forces before organisations before schemes, then by name. */
function ranked(text, candidates) {
  return candidates
    .map((candidate) => ({ candidate, rank: matchRank(text, candidate.match) }))
    .filter(({ rank }) => rank !== null)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        KIND_ORDER[a.candidate.kind] - KIND_ORDER[b.candidate.kind] ||
        a.candidate.name.localeCompare(b.candidate.name),
    )
    .map(({ candidate }) => candidate);
}

function forceOption(force) {
  return { id: force.id, kind: 'force', name: force.name, detail: 'Force', match: { name: force.name, id: force.id } };
}

const HIT_KINDS = { PASSAGE: 'Passage', AREA_FOR_IMPROVEMENT: 'Area for improvement', JUDGMENT: 'Judgment summary' };

/** The words around the first word of `text` that the hit contains, so a long passage shows why it matched. */
export function snippet(hitText, text, width = 110) {
  const lower = hitText.toLowerCase();
  const at = Math.max(
    0,
    Math.min(...text.toLowerCase().split(/\s+/).filter(Boolean).map((word) => lower.indexOf(word)).filter((index) => index >= 0), hitText.length),
  );
  const start = at > width / 3 ? hitText.lastIndexOf(' ', at - width / 3) + 1 : 0;
  const piece = hitText.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${piece}${start + width < hitText.length ? '…' : ''}`;
}

/** A full-text hit as an option: opens the force's network on the node that matched, with its passage. */
export function hitOption(hit, text) {
  const report = hit.report ? `${humanise(hit.report.pillar)} ${hit.report.year}` : null;
  const page = hit.passage?.page ? `page ${hit.passage.page}` : null;
  return {
    id: hit.node.id,
    kind: 'text',
    name: snippet(hit.text, text),
    detail: [HIT_KINDS[hit.kind], hit.force?.name, report, page].filter(Boolean).join(' · '),
    hit,
  };
}

/**
 * Names first (forces filtered here: the API lists them all at once; the API's organisations and schemes),
 * ranked so an exact name, acronym or initials comes first; then hits of the API's full-text search.
 */
export function entityFinder({ loadForces, suggest, searchText }) {
  return async (text, signal) => {
    const [forces, others, hits] = await Promise.all([
      loadForces(),
      suggest(text, { signal }),
      searchText(text, { signal }).catch((error) => {
        if (error.name === 'AbortError') throw error;
        return [];
      }),
    ]);
    const names = ranked(text, [
      ...forces.map(forceOption),
      ...others.organisations.map((organisation) => ({
        id: organisation.id,
        kind: 'organisation',
        name: organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name,
        detail: humanise(organisation.kind) || 'Organisation',
        match: { name: organisation.name, acronym: organisation.acronym, id: organisation.id },
      })),
      ...others.schemes.map((scheme) => ({
        id: scheme.id,
        kind: 'scheme',
        name: scheme.acronym ? `${scheme.name} (${scheme.acronym})` : scheme.name,
        detail: `Scheme · ${humanise(scheme.kind)}`,
        match: { name: scheme.name, acronym: scheme.acronym, id: scheme.id },
      })),
    ]);
    const found = hits.filter((hit) => hit.force).map((hit) => hitOption(hit, text));
    return found.length ? [...names, { heading: `In the reports’ text (${found.length} best)` }, ...found] : names;
  };
}

/** Forces only (choosing forces to compare). */
export function forceFinder({ loadForces }) {
  return async (text) => ranked(text, (await loadForces()).map(forceOption));
}
