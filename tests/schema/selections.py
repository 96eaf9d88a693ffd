"""Random GraphQL operations drawn from the API's own schema (graphql-core's types), for differential tests.

`operations(schema, pools, roots, bound)` is a Hypothesis strategy: a few of the given root fields, each with a
random subset of its fields down to `MAX_DEPTH`, with aliases (the same field twice under two aliases with
different arguments), inline fragments on the object and on its interfaces, named fragments (sometimes spread
again elsewhere), `__typename`, `@skip`/`@include` with literal and variable conditions, and arguments drawn
from values the bundled data has, written as literals or passed as variables. Every operation is valid: each
response key is used once per selection set (so no two fields need merging), and the objects its answer may
hold, counted as `schema/cost.py` counts them from each list's `bound`, stay inside `MAX_COST`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_non_null_type,
)
from graphql.pyutils import Undefined
from hypothesis import strategies as st

from peelgraph.schema.bounds import weight_of
from peelgraph.schema.pagination import cursor

MAX_DEPTH = 5
"""The deepest field selected: a root field is at depth 1."""
MAX_COST = 20_000
"""The most objects an answer may hold, as the API estimates them: well inside its budget."""
MAX_FIELDS = 12
"""Object fields in one operation: each is a subquery of the compiled statement, which Neo4j plans afresh
(a few hundred milliseconds) for every new selection."""
MAX_ALIASES = 20
"""Aliases in one operation, inside the API's limit of 30."""
SHALLOW_ONLY = ("mentions",)
"""Lists of objects selected only at depth 1 or 2: an entity's mentions run to dozens of passages."""
UNBOUNDED = 1000
"""The size assumed of a list that declares no bound."""

Composite = GraphQLObjectType | GraphQLInterfaceType
Bound = Callable[[GraphQLField], int | None]


class Bare(str):
    """An enum value (or a pillar written as a bare name), printed without quotes."""


class RefusedInt(int):
    """A number the API refuses where it is given (a page of 150, or of -1)."""


class RefusedText(str):
    """A text the API refuses where it is given (a cursor it never gave out)."""


class RefusedIds(list[str]):
    """More ids than the API looks up at a time."""


class Omitted:
    """A variable left out of the request, so that its definition's default applies."""

    def __repr__(self) -> str:
        return "OMITTED"


OMITTED = Omitted()
UNKNOWN = object()
"""An argument passed as a variable: its value differs from one assignment to the next."""


@dataclass(frozen=True)
class Pools:
    """Argument values the bundled data gives meaning to, read from the graph at the start of the test."""

    ids: dict[str, tuple[str, ...]]
    """Ids by label, each with a few the graph has."""
    kinds: tuple[str, ...]
    rocus: tuple[str, ...]
    unknown_id: str = "no-such-id"

    @property
    def every_id(self) -> tuple[str, ...]:
        return (*sorted({found for ids in self.ids.values() for found in ids}), self.unknown_id)


@dataclass(frozen=True)
class Operation:
    """A document and the variables it is run with: each assignment in turn, the same document each time."""

    text: str
    assignments: tuple[dict[str, Any], ...] = ({},)
    refusals: tuple[bool, ...] = ()
    """For each assignment, whether the request holds a value the API refuses where it is given (the answer
    reports it only if the field is reached); none if left out."""

    def runs(self) -> Iterator[tuple[dict[str, Any], bool]]:
        """Each assignment, and whether the request then holds a value the API refuses."""
        for index, variables in enumerate(self.assignments):
            yield variables, index < len(self.refusals) and self.refusals[index]

    def __str__(self) -> str:
        return self.text + "".join(f"\n# variables: {json.dumps(each)}" for each in self.assignments)


@dataclass(frozen=True)
class _Where:
    """Where a selection set sits: the depth of its fields, how many times it can appear in the answer,
    and the page size of the connection it belongs to (its lists hold that many)."""

    depth: int
    times: int = 1
    page: int | None = None


@dataclass
class _Fragment:
    name: str
    condition: str
    keys: frozenset[str]
    where: _Where
    cost: int
    aliases: int


@dataclass
class _Merge:
    """A field with a selection that a second field of the same response key may add to."""

    owner: str
    head: str
    type_: Composite
    below: _Where
    used: set[str]


@dataclass
class _Builder:
    draw: Callable[[st.SearchStrategy[Any]], Any]
    schema: GraphQLSchema
    pools: Pools
    roots: tuple[str, ...]
    bound: Bound
    definitions: list[str] = field(default_factory=list)
    variables: dict[str, st.SearchStrategy[Any]] = field(default_factory=dict)
    fragments: list[_Fragment] = field(default_factory=list)
    fragment_texts: list[str] = field(default_factory=list)
    mergeable: dict[int, tuple[set[str], dict[str, _Merge]]] = field(default_factory=dict)
    """Fields by response key, by the `used` set of the selection they are in (kept here, so that its id
    names no other set meanwhile)."""
    counter: Iterator[int] = field(default_factory=lambda: iter(range(1, 10_000)))
    fields: int = 0
    aliases: int = 0
    cost: int = 0
    refusal: bool = False
    """A value the API refuses is written in the document."""

    # Choices: 0, where Hypothesis shrinks to, is the plainest.

    def chance(self, percent: int) -> bool:
        return bool(self.draw(st.integers(0, 99)) >= 100 - percent)

    # Selections

    def selection_set(self, type_: Composite, where: _Where, used: set[str] | None = None, nesting: int = 0) -> str:
        """`{ ... }` of fields of `type_`; `used` holds the response keys of the set this one is merged into
        (an inline fragment's or a named fragment's enclosing set)."""
        used = set() if used is None else used
        entries: list[str | None] = []
        for _ in range(self.draw(st.integers(1, 3))):
            kind = self.draw(st.integers(0, 99))
            if kind < 70 or nesting >= 2:
                entries.extend(self.field_entries(type_, where, used))
            elif kind < 78:
                entries.append(self.typename(used))
            elif kind < 90:
                entries.append(self.inline_fragment(type_, where, used, nesting))
            else:
                entries.append(self.fragment_spread(type_, where, used, nesting))
        kept = [entry for entry in entries if entry]
        if not kept:
            kept.append(self.typename(used))
        return "{ " + " ".join(kept) + " }"

    def typename(self, used: set[str]) -> str:
        # `__typename` twice under its own name is one field: no alias is needed when none is left.
        alias = self.alias(used, "__typename", want=self.chance(25))
        return f"{alias or ''}__typename{self.directive()}"

    def candidates(self, type_: Composite, where: _Where) -> list[str]:
        names = []
        for name, field_ in type_.fields.items():
            if type_ is self.schema.query_type and name not in self.roots:
                continue
            composite = isinstance(get_named_type(field_.type), GraphQLObjectType | GraphQLInterfaceType)
            if composite and (where.depth >= MAX_DEPTH or self.fields >= MAX_FIELDS):
                continue
            if composite and _is_list(field_.type) and name in SHALLOW_ONLY and where.depth > 2:
                continue
            names.append(name)
        return names

    def field_entries(self, type_: Composite, where: _Where, used: set[str]) -> list[str | None]:
        names = self.candidates(type_, where)
        if not names:
            return []
        mergeable = self.mergeable.get(id(used), (used, {}))[1]
        mine = sorted(key for key, merge in mergeable.items() if merge.owner == type_.name)
        if mine and self.chance(15):
            # The same response key again, with the same arguments and more fields: the two are merged.
            merge = mergeable[self.draw(st.sampled_from(mine))]
            return [f"{merge.head}{self.directive()} {self.selection_set(merge.type_, merge.below, merge.used)}"]
        name = self.draw(st.sampled_from(names))
        field_ = type_.fields[name]
        entries = [self.field_entry(type_, name, field_, where, used)]
        # The same field again under another alias, with its own arguments and selection.
        if field_.args and self.chance(20):
            entries.append(self.field_entry(type_, name, field_, where, used, alias=True))
        return entries

    def field_entry(self, owner: Composite, name: str, field_: GraphQLField, where: _Where, used: set[str],
                    alias: bool = False) -> str | None:
        prefix = self.alias(used, name, want=alias or self.chance(15))
        if prefix is None:
            return None
        defined, variables = len(self.definitions), dict(self.variables)
        arguments, values = self.arguments(owner, name, field_)
        named = get_named_type(field_.type)
        below: _Where | None = None
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            size = self.size(field_, values, where.page) if _is_list(field_.type) else 1
            page = _asked(field_, values) if not _is_list(field_.type) else None
            below = _Where(where.depth + 1, where.times * size, page)
            if self.cost + below.times > MAX_COST:
                del self.definitions[defined:]  # its arguments' variables go with it
                self.variables = variables
                return None
            self.cost += below.times
        else:
            weight = where.times * weight_of(field_)  # a long text weighs like a few objects
            if self.cost + weight > MAX_COST:
                del self.definitions[defined:]
                self.variables = variables
                return None
            self.cost += weight
        text = f"{prefix}{name}{arguments}{self.directive()}"
        if below is not None:
            assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
            self.fields += 1
            below_used: set[str] = set()
            text += " " + self.selection_set(named, below, below_used)
            key = prefix.removesuffix(": ") or name
            merge = _Merge(owner.name, f"{prefix}{name}{arguments}", named, below, below_used)
            self.mergeable.setdefault(id(used), (used, {}))[1][key] = merge
        return text

    def size(self, field_: GraphQLField, values: dict[str, Any], page: int | None) -> int:
        """How many items a list field may hold, as the API's cost estimate counts them."""
        bound = self.bound(field_)
        asked = _asked(field_, values)
        if asked is None and isinstance(values.get("ids"), list):
            asked = len(values["ids"])
        if asked is None:
            asked = page
        if bound is None:
            return UNBOUNDED if asked is None else max(0, asked)
        return bound if asked is None else max(0, min(asked, bound))

    def alias(self, used: set[str], name: str, want: bool) -> str | None:
        """The alias prefix (`a3: `) when one is wanted or the name is taken (None: no alias is left for
        a name taken); the key is marked used."""
        if name in used and self.aliases >= MAX_ALIASES:
            return None
        if name in used or (want and self.aliases < MAX_ALIASES):
            self.aliases += 1
            key = f"a{next(self.counter)}"
            used.add(key)
            return f"{key}: "
        used.add(name)
        return ""

    def overlapping(self, type_: Composite) -> list[Composite]:
        """The types a fragment may be on where `type_` is expected: it, its interfaces, the types it may be."""
        mine = set(self.possible(type_))
        found: list[Composite] = []
        for named in sorted(self.schema.type_map.values(), key=lambda each: each.name):
            if named.name.startswith("__") or not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
                continue
            if mine & set(self.possible(named)):
                found.append(named)
        return found

    def possible(self, type_: Composite) -> list[str]:
        if isinstance(type_, GraphQLInterfaceType):
            return [each.name for each in self.schema.get_possible_types(type_)]
        return [type_.name]

    def inline_fragment(self, type_: Composite, where: _Where, used: set[str], nesting: int) -> str:
        if self.chance(20):
            condition, on = type_, ""
        else:
            condition = self.draw(st.sampled_from(self.overlapping(type_)))
            on = f" on {condition.name}"
        body = self.selection_set(condition, where, used, nesting + 1)
        return f"...{on}{self.directive()} {body}"

    def fragment_spread(self, type_: Composite, where: _Where, used: set[str], nesting: int) -> str:
        overlapping = {each.name for each in self.overlapping(type_)}
        # A fragment already spread in this set may be spread again: its fields are the very same.
        reusable = [
            fragment for fragment in self.fragments
            if fragment.condition in overlapping and fragment.where.depth >= where.depth
            and fragment.where.times >= where.times and self.cost + fragment.cost <= MAX_COST
            and self.aliases + fragment.aliases <= MAX_ALIASES
            and ("..." + fragment.name in used or not (fragment.keys & used))
        ]
        if reusable and self.chance(60):
            fragment = self.draw(st.sampled_from(reusable))
            used |= fragment.keys | {"..." + fragment.name}
            self.cost += fragment.cost
            self.aliases += fragment.aliases  # the API counts a fragment's aliases at each spread
            return f"...{fragment.name}{self.directive()}"
        condition = self.draw(st.sampled_from(self.overlapping(type_)))
        name = f"F{next(self.counter)}"
        own, cost, aliases = set(used), self.cost, self.aliases
        body = self.selection_set(condition, where, own, nesting + 1)
        keys = frozenset(own - used)
        used |= keys | {"..." + name}
        self.fragments.append(_Fragment(name, condition.name, keys, where, self.cost - cost, self.aliases - aliases))
        self.fragment_texts.append(f"fragment {name} on {condition.name} {body}")
        return f"...{name}{self.directive()}"

    def directive(self) -> str:
        if not self.chance(12):
            return ""
        if self.chance(15):
            return self.one_directive("skip") + self.one_directive("include")
        return self.one_directive(self.draw(st.sampled_from(["skip", "include"])))

    def one_directive(self, which: str) -> str:
        if self.chance(50):
            condition = "true" if self.draw(st.booleans()) else "false"
        else:
            condition = self.variable("Boolean!", st.booleans(), default=self.chance(25))
        return f" @{which}(if: {condition})"

    # Arguments

    def arguments(self, owner: Composite, name: str, field_: GraphQLField) -> tuple[str, dict[str, Any]]:
        """The arguments' text, and their values where written as literals (UNKNOWN: a variable)."""
        given, values = [], {}
        for argument, definition in field_.args.items():
            required = is_non_null_type(definition.type) and definition.default_value is Undefined
            if required or self.chance(45):
                text, values[argument] = self.value(owner.name, name, argument, definition.type)
                given.append(f"{argument}: {text}")
        return ("(" + ", ".join(given) + ")" if given else ""), values

    def value(self, owner: str, field_name: str, argument: str, type_: GraphQLInputType) -> tuple[str, Any]:
        """An argument's value: a literal, or a variable of the argument's type defined on the operation."""
        strategy = _values(self.schema, self.pools, owner, field_name, argument, type_)
        if self.chance(25):
            return self.variable(str(type_), strategy, default=self.chance(20)), UNKNOWN
        named = get_named_type(type_)
        if isinstance(named, GraphQLInputObjectType) and not _is_list(type_) and self.chance(70):
            parts = []
            for name, input_field in named.fields.items():
                if self.chance(40):
                    parts.append(f"{name}: {self.value(named.name, '', name, input_field.type)[0]}")
            return "{" + ", ".join(parts) + "}", UNKNOWN
        drawn = self.draw(strategy)
        self.refusal = self.refusal or _refused(drawn)
        return _literal(drawn), drawn

    def variable(self, type_: str, strategy: st.SearchStrategy[Any], default: bool) -> str:
        name = f"v{next(self.counter)}"
        if default:
            fallback = self.draw(strategy.filter(lambda value: value is not None))
            self.refusal = self.refusal or _refused(fallback)
            self.definitions.append(f"${name}: {type_} = {_literal(fallback)}")
            strategy = st.one_of(strategy, st.just(OMITTED))
        else:
            self.definitions.append(f"${name}: {type_}")
        if type_.endswith("!"):
            strategy = strategy.filter(lambda value: value is not None)
        self.variables[name] = strategy
        return f"${name}"


def _asked(field_: GraphQLField, values: dict[str, Any]) -> int | None:
    """The page a field asks for: its `first` as written, or its default (None: none, or a variable)."""
    if "first" not in field_.args:
        return None
    value = values.get("first", field_.args["first"].default_value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _values(schema: GraphQLSchema, pools: Pools, owner: str, field_name: str, argument: str,
            type_: GraphQLInputType) -> st.SearchStrategy[Any]:
    """Values for one argument (or input field) that the bundled data gives meaning to, now and then one
    the API refuses (a page of 150, a foreign cursor, too many ids)."""
    required = is_non_null_type(type_)
    inner = _nullable(type_)
    if isinstance(inner, GraphQLList):
        item = _values(schema, pools, owner, field_name, argument, inner.of_type)
        many = st.lists(item.filter(lambda value: value is not None), max_size=4)
        if argument == "ids" and owner == "Query":
            many = _rarely(many, st.just(RefusedIds([pools.unknown_id] * 101)))
        strategy: st.SearchStrategy[Any] = many
    else:
        strategy = _scalar(schema, pools, owner, field_name, argument, inner)
    return strategy if required else st.one_of(strategy, st.just(None))


def _scalar(schema: GraphQLSchema, pools: Pools, owner: str, field_name: str, argument: str,
            type_: Any) -> st.SearchStrategy[Any]:
    named = type_.name
    if isinstance(type_, GraphQLEnumType):
        return st.sampled_from([Bare(name) for name in type_.values])
    if isinstance(type_, GraphQLInputObjectType):
        return st.fixed_dictionaries({}, optional={
            name: _values(schema, pools, named, "", name, input_field.type)
            for name, input_field in type_.fields.items()
        })
    if named == "Pillar":
        return st.sampled_from(["effectiveness", Bare("EFFICIENCY"), "Legitimacy", Bare("effectiveness")])
    if argument == "first":
        return st.one_of(st.integers(0, 5), st.sampled_from([RefusedInt(150), RefusedInt(-1), 43]))
    if argument == "year":
        return st.sampled_from([2015, 2016, 2014])
    if argument == "after":
        foreign = [RefusedText("garbage"), RefusedText(cursor(1)[:-2])]
        return st.one_of(st.integers(0, 3).map(cursor), st.sampled_from([cursor(90), cursor(500), *foreign]))
    if argument == "rocu":
        return st.sampled_from([*pools.rocus, pools.unknown_id])
    if argument in ("forceId", "ids") and owner != "Query":
        return st.sampled_from([*pools.ids["Force"], pools.unknown_id])
    if argument == "kind":
        return st.sampled_from([*pools.kinds, "no-such-kind"])
    if argument == "text":
        return st.sampled_from(["digital evidence", "crime", "ERSOU", "victims", "zzz", "", "((", "AND", "o'brien"])
    if argument == "search":
        return st.sampled_from(["unit", "ERSOU", "crime", "o", "", "victims", "zzz", "'", "\\", ".*", "%"])
    if argument == "question":
        return st.sampled_from(["2", "0", "4", "effectiveness-2", "effectiveness-4", "99", "1234567890", "x-2", "007",
                                "\u0663", "-1"])
    if argument in ("id", "ids") and schema.query_type is not None and field_name in schema.query_type.fields:
        expected = get_named_type(schema.query_type.fields[field_name].type).name
        own = pools.ids.get(expected, ())
        if own:
            return st.one_of(st.sampled_from([*own, pools.unknown_id]), st.sampled_from(pools.every_id))
    if named == "Int":
        return st.integers(0, 5)
    if named == "Boolean":
        return st.booleans()
    return st.sampled_from(pools.every_id)


def _rarely(common: st.SearchStrategy[Any], rare: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`rare` one time in ten (Hypothesis shrinks towards `common`)."""
    return st.integers(0, 9).flatmap(lambda chosen: rare if chosen == 9 else common)


def _nullable(type_: Any) -> Any:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


def _is_list(type_: Any) -> bool:
    return isinstance(_nullable(type_), GraphQLList)


def _literal(value: Any) -> str:
    if isinstance(value, Bare):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_literal(item)}" for key, item in value.items()) + "}"
    raise TypeError(repr(value))


def _refused(value: Any) -> bool:
    if isinstance(value, RefusedInt | RefusedText | RefusedIds):
        return True
    if isinstance(value, list):
        return any(_refused(item) for item in value)
    if isinstance(value, dict):
        return any(_refused(item) for item in value.values())
    return False


def _as_json(value: Any) -> Any:
    """A literal's value as a variable's JSON (an enum by its name), of plain types."""
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    return value


@st.composite
def operations(draw: Callable[[st.SearchStrategy[Any]], Any], schema: GraphQLSchema, pools: Pools,
               roots: tuple[str, ...], bound: Bound) -> Operation:
    """A valid operation over `roots` (root fields of the schema), with one or two variable assignments;
    `bound` is a list field's declared maximum (None: none)."""
    builder = _Builder(draw, schema, pools, roots, bound)
    query = schema.query_type
    assert query is not None
    selection = builder.selection_set(query, _Where(1))
    if builder.definitions or draw(st.booleans()):
        head = "query Generated" + (f"({', '.join(builder.definitions)})" if builder.definitions else "") + " "
    else:
        head = ""
    text = "\n".join([head + selection, *builder.fragment_texts])
    assignments, refusals = [], []
    for _ in range(2 if builder.variables else 1):
        values = {name: draw(strategy) for name, strategy in builder.variables.items()}
        given = {name: value for name, value in values.items() if value is not OMITTED}
        assignments.append({name: _as_json(value) for name, value in given.items()})
        refusals.append(builder.refusal or _refused(list(given.values())))
    return Operation(text, tuple(assignments), tuple(refusals))
