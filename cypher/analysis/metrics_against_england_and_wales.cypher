// Question: how do a force's figures compare with England and Wales in one report?
// Parameters: $reportId (e.g. 'cambridgeshire-effectiveness-2015').
// Returns: label, unit, period, force (the force's value), englandAndWales, difference.
MATCH (r:Report {id: $reportId})-[:INSPECTS]->(f:Force)
MATCH (r)-[:REPORTS]->(m:Metric)
WHERE m.area <> 'England and Wales'
OPTIONAL MATCH (r)-[:REPORTS]->(national:Metric)
WHERE national.area = 'England and Wales' AND national.label = m.label AND national.unit = m.unit
  AND national.period = m.period
RETURN m.label AS label,
       m.unit AS unit,
       m.period AS period,
       m.value AS force,
       national.value AS englandAndWales,
       round(m.value - national.value, 2) AS difference
ORDER BY label
