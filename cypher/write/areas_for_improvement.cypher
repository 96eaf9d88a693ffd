// A report's areas for improvement, the question each sits under, its evidence and what it concerns.
// Parameters: $reportId, $rows [{id, text, questionId, passageId,
//   concerns {Organisation: [id], Scheme: [id], Force: [id]}}]. Returns: nothing.
MATCH (r:Report {id: $reportId})
UNWIND $rows AS row
MERGE (a:AreaForImprovement {id: row.id})
SET a.text = row.text
MERGE (r)-[:IDENTIFIES]->(a)
WITH a, row
MATCH (q:Question {id: row.questionId})
MERGE (a)-[:UNDER]->(q)
WITH a, row
MATCH (p:Passage {id: row.passageId})
MERGE (a)-[:EVIDENCED_BY]->(p)
WITH a, row
CALL (a, row) {
  UNWIND row.concerns.Organisation AS targetId
  MATCH (o:Organisation {id: targetId})
  MERGE (a)-[:CONCERNS]->(o)
}
CALL (a, row) {
  UNWIND row.concerns.Scheme AS targetId
  MATCH (s:Scheme {id: targetId})
  MERGE (a)-[:CONCERNS]->(s)
}
CALL (a, row) {
  UNWIND row.concerns.Force AS targetId
  MATCH (f:Force {id: targetId})
  MERGE (a)-[:CONCERNS]->(f)
}
