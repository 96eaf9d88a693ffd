// Question: how are the grades distributed, for each pillar and year, on the pillar's overall question?
// Parameters: none.
// Returns: pillar, year, grade, gradeRank, forces (how many forces got it).
MATCH (r:Report)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(:Question {number: 0})
RETURN r.pillar AS pillar,
       r.year AS year,
       j.grade AS grade,
       j.gradeRank AS gradeRank,
       count(*) AS forces
ORDER BY pillar, year, gradeRank DESC
