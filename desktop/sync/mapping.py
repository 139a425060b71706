"""Salesforce records (query JSON) -> domain Items, with the archive rules applied.

Everything from Salesforce stays plain text: values are turned into short display strings
(dates as ISO dates, amounts with two decimals) and never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from desktop.domain.archive import (
    REASON_CLOSED,
    RecordState,
    apply_archive_reason,
    archive_reason,
)
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.sync.metadata import ObjectMeta
from desktop.sync.queries import CLOSED_LOST, Stream

_NO_NAME = "(no subject)"


def parse_modstamp(text: str | None) -> datetime | None:
    """Salesforce datetimes: "2026-05-20T20:49:32.000+0000"."""
    if not text:
        return None
    if text.endswith("+0000"):
        text = text[:-5] + "+00:00"
    return datetime.fromisoformat(text)


def field_value(record: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path ("Account.Name"); None when any step is null."""
    value: Any = record
    for step in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(step)
        if value is None:
            return None
    return value


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
    """Turns the records of one stream into Items."""

    def __init__(self, stream: Stream, meta: ObjectMeta, stage_trigger: str | None = None) -> None:
        self.stream = stream
        self.meta = meta
        self.stage_trigger = stage_trigger
        self._labels = [(path, meta.label_for(path)) for path in stream.extra_fields]
        self._types = {
            path: (meta.field(path).type if meta.field(path) else None)
            for path in stream.extra_fields
        }
        self._name_field = meta.name_field

    def parent_id(self, record: Mapping[str, Any]) -> str | None:
        if self.stream.parent_field is None:
            return ROOT_ID
        value = record.get(self.stream.parent_field)
        return value if isinstance(value, str) and value else None

    def item(self, record: Mapping[str, Any], parent_id: str) -> Item:
        sobject = self.stream.sobject
        fields = []
        for path, label in self._labels:
            text = display_text(field_value(record, path), self._types[path])
            if text:
                fields.append((label, text))
        item = Item(
            id=str(record["Id"]),
            kind=self.stream.kind,
            name=self._name(record),
            parent_id=parent_id,
            sobject=sobject,
            fields=tuple(fields),
            owner_id=record.get("OwnerId"),
            modstamp=parse_modstamp(record.get("SystemModstamp")),
        )
        return apply_archive_reason(item, self._archive_reason(record))

    def _name(self, record: Mapping[str, Any]) -> str:
        if self.stream.sobject == "Case":
            number = str(record.get("CaseNumber") or "").strip()
            subject = str(record.get("Subject") or "").strip()
            return f"{number} {subject}".strip() or _NO_NAME
        if self.stream.sobject == "Task":
            return str(record.get("Subject") or "").strip() or _NO_NAME
        return str(record.get(self._name_field) or "").strip() or _NO_NAME

    def _archive_reason(self, record: Mapping[str, Any]) -> str | None:
        kind = self.stream.kind
        stage = record.get("StageName") if kind is ItemKind.OPPORTUNITY else None
        reason = archive_reason(
            RecordState(
                kind=kind,
                is_deleted=bool(record.get("IsDeleted")),
                is_closed=bool(record.get("IsClosed")),
                stage_name=stage,
            )
        )
        # With a stage trigger set, reaching the trigger stage (e.g. Closed Won) is where the
        # work starts: it does not archive the item. Closed Lost still does.
        if (
            reason == REASON_CLOSED
            and kind is ItemKind.OPPORTUNITY
            and self.stage_trigger
            and stage != CLOSED_LOST
        ):
            return None
        return reason
