"""Opening a URL in the user's web browser (the OAuth sign-in page, links to Salesforce).

`open_url` uses the standard library's `webbrowser` (which honours $BROWSER, so an end-to-end
test can capture the URL by setting BROWSER to a small script) and raises `BrowserUnavailable`
with a plain message when no browser can be started. Code that opens URLs takes an opener
argument so tests can pass a `RecordingBrowser` instead.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

# Returns True when a browser was started (webbrowser.open's contract).
UrlOpener = Callable[[str], bool]

_ALLOWED_SCHEMES = frozenset({"http", "https"})


class BrowserUnavailable(Exception):
    """No web browser could be started. `.url` is the address, for the user to copy."""

    def __init__(self, url: str, detail: str | None = None) -> None:
        message = "No web browser could be started. Copy the address into a browser yourself."
        if detail:
            message = f"{message} ({detail})"
        super().__init__(message)
        self.message = message
        # Kept out of the message so it does not end up in logs or error reports.
        self.url = url


def open_url(url: str, opener: UrlOpener | None = None) -> None:
    """Open `url` (http or https only) in a browser; raises BrowserUnavailable if none opens."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in _ALLOWED_SCHEMES:
        raise ValueError(f"only http and https addresses are opened, not {scheme or 'this'!r}")
    launch = opener or _system_browser
    try:
        opened = launch(url)
    except OSError as exc:
        raise BrowserUnavailable(url, exc.strerror or type(exc).__name__) from None
    except Exception as exc:
        if not _is_webbrowser_error(exc):
            raise
        raise BrowserUnavailable(url, str(exc) or None) from None
    if not opened:
        raise BrowserUnavailable(url)
    log.info("opened a browser on %s://%s", scheme, urlsplit(url).netloc)


def _system_browser(url: str) -> bool:
    # Imported here: ~1 MB resident, which an app in the tray all day that never opens a
    # link need not hold.
    import webbrowser

    return webbrowser.open(url, new=2)


def _is_webbrowser_error(exc: Exception) -> bool:
    webbrowser = sys.modules.get("webbrowser")  # (only a loaded webbrowser raises its Error)
    return webbrowser is not None and isinstance(exc, webbrowser.Error)


class RecordingBrowser:
    """A test opener: records URLs and "opens" them (or refuses, with available=False)."""

    def __init__(self, available: bool = True, on_open: UrlOpener | None = None) -> None:
        self.available = available
        self.on_open = on_open
        self.urls: list[str] = []

    def __call__(self, url: str) -> bool:
        self.urls.append(url)
        if not self.available:
            return False
        if self.on_open is not None:
            return self.on_open(url)
        return True
