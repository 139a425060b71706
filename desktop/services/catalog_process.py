"""The task catalog built by a child process (`stint _catalog-build`, desktop.commands.
catalog_build) and read back, for TasksService: the app then holds only the finished
catalog, not the freed memory of its build, and its interpreter stays free for the UI
meanwhile (a build of 200,000 items is seconds of Python).

The child sends the tree with its layout first and the search index after, so the tree
shows as soon as it is read, as it does when the app builds it. What is read back is
unpickled with only the catalog's own classes allowed. When the child cannot be started or
fails, the app builds the catalog itself (and the log says why).

Before the tree, the child sends the stamp of the code it runs (code_stamp): Stint updated
while the app runs (a package upgrade replaces the files under it) would start children with
the new classes, whose objects the app's old ones would misread; the app then builds the
catalog itself until it is restarted.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from functools import cache
from typing import IO, TYPE_CHECKING, Any

import desktop
from desktop.domain.search import SearchIndex
from desktop.domain.tree import TaskTree
from desktop.platform.child_command import CATALOG_COMMAND, child_command
from desktop.services.task_catalog import TaskCatalog, TreeLayout

if TYPE_CHECKING:
    from desktop.platform.paths import ProfilePaths
    from desktop.store.store import Store

log = logging.getLogger(__name__)

STDERR_KEPT_CHARACTERS = 2000  # of a child that failed, for the log
EXIT_SECONDS = 10.0  # for a child that has sent everything to exit (freeing what it built)
# A child still building this long after it started is stuck: ended, and the app builds the
# catalog itself (200,000 items take 6-7 s here; a slow machine might take several times that).
BUILD_TIMEOUT_SECONDS = 180.0
# What the child's pickles may name: the classes of these modules (those a catalog is made
# of, and Item's, which its table builds), and what arrays are made of.
_ARRAY_NAMES = {("array", "array"), ("array", "_array_reconstructor")}
_PICKLED_MODULES = (
    "desktop.domain.item_table", "desktop.domain.items", "desktop.domain.record",
    "desktop.domain.search", "desktop.domain.search_bitmaps", "desktop.domain.search_texts",
    "desktop.domain.search_tiers", "desktop.domain.search_words", "desktop.domain.tree",
    "desktop.services.task_catalog",
)


@cache
def code_stamp() -> str:
    """Stint's version and the size and time of the files of the modules whose classes a
    catalog is made of: equal in the app and its child while both run the same code."""
    parts = [desktop.__version__]
    for name in _PICKLED_MODULES:
        path = getattr(sys.modules.get(name), "__file__", None)
        try:
            status = os.stat(path)  # type: ignore[arg-type]
        except (OSError, TypeError):
            parts.append(f"{name}:?")
            continue
        parts.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    return "|".join(parts)


class CodeChanged(Exception):
    """The child runs other code than the app (Stint was updated since the app started)."""


class CatalogUnpickler(pickle.Unpickler):
    """Rebuilds the catalog's objects and nothing else (a pickle can name any callable)."""

    def find_class(self, module: str, name: str) -> Any:
        if module in _PICKLED_MODULES or (module, name) in _ARRAY_NAMES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not part of a task catalog: {module}.{name}")


class _ChildBuild:
    """One child's build: its process and what has been read from it."""

    def __init__(self, process: subprocess.Popen, stderr: IO[bytes]) -> None:
        self.process, self.stderr = process, stderr
        self.reader = CatalogUnpickler(process.stdout)  # type: ignore[arg-type]
        self.tree: TaskTree | None = None
        self.timed_out = False
        # (The timer's target is this object: a cycle, broken by end().)
        self._watchdog: threading.Timer | None = threading.Timer(
            BUILD_TIMEOUT_SECONDS, self._time_out)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _time_out(self) -> None:
        if self.process.poll() is None:
            self.timed_out = True
            self.process.kill()  # the reader gets the end of its output

    def end(self, finished: bool = False) -> str:
        """Collect the child, stopping it unless it has `finished` sending (then it is given
        EXIT_SECONDS to exit); returns what it said on stderr. Lets go of what it read: the
        reader's memo holds every object of the catalog, and the watchdog's target is this
        build, so a catalog would otherwise live on in a reference cycle until Python's cycle
        collector ran (an idle app can go hours without it)."""
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        self.reader = None  # type: ignore[assignment]
        self.tree = None
        if finished:
            try:
                self.process.wait(EXIT_SECONDS)
            except subprocess.TimeoutExpired:
                log.warning("the catalog process did not exit after sending; killed")
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.process.stdout.close()  # type: ignore[union-attr]
        self.stderr.seek(0)
        said = self.stderr.read()[-STDERR_KEPT_CHARACTERS:].decode("utf-8", "replace").strip()
        self.stderr.close()
        return said


class CatalogBuildStopped(Exception):
    """The app stopped the build (it is quitting): nothing to build here instead."""


class ChildCatalogBuilder:
    """TasksService's catalog builder (load_tree, with_index, stop) that has a child process
    do the work. One load at a time, as TasksService asks: a new load ends the child of one
    whose index was never asked for, and with_index reads the index of the catalog the last
    load_tree returned. stop() (the app quits) ends the child at once, also mid-read."""

    def __init__(self, paths: ProfilePaths) -> None:
        self._paths = paths
        self._lock = threading.Lock()
        self._build: _ChildBuild | None = None  # the child of the load under way
        self._stopped = False

    def load_tree(self, store: Store) -> TaskCatalog:
        self._end_build()  # a load whose index was never asked for (a newer one replaced it)
        build = None
        try:
            build = self._start()
            if build.reader.load() != code_stamp():
                raise CodeChanged("Stint was updated since it started; restart it to have "
                                  "the catalog built in a process of its own again")
            tree, layout = _checked(build.reader.load(), tuple)
            _checked(tree, TaskTree), _checked(layout, TreeLayout)
        except Exception as exc:  # cannot start it, or it failed before sending the tree
            self._failed("task tree", exc, build)
            return TaskCatalog.load_tree(store)
        build.tree = tree
        return TaskCatalog(tree, layout)

    def with_index(self, catalog: TaskCatalog) -> TaskCatalog:
        build = self._take_build()
        if build is None or build.tree is not catalog.tree:
            if build is not None:
                build.end()
            return self._built_here(catalog)
        try:
            index = _checked(build.reader.load(), SearchIndex)
        except Exception as exc:
            self._failed("search index", exc, build)
            return self._built_here(catalog)
        build.end(finished=True)
        return catalog.replaced(index=index)

    def stop(self) -> None:
        """End the child of the load under way for good (the app quits): the worker reading
        from it gets CatalogBuildStopped instead of building the catalog itself."""
        self._stopped = True
        self._end_build()

    def _start(self) -> _ChildBuild:
        if self._stopped:
            raise CatalogBuildStopped
        # read once it has ended, so it cannot fill up; closed by _ChildBuild.end
        stderr = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            process = subprocess.Popen(
                child_command(CATALOG_COMMAND, self._paths),
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr,
            )
        except OSError:
            stderr.close()
            raise
        build = _ChildBuild(process, stderr)
        with self._lock:
            self._build = build
        return build

    def _take_build(self) -> _ChildBuild | None:
        with self._lock:
            build, self._build = self._build, None
        return build

    def _end_build(self) -> None:
        build = self._take_build()
        if build is not None:
            build.end()

    def _built_here(self, catalog: TaskCatalog) -> TaskCatalog:
        if self._stopped:
            raise CatalogBuildStopped
        return catalog.with_index()

    def _failed(self, part: str, error: BaseException, build: _ChildBuild | None) -> None:
        """End the failed child (if this load still has it), or say the build was stopped."""
        if self._stopped or isinstance(error, CatalogBuildStopped):
            raise CatalogBuildStopped from error
        with self._lock:
            if build is not None and self._build is build:
                self._build = None
        said = build.end() if build is not None else ""
        if build is not None and build.timed_out:
            said = f"it was still at work after {BUILD_TIMEOUT_SECONDS:g} s{'; ' if said else ''}{said}"
        log.warning("the %s could not be built in a child process (%s: %s)%s; building it here",
                    part, type(error).__name__, error, f": {said}" if said else "")


def _checked(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise pickle.UnpicklingError(f"expected a {kind.__name__}, read a {type(value).__name__}")
    return value
