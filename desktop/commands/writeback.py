"""Write-back from the command line: `stint push`, and the push that `start`, `stop` and
`add` hand to the background.

A command that ends or adds an entry returns at once (panels and hotkeys call it); when the
entry goes to Salesforce, it starts a detached `stint push` (desktop.platform.detached). That
process signs in, waits for any sync or push of the profile to end, and sends every pending
entry, so an entry stopped while another push runs is sent by the next one. Whatever cannot
go (offline, rate limit, a kill) stays pending and goes with the next push or sync; each
entry's client id and the lookup of lost creates make a retry safe: nothing is lost or sent
twice. `stint log` shows what each push did.
"""

from __future__ import annotations

import logging
from typing import Any

from desktop.commands.result import CommandResult
from desktop.domain.entries import TimeEntry
from desktop.engine import Engine

log = logging.getLogger(__name__)

PUSH_WAIT_SECONDS = 600.0  # how long a push waits for a running sync (a large full one) to end
NOT_CONNECTED = ("Not connected to Salesforce: the entry goes with the first sync after "
                 "`stint connect`.")
# While synchronization is paused (issue 15) nothing is pushed by itself.
_WHEN_RESUMED = "to Salesforce when you resume (`stint sync --resume`) or run `stint sync`."
PAUSED = f"Synchronization is paused: the entry waits here and goes {_WHEN_RESUMED}"
PAUSED_NOTHING_SENT = f"Synchronization is paused: nothing sent; the entries go {_WHEN_RESUMED}"


def queue_push(engine: Engine, entry: TimeEntry | None) -> list[str]:
    """Hand the write-back of a just stopped or added entry to a background push; returns
    the notes for the user (none when it is on its way, or stays local by the settings)."""
    if entry is None or entry.end is None:
        return []
    settings = engine.settings.current()
    if settings.writeback == "off" or not settings.writes_back(entry.start, entry.end):
        return []
    if settings.sync_paused:  # no push by itself while paused (issue 15)
        return [PAUSED]
    if not engine.link_info().connected:
        return [NOT_CONNECTED]
    start_background_push(engine)
    return []


def start_background_push(engine: Engine) -> None:
    """Start `stint [--profile ROOT] push` detached (tests run it in their own process)."""
    from desktop.platform.detached import start_detached

    paths = engine.paths
    profile = [] if paths.is_default else ["--profile", str(paths.root)]
    pid = start_detached([*profile, "push"])
    log.info("write-back handed to a background push (pid %d)", pid)


def push(engine: Engine) -> CommandResult:
    """`stint push`: send the pending entries now (after any running sync or push)."""
    if not engine.writeback_enabled():
        return CommandResult(data=None, text="Write-back is off; nothing to send.")
    if engine.settings.current().sync_paused:
        return CommandResult(data=None, text=PAUSED_NOTHING_SENT)
    engine.connection.client()  # not connected, or the sign-in fails: one line and exit 1
    report = engine.push_now(wait_seconds=PUSH_WAIT_SECONDS)
    if report is None:
        log.warning("push: the profile stayed busy for %.0f s", PUSH_WAIT_SECONDS)
        return CommandResult(data=None, exit_code=1, text=(
            "Another sync or push kept this profile busy; the entries go with the next one."))
    data: dict[str, Any] = {
        "sobject": report.sobject or None, "created": report.created,
        "updated": report.updated, "deleted": report.deleted, "failed": report.failed,
        "recovered": report.recovered, "kept_from_salesforce": report.conflicts,
        "api_calls": report.api_calls, "error": report.error and str(report.error),
    }
    result = CommandResult(data=data, text=report.summary() + ".")
    if report.error:
        log.warning("push stopped: %s", report.error)
        result.warnings.append(f"{report.error} The entries stay pending and go with the next sync.")
        result.exit_code = 1
    elif report.failed:
        result.exit_code = 1
    return result
