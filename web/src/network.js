// Turns API answers into graph elements: plain objects, no DOM and no cytoscape, so the same
// elements feed the canvas and the keyboard list.
//
// Node data: { id, kind, group, label, name, subkind, grade, gradeLabel, weight, record }, and for a report,
//   judgment or area its force (owner, ownerId), its own label (base) and what can qualify it (context):
//   `label` is what is drawn, made distinct from the other drawn nodes' by distinctLabels.
//   kind is force | organisation | scheme | report | judgment | area;
//   group is how the list sorts and the filters hide it: focus | unit | partner | scheme | grade | area.
// Edge data: { id, source, target, rel, label, passages, weight }
//   rel is member-of | works-with | uses | inspected | judged | improve.

import { grade } from './grades.js';

export const KIND_LABELS = {
  force: 'Force',
  organisation: 'Organisation',
  scheme: 'Scheme',
  report: 'Report',
  judgment: 'Judgment',
  area: 'Area for improvement',
};

export const GROUPS = {
  focus: 'Centre of the network',
  unit: 'Regional unit and members',
  partner: 'Partners',
  scheme: 'Schemes',
  grade: 'Reports and judgments',
  area: 'Areas for improvement',
};

export const RELATION_LABELS = {
  'member-of': 'member of',
  'works-with': 'works with',
  uses: 'uses',
  inspected: 'inspected in',
  judged: 'judged',
  improve: 'area for improvement',
};

const FORCE_SUFFIX = / (Police Service|Police|Constabulary)$/;

export function shortForceName(name) {
  return name.replace(FORCE_SUFFIX, '');
}

export function humanise(kind) {
  if (!kind) return '';
  const text = kind.replaceAll('-', ' ');
  return text[0].toUpperCase() + text.slice(1);
}

function capitalise(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

class Elements {
  constructor() {
    this.nodes = new Map();
    this.edges = new Map();
  }

  node(data) {
    const known = this.nodes.get(data.id);
    if (known) {
      // The same thing reached twice (a ROCU that is also a partner): keep the richer record.
      for (const [key, value] of Object.entries(data)) if (known[key] == null && value != null) known[key] = value;
      return known;
    }
    this.nodes.set(data.id, data);
    return data;
  }

  edge(source, rel, target, extra = {}) {
    const id = `${source}~${rel}~${target}`;
    const label = RELATION_LABELS[rel];
    if (!this.edges.has(id)) this.edges.set(id, { id, source, target, rel, label, passages: [], weight: 1, ...extra });
    return this.edges.get(id);
  }

  list() {
    return [
      ...[...this.nodes.values()].map((data) => ({ group: 'nodes', data })),
      ...[...this.edges.values()].map((data) => ({ group: 'edges', data })),
    ];
  }
}

function forceNode(force) {
  return { id: force.id, kind: 'force', label: shortForceName(force.name), name: force.name, subkind: 'force' };
}

function organisationNode(organisation) {
  return {
    id: organisation.id,
    kind: 'organisation',
    label: organisation.acronym || organisation.name,
    name: organisation.name,
    acronym: organisation.acronym ?? null,
    subkind: organisation.kind ?? null,
  };
}

function schemeNode(scheme) {
  return {
    id: scheme.id,
    kind: 'scheme',
    label: scheme.acronym || scheme.name,
    name: scheme.name,
    acronym: scheme.acronym ?? null,
    subkind: scheme.kind ?? null,
  };
}

function partnerNode(partner) {
  return partner.kind === 'force' ? forceNode(partner) : organisationNode(partner);
}

/** The passages of `forceId`'s own reports (all of them when none is tagged with a force). */
function ofForce(passages, forceId) {
  const own = passages.filter((passage) => passage.report?.force?.id === forceId);
  return own.length || passages.some((passage) => passage.report?.force) ? own : passages;
}

function questionLabel(number) {
  return number === 0 ? 'Overall' : `Q${number}`;
}

function reportLabel(report) {
  return `${capitalise(report.pillar)} ${report.year}`;
}

/** A force's network: its ROCU and fellow members, partners, schemes, reports, judgments and areas. */
export function forceElements(force) {
  const elements = new Elements();
  elements.node({ ...forceNode(force), group: 'focus', record: force });
  if (force.rocu) {
    elements.node({ ...organisationNode(force.rocu), group: 'unit', record: force.rocu });
    for (const member of force.rocu.members) {
      elements.node({ ...forceNode(member), group: 'unit' });
      elements.edge(member.id, 'member-of', force.rocu.id);
    }
    elements.edge(force.id, 'member-of', force.rocu.id);
  }
  for (const partner of force.partners) {
    elements.node({ ...partnerNode(partner), group: 'partner', weight: partner.mentions });
    elements.edge(force.id, 'works-with', partner.id, { passages: partner.passages, weight: partner.mentions });
  }
  for (const scheme of force.schemes) {
    const passages = ofForce(scheme.mentions, force.id);
    elements.node({ ...schemeNode(scheme), group: 'scheme', weight: passages.length });
    elements.edge(force.id, 'uses', scheme.id, { passages, weight: passages.length });
  }
  const owner = { owner: shortForceName(force.name), ownerId: force.id };
  for (const report of force.reports) {
    elements.node({
      id: report.id,
      kind: 'report',
      group: 'grade',
      ...owner,
      context: [],
      base: reportLabel(report),
      label: reportLabel(report),
      name: report.title ?? report.id,
      grade: report.overallGrade,
      gradeLabel: report.overallGrade ? grade(report.overallGrade).label : null,
      record: report,
    });
    elements.edge(force.id, 'inspected', report.id);
    const judgmentOf = new Map();
    for (const judgment of report.judgments) {
      const number = judgment.question?.number;
      const initials = grade(judgment.grade).initials;
      elements.node({
        id: judgment.id,
        kind: 'judgment',
        group: 'grade',
        ...owner,
        context: [reportLabel(report)],
        base: `${questionLabel(number)} · ${initials}`,
        label: `${questionLabel(number)} · ${initials}`,
        name: `${reportLabel(report)}, ${number === 0 ? 'overall question' : `question ${number}`}`,
        grade: judgment.grade,
        gradeLabel: judgment.gradeLabel ?? grade(judgment.grade).label,
        number,
        record: { ...judgment, report },
      });
      elements.edge(report.id, 'judged', judgment.id, { passages: judgment.evidence });
      judgmentOf.set(number, judgment.id);
    }
    report.areasForImprovement.forEach((area, index) => {
      const number = area.question?.number;
      elements.node({
        id: area.id,
        kind: 'area',
        group: 'area',
        ...owner,
        context: [reportLabel(report)],
        base: `AFI ${index + 1}`,
        label: `AFI ${index + 1}`,
        name: area.text,
        number,
        record: { ...area, report },
      });
      elements.edge(judgmentOf.get(number) ?? report.id, 'improve', area.id, { passages: area.evidence });
    });
  }
  return elements.list();
}

/** An organisation's network: its member forces and the forces whose reports show them working with it. */
export function organisationElements(organisation) {
  const elements = new Elements();
  elements.node({ ...organisationNode(organisation), group: 'focus', record: organisation });
  for (const member of organisation.members) {
    elements.node({ ...forceNode(member), group: 'unit' });
    elements.edge(member.id, 'member-of', organisation.id);
  }
  for (const force of organisation.forces) {
    const passages = ofForce(organisation.mentions, force.id);
    elements.node({ ...forceNode(force), group: 'partner' });
    elements.edge(force.id, 'works-with', organisation.id, { passages, weight: passages.length });
  }
  return elements.list();
}

/** A scheme's network: the forces whose reports show them using it. */
export function schemeElements(scheme) {
  const elements = new Elements();
  elements.node({ ...schemeNode(scheme), group: 'focus', record: scheme });
  for (const force of scheme.forces) {
    const passages = ofForce(scheme.mentions, force.id);
    elements.node({ ...forceNode(force), group: 'partner' });
    elements.edge(force.id, 'uses', scheme.id, { passages, weight: passages.length });
  }
  return elements.list();
}

export const ELEMENTS = { force: forceElements, organisation: organisationElements, scheme: schemeElements };

/**
 * Labels that tell the drawn nodes apart. Once more than one force is drawn, a report's label names its force,
 * and once reports of more than one force are drawn, so do judgments' and areas'; a label still shared names
 * its report as well. `nodes` is node data (with `base`, `context` and `owner` where a label can need them);
 * answers id → label.
 */
export function distinctLabels(nodes) {
  const forces = nodes.filter((node) => node.kind === 'force').length;
  const owners = new Set(nodes.filter((node) => node.kind === 'report').map((node) => node.ownerId));
  // Each node's labels from the shortest to the most specific, and the one to start from.
  const levels = new Map();
  for (const node of nodes) {
    if (node.base === undefined) {
      levels.set(node.id, { labels: [node.label], at: 0 });
    } else if (node.kind === 'report') {
      levels.set(node.id, { labels: [node.base, `${node.owner} · ${node.base}`], at: forces > 1 ? 1 : 0 });
    } else {
      const report = node.context?.[0];
      const labels = [node.base, `${node.owner} · ${node.base}`, `${node.owner} · ${report} · ${node.base}`];
      levels.set(node.id, { labels, at: owners.size > 1 ? 1 : 0 });
    }
  }
  const labelOf = (id) => levels.get(id).labels[levels.get(id).at];
  for (let changed = true; changed; ) {
    changed = false;
    const alike = new Map();
    for (const node of nodes) alike.set(labelOf(node.id), [...(alike.get(labelOf(node.id)) ?? []), node.id]);
    for (const group of alike.values()) {
      if (group.length < 2) continue;
      for (const id of group) {
        const level = levels.get(id);
        if (level.at < level.labels.length - 1) {
          // Naming the force alone cannot part two of the same force: go straight to naming the report too.
          level.at = level.at === 0 && level.labels.length === 3 && owners.size <= 1 ? 2 : level.at + 1;
          changed = true;
        }
      }
    }
  }
  return new Map(nodes.map((node) => [node.id, labelOf(node.id)]));
}

/** What a network is of, for headings: "Cambridgeshire Constabulary", "ERSOU (Eastern Region…)". */
export function title(kind, record) {
  if (kind !== 'force' && record.acronym) return `${record.name} (${record.acronym})`;
  return record.name;
}
