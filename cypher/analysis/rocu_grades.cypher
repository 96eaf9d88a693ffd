// Question: how were the forces of a regional organised crime unit graded on a pillar in a year?
// Parameters: $rocu (unit id, e.g. 'ersou'), $pillar ('effectiveness'|'efficiency'|'legitimacy'), $year (integer).
// Returns: force, grade, gradeRank (Inadequate 1 … Outstanding 4), sourceUrl.
MATCH (unit:Organisation {id: $rocu})<-[:MEMBER_OF]-(f:Force)
OPTIONAL MATCH (f)<-[:INSPECTS]-(r:Report {pillar: $pillar, year: $year})
                  -[:JUDGES]->(j:Judgment)-[:ANSWERS]->(:Question {number: 0})
RETURN f.name AS force,
       j.grade AS grade,
       j.gradeRank AS gradeRank,
       r.sourceUrl AS sourceUrl
ORDER BY gradeRank DESC, force
