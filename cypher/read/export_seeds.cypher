// The nodes a neighbourhood export starts from, by their `id` (as `Label:id` or plain `id`).
// Parameters: $keys (a list of strings).
// Returns: key, elementId.
UNWIND $keys AS key
MATCH (n)
WHERE n.id = key OR labels(n)[0] + ':' + n.id = key
RETURN key, elementId(n) AS elementId
