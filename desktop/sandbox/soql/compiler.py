"""Resolve a parsed query against a Schema: canonical names, relationship hops, literal types."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from .. import ids
from ..values import ID_TYPES, NUMBER_TYPES, TEXT_TYPES
from . import evaluate
from .errors import (
    INVALID_FIELD,
    INVALID_QUERY_FILTER_OPERATOR,
    INVALID_TYPE,
    MALFORMED_QUERY,
    SoqlError,
    error_at,
)
from .like import like_matcher
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
    SelectQuery,
    SemiJoin,
)
from .resolved import (
    POLYMORPHIC_TYPE,
    FieldRef,
    Hop,
    QueryPlan,
    RAnd,
    RComparison,
    RCondition,
    RInList,
    RNot,
    ROr,
    ROrder,
    RSemiJoin,
)
from .source import RecordSource

_FIELD_HINT = ("If you are attempting to use a custom field, be sure to append the '__c' after "
               "the custom field name. Please reference your WSDL or the describe call for the "
               "appropriate names.")
_RELATIONSHIP_HINT = ("If you are attempting to use a custom relationship, be sure to append the "
                      "'__r' after the custom relationship name. Please reference your WSDL or the "
                      "describe call for the appropriate names.")
_OBJECT_HINT = ("If you are attempting to use a custom object, be sure to append the '__c' after "
                "the entity name. Please reference your WSDL or the describe call for the "
                "appropriate names.")
# Fields of the polymorphic pseudo-object the sandbox can answer from any parent row.
_POLYMORPHIC_FIELDS = {"id": ("Id", "id"), "type": ("Type", "picklist"), "name": ("Name", "string")}
_MAX_HOPS = 5
# How Salesforce names a field type in "must be of type ..." messages.
_TYPE_WORDS = {"int": "integer", "datetime": "dateTime", "reference": "id"}
# Long text areas can be selected but neither filtered nor sorted (SOQL and SOSL Reference,
# "Understanding Relationship Query Limitations": "You cannot filter against the content of
# textarea fields"; "ORDER BY": long text area and multi-select picklist fields are not
# supported). Every textarea of the sandbox's schema is a long one (describe: filterable and
# sortable false).
_LONG_TEXT = frozenset({"textarea"})
_FILTERABLE = (TEXT_TYPES - _LONG_TEXT) | ID_TYPES | NUMBER_TYPES | {"boolean", "date", "datetime"}
_UNSORTABLE = _LONG_TEXT | {"multipicklist"}
_ORDERING = frozenset({"<", "<=", ">", ">="})


class FieldInfo(Protocol):
    name: str
    type: str
    reference_to: list[str]
    relationship_name: str | None


class ObjectInfo(Protocol):
    name: str
    key_prefix: str

    def field(self, name: str) -> FieldInfo | None: ...
    def relationship(self, name: str) -> FieldInfo | None: ...


class Schema(Protocol):
    def sobject(self, name: str) -> ObjectInfo | None: ...


class CompiledQuery(QueryPlan):
    """A query bound to a schema; execute() runs it over any RecordSource, thread-safely."""

    def execute(self, source: RecordSource, *, include_deleted: bool, api_version: str,
                lazy: bool = False) -> Sequence[dict[str, Any]]:
        """Matching rows, ordered, OFFSET/LIMIT applied, projected as Salesforce JSON (a
        list; `lazy`: projected as they are read, see projection.ProjectedRows).

        Treat the result as read-only: records with the same parent share its nested dict.
        """
        if self.is_count:
            return []
        return evaluate.execute(self, source, include_deleted, api_version, lazy)

    def count(self, source: RecordSource, *, include_deleted: bool) -> int:
        """How many rows the query returns (COUNT() result, or totalSize)."""
        return evaluate.count(self, source, include_deleted)

    def selected_values(self, source: RecordSource, include_deleted: bool) -> frozenset:
        """The non-null values of the single selected field: a semi-join's right side."""
        return evaluate.selected_values(self, source, include_deleted)


def compile_query(query: SelectQuery, schema: Schema) -> CompiledQuery:
    return _Compiler(query, schema).compile()


class _Compiler:
    def __init__(self, query: SelectQuery, schema: Schema) -> None:
        self.query = query
        self.text = query.text
        self.schema = schema

    def compile(self, *, semi_join: bool = False) -> CompiledQuery:
        query = self.query
        root = self.schema.sobject(query.sobject)
        if root is None:
            raise error_at(INVALID_TYPE, self.text, query.sobject_pos,
                           f"sObject type '{query.sobject}' is not supported. {_OBJECT_HINT}")
        self.root = root
        fields = tuple(self.resolve(path) for path in query.fields)
        if semi_join and fields[0].type not in ID_TYPES:
            raise error_at(INVALID_FIELD, self.text, query.fields[0].pos,
                           f"The selected field '{query.fields[0].text}' in the subquery must "
                           f"be an Id or a reference field")
        self._check_duplicates(fields)
        where = self.condition(query.where) if query.where is not None else None
        order_by = tuple(ROrder(self.sortable(item.field), item.descending, item.nulls_first)
                         for item in query.order_by)
        return CompiledQuery(root.name, query.is_count, fields, where, order_by, query.limit,
                             query.offset)

    def _check_duplicates(self, fields: tuple[FieldRef, ...]) -> None:
        seen = set()
        for path, ref in zip(self.query.fields, fields, strict=True):
            if ref.output_path in seen:
                raise error_at(MALFORMED_QUERY, self.text, path.pos,
                               f"duplicate field selected: {path.text}")
            seen.add(ref.output_path)

    # -- names ---------------------------------------------------------------------------
    def resolve(self, path: FieldPath) -> FieldRef:
        sobject = self.root
        hops: list[Hop] = []
        *relationships, field_name = path.parts
        if len(relationships) > _MAX_HOPS:
            raise error_at(MALFORMED_QUERY, self.text, path.pos,
                           f"Relationship path too deep: {path.text}")
        for index, name in enumerate(relationships):
            info = sobject.relationship(name)
            targets = list(info.reference_to) if info is not None else []
            target = self.schema.sobject(targets[0]) if len(targets) == 1 else None
            if info is None or not targets or (len(targets) == 1 and target is None):
                raise error_at(INVALID_FIELD, self.text, path.pos,
                               f"Didn't understand relationship '{name}' in field path. "
                               f"{_RELATIONSHIP_HINT}")
            hop_name = info.relationship_name or name
            if len(targets) > 1:  # polymorphic: only the pseudo-object's Id and Type
                hops.append(Hop(info.name, hop_name, None))
                known = _POLYMORPHIC_FIELDS.get(field_name.lower())
                if index != len(relationships) - 1 or known is None:
                    bad = relationships[index + 1] if index != len(relationships) - 1 else field_name
                    raise error_at(INVALID_FIELD, self.text, path.pos,
                                   f"No such column '{bad}' on entity '{POLYMORPHIC_TYPE}'. "
                                   f"{_FIELD_HINT}")
                canonical, field_type = known
                return FieldRef(tuple(hops), canonical, field_type,
                                is_type_of_parent=canonical == "Type",
                                name_fields=self.name_fields(targets) if canonical == "Name"
                                else None)
            hops.append(Hop(info.name, hop_name, target.name))
            sobject = target
        info = sobject.field(field_name)
        if info is None:
            raise error_at(INVALID_FIELD, self.text, path.pos,
                           f"No such column '{field_name}' on entity '{sobject.name}'. "
                           f"{_FIELD_HINT}")
        return FieldRef(tuple(hops), info.name, info.type)

    def name_fields(self, targets: list[str]) -> tuple[tuple[str, str], ...]:
        """Each target object's name field (its `name_field` if the schema says, else Name)."""
        found = []
        for target in targets:
            info = self.schema.sobject(target)
            if info is None:
                continue
            name_field = getattr(info, "name_field", None) or info.field("Name")
            if name_field is not None:
                found.append((info.name, name_field.name))
        return tuple(found)

    # -- WHERE ---------------------------------------------------------------------------
    def condition(self, node: Condition) -> RCondition:
        if isinstance(node, And):
            return RAnd(tuple(self.condition(item) for item in node.items))
        if isinstance(node, Or):
            return ROr(tuple(self.condition(item) for item in node.items))
        if isinstance(node, Not):
            return RNot(self.condition(node.item))
        if isinstance(node, Comparison):
            return self.comparison(node)
        if isinstance(node, InList):
            ref = self.filterable(node.field)
            values = frozenset(self.literal_value(ref, node.field, literal, "IN")
                               for literal in node.literals)
            return RInList(ref, node.negated, values)
        if isinstance(node, SemiJoin):
            return self.semi_join(node)
        raise SoqlError(MALFORMED_QUERY, "unsupported condition")  # unreachable by the parser

    def filterable(self, path: FieldPath) -> FieldRef:
        ref = self.resolve(path)
        if ref.type not in _FILTERABLE:
            raise error_at(INVALID_FIELD, self.text, path.pos,
                           f"field '{path.text}' can not be filtered in a query call")
        return ref

    def sortable(self, path: FieldPath) -> FieldRef:
        ref = self.resolve(path)
        if ref.type in _UNSORTABLE:
            raise error_at(INVALID_FIELD, self.text, path.pos,
                           f"field '{path.text}' can not be sorted in a query call")
        return ref

    def comparison(self, node: Comparison) -> RComparison:
        ref = self.filterable(node.field)
        operator = node.operator
        if operator == "LIKE":
            if ref.type not in TEXT_TYPES and not ref.is_type_of_parent:
                raise error_at(INVALID_FIELD, self.text, node.field.pos,
                               f"invalid operator on field '{node.field.text}': LIKE is only "
                               f"supported on string fields")
            if node.literal.kind != STRING_LITERAL:
                raise self.wrong_type(ref, node.field, node.literal)
            matcher = like_matcher(node.literal.like_pattern or ((),))
            return RComparison(ref, operator, None, matcher)
        if operator in _ORDERING and ref.type == "boolean":
            raise error_at(INVALID_QUERY_FILTER_OPERATOR, self.text, node.field.pos,
                           f"invalid operator on boolean field: {node.field.text}")
        value = self.literal_value(ref, node.field, node.literal, operator)
        return RComparison(ref, operator, value)

    def literal_value(self, ref: FieldRef, path: FieldPath, literal: Literal,
                      operator: str) -> object:
        """The literal normalised for comparison with the evaluator's row values."""
        kind = literal.kind
        if kind == NULL_LITERAL:
            return None
        field_type = "picklist" if ref.is_type_of_parent else ref.type
        if field_type in TEXT_TYPES:
            if kind != STRING_LITERAL:
                raise self.wrong_type(ref, path, literal)
            text = str(literal.value)
            # Salesforce stores empty text as null, so '' matches null in = / != / IN.
            return text.lower() if text or operator in _ORDERING else None
        if field_type in ID_TYPES:
            if kind != STRING_LITERAL:
                raise self.wrong_type(ref, path, literal)
            text = str(literal.value)
            if not text and operator not in _ORDERING:
                return None
            if operator in _ORDERING:
                return text
            try:
                return ids.normalize(text)
            except ids.MalformedIdError:
                raise error_at(INVALID_QUERY_FILTER_OPERATOR, self.text, literal.pos,
                               f"invalid ID field: {text}") from None
        expected = {"boolean": BOOLEAN_LITERAL, "date": DATE_LITERAL,
                    "datetime": DATETIME_LITERAL}.get(field_type, NUMBER_LITERAL)
        if kind != expected:
            raise self.wrong_type(ref, path, literal)
        return literal.value

    def wrong_type(self, ref: FieldRef, path: FieldPath, literal: Literal) -> SoqlError:
        field_type = "picklist" if ref.is_type_of_parent else ref.type
        word = "string" if field_type in TEXT_TYPES else _TYPE_WORDS.get(field_type, field_type)
        quoting = ("should be enclosed in quotes" if field_type in TEXT_TYPES | ID_TYPES
                   else "should not be enclosed in quotes")
        return error_at(INVALID_FIELD, self.text, literal.pos,
                        f"value of filter criterion for field '{path.text}' must be of type "
                        f"{word} and {quoting}")

    def semi_join(self, node: SemiJoin) -> RSemiJoin:
        ref = self.filterable(node.field)
        if ref.type not in ID_TYPES:
            raise error_at(INVALID_FIELD, self.text, node.field.pos,
                           f"The left operand field '{node.field.text}' of a semi join must be "
                           f"an Id or a reference field")
        subquery = _Compiler(node.subquery, self.schema).compile(semi_join=True)
        if subquery.sobject == self.root.name:
            # SOQL and SOSL Reference, "Semi-Joins with IN and Anti-Joins with NOT IN": a
            # semi-join is "a subquery on another object"; Salesforce refuses the same one.
            raise error_at(MALFORMED_QUERY, self.text, node.subquery.sobject_pos,
                           "The inner and outer selects should not be on the same object type")
        return RSemiJoin(ref, node.negated, subquery)
