"""`stint connect` and `stint disconnect`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.commands.result import CommandResult
from desktop.engine import ConnectionInfo, Engine

if TYPE_CHECKING:  # the Salesforce client code loads when a sign-in starts, not with the CLI
    from desktop.salesforce.device_flow import DeviceCode


def _connected(info: ConnectionInfo, what: str) -> CommandResult:
    from desktop.salesforce.login_url import host_of

    where = host_of(info.instance_url or info.login_url)
    who = info.username or info.user_id or "your user"
    result = CommandResult(
        data=info.to_json(),
        text=f"{what} {where} as {who}. Run `stint sync` to import your tasks.",
    )
    if info.keyring_problem:
        result.warnings.append(info.keyring_problem)
    return result


def connect_password(
    engine: Engine,
    username: str,
    password: str,
    security_token: str,
    *,
    login_url: str | None = None,
    ca_file: str | None = None,
) -> CommandResult:
    info = engine.connect_password(
        username, password, security_token, login_url=login_url, ca_file=ca_file
    )
    return _connected(info, "Connected to")


def connect_oauth(
    engine: Engine,
    *,
    login_url: str | None = None,
    consumer_key: str | None = None,
    consumer_secret: str | None = None,
    ca_file: str | None = None,
    show_url: Callable[[str], None] | None = None,
    open_browser: Callable[[str], object] | None = None,
    timeout: float | None = None,
) -> CommandResult:
    options: dict = {"login_url": login_url, "consumer_key": consumer_key,
                     "consumer_secret": consumer_secret, "ca_file": ca_file,
                     "show_url": show_url, "open_browser": open_browser}
    if timeout is not None:
        options["timeout"] = timeout
    info = engine.connect_oauth(**options)
    return _connected(info, "Signed in through the browser to")


def connect_device(
    engine: Engine,
    show_code: Callable[[DeviceCode], None],
    *,
    login_url: str | None = None,
    consumer_key: str | None = None,
    consumer_secret: str | None = None,
    ca_file: str | None = None,
) -> CommandResult:
    info = engine.connect_device(show_code, login_url=login_url, consumer_key=consumer_key,
                                 consumer_secret=consumer_secret, ca_file=ca_file)
    return _connected(info, "Signed in with a code to")


def device_code_text(code: DeviceCode) -> str:
    """What `connect --device` tells the user while it waits."""
    return (f"To sign in, open {code.verification_uri} in a browser on any device and enter "
            f"the code {code.user_code}\nWaiting for you to allow access (Ctrl+C stops)…")


def disconnect(engine: Engine) -> CommandResult:
    engine.disconnect()
    entries = len(engine.store.entries.all())
    return CommandResult(
        data={"connected": False, "entries_kept": entries},
        text=(
            "Unlinked from Salesforce: the stored sign-in was deleted and syncing stopped. "
            f"Your {entries} time entries and the task tree are kept."
        ),
    )
