"""The X11 idle source (desktop.platform.idle.x11) against a real X server: Xvfb's
MIT-SCREEN-SAVER extension counts real idle time, and input through XTEST (xdotool) resets it."""

from __future__ import annotations

from desktop.platform.idle import open_idle_source
from desktop.platform.idle.x11 import X11IdleSource
from tests.support.processes import wait_until


def test_idle_time_grows_and_input_resets_it(desktop_session):
    source = X11IdleSource(desktop_session.display)
    try:
        desktop_session.click(5, 700)  # some input, so the count starts here
        first = source.idle_seconds()
        assert first is not None and first < 5
        grown = wait_until(lambda: (idle := source.idle_seconds()) >= first + 0.3 and idle,
                           10, "the idle time to grow")
        desktop_session.key("shift")
        after_input = source.idle_seconds()
        assert after_input < grown and after_input < 0.3
        answers = []
        source.query(answers.append)
        assert len(answers) == 1 and answers[0] < grown
    finally:
        source.close()
    assert source.idle_seconds() is None  # closed: no display connection any more


def test_an_xcb_session_picks_the_x11_source(desktop_session):
    env = {"DISPLAY": desktop_session.display}  # no session bus named: X11 only
    source = open_idle_source("xcb", environ=env, system="linux")
    try:
        assert isinstance(source, X11IdleSource)
    finally:
        source.close()
