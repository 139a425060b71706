"""A stand-in for the system browser, for `BROWSER="python oauth_browser.py %s"`: approves
Stint's sign-in on the sandbox's approve page and follows the redirect to the loopback listener.

Reads the sandbox user and CA from STINT_TEST_SANDBOX_* environment variables.
"""

from __future__ import annotations

import os
import sys

import requests

from desktop.sandbox.browser import ScriptedBrowser


def main(url: str) -> int:
    session = requests.Session()
    session.trust_env = False
    session.verify = os.environ["STINT_TEST_SANDBOX_CA"]
    browser = ScriptedBrowser(
        session, os.environ["STINT_TEST_SANDBOX_USERNAME"], os.environ["STINT_TEST_SANDBOX_PASSWORD"]
    )
    browser(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
