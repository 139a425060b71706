"""`stint tasks`, `stint start` and `stint stop`."""

from __future__ import annotations

import re
from typing import Any

from desktop.commands.result import CommandResult, entry_length_text, iso, local
from desktop.commands.writeback import queue_push
from desktop.domain.archive import archive_reason_text, archived_step
from desktop.domain.items import RECENT_TASKS, Item
from desktop.domain.text import fold, printable
from desktop.domain.tree import TaskTree
from desktop.engine import Engine, EngineError
from desktop.engine.status import path_items, task_path

SEARCH_LIMIT = 20
CANDIDATES_SHOWN = 10
AMBIGUOUS_EXIT_CODE = 3
ARCHIVED_EXIT_CODE = 6  # `stint start` on an archived task without --archived
_SALESFORCE_ID = re.compile(r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$")


class AmbiguousTask(EngineError):
    """A search that matches several tasks; `.candidates` are the best ones."""

    def __init__(self, text: str, candidates: list[Item], tree: TaskTree) -> None:
        self.candidates = candidates
        self.lines = [f"  {printable(item.id)}  {printable(tree.path_text(item.id))}"
                      for item in candidates]
        super().__init__(
            f"{len(candidates)}{'+' if len(candidates) >= CANDIDATES_SHOWN else ''} tasks match "
            f"{text!r}; use more words or one of these Ids:"
        )


class ArchivedTask(EngineError):
    """`stint start` named an archived task (or only archived ones match) without --archived."""


def task_json(item: Item, tree: TaskTree) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "kind": item.kind.value,
        "sobject": item.sobject,
        "parent_id": item.parent_id,
        "path": tree.path_text(item.id),
        "archived": item.archived,
        "archive_reason": item.archive_reason,
        "fields": [{"label": label, "value": text} for label, text in item.fields],
    }


def _items(engine: Engine, include_archived: bool) -> tuple[TaskTree, list[Item]]:
    tree = engine.store.items.tree()
    items = tree.visible_items(include_archived=include_archived)
    return tree, items


def search_tasks(
    engine: Engine, text: str, include_archived: bool = False, limit: int = SEARCH_LIMIT
) -> tuple[TaskTree, list[Item]]:
    """The app's search results for `text` (store.task_search: SQL over the cache, no index
    to build for one query), and a tree of them and their ancestors for their paths."""
    recent = engine.store.entries.recent_item_ids(limit=RECENT_TASKS)
    items = engine.store.items.search(text, limit, recent, include_archived)
    return engine.store.items.with_ancestors(item.id for item in items), items


def list_tasks(
    engine: Engine, search: str | None = None, archived: bool = False, limit: int = SEARCH_LIMIT
) -> CommandResult:
    if search:
        tree, items = search_tasks(engine, search, archived, limit)
    else:
        tree, items = _items(engine, archived)
    data = [task_json(item, tree) for item in items]
    lines = []
    for item in items:
        extra = printable(", ".join(text for _, text in item.fields[:2]))
        mark = f" [archived: {item.archive_reason}]" if item.archived else ""
        lines.append(f"{printable(item.id)}  {printable(tree.path_text(item.id))}"
                     + (f"  ({extra})" if extra else "") + mark)
    if not items:
        lines.append("No task matches." if search else "No tasks yet (run `stint sync`).")
    return CommandResult(data=data, text="\n".join(lines))


def resolve_task(engine: Engine, text: str, include_archived: bool = False) -> Item:
    """The one task `text` names: an Id (archived or not), else the only (or exactly named)
    search match among the active tasks (and the archived ones with `include_archived`)."""
    wanted = text.strip()
    if not wanted:
        raise EngineError("Name the task to start: some words of its name, or its Salesforce Id.")
    if _SALESFORCE_ID.match(wanted):
        item = engine.store.items.by_id(wanted)
        if item is None and len(wanted) == 15:
            item = engine.store.items.by_short_id(wanted)
        if item is not None and not item.is_root:
            return item
    tree, matches = search_tasks(engine, wanted, include_archived, limit=CANDIDATES_SHOWN)
    if not matches:
        if not include_archived and search_tasks(engine, wanted, True, limit=1)[1]:
            raise ArchivedTask(
                f"Only archived tasks match {wanted!r}; add --archived to use one of them "
                "(see `stint tasks --archived --search`)."
            )
        raise EngineError(f"No active task matches {wanted!r} (see `stint tasks --search`).")
    if len(matches) == 1:
        return matches[0]
    key = fold(wanted)
    exact = [item for item in matches if fold(item.name) == key]
    if len(exact) == 1:
        return exact[0]
    raise AmbiguousTask(wanted, matches, tree)


def start(engine: Engine, text: str, note: str = "", archived: bool = False) -> CommandResult:
    item = resolve_task(engine, text, include_archived=archived)
    because = archived_step(path_items(engine.store, item.id))
    if because is not None and not archived:
        whose = "it is" if because.id == item.id else f"{because.name!r} above it is"
        raise ArchivedTask(
            f"{item.name!r} is archived ({whose} {archive_reason_text(because.archive_reason)}); "
            f"to track time on it anyway: stint start --archived {item.id}"
        )
    running = engine.store.entries.running()
    entry = engine.start_timer(item.id, note=note)
    path = task_path(engine.store, item.id)
    # The entry this start ended goes to Salesforce like a stopped one (in the background).
    stopped = engine.store.entries.get(running.id) if running is not None else None
    return CommandResult(
        data={"entry_id": entry.id, "item_id": item.id, "task": path, "started_at": iso(entry.start)},
        text=f"Timer started at {local(entry.start, with_date=False)} on {printable(path)}.",
        warnings=queue_push(engine, stopped),
    )


def stop(engine: Engine) -> CommandResult:
    running = engine.store.entries.running()
    stopped = engine.stop_timer()
    if running is None:
        return CommandResult(data=None, text="No timer was running.")
    if stopped is None:
        return CommandResult(data=None, text="The timer was stopped at once; nothing recorded.")
    seconds = stopped.duration(engine.clock.now()).total_seconds()
    task = task_path(engine.store, stopped.item_id) if stopped.item_id else "no task"
    return CommandResult(
        data={
            "entry_id": stopped.id,
            "item_id": stopped.item_id,
            "task": task if stopped.item_id else None,
            "started_at": iso(stopped.start),
            "ended_at": iso(stopped.end),
            "duration_seconds": int(seconds),
        },
        text=f"Timer stopped: {entry_length_text(seconds)} on {printable(task)}.",
        warnings=queue_push(engine, stopped),  # write-back goes on in the background
    )
