// Question: which areas for improvement mention a phrase (e.g. 'digital evidence'), in which force's report?
// Parameters: $phrase (case-insensitive text).
// Returns: force, year, question (number), area (the full text), page.
MATCH (f:Force)<-[:INSPECTS]-(r:Report)-[:IDENTIFIES]->(a:AreaForImprovement)-[:UNDER]->(q:Question)
WHERE toLower(a.text) CONTAINS toLower($phrase)
OPTIONAL MATCH (a)-[:EVIDENCED_BY]->(p:Passage)
RETURN f.name AS force,
       r.year AS year,
       q.number AS question,
       a.text AS area,
       p.page AS page
ORDER BY year, force, question
