// Published pillar grades: each row is a Report (with the page it came from) judged on the pillar's
// overall question. A grade read from the report itself is never overwritten by the table.
// Parameters: $rows [{id, forceId, pillar, year, title, sourceUrl, judgmentId, questionId, grade,
//   gradeRank}]. Returns: nothing.
UNWIND $rows AS row
MATCH (f:Force {id: row.forceId})
MERGE (r:Report {id: row.id})
SET r.pillar = row.pillar,
    r.year = row.year,
    r.sourceUrl = row.sourceUrl,
    r.inspectorate = coalesce(r.inspectorate, 'HMIC'),
    r.programme = coalesce(r.programme, 'PEEL'),
    r.title = coalesce(r.title, row.title)
MERGE (r)-[:INSPECTS]->(f)
MERGE (q:Question {id: row.questionId})
MERGE (j:Judgment {id: row.judgmentId})
  ON CREATE SET j.gradeSource = 'table'
WITH r, q, j, row
CALL (j, row) {
  WITH j, row
  WHERE j.gradeSource = 'table'
  SET j.grade = row.grade,
      j.gradeRank = row.gradeRank
}
MERGE (r)-[:JUDGES]->(j)
MERGE (j)-[:ANSWERS]->(q)
