// The areas for improvement of each report with the question each sits under, by question number.
// Parameters: $ids (report ids). Returns: id, areas ([{area, question, report}]).
UNWIND $ids AS id
MATCH (r:Report {id: id})-[:IDENTIFIES]->(a:AreaForImprovement)
OPTIONAL MATCH (a)-[:UNDER]->(q:Question)
WITH id, r, a, q
ORDER BY q.number, a.id
RETURN id, collect({area: a {.*}, question: q {.*}, report: r {.*}}) AS areas
