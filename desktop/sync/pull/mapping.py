"""Salesforce records (query JSON) -> domain Items, with the archive rules applied.

Everything from Salesforce stays plain text: values are turned into short display strings
(dates as ISO dates, amounts with two decimals) and never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from desktop.domain.archive import (
    REASON_DELETED,
    activity_archive_reason,
    case_archive_reason,
    opportunity_archive_reason,
)
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.sync.metadata import ObjectMeta
from desktop.sync.pull.queries import CLOSED_LOST, Stream

_NO_NAME = "(no subject)"


def parse_modstamp(text: str | None) -> datetime | None:
    """Salesforce datetimes: "2026-05-20T20:49:32.000+0000" (fromisoformat reads them)."""
    return datetime.fromisoformat(text) if text else None


def _step(value: Any, name: str) -> Any:
    """value[name] for a record dict, matching the name case-insensitively as SOQL does
    ("account.name" selects the key "Name"); None when absent or not a record."""
    if not isinstance(value, dict):
        return None
    if name in value:
        return value[name]
    lowered = name.lower()
    return next((v for k, v in value.items() if k.lower() == lowered), None)


def display_text(value: Any, field_type: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field_type in ("currency", "double") and isinstance(value, int | float):
        return f"{value:,.2f}"
    if field_type == "percent" and isinstance(value, int | float):
        return f"{value:g} %"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Mapping):
        return ""
    return str(value)


class RecordMapper:
    """Turns the records of one stream into Items (hot path: ~200,000 records a first sync)."""

    def __init__(self, stream: Stream, meta: ObjectMeta, stage_trigger: str | None = None) -> None:
        self.stream = stream
        self.meta = meta
        self.stage_trigger = stage_trigger
        self._extras = [
            (tuple(path.split(".")), meta.label_for(path),
             meta.field(path).type if meta.field(path) else None)
            for path in stream.extra_fields
        ]
        self._name_field = meta.name_field
        self._parent_field = stream.parent_field

    def parent_id(self, record: Mapping[str, Any]) -> str | None:
        if self._parent_field is None:
            return ROOT_ID
        value = record.get(self._parent_field)
        return value if isinstance(value, str) and value else None

    def item(self, record: Mapping[str, Any], parent_id: str, reason: str | None = None) -> Item:
        """The Item for a record; `reason` is archive_reason(record), computed by the caller."""
        fields = []
        for steps, label, field_type in self._extras:
            value: Any = record
            for step in steps:
                value = _step(value, step)
                if value is None:
                    break
            if value is not None:
                text = value if type(value) is str else display_text(value, field_type)
                if text:
                    fields.append((label, text))
        stamp = record.get("SystemModstamp")
        return Item(
            id=record["Id"],
            kind=self.stream.kind,
            name=self._name(record),
            parent_id=parent_id,
            sobject=self.stream.sobject,
            fields=tuple(fields),
            archived=reason is not None,
            archive_reason=reason,
            owner_id=record.get("OwnerId"),
            modstamp=datetime.fromisoformat(stamp) if stamp else None,
        )

    def _name(self, record: Mapping[str, Any]) -> str:
        if self.stream.sobject == "Case":
            number = str(record.get("CaseNumber") or "").strip()
            subject = str(record.get("Subject") or "").strip()
            return f"{number} {subject}".strip() or _NO_NAME
        if self.stream.sobject == "Task":
            return str(record.get("Subject") or "").strip() or _NO_NAME
        return str(record.get(self._name_field) or "").strip() or _NO_NAME

    def archive_reason(self, record: Mapping[str, Any]) -> str | None:
        """Why the record's item is archived (the domain's rules), or None when active.

        Same dispatch as domain.archive.archive_reason, without building a RecordState for
        each of the ~200,000 records of a first sync."""
        if record.get("IsDeleted"):
            return REASON_DELETED
        kind = self.stream.kind
        if kind is ItemKind.OPPORTUNITY:
            stage = record.get("StageName")
            reason = opportunity_archive_reason(stage)
            # With a stage trigger set, reaching the trigger stage (e.g. Closed Won) is where
            # the work starts: it does not archive the item. Closed Lost still does.
            if reason is not None and self.stage_trigger and stage != CLOSED_LOST:
                return None
            return reason
        if kind is ItemKind.CASE:
            return case_archive_reason(bool(record.get("IsClosed")))
        return activity_archive_reason(bool(record.get("IsClosed")))
