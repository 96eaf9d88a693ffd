// The member forces of each organisation (a regional unit's forces), by name.
// Parameters: $ids (organisation ids). Returns: id, members ([force properties]).
UNWIND $ids AS id
MATCH (o:Organisation {id: id})<-[:MEMBER_OF]-(f:Force)
WITH id, f
ORDER BY f.name
RETURN id, collect(f {.*}) AS members
