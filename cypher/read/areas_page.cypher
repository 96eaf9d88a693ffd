// Areas for improvement that match a filter, newest report first, then by force and question:
// one page and the total.
// Parameters: $search (text the area contains, case-insensitive), $questionId (e.g. 'effectiveness-2'),
//   $questionNumber, $forceId, $pillar, $year (each null for any), $skip, $limit.
// Returns: total, areas ([{area, question, report}]).
MATCH (f:Force)<-[:INSPECTS]-(r:Report)-[:IDENTIFIES]->(a:AreaForImprovement)
OPTIONAL MATCH (a)-[:UNDER]->(q:Question)
WITH f, r, a, q
WHERE ($forceId IS NULL OR f.id = $forceId)
  AND ($pillar IS NULL OR r.pillar = $pillar)
  AND ($year IS NULL OR r.year = $year)
  AND ($questionId IS NULL OR q.id = $questionId)
  AND ($questionNumber IS NULL OR q.number = $questionNumber)
  AND ($search IS NULL OR toLower(a.text) CONTAINS toLower($search))
WITH f, r, a, q
ORDER BY r.year DESC, f.name, q.number, a.id
WITH collect({area: a {.*}, question: q {.*}, report: r {.*}}) AS matching
RETURN size(matching) AS total, matching[$skip..$skip + $limit] AS areas
