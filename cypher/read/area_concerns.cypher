// The organisations, schemes and forces each area for improvement concerns, by name.
// Parameters: $ids (area-for-improvement ids). Returns: id, entities ([{labels, properties}]).
UNWIND $ids AS id
MATCH (a:AreaForImprovement {id: id})-[:CONCERNS]->(e)
WITH id, e
ORDER BY e.name, e.id
RETURN id, collect({labels: labels(e), properties: e {.*}}) AS entities
