// The fingerprint of the facts last loaded for a report, to skip reloading what is already there.
// Parameters: $reportId. Returns: documentHash (no row when the report is not in the graph).
MATCH (r:Report {id: $reportId})
RETURN r.documentHash AS documentHash
