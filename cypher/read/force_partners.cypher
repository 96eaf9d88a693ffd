// The organisations and forces each force works with, most mentioned first, then by name.
// Parameters: $ids (force ids). Returns: id, partners ([{labels, properties, mentions}]).
UNWIND $ids AS id
MATCH (f:Force {id: id})-[w:WORKS_WITH]->(partner)
WITH id, partner, w
ORDER BY w.mentions DESC, partner.name, partner.id
RETURN id, collect({labels: labels(partner), properties: partner {.*}, mentions: w.mentions}) AS partners
