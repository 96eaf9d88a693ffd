// A report's graded judgments: the overall question (number 0) and each in-depth question.
// A table's basis and source give way to the report's own page.
// Parameters: $reportId, $rows [{id, questionId, pillar, number, title, asked, grade, gradeRank,
//   previousGrade, previousYear, summary, passageId, page}]. Returns: nothing.
MATCH (r:Report {id: $reportId})
UNWIND $rows AS row
MERGE (q:Question {id: row.questionId})
  ON CREATE SET q.pillar = row.pillar, q.number = row.number, q.title = row.title
MERGE (j:Judgment {id: row.id})
SET j.grade = row.grade,
    j.gradeRank = row.gradeRank,
    j.gradeSource = 'report',
    j.basis = null,
    j.sourceUrl = null,
    j.asked = row.asked,
    j.page = row.page,
    j.previousGrade = row.previousGrade,
    j.previousYear = row.previousYear,
    j.summary = row.summary
MERGE (r)-[:JUDGES]->(j)
MERGE (j)-[:ANSWERS]->(q)
WITH j, row
MATCH (p:Passage {id: row.passageId})
MERGE (j)-[:EVIDENCED_BY]->(p)
