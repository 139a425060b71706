"""What the Settings page offers from an object's describe: the fields that can be shown with a
task (by label, custom fields and one level of parent names included) and the child
relationships the sync can import as subtasks.

Pure functions over desktop.sync.metadata.ObjectMeta (no Qt, no I/O), so the chooser dialog
gets a ready list and the rules stay testable without a window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.sync.metadata import ObjectMeta

# Children the sync turns into subtasks (desktop/sync/pull/queries.py: activities and child Cases);
# other relationships (line items, contact roles, custom objects) are not offered.
SUBTASK_OBJECTS = ("Task", "Event", "Case")
# Field types that have no short text form worth showing next to a task.
_NOT_SHOWN_TYPES = frozenset({"id", "reference", "address", "location", "base64", "anyType"})
# The name field of parents whose name is not "Name" (one level only: no extra describe).
_PARENT_NAME_FIELDS = {
    "Case": ("CaseNumber", "Number"),
    "Contract": ("ContractNumber", "Number"),
    "Order": ("OrderNumber", "Number"),
    "WorkOrder": ("WorkOrderNumber", "Number"),
    "Solution": ("SolutionName", "Name"),
}


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a chooser: `value` is what the setting stores (an API name or path)."""

    value: str
    label: str
    detail: str  # the API name, or for a relationship the child object and its link field
    custom: bool = False


@dataclass(frozen=True, slots=True)
class ObjectChoices:
    """Everything the Settings page can offer for one imported object (Opportunity, Case)."""

    sobject: str
    fields: tuple[Choice, ...]
    subtasks: tuple[Choice, ...]

    def label_of(self, value: str) -> str:
        """The label of a stored field path or relationship (the value itself when unknown)."""
        for choice in self.fields + self.subtasks:
            if choice.value.lower() == value.lower():
                return choice.label
        return value


def _without_id_suffix(label: str) -> str:
    for suffix in (" ID", " Id"):
        if label.endswith(suffix):
            return label[: -len(suffix)]
    return label


def field_choices(meta: ObjectMeta) -> tuple[Choice, ...]:
    """The object's own fields plus its parents' name fields ("Account Name" = Account.Name),
    sorted by label."""
    found: dict[str, Choice] = {}
    for field in meta.fields:
        if field.type == "reference":
            if not field.relationship_name:
                continue
            targets = field.reference_to
            name_field, name_label = (
                _PARENT_NAME_FIELDS.get(targets[0], ("Name", "Name"))
                if len(targets) == 1 else ("Name", "Name")
            )
            path = f"{field.relationship_name}.{name_field}"
            label = f"{_without_id_suffix(field.label)} {name_label}"
            custom = field.relationship_name.endswith("__r")
            found.setdefault(path.lower(), Choice(path, label, path, custom))
        elif field.type not in _NOT_SHOWN_TYPES:
            found.setdefault(
                field.name.lower(),
                Choice(field.name, field.label, field.name, field.name.endswith("__c")),
            )
    return tuple(sorted(found.values(), key=lambda c: (c.label.casefold(), c.value)))


def subtask_choices(meta: ObjectMeta) -> tuple[Choice, ...]:
    """The child relationships whose records the sync can import as subtasks."""
    found: dict[str, Choice] = {}
    for child in meta.child_relationships:
        if child.child_sobject not in SUBTASK_OBJECTS:
            continue
        found.setdefault(child.name.lower(), Choice(
            child.name, child.name, f"{child.child_sobject} records linked by {child.field}"))
    return tuple(sorted(found.values(), key=lambda c: c.label.casefold()))


def object_choices(meta: ObjectMeta) -> ObjectChoices:
    return ObjectChoices(meta.name, field_choices(meta), subtask_choices(meta))


def summary(values: Iterable[str], choices: ObjectChoices | None, empty: str = "None") -> str:
    """A one-line plain-text summary of a choice ("Account Name, Stage, Amount")."""
    labels = [choices.label_of(v) if choices else v for v in values]
    return ", ".join(labels) if labels else empty
