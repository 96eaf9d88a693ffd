// How many nodes and relationships an export of the whole graph holds (for its progress bar).
// Parameters: none.
// Returns: nodes, relationships.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
