// The organisations, other forces, schemes, initiatives and national threats a report names, and the
// passages that mention each. Names are set when a node is first created (the gazetteer's name wins).
// Parameters: $organisations, $forces, $schemes, $initiatives, $threats, each
//   [{id, name, acronym, kind, passageIds}]. Returns: nothing.
CALL () {
  UNWIND $organisations AS row
  MERGE (e:Organisation {id: row.id})
    ON CREATE SET e.name = row.name, e.acronym = row.acronym, e.kind = row.kind
  WITH e, row
  UNWIND row.passageIds AS passageId
  MATCH (p:Passage {id: passageId})
  MERGE (p)-[:MENTIONS]->(e)
}
CALL () {
  UNWIND $forces AS row
  MERGE (e:Force {id: row.id})
    ON CREATE SET e.name = row.name
  WITH e, row
  UNWIND row.passageIds AS passageId
  MATCH (p:Passage {id: passageId})
  MERGE (p)-[:MENTIONS]->(e)
}
CALL () {
  UNWIND $schemes AS row
  MERGE (e:Scheme {id: row.id})
    ON CREATE SET e.name = row.name, e.acronym = row.acronym, e.kind = row.kind
  WITH e, row
  UNWIND row.passageIds AS passageId
  MATCH (p:Passage {id: passageId})
  MERGE (p)-[:MENTIONS]->(e)
}
CALL () {
  UNWIND $initiatives AS row
  MERGE (e:Initiative {id: row.id})
    ON CREATE SET e.name = row.name, e.acronym = row.acronym, e.kind = row.kind
  WITH e, row
  UNWIND row.passageIds AS passageId
  MATCH (p:Passage {id: passageId})
  MERGE (p)-[:MENTIONS]->(e)
}
CALL () {
  UNWIND $threats AS row
  MERGE (e:Threat {id: row.id})
    ON CREATE SET e.name = row.name, e.acronym = row.acronym, e.kind = row.kind
  WITH e, row
  UNWIND row.passageIds AS passageId
  MATCH (p:Passage {id: passageId})
  MERGE (p)-[:MENTIONS]->(e)
}
