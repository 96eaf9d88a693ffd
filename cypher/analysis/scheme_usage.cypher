// Question: which offender-management and resolution schemes do forces use, and what does the report say
// about whom they manage?
// Parameters: none.
// Returns: scheme, acronym, force, mentions, passage (the first passage naming the scheme in full, else the first
//   by page).
MATCH (f:Force)-[u:USES]->(s:Scheme)
MATCH (f)<-[:INSPECTS]-(:Report)<-[:PART_OF]-(p:Passage {role: 'force'})-[:MENTIONS]->(s)
WITH s, f, u, p
ORDER BY toLower(p.text) CONTAINS toLower(s.name) DESC, p.page, p.text
WITH s, f, u, collect(p.text)[0] AS passage
RETURN s.name AS scheme,
       s.acronym AS acronym,
       f.name AS force,
       u.mentions AS mentions,
       passage
ORDER BY scheme, force
