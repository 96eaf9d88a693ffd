// A report's evidence passages.
// Parameters: $reportId, $rows [{id, page, text}]. Returns: nothing.
MATCH (r:Report {id: $reportId})
UNWIND $rows AS row
MERGE (p:Passage {id: row.id})
SET p.page = row.page,
    p.text = row.text
MERGE (p)-[:PART_OF]->(r)
