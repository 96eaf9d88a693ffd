CALL () {
  MATCH (v1:Force)
  WITH v1
  ORDER BY CASE $p1 WHEN 'GRADE' THEN coalesce(COLLECT {
    MATCH (v1)<-[:INSPECTS]-(v2:Report)-[:JUDGES]->(v3:Judgment)-[:ANSWERS]->(:Question {number: 0})
    WHERE ($p2 IS NULL OR v2.pillar = $p2) AND ($p3 IS NULL OR v2.year = $p3) AND ($p4 IS NULL OR v3.grade = $p4)
    RETURN v3.gradeRank
    ORDER BY v2.year DESC, v2.pillar LIMIT 1
  }[0], 0) ELSE 0 END DESC, v1.name, v1.id
  SKIP $p5 LIMIT $p6 + 1
  WITH collect(v1) AS v4
  CALL (v4) {
    UNWIND range(0, size(v4) - 1) AS v5
    WITH v5, v4[v5] AS v6
    WHERE v5 < $p6
    RETURN collect({`node`: {`id`: v6.id, `name`: coalesce(v6.name, v6.id), `judgments`: COLLECT {
      MATCH (v6)<-[:INSPECTS]-(v9:Report)-[:JUDGES]->(v8:Judgment)
      OPTIONAL MATCH (v8)-[:ANSWERS]->(v10:Question)
      RETURN {`grade`: CASE v8.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END, `question`: CASE WHEN v10 IS NULL THEN null ELSE {`number`: v10.number} END, `report`: {`year`: v9.year, `pillar`: toLower(v9.pillar)}}
      ORDER BY v9.year DESC, v9.pillar, v10.number LIMIT $p8
    }}}) AS v7
  }
  RETURN {`totalCount`: COUNT {
    MATCH (v1:Force)
    RETURN v1
  }, `edges`: v7} AS c0
}
RETURN c0
