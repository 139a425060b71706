"""Run a compiled query: closures built once per execution, then applied to every row."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from ..values import TEXT_TYPES
from .projection import ProjectedRows, build_projector
from .resolved import (
    FieldRef,
    QueryPlan,
    RAnd,
    RComparison,
    RCondition,
    RInList,
    RNot,
    ROr,
    RSemiJoin,
)
from .source import RecordSource

Row = dict[str, Any]
Getter = Callable[[Row], Any]
Predicate = Callable[[Row], bool]

_ORDER_OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


class _Context:
    """Per-execution state: the source and a cache of parent rows by id."""

    def __init__(self, source: RecordSource, include_deleted: bool) -> None:
        self.source = source
        self.include_deleted = include_deleted
        self.narrowed = False  # the candidate rows came from the source's index
        self.sorted = False  # ... and already in the ORDER BY's order
        self._parents: dict[str, tuple[str, Row] | None] = {}

    def parent(self, record_id: str) -> tuple[str, Row] | None:
        try:
            return self._parents[record_id]
        except KeyError:
            found = self.source.get(record_id)
            self._parents[record_id] = found
            return found

    def raw_getter(self, ref: FieldRef) -> Getter:
        """Stored value of the field, following relationship hops through the parent cache."""
        name = ref.name
        if not ref.hops:
            return lambda row: row.get(name)
        foreign_keys = tuple(hop.foreign_key for hop in ref.hops)
        parent = self.parent
        want_type = ref.is_type_of_parent
        name_fields = dict(ref.name_fields) if ref.name_fields is not None else None

        def get(row: Row) -> Any:
            entry = None
            for foreign_key in foreign_keys:
                record_id = row.get(foreign_key)
                if record_id is None:
                    return None
                entry = parent(record_id)
                if entry is None:
                    return None
                row = entry[1]
            if want_type:
                return entry[0]  # type: ignore[index]
            if name_fields is not None:  # What.Name: the name field of the actual parent
                field = name_fields.get(entry[0])  # type: ignore[index]
                return None if field is None else row.get(field)
            return row.get(name)

        return get

    def key_getter(self, ref: FieldRef) -> Getter:
        """Value as compared and sorted: text lower-cased (SOQL text is case-insensitive)."""
        get = self.raw_getter(ref)
        if ref.type in TEXT_TYPES or ref.is_type_of_parent:
            if not ref.hops:
                name = ref.name

                def text_key(row: Row) -> Any:
                    value = row.get(name)
                    return value.lower() if value else None

                return text_key
            return lambda row: (value.lower() if (value := get(row)) else None)
        return get


def build_predicate(condition: RCondition, context: _Context) -> Predicate:
    if isinstance(condition, (RAnd, ROr)):
        parts = [build_predicate(item, context) for item in condition.items]
        if isinstance(condition, RAnd):
            return _both(*parts) if len(parts) == 2 else _every(parts)
        return _either(*parts) if len(parts) == 2 else _any(parts)
    if isinstance(condition, RNot):
        inner = build_predicate(condition.item, context)
        return lambda row: not inner(row)
    if isinstance(condition, RComparison):
        return _comparison(condition, context)
    if isinstance(condition, RInList):
        return _membership(context.key_getter(condition.ref), condition.values, condition.negated)
    if isinstance(condition, RSemiJoin):
        return _semi_join(condition, context)
    raise TypeError(f"unknown condition {condition!r}")


def _semi_join(condition: RSemiJoin, context: _Context) -> Predicate:
    """Membership in the subquery's values, run when the first row asks: an indexed query
    with no candidate rows never runs it, and one with a few looks them up by id."""
    key = context.key_getter(condition.ref)
    negated = condition.negated
    if context.narrowed:
        probe = _id_probe(condition.subquery, context)
        if probe is not None:
            return lambda row: probe(key(row)) != negated
    values: frozenset | None = None

    def member(row: Row) -> bool:
        nonlocal values
        if values is None:
            values = selected_values(condition.subquery, context.source, context.include_deleted)
        return (key(row) in values) != negated

    return member


def _id_probe(subquery: QueryPlan, context: _Context) -> Callable[[Any], bool] | None:
    """Whether a value is among `SELECT Id FROM O WHERE ...`'s ids, by looking that id up
    (optional source method `row_by_id`) instead of listing all of O: cheaper for the few
    rows an index leaves. None if the subquery's shape or the source does not allow it."""
    row_by_id = getattr(context.source, "row_by_id", None)
    selected = subquery.fields[0]
    if (row_by_id is None or selected.hops or selected.name != "Id"
            or subquery.limit is not None or subquery.offset is not None):
        return None
    include_deleted = context.include_deleted
    where = subquery.where
    matches = None if where is None else build_predicate(where, _Context(context.source,
                                                                         include_deleted))
    sobject = subquery.sobject
    answers: dict[Any, bool] = {}

    def probe(value: Any) -> bool:
        try:
            return answers[value]
        except KeyError:
            pass
        found = row_by_id(value, include_deleted) if isinstance(value, str) else None
        answer = answers[value] = (found is not None and found[0] == sobject
                                   and (matches is None or matches(found[1])))
        return answer

    return probe


def _both(first: Predicate, second: Predicate) -> Predicate:
    return lambda row: first(row) and second(row)


def _either(first: Predicate, second: Predicate) -> Predicate:
    return lambda row: first(row) or second(row)


def _every(parts: list[Predicate]) -> Predicate:
    # one flat loop: chaining _both() for long AND/OR runs would nest calls past the
    # recursion limit
    return lambda row: all(part(row) for part in parts)


def _any(parts: list[Predicate]) -> Predicate:
    return lambda row: any(part(row) for part in parts)


def _membership(key: Getter, values: frozenset, negated: bool) -> Predicate:
    if negated:
        return lambda row: key(row) not in values
    return lambda row: key(row) in values


def _comparison(condition: RComparison, context: _Context) -> Predicate:
    op = condition.operator
    if op == "LIKE":
        get = context.raw_getter(condition.ref)
        like = condition.like
        assert like is not None
        return lambda row: (value := get(row)) is not None and like(value)
    key = context.key_getter(condition.ref)
    literal = condition.value
    if literal is None:
        if op == "=":
            return lambda row: key(row) is None
        if op == "!=":
            return lambda row: key(row) is not None
        return lambda row: False  # null is never less or greater than anything
    if op == "=":
        return lambda row: key(row) == literal
    if op == "!=":
        return lambda row: key(row) != literal  # Salesforce: != also matches null
    compare = _ORDER_OPERATORS[op]
    return lambda row: (value := key(row)) is not None and compare(value, literal)


def _matching_rows(query: QueryPlan, context: _Context) -> list[Row]:
    rows = _candidate_rows(query, context)
    if query.where is None:
        return list(rows)
    return list(filter(build_predicate(query.where, context), rows))


def _candidate_rows(query: QueryPlan, context: _Context) -> Iterable[Row]:
    """The rows the WHERE is applied to: when it requires `field >= / > datetime` and the
    source can narrow rows by that field (optional `rows_since`), only those; else all."""
    rows_since = getattr(context.source, "rows_since", None)
    if rows_since is not None and query.where is not None:
        # the latest bound first: the fewest candidates
        for field, instant in sorted(_lower_bounds(query.where), key=lambda b: b[1],
                                     reverse=True):
            by_value = _orders_by_value_then_id(query, field)
            rows = rows_since(query.sobject, field, instant, context.include_deleted,
                              by_value=by_value)
            if rows is not None:
                context.narrowed = True
                context.sorted = by_value
                return rows
    return context.source.rows(query.sobject, context.include_deleted)


def _orders_by_value_then_id(query: QueryPlan, field: str) -> bool:
    """ORDER BY field, Id (ascending; nulls cannot occur): the order of the index itself,
    the incremental sync's order."""
    keys = [(item.ref.hops, item.ref.name, item.descending) for item in query.order_by]
    return keys == [((), field, False), ((), "Id", False)]


def _lower_bounds(where: RCondition) -> Iterator[tuple[str, datetime]]:
    """(field, instant) of each `datetimeField >= / > literal` every matching row satisfies:
    the WHERE itself or a term of its top-level AND (nested ANDs included)."""
    if isinstance(where, RAnd):
        for item in where.items:
            yield from _lower_bounds(item)
    elif (isinstance(where, RComparison) and where.operator in (">=", ">")
          and not where.ref.hops and where.ref.type == "datetime"
          and isinstance(where.value, datetime)):
        yield where.ref.name, where.value


def _page_bounds(query: QueryPlan, total: int) -> tuple[int, int]:
    start = min(query.offset or 0, total)
    end = total if query.limit is None else min(total, start + query.limit)
    return start, end


def _sort(rows: list[Row], query: QueryPlan, context: _Context) -> None:
    # Stable multi-pass sort, least significant key first. Nulls get a flag that places them
    # first or last whatever the direction; equal flags never compare the values.
    for item in reversed(query.order_by):
        key = context.key_getter(item.ref)
        null_flag = 0 if item.nulls_first != item.descending else 2
        null_key = (null_flag, 0)

        def sort_key(row: Row, key: Getter = key, null_key: tuple = null_key) -> tuple:
            value = key(row)
            return null_key if value is None else (1, value)

        rows.sort(key=sort_key, reverse=item.descending)


def execute(query: QueryPlan, source: RecordSource, include_deleted: bool,
            api_version: str, lazy: bool = False) -> list[Row] | ProjectedRows:
    context = _Context(source, include_deleted)
    rows = _matching_rows(query, context)
    if query.order_by and not context.sorted:
        _sort(rows, query, context)
    start, end = _page_bounds(query, len(rows))
    if start or end != len(rows):
        rows = rows[start:end]
    project = build_projector(query.sobject, query.fields, context.parent,
                              f"/services/data/v{api_version}/sobjects/")
    if lazy:
        return ProjectedRows(rows, project)
    return [project(row) for row in rows]


def count(query: QueryPlan, source: RecordSource, include_deleted: bool) -> int:
    rows = _matching_rows(query, _Context(source, include_deleted))
    start, end = _page_bounds(query, len(rows))
    return end - start


def selected_values(query: QueryPlan, source: RecordSource, include_deleted: bool) -> frozenset:
    context = _Context(source, include_deleted)
    get = context.raw_getter(query.fields[0])
    return frozenset(value for row in _matching_rows(query, context)
                     if (value := get(row)) is not None)
