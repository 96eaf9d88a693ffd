// Forces that match a filter, in the order asked: one page of them and how many match in all.
// With $pillar, $year or $grade set, a force matches when a report of that pillar and year judges it
// with that grade on the pillar's overall question (number 0). 'GRADE' orders by that overall grade,
// best first (the newest matching report's), then by name; forces without one come last.
// Parameters: $ids (force ids, or null for all), $rocu (organisation id or null), $pillar, $year,
//   $grade (stored grade, e.g. 'Good', or null), $orderBy ('NAME'|'GRADE'), $skip, $limit.
// Returns: total, forces ([force properties]).
MATCH (f:Force)
WHERE ($ids IS NULL OR f.id IN $ids)
  AND ($rocu IS NULL OR EXISTS { (f)-[:MEMBER_OF]->(:Organisation {id: $rocu}) })
CALL (f) {
  OPTIONAL MATCH (f)<-[:INSPECTS]-(r:Report)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(:Question {number: 0})
  WHERE ($pillar IS NULL OR r.pillar = $pillar)
    AND ($year IS NULL OR r.year = $year)
    AND ($grade IS NULL OR j.grade = $grade)
  WITH r, j
  ORDER BY r.year DESC, r.pillar
  RETURN j.gradeRank AS gradeRank, r IS NOT NULL AS judged
  LIMIT 1
}
WITH f, gradeRank, judged
WHERE judged OR ($pillar IS NULL AND $year IS NULL AND $grade IS NULL)
WITH f, gradeRank
ORDER BY CASE $orderBy WHEN 'GRADE' THEN coalesce(gradeRank, 0) ELSE 0 END DESC, f.name, f.id
WITH collect(f {.*}) AS matching
RETURN size(matching) AS total, matching[$skip..$skip + $limit] AS forces
