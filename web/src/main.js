// The Explorer: routes the URL hash to the network or the comparison view and wires the parts.

import './styles.css';

import { createCompareView } from './compare.js';
import { createEvidencePanel } from './evidence.js';
import { gradeLegend } from './grades.js';
import { createGraph } from './graph-view.js';
import { ELEMENTS, GROUPS, KIND_LABELS, title } from './network.js';
import { createNodeList } from './node-list.js';
import {
  compare,
  loadChoices,
  loadForces,
  loadMentions,
  loadPassage,
  LOADERS,
  searchText,
  suggest,
} from './queries.js';
import { current, DEFAULT_ROUTE, format, go } from './route.js';
import { createSearch, entityFinder, forceFinder } from './search.js';
import { createStatus, describeError, NotFound } from './status.js';

const $ = (selector) => document.querySelector(selector);

const HINT =
  'Select a node or a relationship (click it, or pick it in the list) to see the passages behind it. ' +
  'Double-click a node, or press E on it in the list, to draw its own relationships.';

const status = createStatus($('#status'), $('#alert'));
const networkView = $('#network-view');
const compareView = $('#compare-view');
const graphWrap = $('#graph-wrap');

const state = {
  route: null,
  focus: null, // { kind, id, record }
  selectedId: null,
  expanded: new Set(),
  hiddenGroups: new Set(),
  hiddenNodes: new Set(),
  generation: 0,
};

const graph = createGraph($('#graph'), { onSelect: select, onExpand: expand });
const list = createNodeList($('#node-list'), { onSelect: select, onExpand: expand });
const evidence = createEvidencePanel($('#evidence'), { onSelect: select, describeError });
$('#graph-legend').append(gradeLegend());

function nodesData() {
  return graph.cy.nodes().map((node) => node.data());
}

function redrawList() {
  list.render(nodesData(), {
    focusId: state.focus?.id,
    selectedId: state.selectedId,
    expanded: state.expanded,
    hidden: state.hiddenNodes,
  });
}

function applyFilters() {
  state.hiddenNodes = graph.filter(state.hiddenGroups);
  redrawList();
  countDrawn();
}

const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The header's count of what is drawn, kept up to date as nodes are expanded or filtered out. */
function countDrawn() {
  const nodes = graph.cy.nodes().length;
  const edges = graph.cy.edges().length;
  const hidden = state.hiddenNodes.size;
  $('#network-summary').textContent =
    `${plural(nodes, 'node')}, ${plural(edges, 'relationship')}` + (hidden ? ` (${hidden} hidden by the filters).` : '.');
}

/** Names seen so far (search choices, drawn nodes, the list of forces), for messages before an answer. */
const knownNames = new Map();

function nameOf(kind, id) {
  const drawn = graph.cy.getElementById(id);
  if (drawn.nonempty()) return drawn.data('name');
  return knownNames.get(`${kind}:${id}`) ?? null;
}

const NARROW = window.matchMedia('(max-width: 700px)');

/** On a phone the evidence is below the network: bring it into view when something is chosen. */
function revealEvidence() {
  if (!NARROW.matches) return;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  $('#evidence').scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
}

function relationSentence(edge) {
  return `${edge.source().data('label')} ${edge.data('label')} ${edge.target().data('label')}`;
}

/** Select a node or relationship and show its evidence; `passage` (an id) is a passage found in the text. */
function select(id, { fromPanel = false, passage = null } = {}) {
  state.selectedId = id;
  graph.select(id);
  list.mark(id);
  const element = id ? graph.cy.getElementById(id) : null;
  if (!element || element.empty()) {
    evidence.empty(HINT);
    return;
  }
  if (element.isNode()) {
    const links = element
      .connectedEdges()
      .map((edge) => ({ id: edge.id(), text: relationSentence(edge), count: edge.data('passages')?.length ?? 0 }))
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
    const found = passage ? () => loadPassage(passage) : null;
    evidence.node(element.data(), { links, focusId: state.focus?.id, loadMentions, found });
    status.notice(`Showing ${KIND_LABELS[element.data('kind')].toLowerCase()} ${element.data('label')}.`);
  } else {
    evidence.edge(element.data(), element.source().data(), element.target().data());
    status.notice(`Showing the relationship: ${relationSentence(element)}.`);
  }
  if (fromPanel) evidence.focus();
  else revealEvidence();
}

async function expand(id) {
  const node = graph.cy.getElementById(id);
  const kind = node.data('kind');
  const label = node.data('label');
  if (!LOADERS[kind]) {
    status.notice(`${label} has no relationships of its own to draw.`);
    return;
  }
  if (state.expanded.has(id)) {
    status.notice(`${label}'s relationships are already drawn.`);
    return;
  }
  const mine = state.generation;
  status.loading(`Drawing ${label}'s relationships…`);
  graphWrap.setAttribute('aria-busy', 'true');
  try {
    const record = await LOADERS[kind](id);
    if (mine !== state.generation) return;
    if (record) node.data('record', { ...node.data('record'), ...record });
    const added = record ? await graph.add(ELEMENTS[kind](record)) : 0;
    state.expanded.add(id);
    applyFilters();
    status.done(added ? `Added ${plural(added, 'node')} around ${label}.` : `${label} has no relationships that are not drawn yet.`);
  } catch (error) {
    status.failed(error, () => expand(id));
  } finally {
    graphWrap.removeAttribute('aria-busy');
  }
}

function showView(name) {
  networkView.hidden = name !== 'network';
  compareView.hidden = name !== 'compare';
  $('#nav-network').toggleAttribute('aria-current', name === 'network');
  $('#nav-compare').toggleAttribute('aria-current', name === 'compare');
  if (name === 'network') $('#nav-network').setAttribute('aria-current', 'page');
  if (name === 'compare') $('#nav-compare').setAttribute('aria-current', 'page');
}

function updateNav() {
  const focus = state.focus ?? DEFAULT_ROUTE;
  $('#nav-network').href = format({ view: focus.kind ?? focus.view, id: focus.id });
  const rocu = state.focus?.kind === 'force' ? state.focus.record.rocu?.id : null;
  const unit = state.route?.view === 'compare' ? state.route : null;
  $('#nav-compare').href = unit ? format(unit) : format({ view: 'compare', rocu: rocu ?? 'ersou', forces: [] });
}

/** After a failure: an empty canvas rather than a network the URL no longer names. */
function nothingToShow() {
  state.focus = null;
  state.selectedId = null;
  graph.clear();
  redrawList();
  $('#network-title').textContent = 'No network to show';
  $('#network-summary').textContent = '\u00a0';
  $('#compare-link').hidden = true;
  evidence.empty('Nothing is selected.');
}

async function showNetwork(route) {
  showView('network');
  const mine = (state.generation += 1);
  const known = nameOf(route.view, route.id);
  status.loading(known ? `Loading the network of ${known}…` : `Loading the ${route.view}’s network…`);
  graphWrap.setAttribute('aria-busy', 'true');
  try {
    const record = await LOADERS[route.view](route.id);
    if (mine !== state.generation) return;
    if (!record) {
      nothingToShow();
      status.failed(new NotFound(`There is no ${route.view} “${route.id}” in the graph. Try the search box.`));
      return;
    }
    state.focus = { kind: route.view, id: route.id, record };
    state.expanded = new Set([route.id]);
    state.selectedId = null;
    const name = title(route.view, record);
    $('#network-title').textContent = name;
    document.title = `${name} — peelgraph Explorer`;
    const compareLink = $('#compare-link');
    const unit = route.view === 'force' ? record.rocu : record.members?.length ? record : null;
    compareLink.hidden = !unit;
    if (unit) {
      compareLink.href = format({ view: 'compare', rocu: unit.id, forces: [] });
      compareLink.textContent = `Compare ${unit.acronym ?? unit.name}'s forces`;
    }
    const elements = ELEMENTS[route.view](record);
    await graph.replace(elements, route.id);
    if (mine !== state.generation) return;
    applyFilters();
    evidence.empty(HINT);
    updateNav();
    if (route.node) select(route.node, { passage: route.passage });
    status.done(`Showing the network of ${name}: ${plural(graph.cy.nodes().length, 'node')}.`);
  } catch (error) {
    if (mine === state.generation) {
      nothingToShow();
      status.failed(error, () => showNetwork(route));
    }
  } finally {
    if (mine === state.generation) graphWrap.removeAttribute('aria-busy');
  }
}

const compareViewer = createCompareView(compareView, {
  loadChoices,
  compare,
  loadForces,
  findForces: forceFinder({ loadForces }),
  status,
  describeError,
});

function route() {
  const next = current();
  if (!next) {
    history.replaceState(null, '', format(DEFAULT_ROUTE));
    return route();
  }
  const previous = state.route;
  state.route = next;
  updateNav();
  const sameNetwork =
    previous && next.view === previous.view && next.id === previous.id && state.focus?.id === next.id;
  if (sameNetwork && next.view !== 'compare') {
    // Only the chosen node (or found passage) changed: keep the drawing.
    select(next.node, { passage: next.passage });
    return undefined;
  }
  if (next.view === 'compare') {
    state.generation += 1;
    showView('compare');
    document.title = 'Compare forces — peelgraph Explorer';
    return compareViewer.show(next);
  }
  return showNetwork(next);
}

/** Where a search choice leads: a thing's own network, or a text hit's force with the node that matched. */
function destination(option) {
  if (option.kind !== 'text') {
    knownNames.set(`${option.kind}:${option.id}`, option.name);
    return { view: option.kind, id: option.id };
  }
  const { hit } = option;
  knownNames.set(`force:${hit.force.id}`, hit.force.name);
  // A passage is drawn as its report; an area for improvement or a judgment as itself.
  const node = hit.kind === 'PASSAGE' ? hit.report?.id : hit.node.id;
  return { view: 'force', id: hit.force.id, node, passage: hit.passage?.id ?? null };
}

createSearch($('#search-input'), $('#search-options'), {
  find: entityFinder({ loadForces, suggest, searchText }),
  describeError,
  onPick: (option) => {
    if (!go(destination(option))) route();
  },
});

loadForces().then(
  (forces) => forces.forEach((force) => knownNames.set(`force:${force.id}`, force.name)),
  () => {}, // the network's own request reports the API's failures
);

for (const [group, label] of Object.entries(GROUPS)) {
  if (group === 'focus') continue;
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = true;
  box.id = `show-${group}`;
  box.addEventListener('change', () => {
    if (box.checked) state.hiddenGroups.delete(group);
    else state.hiddenGroups.add(group);
    applyFilters();
    graph.fit();
  });
  const text = document.createElement('label');
  text.htmlFor = box.id;
  text.textContent = label;
  const row = document.createElement('div');
  row.append(box, text);
  $('#filters').append(row);
}

$('#fit-button').addEventListener('click', () => graph.fit());
window.addEventListener('hashchange', route);

/** A stable handle for tests and the curious: the cytoscape instance and the current state. */
window.peelgraphExplorer = {
  get cy() {
    return graph.cy;
  },
  state,
  select,
  expand,
};

route();
