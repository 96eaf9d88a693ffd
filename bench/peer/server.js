// The peer of bench/queries.py: peelgraph's graph (docs/graph-model.md) served by @neo4j/graphql 7 with
// graphql-yoga, read-only, against the same Neo4j. Nothing here writes: no mutations are generated and
// no schema assertion (assertIndexesAndConstraints) is run.
//
// Example: NEO4J_URI=bolt://127.0.0.1:7738 NEO4J_PASSWORD=… node server.js --port 4100 --workers 2

import cluster from "node:cluster";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

export const typeDefs = /* GraphQL */ `
    extend schema @mutation(operations: [])

    type WorksWith @relationshipProperties {
        mentions: Int
        reportIds: [String!]
    }

    type Defines @relationshipProperties {
        page: Int
    }

    type Force @node {
        id: ID!
        name: String
        onsCode: String
        country: String
        "Its regional organised crime unit: at most one."
        rocu: [Organisation!]! @relationship(type: "MEMBER_OF", direction: OUT)
        reports: [Report!]! @relationship(type: "INSPECTS", direction: IN)
        worksWithOrganisations: [Organisation!]!
            @relationship(type: "WORKS_WITH", direction: OUT, properties: "WorksWith")
        worksWithForces: [Force!]! @relationship(type: "WORKS_WITH", direction: OUT, properties: "WorksWith")
        uses: [Scheme!]! @relationship(type: "USES", direction: OUT, properties: "WorksWith")
        mentionedIn: [Passage!]! @relationship(type: "MENTIONS", direction: IN)
        "Organisations and forces it works with, most mentioned first (one ordering over two labels)."
        partners: [Partner!]!
            @cypher(
                statement: """
                MATCH (this)-[w:WORKS_WITH]->(partner)
                WITH partner, w ORDER BY w.mentions DESC, partner.name, partner.id
                RETURN partner
                """
                columnName: "partner"
            )
    }

    union Partner = Organisation | Force

    type Organisation @node {
        id: ID!
        name: String
        acronym: String
        kind: String
        alias: String
        members: [Force!]! @relationship(type: "MEMBER_OF", direction: IN)
        worksWith: [Force!]! @relationship(type: "WORKS_WITH", direction: IN, properties: "WorksWith")
        mentions: [Passage!]! @relationship(type: "MENTIONS", direction: IN)
        concernedBy: [AreaForImprovement!]! @relationship(type: "CONCERNS", direction: IN)
    }

    type Scheme @node {
        id: ID!
        name: String
        acronym: String
        kind: String
        usedBy: [Force!]! @relationship(type: "USES", direction: IN, properties: "WorksWith")
        mentions: [Passage!]! @relationship(type: "MENTIONS", direction: IN)
    }

    type Initiative @node {
        id: ID!
        name: String
        acronym: String
        kind: String
        mentions: [Passage!]! @relationship(type: "MENTIONS", direction: IN)
    }

    type Threat @node {
        id: ID!
        name: String
        kind: String
        mentions: [Passage!]! @relationship(type: "MENTIONS", direction: IN)
    }

    type Report @node {
        id: ID!
        title: String
        inspectorate: String
        programme: String
        pillar: String
        year: Int
        sourceUrl: String
        force: [Force!]! @relationship(type: "INSPECTS", direction: OUT)
        judgments: [Judgment!]! @relationship(type: "JUDGES", direction: OUT)
        areasForImprovement: [AreaForImprovement!]! @relationship(type: "IDENTIFIES", direction: OUT)
        metrics: [Metric!]! @relationship(type: "REPORTS", direction: OUT)
        terms: [Term!]! @relationship(type: "DEFINES", direction: OUT, properties: "Defines")
        passages: [Passage!]! @relationship(type: "PART_OF", direction: IN)
        "The grade of its overall question (number 0), as stored: 'Requires improvement'."
        overallGrade: String
            @cypher(
                statement: """
                MATCH (this)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(:Question {number: 0})
                RETURN j.grade AS grade LIMIT 1
                """
                columnName: "grade"
            )
    }

    type Question @node {
        id: ID!
        pillar: String
        number: Int
        title: String
        judgments: [Judgment!]! @relationship(type: "ANSWERS", direction: IN)
        areasForImprovement: [AreaForImprovement!]! @relationship(type: "UNDER", direction: IN)
    }

    type Judgment
        @node
        @fulltext(indexes: [{ indexName: "reportText", queryName: "searchJudgments", fields: ["summary"] }]) {
        id: ID!
        grade: String
        gradeRank: Int
        previousGrade: String
        previousYear: Int
        summary: String
        gradeSource: String
        question: [Question!]! @relationship(type: "ANSWERS", direction: OUT)
        report: [Report!]! @relationship(type: "JUDGES", direction: IN)
        evidence: [Passage!]! @relationship(type: "EVIDENCED_BY", direction: OUT)
        "Its question's number, to order a report's judgments by (a sort cannot reach a related node)."
        questionNumber: Int
            @cypher(
                statement: "MATCH (this)-[:ANSWERS]->(q:Question) RETURN q.number AS number LIMIT 1"
                columnName: "number"
            )
    }

    union Concerned = Organisation | Scheme | Force

    type AreaForImprovement
        @node
        @fulltext(indexes: [{ indexName: "reportText", queryName: "searchAreasForImprovement", fields: ["text"] }]) {
        id: ID!
        text: String
        question: [Question!]! @relationship(type: "UNDER", direction: OUT)
        report: [Report!]! @relationship(type: "IDENTIFIES", direction: IN)
        evidence: [Passage!]! @relationship(type: "EVIDENCED_BY", direction: OUT)
        concerns: [Concerned!]! @relationship(type: "CONCERNS", direction: OUT)
        questionNumber: Int
            @cypher(
                statement: "MATCH (this)-[:UNDER]->(q:Question) RETURN q.number AS number LIMIT 1"
                columnName: "number"
            )
    }

    type Metric @node {
        id: ID!
        label: String
        value: Float
        unit: String
        period: String
        area: String
        report: [Report!]! @relationship(type: "REPORTS", direction: IN)
        evidence: [Passage!]! @relationship(type: "EVIDENCED_BY", direction: OUT)
    }

    union Mentioned = Organisation | Scheme | Initiative | Threat | Force

    type Passage
        @node
        @fulltext(indexes: [{ indexName: "reportText", queryName: "searchPassages", fields: ["text"] }]) {
        id: ID!
        page: Int
        text: String
        question: Int
        report: [Report!]! @relationship(type: "PART_OF", direction: OUT)
        mentions: [Mentioned!]! @relationship(type: "MENTIONS", direction: OUT)
    }

    type Term @node {
        id: ID!
        term: String
        definition: String
        report: [Report!]! @relationship(type: "DEFINES", direction: IN, properties: "Defines")
    }
`;

function options() {
    const { values } = parseArgs({
        options: {
            port: { type: "string", default: process.env.PEER_PORT ?? "4100" },
            workers: { type: "string", default: process.env.PEER_WORKERS ?? "1" },
        },
    });
    return { port: Number(values.port), workers: Math.max(1, Number(values.workers)) };
}

async function serve(port) {
    const driver = neo4j.driver(
        process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
        neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""),
        { userAgent: "peelgraph-bench-peer" },
    );
    const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
    const sessionConfig = { database: process.env.NEO4J_DATABASE ?? "neo4j", defaultAccessMode: neo4j.session.READ };
    const yoga = createYoga({
        schema,
        context: () => ({ sessionConfig }),
        graphqlEndpoint: "/graphql",
        graphiql: false,
        landingPage: false,
        logging: false,
        maskedErrors: false,
    });
    const server = createServer(yoga);
    server.keepAliveTimeout = 75_000;
    server.listen(port, "127.0.0.1");
    const stop = () => {
        server.close(() => driver.close().then(() => process.exit(0)));
        setTimeout(() => process.exit(0), 5_000).unref();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

async function main() {
    const { port, workers } = options();
    if (workers === 1 || !cluster.isPrimary) {
        await serve(port);
        return;
    }
    // As `uvicorn --workers N` runs peelgraph: N processes sharing one listening port.
    for (let index = 0; index < workers; index += 1) cluster.fork();
    const stop = (signal) => {
        for (const worker of Object.values(cluster.workers)) worker.process.kill(signal);
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
    cluster.on("exit", () => {
        if (Object.keys(cluster.workers).length === 0) process.exit(0);
    });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
