"""The task catalog built by a child process (`stint _catalog-build`) and read back: the same
catalog as one built in the app, only the catalog's own classes unpickled, and the app
building it itself when the child cannot."""

from __future__ import annotations

import gc
import logging
import pickle
import sys
import weakref
from datetime import UTC
from pathlib import Path

import pytest

from desktop.domain import search as search_module
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.platform.paths import ProfilePaths
from desktop.services import catalog_process
from desktop.services.catalog_process import (
    CatalogBuildStopped,
    CatalogUnpickler,
    ChildCatalogBuilder,
)
from desktop.services.task_catalog import TaskCatalog
from desktop.store import Store

HOSTILE_NAME = "Robert'); DROP TABLE items;-- \u202e <b>Acme</b> \U0001f600"


def _items() -> list[Item]:
    return [
        Item("006B", ItemKind.OPPORTUNITY, "beta deal", ROOT_ID, "Opportunity",
             (("Account", "Acme"), ("Stage", "Prospecting"))),
        Item("006A", ItemKind.OPPORTUNITY, HOSTILE_NAME, ROOT_ID, "Opportunity"),
        Item("00T1", ItemKind.ACTIVITY, "Call back", "006B", "Task"),
        Item("006C", ItemKind.OPPORTUNITY, "Closed deal", ROOT_ID, "Opportunity",
             archived=True, archive_reason="closed"),
        Item("00T3", ItemKind.ACTIVITY, "Follow up", "006C", "Task"),
    ]


@pytest.fixture
def profile(tmp_path):
    paths = ProfilePaths.resolve(tmp_path / "profile").create_dirs()
    with Store.open(paths.db_path, display_tz=UTC) as store:
        store.items.upsert_many(_items())
    return paths


@pytest.fixture
def store(profile):
    with Store.open(profile.db_path, display_tz=UTC) as opened:
        yield opened


def _found(catalog: TaskCatalog, text: str) -> list[str]:
    return [item.id for item in catalog.index.search(text)]


def test_a_child_builds_the_catalog_the_app_would(profile, store, caplog, monkeypatch):
    builds = _recorded_builds(monkeypatch)
    builder = ChildCatalogBuilder(profile)
    built_here = TaskCatalog.load(store)

    with caplog.at_level(logging.WARNING):
        tree_only = builder.load_tree(store)
        assert tree_only.index is None
        catalog = builder.with_index(tree_only)

    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]  # no fallback
    assert [build.process.returncode for build in builds] == [0]
    assert catalog.tree is tree_only.tree  # the index was built over the tree sent first
    assert catalog.index is not None and catalog.index._table is catalog.tree.table
    assert list(catalog.tree.table.items(range(len(catalog.tree)))) == list(
        built_here.tree.table.items(range(len(built_here.tree))))
    assert catalog.layout.item_positions() == built_here.layout.item_positions()
    for text in ("acme", "call back", "drop table", "\u202e", "closed", ""):
        assert _found(catalog, text) == _found(built_here, text)
    assert catalog.tree.get("006A").name == HOSTILE_NAME


def test_a_catalog_read_from_a_child_is_freed_as_soon_as_it_is_dropped(profile, store):
    """Nothing of the read (the unpickler's memo of every object it made, the watchdog) keeps a
    catalog alive once the app drops it: in a reference cycle it stayed until Python's cycle
    collector ran, which an idle app may not do for hours (the previous catalog of 200,000
    items held ~17 MB after every sync that changed items)."""
    builder = ChildCatalogBuilder(profile)
    gc.collect()
    gc.disable()
    try:
        catalog = builder.with_index(builder.load_tree(store))
        tree, index = weakref.ref(catalog.tree), weakref.ref(catalog.index)
        del catalog
        assert tree() is None and index() is None
    finally:
        gc.enable()


def test_a_newer_load_ends_the_child_of_the_one_it_replaces(profile, store, monkeypatch):
    builds = _recorded_builds(monkeypatch)
    builder = ChildCatalogBuilder(profile)
    first = builder.load_tree(store)  # its index is never asked for

    second = builder.load_tree(store)

    assert builds[0].process.returncode is not None
    assert builder.with_index(second).index is not None
    assert builder.with_index(first).index is not None  # not its child's: built here


def test_stop_ends_a_build_under_way(profile, store, monkeypatch):
    builds = _recorded_builds(monkeypatch)
    builder = ChildCatalogBuilder(profile)
    catalog = builder.load_tree(store)

    builder.stop()

    assert builds[0].process.returncode is not None
    builder.stop()  # nothing under way: nothing to do
    with pytest.raises(CatalogBuildStopped):  # the app is quitting: nothing built here
        builder.with_index(catalog)
    with pytest.raises(CatalogBuildStopped):
        builder.load_tree(store)


def test_stop_ends_a_child_the_worker_is_still_waiting_for(profile, store, monkeypatch):
    """The app quits while a worker waits for the tree: the child goes at once, and the
    worker gets CatalogBuildStopped rather than building the catalog itself."""
    import threading
    import time

    monkeypatch.setattr(catalog_process, "child_command",
                        lambda word, paths: [sys.executable, "-c", "import signal; signal.pause()"])
    builds = _recorded_builds(monkeypatch)
    started = threading.Event()
    record = ChildCatalogBuilder._start
    monkeypatch.setattr(ChildCatalogBuilder, "_start",
                        lambda self: (record(self), started.set())[0])
    builder = ChildCatalogBuilder(profile)
    outcome: list[BaseException | TaskCatalog] = []

    def load() -> None:
        try:
            outcome.append(builder.load_tree(store))
        except BaseException as exc:  # noqa: BLE001 - what the worker would get
            outcome.append(exc)

    worker = threading.Thread(target=load)
    worker.start()
    assert started.wait(10)
    began = time.monotonic()
    builder.stop()
    worker.join(10)

    assert not worker.is_alive() and time.monotonic() - began < 5
    assert isinstance(outcome[0], CatalogBuildStopped)
    assert builds[0].process.returncode is not None


@pytest.mark.parametrize("child_says", [
    "import sys; sys.stderr.write('the store is locked'); sys.exit(1)",
    "import pickle, sys; sys.stdout.buffer.write(pickle.dumps(42))",
    "import pickle, sys, os; sys.stdout.buffer.write(pickle.dumps(os.getcwd))",
    "import sys; sys.stdout.buffer.write(b'not a pickle')",
], ids=["fails", "sends something else", "names another callable", "sends garbage"])
def test_the_app_builds_the_catalog_itself_when_the_child_fails(
    profile, store, monkeypatch, caplog, child_says
):
    monkeypatch.setattr(catalog_process, "child_command",
                        lambda word, paths: [sys.executable, "-c", child_says])
    builder = ChildCatalogBuilder(profile)

    with caplog.at_level(logging.WARNING):
        catalog = builder.with_index(builder.load_tree(store))

    assert _found(catalog, "call back") == ["00T1"]
    assert "could not be built in a child process" in caplog.text
    if "locked" in child_says:
        assert "the store is locked" in caplog.text  # what it said is in the log


def test_a_child_that_cannot_be_started_leaves_the_build_to_the_app(profile, store,
                                                                     monkeypatch):
    monkeypatch.setattr(catalog_process, "child_command",
                        lambda word, paths: [str(profile.root / "no-such-program")])
    catalog = ChildCatalogBuilder(profile).load_tree(store)
    assert len(catalog.tree) == len(_items()) + 1  # and the root


def test_only_the_catalogs_classes_are_unpickled():
    import io
    import os

    with pytest.raises(pickle.UnpicklingError, match="os.system|posix.system"):
        CatalogUnpickler(io.BytesIO(pickle.dumps(os.system))).load()
    from desktop.domain.csv_export import safe_cell  # Stint's, but no part of a catalog

    with pytest.raises(pickle.UnpicklingError, match="not part of a task catalog"):
        CatalogUnpickler(io.BytesIO(pickle.dumps(safe_cell))).load()


def test_the_child_sends_no_remembered_items(store):
    catalog = TaskCatalog.load(store)
    table = catalog.tree.table
    table.item(table.position("006B"))  # remembered for the next ask

    copy = pickle.loads(pickle.dumps(table))

    assert copy._built == {} and copy._found == {}
    assert copy.item(copy.position("006B")) == table.item(table.position("006B"))


def _recorded_builds(monkeypatch) -> list:
    builds: list = []
    start = ChildCatalogBuilder._start

    def recording(self):  # type: ignore[no-untyped-def]
        build = start(self)
        builds.append(build)
        return build

    monkeypatch.setattr(ChildCatalogBuilder, "_start", recording)
    return builds


def test_a_child_running_other_code_leaves_the_build_to_the_app(profile, store, monkeypatch,
                                                                 caplog):
    """Stint updated under a running app (a package upgrade): its children run the new code,
    whose objects the app's classes could misread. The app builds the catalog itself."""
    builds = _recorded_builds(monkeypatch)
    monkeypatch.setattr(catalog_process, "code_stamp", lambda: "0.0.9|the code the app runs")
    builder = ChildCatalogBuilder(profile)

    with caplog.at_level(logging.WARNING):
        catalog = builder.with_index(builder.load_tree(store))

    assert "Stint was updated since it started" in caplog.text
    assert builds[0].process.returncode is not None  # the child is gone
    assert _found(catalog, "call back") == ["00T1"]


def test_the_code_stamp_changes_with_a_module_file(tmp_path, monkeypatch):
    from desktop.services.catalog_process import code_stamp

    before = code_stamp()
    copy = tmp_path / "search.py"
    copy.write_text(Path(search_module.__file__).read_text() + "\n# changed\n")
    monkeypatch.setattr(search_module, "__file__", str(copy))
    code_stamp.cache_clear()
    try:
        assert code_stamp() != before
    finally:
        code_stamp.cache_clear()


def test_a_child_that_never_answers_is_ended_and_the_app_builds_the_catalog(
    profile, store, monkeypatch, caplog
):
    monkeypatch.setattr(catalog_process, "child_command",
                        lambda word, paths: [sys.executable, "-c", "import signal; signal.pause()"])
    monkeypatch.setattr(catalog_process, "BUILD_TIMEOUT_SECONDS", 0.5)
    builds = _recorded_builds(monkeypatch)
    builder = ChildCatalogBuilder(profile)

    with caplog.at_level(logging.WARNING):
        catalog = builder.with_index(builder.load_tree(store))

    assert "it was still at work after 0.5 s" in caplog.text
    assert builds[0].process.returncode is not None
    assert _found(catalog, "call back") == ["00T1"]
