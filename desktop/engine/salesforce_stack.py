"""Loading the Salesforce client and the sync code on first use, one thread at a time.

The app loads them lazily (not at start: issue 12's memory), so the first users may be two
threads at once: the scheduler's first sync and a Settings job (describe, custom objects).
CPython 3.11 can then fail an import with KeyError('simple_salesforce') inside importlib,
when one thread imports a package while another imports its submodule (seen in an e2e run).
Every lazy entry point calls load_salesforce_stack() first: the first caller imports it all
while the others wait, after that it is a flag check.
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_loaded = False


def load_salesforce_stack() -> None:
    """Import simple-salesforce and every module of Stint that uses it (idempotent)."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        import desktop.engine.connection  # noqa: F401 - the client, the sign-ins
        import desktop.sync.pull.run  # noqa: F401
        import desktop.sync.push.pusher  # noqa: F401
        import desktop.sync.push.time_entry_objects  # noqa: F401

        _loaded = True
