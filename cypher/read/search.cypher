// Full-text search of passages, areas for improvement and judgment summaries (index reportText), best
// first, each hit with its report, the force inspected, its question and the passage that shows it.
// Parameters: $text (a Lucene query, escaped by graph.explore), $limit.
// Returns: score, labels, properties, question, report, passage, force.
CALL db.index.fulltext.queryNodes('reportText', $text, {limit: $limit})
YIELD node, score
CALL (node) {
  OPTIONAL MATCH (node)-[:PART_OF]->(owner:Report)
  RETURN owner
  UNION
  OPTIONAL MATCH (node)<-[:JUDGES|IDENTIFIES]-(owner:Report)
  RETURN owner
}
WITH node, score, collect(owner)[0] AS report
CALL (node) {
  OPTIONAL MATCH (node)-[:EVIDENCED_BY]->(evidence:Passage)
  WITH evidence
  ORDER BY evidence.page, evidence.id
  RETURN collect(evidence)[0] AS evidence
}
OPTIONAL MATCH (node)-[:ANSWERS|UNDER]->(q:Question)
OPTIONAL MATCH (report)-[:INSPECTS]->(f:Force)
WITH node, score, report, q, f, CASE WHEN node:Passage THEN node ELSE evidence END AS passage
RETURN score,
       labels(node) AS labels,
       node {.*} AS properties,
       q {.*} AS question,
       report {.*} AS report,
       passage {.*} AS passage,
       f {.*} AS force
ORDER BY score DESC, properties.id
