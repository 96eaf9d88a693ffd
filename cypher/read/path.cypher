// The shortest path (at most 8 relationships) between two named things (forces, organisations,
// schemes, initiatives, threats) through WORKS_WITH, MEMBER_OF, USES and passages that mention both ends
// of a step; with, for each WORKS_WITH, MEMBER_OF or USES step, the passages of the force's reports
// that name the other end.
// Parameters: $fromId, $toId (domain ids).
// Returns: stops ([{labels, properties, report (a passage's report)}]), steps ([{type, forward, evidence [{passage, report}]}]).
CALL () {
  MATCH (a:Force {id: $fromId})
  RETURN a
  UNION
  MATCH (a:Organisation {id: $fromId})
  RETURN a
  UNION
  MATCH (a:Scheme {id: $fromId})
  RETURN a
  UNION
  MATCH (a:Initiative {id: $fromId})
  RETURN a
  UNION
  MATCH (a:Threat {id: $fromId})
  RETURN a
}
CALL () {
  MATCH (b:Force {id: $toId})
  RETURN b
  UNION
  MATCH (b:Organisation {id: $toId})
  RETURN b
  UNION
  MATCH (b:Scheme {id: $toId})
  RETURN b
  UNION
  MATCH (b:Initiative {id: $toId})
  RETURN b
  UNION
  MATCH (b:Threat {id: $toId})
  RETURN b
}
WITH a, b
WHERE a <> b
MATCH path = shortestPath((a)-[:WORKS_WITH|MEMBER_OF|USES|MENTIONS*..8]-(b))
WITH path, nodes(path) AS stops
LIMIT 1
UNWIND range(0, size(stops) - 2) AS i
WITH path, stops, i, relationships(path)[i] AS rel
CALL (rel) {
  WITH startNode(rel) AS force, endNode(rel) AS other
  WHERE type(rel) <> 'MENTIONS'
  MATCH (force)<-[:INSPECTS]-(r:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(other)
  WITH p, r
  ORDER BY p.page, p.id
  RETURN collect({passage: p {.*}, report: r {.*}}) AS evidence
}
WITH stops, i, {type: type(rel), forward: startNode(rel) = stops[i], evidence: evidence} AS step
ORDER BY i
RETURN [n IN stops | {
         labels: labels(n),
         properties: n {.*},
         report: [(n)-[:PART_OF]->(r:Report) | r {.*}][0]
       }] AS stops,
       collect(step) AS steps
