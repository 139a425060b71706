"""A query after name resolution and literal checking: what the evaluator runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Union

POLYMORPHIC_TYPE = "Name"  # Salesforce's pseudo-object behind polymorphic relationships


@dataclass(frozen=True, slots=True)
class Hop:
    """One relationship step: follow `foreign_key` (e.g. AccountId) to the parent row."""

    foreign_key: str
    relationship: str  # canonical relationship name, the key in the JSON output
    target: str | None  # parent object name; None when polymorphic (decided per row)


@dataclass(frozen=True, slots=True)
class FieldRef:
    hops: tuple[Hop, ...]
    name: str  # canonical field name on the last object
    type: str  # describe type of that field
    is_type_of_parent: bool = False  # the virtual `What.Type` of a polymorphic relationship
    # `What.Name`: the name field of each possible parent object, e.g. Case -> CaseNumber
    name_fields: tuple[tuple[str, str], ...] | None = None

    @property
    def output_path(self) -> tuple[str, ...]:
        return (*(hop.relationship for hop in self.hops), self.name)


@dataclass(frozen=True, slots=True)
class RComparison:
    ref: FieldRef
    operator: str  # = != < <= > >= LIKE
    value: object  # normalised like the evaluator normalises row values; None for null
    like: Callable[[str], bool] | None = None  # the LIKE matcher


@dataclass(frozen=True, slots=True)
class RInList:
    ref: FieldRef
    negated: bool
    values: frozenset


@dataclass(frozen=True, slots=True)
class RSemiJoin:
    ref: FieldRef
    negated: bool
    subquery: QueryPlan


@dataclass(frozen=True, slots=True)
class RAnd:
    items: tuple[RCondition, ...]


@dataclass(frozen=True, slots=True)
class ROr:
    items: tuple[RCondition, ...]


@dataclass(frozen=True, slots=True)
class RNot:
    item: RCondition


RCondition = Union[RComparison, RInList, RSemiJoin, RAnd, ROr, RNot]  # noqa: UP007


@dataclass(frozen=True, slots=True)
class ROrder:
    ref: FieldRef
    descending: bool
    nulls_first: bool


@dataclass(eq=False)
class QueryPlan:
    """A whole resolved query: what the evaluator runs (the compiler's CompiledQuery adds the
    methods that run it)."""

    sobject: str
    is_count: bool
    fields: tuple[FieldRef, ...]
    where: RCondition | None
    order_by: tuple[ROrder, ...]
    limit: int | None
    offset: int | None
