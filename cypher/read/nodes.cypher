// Nodes of any API label by domain id: one index-backed lookup per label, with the report that owns
// the node and the question it answers or sits under (null where neither applies).
// Parameters: $ids (domain ids). Returns: id, labels, properties, question, report (one row per node found).
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Force {id: id})
  RETURN n
  UNION
  MATCH (n:Organisation {id: id})
  RETURN n
  UNION
  MATCH (n:Scheme {id: id})
  RETURN n
  UNION
  MATCH (n:Initiative {id: id})
  RETURN n
  UNION
  MATCH (n:Threat {id: id})
  RETURN n
  UNION
  MATCH (n:Report {id: id})
  RETURN n
  UNION
  MATCH (n:Question {id: id})
  RETURN n
  UNION
  MATCH (n:Judgment {id: id})
  RETURN n
  UNION
  MATCH (n:AreaForImprovement {id: id})
  RETURN n
  UNION
  MATCH (n:Metric {id: id})
  RETURN n
  UNION
  MATCH (n:Passage {id: id})
  RETURN n
  UNION
  MATCH (n:Term {id: id})
  RETURN n
}
CALL (n) {
  OPTIONAL MATCH (n)-[:ANSWERS|UNDER]->(q:Question)
  RETURN q
  LIMIT 1
}
CALL (n) {
  OPTIONAL MATCH (n)-[:PART_OF]->(owner:Report)
  RETURN owner
  UNION
  OPTIONAL MATCH (n)<-[:JUDGES|IDENTIFIES|REPORTS]-(owner:Report)
  RETURN owner
}
WITH id, n, q, collect(owner)[0] AS owner
RETURN id,
       labels(n) AS labels,
       n {.*} AS properties,
       q {.*} AS question,
       owner {.*} AS report
