// The reports that inspect each force, newest first, then by pillar.
// Parameters: $ids (force ids). Returns: id, reports ([report properties]).
UNWIND $ids AS id
MATCH (f:Force {id: id})<-[:INSPECTS]-(r:Report)
WITH id, r
ORDER BY r.year DESC, r.pillar
RETURN id, collect(r {.*}) AS reports
