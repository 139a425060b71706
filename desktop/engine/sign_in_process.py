"""The app's sign-ins, each in a child process (`stint _sign-in`, desktop.commands.child_runs).

Signing in loads the Salesforce client (simple-salesforce, requests, zeep, lxml) and, with the
keyring, cryptography: ~45 MB that an app signed in from its Settings page kept for the rest of
the day, though its syncs sign in in processes of their own (sync_process). A child signs in,
keeps the sign-in in the system keyring, fetches the describes the Settings page shows next,
and exits; the app reads the new link from the store.

Where the system keyring cannot keep a sign-in (the child finds none usable, before any
request), the sign-in must live in the app's memory: the child says so and the app signs in
itself, as before. What the user sees is the same either way: the browser opens (or its URL is
shown), the code to enter is shown, a cancel stops the sign-in, problems come back as the
classes the app knows (problem_relay).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from desktop.domain.text import QT_TRANSLATE_NOOP, Message
from desktop.engine.child_process import SIGN_IN_COMMAND, run_child
from desktop.engine.errors import EngineError
from desktop.engine.problem_relay import problem_from_data
from desktop.platform.child_command import child_command
from desktop.platform.paths import ProfilePaths

log = logging.getLogger(__name__)

NO_USABLE_KEYRING = QT_TRANSLATE_NOOP(  # when a child could not say why
    "SecretStore", "No usable system keyring was found; Stint will keep your sign-in for this "
                   "session only.")


class SignInInApp(Exception):
    """The child found no system keyring: the sign-in must be made in the app's process.
    `keyring_problem` says why (a Message; None if the child did not say)."""

    def __init__(self, keyring_problem: Message | None = None) -> None:
        super().__init__("no system keyring")
        self.keyring_problem = keyring_problem


def check_keyring_in_child(paths: ProfilePaths) -> Message | None:
    """Whether the system keyring could keep a sign-in, asked in a child process (so the app
    of a never-linked profile can warn before any sign-in without loading the keyring and
    cryptography itself): None when it could, else why not. Raises like sign_in_in_child."""
    try:
        _ask_child(paths, {"method": "check"}, "keyring_usable", threading.Event())
    except SignInInApp as no_keyring:
        return no_keyring.keyring_problem or Message("SecretStore", NO_USABLE_KEYRING)
    return None


def sign_in_in_child(
    paths: ProfilePaths,
    request: dict[str, Any],
    cancel: threading.Event,
    show_url: Callable[[str], None] | None = None,
    show_code: Callable[[str, str], None] | None = None,
) -> None:
    """Sign in as `request` says ({"method": "password" | "oauth" | "device", ...}: the
    arguments of Engine.connect_*) in a child process. Returns once the sign-in is kept; raises
    the problem that stopped it, SignInInApp, or OSError when no child could be started."""

    def progress(value: Any) -> None:
        if not isinstance(value, dict):
            return
        if show_url is not None and isinstance(value.get("browser_url"), str):
            show_url(value["browser_url"])
        code = value.get("device_code")
        if show_code is not None and isinstance(code, list) and len(code) == 2:
            show_code(str(code[0]), str(code[1]))

    _ask_child(paths, request, "signed_in", cancel, progress)


def _ask_child(paths: ProfilePaths, request: dict[str, Any], done: str, cancel: threading.Event,
               progress: Callable[[Any], None] | None = None) -> None:
    """Run `stint _sign-in` on `request` until its last line says `done` (returns), that the
    app must do it itself (SignInInApp), or what stopped it (raised)."""
    outcome = run_child(child_command(SIGN_IN_COMMAND, paths), cancel, progress, request)
    result = outcome.result or {}
    if result.get(done) is True:
        return
    if result.get("in_app") is True:
        raise SignInInApp(Message.from_data(result.get("keyring_problem")))
    if "problem" in result:
        raise problem_from_data(result["problem"])
    log.error("the sign-in process ended (exit code %s) without an answer: %s",
              outcome.exit_code, outcome.stderr[-2000:])
    raise EngineError(QT_TRANSLATE_NOOP(
        "EngineError", "Signing in stopped unexpectedly; the log file has the details."))
