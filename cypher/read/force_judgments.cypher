// Every judgment of the reports that inspect each force, with its question and report: newest report
// first, then by pillar and question number.
// Parameters: $ids (force ids). Returns: id, judgments ([{judgment, question, report}]).
UNWIND $ids AS id
MATCH (f:Force {id: id})<-[:INSPECTS]-(r:Report)-[:JUDGES]->(j:Judgment)
OPTIONAL MATCH (j)-[:ANSWERS]->(q:Question)
WITH id, r, j, q
ORDER BY r.year DESC, r.pillar, q.number
RETURN id, collect({judgment: j {.*}, question: q {.*}, report: r {.*}}) AS judgments
