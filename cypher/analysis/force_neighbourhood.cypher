// Question: what lies within a few steps of a force in the graph (its reports, partners, units, passages)?
// Uses APOC's path expansion (apoc.path.subgraphAll): every node within $depth relationships, either way,
// and every relationship between them; Neo4j Browser draws the answer.
// Parameters: $forceId (e.g. 'cambridgeshire'), $depth (e.g. 2).
// Returns: nodes, relationships, nodeCount, relationshipCount, labels (how many nodes of each label).
MATCH (f:Force {id: $forceId})
CALL apoc.path.subgraphAll(f, {maxLevel: $depth}) YIELD nodes, relationships
RETURN nodes,
       relationships,
       size(nodes) AS nodeCount,
       size(relationships) AS relationshipCount,
       apoc.map.fromPairs([label IN apoc.coll.toSet(apoc.coll.flatten([n IN nodes | labels(n)]))
                           | [label, size([n IN nodes WHERE label IN labels(n)])]]) AS labels
