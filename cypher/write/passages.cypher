// A report's evidence passages.
// Parameters: $reportId, $rows [{id, page, text, question}]. Returns: nothing.
MATCH (r:Report {id: $reportId})
UNWIND $rows AS row
MERGE (p:Passage {id: row.id})
SET p.page = row.page,
    p.text = row.text,
    p.question = row.question
MERGE (p)-[:PART_OF]->(r)
