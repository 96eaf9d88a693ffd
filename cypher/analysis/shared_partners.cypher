// Question: which other forces work with the same partners as a given force, or belong to the same regional unit?
// Parameters: $forceId (e.g. 'cambridgeshire').
// Returns: force (the other force), shared (how many partners in common), partners (their names).
MATCH (f:Force {id: $forceId})-[:WORKS_WITH|MEMBER_OF]->(partner)<-[:WORKS_WITH|MEMBER_OF]-(other:Force)
WHERE other <> f
WITH other, collect(DISTINCT partner.name) AS partners
RETURN other.name AS force,
       size(partners) AS shared,
       partners
ORDER BY shared DESC, force
