// Question: on which questions did a force's grade fall since the previous inspection?
// Parameters: none.
// Returns: force, year, question, previousYear, previousGrade, grade.
MATCH (f:Force)<-[:INSPECTS]-(r:Report)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
WHERE j.previousGrade IS NOT NULL
WITH f, r, j, q,
     CASE j.previousGrade
       WHEN 'Inadequate' THEN 1 WHEN 'Requires improvement' THEN 2 WHEN 'Good' THEN 3 WHEN 'Outstanding' THEN 4
     END AS previousRank
WHERE previousRank > j.gradeRank
RETURN f.name AS force,
       r.year AS year,
       q.title AS question,
       j.previousYear AS previousYear,
       j.previousGrade AS previousGrade,
       j.grade AS grade
ORDER BY year, force, question
