// Question: how are two entities connected (forces, organisations, schemes, by id), and what is the evidence
// for each step? Passages are left out of the path itself, so the path goes through reports and judgments.
// Parameters: $fromId, $toId (domain ids, e.g. 'cambridgeshire', 'nca').
// Returns: path (names along the way), steps (relationship types), evidence (the first passage, by page,
//   for each step).
MATCH (a {id: $fromId}), (b {id: $toId})
WHERE (a:Force OR a:Organisation OR a:Scheme OR a:Initiative)
  AND (b:Force OR b:Organisation OR b:Scheme OR b:Initiative)
MATCH path = shortestPath((a)-[:WORKS_WITH|MEMBER_OF|USES|INSPECTS|CONCERNS|IDENTIFIES*..6]-(b))
WITH path, nodes(path) AS stops
UNWIND range(0, size(stops) - 2) AS step
WITH path, stops, step, stops[step] AS here, stops[step + 1] AS there
OPTIONAL MATCH (here)<-[:INSPECTS]-(:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(there)
WITH path, stops, step, p
ORDER BY p.page, p.text
WITH path, stops, step, collect(p.page + ': ' + p.text)[0] AS evidence
ORDER BY step
RETURN [n IN stops | coalesce(n.name, n.title, n.id)] AS path,
       [r IN relationships(path) | type(r)] AS steps,
       collect(evidence) AS evidence
