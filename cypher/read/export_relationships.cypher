// The relationships of an export: all of them, or those between the nodes given.
// Parameters: $elementIds (a list, or null for every relationship).
// Returns: elementId, type, start, end (element ids of its nodes), properties.
MATCH (a)-[r]->(b)
WHERE $elementIds IS NULL OR (elementId(a) IN $elementIds AND elementId(b) IN $elementIds)
RETURN elementId(r) AS elementId, type(r) AS type, elementId(a) AS start, elementId(b) AS end, properties(r) AS properties
