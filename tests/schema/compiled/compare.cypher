CALL () {
  CALL () {
    MATCH (v1:Question {pillar: $p6})
    WITH v1
    ORDER BY v1.number LIMIT 10
    RETURN collect(v1) AS v3
  }
  CALL () {
    MATCH (:Organisation {id: $p7})<-[:MEMBER_OF]-(v2:Force)
    WITH v2
    ORDER BY v2.name
    WITH v2 LIMIT 100
    RETURN collect(v2) AS v6
  }
  CALL (v6, v3) {
    UNWIND v6 AS v2
    CALL (v2) {
      OPTIONAL MATCH (v2)<-[:INSPECTS]-(v7:Report {pillar: $p2})
      WHERE v7.year = $p1
      WITH v7
      ORDER BY v7.year DESC
      RETURN collect(v7)[0] AS v7
    }
    RETURN collect({`force`: {`name`: coalesce(v2.name, v2.id)}, `report`: CASE WHEN v7 IS NULL THEN null ELSE {`id`: v7.id} END, `grades`: [v11 IN v3 | COLLECT {
      MATCH (v7)-[:JUDGES]->(v12:Judgment)-[:ANSWERS]->(v11)
      RETURN CASE v12.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END LIMIT 1
    }[0]], `judgments`: [v13 IN v3 | COLLECT {
      MATCH (v7)-[:JUDGES]->(v14:Judgment)-[:ANSWERS]->(v13)
      RETURN {`grade`: CASE v14.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END, `evidence`: COLLECT {
        MATCH (v14)-[:EVIDENCED_BY]->(v15:Passage)-[:PART_OF]->(v16:Report)
        RETURN {`page`: v15.page}
        ORDER BY v15.page, v15.id LIMIT $p5
      }} LIMIT 1
    }[0]]}) AS v4
  }
  RETURN {`pillar`: toLower($p3), `year`: $p4, `questions`: [v5 IN v3 | {`number`: v5.number, `title`: v5.title}], `rows`: v4} AS c0
}
RETURN c0
