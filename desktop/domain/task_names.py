"""Names that tell tasks apart.

A task is shown by its path below the root ("Acme - Renewal > Call back"). Salesforce names
are not unique: two opportunities may both be "Renewal 2027" (of different accounts), and one
opportunity may hold two activities both called "Follow up". Where tasks shown together would
read the same, each gets what differs between them in brackets: the account of its record,
else the first of its fields that differs, else its Salesforce Id.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.domain.items import Item, ItemKind
from desktop.domain.tree import PATH_SEPARATOR, TaskTree

ACCOUNT_FIELD = "Account"  # the label sync gives Account.Name (desktop/sync/metadata.py)


def path_label(tree: TaskTree, item_id: str) -> str | None:
    """"Acme - 500 Widgets > Call back" (the root left out), None for an unknown task."""
    path = tree.path(item_id) if item_id in tree else []
    if not path:
        return None
    names = [item.name for item in path if not item.is_root] or [path[-1].name]
    return PATH_SEPARATOR.join(names)


def account_of(tree: TaskTree, item_id: str) -> str:
    """The account named by the nearest Opportunity or Case at or above the task ("")."""
    for item in reversed(tree.path(item_id) if item_id in tree else []):
        if item.kind in (ItemKind.OPPORTUNITY, ItemKind.CASE):
            account = (item.field(ACCOUNT_FIELD) or "").strip()
            if account:
                return account
    return ""


def distinct_labels(tree: TaskTree, item_ids: Iterable[str | None]) -> dict[str, str]:
    """The path label of each known task, with a distinguishing detail where several of
    `item_ids` would otherwise read the same (case and accents aside)."""
    labels: dict[str, str] = {}
    for item_id in dict.fromkeys(item_ids):
        if item_id is not None and (label := path_label(tree, item_id)) is not None:
            labels[item_id] = label
    groups: dict[str, list[str]] = {}
    for item_id, label in labels.items():
        groups.setdefault(label.casefold(), []).append(item_id)
    for same in groups.values():
        if len(same) > 1:
            for item_id, detail in telling_apart(tree, same).items():
                labels[item_id] = f"{labels[item_id]} ({detail})"
    return labels


def telling_apart(tree: TaskTree, item_ids: list[str]) -> dict[str, str]:
    """What tells these same-named tasks apart: their accounts when those differ, else the
    first field whose values differ, else their Ids."""
    accounts = {item_id: account_of(tree, item_id) for item_id in item_ids}
    if all(accounts.values()) and len(set(accounts.values())) == len(item_ids):
        return accounts
    items: list[Item] = [tree.get(item_id) for item_id in item_ids]  # type: ignore[misc]
    labels = dict.fromkeys(label for item in items for label, _text in item.fields)
    for label in labels:
        values = [(item.field(label) or "").strip() for item in items]
        if all(values) and len(set(values)) == len(values):
            return {item.id: f"{label}: {value}" for item, value in zip(items, values, strict=True)}
    return {item_id: item_id for item_id in item_ids}
