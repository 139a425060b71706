"""SIGTERM and SIGINT (logout, `kill`, Ctrl+C) quit the app through its normal shutdown;
another signal a library handles in Python wakes the same channel but quits nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
APP = textwrap.dedent("""
    import signal, sys
    from PySide6.QtCore import QCoreApplication
    from desktop.ui.lifecycle import quit_on_termination_signals

    app = QCoreApplication([])
    quit_on_termination_signals(app, lambda: (print("quit asked", flush=True), app.quit()))
    signal.signal(signal.SIGUSR1, lambda *_: print("usr1 handled", flush=True))
    print("ready", flush=True)
    sys.exit(app.exec())
""")


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_termination_signal_quits_and_another_does_not(number):
    app = subprocess.Popen(
        [sys.executable, "-c", APP],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert app.stdout.readline() == "ready\n"
        for _ in range(2):  # still running after the first: it answers the second
            app.send_signal(signal.SIGUSR1)
            assert app.stdout.readline() == "usr1 handled\n"
        app.send_signal(number)
        assert app.stdout.readline() == "quit asked\n"
        assert app.wait(timeout=20) == 0, app.stderr.read()
    finally:
        app.kill()
        app.wait()
