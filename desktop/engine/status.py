"""A snapshot of a profile's state (`stint status`, the UI's status page), JSON-ready.

Times are UTC ISO-8601 strings ("2026-11-21T07:05:09Z"); the CLI shows them in local time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.domain.items import Item, ItemKind
from desktop.domain.synclog import ObjectCounts, RunOutcome, SyncRun
from desktop.domain.tree import PATH_SEPARATOR
from desktop.engine.core import Engine
from desktop.store import Store


def task_path(store: Store, item_id: str, separator: str = PATH_SEPARATOR) -> str:
    """ "Salesforce > Acme - 500 Widgets > Call back" from a few lookups (not the whole tree,
    which takes a second to load with 100,000 items)."""
    return separator.join(item.name for item in path_items(store, item_id))


def path_items(store: Store, item_id: str) -> list[Item]:
    """The item and its parents, root first, from a few lookups."""
    items: list[Item] = []
    current = store.items.by_id(item_id)
    while current is not None and len(items) < 50:  # 50: a cycle in bad data ends here
        items.append(current)
        current = store.items.by_id(current.parent_id) if current.parent_id else None
    return list(reversed(items))


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def run_to_json(run: SyncRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "kind": run.kind,
        "outcome": run.outcome.value,
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
        "api_calls": run.api_calls,
        "error": run.error,
        "counts": {sobject: counts_to_json(c) for sobject, c in sorted(run.counts.items())},
    }


def counts_to_json(counts: ObjectCounts) -> dict[str, int]:
    """One object's counts; `archived` is the sum of closed, deleted, not_visible and excluded
    (runs from before Stint recorded why have `archived` only)."""
    return {
        "created": counts.created,
        "modified": counts.modified,
        "archived": counts.archived,
        "restored": counts.restored,
        "closed": counts.closed,
        "deleted": counts.deleted,
        "not_visible": counts.not_visible,
        "excluded": counts.excluded,
    }


def next_sync(engine: Engine, last: SyncRun | None) -> tuple[datetime | None, str | None]:
    """When the next automatic sync is due and why then (as the scheduler would plan it);
    none while synchronization is paused."""
    if engine.settings.current().sync_paused:
        return None, PAUSED_NOTE
    from desktop.sync.scheduler import plan_next

    scheduler = engine.scheduler
    if scheduler is not None:
        return scheduler.next_run_at(), scheduler.stretch_reason
    if not engine.link_info().connected:
        return None, None
    if last is None or last.finished_at is None:
        return engine.clock.now(), None
    interval = timedelta(minutes=engine.settings.current().sync_interval_minutes)
    failures = 1 if last.outcome is RunOutcome.FAILED else 0
    plan = plan_next(last, interval, engine.api_usage(), failures)
    return last.finished_at + plan.delay, plan.note


PAUSED_NOTE = "Synchronization is paused: nothing syncs by itself until it is resumed."


def build_status(engine: Engine) -> dict[str, Any]:
    store = engine.store
    now = engine.clock.now()
    last = store.sync_log.last_run()
    next_at, note = next_sync(engine, last)
    usage = engine.api_usage()
    running = store.entries.running()
    timer = None
    if running is not None:
        timer = {
            "entry_id": running.id,
            "item_id": running.item_id,
            "task": task_path(store, running.item_id) if running.item_id else None,
            "started_at": iso(running.start),
            "elapsed_seconds": int(running.duration(now).total_seconds()),
            "note": running.note,
        }
    counts = _item_counts(engine)
    return {
        "profile": str(engine.paths.root),
        "connection": engine.link_info().to_json(),
        "last_sync": run_to_json(last) if last else None,
        "next_sync_at": iso(next_at),
        "next_sync_note": note,
        "api_usage": (
            {"used": usage.used, "limit": usage.limit, "remaining": usage.remaining}
            if usage
            else None
        ),
        "timer": timer,
        "counts": counts,
        "sync_pause": engine.pause_state().to_json(),
    }


def _item_counts(engine: Engine) -> dict[str, int]:
    counts = engine.store.items.count_by_kind()

    def active(kind: ItemKind) -> int:
        return counts.get((kind.value, False), 0)

    return {
        "opportunities": active(ItemKind.OPPORTUNITY),
        "cases": active(ItemKind.CASE),
        "activities": active(ItemKind.ACTIVITY),
        "archived": sum(n for (_, archived), n in counts.items() if archived),
        "entries": engine.store.entries.count(),
    }
