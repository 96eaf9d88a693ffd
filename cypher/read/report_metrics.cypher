// The figures each report gives, by label and area.
// Parameters: $ids (report ids). Returns: id, metrics ([{metric, report}]).
UNWIND $ids AS id
MATCH (r:Report {id: id})-[:REPORTS]->(m:Metric)
WITH id, r, m
ORDER BY m.label, m.area, m.id
RETURN id, collect({metric: m {.*}, report: r {.*}}) AS metrics
