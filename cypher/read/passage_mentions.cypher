// The forces, organisations, schemes, initiatives and threats each passage names, by name.
// Parameters: $ids (passage ids). Returns: id, entities ([{labels, properties}]).
UNWIND $ids AS id
MATCH (p:Passage {id: id})-[:MENTIONS]->(e)
WITH id, e
ORDER BY e.name, e.id
RETURN id, collect({labels: labels(e), properties: e {.*}}) AS entities
