// Question: which forces of a regional unit were given a grade on one PEEL question (e.g. which forces in
// ERSOU were graded Requires improvement on investigating crime), and where does that grade come from?
// Parameters: $rocu (e.g. 'ersou'), $pillar (e.g. 'effectiveness'), $number (question number, 2 = investigating
//   crime), $grade (e.g. 'Requires improvement').
// Returns: force, year, question (as asked that year), grade, gradeSource ('report' or 'table'), basis (a
//   table row's: stated, summary, carried-over), sourceUrl (a table row's page), page and evidence (a report's).
MATCH (unit:Organisation {id: $rocu})<-[:MEMBER_OF]-(f:Force)<-[:INSPECTS]-(r:Report {pillar: $pillar})
      -[:JUDGES]->(j:Judgment {grade: $grade})-[:ANSWERS]->(q:Question {number: $number})
OPTIONAL MATCH (j)-[:EVIDENCED_BY]->(p:Passage)
RETURN f.name AS force,
       r.year AS year,
       coalesce(j.asked, q.title) AS question,
       j.grade AS grade,
       j.gradeSource AS gradeSource,
       j.basis AS basis,
       j.sourceUrl AS sourceUrl,
       p.page AS page,
       p.text AS evidence
ORDER BY year, force
