// The reports the grade tables speak of: one per force, pillar and year, with the page its first row
// came from. A report read from its own text keeps its title.
// Parameters: $rows [{id, forceId, pillar, year, title, sourceUrl}]. Returns: nothing.
UNWIND $rows AS row
MATCH (f:Force {id: row.forceId})
MERGE (r:Report {id: row.id})
SET r.pillar = row.pillar,
    r.year = row.year,
    r.sourceUrl = row.sourceUrl,
    r.inspectorate = coalesce(r.inspectorate, 'HMIC'),
    r.programme = coalesce(r.programme, 'PEEL'),
    r.title = coalesce(r.title, row.title)
MERGE (r)-[:INSPECTS]->(f)
