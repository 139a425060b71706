"""Strict recursive-descent parser for the SOQL subset; anything else is MALFORMED_QUERY.

Grammar (keywords case-insensitive):
    query     := SELECT selection FROM name [WHERE condition] [ORDER BY order (, order)*]
                 [LIMIT int] [OFFSET int]
    selection := COUNT ( ) | path (, path)*
    path      := name (. name)*
    condition := [NOT] operand ((AND [NOT]? ...)) -- see _condition: AND and OR may not be
                 mixed without parentheses, and NOT only starts a condition, as in Salesforce
    operand   := ( condition ) | path op literal | path [NOT] IN ( literal, ... )
               | path [NOT] IN ( SELECT path FROM name [WHERE condition] ) | path LIKE literal
"""

from __future__ import annotations

from .errors import MALFORMED_QUERY, NUMBER_OUTSIDE_VALID_RANGE, SoqlError, error_at
from .lexer import (
    COMMA,
    DATE,
    DATETIME,
    DOT,
    EOF,
    IDENT,
    LPAREN,
    NUMBER,
    OP,
    RPAREN,
    STRING,
    Token,
    tokenize,
)
from .nodes import (
    BOOLEAN_LITERAL,
    DATE_LITERAL,
    DATETIME_LITERAL,
    NULL_LITERAL,
    NUMBER_LITERAL,
    STRING_LITERAL,
    And,
    Comparison,
    Condition,
    FieldPath,
    InList,
    Literal,
    Not,
    Or,
    OrderItem,
    SelectQuery,
    SemiJoin,
)

MAX_QUERY_LENGTH = 100_000
MAX_OFFSET = 2000
_MAX_NESTING = 40  # parentheses depth; keeps recursion far from Python's limit

# Salesforce's reserved words: never a field or object name.
_RESERVED = frozenset({
    "and", "asc", "desc", "excludes", "first", "from", "group", "having", "in", "includes",
    "last", "like", "limit", "not", "null", "nulls", "or", "select", "where", "with",
    "typeof",
})
_LITERAL_KINDS = {STRING: STRING_LITERAL, NUMBER: NUMBER_LITERAL, DATE: DATE_LITERAL,
                  DATETIME: DATETIME_LITERAL}
_RELATIVE_DATE_WORDS = frozenset({
    "yesterday", "today", "tomorrow", "last_week", "this_week", "next_week", "last_month",
    "this_month", "next_month", "last_90_days", "next_90_days", "this_quarter", "last_quarter",
    "next_quarter", "this_year", "last_year", "next_year", "this_fiscal_quarter",
    "last_fiscal_quarter", "next_fiscal_quarter", "this_fiscal_year", "last_fiscal_year",
    "next_fiscal_year",
})


def parse(text: str) -> SelectQuery:
    """Parse one SOQL SELECT; raises SoqlError(MALFORMED_QUERY, ...) for anything else."""
    if not isinstance(text, str):
        raise SoqlError(MALFORMED_QUERY, "query must be a string")
    if len(text) > MAX_QUERY_LENGTH:
        raise SoqlError(MALFORMED_QUERY, f"SOQL statements cannot be longer than "
                                         f"{MAX_QUERY_LENGTH:,} characters.")
    return _Parser(text).query()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    # -- token helpers -------------------------------------------------------------------
    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != EOF:
            self.index += 1
        return token

    def at_keyword(self, *words: str) -> bool:
        token = self.current
        return token.kind == IDENT and token.text.lower() in words

    def peek_kind(self, offset: int = 1) -> str:
        index = min(self.index + offset, len(self.tokens) - 1)
        return self.tokens[index].kind

    def unexpected(self, token: Token | None = None) -> SoqlError:
        token = token or self.current
        return error_at(MALFORMED_QUERY, self.text, token.pos, f"unexpected token: '{token.text}'")

    def expect_keyword(self, word: str) -> Token:
        if not self.at_keyword(word):
            raise self.unexpected()
        return self.advance()

    def expect(self, kind: str) -> Token:
        if self.current.kind != kind:
            raise self.unexpected()
        return self.advance()

    def name(self) -> Token:
        token = self.current
        if token.kind != IDENT or token.text.lower() in _RESERVED:
            raise self.unexpected()
        if self.peek_kind() == LPAREN:  # a function call: FIELDS(ALL), MAX(x), toLabel(x)...
            raise self.unexpected()
        return self.advance()

    # -- query ---------------------------------------------------------------------------
    def query(self) -> SelectQuery:
        query = self.select(subquery=False)
        if self.current.kind != EOF:
            raise self.unexpected()
        return query

    def select(self, *, subquery: bool) -> SelectQuery:
        self.expect_keyword("select")
        fields, is_count = self.selection(subquery=subquery)
        self.expect_keyword("from")
        sobject = self.name()
        where = order_by = None
        limit = offset = None
        if self.at_keyword("where"):
            self.advance()
            where = self.condition(allow_semi_join=not subquery)
        if not subquery:
            if self.at_keyword("order"):
                self.advance()
                self.expect_keyword("by")
                order_by = self.order_items()
            if self.at_keyword("limit"):
                self.advance()
                limit = self.integer()
            if self.at_keyword("offset"):
                self.advance()
                offset_token = self.current
                offset = self.integer()
                if offset > MAX_OFFSET:
                    raise error_at(NUMBER_OUTSIDE_VALID_RANGE, self.text, offset_token.pos,
                                   f"Maximum SOQL offset allowed is {MAX_OFFSET}")
        return SelectQuery(
            text=self.text, fields=tuple(fields), is_count=is_count, sobject=sobject.text,
            sobject_pos=sobject.pos, where=where, order_by=tuple(order_by or ()), limit=limit,
            offset=offset,
        )

    def selection(self, *, subquery: bool) -> tuple[list[FieldPath], bool]:
        if (not subquery and self.at_keyword("count") and self.peek_kind() == LPAREN
                and self.peek_kind(2) == RPAREN):
            self.index += 3
            if self.current.kind == COMMA:
                raise self.unexpected()
            return [], True
        fields = [self.path()]
        seen = {fields[0].text.lower()}
        while self.current.kind == COMMA and not subquery:
            self.advance()
            field = self.path()
            if field.text.lower() in seen:
                raise error_at(MALFORMED_QUERY, self.text, field.pos,
                               f"duplicate field selected: {field.text}")
            seen.add(field.text.lower())
            fields.append(field)
        return fields, False

    def path(self) -> FieldPath:
        first = self.name()
        parts = [first.text]
        while self.current.kind == DOT:
            self.advance()
            parts.append(self.name().text)
        return FieldPath(tuple(parts), first.pos)

    def integer(self) -> int:
        token = self.current
        if token.kind != NUMBER or not isinstance(token.value, int) or token.text[0] in "+-":
            raise self.unexpected()
        self.advance()
        return int(token.value)

    def order_items(self) -> list[OrderItem]:
        items = []
        while True:
            field = self.path()
            descending = False
            if self.at_keyword("asc", "desc"):
                descending = self.advance().text.lower() == "desc"
            # Nulls come first unless NULLS LAST is asked for, in either direction (SOQL and
            # SOSL Reference, "ORDER BY": "By default, null values are sorted first").
            nulls_first = True
            if self.at_keyword("nulls"):
                self.advance()
                if not self.at_keyword("first", "last"):
                    raise self.unexpected()
                nulls_first = self.advance().text.lower() == "first"
            items.append(OrderItem(field, descending, nulls_first))
            if self.current.kind != COMMA:
                return items
            self.advance()

    # -- WHERE ---------------------------------------------------------------------------
    def condition(self, *, allow_semi_join: bool) -> Condition:
        """A run of operands joined by one kind of connective (AND or OR, never both)."""
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise error_at(MALFORMED_QUERY, self.text, self.current.pos,
                           "Query is too complicated: too many nested parentheses")
        first = self.operand(allow_semi_join, allow_not=True)
        items = [first]
        connective = None
        while self.at_keyword("and", "or"):
            word = self.current.text.lower()
            if connective is not None and word != connective:
                raise self.unexpected()
            connective = word
            connective_token = self.advance()
            items.append(self.operand(allow_semi_join, allow_not=False))
        self.depth -= 1
        if connective is None:
            return first
        if connective == "or":
            if any(_contains_semi_join(item) for item in items):
                raise error_at(MALFORMED_QUERY, self.text, connective_token.pos,
                               "Semi join sub-selects are not allowed with the 'OR' operator")
            return Or(tuple(items))
        return And(tuple(items))

    def operand(self, allow_semi_join: bool, *, allow_not: bool) -> Condition:
        if allow_not and self.at_keyword("not"):
            self.advance()
            return Not(self.operand(allow_semi_join, allow_not=False))
        if self.current.kind == LPAREN:
            self.advance()
            inner = self.condition(allow_semi_join=allow_semi_join)
            self.expect(RPAREN)
            return inner
        return self.simple(allow_semi_join)

    def simple(self, allow_semi_join: bool) -> Condition:
        field = self.path()
        token = self.current
        if token.kind == OP:
            self.advance()
            operator = "!=" if token.text == "<>" else token.text
            return Comparison(field, operator, self.literal())
        if self.at_keyword("like"):
            self.advance()
            return Comparison(field, "LIKE", self.literal())
        negated = False
        if self.at_keyword("not"):
            self.advance()
            negated = True
            if not self.at_keyword("in"):
                raise self.unexpected()
        if self.at_keyword("in"):
            self.advance()
            self.expect(LPAREN)
            if self.at_keyword("select"):
                if not allow_semi_join:
                    raise self.unexpected()
                subquery = self.select(subquery=True)
                self.expect(RPAREN)
                return SemiJoin(field, negated, subquery)
            literals = [self.literal()]
            while self.current.kind == COMMA:
                self.advance()
                literals.append(self.literal())
            self.expect(RPAREN)
            return InList(field, negated, tuple(literals))
        raise self.unexpected()

    def literal(self) -> Literal:
        token = self.current
        kind = _LITERAL_KINDS.get(token.kind)
        if kind is not None:
            self.advance()
            return Literal(kind, token.value, token.text, token.pos, token.like_pattern)
        if token.kind == IDENT:
            word = token.text.lower()
            if word in ("true", "false"):
                self.advance()
                return Literal(BOOLEAN_LITERAL, word == "true", token.text, token.pos)
            if word == "null":
                self.advance()
                return Literal(NULL_LITERAL, None, token.text, token.pos)
            if word in _RELATIVE_DATE_WORDS or word.startswith(("last_n_", "next_n_", "n_")):
                raise error_at(MALFORMED_QUERY, self.text, token.pos,
                               f"unexpected token: '{token.text}' (relative date literals are "
                               f"not supported by the sandbox)")
        raise self.unexpected()


def _contains_semi_join(condition: Condition) -> bool:
    if isinstance(condition, SemiJoin):
        return True
    if isinstance(condition, (And, Or)):
        return any(_contains_semi_join(item) for item in condition.items)
    if isinstance(condition, Not):
        return _contains_semi_join(condition.item)
    return False
