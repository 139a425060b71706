"""Turn stored rows into Salesforce JSON records, fast enough for 50,000-row queryAll pages.

The projector for a query is generated Python source, compiled once per execution: one dict
display per record with the selected keys in order, date conversion inline, and a call per
relationship that builds the nested parent record. Only repr()'d field names and fixed helper
names go into the source, so nothing from a query text is ever executed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

from ..values import format_datetime
from .resolved import POLYMORPHIC_TYPE, FieldRef

Row = dict[str, Any]
ParentLookup = Callable[[str], "tuple[str, Row] | None"]


def build_projector(sobject: str, fields: tuple[FieldRef, ...], parent: ParentLookup,
                    url_prefix: str) -> Callable[[Row], Row]:
    tree: dict[str, Any] = {}  # key -> FieldRef (leaf) or (Hop, subtree)
    for ref in fields:
        node = tree
        for hop in ref.hops:
            if hop.relationship not in node:
                node[hop.relationship] = (hop, {})
            node = node[hop.relationship][1]
        node[ref.name] = ref
    # Datetime text by value, shared by every level: LastModifiedDate and SystemModstamp are
    # usually the same instant, and a dict hit costs a thirtieth of formatting.
    formatted: dict[Any, str] = {}
    return _object_projector(sobject, tree, parent, url_prefix, formatted)


def _object_projector(sobject: str | None, tree: dict[str, Any], parent: ParentLookup,
                      url_prefix: str, formatted: dict[Any, str]) -> Callable[..., Row]:
    def format_new(value: Any) -> str:
        text = formatted[value] = format_datetime(value)
        return text

    namespace: dict[str, Any] = {"formatted": formatted, "format_new": format_new,
                                 "url_prefix": url_prefix, "sobject": sobject,
                                 "name_type": POLYMORPHIC_TYPE}
    entries = []
    for index, (key, node) in enumerate(tree.items()):
        if isinstance(node, FieldRef):
            if node.name_fields is not None:  # What.Name: depends on the parent's object
                names = f"name_fields_{index}"
                namespace[names] = dict(node.name_fields)
                entries.append(f"{key!r}: get({names}.get(actual_type, ''))")
                continue
            entries.append(f"{key!r}: {_leaf_expression(node)}")
        else:
            hop, subtree = node
            helper = f"relationship_{index}"
            namespace[helper] = _relationship(hop.target, subtree, parent, url_prefix, formatted)
            entries.append(f"{key!r}: {helper}(get({hop.foreign_key!r}))")
    if sobject is not None:
        namespace["type_url"] = f"{url_prefix}{sobject}/"
        attributes = '{"type": sobject, "url": type_url + row["Id"]}'
    else:  # a polymorphic parent: Salesforce reports the pseudo-object "Name"
        attributes = '{"type": name_type, "url": url_prefix + actual_type + "/" + row["Id"]}'
    body = ", ".join([f'"attributes": {attributes}', *entries])
    source = (f"def project(row, actual_type=None):\n"
              f"    get = row.get\n"
              f"    return {{{body}}}\n")
    exec(compile(source, f"<soql projector for {sobject}>", "exec"), namespace)  # noqa: S102
    return namespace["project"]


def _leaf_expression(ref: FieldRef) -> str:
    if ref.is_type_of_parent:
        return "actual_type"
    value = f"get({ref.name!r})"
    if ref.type == "datetime":
        return (f"(None if (value := {value}) is None "
                f"else formatted.get(value) or format_new(value))")
    if ref.type == "date":
        return f"(None if (value := {value}) is None else value.isoformat())"
    return value


def _relationship(target: str | None, subtree: dict[str, Any], parent: ParentLookup,
                  url_prefix: str, formatted: dict[Any, str]) -> Callable[[Any], Row | None]:
    """Foreign key -> the parent's nested JSON record, or None.

    Built once per parent and execution: records that share a parent share its nested dict
    (50,000 opportunities often have a few hundred accounts), so results are read-only.
    """
    project_parent = _object_projector(target, subtree, parent, url_prefix, formatted)
    projected: dict[str, Row | None] = {}

    def nested(record_id: Any) -> Row | None:
        if record_id is None:
            return None
        try:
            return projected[record_id]
        except KeyError:
            entry = parent(record_id)
            record = None if entry is None else project_parent(entry[1], entry[0])
            projected[record_id] = record
            return record

    return nested


class ProjectedRows(Sequence[Row]):
    """A query's result projected page by page, as a query cursor reads it.

    The rows are the stored versions the query matched (stored rows are never changed, only
    replaced), so a later page shows what the query saw, and the first page of a 50,000-row
    query costs no more than the others (the server runs requests side by side; projecting
    everything up front would hold the interpreter for a second). Parents are projected once
    per query, when a page first needs them.
    """

    def __init__(self, rows: list[Row], project: Callable[[Row], Row]) -> None:
        self._rows = rows
        self._project = project

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            project = self._project
            return [project(row) for row in self._rows[index]]
        return self._project(self._rows[index])
