"""What the sync needs from an object's describe, and a cache of it in the store (a day old at most).

A describe body is large (every field with every attribute); the sync keeps only field names,
labels, types and relationships, the child relationships and picklist order. The cache lives in
the store's sync_state table, so a CLI run and the app share it and a no-change sync never pays
for a describe. Missing or stale objects are fetched together in one composite request.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from desktop.salesforce.error_body import first_error
from desktop.salesforce.errors import RequestRejected
from desktop.store import Store

log = logging.getLogger(__name__)

DESCRIBE_MAX_AGE = timedelta(days=1)
_KEY_PREFIX = "describe:"


@dataclass(frozen=True)
class FieldMeta:
    name: str
    label: str
    type: str
    relationship_name: str | None = None
    reference_to: tuple[str, ...] = ()
    name_field: bool = False


@dataclass(frozen=True)
class ChildRelationshipMeta:
    name: str  # "Tasks"
    child_sobject: str  # "Task"
    field: str  # "WhatId"


@dataclass(frozen=True)
class ObjectMeta:
    """The slice of one object's describe the sync uses."""

    name: str
    fields: tuple[FieldMeta, ...]
    child_relationships: tuple[ChildRelationshipMeta, ...] = ()
    picklists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Opportunity only: the closed stages (from the OpportunityStage table)
    closed_stages: tuple[str, ...] = ()
    key_prefix: str | None = None  # "006": the first three characters of the object's Ids

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name.lower(): f for f in self.fields})
        object.__setattr__(
            self, "_by_relationship", {
                f.relationship_name.lower(): f for f in self.fields if f.relationship_name
            },
        )

    def field(self, name: str) -> FieldMeta | None:
        return self._by_name.get(name.lower())  # type: ignore[attr-defined]

    def relationship(self, name: str) -> FieldMeta | None:
        return self._by_relationship.get(name.lower())  # type: ignore[attr-defined]

    def has(self, name: str) -> bool:
        return self.field(name) is not None

    @property
    def name_field(self) -> str:
        found = next((f.name for f in self.fields if f.name_field), None)
        return found or ("Name" if self.has("Name") else "Id")

    def child_relationship(self, name: str) -> ChildRelationshipMeta | None:
        return next(
            (c for c in self.child_relationships if c.name.lower() == name.lower()), None
        )

    def picklist(self, field_name: str) -> tuple[str, ...]:
        return self.picklists.get(field_name.lower(), ())

    def resolve_path(self, path: str) -> str | None:
        """The canonical spelling of a field path ("account.name" -> "Account.Name"), or None
        when the first step is unknown. Fields behind a relationship are not described here;
        they are kept as written."""
        head, _, rest = path.partition(".")
        if not rest:
            found = self.field(head)
            return found.name if found else None
        relationship = self.relationship(head)
        if relationship is None or relationship.relationship_name is None:
            return None
        return f"{relationship.relationship_name}.{rest}"

    def label_for(self, path: str) -> str:
        """A short label for a field path: "Stage" for StageName, "Account" for Account.Name."""
        head, _, rest = path.partition(".")
        if not rest:
            found = self.field(head)
            return found.label if found else head
        relationship = self.relationship(head)
        base = relationship.label if relationship else head
        for suffix in (" ID", " Id"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
        return base if rest.lower() == "name" else f"{base} {rest.replace('.', ' ')}"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "fields": [
                [f.name, f.label, f.type, f.relationship_name, list(f.reference_to), f.name_field]
                for f in self.fields
            ],
            "children": [[c.name, c.child_sobject, c.field] for c in self.child_relationships],
            "picklists": {k: list(v) for k, v in self.picklists.items()},
            "closed_stages": list(self.closed_stages),
            "key_prefix": self.key_prefix,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ObjectMeta:
        return cls(
            name=data["name"],
            fields=tuple(
                FieldMeta(name, label, type_, rel, tuple(refs), bool(is_name))
                for name, label, type_, rel, refs, is_name in data["fields"]
            ),
            child_relationships=tuple(
                ChildRelationshipMeta(*child) for child in data.get("children", ())
            ),
            picklists={k: tuple(v) for k, v in data.get("picklists", {}).items()},
            closed_stages=tuple(data.get("closed_stages", ())),
            key_prefix=data.get("key_prefix"),
        )


def meta_from_describe(body: Mapping[str, Any]) -> ObjectMeta:
    """Reduce a describe body (GET sobjects/X/describe) to an ObjectMeta."""
    fields = []
    picklists: dict[str, tuple[str, ...]] = {}
    for raw in body.get("fields", ()):
        fields.append(
            FieldMeta(
                name=str(raw["name"]),
                label=str(raw.get("label") or raw["name"]),
                type=str(raw.get("type") or "string"),
                relationship_name=raw.get("relationshipName"),
                reference_to=tuple(raw.get("referenceTo") or ()),
                name_field=bool(raw.get("nameField")),
            )
        )
        if raw.get("type") == "picklist" and raw.get("picklistValues"):
            picklists[str(raw["name"]).lower()] = tuple(
                str(entry["value"]) for entry in raw["picklistValues"] if entry.get("active", True)
            )
    children = tuple(
        ChildRelationshipMeta(str(c["relationshipName"]), str(c["childSObject"]), str(c["field"]))
        for c in body.get("childRelationships", ())
        if c.get("relationshipName")
    )
    return ObjectMeta(
        str(body["name"]), tuple(fields), children, picklists, key_prefix=body.get("keyPrefix")
    )


STAGES_QUERY = "SELECT ApiName, IsClosed FROM OpportunityStage WHERE IsActive = true"


class CompositeClient(Protocol):
    def composite(self, subrequests: Sequence[Mapping[str, Any]]) -> list[tuple[int, Any]]: ...

    def data_path(self, resource: str) -> str: ...

    def query_subrequest(self, reference_id: str, soql: str) -> dict: ...


class MetadataCache:
    """Describes by object name, from the store when fresh, else fetched in one composite."""

    def __init__(self, store: Store, max_age: timedelta = DESCRIBE_MAX_AGE) -> None:
        self._store = store
        self._max_age = max_age

    def cached(self, sobject: str, now: datetime) -> ObjectMeta | None:
        text = self._store.sync_state.get_value(_KEY_PREFIX + sobject)
        if not text:
            return None
        try:
            data = json.loads(text)
            fetched = datetime.fromisoformat(data["fetched_at"])
            if now - fetched > self._max_age or fetched > now + timedelta(minutes=5):
                return None
            return ObjectMeta.from_json(data["meta"])
        except (ValueError, KeyError, TypeError):
            log.warning("cached describe of %s is unreadable; fetching it again", sobject)
            return None

    def all_cached(self, sobjects: Iterable[str], now: datetime) -> dict[str, ObjectMeta] | None:
        """Metadata of every named object when the store has all of them fresh, else None
        (then `get` needs a client: a sign-in and one API call)."""
        found, missing = self._split(sobjects, now)
        return None if missing else found

    def get(
        self, client: CompositeClient, sobjects: Iterable[str], now: datetime
    ) -> dict[str, ObjectMeta]:
        """Metadata of every named object; the stale or missing ones cost one API call."""
        found, missing = self._split(sobjects, now)
        for start in range(0, len(missing), 24):
            batch = missing[start : start + 24]
            requests = [
                {"method": "GET", "url": client.data_path(f"sobjects/{name}/describe"),
                 "referenceId": f"describe{index}"}
                for index, name in enumerate(batch)
            ]
            # The stage table rides along in the same call (the stage filter needs it).
            if "Opportunity" in batch:
                requests.append(client.query_subrequest("stages", STAGES_QUERY))
            answers = client.composite(requests)
            for name, (status, body) in zip(batch, answers, strict=False):
                _check(status, body, f"cannot describe {name}")
                meta = meta_from_describe(body)
                if name == "Opportunity":
                    status, stages = answers[-1]
                    _check(status, stages, "cannot read the opportunity stages")
                    closed = tuple(r["ApiName"] for r in stages["records"] if r.get("IsClosed"))
                    meta = replace(meta, closed_stages=closed)
                found[name] = meta
                self._save(name, meta, now)
        return found

    def _split(self, sobjects: Iterable[str], now: datetime) -> tuple[dict[str, ObjectMeta], list[str]]:
        """(the fresh cached describes by name, the names missing or stale), each name once."""
        found: dict[str, ObjectMeta] = {}
        missing: list[str] = []
        for name in dict.fromkeys(sobjects):
            meta = self.cached(name, now)
            if meta is None:
                missing.append(name)
            else:
                found[name] = meta
        return found, missing

    def forget(self, sobjects: Iterable[str]) -> None:
        """Drop the cached describes of these objects (e.g. on "Re-enable")."""
        with self._store.transaction():
            for name in sobjects:
                self._store.sync_state.set_value(_KEY_PREFIX + name, None)

    def _save(self, sobject: str, meta: ObjectMeta, now: datetime) -> None:
        text = json.dumps({"fetched_at": now.isoformat(), "meta": meta.to_json()})
        self._store.sync_state.set_value(_KEY_PREFIX + sobject, text)


def _check(status: int, body: Any, what: str) -> None:
    if status != 200 or not isinstance(body, dict):
        code, message = first_error(body)
        raise RequestRejected(status, code, message or what)
