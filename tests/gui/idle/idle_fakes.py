"""A desktop to drive in idle tests: an idle counter on the test's FakeClock, and the
session events a desktop sends (lock, sleep), as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.platform.clock import FakeClock


class FakeIdleSource:
    """Idle seconds = monotonic time since the last `touch()` (like X11's counter)."""

    name = "fake idle source"

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.last_input = clock.monotonic()
        self.queries = 0
        self.closed = False

    def touch(self) -> None:
        self.last_input = self.clock.monotonic()

    def query(self, reply) -> None:
        self.queries += 1
        reply(self.clock.monotonic() - self.last_input)

    def close(self) -> None:
        self.closed = True


class FakeSessionEvents(QObject):
    sleep_changed = Signal(bool)
    lock_changed = Signal(bool)

    def is_locked(self) -> bool:
        return False
