from __future__ import annotations

import webbrowser

import pytest

from desktop.platform.browser import BrowserUnavailable, RecordingBrowser, open_url

URL = "https://login.example.com/services/oauth2/authorize?client_id=x&state=abc"


def test_opens_with_the_injected_opener():
    opener = RecordingBrowser()
    open_url(URL, opener)
    assert opener.urls == [URL]


def test_no_browser_is_a_clear_error_keeping_the_url_out_of_the_text():
    with pytest.raises(BrowserUnavailable) as caught:
        open_url(URL, RecordingBrowser(available=False))
    assert str(caught.value).startswith("No web browser could be started.")
    assert "state=abc" not in str(caught.value)
    assert caught.value.url == URL


def test_webbrowser_errors_become_browser_unavailable():
    def broken(url):
        raise webbrowser.Error("could not locate runnable browser")

    with pytest.raises(BrowserUnavailable, match="could not locate runnable browser"):
        open_url(URL, broken)


def test_os_errors_become_browser_unavailable():
    def missing(url):
        raise FileNotFoundError(2, "No such file or directory")

    with pytest.raises(BrowserUnavailable, match="No such file or directory"):
        open_url(URL, missing)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "/relative"])
def test_only_web_addresses_are_opened(url):
    opener = RecordingBrowser()
    with pytest.raises(ValueError):
        open_url(url, opener)
    assert opener.urls == []


def test_default_opener_uses_webbrowser(monkeypatch):
    calls = []
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: calls.append((url, new)) or True)
    open_url(URL)
    assert calls == [(URL, 2)]


def test_default_opener_without_any_browser(monkeypatch):
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: False)
    with pytest.raises(BrowserUnavailable):
        open_url(URL)


def test_browser_env_variable_is_honoured(tmp_path, monkeypatch):
    # How end-to-end tests capture the OAuth URL: BROWSER names a script that records it.
    record = tmp_path / "opened.txt"
    script = tmp_path / "fake-browser"
    script.write_text(f"#!/bin/sh\nprintf '%s' \"$1\" > '{record}'\n")
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))
    # webbrowser reads $BROWSER once, on first use: make it look again.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    open_url(URL)
    # An unknown $BROWSER command runs as webbrowser.GenericBrowser, which waits for it.
    assert record.read_text() == URL


def test_recording_browser_can_act_on_the_url():
    seen = []
    opener = RecordingBrowser(on_open=lambda url: seen.append(url) or True)
    open_url(URL, opener)
    assert seen == [URL]
