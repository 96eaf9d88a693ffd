// The graph's schema: a uniqueness constraint on the id of every label, the indexes the API and the
// analysis library need, and one full-text index over the report's prose.
// Applied by every `peelgraph load`; every statement is safe to run twice (IF NOT EXISTS).

CREATE CONSTRAINT force_id IF NOT EXISTS FOR (n:Force) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT scheme_id IF NOT EXISTS FOR (n:Scheme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT initiative_id IF NOT EXISTS FOR (n:Initiative) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT threat_id IF NOT EXISTS FOR (n:Threat) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT question_id IF NOT EXISTS FOR (n:Question) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT judgment_id IF NOT EXISTS FOR (n:Judgment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT area_for_improvement_id IF NOT EXISTS FOR (n:AreaForImprovement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT metric_id IF NOT EXISTS FOR (n:Metric) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT passage_id IF NOT EXISTS FOR (n:Passage) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT term_id IF NOT EXISTS FOR (n:Term) REQUIRE n.id IS UNIQUE;

CREATE INDEX report_pillar_year IF NOT EXISTS FOR (n:Report) ON (n.pillar, n.year);
CREATE INDEX judgment_grade IF NOT EXISTS FOR (n:Judgment) ON (n.grade);
CREATE INDEX question_pillar_number IF NOT EXISTS FOR (n:Question) ON (n.pillar, n.number);
CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind);
CREATE INDEX organisation_acronym IF NOT EXISTS FOR (n:Organisation) ON (n.acronym);
CREATE INDEX scheme_acronym IF NOT EXISTS FOR (n:Scheme) ON (n.acronym);
CREATE INDEX force_name IF NOT EXISTS FOR (n:Force) ON (n.name);
CREATE INDEX passage_page IF NOT EXISTS FOR (n:Passage) ON (n.page);

CREATE FULLTEXT INDEX reportText IF NOT EXISTS
FOR (n:Passage|AreaForImprovement|Judgment)
ON EACH [n.text, n.summary];
