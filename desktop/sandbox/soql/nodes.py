"""Syntax tree of a parsed SOQL query (names as written, not yet resolved)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

# Literal kinds
STRING_LITERAL = "string"
NUMBER_LITERAL = "number"
DATE_LITERAL = "date"
DATETIME_LITERAL = "datetime"
BOOLEAN_LITERAL = "boolean"
NULL_LITERAL = "null"


@dataclass(frozen=True, slots=True)
class FieldPath:
    """`Name`, `Account.Name`, `Parent.Account.Name`: relationship names, then a field."""

    parts: tuple[str, ...]
    pos: int

    @property
    def text(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True, slots=True)
class Literal:
    kind: str
    value: object
    text: str
    pos: int
    like_pattern: tuple[tuple[str | None, ...], ...] | None = None  # see lexer.Token


@dataclass(frozen=True, slots=True)
class Comparison:
    """`field op literal` with op one of = != < <= > >= LIKE (`<>` is stored as `!=`)."""

    field: FieldPath
    operator: str
    literal: Literal


@dataclass(frozen=True, slots=True)
class InList:
    field: FieldPath
    negated: bool
    literals: tuple[Literal, ...]


@dataclass(frozen=True, slots=True)
class SemiJoin:
    """`field [NOT] IN (SELECT idField FROM Obj [WHERE ...])`."""

    field: FieldPath
    negated: bool
    subquery: SelectQuery


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition


Condition = Union[Comparison, InList, SemiJoin, And, Or, Not]  # noqa: UP007


@dataclass(frozen=True, slots=True)
class OrderItem:
    field: FieldPath
    descending: bool
    nulls_first: bool


@dataclass(frozen=True, slots=True)
class SelectQuery:
    text: str  # the whole query text, for error messages
    fields: tuple[FieldPath, ...]  # empty for COUNT()
    is_count: bool
    sobject: str
    sobject_pos: int
    where: Condition | None = None
    order_by: tuple[OrderItem, ...] = ()
    limit: int | None = None
    offset: int | None = None
