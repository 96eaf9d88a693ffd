// Question: what is a force's whole neighbourhood in the graph (for Neo4j Browser's picture)?
// Parameters: $forceId (e.g. 'cambridgeshire').
// Returns: force, relationship, neighbour (nodes and relationships: Browser draws them).
MATCH (f:Force {id: $forceId})-[rel:WORKS_WITH|MEMBER_OF|USES]-(neighbour)
RETURN f AS force, rel AS relationship, neighbour
UNION
MATCH (f:Force {id: $forceId})<-[rel:INSPECTS]-(neighbour:Report)
RETURN f AS force, rel AS relationship, neighbour
