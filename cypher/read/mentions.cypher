// The passages that name each force, organisation, scheme, initiative or threat, by page.
// Each report is returned once per id (a passage names its report by id): an organisation named across
// hundreds of reports would otherwise carry its report's properties with every passage.
// Parameters: $ids (entity ids).
// Returns: id, passages ([{passage, report (report id)}]), reports ([report properties], each once).
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
WITH id, collect({passage: p {.*}, report: r.id}) AS passages, collect(DISTINCT r) AS reports
RETURN id, passages, [r IN reports | r {.id, .title, .inspectorate, .programme, .pillar, .year, .sourceUrl}] AS reports
