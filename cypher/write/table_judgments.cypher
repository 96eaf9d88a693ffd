// The tables' grades: each a Judgment of its report on its question, with the basis it was read on and
// the page it came from. A grade read from the report itself is never overwritten by a table; every
// judgment answers the question as worded in its year.
// Parameters: $rows [{id, reportId, questionId, grade, gradeRank, basis, sourceUrl, asked}]. Returns: nothing.
UNWIND $rows AS row
MATCH (r:Report {id: row.reportId})
MERGE (q:Question {id: row.questionId})
MERGE (j:Judgment {id: row.id})
  ON CREATE SET j.gradeSource = 'table'
SET j.asked = coalesce(row.asked, j.asked)
WITH r, q, j, row
CALL (j, row) {
  WITH j, row
  WHERE j.gradeSource = 'table'
  SET j.grade = row.grade,
      j.gradeRank = row.gradeRank,
      j.basis = row.basis,
      j.sourceUrl = row.sourceUrl
}
MERGE (r)-[:JUDGES]->(j)
MERGE (j)-[:ANSWERS]->(q)
