// The GraphQL documents the Explorer sends, and typed loaders over them.

import { cached, request } from './api.js';

const EVIDENCE = `
fragment Evidence on Passage {
  id
  page
  text
  role
  report { id title year pillar force { id } }
}`;

const FORCE_NETWORK = `
query ForceNetwork($id: ID!) {
  force(id: $id) {
    id
    name
    rocu { id name acronym kind members { id name } }
    partners { id name acronym kind mentions passages(first: 20) { ...Evidence } }
    schemes { id name acronym kind mentions(first: 20, role: FORCE) { ...Evidence } }
    reports {
      id title year pillar sourceUrl overallGrade
      judgments {
        id grade gradeLabel previousGrade previousYear summary
        gradeSource basis sourceUrl page asked
        question { id number title }
        evidence { ...Evidence }
      }
      areasForImprovement { id text question { number title } evidence { ...Evidence } }
    }
  }
}
${EVIDENCE}`;

const ORGANISATION_NETWORK = `
query OrganisationNetwork($id: ID!) {
  organisation(id: $id) {
    id name acronym kind alias
    members { id name }
    forces { id name }
    mentions { ...Evidence }
  }
}
${EVIDENCE}`;

const SCHEME_NETWORK = `
query SchemeNetwork($id: ID!) {
  scheme(id: $id) {
    id name acronym kind
    forces { id name }
    mentions { ...Evidence }
  }
}
${EVIDENCE}`;

const MENTIONS = `
query Mentions($id: ID!) {
  node(id: $id) {
    id
    ... on Entity { name mentions { ...Evidence } }
  }
}
${EVIDENCE}`;

const FORCES = `
query Forces {
  forces(first: 100) { edges { node { id name rocu { id acronym } } } }
}`;

const SUGGEST = `
query Suggest($text: String!) {
  organisations(search: $text, first: 8) { edges { node { id name acronym kind } } }
  schemes(search: $text, first: 8) { edges { node { id name acronym kind } } }
}`;

const TEXT_SEARCH = `
query TextSearch($text: String!, $first: Int!) {
  search(text: $text, first: $first) {
    kind
    text
    node { id }
    passage { ...Evidence }
    report { id title year pillar }
    force { id name }
  }
}
${EVIDENCE}`;

const PASSAGE = `
query Passage($id: ID!) {
  node(id: $id) { ... on Passage { ...Evidence } }
}
${EVIDENCE}`;

const UNITS = `
query Units {
  organisations(kind: "regional-unit", first: 100) { edges { node { id name acronym members { id } } } }
  questions { pillar }
  reports(first: 100) { edges { node { year } } }
}`;

const COMPARE = `
query Compare($pillar: Pillar!, $rocu: ID, $ids: [ID!], $year: Int) {
  compareForces(pillar: $pillar, rocu: $rocu, ids: $ids, year: $year) {
    pillar
    year
    questions { id number title years ungradedYears }
    rows {
      force { id name }
      report { id title year }
      grades
      judgments {
        id grade gradeLabel previousGrade summary
        gradeSource basis sourceUrl page asked
        question { number title }
        evidence { ...Evidence }
      }
    }
  }
}
${EVIDENCE}`;

const nodes = (connection) => connection.edges.map((edge) => edge.node);

export const loadForce = cached(async (id) => (await request(FORCE_NETWORK, { id })).force);
export const loadOrganisation = cached(async (id) => (await request(ORGANISATION_NETWORK, { id })).organisation);
export const loadScheme = cached(async (id) => (await request(SCHEME_NETWORK, { id })).scheme);
export const loadMentions = cached(async (id) => (await request(MENTIONS, { id })).node?.mentions ?? []);
export const loadForces = cached(async () => nodes((await request(FORCES)).forces));

/** Organisations and schemes whose name or acronym contains `text`. */
export async function suggest(text, { signal } = {}) {
  const data = await request(SUGGEST, { text }, { signal });
  return { organisations: nodes(data.organisations), schemes: nodes(data.schemes) };
}

/** The API's full-text search of the reports' passages, areas for improvement and judgment summaries. */
export async function searchText(text, { first = 5, signal } = {}) {
  return (await request(TEXT_SEARCH, { text, first }, { signal })).search;
}

/** A passage by id (a search hit's, named in the URL). */
export const loadPassage = cached(async (id) => (await request(PASSAGE, { id })).node ?? null);

/** The regional units that have member forces, the pillars and the years with reports. */
export const loadChoices = cached(async () => {
  const data = await request(UNITS);
  return {
    units: nodes(data.organisations).filter((unit) => unit.members.length > 0),
    pillars: [...new Set(data.questions.map((question) => question.pillar))],
    years: [...new Set(nodes(data.reports).map((report) => report.year))].sort((a, b) => b - a),
  };
});

export function compare({ pillar, rocu, forces, year }) {
  const variables = { pillar, year: year ?? null, rocu: rocu ?? null, ids: rocu ? null : forces };
  return request(COMPARE, variables).then((data) => data.compareForces);
}

/** Loaders by the kind of thing a route names. */
export const LOADERS = { force: loadForce, organisation: loadOrganisation, scheme: loadScheme };
