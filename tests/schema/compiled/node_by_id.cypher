CALL () {
  RETURN COLLECT {
    CALL () {
      MATCH (v1:Force {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Organisation {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Scheme {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Initiative {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Threat {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Report {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Question {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Judgment {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:AreaForImprovement {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Metric {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Passage {id: $p1})
      RETURN v1
      UNION
      MATCH (v1:Term {id: $p1})
      RETURN v1
    }
    RETURN CASE WHEN v1:Force THEN {`__typename`: 'Force', `id`: v1.id, `name`: coalesce(v1.name, v1.id)} WHEN v1:Organisation THEN {`__typename`: 'Organisation', `id`: v1.id, `name`: coalesce(v1.name, v1.id)} WHEN v1:Scheme THEN {`__typename`: 'Scheme', `id`: v1.id, `name`: coalesce(v1.name, v1.id)} WHEN v1:Initiative THEN {`__typename`: 'Initiative', `id`: v1.id, `name`: coalesce(v1.name, v1.id)} WHEN v1:Threat THEN {`__typename`: 'Threat', `id`: v1.id, `name`: coalesce(v1.name, v1.id)} WHEN v1:Report THEN {`__typename`: 'Report', `id`: v1.id} WHEN v1:Question THEN {`__typename`: 'Question', `id`: v1.id} WHEN v1:Judgment THEN {`__typename`: 'Judgment', `id`: v1.id, `grade`: CASE v1.grade WHEN 'Inadequate' THEN 'INADEQUATE' WHEN 'Requires improvement' THEN 'REQUIRES_IMPROVEMENT' WHEN 'Good' THEN 'GOOD' WHEN 'Outstanding' THEN 'OUTSTANDING' END, `report`: COLLECT {
      MATCH (v1)<-[:JUDGES]-(v2:Report)
      RETURN {`id`: v2.id}
      ORDER BY v2.id LIMIT 1
    }[0]} WHEN v1:AreaForImprovement THEN {`__typename`: 'AreaForImprovement', `id`: v1.id} WHEN v1:Metric THEN {`__typename`: 'Metric', `id`: v1.id} WHEN v1:Passage THEN {`__typename`: 'Passage', `id`: v1.id, `page`: v1.page, `mentions`: COLLECT {
      MATCH (v1)-[:MENTIONS]->(v3)
      WHERE (v3:Force OR v3:Organisation OR v3:Scheme OR v3:Initiative OR v3:Threat)
      RETURN CASE WHEN v3:Force THEN {`__typename`: 'Force', `name`: coalesce(v3.name, v3.id)} WHEN v3:Organisation THEN {`__typename`: 'Organisation', `name`: coalesce(v3.name, v3.id)} WHEN v3:Scheme THEN {`__typename`: 'Scheme', `name`: coalesce(v3.name, v3.id)} WHEN v3:Initiative THEN {`__typename`: 'Initiative', `name`: coalesce(v3.name, v3.id)} WHEN v3:Threat THEN {`__typename`: 'Threat', `name`: coalesce(v3.name, v3.id)} END
      ORDER BY v3.name, v3.id LIMIT 50
    }} WHEN v1:Term THEN {`__typename`: 'Term', `id`: v1.id} END LIMIT 1
  }[0] AS c0
}
RETURN c0
