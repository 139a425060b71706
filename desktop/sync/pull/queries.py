"""The SOQL of a sync, built from the Settings and the objects' describes.

A sync reads "streams", each with its own SystemModstamp watermark:
- top-level items: Opportunities, and Cases without a parent Case, with the user's filters
  (only mine -> OwnerId; specific items -> Id IN; stage trigger -> StageName IN);
- subtasks through the configured child relationships (Opportunity.Tasks, Case.Tasks,
  Case.Cases, or any other from describe). A child of another object is selected with a
  semi-join on its parent's filters; a child of the same object (child Cases) cannot be
  (Salesforce refuses self semi-joins) and is selected by `ParentId != null`. Either way
  the sync keeps a child only when its parent is imported (no orphans).

Id lists are split so that no query outgrows what Salesforce takes: many specific items make
a stream several queries ("chunks", each with its own slice of the ids), which share the
stream's watermark. Items the user excluded ("all items" mode) are not in the SOQL: each
stream carries their ids and the page writer filters them (desktop.sync.pull.exclusions).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from desktop.domain.items import ItemKind
from desktop.domain.settings import Settings, excluded_items
from desktop.sync.metadata import ObjectMeta

LOOKBACK = timedelta(minutes=10)
# Characters of quoted ids in one "IN (...)": about 1,800 ids, well below Salesforce's
# 100,000 characters per query with the rest of the query around them. Too long for a URI,
# so such a query travels in a composite body (SalesforceClient.query_pages).
ID_LIST_CHARS = 40_000
CLOSED_LOST = "Closed Lost"

TOP_LEVEL_KINDS = {"Opportunity": ItemKind.OPPORTUNITY, "Case": ItemKind.CASE}
# Fields every query of an object needs (besides the extra fields shown with the task).
_BASE_FIELDS = {
    "Opportunity": ("Id", "Name", "StageName", "IsClosed", "IsWon"),
    "Case": ("Id", "CaseNumber", "Subject", "IsClosed", "ParentId"),
    "Task": ("Id", "Subject", "WhatId", "IsClosed"),
}
_SYSTEM_FIELDS = ("OwnerId", "IsDeleted", "SystemModstamp")


@dataclass(frozen=True)
class Stream:
    """One query of a sync, with its own watermark (key)."""

    key: str  # "Opportunity", "Case", "Task@Opportunity", "Case@Case"
    sobject: str
    kind: ItemKind
    fields: tuple[str, ...]
    where: tuple[str, ...]  # conditions ANDed together (the modstamp window is added per run)
    # One more condition per query when ids had to be split ("Id IN (<slice>)"): the stream
    # is then one query per chunk; none: a single query.
    chunks: tuple[str, ...] = ()
    extra_fields: tuple[str, ...] = ()  # shown with the task, in order
    parent_sobject: str | None = None  # None: a top-level task under the root project
    parent_field: str | None = None  # "WhatId", "ParentId"
    # Ids the user excluded: filtered locally when pages are written, not part of the SOQL
    # (so not of the fingerprint either: excluding needs no full pass, including does).
    excluded_ids: frozenset[str] = frozenset()

    @property
    def is_child(self) -> bool:
        return self.parent_sobject is not None

    def queries(self, since: datetime | None = None) -> list[str]:
        """Every query of the stream: one per chunk of ids, or the one query."""
        if not self.chunks:
            return [self.soql(since)]
        return [self.soql(since, [chunk]) for chunk in self.chunks]

    def soql(self, since: datetime | None = None, extra: Sequence[str] = ()) -> str:
        """The query without its chunks; `since` adds the modstamp window (minus the
        lookback)."""
        conditions = list(self.where) + list(extra)
        if since is not None:
            # First: the most selective condition (the sandbox evaluates in order).
            conditions.insert(0, f"SystemModstamp >= {soql_datetime(since - LOOKBACK)}")
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        return (
            f"SELECT {', '.join(self.fields)} FROM {self.sobject}{where} "
            "ORDER BY SystemModstamp, Id"
        )

    def children_of(self, parent_ids: Sequence[str]) -> list[str]:
        """Queries for the existing children of newly imported parents, in chunks (the
        parents passed the stream's filters already: no chunk of the stream is needed)."""
        assert self.parent_field is not None
        conditions = id_conditions(self.parent_field, parent_ids)
        return [self.soql(extra=[condition]) for condition in conditions]


def soql_datetime(moment: datetime) -> str:
    """A SOQL datetime literal, whole seconds (Salesforce stores no milliseconds); rounded
    down, so `>=` never misses the instant itself."""
    return f"{moment.astimezone(UTC):%Y-%m-%dT%H:%M:%S}Z"


def soql_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def soql_list(values: Iterable[str]) -> str:
    return ", ".join(soql_string(v) for v in values)


def id_conditions(field: str, ids: Sequence[str], budget: int | None = None) -> list[str]:
    """`field IN (...)` conditions that together cover `ids`, each list at most `budget`
    (default ID_LIST_CHARS) characters long."""
    budget = budget or ID_LIST_CHARS
    conditions: list[str] = []
    chunk: list[str] = []
    length = 0
    for quoted in (soql_string(i) for i in ids):
        if chunk and length + len(quoted) + 2 > budget:
            conditions.append(f"{field} IN ({', '.join(chunk)})")
            chunk, length = [], 0
        chunk.append(quoted)
        length += len(quoted) + 2
    if chunk:
        conditions.append(f"{field} IN ({', '.join(chunk)})")
    return conditions


def objects_to_describe(settings: Settings) -> list[str]:
    """The parent objects whose describe the queries need (children are added after)."""
    names = []
    if settings.import_opportunities:
        names.append("Opportunity")
    if settings.import_cases:
        names.append("Case")
    return names


def child_objects(settings: Settings, metas: Mapping[str, ObjectMeta]) -> list[str]:
    names = []
    for parent in objects_to_describe(settings):
        meta = metas.get(parent)
        for relationship in settings.child_relationships.get(parent, ()):
            child = meta.child_relationship(relationship) if meta else None
            if child is not None:
                names.append(child.child_sobject)
    return list(dict.fromkeys(names))


def trigger_stages(settings: Settings, opportunity: ObjectMeta) -> tuple[str, ...] | None:
    """Stages at or past the trigger, in picklist order (None: no trigger); for a closed
    trigger stage, that stage only. Closed Lost is kept in the query so an imported
    opportunity that is lost gets archived; it is never imported as a new task."""
    trigger = settings.opportunity_stage_trigger
    if not trigger:
        return None
    order = opportunity.picklist("StageName")
    if trigger not in order:
        raise ValueError(
            f"The stage filter names a stage this org does not have: {trigger!r}. "
            f"Stages: {', '.join(order)}."
        )
    reached = order[order.index(trigger) :]
    if trigger in opportunity.closed_stages:
        # Closed stages are outcomes, not steps: past "Closed Won" is not "Closed - Merged".
        return tuple(s for s in reached if s in (trigger, CLOSED_LOST))
    return reached


def build_streams(
    settings: Settings, metas: Mapping[str, ObjectMeta], user_id: str
) -> list[Stream]:
    """Every stream of a sync, parents before children."""
    parents: list[Stream] = []
    for sobject in objects_to_describe(settings):
        stream = _top_level_stream(settings, metas[sobject], user_id)
        if stream is not None:
            parents.append(stream)
    children: list[Stream] = []
    for parent in parents:
        meta = metas[parent.sobject]
        for relationship in settings.child_relationships.get(parent.sobject, ()):
            link = meta.child_relationship(relationship)
            if link is None or link.child_sobject not in metas:
                continue
            children.append(_child_stream(settings, parent, metas[link.child_sobject], link.field))
    # Children that are parents themselves (child Cases) first, so their own children (Tasks
    # of a child Case) find them imported.
    parent_objects = {p.sobject for p in parents}
    children.sort(key=lambda s: s.sobject not in parent_objects)
    excluded = excluded_items(settings)
    if excluded:
        return [replace(stream, excluded_ids=excluded) for stream in parents + children]
    return parents + children


def streams_fingerprint(streams: Sequence[Stream]) -> str:
    """Changes whenever what the streams select changes (settings, fields): the next sync must
    then be a full pass, since the watermarks only cover what the old queries saw."""
    text = "\n".join(f"{s.key}|{query}" for s in streams for query in s.queries())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _selected_fields(meta: ObjectMeta, extra: Sequence[str], *more: str) -> tuple[str, ...]:
    wanted = list(_BASE_FIELDS.get(meta.name, ("Id", meta.name_field)))
    wanted += [f for f in ("IsClosed",) if meta.has(f) and f not in wanted]
    wanted += list(more)
    wanted += [f for f in _SYSTEM_FIELDS if meta.has(f)]
    wanted += list(extra)
    seen: dict[str, str] = {}
    for name in wanted:
        seen.setdefault(name.lower(), name)
    return tuple(seen.values())


def extra_fields_for(settings: Settings, meta: ObjectMeta) -> tuple[str, ...]:
    """The configured extra fields that exist on the object (unknown ones are skipped)."""
    chosen = []
    for path in settings.extra_fields.get(meta.name, ()):
        resolved = meta.resolve_path(path)
        if resolved is not None:
            chosen.append(resolved)
    return tuple(dict.fromkeys(chosen))


def _top_level_where(
    settings: Settings, meta: ObjectMeta, user_id: str
) -> tuple[list[str], list[str]] | None:
    """(conditions, chunks of the specific ids); None when no specific item is of this
    object."""
    where: list[str] = []
    chunks: list[str] = []
    if meta.name == "Case":
        where.append("ParentId = null")
    if settings.only_mine and meta.has("OwnerId"):
        where.append(f"OwnerId = {soql_string(user_id)}")
    if settings.import_mode == "specific":
        prefix_ids = [
            i for i in settings.specific_ids if meta.key_prefix is None or i.startswith(meta.key_prefix)
        ]
        if not prefix_ids:
            return None
        chunks = id_conditions("Id", prefix_ids)
    if meta.name == "Opportunity":
        stages = trigger_stages(settings, meta)
        if stages is not None:
            where.append(f"StageName IN ({soql_list(stages)})")
    return where, chunks


def _top_level_stream(settings: Settings, meta: ObjectMeta, user_id: str) -> Stream | None:
    found = _top_level_where(settings, meta, user_id)
    if found is None:
        return None
    where, chunks = found
    extra = extra_fields_for(settings, meta)
    return Stream(
        key=meta.name,
        sobject=meta.name,
        kind=TOP_LEVEL_KINDS[meta.name],
        fields=_selected_fields(meta, extra),
        where=tuple(where),
        chunks=tuple(chunks),
        extra_fields=extra,
    )


def _child_stream(settings: Settings, parent: Stream, child: ObjectMeta, field: str) -> Stream:
    extra = extra_fields_for(settings, child)
    if child.name == parent.sobject:
        # A self semi-join is refused by Salesforce: select every child (of the specific
        # parents, chunk by chunk), keep those whose parent is imported.
        where = [f"{field} != null"]
        chunks = [c.replace("Id IN", f"{field} IN", 1) for c in parent.chunks]
    else:
        parent_where = [c for c in parent.where if c != "ParentId = null"]

        def semi_join(conditions: list[str]) -> str:
            inner = f" WHERE {' AND '.join(conditions)}" if conditions else ""
            return f"{field} IN (SELECT Id FROM {parent.sobject}{inner})"

        if parent.chunks:
            where, chunks = [], [semi_join([*parent_where, c]) for c in parent.chunks]
        else:
            where, chunks = [semi_join(parent_where)], []
    kind = ItemKind.CASE if child.name == "Case" else ItemKind.ACTIVITY
    return Stream(
        key=f"{child.name}@{parent.sobject}",
        sobject=child.name,
        kind=kind,
        fields=_selected_fields(child, extra, field),
        where=tuple(where),
        chunks=tuple(chunks),
        extra_fields=extra,
        parent_sobject=parent.sobject,
        parent_field=field,
    )
