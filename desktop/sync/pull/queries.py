"""The SOQL of a sync, built from the Settings and the objects' describes.

A sync reads "streams", each with its own SystemModstamp watermark:
- top-level items: Opportunities, and Cases without a parent Case, with the user's filters
  (only mine -> OwnerId; specific items -> Id IN; stage trigger -> StageName IN);
- subtasks through the configured child relationships (Opportunity.Tasks, Case.Tasks,
  Case.Cases, or any other from describe). A child of another object is selected with a
  semi-join on its parent's filters; a child of the same object (child Cases) cannot be
  (Salesforce refuses self semi-joins) and is selected by `ParentId != null`. Either way
  the sync keeps a child only when its parent is imported (no orphans).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop.domain.items import ItemKind
from desktop.domain.settings import Settings
from desktop.sync.metadata import ObjectMeta

LOOKBACK = timedelta(minutes=10)
ID_CHUNK = 300  # ids per "IN (...)": keeps each query URL well below Salesforce's limits
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
    extra_fields: tuple[str, ...] = ()  # shown with the task, in order
    parent_sobject: str | None = None  # None: a top-level task under the root project
    parent_field: str | None = None  # "WhatId", "ParentId"

    @property
    def is_child(self) -> bool:
        return self.parent_sobject is not None

    def soql(self, since: datetime | None = None, extra: Sequence[str] = ()) -> str:
        """The query; `since` adds the modstamp window (minus the lookback)."""
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
        """Queries for the existing children of newly imported parents, in chunks."""
        assert self.parent_field is not None
        return [
            self.soql(extra=[f"{self.parent_field} IN ({soql_list(chunk)})"])
            for chunk in chunked(parent_ids, ID_CHUNK)
        ]


def soql_datetime(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def soql_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def soql_list(values: Iterable[str]) -> str:
    return ", ".join(soql_string(v) for v in values)


def chunked(values: Sequence[str], size: int) -> list[Sequence[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


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
    return parents + children


def streams_fingerprint(streams: Sequence[Stream]) -> str:
    """Changes whenever what the streams select changes (settings, fields): the next sync must
    then be a full pass, since the watermarks only cover what the old queries saw."""
    text = "\n".join(f"{s.key}|{s.soql()}" for s in streams)
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


def _top_level_where(settings: Settings, meta: ObjectMeta, user_id: str) -> list[str] | None:
    where: list[str] = []
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
        where.append(f"Id IN ({soql_list(prefix_ids)})")
    if meta.name == "Opportunity":
        stages = trigger_stages(settings, meta)
        if stages is not None:
            where.append(f"StageName IN ({soql_list(stages)})")
    return where


def _top_level_stream(settings: Settings, meta: ObjectMeta, user_id: str) -> Stream | None:
    where = _top_level_where(settings, meta, user_id)
    if where is None:
        return None
    extra = extra_fields_for(settings, meta)
    return Stream(
        key=meta.name,
        sobject=meta.name,
        kind=TOP_LEVEL_KINDS[meta.name],
        fields=_selected_fields(meta, extra),
        where=tuple(where),
        extra_fields=extra,
    )


def _child_stream(settings: Settings, parent: Stream, child: ObjectMeta, field: str) -> Stream:
    extra = extra_fields_for(settings, child)
    if child.name == parent.sobject:
        # A self semi-join is refused by Salesforce: select every child, keep those whose
        # parent is imported.
        where = [f"{field} != null"]
        specific = [c for c in parent.where if c.startswith("Id IN")]
        where += [c.replace("Id IN", f"{field} IN", 1) for c in specific]
    else:
        parent_where = [c for c in parent.where if c != "ParentId = null"]
        inner = f" WHERE {' AND '.join(parent_where)}" if parent_where else ""
        where = [f"{field} IN (SELECT Id FROM {parent.sobject}{inner})"]
    kind = ItemKind.CASE if child.name == "Case" else ItemKind.ACTIVITY
    return Stream(
        key=f"{child.name}@{parent.sobject}",
        sobject=child.name,
        kind=kind,
        fields=_selected_fields(child, extra, field),
        where=tuple(where),
        extra_fields=extra,
        parent_sobject=parent.sobject,
        parent_field=field,
    )
