// The network canvas: cytoscape.js with the fCoSE layout. Taps select, double taps expand; the
// keyboard list (node-list.js) offers the same two actions for every node.

import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

import { GRADES } from './grades.js';
import { distinctLabels } from './network.js';

cytoscape.use(fcose);

// Labels keep one size on the screen whatever the zoom (LABEL_PX), and a label that would overlap a more
// important one is left out until zooming in makes room for it (cullLabels); hovering shows any node's name.
const LABEL_PX = { focus: 15, area: 11, other: 12 };
const LABEL_WIDTH_PX = 140;
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
      'text-wrap': 'wrap',
      'text-max-width': LABEL_WIDTH_PX,
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
  { selector: 'node.label-culled', style: { 'text-opacity': 0 } },
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
/** On a narrow screen a whole network fitted would be specks: start no smaller than this, on the focus. */
const MIN_NARROW_ZOOM = 0.55;
const NARROW = '(max-width: 700px)'; // as styles.css's phone layout

/** Which labels win a place first: the selection and its neighbours, the focus, then by kind and weight. */
function labelRank(node, selected) {
  if (selected?.same(node)) return 0;
  if (node.hasClass('focus')) return 1;
  if (selected?.neighborhood().contains(node)) return 2;
  const kind = { organisation: 3, force: 3, scheme: 4, report: 5, judgment: 6, area: 7 }[node.data('kind')] ?? 8;
  // Within a kind, the better connected first (an expanded force, a much-mentioned partner).
  return kind + (node.data('subkind') === 'regional-unit' ? -1 : 0) - Math.min(0.9, node.degree() / 20);
}

function overlaps(a, b) {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** Whether a label fits in the view: one the canvas edge would cut is left out like an overlapping one. */
function inside(box, view) {
  return box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2;
}

const EDGE_LENGTHS = { judged: 45, improve: 40, inspected: 110, 'member-of': 120, uses: 150, 'works-with': 170 };

function layoutOptions(randomize) {
  return {
    name: 'fcose',
    quality: 'proof',
    randomize,
    animate: !randomize,
    animationDuration: 400,
    fit: false,
    padding: 30,
    nodeSeparation: 120,
    nodeDimensionsIncludeLabels: true,
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
  // Cytoscape keeps where its canvas sits on the page; text above it that wraps differently (a phone) moves it
  // without a resize event, so re-read the place before a pointer is mapped onto the drawing.
  for (const type of ['pointerenter', 'pointerdown']) container.addEventListener(type, () => cy.resize(), { capture: true });
  cy.on('tap', 'node, edge', (event) => onSelect(event.target.id()));
  cy.on('tap', (event) => {
    if (event.target === cy) onSelect(null);
  });
  cy.on('dbltap', 'node', (event) => onExpand(event.target.id()));
  const tip = document.createElement('div');
  tip.className = 'graph-tip';
  tip.hidden = true;
  tip.setAttribute('aria-hidden', 'true'); // the list beside the canvas names every node for assistive tech
  container.parentElement.append(tip);
  cy.on('mouseover', 'node, edge', (event) => {
    container.style.cursor = 'pointer';
    if (!event.target.isNode()) return;
    const { name, label } = event.target.data();
    tip.textContent = name && name !== label ? `${label} — ${name}` : label;
    const at = event.target.renderedPosition();
    tip.style.left = `${at.x}px`;
    tip.style.top = `${at.y - event.target.renderedOuterHeight() / 2 - 6}px`;
    tip.hidden = false;
  });
  cy.on('mouseout', 'node, edge', () => {
    container.style.cursor = '';
    tip.hidden = true;
  });
  cy.on('viewport', () => {
    tip.hidden = true;
  });

  /** Fit what is visible; a small network fitted to the canvas would be drawn huge, so cap the scale, and a
   * big one on a phone would be specks, so keep a readable scale there and centre on the focus. */
  function fitReadable() {
    const visible = cy.elements(':visible');
    fitNodes(visible);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(visible);
    } else if (window.matchMedia(NARROW).matches && cy.zoom() < MIN_NARROW_ZOOM) {
      cy.zoom(MIN_NARROW_ZOOM);
      cy.center(cy.nodes('.focus:visible').nonempty() ? cy.nodes('.focus') : visible);
    }
    sizeLabels();
  }

  /** Fit the nodes themselves: labels keep their screen size, so they only need a margin round the edge. */
  function fitNodes(elements) {
    const box = elements.nodes().boundingBox({ includeLabels: false, includeOverlays: false });
    if (!box.w && !box.h) return;
    const margin = { x: 70, y: 40 }; // half a label's width beside the outer nodes, a line or two below
    const zoom = Math.min((cy.width() - 2 * margin.x) / Math.max(box.w, 1), (cy.height() - 2 * margin.y) / Math.max(box.h, 1));
    cy.zoom(Math.max(cy.minZoom(), Math.min(cy.maxZoom(), zoom)));
    cy.center(elements);
  }

  /** Labels at one size on the screen: their model size is the screen size over the zoom (at `zoom`, the
   * current one unless a layout asks for the sizes of zoom 1). */
  function sizeLabels(zoom = cy.zoom()) {
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const px = node.hasClass('focus') ? LABEL_PX.focus : (LABEL_PX[node.data('kind')] ?? LABEL_PX.other);
        node.style({
          'font-size': px / zoom,
          'text-max-width': (node.hasClass('focus') ? 2 : 1) * LABEL_WIDTH_PX / zoom,
          'text-margin-y': 3 / zoom,
          'text-outline-width': 2 / zoom,
        });
      });
    });
    if (zoom === cy.zoom()) cullLabels();
  }

  /** Leave out each label that would overlap a label drawn already (more important ones first) or a node. */
  function cullLabels() {
    const nodes = cy.nodes(':visible');
    cy.batch(() => nodes.removeClass('label-culled'));
    const selected = cy.nodes(':selected').first();
    const view = cy.extent();
    const bodies = nodes.map((node) => ({ node, box: node.boundingBox({ includeLabels: false, includeOverlays: false }) }));
    const shown = [];
    const culled = [];
    const ranked = nodes.toArray().sort((a, b) => labelRank(a, selected.nonempty() ? selected : null) - labelRank(b, selected.nonempty() ? selected : null));
    for (const node of ranked) {
      const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false, includeUnderlays: false });
      const clash =
        !inside(box, view) ||
        shown.some((other) => overlaps(box, other)) ||
        bodies.some((body) => body.node !== node && overlaps(box, body.box));
      if (clash && (node !== ranked[0] || !inside(box, view))) culled.push(node);
      else shown.push(box);
    }
    cy.batch(() => cy.collection(culled).addClass('label-culled'));
  }

  // One frame's work for any number of zooms, pans, moves and selections: resize the labels after a zoom
  // (which culls them as well), else only cull them again.
  let pending = null;
  let resize = false;
  function later(sizes) {
    resize ||= sizes;
    if (pending !== null) return;
    pending = requestAnimationFrame(() => {
      pending = null;
      const sizing = resize;
      resize = false;
      if (sizing) sizeLabels();
      else cullLabels();
    });
  }
  cy.on('zoom', () => later(true));
  cy.on('pan select unselect', () => later(false));
  cy.on('position', 'node', () => later(false));

  /** Labels that tell the drawn nodes apart (a report names its force once other forces are drawn). */
  function relabel() {
    const labels = distinctLabels(cy.nodes().map((node) => node.data()));
    cy.batch(() => cy.nodes().forEach((node) => node.data('label', labels.get(node.id()))));
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
      relabel();
      sizeLabels(1);
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
      relabel();
      sizeLabels(1);
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
