CALL () {
  RETURN COLLECT {
    MATCH (v1:Force {id: $p1})
    RETURN {`recent`: COLLECT {
      MATCH (v1)<-[:INSPECTS]-(v2:Report)
      WHERE v2.year = $p2
      RETURN {`id`: v2.id, `judgments`: COLLECT {
        MATCH (v2)-[:JUDGES]->(v3:Judgment)
        OPTIONAL MATCH (v3)-[:ANSWERS]->(v4:Question)
        RETURN {`grade`: CASE v3.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END}
        ORDER BY v4.number, v3.id LIMIT 10
      }}
      ORDER BY v2.year DESC, v2.pillar LIMIT 25
    }, `efficiency`: COLLECT {
      MATCH (v1)<-[:INSPECTS]-(v6:Report)
      WHERE v6.pillar = $p3
      RETURN {`id`: v6.id, `judgments`: COLLECT {
        MATCH (v6)-[:JUDGES]->(v7:Judgment)
        OPTIONAL MATCH (v7)-[:ANSWERS]->(v8:Question)
        RETURN {`grade`: CASE v7.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END}
        ORDER BY v8.number, v7.id LIMIT 10
      }}
      ORDER BY v6.year DESC, v6.pillar LIMIT 25
    }} LIMIT 1
  }[0] AS c0
}
RETURN c0
