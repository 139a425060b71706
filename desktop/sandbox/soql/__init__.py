"""The sandbox's strict SOQL subset: parse, resolve against a Schema, execute over rows.

    query = compile_query(parse("SELECT Id, Account.Name FROM Opportunity"), schema)
    records = query.execute(source, include_deleted=False, api_version="59.0")
    total = query.count(source, include_deleted=False)      # COUNT() result / totalSize

Supported: SELECT of fields and parent paths (Account.Name, Parent.Account.Name; on a
polymorphic relationship such as What only Id, Type and Name) or COUNT(); FROM one object;
WHERE with = != <> < <= > >= LIKE, [NOT] IN (literals) and [NOT] IN (SELECT idField FROM ...),
AND / OR / NOT and parentheses; ORDER BY (ASC/DESC, NULLS FIRST/LAST); LIMIT; OFFSET (<= 2000).
As in Salesforce, AND and OR cannot be mixed without parentheses, NOT only starts a condition
(`A AND (NOT B)`, not `A AND NOT B`), a semi-join cannot sit under OR nor select from the outer
query's object, long text areas can be neither filtered nor sorted, nulls sort first unless
NULLS LAST, string literals hold at most 4,000 characters and a query at most 100,000.
Not supported (MALFORMED_QUERY): aggregates and GROUP BY, child subqueries, FIELDS(), TYPEOF,
WITH, FOR, USING SCOPE, bind variables and relative date literals such as TODAY.

Errors are SoqlError with Salesforce's codes (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE,
INVALID_QUERY_FILTER_OPERATOR, NUMBER_OUTSIDE_VALID_RANGE); nothing else is raised for any
query text.
"""

from __future__ import annotations

from functools import lru_cache

from .compiler import CompiledQuery, Schema, compile_query
from .errors import SoqlError
from .nodes import SelectQuery
from .parser import parse as _parse
from .source import RecordSource

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
