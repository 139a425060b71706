"""What nobody else catches is told in the window (issue 11 point 8): the store check after
start-up finds a damaged file (garbage written into a real SQLite file) and offers a repair
once; an uncaught full disk or read-only file is said with its fix; a bug says where the log
is, and its traceback goes to the log only."""

from __future__ import annotations

import errno
import logging
import sqlite3

import pytest

from desktop.store.errors import StoreError
from desktop.ui.banner import ErrorBanner
from desktop.ui.problem_reporter import ProblemReporter, excepthook
from tests.unit.store.test_recovery import build_store, leaf_pages, write_garbage


@pytest.fixture
def banner(qtbot):
    shown = ErrorBanner()
    qtbot.addWidget(shown)
    return shown


@pytest.fixture
def offers(monkeypatch):
    asked: list[str] = []
    answer = {"repair": True}

    def ask(detail, *, running, parent=None):
        asked.append(detail)
        return answer["repair"]

    monkeypatch.setattr("desktop.ui.store_repair.ask_to_repair", ask)
    return asked, answer


def test_the_check_finds_damage_and_offers_a_repair_once(qtbot, tmp_path, banner, offers):
    asked, answer = offers
    path = tmp_path / "stint.sqlite3"
    build_store(path)
    pages, page_size = leaf_pages(path, "time_entries")
    write_garbage(path, (pages[1] - 1) * page_size, page_size)
    reporter = ProblemReporter(banner, path, tmp_path / "logs")
    with qtbot.waitSignal(reporter.repair_chosen, timeout=20_000):
        reporter.check_store()
    assert len(asked) == 1
    answer["repair"] = False
    reporter.report_uncaught(sqlite3.DatabaseError("database disk image is malformed"))
    assert len(asked) == 1  # once per run


def test_not_now_leaves_a_note(qtbot, tmp_path, banner, offers):
    asked, answer = offers
    answer["repair"] = False
    reporter = ProblemReporter(banner, tmp_path / "s.sqlite3", tmp_path / "logs")
    with qtbot.assertNotEmitted(reporter.repair_chosen):
        reporter.report_uncaught(sqlite3.DatabaseError("database disk image is malformed"))
    assert asked and "offers the repair again at its next start" in banner.text()


def test_a_sound_store_says_nothing(qtbot, tmp_path, banner, offers):
    asked, _answer = offers
    path = tmp_path / "stint.sqlite3"
    build_store(path)
    reporter = ProblemReporter(banner, path, tmp_path / "logs")
    with qtbot.waitSignal(reporter.store_checked, timeout=20_000) as checked:
        reporter.check_store()
    assert checked.args == [[]]
    assert asked == [] and not banner.isVisible()


def test_uncaught_errors_are_told_plainly_and_bugs_logged_with_their_traceback(
        tmp_path, banner, caplog):
    reporter = ProblemReporter(banner, tmp_path / "s.sqlite3", tmp_path / "logs")
    hook = excepthook(reporter, lambda: None)
    full = StoreError("The disk holding /p/data is full, so Stint could not save this change.")
    with caplog.at_level(logging.INFO):
        hook(StoreError, full, None)
    assert banner.text() == full.message
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    caplog.clear()
    denied = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "ui.ini"))
    hook(PermissionError, denied, None)
    assert "permission denied" in banner.text() and str(tmp_path) in banner.text()
    try:
        raise KeyError("a bug")
    except KeyError as bug:
        with caplog.at_level(logging.INFO):
            hook(KeyError, bug, bug.__traceback__)
    assert f"the log file in {tmp_path / 'logs'}" in banner.text()
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None
