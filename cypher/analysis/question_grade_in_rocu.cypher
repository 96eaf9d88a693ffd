// Question: which forces of a regional unit were given a grade on one PEEL question (e.g. which forces in
// ERSOU were graded Requires improvement on investigating crime), and what did the report say?
// Parameters: $rocu (e.g. 'ersou'), $pillar (e.g. 'effectiveness'), $number (question number, 2 = investigating
//   crime and managing offenders), $grade (e.g. 'Requires improvement').
// Returns: force, year, question, grade, page, evidence.
MATCH (unit:Organisation {id: $rocu})<-[:MEMBER_OF]-(f:Force)<-[:INSPECTS]-(r:Report {pillar: $pillar})
      -[:JUDGES]->(j:Judgment {grade: $grade})-[:ANSWERS]->(q:Question {number: $number})
OPTIONAL MATCH (j)-[:EVIDENCED_BY]->(p:Passage)
RETURN f.name AS force,
       r.year AS year,
       q.title AS question,
       j.grade AS grade,
       p.page AS page,
       p.text AS evidence
ORDER BY year, force
