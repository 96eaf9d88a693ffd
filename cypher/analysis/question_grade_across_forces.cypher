// Question: which forces were given a grade on one PEEL question in a year (e.g. which forces were graded
// Inadequate on protecting vulnerable people in 2015), and where does each grade come from?
// Parameters: $pillar (e.g. 'effectiveness'), $number (question number, 3 = protecting vulnerable people),
//   $year (integer), $grade (e.g. 'Inadequate').
// Returns: force, question (as asked that year), grade, gradeSource ('report' or 'table'), basis, source (the
//   table row's page, or the report's title and page).
MATCH (f:Force)<-[:INSPECTS]-(r:Report {pillar: $pillar, year: $year})
      -[:JUDGES]->(j:Judgment {grade: $grade})-[:ANSWERS]->(q:Question {number: $number})
RETURN f.name AS force,
       coalesce(j.asked, q.title) AS question,
       j.grade AS grade,
       j.gradeSource AS gradeSource,
       j.basis AS basis,
       coalesce(j.sourceUrl, r.title + ', page ' + toString(j.page)) AS source
ORDER BY force
