"""`stint _catalog-build [--profile DIR]` (hidden from `stint --help`): the app's task catalog
built in a process of its own and sent back whole (desktop.services.catalog_process starts
it and reads it).

Building the catalog of 200,000 items makes millions of short-lived objects: in the app they
held the interpreter for seconds and left ~13 MB of freed memory it could not give back.
Here they end with the process; the app receives only the finished arrays.

What it writes on stdout (binary, nothing else goes there), one pickle after the other from
one Pickler, so the index refers to the tree's objects instead of sending them again:
    stamp            the code it runs (catalog_process.code_stamp): the app reads on only
                     if it runs the same
    (tree, layout)   the TaskTree and its TreeLayout, as soon as they are read
    index            the SearchIndex over the layout's items
A failure ends it with a message on stderr and a non-zero exit code; the app then builds the
catalog itself. It logs to the profile's log, as the app would have.
"""

from __future__ import annotations

import pickle
import sys

from desktop.platform.child_command import CATALOG_COMMAND

EXIT_FAILED = 1


def run(arguments: list[str]) -> int:
    """`stint _catalog-build [--profile DIR]`; returns the exit code."""
    from desktop.platform.logs import setup_logging
    from desktop.platform.paths import ProfilePaths
    from desktop.services.catalog_process import code_stamp
    from desktop.services.task_catalog import TaskCatalog
    from desktop.store import Store

    paths = ProfilePaths.resolve(_profile(arguments))
    setup_logging(paths.log_dir, deferred=True)  # the app's log: how long the build took
    try:
        out = sys.stdout.buffer
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dump(code_stamp())
        out.flush()
        with Store.open(paths.db_path) as store:
            catalog = TaskCatalog.load_tree(store)
        pickler.dump((catalog.tree, catalog.layout))
        out.flush()
        pickler.dump(catalog.with_index().index)
        out.flush()
    except BrokenPipeError:  # the app stopped listening (it quit, or a newer load started)
        return EXIT_FAILED
    except Exception as exc:  # the store cannot be read: the app says why when it builds it
        sys.stderr.write(f"stint {CATALOG_COMMAND}: {type(exc).__name__}: {exc}\n")
        return EXIT_FAILED
    return 0


def _profile(arguments: list[str]) -> str | None:
    if not arguments:
        return None  # STINT_HOME, else the default profile (as any command)
    if len(arguments) == 2 and arguments[0] == "--profile":
        return arguments[1]
    raise SystemExit(f"stint {CATALOG_COMMAND}: unexpected arguments {arguments!r}")
