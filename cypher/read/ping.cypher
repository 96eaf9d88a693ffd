// Readiness probe: answers one row when the database can serve reads.
// Parameters: none. Returns: ok.
RETURN 1 AS ok
