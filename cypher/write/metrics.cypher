// A report's figures with their evidence.
// Parameters: $reportId, $rows [{id, label, value, unit, period, area, passageId}]. Returns: nothing.
MATCH (r:Report {id: $reportId})
UNWIND $rows AS row
MERGE (m:Metric {id: row.id})
SET m.label = row.label,
    m.value = row.value,
    m.unit = row.unit,
    m.period = row.period,
    m.area = row.area
MERGE (r)-[:REPORTS]->(m)
WITH m, row
MATCH (p:Passage {id: row.passageId})
MERGE (m)-[:EVIDENCED_BY]->(p)
