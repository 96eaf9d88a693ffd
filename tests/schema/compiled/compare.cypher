CALL () {
  CALL () {
    MATCH (v1:Question {pillar: $p4})
    WHERE v1.years IS NULL OR $p3 IN v1.years
    WITH v1
    ORDER BY v1.number LIMIT 10
    RETURN collect(v1) AS v3
  }
  CALL () {
    MATCH (:Organisation {id: $p8})<-[:MEMBER_OF]-(v2:Force)
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
    RETURN collect({`rows`: {`force`: {`name`: coalesce(v2.name, v2.id)}, `report`: CASE WHEN v10 IS NULL THEN null ELSE {`id`: v10.id} END, `grades`: [v16 IN v3 | head([v17 IN v7 WHERE v17[0] = v16 | CASE v17[1].grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END])], `judgments`: [v19 IN v3 | COLLECT {
      UNWIND v7 AS v20
      WITH v20
      WHERE v20[0] = v19
      WITH v20[1] AS v21
      RETURN {`grade`: CASE v21.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END, `evidence`: COLLECT {
        MATCH (v21)-[:EVIDENCED_BY]->(v22:Passage)-[:PART_OF]->(v23:Report)
        RETURN {`page`: v22.page}
        ORDER BY v22.page, v22.id LIMIT $p7
      }} LIMIT 1
    }[0]]}}) AS v4
  }
  RETURN {`pillar`: toLower($p5), `year`: $p6, `questions`: [v5 IN v3 | {`number`: v5.number, `title`: v5.title}], `rows`: [v5 IN v4 | v5.`rows`]} AS c0
}
RETURN c0
