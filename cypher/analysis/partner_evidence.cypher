// Question: what exactly does a force's report say about one partner (e.g. Cambridgeshire and ERSOU)?
// Parameters: $forceId (e.g. 'cambridgeshire'), $partnerId (organisation id or force slug, e.g. 'ersou').
// Returns: report, page, role (what kind of text: `force` for prose about the force, which alone makes the
//   partnership; `explainer`, `source`, `citation`, `definition`), passage.
MATCH (f:Force {id: $forceId})-[:WORKS_WITH]->(partner {id: $partnerId})
MATCH (f)<-[:INSPECTS]-(r:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(partner)
RETURN r.title AS report,
       p.page AS page,
       p.role AS role,
       p.text AS passage
ORDER BY page, passage
