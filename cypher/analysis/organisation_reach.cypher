// Question: which forces work with an organisation, and which forces are its members?
// Parameters: $organisationId (e.g. 'ersou', 'nca').
// Returns: force, member (true when the force is a member of the unit), worksWith, mentions.
MATCH (o:Organisation {id: $organisationId})
MATCH (f:Force)
WHERE (f)-[:MEMBER_OF]->(o) OR (f)-[:WORKS_WITH]->(o)
OPTIONAL MATCH (f)-[w:WORKS_WITH]->(o)
RETURN f.name AS force,
       exists((f)-[:MEMBER_OF]->(o)) AS member,
       w IS NOT NULL AS worksWith,
       coalesce(w.mentions, 0) AS mentions
ORDER BY mentions DESC, force
