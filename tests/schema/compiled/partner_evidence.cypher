CALL () {
  RETURN COLLECT {
    MATCH (v1:Force {id: $p1})
    RETURN {`partners`: COLLECT {
      MATCH (v1)-[v3:WORKS_WITH]->(v2)
      WHERE (v2:Force OR v2:Organisation)
      RETURN {`name`: coalesce(v2.name, v2.id), `mentions`: coalesce(v3.mentions, 0), `organisation`: CASE WHEN v2:Organisation THEN {`kind`: v2.kind} END, `passages`: COLLECT {
        MATCH (v1)<-[:INSPECTS]-(v7:Report)<-[:PART_OF]-(v6:Passage {role: 'force'})-[:MENTIONS]->(v2)
        RETURN {`page`: v6.page, `report`: {`year`: v7.year}}
        ORDER BY v6.page, v7.id, v6.id LIMIT $p2
      }}
      ORDER BY v3.mentions DESC, v2.name, v2.id LIMIT 100
    }} LIMIT 1
  }[0] AS c0
}
RETURN c0
