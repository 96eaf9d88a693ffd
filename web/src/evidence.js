// The evidence panel: what the selected node or relationship is, and the passages behind it.

import { h, clear } from './dom.js';
import { gradeBadge, gradeSource } from './grades.js';
import { humanise, KIND_LABELS } from './network.js';
import { passageList } from './passages.js';
import { format } from './route.js';

function heading(text, kind) {
  return [
    h('p', { className: 'eyebrow' }, kind),
    h('h2', { id: 'evidence-title', tabIndex: -1 }, text),
  ];
}

function questionText(question) {
  if (!question) return null;
  const label = question.number === 0 ? 'Overall question' : `Question ${question.number}`;
  return h('p', { className: 'question' }, h('strong', {}, `${label}: `), question.title ?? '');
}

/** Loads passages into a placeholder, with a loading line and a readable failure. */
function lazyPassages(load, describeError, empty = 'No passage of the reports names it.') {
  const slot = h('div', { className: 'lazy', 'aria-busy': 'true' }, h('p', { className: 'loading-line' }, 'Loading passages…'));
  load().then(
    (passages) => {
      slot.removeAttribute('aria-busy');
      clear(slot, passageList(passages, empty));
    },
    (error) => {
      slot.removeAttribute('aria-busy');
      clear(slot, h('p', { className: 'inline-error' }, describeError(error)));
    },
  );
  return slot;
}

/** The passage a text search found, shown first and marked, loaded by id. */
function foundPassage(load, describeError) {
  return h(
    'section',
    { className: 'found' },
    h('h3', {}, 'Found in the reports’ text'),
    lazyPassages(async () => {
      const passage = await load();
      return passage ? [passage] : [];
    }, describeError, 'The passage is no longer in the graph.'),
  );
}

function backToGraph() {
  return h(
    'button',
    {
      type: 'button',
      className: 'link-button back-to-graph',
      onclick: () => document.querySelector('#graph-wrap').scrollIntoView({ block: 'start' }),
    },
    '↑ Back to the network',
  );
}

export function createEvidencePanel(container, { onSelect, describeError }) {
  function show(...children) {
    clear(container, backToGraph(), children);
    container.scrollTop = 0;
  }

  function relationships(links) {
    if (!links.length) return null;
    return h(
      'section',
      { className: 'relationships' },
      h('h3', {}, 'Relationships'),
      h(
        'ul',
        { className: 'link-list' },
        links.map((link) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', className: 'link-button', onclick: () => onSelect(link.id, { fromPanel: true }) },
              link.text,
            ),
            link.count ? h('span', { className: 'muted' }, ` · ${link.count} passage${link.count === 1 ? '' : 's'}`) : null,
          ),
        ),
      ),
    );
  }

  function entity(node, { links, focusId, loadMentions }) {
    const record = node.record ?? {};
    const kind = node.subkind && node.subkind !== 'force' ? humanise(node.subkind) : KIND_LABELS[node.kind];
    const actions = [];
    if (node.id !== focusId) {
      actions.push(h('a', { href: format({ view: node.kind, id: node.id }) }, `Centre the network on ${node.label}`));
    }
    const members = record.members ?? [];
    if (node.kind === 'organisation' && members.length) {
      actions.push(h('a', { href: format({ view: 'compare', rocu: node.id, forces: [] }) }, `Compare ${node.label}'s forces`));
    }
    if (node.kind === 'force' && node.id === focusId && record.rocu) {
      actions.push(
        h('a', { href: format({ view: 'compare', rocu: record.rocu.id, forces: [] }) }, `Compare with ${record.rocu.acronym ?? record.rocu.name}`),
      );
    }
    show(
      ...heading(node.name, kind),
      node.acronym ? h('p', { className: 'muted' }, node.acronym) : null,
      actions.length ? h('p', { className: 'actions' }, actions) : null,
      members.length
        ? h('p', {}, h('strong', {}, 'Members: '), members.map((member) => member.name).join(', '))
        : null,
      relationships(links),
      h('h3', {}, 'Passages naming it'),
      lazyPassages(() => loadMentions(node.id), describeError),
    );
  }

  function report(node, { links }) {
    const record = node.record;
    show(
      ...heading(node.name, 'Report'),
      h('p', {}, `${humanise(record.pillar)} ${record.year}. Overall grade: `, gradeBadge(record.overallGrade)),
      record.sourceUrl ? h('p', {}, h('a', { href: record.sourceUrl, rel: 'noopener' }, 'Published report')) : null,
      relationships(links),
    );
  }

  function judgment(node) {
    const record = node.record;
    show(
      ...heading(node.name, 'Judgment'),
      h('p', { className: 'muted' }, h('cite', {}, record.report?.title ?? '')),
      questionText(record.question),
      h('p', {}, 'Grade: ', gradeBadge(record.grade, record.gradeLabel ?? undefined)),
      gradeSource(record, record.report?.title),
      record.previousGrade
        ? h('p', {}, `Previous inspection${record.previousYear ? ` (${record.previousYear})` : ''}: `, gradeBadge(record.previousGrade))
        : null,
      record.summary ? h('p', { className: 'summary' }, record.summary) : null,
      h('h3', {}, 'Evidence'),
      passageList(record.evidence, 'This grade comes from a published table: no report text of it is bundled.'),
    );
  }

  function area(node) {
    const record = node.record;
    show(
      ...heading('Area for improvement', `${KIND_LABELS.area} · ${node.label}`),
      h('p', { className: 'muted' }, h('cite', {}, record.report?.title ?? '')),
      questionText(record.question),
      h('blockquote', { className: 'area-text' }, record.text),
      h('h3', {}, 'Evidence'),
      passageList(record.evidence),
    );
  }

  return {
    /** Show a node; context: { links, focusId, loadMentions }. */
    node(node, context) {
      if (node.kind === 'report') report(node, context);
      else if (node.kind === 'judgment') judgment(node, context);
      else if (node.kind === 'area') area(node, context);
      else entity(node, context);
      if (context.found) container.querySelector('#evidence-title').after(foundPassage(context.found, describeError));
    },

    /** Show a relationship between two nodes (node data of each end). */
    edge(edge, source, target) {
      const sentence = `${source.name} ${edge.label} ${target.name}`;
      const note =
        edge.rel === 'member-of'
          ? 'Membership comes from the list of each regional unit’s forces, not from a passage.'
          : null;
      show(
        ...heading(sentence, 'Relationship'),
        note ? h('p', { className: 'muted' }, note) : null,
        h('p', { className: 'actions' }, [
          h('button', { type: 'button', className: 'link-button', onclick: () => onSelect(source.id, { fromPanel: true }) }, source.label),
          ' · ',
          h('button', { type: 'button', className: 'link-button', onclick: () => onSelect(target.id, { fromPanel: true }) }, target.label),
        ]),
        edge.rel === 'member-of' ? null : h('h3', {}, 'Evidence'),
        edge.rel === 'member-of' ? null : passageList(edge.passages),
      );
    },

    empty(message) {
      show(h('h2', { id: 'evidence-title', tabIndex: -1 }, 'Evidence'), h('p', { className: 'muted' }, message));
    },

    /** Move keyboard focus to the panel's heading (after a choice made from the keyboard). */
    focus() {
      container.querySelector('#evidence-title')?.focus();
    },
  };
}
