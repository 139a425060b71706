"""Run a function on a worker thread and get its result back on the GUI thread.

    run_in_background(load_tree, on_done=self._tree_loaded, on_error=self._load_failed)

The callbacks run on the thread of `owner` (the GUI thread for services), through a queued
signal, so they may touch widgets and models. A result whose owner has been destroyed
meanwhile is dropped: there is no one left to give it to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the owner's thread; the worker emits, the owner's thread receives."""

    succeeded = Signal(object)
    failed = Signal(object)


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
            log.exception("background job %s failed", self._name)
            self._emit(self._relay.failed, exc)
        else:
            self._emit(self._relay.succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the relay was deleted with its owner (app shutting down)
            log.debug("background job finished after its owner was destroyed")


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
    relay = _Relay()
    relay.moveToThread(owner.thread())
    _pending.add(relay)

    def finish() -> bool:
        _pending.discard(relay)
        relay.deleteLater()
        return shiboken6.isValid(owner)

    def deliver(result: object) -> None:
        if finish():
            on_done(result)

    def report(error: object) -> None:
        if finish() and on_error is not None:
            on_error(error)  # type: ignore[arg-type]

    relay.succeeded.connect(deliver)
    relay.failed.connect(report)
    (pool or QThreadPool.globalInstance()).start(_Job(function, relay, name or repr(function)))


_pending: set[_Relay] = set()
