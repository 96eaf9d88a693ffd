// Question: how has a force been graded, pillar by pillar and year by year, and where does each grade come from?
// Parameters: $forceId (police.uk slug, e.g. 'cambridgeshire').
// Returns: year, pillar, question (number), title, grade, previousGrade, source (report title or source URL).
MATCH (f:Force {id: $forceId})<-[:INSPECTS]-(r:Report)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
RETURN r.year AS year,
       r.pillar AS pillar,
       q.number AS question,
       q.title AS title,
       j.grade AS grade,
       j.previousGrade AS previousGrade,
       coalesce(r.sourceUrl, r.title) AS source
ORDER BY year, pillar, question
