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
    }
    CALL () {
      MATCH (v2:Force {id: $p2})
      RETURN v2
      UNION
      MATCH (v2:Organisation {id: $p2})
      RETURN v2
      UNION
      MATCH (v2:Scheme {id: $p2})
      RETURN v2
      UNION
      MATCH (v2:Initiative {id: $p2})
      RETURN v2
      UNION
      MATCH (v2:Threat {id: $p2})
      RETURN v2
    }
    WITH v1, v2
    WHERE v1 <> v2
    MATCH v3 = shortestPath((v1)-[:WORKS_WITH|MEMBER_OF|USES|MENTIONS*..8]-(v2))
    WITH nodes(v3) AS v4, relationships(v3) AS v5 LIMIT 1
    CALL (v4, v5) {
      UNWIND range(0, size(v5) - 1) AS v8
      WITH v8, v4[v8] AS v9, v4[v8 + 1] AS v10, v5[v8] AS v12
      WHERE NOT v9:Passage
      WITH v8, v9, v10, v12, startNode(v12) AS v13, endNode(v12) AS v14, CASE WHEN v10:Passage THEN v4[v8 + 2] ELSE v10 END AS v11
      ORDER BY v8
      RETURN collect({`start`: CASE WHEN v9:Force THEN {`name`: coalesce(v9.name, v9.id)} WHEN v9:Organisation THEN {`name`: coalesce(v9.name, v9.id)} WHEN v9:Scheme THEN {`name`: coalesce(v9.name, v9.id)} WHEN v9:Initiative THEN {`name`: coalesce(v9.name, v9.id)} WHEN v9:Threat THEN {`name`: coalesce(v9.name, v9.id)} END, `end`: CASE WHEN v11:Force THEN {`name`: coalesce(v11.name, v11.id)} WHEN v11:Organisation THEN {`name`: coalesce(v11.name, v11.id), `acronym`: v11.acronym} WHEN v11:Scheme THEN {`name`: coalesce(v11.name, v11.id)} WHEN v11:Initiative THEN {`name`: coalesce(v11.name, v11.id)} WHEN v11:Threat THEN {`name`: coalesce(v11.name, v11.id)} END, `relationship`: CASE WHEN v10:Passage THEN 'MENTIONED_WITH' ELSE type(v12) END, `forward`: (v10:Passage OR v13 = v9), `evidence`: CASE WHEN v10:Passage THEN [{`page`: v10.page, `text`: v10.text, `report`: COLLECT {
        MATCH (v10)-[:PART_OF]->(v17:Report)
        RETURN {`year`: v17.year}
        ORDER BY v17.id LIMIT 1
      }[0]}] ELSE COLLECT {
        MATCH (v13)<-[:INSPECTS]-(v16:Report)<-[:PART_OF]-(v15:Passage)-[:MENTIONS]->(v14)
        RETURN {`page`: v15.page, `text`: v15.text, `report`: CASE WHEN v16 IS NULL THEN null ELSE {`year`: v16.year} END}
        ORDER BY v15.page, v15.id LIMIT 1000
      } END}) AS v7
    }
    RETURN {`length`: size([v6 IN v4[..-1] WHERE NOT v6:Passage]), `entities`: [v6 IN v4 WHERE NOT v6:Passage | CASE WHEN v6:Force THEN {`name`: coalesce(v6.name, v6.id)} WHEN v6:Organisation THEN {`name`: coalesce(v6.name, v6.id)} WHEN v6:Scheme THEN {`name`: coalesce(v6.name, v6.id)} WHEN v6:Initiative THEN {`name`: coalesce(v6.name, v6.id)} WHEN v6:Threat THEN {`name`: coalesce(v6.name, v6.id)} END], `steps`: v7}
  }[0] AS c0
}
RETURN c0
