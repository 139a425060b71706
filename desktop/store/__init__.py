"""Local store: sqlite3 cache of the task tree, time entries, sync bookkeeping and settings."""

from desktop.store.errors import StoreError
from desktop.store.store import Store

__all__ = ["Store", "StoreError"]
