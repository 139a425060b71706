"""Items of the task tree: the root project, Opportunities, Cases and their activities."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

ROOT_ID = "salesforce"
ROOT_NAME = "Salesforce"
# How many recently used tasks the search ranks first (the picker, `stint start TEXT`).
RECENT_TASKS = 10


class ItemKind(StrEnum):
    PROJECT = "project"
    OPPORTUNITY = "opportunity"
    CASE = "case"
    ACTIVITY = "activity"


@dataclass(frozen=True, slots=True)
class Item:
    """One node of the task tree, as imported from Salesforce (read-only here).

    `fields` are the (label, text) pairs shown with the task, in display order.
    """

    id: str
    kind: ItemKind
    name: str
    parent_id: str | None
    sobject: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    archived: bool = False
    archive_reason: str | None = None
    owner_id: str | None = None
    modstamp: datetime | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("an item needs an id")
        if self.parent_id is None and self.id != ROOT_ID:
            raise ValueError(f"item {self.id} has no parent; only the root may have none")
        if self.modstamp is not None and self.modstamp.utcoffset() is None:
            raise ValueError("modstamp must be timezone-aware (UTC)")

    @property
    def is_root(self) -> bool:
        return self.id == ROOT_ID

    def field(self, label: str) -> str | None:
        """The text of the field with this label, or None when the item has no such field."""
        for field_label, text in self.fields:
            if field_label == label:
                return text
        return None

    def fields_text(self, limit: int = 3) -> str:
        """"Acme Corp · Prospecting · 00001234": the first key field values, for a second line."""
        return " · ".join(text for _label, text in self.fields[:limit] if text)

    def archive(self, reason: str) -> Item:
        return replace(self, archived=True, archive_reason=reason)

    def restore(self) -> Item:
        return replace(self, archived=False, archive_reason=None)


def root_item() -> Item:
    """The "Salesforce" project every imported item hangs under."""
    return Item(id=ROOT_ID, kind=ItemKind.PROJECT, name=ROOT_NAME, parent_id=None)
