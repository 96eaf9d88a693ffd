// The passages about a force (role `force`) that name one partner: the evidence behind a WORKS_WITH, by page.
// Parameters: $pairs ([{forceId, partnerId}]).
// Returns: forceId, partnerId, passages ([{passage, report (report id)}]), reports ([report properties], each once).
UNWIND $pairs AS pair
MATCH (f:Force {id: pair.forceId})<-[:INSPECTS]-(r:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(partner)
WHERE partner.id = pair.partnerId AND (partner:Organisation OR partner:Force) AND p.role = 'force'
WITH pair, p, r
ORDER BY p.page, r.id, p.id
WITH pair, collect({passage: p {.*}, report: r.id}) AS passages, collect(DISTINCT r) AS reports
RETURN pair.forceId AS forceId,
       pair.partnerId AS partnerId,
       passages,
       [r IN reports | r {.id, .title, .inspectorate, .programme, .pillar, .year, .sourceUrl}] AS reports
