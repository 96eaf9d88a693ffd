CALL () {
  MATCH (v1:Force)
  WHERE EXISTS {
    (v1)-[:MEMBER_OF]->(:Organisation {id: $p1})
  } AND EXISTS {
    MATCH (v1)<-[:INSPECTS]-(v2:Report)-[:JUDGES]->(v3:Judgment)-[:ANSWERS]->(:Question {number: 0})
    WHERE ($p2 IS NULL OR v2.pillar = $p2) AND ($p3 IS NULL OR v2.year = $p3) AND ($p4 IS NULL OR v3.grade = $p4)
  }
  WITH v1
  ORDER BY CASE $p5 WHEN 'GRADE' THEN coalesce(COLLECT {
    MATCH (v1)<-[:INSPECTS]-(v2:Report)-[:JUDGES]->(v3:Judgment)-[:ANSWERS]->(:Question {number: 0})
    WHERE ($p6 IS NULL OR v2.pillar = $p6) AND ($p7 IS NULL OR v2.year = $p7) AND ($p8 IS NULL OR v3.grade = $p8)
    RETURN v3.gradeRank
    ORDER BY v2.year DESC, v2.pillar LIMIT 1
  }[0], 0) ELSE 0 END DESC, v1.name, v1.id
  SKIP $p9 LIMIT $p10 + 1
  WITH collect(v1) AS v6
  CALL (v6) {
    UNWIND range(0, size(v6) - 1) AS v7
    WITH v7, v6[v7] AS v8
    WHERE v7 < $p10
    RETURN collect({`cursor`: $p11[v7], `node`: {`name`: coalesce(v8.name, v8.id), `overallGrade`: COLLECT {
      MATCH (v8)<-[:INSPECTS]-(v11:Report)-[:JUDGES]->(v10:Judgment)-[:ANSWERS]->(:Question {number: 0})
      WHERE v11.pillar = $p12
      RETURN CASE v10.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END
      ORDER BY v11.year DESC, v11.pillar LIMIT 1
    }[0]}}) AS v9
  }
  RETURN {`pageInfo`: {`hasNextPage`: size(v6) > $p10, `endCursor`: CASE WHEN CASE WHEN size(v6) > $p10 THEN $p10 ELSE size(v6) END > 0 THEN $p11[CASE WHEN size(v6) > $p10 THEN $p10 ELSE size(v6) END - 1] END}, `edges`: v9} AS c0
}
RETURN c0
