// The passages that evidence each judgment, area for improvement or metric, by page.
// Parameters: $ids (judgment, area-for-improvement or metric ids).
// Returns: id, passages ([{passage, report (report id)}]), reports ([report properties], each once).
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Judgment {id: id})
  RETURN n
  UNION
  MATCH (n:AreaForImprovement {id: id})
  RETURN n
  UNION
  MATCH (n:Metric {id: id})
  RETURN n
}
MATCH (n)-[:EVIDENCED_BY]->(p:Passage)-[:PART_OF]->(r:Report)
WITH id, p, r
ORDER BY p.page, p.id
WITH id, collect({passage: p {.*}, report: r.id}) AS passages, collect(DISTINCT r) AS reports
RETURN id, passages, [r IN reports | r {.id, .title, .inspectorate, .programme, .pillar, .year, .sourceUrl}] AS reports
