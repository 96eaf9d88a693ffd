"""The questions bench/queries.py asks, each three ways: GraphQL to the API, the hand-written Cypher behind
it (also served by bench/ceiling.py), and, where it can express it, GraphQL to the peer (@neo4j/graphql);
with the functions that bring each answer into the API's shape so that they can be checked to be the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Shape = Callable[[list[dict[str, Any]]], Any]
"""Turns the hand-written query's records into the GraphQL answer's `data`, to check they are the same."""
PeerShape = Callable[[dict[str, Any]], Any]
"""Turns the peer's `data` into our GraphQL answer's `data` (names, enums, nesting), to check they are the same."""


@dataclass
class Query:
    name: str
    graphql: str
    cypher: str
    parameters: dict[str, Any]
    shape: Shape
    peer: str | None = None
    """The same question in the peer's GraphQL (@neo4j/graphql), or None where the peer cannot express it."""
    peer_shape: PeerShape | None = None
    peer_note: str = ""
    """What bringing the peer's answer into our shape does beyond renaming, said in the output."""
    peer_normalise: Callable[[Any], Any] | None = None
    """Applied to both answers when they differ only in what the peer cannot express exactly."""


def grade(label: str | None) -> str | None:
    """A grade as stored ('Requires improvement') as the API's enum answers it (REQUIRES_IMPROVEMENT)."""
    return None if label is None else label.upper().replace(" ", "_")


def only(items: list[Any]) -> Any:
    """The one node of a peer's relationship field (its relationships are lists; ours to one node are not)."""
    return items[0] if items else None


DEEP_GRAPHQL = """
{ force(id: "cambridgeshire") {
    name rocu { acronym }
    reports { year pillar overallGrade
      judgments { grade previousGrade question { number title } evidence { page text } }
      areasForImprovement { text question { number } } }
    partners { name acronym kind } }
  organisation(id: "ersou") { name members { id } mentions(first: 1000) { page text } } }
"""
DEEP_CYPHER = """
CALL () {
  MATCH (f:Force {id: $forceId})
  RETURN f {
    .name,
    rocu: [(f)-[:MEMBER_OF]->(o:Organisation) | o {.acronym}][0],
    reports: COLLECT {
      MATCH (f)<-[:INSPECTS]-(r:Report)
      WITH r ORDER BY r.year DESC, r.pillar
      RETURN r {
        .year, .pillar,
        overallGrade: [(r)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(:Question {number: 0}) | j.grade][0],
        judgments: COLLECT {
          MATCH (r)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
          WITH j, q ORDER BY q.number, j.id
          RETURN j {
            .grade, .previousGrade, question: q {.number, .title},
            evidence: COLLECT {
              MATCH (j)-[:EVIDENCED_BY]->(p:Passage)
              WITH p ORDER BY p.page, p.id
              RETURN p {.page, .text}
            }
          }
        },
        areasForImprovement: COLLECT {
          MATCH (r)-[:IDENTIFIES]->(a:AreaForImprovement)-[:UNDER]->(q:Question)
          WITH a, q ORDER BY q.number, a.id
          RETURN a {.text, question: q {.number}}
        }
      }
    },
    partners: COLLECT {
      MATCH (f)-[w:WORKS_WITH]->(p)
      WITH p, w ORDER BY w.mentions DESC, p.name, p.id
      RETURN CASE WHEN p:Force THEN {name: p.name, acronym: null, kind: 'force'}
                  ELSE {name: p.name, acronym: p.acronym, kind: coalesce(p.kind, 'other')} END
    }
  } AS force
}
CALL () {
  MATCH (o:Organisation {id: $organisationId})
  RETURN o {
    .name,
    members: COLLECT { MATCH (o)<-[:MEMBER_OF]-(m:Force) WITH m ORDER BY m.name RETURN m {.id} },
    mentions: COLLECT {
      MATCH (o)<-[:MENTIONS]-(p:Passage)-[:PART_OF]->(r:Report)
      WITH p, r ORDER BY p.page, r.id, p.id
      RETURN p {.page, .text}
    }
  } AS organisation
}
RETURN force, organisation
"""


def deep_shape(records: list[dict[str, Any]]) -> Any:
    force, organisation = records[0]["force"], records[0]["organisation"]
    for report in force["reports"]:
        report["overallGrade"] = grade(report["overallGrade"])
        for judgment in report["judgments"]:
            judgment["grade"], judgment["previousGrade"] = grade(judgment["grade"]), grade(judgment["previousGrade"])
    return {"force": force, "organisation": organisation}


DEEP_PEER = """
{ forces(where: {id: {eq: "cambridgeshire"}}) {
    name rocu { acronym }
    reports(sort: [{year: DESC}, {pillar: ASC}]) { year pillar overallGrade
      judgments(sort: [{questionNumber: ASC}, {id: ASC}]) {
        grade previousGrade question { number title } evidence(sort: [{page: ASC}, {id: ASC}]) { page text } }
      areasForImprovement(sort: [{questionNumber: ASC}, {id: ASC}]) { text question { number } } }
    partners { __typename ... on Force { name } ... on Organisation { name acronym kind } } }
  organisations(where: {id: {eq: "ersou"}}) {
    name members(sort: [{name: ASC}]) { id } mentions(sort: [{page: ASC}, {id: ASC}]) { page text } } }
"""
"""Mentions by page and passage id: a passage's id starts with its report's, so that is our page, report, id."""


def deep_peer(data: dict[str, Any]) -> Any:
    force = only(data["forces"])
    force["rocu"] = only(force["rocu"])
    for report in force["reports"]:
        report["overallGrade"] = grade(report["overallGrade"])
        for judgment in report["judgments"]:
            judgment["grade"], judgment["previousGrade"] = grade(judgment["grade"]), grade(judgment["previousGrade"])
            judgment["question"] = only(judgment["question"])
        for area in report["areasForImprovement"]:
            area["question"] = only(area["question"])
    force["partners"] = [partner(item) for item in force["partners"]]
    return {"force": force, "organisation": only(data["organisations"])}


def partner(item: dict[str, Any]) -> dict[str, Any]:
    """A partner as our API answers it: a force is of kind 'force', an organisation without a kind 'other'."""
    if item["__typename"] == "Force":
        return {"name": item["name"], "acronym": None, "kind": "force"}
    return {"name": item["name"], "acronym": item["acronym"], "kind": item["kind"] or "other"}


SEARCH_GRAPHQL = """
{ search(text: "digital evidence", first: 10) {
    score kind text passage { page } report { id } force { name } } }
"""
SEARCH_CYPHER = """
CALL db.index.fulltext.queryNodes('reportText', $text, {limit: $limit})
YIELD node, score
OPTIONAL MATCH (node)-[:PART_OF|JUDGES|IDENTIFIES]-(r:Report)
OPTIONAL MATCH (r)-[:INSPECTS]->(f:Force)
RETURN score,
       CASE WHEN node:Passage THEN 'PASSAGE' WHEN node:AreaForImprovement THEN 'AREA_FOR_IMPROVEMENT'
            ELSE 'JUDGMENT' END AS kind,
       coalesce(node.text, node.summary, '') AS text,
       CASE WHEN node:Passage THEN node.page
            ELSE [(node)-[:EVIDENCED_BY]->(p:Passage) | p][0].page END AS page,
       r.id AS report,
       f.name AS force
ORDER BY score DESC, node.id
"""


def search_shape(records: list[dict[str, Any]]) -> Any:
    return {"search": [
        {"score": row["score"], "kind": row["kind"], "text": row["text"],
         "passage": None if row["page"] is None else {"page": row["page"]},
         "report": None if row["report"] is None else {"id": row["report"]},
         "force": None if row["force"] is None else {"name": row["force"]}}
        for row in records
    ]}


SEARCH_PEER = """
{ searchPassages(phrase: "digital evidence", sort: [{score: DESC}, {node: {id: ASC}}], first: 10) {
    edges { score node { id text page report { id force { name } } } } }
  searchAreasForImprovement(phrase: "digital evidence", sort: [{score: DESC}, {node: {id: ASC}}], first: 10) {
    edges { score node { id text evidence(limit: 1) { page } report { id force { name } } } } }
  searchJudgments(phrase: "digital evidence", sort: [{score: DESC}, {node: {id: ASC}}], first: 10) {
    edges { score node { id summary evidence(limit: 1) { page } report { id force { name } } } } } }
"""
"""One full-text query per label of the index (the peer has no query over several labels)."""


def search_peer(data: dict[str, Any]) -> Any:
    hits = []
    for field_name, kind in (("searchPassages", "PASSAGE"), ("searchAreasForImprovement", "AREA_FOR_IMPROVEMENT"),
                             ("searchJudgments", "JUDGMENT")):
        for edge in data[field_name]["edges"]:
            node = edge["node"]
            page = node["page"] if kind == "PASSAGE" else (only(node["evidence"]) or {}).get("page")
            report = only(node["report"])
            force = only(report["force"]) if report else None
            hits.append((edge["score"], node["id"], {
                "score": edge["score"], "kind": kind, "text": node.get("text") or node.get("summary") or "",
                "passage": None if page is None else {"page": page},
                "report": None if report is None else {"id": report["id"]},
                "force": None if force is None else {"name": force["name"]},
            }))
    hits.sort(key=lambda hit: (-hit[0], hit[1]))
    return {"search": [hit for _, _, hit in hits[:10]]}


def search_ties(data: dict[str, Any]) -> Any:
    """Hits tied at the score of the last one kept, by score and kind only: which of the tied hits make the cut
    is the order of the index's own results, which the peer's sort cannot express."""
    hits = data["search"]
    if len(hits) < 10:
        return data
    last = hits[-1]["score"]
    return {"search": [hit if hit["score"] != last else {"score": hit["score"], "kind": hit["kind"]} for hit in hits]}


COMPARE_GRAPHQL = """
{ compareForces(rocu: "ersou", pillar: EFFECTIVENESS, year: 2016) {
    questions { number title } rows { force { name } report { id } grades } } }
"""
COMPARE_CYPHER = """
MATCH (:Organisation {id: $rocu})<-[:MEMBER_OF]-(f:Force)
OPTIONAL MATCH (f)<-[:INSPECTS]-(r:Report {pillar: $pillar, year: $year})
WITH f, r ORDER BY f.name
WITH collect({force: f {.name}, report: r {.id},
              grades: COLLECT { MATCH (q:Question {pillar: $pillar}) WITH q ORDER BY q.number
                                RETURN [(r)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q) | j.grade][0] }}) AS rows
RETURN COLLECT { MATCH (q:Question {pillar: $pillar}) WITH q ORDER BY q.number RETURN q {.number, .title} }
         AS questions,
       rows
"""


def compare_shape(records: list[dict[str, Any]]) -> Any:
    rows = records[0]["rows"]
    for row in rows:
        row["grades"] = [grade(label) for label in row["grades"]]
    return {"compareForces": {"questions": records[0]["questions"], "rows": rows}}


COMPARE_PEER = """
{ questions(where: {pillar: {eq: "effectiveness"}}, sort: [{number: ASC}]) { number title }
  organisations(where: {id: {eq: "ersou"}}) {
    members(sort: [{name: ASC}]) { name
      reports(where: {pillar: {eq: "effectiveness"}, year: {eq: 2016}}) {
        id judgments { grade question { number } } } } } }
"""


def compare_peer(data: dict[str, Any]) -> Any:
    questions = data["questions"]
    rows = []
    for member in only(data["organisations"])["members"]:
        report = only(member["reports"])
        graded = {only(j["question"])["number"]: j["grade"] for j in report["judgments"]} if report else {}
        rows.append({"force": {"name": member["name"]}, "report": None if report is None else {"id": report["id"]},
                     "grades": [grade(graded.get(question["number"])) for question in questions]})
    return {"compareForces": {"questions": questions, "rows": rows}}


CONNECTION_GRAPHQL = """
{ connection(fromId: "essex", toId: "nca") {
    length steps { start { name } end { name } relationship forward evidence { page text } } } }
"""
CONNECTION_CYPHER = """
MATCH (a:Force {id: $fromId}), (b:Organisation {id: $toId})
MATCH path = shortestPath((a)-[:WORKS_WITH|MEMBER_OF|USES|MENTIONS*..8]-(b))
UNWIND range(0, length(path) - 1) AS i
WITH i, relationships(path)[i] AS rel, nodes(path)[i] AS here, nodes(path)[i + 1] AS there
WITH i, rel, here, there, startNode(rel) AS force, endNode(rel) AS other
RETURN i, here.name AS start, there.name AS end, there.page AS page, there.text AS text, type(rel) AS type,
       force = here AS forward,
       COLLECT {
         MATCH (force)<-[:INSPECTS]-(:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(other)
         WHERE type(rel) <> 'MENTIONS'
         WITH p ORDER BY p.page, p.id
         RETURN p {.page, .text}
       } AS evidence
ORDER BY i
"""


def connection_shape(records: list[dict[str, Any]]) -> Any:
    steps: list[dict[str, Any]] = []
    for index, row in enumerate(records):
        if row["start"] is None:
            continue  # a passage between two mentions: its step was made at its start
        if row["type"] != "MENTIONS":
            steps.append({"start": {"name": row["start"]}, "end": {"name": row["end"]}, "relationship": row["type"],
                          "forward": row["forward"], "evidence": row["evidence"]})
            continue
        beyond = records[index + 1]
        steps.append({"start": {"name": row["start"]}, "end": {"name": beyond["end"]},
                      "relationship": "MENTIONED_WITH", "forward": True,
                      "evidence": [{"page": row["page"], "text": row["text"]}]})
    return {"connection": {"length": len(steps), "steps": steps} if records else None}


ALL_FORCES_GRAPHQL = """
{ forces(first: 43) { totalCount edges { node { id name
    judgments { grade question { number } report { year pillar } } } } } }
"""
ALL_FORCES_CYPHER = """
MATCH (f:Force)
WITH f ORDER BY f.name, f.id
RETURN f.id AS id, f.name AS name,
       COLLECT {
         MATCH (f)<-[:INSPECTS]-(r:Report)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
         WITH r, j, q ORDER BY r.year DESC, r.pillar, q.number
         RETURN {grade: j.grade, question: {number: q.number}, report: {year: r.year, pillar: r.pillar}}
       } AS judgments
"""


def all_forces_shape(records: list[dict[str, Any]]) -> Any:
    edges = []
    for row in records[:43]:
        for judgment in row["judgments"]:
            judgment["grade"] = grade(judgment["grade"])
        edges.append({"node": {"id": row["id"], "name": row["name"], "judgments": row["judgments"]}})
    return {"forces": {"totalCount": len(records), "edges": edges}}


ALL_FORCES_PEER = """
{ forcesConnection { totalCount }
  forces(sort: [{name: ASC}, {id: ASC}], limit: 43) { id name
    reports(sort: [{year: DESC}, {pillar: ASC}]) { year pillar
      judgments(sort: [{questionNumber: ASC}]) { grade question { number } } } } }
"""


def all_forces_peer(data: dict[str, Any]) -> Any:
    edges = [
        {"node": {"id": force["id"], "name": force["name"], "judgments": [
            {"grade": grade(judgment["grade"]), "question": only(judgment["question"]),
             "report": {"year": report["year"], "pillar": report["pillar"]}}
            for report in force["reports"] for judgment in report["judgments"]
        ]}}
        for force in data["forces"]
    ]
    return {"forces": {"totalCount": data["forcesConnection"]["totalCount"], "edges": edges}}


QUERIES = [
    Query("deep", DEEP_GRAPHQL, DEEP_CYPHER, {"forceId": "cambridgeshire", "organisationId": "ersou"}, deep_shape,
          DEEP_PEER, deep_peer, "rocu, question: one-element lists unwrapped; a judgment's and an area's order by "
          "question number through a @cypher field; partners ordered by a @cypher field"),
    Query("search", SEARCH_GRAPHQL, SEARCH_CYPHER, {"text": "digital evidence", "limit": 10}, search_shape,
          SEARCH_PEER, search_peer, "three full-text queries, one per label, merged here by score and cut at 10; "
          "hits tied at the 10th score compared by score and kind only", search_ties),
    Query("compare", COMPARE_GRAPHQL, COMPARE_CYPHER, {"rocu": "ersou", "pillar": "effectiveness", "year": 2016},
          compare_shape, COMPARE_PEER, compare_peer, "each member's grades put in question order here"),
    Query("connection", CONNECTION_GRAPHQL, CONNECTION_CYPHER, {"fromId": "essex", "toId": "nca"}, connection_shape,
          None, None, "a shortest path has no equivalent (only a @cypher field holding our Cypher)"),
    Query("all_forces", ALL_FORCES_GRAPHQL, ALL_FORCES_CYPHER, {}, all_forces_shape,
          ALL_FORCES_PEER, all_forces_peer, "judgments flattened from each force's reports here"),
]
