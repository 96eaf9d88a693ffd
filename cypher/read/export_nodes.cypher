// The nodes of an export: all of them, or those given.
// Parameters: $elementIds (a list, or null for every node).
// Returns: elementId, labels, properties.
MATCH (n)
WHERE $elementIds IS NULL OR elementId(n) IN $elementIds
RETURN elementId(n) AS elementId, labels(n) AS labels, properties(n) AS properties
