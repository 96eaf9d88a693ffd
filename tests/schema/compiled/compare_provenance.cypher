CALL () {
  CALL () {
    MATCH (v1:Question {pillar: $p4})
    WHERE v1.years IS NULL OR $p3 IN v1.years
    WITH v1
    ORDER BY v1.number LIMIT 10
    RETURN collect(v1) AS v3
  }
  CALL () {
    MATCH (:Organisation {id: $p5})<-[:MEMBER_OF]-(v2:Force)
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
    RETURN collect({`rows`: {`force`: {`id`: v2.id}, `judgments`: [v16 IN v3 | COLLECT {
      UNWIND v7 AS v17
      WITH v17
      WHERE v17[0] = v16
      WITH v17[1] AS v18
      RETURN {`grade`: CASE v18.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END, `gradeSource`: v18.gradeSource, `basis`: CASE v18.basis WHEN 'stated' THEN 'STATED' WHEN 'summary' THEN 'SUMMARY' WHEN 'carried-over' THEN 'CARRIED_OVER' END, `sourceUrl`: v18.sourceUrl, `page`: v18.page, `asked`: v18.asked} LIMIT 1
    }[0]]}}) AS v4
  }
  RETURN {`questions`: [v5 IN v3 | {`number`: v5.number, `title`: v5.title, `years`: v5.years}], `rows`: [v5 IN v4 | v5.`rows`]} AS c0
}
RETURN c0
