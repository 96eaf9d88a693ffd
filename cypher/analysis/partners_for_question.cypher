// Question: which partners does a force rely on for one PEEL question (e.g. Cambridgeshire for serious and
// organised crime, question 4), and where does the report say so?
// Only passages about the force (role `force`) count: not explainers, chart sources, citations or definitions.
// Parameters: $forceId (e.g. 'cambridgeshire'), $number (question number 1-4).
// Returns: partner, kind, page, passage.
MATCH (f:Force {id: $forceId})<-[:INSPECTS]-(r:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(partner)
WHERE (f)-[:WORKS_WITH]->(partner) AND p.role = 'force' AND p.question = $number
RETURN partner.name AS partner,
       coalesce(partner.kind, 'force') AS kind,
       p.page AS page,
       p.text AS passage
ORDER BY partner, page
