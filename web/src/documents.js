// The GraphQL documents the Explorer sends, exactly as it sends them. Nothing else lives here: the web build
// (vite.config.js) imports this module to write them to dist/explorer-operations.json, which
// `peelgraph allowlist` reads to list them for an operator's allow-list (docs/security.md).

const EVIDENCE = `
fragment Evidence on Passage {
  id
  page
  text
  role
  report { id title year pillar force { id } }
}`;

export const FORCE_NETWORK = `
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

export const ORGANISATION_NETWORK = `
query OrganisationNetwork($id: ID!) {
  organisation(id: $id) {
    id name acronym kind alias
    members { id name }
    forces { id name }
    mentions { ...Evidence }
  }
}
${EVIDENCE}`;

export const SCHEME_NETWORK = `
query SchemeNetwork($id: ID!) {
  scheme(id: $id) {
    id name acronym kind
    forces { id name }
    mentions { ...Evidence }
  }
}
${EVIDENCE}`;

export const MENTIONS = `
query Mentions($id: ID!) {
  node(id: $id) {
    id
    ... on Entity { name mentions { ...Evidence } }
  }
}
${EVIDENCE}`;

export const FORCES = `
query Forces {
  forces(first: 100) { edges { node { id name rocu { id acronym } } } }
}`;

export const SUGGEST = `
query Suggest($text: String!) {
  organisations(search: $text, first: 8) { edges { node { id name acronym kind } } }
  schemes(search: $text, first: 8) { edges { node { id name acronym kind } } }
}`;

export const TEXT_SEARCH = `
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

export const PASSAGE = `
query Passage($id: ID!) {
  node(id: $id) { ... on Passage { ...Evidence } }
}
${EVIDENCE}`;

export const UNITS = `
query Units {
  organisations(kind: "regional-unit", first: 100) { edges { node { id name acronym members { id } } } }
  questions { pillar }
  reports(first: 100) { edges { node { year } } }
}`;

export const COMPARE = `
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

/** Every operation the Explorer sends. */
export const DOCUMENTS = [
  FORCE_NETWORK, ORGANISATION_NETWORK, SCHEME_NETWORK, MENTIONS, FORCES, SUGGEST, TEXT_SEARCH, PASSAGE, UNITS, COMPARE,
];
