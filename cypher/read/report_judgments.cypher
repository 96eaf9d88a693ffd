// The judgments of each report with the question each answers, by question number.
// Parameters: $ids (report ids).
// Returns: id, judgments ([{judgment (no summary: see judgment_summaries), question, report}]).
UNWIND $ids AS id
MATCH (r:Report {id: id})-[:JUDGES]->(j:Judgment)
OPTIONAL MATCH (j)-[:ANSWERS]->(q:Question)
WITH id, r, j, q
ORDER BY q.number, j.id
RETURN id, collect({
         judgment: j {.id, .grade, .gradeRank, .gradeSource, .previousGrade, .previousYear, .basis, .sourceUrl, .page, .asked},
         question: q {.*},
         report: r {.id, .title, .inspectorate, .programme, .pillar, .year, .sourceUrl}}) AS judgments
