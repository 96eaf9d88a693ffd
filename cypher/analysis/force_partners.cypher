// Question: which organisations and forces does a force work with, and where does the report say so?
// Only passages about the force (role `force`) are quoted: they are what the partnership rests on.
// Parameters: $forceId (e.g. 'cambridgeshire').
// Returns: partner, acronym, kind, mentions (passages), pages, passages (the quoted text, first three).
MATCH (f:Force {id: $forceId})-[w:WORKS_WITH]->(partner)
MATCH (f)<-[:INSPECTS]-(:Report)<-[:PART_OF]-(p:Passage {role: 'force'})-[:MENTIONS]->(partner)
WITH partner, w, p
ORDER BY p.page, p.text
WITH partner, w, collect(DISTINCT p.page) AS pages, collect(p.text) AS texts
RETURN partner.name AS partner,
       partner.acronym AS acronym,
       coalesce(partner.kind, 'force') AS kind,
       w.mentions AS mentions,
       pages,
       texts[0..3] AS passages
ORDER BY mentions DESC, partner
