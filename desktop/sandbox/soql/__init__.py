"""The sandbox's strict SOQL subset: parse, resolve against a Schema, execute over rows.

    query = compile_query(parse("SELECT Id, Account.Name FROM Opportunity"), schema)
    records = query.execute(source, include_deleted=False, api_version="59.0")

Anything outside the subset raises SoqlError (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE,
INVALID_QUERY_FILTER_OPERATOR, NUMBER_OUTSIDE_VALID_RANGE), never another exception.
"""

from __future__ import annotations

from functools import lru_cache

from .compiler import CompiledQuery, RecordSource, Schema, compile_query
from .errors import SoqlError
from .nodes import SelectQuery
from .parser import parse as _parse

__all__ = ["CompiledQuery", "RecordSource", "Schema", "SelectQuery", "SoqlError",
           "compile_query", "parse"]


def parse(text: str) -> SelectQuery:
    """Parse one SOQL SELECT (syntax only). Results are immutable, so they are cached by text."""
    if not isinstance(text, str):
        return _parse(text)  # raises SoqlError; an unhashable value must not reach the cache
    return _cached_parse(text)


@lru_cache(maxsize=512)
def _cached_parse(text: str) -> SelectQuery:
    return _parse(text)
