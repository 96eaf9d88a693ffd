// The glossary each report defines in its footnotes, by page then term.
// Parameters: $ids (report ids). Returns: id, terms ([{term, page}]).
UNWIND $ids AS id
MATCH (r:Report {id: id})-[d:DEFINES]->(t:Term)
WITH id, t, d
ORDER BY d.page, t.term
RETURN id, collect({term: t {.*}, page: d.page}) AS terms
