// The glossary a report defines in its footnotes.
// Parameters: $reportId, $rows [{id, term, definition, page}]. Returns: nothing.
MATCH (r:Report {id: $reportId})
UNWIND $rows AS row
MERGE (t:Term {id: row.id})
SET t.term = row.term,
    t.definition = row.definition
MERGE (r)-[d:DEFINES]->(t)
SET d.page = row.page
