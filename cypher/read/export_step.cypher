// One step out from a neighbourhood: the nodes next to the given ones, either direction.
// Parameters: $elementIds (a list).
// Returns: elementId.
MATCH (n)--(m)
WHERE elementId(n) IN $elementIds
RETURN DISTINCT elementId(m) AS elementId
