// Evidence passages, grouped by the report they come from, each with its page number and its role.

import { h } from './dom.js';

const SHOWN = 12;

/** What kind of text a passage is (the API's MentionRole); only passages about the force make partners. */
const ROLES = {
  FORCE: { label: 'About the force', title: 'Prose about the inspected force: this passage can make a partner.' },
  EXPLAINER: { label: 'General explainer', title: 'How policing works in general, not what this force does.' },
  SOURCE: { label: 'Chart or table', title: "A chart's or table's source line, caption or row." },
  CITATION: { label: 'Citation', title: 'A reference to a publication.' },
  DEFINITION: { label: 'Definition', title: 'What a term means, not what this force does.' },
};

function byReportThenPage(passages) {
  const reports = new Map();
  for (const passage of passages) {
    const key = passage.report?.id ?? '';
    if (!reports.has(key)) reports.set(key, { report: passage.report, passages: [] });
    reports.get(key).passages.push(passage);
  }
  for (const group of reports.values()) group.passages.sort((a, b) => a.page - b.page);
  return [...reports.values()];
}

function roleBadge(role) {
  const known = ROLES[role];
  if (!known) return null;
  return h('span', { className: `role role-${role.toLowerCase()}`, title: known.title }, known.label);
}

function passageItem(passage) {
  const role = passage.role ?? 'FORCE';
  return h(
    'li',
    { className: `passage${role === 'FORCE' ? '' : ' passage-aside'}`, 'data-role': role },
    h('span', { className: 'page' }, `Page ${passage.page}`),
    roleBadge(role),
    h('blockquote', {}, passage.text),
  );
}

/** The passages, or `empty` when there are none; long lists show the first few and a button for the rest. */
export function passageList(passages, empty = 'No passage of the reports records this.') {
  if (!passages?.length) return h('p', { className: 'muted' }, empty);
  const unique = [...new Map(passages.map((passage) => [passage.id ?? `${passage.page}:${passage.text}`, passage])).values()];
  return h(
    'div',
    { className: 'passages' },
    byReportThenPage(unique).map(({ report, passages: own }) => {
      const items = own.map(passageItem);
      const list = h('ol', { className: 'passage-list' }, items.slice(0, SHOWN));
      const more =
        items.length > SHOWN
          ? h(
              'button',
              {
                type: 'button',
                className: 'link-button',
                onclick: (event) => {
                  list.append(...items.slice(SHOWN));
                  items[SHOWN].querySelector('blockquote').setAttribute('tabindex', '-1');
                  items[SHOWN].querySelector('blockquote').focus();
                  event.currentTarget.remove();
                },
              },
              `Show all ${items.length} passages`,
            )
          : null;
      return h(
        'section',
        { className: 'report-passages' },
        h(
          'h4',
          { className: 'report-title' },
          h('cite', {}, report?.title ?? 'Unknown report'),
          h('span', { className: 'muted' }, ` · ${own.length} passage${own.length === 1 ? '' : 's'}`),
        ),
        list,
        more,
      );
    }),
  );
}
