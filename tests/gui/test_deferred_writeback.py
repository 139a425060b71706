"""The app's write-back wiring before the WriteBackService exists (it comes with the engine)."""

from PySide6.QtCore import QObject, Signal

from desktop.ui.deferred_writeback import DeferredWriteBack


class FakeTimer(QObject):
    timer_stopped = Signal(object)


class FakeEntries(QObject):
    entries_edited = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


class RecordingWriteBack(QObject):
    entries_pushed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def watch_timer(self, timer: FakeTimer) -> None:
        timer.timer_stopped.connect(lambda _entry: self.calls.append("stopped"))

    def watch_entries(self, entries: FakeEntries) -> None:
        entries.entries_edited.connect(lambda removed: self.calls.append(f"edited {removed}"))

    def request_push(self) -> None:
        self.calls.append("push")

    def request_push_after_delete(self) -> None:
        self.calls.append("push after delete")


def test_nothing_asked_before_means_nothing_passed_on(qtbot):
    timer, writeback = FakeTimer(), RecordingWriteBack()
    wiring = DeferredWriteBack(timer)
    timer.timer_stopped.emit(None)  # a timer that held no time: nothing to push
    wiring.hand_over(writeback)
    assert writeback.calls == [] and wiring.writeback is writeback


def test_a_stop_before_the_service_exists_is_pushed_once_it_does(qtbot):
    timer, writeback = FakeTimer(), RecordingWriteBack()
    wiring = DeferredWriteBack(timer)
    timer.timer_stopped.emit(object())
    timer.timer_stopped.emit(object())
    wiring.hand_over(writeback)
    assert writeback.calls == ["push"]
    timer.timer_stopped.emit(object())  # from now on the service watches the timer itself
    assert writeback.calls == ["push", "stopped"]


def test_timesheet_edits_and_deletes_before_and_after_the_hand_over(qtbot):
    timer, entries, writeback = FakeTimer(), FakeEntries(), RecordingWriteBack()
    wiring = DeferredWriteBack(timer)
    wiring.watch_entries(entries)
    entries.entries_edited.emit(False)
    entries.entries_edited.emit(True)
    wiring.hand_over(writeback)
    assert writeback.calls == ["push after delete"]
    entries.entries_edited.emit(False)
    writeback.entries_pushed.emit(None)
    assert writeback.calls == ["push after delete", "edited False"]
    assert entries.refreshed == 1
    later = FakeEntries()
    wiring.watch_entries(later)  # a timesheet built after the hand-over is wired at once
    later.entries_edited.emit(True)
    assert writeback.calls[-1] == "edited True"
