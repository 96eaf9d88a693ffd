// The passages that name each force, organisation, scheme, initiative or threat, by page.
// Parameters: $ids (entity ids). Returns: id, passages ([{passage, report}]).
UNWIND $ids AS id
CALL (id) {
  MATCH (e:Organisation {id: id})
  RETURN e
  UNION
  MATCH (e:Force {id: id})
  RETURN e
  UNION
  MATCH (e:Scheme {id: id})
  RETURN e
  UNION
  MATCH (e:Initiative {id: id})
  RETURN e
  UNION
  MATCH (e:Threat {id: id})
  RETURN e
}
MATCH (e)<-[:MENTIONS]-(p:Passage)-[:PART_OF]->(r:Report)
WITH id, p, r
ORDER BY p.page, r.id, p.id
RETURN id, collect({passage: p {.*}, report: r {.*}}) AS passages
