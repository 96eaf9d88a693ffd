// Before a report is written again: remove what it owns that the new version does not have, and
// every evidence and mention link it made, so the new version's links replace them exactly.
// Parameters: $reportId, $judgmentIds, $areaIds, $metricIds, $passageIds. Returns: nothing.
MATCH (r:Report {id: $reportId})
CALL (r) {
  MATCH (r)-[:JUDGES|IDENTIFIES|REPORTS]->(owned)
  WHERE NOT owned.id IN $judgmentIds + $areaIds + $metricIds
    AND NOT (owned:Judgment AND owned.gradeSource = 'table')
  DETACH DELETE owned
}
CALL (r) {
  MATCH (r)-[:JUDGES|IDENTIFIES|REPORTS]->()-[link:EVIDENCED_BY|CONCERNS]->()
  DELETE link
}
CALL (r) {
  MATCH (p:Passage)-[:PART_OF]->(r)
  OPTIONAL MATCH (p)-[mention:MENTIONS]->()
  DELETE mention
  WITH DISTINCT p
  WHERE NOT p.id IN $passageIds
  DETACH DELETE p
}
