// Question: which forces work with the most of the same partners as a given force (Jaccard overlap)?
// Uses APOC's collection functions (apoc.coll.intersection, apoc.coll.union) and text (apoc.text.join).
// Parameters: $forceId (e.g. 'cambridgeshire').
// Returns: force (the other force), shared (partners in common), overlap (shared / all partners of the two,
//   0 to 1), partners (the shared ones, by name, joined with '; ').
MATCH (f:Force {id: $forceId})-[:WORKS_WITH|MEMBER_OF]->(partner)
WITH f, collect(DISTINCT partner.id) AS own
MATCH (other:Force)-[:WORKS_WITH|MEMBER_OF]->(theirs)
WHERE other <> f
WITH f, own, other, collect(DISTINCT theirs.id) AS others
WITH other, apoc.coll.intersection(own, others) AS shared, apoc.coll.union(own, others) AS either
WHERE size(shared) > 0
MATCH (named) WHERE named.id IN shared AND (named:Organisation OR named:Force OR named:Scheme)
WITH other, shared, either, apoc.coll.sort(collect(DISTINCT named.name)) AS names
RETURN other.name AS force,
       size(shared) AS shared,
       round(toFloat(size(shared)) / size(either), 3) AS overlap,
       apoc.text.join(names, '; ') AS partners
ORDER BY overlap DESC, force
