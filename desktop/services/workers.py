"""Run a function on a worker thread and get its result back on the GUI thread.

    run_in_background(load_tree, on_done=self._tree_loaded, on_error=self._load_failed)

The callbacks run on the thread of `owner` (the GUI thread for services), through a queued
signal, so they may touch widgets and models. A result whose owner has been destroyed
meanwhile is dropped: there is no one left to give it to.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the owner's thread; the worker emits, the owner's thread receives, in the
    relay's own slots: PySide 6.8+ can crash when a signal emitted on another thread reaches a
    plain Python function (a "homeless" slot; PYSIDE-3124), so no closure is connected."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, owner: QObject, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None) -> None:
        super().__init__()
        self._owner = owner
        self._on_done = on_done
        self._on_error = on_error
        self.succeeded.connect(self._deliver)
        self.failed.connect(self._report)

    @Slot(object)
    def _deliver(self, result: object) -> None:
        if self._finish():
            self._on_done(result)

    @Slot(object)
    def _report(self, error: object) -> None:
        if self._finish() and self._on_error is not None:
            self._on_error(error)  # type: ignore[arg-type]

    def _finish(self) -> bool:
        """Done: forget this relay; whether its owner is still there to be told."""
        _pending.discard(self)
        self.deleteLater()
        owner, self._owner = self._owner, None
        return owner is not None and shiboken6.isValid(owner)


class _Job(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay, name: str) -> None:
        super().__init__()
        self._function = function
        self._relay = relay
        self._name = name
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._function()
        except BaseException as exc:  # reported to the owner; never lost in the pool
            log_failure(self._name, exc)
            self._emit(self._relay.failed, exc)
        else:
            self._emit(self._relay.succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the relay was deleted with its owner (app shutting down)
            log.debug("background job finished after its owner was destroyed")


# Problems Stint explains to the user in plain words (a wrong password, the network down,
# a full disk...) and cancellations, by module and class name: an exception of one of these
# classes means its module is loaded, so none is imported here (not before the first paint).
_EXPECTED = (
    ("desktop.salesforce.errors", ("ConnectionProblem", "Cancelled")),
    ("desktop.services.catalog_process", ("CatalogBuildStopped",)),
    ("desktop.engine.errors", ("EngineError",)),
    ("desktop.store.errors", ("StoreError",)),
    ("desktop.domain.entries", ("EntryError",)),
    ("desktop.domain.settings", ("SettingsError",)),
)


_STOPPED = ("Cancelled", "CatalogBuildStopped")  # asked for: no warning either


def is_expected(error: BaseException) -> bool:
    """Whether `error` is a problem the user is told about (not a bug in Stint): those
    classes, and a damaged store (the app offers to repair it)."""
    store_errors = sys.modules.get("desktop.store.errors")
    if store_errors is not None and store_errors.is_corruption(error):
        return True
    for module_name, class_names in _EXPECTED:
        module = sys.modules.get(module_name)
        if module is not None and any(
                isinstance(error, getattr(module, name)) for name in class_names):
            return True
    return False


def log_failure(name: str, error: BaseException) -> None:
    """One line for an expected problem (it is shown to the user anyway); the traceback for
    anything else, which is a bug."""
    if is_expected(error):
        level = logging.INFO if type(error).__name__ in _STOPPED else logging.WARNING
        log.log(level, "background job %s: %s: %s", name, type(error).__name__,
                getattr(error, "message", None) or error)
    else:
        log.error("background job %s failed", name, exc_info=error)


def run_in_background(
    owner: QObject,
    function: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    name: str = "",
    pool: QThreadPool | None = None,
) -> None:
    """Call `function()` on a pool thread; deliver its result to `on_done` on owner's thread.

    Nothing is delivered once `owner` has been destroyed.
    """
    # The relay has no Qt parent: deleting the owner while the job runs must not delete the
    # object the worker is about to emit from. It lives in _pending until it has delivered.
    relay = _Relay(owner, on_done, on_error)
    relay.moveToThread(owner.thread())
    _pending.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Job(function, relay, name or repr(function)))


_pending: set[_Relay] = set()
