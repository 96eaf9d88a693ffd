// The schemes each force uses, most mentioned first, then by name.
// Parameters: $ids (force ids). Returns: id, schemes ([scheme properties]).
UNWIND $ids AS id
MATCH (f:Force {id: id})-[u:USES]->(s:Scheme)
WITH id, s, u
ORDER BY u.mentions DESC, s.name
RETURN id, collect(s {.*}) AS schemes
