// The network canvas: cytoscape.js with the fCoSE layout. Taps select, double taps expand; the
// keyboard list (node-list.js) offers the same two actions for every node.

import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

import { GRADES } from './grades.js';

cytoscape.use(fcose);

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';

const gradeStyles = Object.entries(GRADES).flatMap(([value, { fill }]) => [
  { selector: `node[kind = "judgment"][grade = "${value}"]`, style: { 'background-color': fill } },
  { selector: `node[kind = "report"][grade = "${value}"]`, style: { 'border-color': fill } },
]);

const STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 13,
      color: '#111',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': 120,
      'text-outline-color': '#fff',
      'text-outline-width': 2,
      'text-outline-opacity': 0.9,
      'background-color': '#ddd',
      'border-color': '#222',
      'border-width': 1,
      width: 24,
      height: 24,
    },
  },
  { selector: 'node[kind = "force"]', style: { shape: 'ellipse', 'background-color': '#56B4E9' } },
  {
    selector: 'node[kind = "organisation"]',
    style: { shape: 'round-rectangle', 'background-color': '#F0E442', width: 30, height: 20 },
  },
  { selector: 'node[subkind = "regional-unit"]', style: { 'border-width': 3, width: 42, height: 26, 'font-weight': 'bold' } },
  { selector: 'node[kind = "scheme"]', style: { shape: 'diamond', 'background-color': '#CC79A7', width: 24, height: 24 } },
  {
    selector: 'node[kind = "report"]',
    style: { shape: 'rectangle', 'background-color': '#fff', 'border-width': 4, 'border-color': '#999', width: 22, height: 28 },
  },
  { selector: 'node[kind = "judgment"]', style: { shape: 'hexagon', 'background-color': '#fff', width: 22, height: 20 } },
  {
    selector: 'node[kind = "area"]',
    style: { shape: 'tag', 'background-color': '#E5E5E5', 'border-color': '#666', width: 14, height: 14, 'font-size': 11 },
  },
  ...gradeStyles,
  {
    selector: 'node.focus',
    style: {
      width: 46,
      height: 46,
      'border-width': 3,
      'font-size': 16,
      'font-weight': 'bold',
      'text-max-width': 260,
      'z-index': 10,
    },
  },
  {
    selector: 'edge',
    style: { width: 1, 'line-color': '#b5b5b5', 'curve-style': 'bezier', 'font-family': FONT, 'font-size': 10 },
  },
  {
    selector: 'edge[rel = "works-with"]',
    style: { 'line-color': '#6b6b6b', width: 'mapData(weight, 1, 10, 1.5, 6)' },
  },
  { selector: 'edge[rel = "member-of"]', style: { 'line-color': '#000', 'line-style': 'dashed', width: 2 } },
  { selector: 'edge[rel = "uses"]', style: { 'line-color': '#A34F86', 'line-style': 'dotted', width: 2.5 } },
  { selector: '.faded', style: { opacity: 0.22 } },
  { selector: '.hidden', style: { display: 'none' } },
  {
    selector: 'node:selected',
    style: { 'underlay-color': '#000', 'underlay-opacity': 0.25, 'underlay-padding': 7, 'border-width': 3, 'border-color': '#000' },
  },
  {
    selector: 'edge:selected',
    style: {
      'line-color': '#000',
      width: 4,
      label: 'data(label)',
      'text-background-color': '#fff',
      'text-background-opacity': 1,
      'text-background-padding': 2,
    },
  },
];

const MAX_FIT_ZOOM = 1.3;

const EDGE_LENGTHS = { judged: 45, improve: 40, inspected: 110, 'member-of': 120, uses: 150, 'works-with': 170 };

function layoutOptions(randomize) {
  return {
    name: 'fcose',
    quality: 'proof',
    randomize,
    animate: !randomize,
    animationDuration: 400,
    fit: true,
    padding: 30,
    nodeSeparation: 120,
    // Partners mentioned more often sit closer to the force.
    idealEdgeLength: (edge) =>
      (EDGE_LENGTHS[edge.data('rel')] ?? 100) - Math.min(60, 6 * ((edge.data('weight') ?? 1) - 1)),
    nodeRepulsion: () => 30000,
    edgeElasticity: () => 0.3,
    gravity: 0.15,
    gravityRange: 4,
    numIter: 4000,
  };
}

export function createGraph(container, { onSelect, onExpand }) {
  const cy = cytoscape({
    container,
    style: STYLE,
    minZoom: 0.15,
    maxZoom: 3,
    boxSelectionEnabled: false,
    selectionType: 'single',
  });
  cy.on('tap', 'node, edge', (event) => onSelect(event.target.id()));
  cy.on('tap', (event) => {
    if (event.target === cy) onSelect(null);
  });
  cy.on('dbltap', 'node', (event) => onExpand(event.target.id()));
  cy.on('mouseover', 'node, edge', () => {
    container.style.cursor = 'pointer';
  });
  cy.on('mouseout', 'node, edge', () => {
    container.style.cursor = '';
  });

  /** Fit what is visible; a small network fitted to the canvas would be drawn huge, so cap the scale. */
  function fitReadable() {
    const visible = cy.elements(':visible');
    cy.fit(visible, 30);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(visible);
    }
  }

  function run(randomize) {
    return new Promise((resolve) => {
      const layout = cy.elements(':visible').layout(layoutOptions(randomize));
      layout.one('layoutstop', () => {
        fitReadable();
        resolve();
      });
      layout.run();
    });
  }

  return {
    cy,

    /** Replace everything with `elements`, centred on `focusId`. */
    async replace(elements, focusId) {
      // The page above the canvas may have moved: re-read the container's place before drawing.
      cy.resize();
      cy.elements().remove();
      cy.add(elements);
      cy.$id(focusId).addClass('focus');
      await run(true);
    },

    clear() {
      cy.elements().remove();
    },

    /** Add the elements not drawn yet; answers how many nodes were new. */
    async add(elements) {
      const fresh = elements.filter((element) => cy.getElementById(element.data.id).empty());
      if (!fresh.length) return 0;
      cy.resize();
      cy.add(fresh);
      await run(false);
      return fresh.filter((element) => element.group === 'nodes').length;
    },

    select(id) {
      cy.elements().unselect().removeClass('faded');
      if (!id) return;
      const element = cy.getElementById(id);
      if (element.empty()) return;
      element.select();
      const near = element.isNode() ? element.closedNeighborhood() : element.union(element.connectedNodes());
      cy.elements().not(near).addClass('faded');
    },

    /** Hide the nodes of the `hidden` groups, then the nodes left with nothing visible to connect to. */
    filter(hidden) {
      cy.batch(() => {
        cy.elements().removeClass('hidden');
        cy.nodes().forEach((node) => node.toggleClass('hidden', hidden.has(node.data('group'))));
        for (let pass = 0; pass < 3; pass += 1) {
          cy.edges().forEach((edge) => {
            edge.toggleClass('hidden', edge.source().hasClass('hidden') || edge.target().hasClass('hidden'));
          });
          cy.nodes().not('.focus, .hidden').forEach((node) => {
            if (node.connectedEdges().not('.hidden').empty() && node.degree() > 0) node.addClass('hidden');
          });
        }
      });
      return new Set(cy.nodes('.hidden').map((node) => node.id()));
    },

    fit() {
      fitReadable();
    },

  };
}
