// The home folder of the Neo4j server answering: peelgraph changes a managed instance's password only
// after checking that the server on its port is that instance.
// Parameters: none. Returns: home.
SHOW SETTINGS 'server.directories.neo4j_home' YIELD value
RETURN value AS home
