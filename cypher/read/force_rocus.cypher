// The regional organised crime unit each force is a member of.
// Parameters: $ids (force ids). Returns: id, rocu (organisation properties).
UNWIND $ids AS id
MATCH (f:Force {id: id})-[:MEMBER_OF]->(o:Organisation)
WITH id, o
ORDER BY o.id
RETURN id, collect(o {.*})[0] AS rocu
