// Recompute a force's WORKS_WITH (organisations and forces) and USES (schemes) from the passages of
// the reports that inspect it, so each relationship is exactly what some passage supports. Only passages
// about the force support one (role `force`); explainers, chart sources, citations and definitions do not.
// `mentions` counts the supporting passages; `reportIds` names the reports they come from.
// Parameters: $forceId. Returns: nothing.
MATCH (f:Force {id: $forceId})
CALL (f) {
  OPTIONAL MATCH (f)<-[:INSPECTS]-(r:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(partner)
  WHERE (partner:Organisation OR partner:Force) AND partner <> f AND p.role = 'force'
  WITH partner, p, r
  ORDER BY r.id
  WITH partner, count(DISTINCT p) AS mentions, collect(DISTINCT r.id) AS reportIds
  WHERE partner IS NOT NULL
  MERGE (f)-[w:WORKS_WITH]->(partner)
  SET w.mentions = mentions, w.reportIds = reportIds
  RETURN collect(partner) AS partners
}
CALL (f, partners) {
  MATCH (f)-[stale:WORKS_WITH]->(other)
  WHERE NOT other IN partners
  DELETE stale
}
CALL (f) {
  OPTIONAL MATCH (f)<-[:INSPECTS]-(r:Report)<-[:PART_OF]-(p:Passage {role: 'force'})-[:MENTIONS]->(scheme:Scheme)
  WITH scheme, p, r
  ORDER BY r.id
  WITH scheme, count(DISTINCT p) AS mentions, collect(DISTINCT r.id) AS reportIds
  WHERE scheme IS NOT NULL
  MERGE (f)-[u:USES]->(scheme)
  SET u.mentions = mentions, u.reportIds = reportIds
  RETURN collect(scheme) AS schemes
}
CALL (f, schemes) {
  MATCH (f)-[stale:USES]->(other)
  WHERE NOT other IN schemes
  DELETE stale
}
