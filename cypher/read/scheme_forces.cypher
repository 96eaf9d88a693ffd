// The forces that use each scheme, most mentions first, then by name.
// Parameters: $ids (scheme ids). Returns: id, forces ([force properties]).
UNWIND $ids AS id
MATCH (s:Scheme {id: id})<-[u:USES]-(f:Force)
WITH id, f, u
ORDER BY u.mentions DESC, f.name
RETURN id, collect(f {.*}) AS forces
