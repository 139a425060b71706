"""All-or-none writes for composite requests: undo every org change made inside a block.

The contract's Org has no transaction API yet. Until it grows one (`Org.transaction()`, a
context manager that rolls back when the block raises, used here as soon as it exists), this
adapter snapshots the org's record store under the org's own lock. That is cheap because the
store replaces rows instead of mutating them (copy-on-write), so copying the tables' dicts is
enough. Record ids handed out inside a rolled-back block are not reused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def org_transaction(org: Any) -> Iterator[None]:
    native = getattr(org, "transaction", None)
    if native is not None:
        with native():
            yield
        return
    with org._lock:  # re-entrant: the org's own methods take it again inside the block
        store = org._store
        saved = {
            "_tables": {name: dict(table) for name, table in store._tables.items()},
            "_sobject_of": dict(store._sobject_of),
            "deleted_at": dict(store.deleted_at),
            "deleted_with": {key: list(value) for key, value in store.deleted_with.items()},
            "_autonumbers": dict(store._autonumbers),
        }
        hidden = set(org._hidden)
        try:
            yield
        except BaseException:
            for attribute, value in saved.items():
                setattr(store, attribute, value)
            org._hidden = hidden
            raise
