// The forces that work with each organisation, most mentions first, then by name.
// Parameters: $ids (organisation ids). Returns: id, forces ([force properties]).
UNWIND $ids AS id
MATCH (o:Organisation {id: id})<-[w:WORKS_WITH]-(f:Force)
WITH id, f, w
ORDER BY w.mentions DESC, f.name
RETURN id, collect(f {.*}) AS forces
