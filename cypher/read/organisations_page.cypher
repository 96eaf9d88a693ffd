// Organisations of a kind whose name, acronym, alias or id contains some text, by name: one page
// and the total.
// Parameters: $kind (e.g. 'regional-unit', or null), $search (text, case-insensitive, or null), $skip, $limit.
// Returns: total, organisations ([organisation properties]).
MATCH (o:Organisation)
WHERE ($kind IS NULL OR o.kind = $kind)
  AND ($search IS NULL
    OR toLower(o.name) CONTAINS toLower($search)
    OR toLower(coalesce(o.acronym, '')) CONTAINS toLower($search)
    OR toLower(coalesce(o.alias, '')) CONTAINS toLower($search)
    OR o.id CONTAINS toLower($search))
WITH o
ORDER BY o.name, o.id
WITH collect(o {.*}) AS matching
RETURN size(matching) AS total, matching[$skip..$skip + $limit] AS organisations
