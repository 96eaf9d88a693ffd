// Every judgment of the reports that inspect each force, with its question and report: newest report
// first, then by pillar and question number. Questions and reports come once per id and are named by
// id in `judgments` (a force's hundreds of judgments share a few dozen of each). Summaries are left out
// (1.5 KB each): `judgment_summaries` reads them when asked for.
// Parameters: $ids (force ids).
// Returns: id, judgments ([{judgment, question (question id), report (report id)}]),
//   questions ([question properties], each once), reports ([report properties], each once).
UNWIND $ids AS id
MATCH (f:Force {id: id})<-[:INSPECTS]-(r:Report)-[:JUDGES]->(j:Judgment)
OPTIONAL MATCH (j)-[:ANSWERS]->(q:Question)
WITH id, r, j, q
ORDER BY r.year DESC, r.pillar, q.number
WITH id, collect({judgment: j {.id, .grade, .gradeRank, .gradeSource, .previousGrade, .previousYear, .basis, .sourceUrl, .page, .asked}, question: q.id, report: r.id}) AS judgments, collect(DISTINCT q) AS questions,
     collect(DISTINCT r) AS reports
RETURN id,
       judgments,
       [q IN questions | q {.*}] AS questions,
       [r IN reports | r {.id, .title, .inspectorate, .programme, .pillar, .year, .sourceUrl}] AS reports
