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
    WITH v2, v3, COLLECT {
      MATCH (v2)<-[:INSPECTS]-(v10:Report {pillar: $p2})
      WHERE v10.year = $p1
      RETURN v10
      ORDER BY v10.year DESC LIMIT 1
    }[0] AS v10
    WITH v2, v3, v10, COLLECT {
      MATCH (v10)-[:JUDGES]->(v9:Judgment)-[:ANSWERS]->(v8)
      RETURN [v8, v9]
    } AS v7
    RETURN collect({`rows`: {`force`: {`name`: coalesce(v2.name, v2.id)}, `report`: CASE WHEN v10 IS NULL THEN null ELSE {`id`: v10.id} END, `grades`: [v14 IN v3 | head([v15 IN v7
    WHERE v15[0] = v14 | CASE v15[1].grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END])], `judgments`: [v17 IN v3 | COLLECT {
      UNWIND v7 AS v18
      WITH v18
      WHERE v18[0] = v17
      WITH v18[1] AS v19
      RETURN {`grade`: CASE v19.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END, `evidence`: COLLECT {
        MATCH (v19)-[:EVIDENCED_BY]->(v20:Passage)-[:PART_OF]->(v21:Report)
        RETURN {`page`: v20.page}
        ORDER BY v20.page, v20.id LIMIT $p5
      }} LIMIT 1
    }[0]]}}) AS v4
  }
  RETURN {`pillar`: toLower($p3), `year`: $p4, `questions`: [v5 IN v3 | {`number`: v5.number, `title`: v5.title}], `rows`: [v5 IN v4 | v5.`rows`]} AS c0
}
RETURN c0
