// Regional organised crime units and their member forces (from the reference table); a force that
// has moved to another unit loses its old MEMBER_OF.
// Parameters: $rows [{id, acronym, name, alias, members [forceId]}], $forceIds (every force in the
//   table). Returns: nothing.
CALL () {
  UNWIND $rows AS row
  MERGE (o:Organisation {id: row.id})
  SET o.acronym = row.acronym,
      o.name = row.name,
      o.alias = row.alias,
      o.kind = 'regional-unit'
  WITH o, row
  UNWIND row.members AS forceId
  MATCH (f:Force {id: forceId})
  MERGE (f)-[:MEMBER_OF]->(o)
}
CALL () {
  UNWIND $rows AS row
  UNWIND row.members AS forceId
  WITH collect([forceId, row.id]) AS memberships
  MATCH (f:Force)-[m:MEMBER_OF]->(o:Organisation)
  WHERE f.id IN $forceIds AND NOT [f.id, o.id] IN memberships
  DELETE m
}
