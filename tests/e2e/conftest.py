"""End-to-end fixtures: a real X server, session bus, keyring and tray host per test.

Every test in this folder is marked `e2e`. Without the desktop tools the tests are skipped
with the reason, except when CI is set: CI must run them, so there a missing tool fails.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.desktop_session import DesktopSession, missing_tools
from tests.support.keyring_session import unavailable_reason as keyring_unavailable_reason

E2E_DIR = Path(__file__).parent
_CALL_REPORT = pytest.StashKey[pytest.TestReport]()


# Minutes-long tests go first, so under xdist the other worker runs the rest meanwhile
# instead of the whole run waiting for them at the end.
LONGEST_FIRST = ("test_installed_package.py",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.path.name not in LONGEST_FIRST)  # stable: order kept


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    # Remembered so the fixture can save a screenshot and logs when the test body failed.
    report = yield
    if report.when == "call":
        item.stash[_CALL_REPORT] = report
    return report


def require_desktop_tools() -> None:
    """Skip (or, under CI, fail) when a program the desktop session needs is not installed."""
    missing = missing_tools()
    problem = f"not installed: {', '.join(missing)}" if missing else keyring_unavailable_reason()
    if problem is None:
        return
    reason = (
        "e2e needs Xvfb, trayer, gnome-keyring, dbus, xdotool, x11-utils and imagemagick; "
        + problem
    )
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason} (CI is set, so e2e tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def desktop_tools() -> None:
    """For tests that build their own DesktopSession: the same skip-or-fail rule."""
    require_desktop_tools()


@pytest.fixture
def desktop_session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DesktopSession]:
    """A started DesktopSession (HOME and logs under tmp_path/desktop), stopped afterwards."""
    require_desktop_tools()
    with DesktopSession(tmp_path / "desktop") as session:
        yield session
        report = request.node.stash.get(_CALL_REPORT, None)
        if report is not None and report.failed:
            _keep_evidence(session, tmp_path)


def _keep_evidence(session: DesktopSession, tmp_path: Path) -> None:
    """On failure: a screenshot and the keyring daemon's output; their paths and the logs'
    (all kept in tmp_path) go in the report."""
    shot = tmp_path / "failure.png"
    try:
        session.screenshot(shot)
    except Exception as error:  # the X server may be what broke
        shot = Path(f"(no screenshot: {error})")
    # The keyring's runtime dir is deleted when the session stops: its daemon's output is
    # copied out now (a keyring call of the app or the CLI may be what failed).
    keyring_log = session.keyring.keep_log(tmp_path / "gnome-keyring-daemon.log")
    sys.stderr.write(
        f"e2e evidence: screenshot {shot}, logs in {session.log_dir}, keyring daemon's output "
        f"in {keyring_log}\n"
    )


@pytest.fixture
def stint(desktop_session, sandbox, tmp_path):
    """The real app driven in a desktop session against a fresh sandbox org. The test fails if
    the app wrote to stderr (Qt warnings, tracebacks) or logged an ERROR."""
    from tests.e2e.app_driver import StintDriver

    driver = StintDriver(desktop_session, sandbox, tmp_path)
    yield driver
    driver.screenshot("final")
    assert driver.unexpected_output() == []
