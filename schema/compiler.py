"""GraphQL selections compiled into one Cypher statement, from the declarations of `schema/mapping.py`.

The planner walks the validated operation with graphql-core's own field collection (fragments, aliases,
`@skip`/`@include`) and argument coercion (variables, defaults). The emitter turns each root field it
covers into a `CALL` block that returns the field's whole answer: one map per object keyed by the
response key, one `COLLECT {}` subquery per relationship (so rows never multiply), `COUNT {}` only where
`totalCount` is asked for, and every enum and scalar already in its serialised form. Argument values are
only ever parameters; the text depends on the selection alone, so the same selection gives the same
statement and Neo4j's plan cache hits.

A root field the declarations do not cover (a resolver without one, an abstract type without labels,
`@defer`) is left to its resolver, as is one whose arguments the API refuses (its resolver reports the
error); `CompiledQuery.fields` says which were covered.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLFloat,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    get_named_type,
    is_leaf_type,
    parse,
    validate,
)
from graphql.execution.collect_fields import FieldDetailsList, FragmentDetails, collect_fields, collect_subfields
from graphql.execution.executor import Executor
from graphql.execution.values import VariableValues, get_argument_values

from peelgraph.schema.bounds import checked_first
from peelgraph.schema.errors import UserInputError
from peelgraph.schema.mapping import (
    NODE_LABELS,
    READS,
    ById,
    Itself,
    Listing,
    Matrix,
    Narrowed,
    Read,
    Related,
    ShortestPath,
    Value,
)
from peelgraph.schema.pagination import cursor, window

NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
MAX_STATEMENT_CHARACTERS = 12_000
"""Root fields beyond this much Cypher go to another statement: Neo4j plans a 30,000-character statement (30
aliased copies of a lookup) in 3 to 9 s, and the same fields one statement each in milliseconds, once."""
CLAUSE = re.compile(r"(CALL|MATCH|OPTIONAL MATCH|UNWIND|WITH)\b")
"""A `Related.match` written as whole clauses rather than a pattern."""
SCALAR_OUTPUT = {"Pillar": "toLower({x})", GraphQLFloat.name: "toFloat({x})"}
"""Cypher that serialises a stored value as the scalar's `serialize` does (others are stored as served)."""


class NotCompilable(Exception):
    """A selection the declarations do not cover: its root field goes through the resolvers."""


Convert = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class Binding:
    """A parameter's value, computed per request from the coerced arguments of one field."""

    parameter: str
    field: GraphQLField
    details: FieldDetailsList
    convert: Convert


class RefusedArguments(Exception):
    """Arguments of these root fields the API refuses: their resolvers report it."""

    def __init__(self, keys: set[str]) -> None:
        super().__init__(", ".join(sorted(keys)))
        self.keys = keys


@dataclass(frozen=True, slots=True)
class CompiledField:
    statement: int
    column: str
    bindings: list[Binding]


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    """The statements answering the root fields they cover (`fields`: by response key). One, unless the root
    fields together would make a statement so long that Neo4j takes seconds to plan it: then each statement
    holds as many as fit, and the same root field asked alone gives the same text (and plan) wherever it is."""

    texts: list[str]
    fields: dict[str, CompiledField]

    @property
    def text(self) -> str:
        return "\n;\n".join(self.texts)

    def parameters(self, variables: VariableValues, hide_suggestions: bool = False) -> list[dict[str, Any]]:
        """Each statement's parameters for these variables; RefusedArguments names the root fields whose
        arguments the API refuses (a page too large, a foreign cursor)."""
        values: list[dict[str, Any]] = [{} for _ in self.texts]
        refused = set()
        for key, compiled in self.fields.items():
            arguments: dict[int, Mapping[str, Any]] = {}
            try:
                for binding in compiled.bindings:
                    found = arguments.get(id(binding.details))
                    if found is None:
                        first = binding.details[0]
                        found = arguments[id(binding.details)] = get_argument_values(
                            binding.field, first.node, variables, first.fragment_variable_values, hide_suggestions
                        )
                    values[compiled.statement][binding.parameter] = binding.convert(found)
            except UserInputError:
                refused.add(key)
        if refused:
            raise RefusedArguments(refused)
        return values


@dataclass
class Scope:
    """The Cypher variables an object's fields may use."""

    n: str
    rel: str | None = None
    owner: str | None = None
    provided: dict[str, str] = field(default_factory=dict)
    """Objects the parent's match already bound, by the name of the field that reaches them."""
    present: frozenset[str] = frozenset()
    """Of `provided`, those bound for certain (by the match, not its optional part): read without a null check,
    which would also keep Neo4j from reading their properties from its cache."""
    named: dict[str, str] = field(default_factory=dict)
    """Other variables of the parent's match the object's templates may name."""


@dataclass
class Emitter:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDetails]
    variables: VariableValues
    operation: OperationDefinitionNode
    prefix: str = ""
    """Of the parameters' names, so that the blocks of one statement cannot share one."""
    bindings: list[Binding] = field(default_factory=list)
    names: int = 0
    parameters: int = 0

    def variable(self) -> str:
        self.names += 1
        return f"v{self.names}"

    def parameter(self, field_: GraphQLField, details: FieldDetailsList, convert: Convert) -> str:
        self.parameters += 1
        name = f"{self.prefix}p{self.parameters}"
        self.bindings.append(Binding(name, field_, details, convert))
        return f"${name}"

    # Templates

    def render(self, template: str, scope: Scope, m: str | None, field_: GraphQLField,
               details: FieldDetailsList, own: dict[str, str] | None = None,
               converts: Mapping[str, Convert] | None = None) -> str:
        """A template with its placeholders filled in. `own` holds the template's own variables, shared by
        the several templates of one field; `m` is None for a value of the object itself; `converts` gives
        the parameters of arguments that are not passed as they are."""
        own = {} if own is None else own
        filled: dict[str, str] = {}
        for _, name, _, _ in string.Formatter().parse(template):
            if name is None or name in filled:
                continue
            if name.startswith("arg_"):
                argument = name.removeprefix("arg_")
                convert = (converts or {}).get(argument) or _argument(argument)
                filled[name] = self.parameter(field_, details, convert)
            elif m is None and name in scope.named:
                filled[name] = scope.named[name]
            elif name == "n":
                filled[name] = scope.n
            elif name == "m" and m is not None:
                filled[name] = m
            elif name == "owner":
                if scope.owner is None:
                    raise NotCompilable("owner")
                filled[name] = scope.owner
            elif name == "rel" and "rel" not in own and m is None:
                filled[name] = scope.rel or "null"
            else:
                filled[name] = own.setdefault(name, self.variable())
        return template.format_map(filled)

    def applies(self, condition: str, field_: GraphQLField, details: FieldDetailsList) -> bool:
        """Whether a condition is part of the statement: it names no argument, or one of its arguments is
        given (the plan cache keys plans by which arguments are given, `shape`)."""
        named = [name.removeprefix("arg_") for _, name, _, _ in string.Formatter().parse(condition)
                 if name is not None and name.startswith("arg_")]
        if not named:
            return True
        arguments = self.arguments(field_, details)
        return any(_argument(name)(arguments) is not None for name in named)

    def arguments(self, field_: GraphQLField, details: FieldDetailsList) -> Mapping[str, Any]:
        first = details[0]
        try:
            return get_argument_values(field_, first.node, self.variables, first.fragment_variable_values)
        except Exception as error:  # the resolver reports an argument graphql-core refuses
            raise NotCompilable("arguments") from error

    # Objects

    def object(self, type_: GraphQLOutputType, details: FieldDetailsList, scope: Scope) -> str:
        """The expression answering one object of `type_` (abstract: chosen by the node's labels)."""
        named = get_named_type(type_)
        if isinstance(named, GraphQLObjectType):
            return self.selection(named, details, scope)
        if not isinstance(named, GraphQLInterfaceType):
            raise NotCompilable(named.name)
        possible = {concrete.name: concrete for concrete in self.schema.get_possible_types(named)}
        branches = [
            f"WHEN {scope.n}:{label} THEN {self.selection(possible[label], details, scope)}"
            for label in NODE_LABELS if label in possible
        ]
        if len(branches) != len(possible):
            raise NotCompilable(named.name)
        return "CASE " + " ".join(branches) + " END"

    def selection(self, type_: GraphQLObjectType, details: FieldDetailsList, scope: Scope) -> str:
        return self.mapped(type_, details, lambda _, name, field_details: self.field(
            type_.fields[name], name, field_details, scope
        ))

    def mapped(self, type_: GraphQLObjectType, details: FieldDetailsList,
               answer: Callable[[str, str, FieldDetailsList], str]) -> str:
        """The map answering an object of `type_`, keyed by response key: `__typename` the type's name, any other
        field `answer(key, name, details)`, which raises NotCompilable for a field it cannot answer."""
        entries = []
        for key, field_details in self.collected(type_, details).items():
            name = field_details[0].node.name.value
            value = f"'{type_.name}'" if name == "__typename" else answer(key, name, field_details)
            entries.append(f"`{_key(key)}`: {value}")
        return "{" + ", ".join(entries) + "}"

    def field(self, field_: GraphQLField, name: str, details: FieldDetailsList, scope: Scope) -> str:
        declaration = _declaration(field_, name)
        bound = scope.provided.get(name)
        if bound is not None and isinstance(declaration, Related) and declaration.single:
            found = self.object(field_.type, details, Scope(bound))
            return found if name in scope.present else f"CASE WHEN {bound} IS NULL THEN null ELSE {found} END"
        match declaration:
            case Value(expression):
                return self.leaf(field_.type, self.render(expression, scope, None, field_, details))
            case Itself():
                return self.object(field_.type, details, Scope(scope.n))
            case Narrowed(label):
                return f"CASE WHEN {scope.n}:{label} THEN {self.object(field_.type, details, scope)} END"
            case Related():
                return self.related(declaration, field_, details, scope)
        raise NotCompilable(name)

    def related(self, declaration: Related, field_: GraphQLField, details: FieldDetailsList, scope: Scope) -> str:
        def answer(m: str, own: dict[str, str]) -> str:
            if declaration.value is not None:
                return self.leaf(field_.type, self.render(declaration.value, scope, m, field_, details, own))
            if is_leaf_type(get_named_type(field_.type)):
                raise NotCompilable("a leaf without a value")
            provided = {name: scope.n if variable == "n" else own[variable] for name, variable in declaration.provides}
            present = frozenset(name for name, variable in declaration.provides
                                if "{" + variable + "}" not in declaration.optional)
            named = {name: own[name] for name in declaration.exports}
            child = Scope(m, own.get("rel") if declaration.keeps else None, scope.n if declaration.keeps else None,
                          provided, present, named)
            return self.object(field_.type, details, child)

        return self.collect(declaration, field_, details, scope, answer)

    def related_rows(self, declaration: Related, field_: GraphQLField, details: FieldDetailsList,
                     scope: Scope) -> str:
        """What `related` reads, as the resolvers build their objects from it: the value of a `value`
        declaration as stored, else per object a map of its properties (`node`), its `labels`, the
        relationship it keeps (`rel`) and the objects the match provides (by field name)."""

        def answer(m: str, own: dict[str, str]) -> str:
            if declaration.value is not None:
                return self.render(declaration.value, scope, m, field_, details, own)
            entries = [f"node: {m} {{.*}}", f"labels: labels({m})"]
            if declaration.keeps:
                entries.append(f"rel: {own['rel']} {{.*}}")
            for name, variable in declaration.provides:
                provider = scope.n if variable == "n" else own[variable]
                entries.append(f"`{_key(name)}`: {provider} {{.*}}")
            return "{" + ", ".join(entries) + "}"

        return self.collect(declaration, field_, details, scope, answer)

    def collect(self, declaration: Related, field_: GraphQLField, details: FieldDetailsList, scope: Scope,
                answer: Callable[[str, dict[str, str]], str]) -> str:
        """The `COLLECT {}` reading a Related field: its match, conditions, order and bound, returning
        `answer(m, own)` for each object `m` found (`own`: the template's own variables)."""
        m = self.variable()
        own: dict[str, str] = {}
        if declaration.keeps:
            own["rel"] = self.variable()
        converts = dict(declaration.converts)
        matched = self.render(declaration.match, scope, m, field_, details, own, converts)
        text = "COLLECT { " + (matched if CLAUSE.match(matched) else f"MATCH {matched}")
        conditions = [self.render(condition, scope, m, field_, details, own)
                      for condition in declaration.where if self.applies(condition, field_, details)]
        if declaration.labels:
            conditions.append("(" + " OR ".join(f"{m}:{label}" for label in declaration.labels) + ")")
        if conditions:
            text += " WHERE " + " AND ".join(conditions)
        if declaration.optional:
            text += " OPTIONAL MATCH " + self.render(declaration.optional, scope, m, field_, details, own)
        order = self.render(declaration.order, scope, m, field_, details, own) if declaration.order else ""
        text += f" RETURN {answer(m, own)}"
        if order:
            text += f" ORDER BY {order}"
        if declaration.single:
            return text + " LIMIT 1 }[0]"
        if "first" in field_.args:
            if declaration.bound is None:
                raise NotCompilable("a page without a bound")
            maximum = declaration.bound
            limit = self.parameter(field_, details, lambda arguments: checked_first(arguments["first"], maximum))
            return text + f" LIMIT {limit} }}"
        if declaration.bound is not None:
            return text + f" LIMIT {int(declaration.bound)} }}"
        return text + " }"

    def leaf(self, type_: GraphQLOutputType, expression: str) -> str:
        named = get_named_type(type_)
        if isinstance(named, GraphQLEnumType):
            if all(_stored(value.value) == name for name, value in named.values.items()):
                return expression  # stored as served
            cases = " ".join(
                f"WHEN {_literal(_stored(value.value))} THEN '{name}'" for name, value in named.values.items()
            )
            return f"CASE {expression} {cases} END"
        if isinstance(named, GraphQLScalarType) and named.name in SCALAR_OUTPUT:
            return SCALAR_OUTPUT[named.name].format(x=expression)
        return expression

    # Root fields

    def root(self, field_: GraphQLField, name: str, details: FieldDetailsList, column: str) -> str:
        declaration = _declaration(field_, name)
        match declaration:
            case ById():
                return f"CALL () {{ RETURN {self.by_id(declaration, field_, details)} AS {column} }}"
            case Listing():
                return self.listing(declaration, field_, details, column)
            case Related():
                return f"CALL () {{ RETURN {self.related(declaration, field_, details, Scope('null'))} AS {column} }}"
            case Matrix():
                return self.matrix(declaration, field_, details, column)
            case ShortestPath():
                return self.shortest_path(declaration, field_, details, column)
        raise NotCompilable(name)

    def shortest_path(self, declaration: ShortestPath, field_: GraphQLField, details: FieldDetailsList,
                      column: str) -> str:
        path = get_named_type(field_.type)
        if not isinstance(path, GraphQLObjectType):
            raise NotCompilable(path.name)
        converts, scope = dict(declaration.converts), Scope("null")
        a, b, route, stops, rels, item = (self.variable() for _ in range(6))

        def end(variable: str, argument: str) -> str:
            key = self.render("{arg_" + argument + "}", scope, None, field_, details, {}, converts)
            return "CALL () { " + " UNION ".join(
                f"MATCH ({variable}:{label} {{id: {key}}}) RETURN {variable}" for label in declaration.ends
            ) + " }"

        named = f"NOT {item}:{declaration.joins}"
        blocks: list[str] = []

        def value(_: str, name: str, field_details: FieldDetailsList) -> str:
            if name == "length":
                return f"size([{item} IN {stops}[..-1] WHERE {named}])"
            if name == "entities":
                return f"[{item} IN {stops} WHERE {named} | " \
                       f"{self.object(path.fields[name].type, field_details, Scope(item))}]"
            if name == "steps":
                steps = self.variable()
                blocks.append(self.path_steps(declaration, path.fields[name], field_details, stops, rels, steps))
                return steps
            raise NotCompilable(name)

        answered = self.mapped(path, details, value)
        return (
            f"CALL () {{ RETURN COLLECT {{ {end(a, 'fromId')} {end(b, 'toId')} WITH {a}, {b} WHERE {a} <> {b} "
            f"MATCH {route} = {declaration.pattern.format(a=a, b=b)} "
            f"WITH nodes({route}) AS {stops}, relationships({route}) AS {rels} LIMIT 1 "
            f"{''.join(blocks)}RETURN {answered} }}[0] AS {column} }}"
        )

    def path_steps(self, declaration: ShortestPath, steps: GraphQLField, details: FieldDetailsList, stops: str,
                   rels: str, answer: str) -> str:
        """The `CALL` binding `answer` to a path's steps: one per relationship between two named things, and
        one per stop labelled `declaration.joins` between the two it joins."""
        step = get_named_type(steps.type)
        if not isinstance(step, GraphQLObjectType):
            raise NotCompilable(step.name)
        index, here, beside, there, rel, start, end = (self.variable() for _ in range(7))
        joined = f"{beside}:{declaration.joins}"

        def value(_: str, name: str, field_details: FieldDetailsList) -> str:
            if name in ("start", "end"):
                return self.object(step.fields[name].type, field_details, Scope(here if name == "start" else there))
            if name == "relationship":
                relationship = f"CASE WHEN {joined} THEN {_literal(declaration.joined)} ELSE type({rel}) END"
                return self.leaf(step.fields[name].type, relationship)
            if name == "forward":
                return f"({joined} OR {start} = {here})"
            if name == "evidence":
                passage, report = self.variable(), self.variable()
                shown = self.object(step.fields[name].type, field_details, Scope(beside))
                found = self.object(step.fields[name].type, field_details,
                                    Scope(passage, provided={"report": report}))
                evidence = declaration.evidence.format(start=start, end=end, m=passage, r=report)
                order = declaration.evidence_order.format(m=passage, r=report)
                return (f"CASE WHEN {joined} THEN [{shown}] ELSE COLLECT {{ MATCH {evidence} "
                        f"RETURN {found} ORDER BY {order} LIMIT {int(declaration.evidence_bound)} }} END")
            raise NotCompilable(name)

        answered = self.mapped(step, details, value)
        return (
            f"CALL ({stops}, {rels}) {{ UNWIND range(0, size({rels}) - 1) AS {index} "
            f"WITH {index}, {stops}[{index}] AS {here}, {stops}[{index} + 1] AS {beside}, {rels}[{index}] AS {rel} "
            f"WHERE NOT {here}:{declaration.joins} "
            f"WITH {index}, {here}, {beside}, {rel}, startNode({rel}) AS {start}, endNode({rel}) AS {end}, "
            f"CASE WHEN {beside}:{declaration.joins} THEN {stops}[{index} + 2] ELSE {beside} END AS {there} "
            f"ORDER BY {index} RETURN collect({answered}) AS {answer} }} "
        )

    def matrix(self, declaration: Matrix, field_: GraphQLField, details: FieldDetailsList, column: str) -> str:
        matrix = get_named_type(field_.type)
        if not isinstance(matrix, GraphQLObjectType):
            raise NotCompilable(matrix.name)
        converts, own = dict(declaration.converts), {"q": self.variable(), "f": self.variable()}
        scope = Scope("null")

        def render(template: str) -> str:
            return self.render(template, scope, None, field_, details, own, converts)

        forces = next((template for template in declaration.forces if self.applies(template, field_, details)), None)
        if forces is None:
            raise NotCompilable("which forces")
        columns, rows, column_item, chosen = self.variable(), self.variable(), self.variable(), self.variable()
        pairs, answered, judgment = self.variable(), self.variable(), self.variable()
        judgments = declaration.judgment.format(r="{r}", q=answered, m=judgment)
        q, f = own["q"], own["f"]
        report = self.variable()
        own["r"] = report
        conditions = [render(condition) for condition in declaration.report_where
                      if self.applies(condition, field_, details)]
        report_match = render(declaration.report) + (" WHERE " + " AND ".join(conditions) if conditions else "")
        column_conditions = [render(condition) for condition in declaration.questions_where
                             if self.applies(condition, field_, details)]
        questions_match = render(declaration.questions) + (
            " WHERE " + " AND ".join(column_conditions) if column_conditions else ""
        )
        each_row: list[str] = []

        def value(key: str, name: str, field_details: FieldDetailsList) -> str:
            if name in ("pillar", "year"):
                return self.leaf(matrix.fields[name].type, render("{arg_" + name + "}"))
            if name == "questions":
                question = self.object(matrix.fields[name].type, field_details, Scope(column_item))
                return f"[{column_item} IN {columns} | {question}]"
            if name == "rows":
                # every `rows` asked for (under each of its keys) is built from the same rows, once
                each_row.append(f"`{_key(key)}`: "
                                f"{self.matrix_row(matrix.fields[name], field_details, f, report, columns, pairs)}")
                return f"[{column_item} IN {rows} | {column_item}.`{_key(key)}`]"
            raise NotCompilable(name)

        answer = self.mapped(matrix, details, value)
        return (
            f"CALL () {{ CALL () {{ {questions_match} WITH {q} ORDER BY {q}.number "
            f"LIMIT {int(declaration.columns)} RETURN collect({q}) AS {columns} }} "
            f"CALL () {{ {render(forces)} WITH {f} LIMIT {int(declaration.rows)} RETURN collect({f}) AS {chosen} }} "
            f"CALL ({chosen}, {columns}) {{ UNWIND {chosen} AS {f} "
            f"WITH {f}, {columns}, COLLECT {{ MATCH {report_match} RETURN {report} "
            f"ORDER BY {render(declaration.report_order)} LIMIT 1 }}[0] AS {report} "
            f"WITH {f}, {columns}, {report}, COLLECT {{ MATCH {render(judgments)} RETURN [{answered}, {judgment}] }} "
            f"AS {pairs} "
            f"RETURN collect({{{', '.join(each_row)}}}) AS {rows} }} "
            f"RETURN {answer} AS {column} }}"
        )

    def matrix_row(self, rows: GraphQLField, details: FieldDetailsList, f: str, report: str, columns: str,
                   pairs: str) -> str:
        """One row's map: the force `f`, its report, and per column of `columns` its grade or judgment."""
        row_type = get_named_type(rows.type)
        if not isinstance(row_type, GraphQLObjectType):
            raise NotCompilable(row_type.name)

        def value(_: str, name: str, field_details: FieldDetailsList) -> str:
            if name == "force":
                return self.object(row_type.fields[name].type, field_details, Scope(f))
            if name == "report":
                found = self.object(row_type.fields[name].type, field_details, Scope(report))
                return f"CASE WHEN {report} IS NULL THEN null ELSE {found} END"
            if name in ("grades", "judgments"):
                # A row's judgments are read once, from its report, as [question, judgment] pairs: looked up
                # per column, a judgment would be matched from the column's question, which answers hundreds.
                column, pair, judgment = self.variable(), self.variable(), self.variable()
                if name == "grades":
                    answer = self.leaf(row_type.fields[name].type, f"{pair}[1].grade")
                    return f"[{column} IN {columns} | head([{pair} IN {pairs} WHERE {pair}[0] = {column} | {answer}])]"
                answer = self.object(row_type.fields[name].type, field_details,
                                     Scope(judgment, provided={"report": report, "question": column}))
                return (f"[{column} IN {columns} | COLLECT {{ UNWIND {pairs} AS {pair} "
                        f"WITH {pair} WHERE {pair}[0] = {column} WITH {pair}[1] AS {judgment} "
                        f"RETURN {answer} LIMIT 1 }}[0]]")
            raise NotCompilable(name)

        return self.mapped(row_type, details, value)

    def collected(self, type_: GraphQLObjectType, details: FieldDetailsList) -> dict[str, FieldDetailsList]:
        grouped, defers, _ = collect_subfields(
            self.schema, self.fragments, self.variables, self.operation, type_, details
        )
        if defers:
            raise NotCompilable("@defer")
        return grouped

    def by_id(self, declaration: ById, field_: GraphQLField, details: FieldDetailsList) -> str:
        if declaration.many:
            key = self.variable()
            ids = self.parameter(field_, details, _ids)
            return f"[{key} IN {ids} | {self.one_by_id(declaration, field_, details, key)}]"
        return self.one_by_id(declaration, field_, details, self.parameter(field_, details, _argument("id")))

    def one_by_id(self, declaration: ById, field_: GraphQLField, details: FieldDetailsList, key: str) -> str:
        found = self.variable()
        matches = [f"MATCH ({found}:{label} {{id: {key}}})" for label in declaration.labels]
        imported = "" if key.startswith("$") else key
        source = matches[0] if len(matches) == 1 else \
            f"CALL ({imported}) {{ " + " UNION ".join(f"{match} RETURN {found}" for match in matches) + " }"
        return f"COLLECT {{ {source} RETURN {self.object(field_.type, details, Scope(found))} LIMIT 1 }}[0]"

    def listing(self, declaration: Listing, field_: GraphQLField, details: FieldDetailsList, column: str) -> str:
        connection = get_named_type(field_.type)
        if not isinstance(connection, GraphQLObjectType):
            raise NotCompilable(connection.name)
        m, own = self.variable(), dict[str, str]()
        scope = Scope("null")
        matched = self.render(declaration.match, scope, m, field_, details, own)
        conditions = [self.render(condition, scope, m, field_, details, own)
                      for condition in declaration.where if self.applies(condition, field_, details)]
        if conditions:
            matched += " WHERE " + " AND ".join(conditions)
        order = self.render(declaration.order, scope, m, field_, details, own)
        skip = self.parameter(field_, details, lambda arguments: _window(arguments).skip)
        first = self.parameter(field_, details, lambda arguments: _window(arguments).limit)
        cursors = self.parameter(field_, details, _cursors)
        rows, index, item = self.variable(), self.variable(), self.variable()
        edge_blocks: list[str] = []

        def value(_: str, name: str, field_details: FieldDetailsList) -> str:
            if name == "totalCount":
                return f"COUNT {{ {matched} RETURN {m} }}"
            if name == "pageInfo":
                page_info = get_named_type(connection.fields[name].type)
                assert isinstance(page_info, GraphQLObjectType)
                return self.page_info(page_info, field_details, rows, skip, first, cursors)
            if name == "edges":
                edge = get_named_type(connection.fields[name].type)
                assert isinstance(edge, GraphQLObjectType)
                edges = self.variable()
                edge_map = self.edge(edge, field_details, item, index, cursors)
                edge_blocks.append(
                    f"CALL ({rows}) {{ UNWIND range(0, size({rows}) - 1) AS {index} "
                    f"WITH {index}, {rows}[{index}] AS {item} WHERE {index} < {first} "
                    f"RETURN collect({edge_map}) AS {edges} }} "
                )
                return edges
            raise NotCompilable(name)

        answer = self.mapped(connection, details, value)
        return (
            f"CALL () {{ {matched} WITH {m} ORDER BY {order} SKIP {skip} LIMIT {first} + 1 "
            f"WITH collect({m}) AS {rows} {''.join(edge_blocks)}RETURN {answer} AS {column} }}"
        )

    def edge(self, edge: GraphQLObjectType, details: FieldDetailsList, item: str, index: str, cursors: str) -> str:

        def value(_: str, name: str, field_details: FieldDetailsList) -> str:
            if name == "cursor":
                return f"{cursors}[{index}]"
            if name == "node":
                return self.object(edge.fields[name].type, field_details, Scope(item))
            raise NotCompilable(name)

        return self.mapped(edge, details, value)

    def page_info(self, type_: GraphQLObjectType, details: FieldDetailsList, rows: str, skip: str, first: str,
                  cursors: str) -> str:
        size = f"CASE WHEN size({rows}) > {first} THEN {first} ELSE size({rows}) END"
        values = {
            "hasNextPage": f"size({rows}) > {first}",
            "hasPreviousPage": f"{skip} > 0",
            "startCursor": f"CASE WHEN {size} > 0 THEN {cursors}[0] END",
            "endCursor": f"CASE WHEN {size} > 0 THEN {cursors}[{size} - 1] END",
        }

        def value(_: str, name: str, __: FieldDetailsList) -> str:
            if name not in values:
                raise NotCompilable(name)
            return values[name]

        return self.mapped(type_, details, value)


def compile_operation(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDetails],
    variables: VariableValues,
    operation: OperationDefinitionNode,
    root_fields: Mapping[str, FieldDetailsList],
    leave_out: frozenset[str] = frozenset(),
) -> CompiledQuery | None:
    """One statement for every root field the declarations cover (less those `leave_out` names), or None
    when they cover none."""
    root_type = schema.query_type
    if root_type is None or operation.operation.value != "query":
        return None
    statements: list[list[str]] = [[]]
    fields: dict[str, CompiledField] = {}
    for key, details in root_fields.items():
        name = details[0].node.name.value
        field_ = root_type.fields.get(name)
        if key in leave_out or field_ is None or READS not in _metadata(field_):
            continue
        try:
            block, bindings = _block(schema, fragments, variables, operation, field_, name, details,
                                     len(statements[-1]))
            if statements[-1] and sum(map(len, statements[-1])) + len(block) > MAX_STATEMENT_CHARACTERS:
                statements.append([])
                block, bindings = _block(schema, fragments, variables, operation, field_, name, details, 0)
        except NotCompilable:
            continue
        fields[key] = CompiledField(len(statements) - 1, f"c{len(statements[-1])}", bindings)
        statements[-1].append(block)
    if not fields:
        return None
    texts = ["\n".join(blocks) + "\nRETURN " + ", ".join(f"c{index}" for index in range(len(blocks)))
             for blocks in statements]
    return CompiledQuery(texts, fields)


def _block(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDetails],
    variables: VariableValues,
    operation: OperationDefinitionNode,
    field_: GraphQLField,
    name: str,
    details: FieldDetailsList,
    position: int,
) -> tuple[str, list[Binding]]:
    """The `CALL` block of the root field at `position` in its statement, and its parameters. Its variables
    are its own (a block's are not seen outside it), so the same root field is the same text wherever it is
    asked, but for the names of its parameters and its column."""
    emitter = Emitter(schema, fragments, variables, operation, prefix="" if position == 0 else f"b{position}")
    return emitter.root(field_, name, details, f"c{position}"), emitter.bindings


def _declaration(field_: GraphQLField, name: str) -> Read:
    declared = _metadata(field_).get(READS)
    if declared is not None:
        return declared
    definition = field_.extensions.get("strawberry-definition")
    if definition is not None and definition.base_resolver is not None:
        raise NotCompilable(name)
    return Value("{n}." + name)


def _metadata(field_: GraphQLField) -> Mapping[str, Any]:
    definition = field_.extensions.get("strawberry-definition")
    return {} if definition is None else definition.metadata


def _key(key: str) -> str:
    if not NAME.fullmatch(key):
        raise NotCompilable(key)
    return key


def shape(value: Any) -> Any:
    """What of a variable's value a plan depends on: Booleans (`@skip`, `@include`) as they are, and of any
    other value only which parts of it are given."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Mapping):
        return tuple((key, shape(item)) for key, item in sorted(value.items()))
    return True


def _stored(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _literal(value: Any) -> str:
    if not isinstance(value, str):
        raise NotCompilable(repr(value))
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _argument(path: str) -> Convert:
    """The coerced argument at `path` (`filter__rocu`: the field `rocu` of the input `filter`), as stored."""
    head, *rest = path.split("__")

    def convert(arguments: Mapping[str, Any]) -> Any:
        value = arguments.get(head)
        for part in rest:
            value = None if value is None else value.get(part)
        if isinstance(value, list):
            return [_stored(item) for item in value]
        return _stored(value)

    return convert


def _ids(arguments: Mapping[str, Any]) -> list[str]:
    from peelgraph.schema.pagination import MAX_FIRST

    ids = arguments["ids"]
    if len(ids) > MAX_FIRST:
        raise UserInputError(f"ids: at most {MAX_FIRST} at a time (got {len(ids)})")
    return list(ids)


def _window(arguments: Mapping[str, Any]) -> Any:
    return window(arguments["first"], arguments.get("after"))


def _cursors(arguments: Mapping[str, Any]) -> list[str]:
    chosen = _window(arguments)
    return [cursor(chosen.skip + index) for index in range(chosen.limit)]


def compile_request(
    schema: GraphQLSchema, query: str, variables: dict[str, Any] | None = None, operation_name: str | None = None
) -> CompiledQuery | None:
    """The statement the API runs for a request (None when no root field of it compiles): for the docs,
    the snapshot tests and anyone asking what the database is asked. Raises GraphQLError on a request
    the schema refuses."""
    executor, grouped = collected_request(schema, query, variables, operation_name)
    return compile_operation(schema, executor.fragments, executor.variable_values, executor.operation, grouped)


def collected_request(
    schema: GraphQLSchema, query: str, variables: dict[str, Any] | None = None, operation_name: str | None = None
) -> tuple[Executor, Mapping[str, FieldDetailsList]]:
    """A request as the API executes it: its executor (fragments, coerced variables, operation) and its root
    fields by response key. Raises GraphQLError on a request the schema refuses."""
    document = parse(query)
    errors = validate(schema, document)
    if errors:
        raise errors[0]
    executor = Executor.build(schema, document, raw_variable_values=variables, operation_name=operation_name)
    if isinstance(executor, list):
        raise executor[0] if executor else GraphQLError("the request cannot be executed")
    root_type = schema.query_type
    if root_type is None:
        return executor, {}
    grouped, _, _ = collect_fields(
        schema, executor.fragments, executor.variable_values, root_type, executor.operation
    )
    return executor, grouped


def readable(text: str) -> str:
    """A statement laid out one clause a line, each subquery indented: the same Cypher, for people."""
    lines: list[str] = []
    depth, line, index, quote = 0, "", 0, ""
    within: list[str] = []  # the subqueries ("{") and lists ("[") the text is in: no clause breaks in a list
    opening = re.compile(r"(COLLECT|COUNT|EXISTS|CALL \([^)]*\)|CALL \(\)) \{ ")
    clause = re.compile(r" (OPTIONAL MATCH|MATCH|WHERE|WITH|RETURN|ORDER BY|UNWIND|UNION|SKIP) ")
    bare_clause = re.compile(r"(OPTIONAL MATCH|MATCH|WHERE|WITH|RETURN|ORDER BY|UNWIND|UNION|SKIP) ")
    while index < len(text):
        character = text[index]
        if quote:
            line += character
            quote = "" if character == quote and text[index - 1] != "\\" else quote
            index += 1
            continue
        if character in "'`":
            quote = character
        elif character == "[":
            within.append("[")
        elif character == "]" and within and within[-1] == "[":
            within.pop()
        found = opening.match(text, index)
        if found:
            if found.group(1).startswith("CALL") and line.strip():
                lines.append("  " * depth + line.strip())
                line = ""
            line += found.group(0).rstrip()
            lines.append("  " * depth + line.strip())
            depth, line = depth + 1, ""
            within.append("{")
            index = found.end()
            continue
        if text.startswith(" }", index) and depth and _closes_subquery(text, index):
            lines.append("  " * depth + line.strip())
            depth, line = depth - 1, "}"
            within.pop()
            index += 2
            continue
        found = clause.match(text, index) or (bare_clause.match(text, index) if not line.strip() else None)
        if found and within[-1:] != ["["]:
            if line.strip():
                lines.append("  " * depth + line.strip())
            line = found.group(1)
            index = found.end(1)
            continue
        line += character
        index += 1
    lines.append("  " * depth + line.strip())
    return "\n".join(stripped for stripped in lines if stripped.strip())


def _closes_subquery(text: str, index: int) -> bool:
    """Whether the ` }` at `index` closes a subquery rather than a map (a map's closing brace follows a value,
    a subquery's follows a clause, which `readable` has put on its own line)."""
    before = text[:index]
    return before.count("{ ") - before.count(" }") > 0 and not before.endswith(("'", "`"))
