// A grade matrix: the questions of one pillar (those asked in $year, when the question says which years
// it was asked in), and for each force (given by id or as the members of a
// regional unit) the report of that pillar and year (or its newest of the pillar when $year is null)
// with that report's judgments.
// Parameters: $ids (force ids, or null), $rocu (organisation id, or null), $pillar, $year (or null).
// Returns: questions ([question properties] by number), rows ([{force, report, judgments [{judgment, question}]}]).
CALL () {
  MATCH (q:Question {pillar: $pillar})
  WHERE $year IS NULL OR q.years IS NULL OR $year IN q.years
  WITH q
  ORDER BY q.number
  RETURN collect(q {.*}) AS questions
}
CALL () {
  CALL () {
    MATCH (f:Force)
    WHERE f.id IN $ids
    RETURN f
    UNION
    MATCH (:Organisation {id: $rocu})<-[:MEMBER_OF]-(f:Force)
    RETURN f
  }
  CALL (f) {
    OPTIONAL MATCH (f)<-[:INSPECTS]-(r:Report {pillar: $pillar})
    WHERE $year IS NULL OR r.year = $year
    WITH r
    ORDER BY r.year DESC
    RETURN collect(r)[0] AS r
  }
  CALL (r) {
    MATCH (r)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
    WITH j, q
    ORDER BY q.number
    RETURN collect({judgment: j {.*}, question: q {.*}}) AS judgments
  }
  WITH f, r, judgments
  ORDER BY f.name
  RETURN collect({force: f {.*}, report: r {.*}, judgments: judgments}) AS rows
}
RETURN questions, rows
