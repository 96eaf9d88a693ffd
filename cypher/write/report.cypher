// The report node and the force it inspects.
// Parameters: $report {id, title, inspectorate, programme, pillar, year, sha256, documentHash,
//   forceId, forceName}. Returns: nothing.
MERGE (f:Force {id: $report.forceId})
  ON CREATE SET f.name = $report.forceName
MERGE (r:Report {id: $report.id})
SET r.title = $report.title,
    r.inspectorate = $report.inspectorate,
    r.programme = $report.programme,
    r.pillar = $report.pillar,
    r.year = $report.year,
    r.sha256 = $report.sha256,
    r.documentHash = $report.documentHash
MERGE (r)-[:INSPECTS]->(f)
