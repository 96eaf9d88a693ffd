// The summary of each judgment, which the lists of judgments leave out.
// Parameters: $ids (judgment ids). Returns: id, summary.
UNWIND $ids AS id
MATCH (j:Judgment {id: id})
RETURN id, j.summary AS summary
