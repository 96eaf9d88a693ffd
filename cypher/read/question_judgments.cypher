// The judgments that answer each question, newest report first, then by the force's name.
// Parameters: $ids (question ids).
// Returns: id, judgments ([{judgment (no summary: see judgment_summaries), question, report}]).
UNWIND $ids AS id
MATCH (q:Question {id: id})<-[:ANSWERS]-(j:Judgment)<-[:JUDGES]-(r:Report)-[:INSPECTS]->(f:Force)
WITH id, q, j, r, f
ORDER BY r.year DESC, f.name, j.id
RETURN id, collect({
         judgment: j {.id, .grade, .gradeRank, .gradeSource, .previousGrade, .previousYear, .basis, .sourceUrl, .page, .asked},
         question: q {.*},
         report: r {.id, .title, .inspectorate, .programme, .pillar, .year, .sourceUrl}}) AS judgments
