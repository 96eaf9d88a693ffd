// Reports that match a filter, newest first, then by pillar and force: one page and the total.
// Parameters: $forceId, $pillar, $year (each null for any), $skip, $limit.
// Returns: total, reports ([report properties]).
MATCH (r:Report)-[:INSPECTS]->(f:Force)
WHERE ($forceId IS NULL OR f.id = $forceId)
  AND ($pillar IS NULL OR r.pillar = $pillar)
  AND ($year IS NULL OR r.year = $year)
WITH r, f
ORDER BY r.year DESC, r.pillar, f.name, r.id
WITH collect(r {.*}) AS matching
RETURN size(matching) AS total, matching[$skip..$skip + $limit] AS reports
