// Question: whose grade on a PEEL question changed from one year to another (questions of the same pillar and
// number compare across years, however each year worded them)?
// Parameters: $pillar (e.g. 'effectiveness'), $number (question number; 0 = the pillar's overall grade),
//   $from and $to (years, e.g. 2015 and 2016).
// Returns: force, fromGrade, toGrade, change (the difference in rank: positive is better), fromBasis, toBasis
//   (a table row's basis; null for a grade read from a report), fromQuestion and toQuestion (as asked each year).
MATCH (f:Force)<-[:INSPECTS]-(before:Report {pillar: $pillar, year: $from})
      -[:JUDGES]->(a:Judgment)-[:ANSWERS]->(q:Question {number: $number})
MATCH (f)<-[:INSPECTS]-(after:Report {pillar: $pillar, year: $to})-[:JUDGES]->(b:Judgment)-[:ANSWERS]->(q)
WHERE a.gradeRank <> b.gradeRank
RETURN f.name AS force,
       a.grade AS fromGrade,
       b.grade AS toGrade,
       b.gradeRank - a.gradeRank AS change,
       a.basis AS fromBasis,
       b.basis AS toBasis,
       coalesce(a.asked, q.title) AS fromQuestion,
       coalesce(b.asked, q.title) AS toQuestion
ORDER BY change, force
