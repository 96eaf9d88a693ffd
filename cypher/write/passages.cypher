// A report's evidence passages, each with its role (what kind of text it is: `force`, `explainer`,
// `source`, `citation` or `definition`; docs/mention-roles.md).
// Parameters: $reportId, $rows [{id, page, text, question, role}]. Returns: nothing.
MATCH (r:Report {id: $reportId})
UNWIND $rows AS row
MERGE (p:Passage {id: row.id})
SET p.page = row.page,
    p.text = row.text,
    p.question = row.question,
    p.role = row.role
MERGE (p)-[:PART_OF]->(r)
