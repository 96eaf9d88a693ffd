CALL () {
  RETURN COLLECT {
    MATCH (v1:Force {id: $p1})
    RETURN {`name`: coalesce(v1.name, v1.id), `rocu`: COLLECT {
      MATCH (v1)-[:MEMBER_OF]->(v2:Organisation)
      RETURN {`acronym`: v2.acronym}
      ORDER BY v2.id LIMIT 1
    }[0], `reports`: COLLECT {
      MATCH (v1)<-[:INSPECTS]-(v3:Report)
      RETURN {`year`: v3.year, `pillar`: toLower(v3.pillar), `overallGrade`: COLLECT {
        MATCH (v3)-[:JUDGES]->(v4:Judgment)-[:ANSWERS]->(:Question {number: 0})
        RETURN CASE v4.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END
        ORDER BY v4.id LIMIT 1
      }[0], `judgments`: COLLECT {
        MATCH (v3)-[:JUDGES]->(v5:Judgment)
        OPTIONAL MATCH (v5)-[:ANSWERS]->(v6:Question)
        RETURN {`grade`: CASE v5.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END, `previousGrade`: CASE v5.previousGrade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END, `question`: CASE WHEN v6 IS NULL THEN null ELSE {`number`: v6.number, `title`: v6.title} END, `evidence`: COLLECT {
          MATCH (v5)-[:EVIDENCED_BY]->(v8:Passage)-[:PART_OF]->(v9:Report)
          RETURN {`page`: v8.page, `text`: v8.text}
          ORDER BY v8.page, v8.id LIMIT $p2
        }}
        ORDER BY v6.number, v5.id LIMIT 10
      }, `areasForImprovement`: COLLECT {
        MATCH (v3)-[:IDENTIFIES]->(v10:AreaForImprovement)
        OPTIONAL MATCH (v10)-[:UNDER]->(v11:Question)
        RETURN {`text`: v10.text, `question`: CASE WHEN v11 IS NULL THEN null ELSE {`number`: v11.number} END}
        ORDER BY v11.number, v10.id LIMIT 30
      }}
      ORDER BY v3.year DESC, v3.pillar LIMIT 25
    }, `partners`: COLLECT {
      MATCH (v1)-[v14:WORKS_WITH]->(v13)
      WHERE (v13:Force OR v13:Organisation)
      RETURN {`name`: coalesce(v13.name, v13.id), `acronym`: CASE WHEN v13:Force THEN null ELSE v13.acronym END, `kind`: CASE WHEN v13:Force THEN 'force' ELSE coalesce(v13.kind, 'other') END}
      ORDER BY v14.mentions DESC, v13.name, v13.id LIMIT 100
    }} LIMIT 1
  }[0] AS c0
}
CALL () {
  RETURN COLLECT {
    MATCH (v1:Organisation {id: $b1p1})
    RETURN {`name`: coalesce(v1.name, v1.id), `members`: COLLECT {
      MATCH (v1)<-[:MEMBER_OF]-(v2:Force)
      RETURN {`id`: v2.id}
      ORDER BY v2.name LIMIT 50
    }, `mentions`: COLLECT {
      MATCH (v3:Passage)-[:MENTIONS]->(v1), (v3)-[:PART_OF]->(v4:Report)
      RETURN {`page`: v3.page, `text`: v3.text}
      ORDER BY v3.page, v4.id, v3.id LIMIT $b1p2
    }} LIMIT 1
  }[0] AS c1
}
RETURN c0, c1
