"""Background jobs: a problem the user is told about (wrong password, network down, full
disk) is one line in the log; a bug keeps its traceback (issue 11 point 8)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QObject

from desktop.salesforce.errors import Cancelled, HostUnreachable, WrongCredentials
from desktop.services.workers import run_in_background
from desktop.store.errors import StoreError


def fail_in_background(qtbot, error: BaseException) -> BaseException:
    owner = QObject()
    received: list[BaseException] = []

    def job():
        raise error

    run_in_background(owner, job, lambda _result: None, received.append, name="probe")
    qtbot.waitUntil(lambda: bool(received))
    return received[0]


@pytest.mark.parametrize("error", [
    WrongCredentials(),
    HostUnreachable("login.salesforce.com"),
    StoreError("The disk holding /p/data is full, so Stint could not save this change."),
])
def test_an_expected_failure_is_one_warning_line(qtbot, caplog, error):
    with caplog.at_level(logging.INFO, logger="desktop.services.workers"):
        assert fail_in_background(qtbot, error) is error
    [record] = caplog.records
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert error.message in record.getMessage() and "\n" not in record.getMessage()


def test_a_cancellation_is_information(qtbot, caplog):
    with caplog.at_level(logging.INFO, logger="desktop.services.workers"):
        fail_in_background(qtbot, Cancelled())
    [record] = caplog.records
    assert record.levelno == logging.INFO and record.exc_info is None


def test_a_bug_keeps_its_traceback(qtbot, caplog):
    with caplog.at_level(logging.INFO, logger="desktop.services.workers"):
        fail_in_background(qtbot, KeyError("surprise"))
    [record] = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
