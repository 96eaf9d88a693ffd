// Question: what is a regional unit's grade matrix for a pillar and year: each member force's grade on each
// question asked that year, and where each grade comes from?
// Parameters: $rocu (unit id, e.g. 'ersou'), $pillar (e.g. 'effectiveness'), $year (integer).
// Returns: force, number (question; 0 = overall), question (as asked that year), grade (null where no grade is
//   known), gradeSource ('report' or 'table'), basis (a table row's), source (the table row's page, or the
//   report's title and page).
MATCH (:Organisation {id: $rocu})<-[:MEMBER_OF]-(f:Force)
MATCH (q:Question {pillar: $pillar})
WHERE q.years IS NULL OR $year IN q.years
OPTIONAL MATCH (f)<-[:INSPECTS]-(r:Report {pillar: $pillar, year: $year})-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q)
RETURN f.name AS force,
       q.number AS number,
       coalesce(j.asked, q.title) AS question,
       j.grade AS grade,
       j.gradeSource AS gradeSource,
       j.basis AS basis,
       coalesce(j.sourceUrl, r.title + ', page ' + toString(j.page)) AS source
ORDER BY force, number
