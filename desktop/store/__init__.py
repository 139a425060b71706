"""Local store: sqlite3 cache of the task tree, time entries, sync bookkeeping and settings.

    store = Store.open(paths.db_path)          # creates/migrates; one file, WAL, foreign keys
    store.items.upsert_many(items)             # -> {id: Change} for the sync log
    tree = store.items.tree()                  # TaskTree with archived items (entries need paths)
    entry = store.entries.start_timer(item_id, now)   # stops the running one, same transaction
    store.entries.stop_timer(now); store.entries.between(day_start, day_end)
    with store.transaction():                  # several repository writes committed together
        ...

Repositories: items, entries, sync_state, sync_log, settings (see their modules). Every
datetime in and out is timezone-aware UTC; the file keeps ISO-8601 UTC text with milliseconds.
Thread model: share one Store; each thread gets its own connection; writers are serialised
(desktop/store/database.py).
"""

from desktop.store.errors import StoreError
from desktop.store.store import Store

__all__ = ["Store", "StoreError"]
