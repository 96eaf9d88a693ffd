// The force each report inspects.
// Parameters: $ids (report ids). Returns: id, force (force properties).
UNWIND $ids AS id
MATCH (r:Report {id: id})-[:INSPECTS]->(f:Force)
WITH id, f
ORDER BY f.id
RETURN id, collect(f {.*})[0] AS force
