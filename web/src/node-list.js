// Every node of the network as a list beside the canvas: the keyboard's (and screen reader's) way
// into the graph. One tab stop; arrow keys move, Enter shows the evidence, E (or → then Enter) expands.

import { h, clear } from './dom.js';
import { gradeBadge } from './grades.js';
import { GROUPS, KIND_LABELS } from './network.js';

const ORDER = Object.keys(GROUPS);
const EXPANDABLE = new Set(['force', 'organisation', 'scheme']);

function byWeightThenName(a, b) {
  return (b.weight ?? 0) - (a.weight ?? 0) || a.name.localeCompare(b.name);
}

function meta(node) {
  if (node.kind === 'area') return node.record?.question ? `Question ${node.record.question.number}` : '';
  if (node.kind === 'report' || node.kind === 'judgment') return '';
  const parts = [];
  if (node.label !== node.name) parts.push(node.name);
  else if (node.subkind && node.subkind !== 'force') parts.push(node.subkind.replaceAll('-', ' '));
  if (node.weight) parts.push(`${node.weight} passage${node.weight === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** The line under a node's name: its grade badge and what else it is (the name keeps the full width). */
function detail(node) {
  const graded = node.grade !== undefined && (node.kind === 'judgment' || node.kind === 'report');
  const badge = graded ? gradeBadge(node.grade, node.gradeLabel ?? undefined) : null;
  const text = meta(node);
  if (!badge && !text) return null;
  return h('span', { className: 'node-meta' }, badge, badge && text ? ' ' : null, text || null);
}

/** Reports followed by their judgments, newest report first, judgments by question. */
function gradeOrder(nodes) {
  const reports = nodes.filter((node) => node.kind === 'report');
  const judgments = nodes.filter((node) => node.kind === 'judgment');
  const ordered = [];
  for (const report of reports) {
    ordered.push(report);
    ordered.push(
      ...judgments.filter((j) => j.record?.report?.id === report.id).sort((a, b) => a.number - b.number),
    );
  }
  return ordered.concat(judgments.filter((j) => !ordered.includes(j)));
}

export function createNodeList(container, { onSelect, onExpand }) {
  let buttons = [];

  /** Scroll the list's own box to `button`; where the list is part of the page (a phone), leave the page be. */
  function showInList(button) {
    const box = container.closest('.sidebar') ?? container;
    if (getComputedStyle(box).overflowY === 'visible') return;
    const top = button.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + button.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = top + button.offsetHeight - box.clientHeight;
  }

  function item(node, state) {
    const select = h(
      'button',
      {
        type: 'button',
        className: `node-select kind-${node.kind}`,
        tabIndex: -1,
        dataset: { id: node.id },
        'aria-current': node.id === state.selectedId ? 'true' : null,
        'aria-label': `${KIND_LABELS[node.kind]}: ${node.kind === 'area' ? node.name : node.label}${
          node.gradeLabel ? `, ${node.gradeLabel}` : ''
        }${node.label !== node.name && node.kind !== 'area' ? ` (${node.name})` : ''}`,
        onclick: () => onSelect(node.id, { fromList: true }),
      },
      h('span', { className: `swatch swatch-${node.kind}`, 'aria-hidden': 'true' }),
      h('span', { className: 'node-name', title: node.kind === 'area' ? null : node.name }, node.kind === 'area' ? node.name : node.label),
      detail(node),
    );
    const expandable = EXPANDABLE.has(node.kind) && node.id !== state.focusId && !state.expanded.has(node.id);
    const expand = expandable
      ? h(
          'button',
          {
            type: 'button',
            className: 'node-expand',
            tabIndex: -1,
            title: 'Expand: draw its own relationships',
            'aria-label': `Expand ${node.label}: draw its own relationships`,
            onclick: () => onExpand(node.id),
          },
          '+',
        )
      : null;
    return h(
      'li',
      { className: `node-item${node.kind === 'judgment' ? ' nested' : ''}`, hidden: state.hidden.has(node.id) },
      select,
      expand,
    );
  }

  function focusButton(index) {
    const visible = buttons.filter((button) => !button.closest('li').hidden);
    if (!visible.length) return;
    const target = visible[Math.max(0, Math.min(index, visible.length - 1))];
    for (const button of buttons) button.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  }

  container.addEventListener('keydown', (event) => {
    const current = event.target.closest('li')?.querySelector('.node-select');
    if (!current) return;
    const visible = buttons.filter((button) => !button.closest('li').hidden);
    const index = visible.indexOf(current);
    const keys = {
      ArrowDown: () => focusButton(index + 1),
      ArrowUp: () => focusButton(index - 1),
      Home: () => focusButton(0),
      End: () => focusButton(visible.length - 1),
      ArrowRight: () => current.parentElement.querySelector('.node-expand')?.focus(),
      ArrowLeft: () => current.focus(),
      e: () => current.parentElement.querySelector('.node-expand')?.click(),
    };
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action = keys[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  return {
    /** Draw the list for `nodes` (node data); state: { focusId, selectedId, expanded, hidden }. */
    render(nodes, state) {
      // Keep the keyboard where it was: on the same node's row (its expand button may be gone).
      const hadFocus = container.contains(document.activeElement)
        ? document.activeElement.closest('li')?.querySelector('.node-select')?.dataset.id
        : null;
      const sections = ORDER.map((group) => {
        let members = nodes.filter((node) => node.group === group);
        if (!members.length) return null;
        members = group === 'grade' ? gradeOrder(members) : members.sort(byWeightThenName);
        const headingId = `node-group-${group}`;
        return h(
          'section',
          { className: 'node-group', 'aria-labelledby': headingId },
          h('h3', { id: headingId }, `${GROUPS[group]} `, h('span', { className: 'count' }, `(${members.length})`)),
          h('ul', { role: 'list' }, members.map((node) => item(node, state))),
        );
      });
      clear(container, sections);
      buttons = [...container.querySelectorAll('.node-select')];
      const active = buttons.find((button) => button.dataset.id === (hadFocus ?? state.selectedId)) ?? buttons[0];
      if (active) active.tabIndex = 0;
      if (hadFocus && active) active.focus();
    },

    /** Mark `id` as the selected node without redrawing. */
    mark(id) {
      for (const button of buttons) {
        if (button.dataset.id === id) button.setAttribute('aria-current', 'true');
        else button.removeAttribute('aria-current');
      }
      const selected = buttons.find((button) => button.dataset.id === id);
      if (selected) {
        for (const button of buttons) button.tabIndex = -1;
        selected.tabIndex = 0;
        showInList(selected);
      }
    },
  };
}
