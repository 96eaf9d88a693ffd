// Typed loaders over the GraphQL documents the Explorer sends (documents.js).

import { cached, request } from './api.js';
import {
  COMPARE, FORCE_NETWORK, FORCES, MENTIONS, ORGANISATION_NETWORK, PASSAGE, SCHEME_NETWORK, SUGGEST, TEXT_SEARCH, UNITS,
} from './documents.js';

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
