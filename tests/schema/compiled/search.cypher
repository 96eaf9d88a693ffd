CALL () {
  RETURN COLLECT {
    CALL db.index.fulltext.queryNodes('reportText', $p1, {limit: $p2}) YIELD node AS v1, score AS v2
    WHERE (v1:Passage OR v1:AreaForImprovement OR v1:Judgment)
    RETURN {`score`: toFloat(v2), `kind`: CASE CASE WHEN v1:Passage THEN 'Passage' WHEN v1:AreaForImprovement THEN 'AreaForImprovement' ELSE 'Judgment' END WHEN 'Passage' THEN 'PASSAGE' WHEN 'AreaForImprovement' THEN 'AREA_FOR_IMPROVEMENT' WHEN 'Judgment' THEN 'JUDGMENT' END, `text`: CASE WHEN v1:Judgment THEN coalesce(v1.summary, '') ELSE v1.text END, `node`: CASE WHEN v1:Force THEN {`__typename`: 'Force', `id`: v1.id} WHEN v1:Organisation THEN {`__typename`: 'Organisation', `id`: v1.id} WHEN v1:Scheme THEN {`__typename`: 'Scheme', `id`: v1.id} WHEN v1:Initiative THEN {`__typename`: 'Initiative', `id`: v1.id} WHEN v1:Threat THEN {`__typename`: 'Threat', `id`: v1.id} WHEN v1:Report THEN {`__typename`: 'Report', `id`: v1.id} WHEN v1:Question THEN {`__typename`: 'Question', `id`: v1.id} WHEN v1:Judgment THEN {`__typename`: 'Judgment', `id`: v1.id} WHEN v1:AreaForImprovement THEN {`__typename`: 'AreaForImprovement', `id`: v1.id} WHEN v1:Metric THEN {`__typename`: 'Metric', `id`: v1.id} WHEN v1:Passage THEN {`__typename`: 'Passage', `id`: v1.id} WHEN v1:Term THEN {`__typename`: 'Term', `id`: v1.id} END, `passage`: COLLECT {
      CALL (v1) {
        WITH v1 AS v4
        WHERE v4:Passage
        RETURN v4
        UNION
        MATCH (v1)-[:EVIDENCED_BY]->(v4:Passage)
        RETURN v4
      }
      RETURN {`page`: v4.page}
      ORDER BY v4.page, v4.id LIMIT 1
    }[0], `report`: COLLECT {
      CALL (v1) {
        MATCH (v1)-[:PART_OF]->(v5:Report)
        RETURN v5
        UNION
        MATCH (v1)<-[:JUDGES|IDENTIFIES]-(v5:Report)
        RETURN v5
      }
      RETURN {`id`: v5.id}
      ORDER BY v5.id LIMIT 1
    }[0], `force`: COLLECT {
      CALL (v1) {
        MATCH (v1)-[:PART_OF]->(v7:Report)
        RETURN v7
        UNION
        MATCH (v1)<-[:JUDGES|IDENTIFIES]-(v7:Report)
        RETURN v7
      }
      MATCH (v7)-[:INSPECTS]->(v6:Force)
      RETURN {`name`: coalesce(v6.name, v6.id)}
      ORDER BY v6.id LIMIT 1
    }[0]}
    ORDER BY v2 DESC, v1.id LIMIT $p3
  } AS c0
}
RETURN c0
