// Schemes of a kind whose name, acronym or id contains some text, by name: one page and the total.
// Parameters: $kind (e.g. 'court-order', or null), $search (text, case-insensitive, or null), $skip, $limit.
// Returns: total, schemes ([scheme properties]).
MATCH (s:Scheme)
WHERE ($kind IS NULL OR s.kind = $kind)
  AND ($search IS NULL
    OR toLower(s.name) CONTAINS toLower($search)
    OR toLower(coalesce(s.acronym, '')) CONTAINS toLower($search)
    OR s.id CONTAINS toLower($search))
WITH s
ORDER BY s.name, s.id
WITH collect(s {.*}) AS matching
RETURN size(matching) AS total, matching[$skip..$skip + $limit] AS schemes
