// The passages of a force's reports that name one partner: the evidence behind a WORKS_WITH, by page.
// Parameters: $pairs ([{forceId, partnerId}]). Returns: forceId, partnerId, passages ([{passage, report}]).
UNWIND $pairs AS pair
MATCH (f:Force {id: pair.forceId})<-[:INSPECTS]-(r:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(partner)
WHERE partner.id = pair.partnerId AND (partner:Organisation OR partner:Force)
WITH pair, p, r
ORDER BY p.page, r.id, p.id
RETURN pair.forceId AS forceId,
       pair.partnerId AS partnerId,
       collect({passage: p {.*}, report: r {.*}}) AS passages
