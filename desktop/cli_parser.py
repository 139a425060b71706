"""The command line's grammar: every command of `stint`, its options and help texts
(desktop/cli.py parses with it and dispatches). Each command's parser is built only when that
command runs (desktop/cli_subcommands.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli_subcommands import Subcommands

if TYPE_CHECKING:
    import argparse


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or (`only`) of that command alone: argparse spends about a
    millisecond building each command's parser, and panels run `stint status` every few
    seconds. Falls back to every command when `only` names none."""
    import argparse  # the app's start does without it (see `_app_options`)

    from desktop import __version__

    parser = argparse.ArgumentParser(prog="stint", description="Stint: time tracking for Salesforce work.")
    parser.add_argument("--version", action="version", version=f"stint {__version__}")
    parser.add_argument("--profile", metavar="DIR", help="profile directory (default: STINT_HOME or the platform's data dir)")
    parser.add_argument("--demo", action="store_true", help="start on a fresh temporary profile connected to a built-in demo org")
    parser.add_argument("--hidden", action="store_true", help="start in the tray with the window hidden (for starting at log-in)")
    # (a prog given here spares argparse a help formatter, and the shutil it loads)
    commands = Subcommands(
        parser.add_subparsers(dest="command", metavar="COMMAND", prog="stint"), only)

    sandbox = commands.add_parser("sandbox", help="serve a local Salesforce-compatible sandbox org until interrupted")
    sandbox.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: any free port)")
    sandbox.add_argument("--size", choices=("demo", "small", "large"), default="demo")
    sandbox.add_argument("--seed", type=int, default=1)
    sandbox.add_argument("--latency", default="off",
                         help="how long answers take: off (default), salesforce (150 ms a request "
                              "+ 0.25 ms a record, an assumption) or REQUEST_MS,RECORD_MS")

    connect = commands.add_parser("connect", help="connect this profile to Salesforce")
    connect.add_argument("--login-url", help="https login URL (default: the settings' login URL)")
    connect.add_argument("--username", help="Salesforce username (password sign-in)")
    connect.add_argument("--password-stdin", action="store_true",
                         help="read the password from stdin (first line; the security token may follow on the second)")
    connect.add_argument("--token-stdin", action="store_true",
                         help="read the security token from stdin (the line after the password, if any)")
    connect.add_argument("--oauth", action="store_true", help="sign in through the browser (OAuth 2.0 with PKCE; recommended)")
    connect.add_argument("--device", action="store_true",
                         help="sign in with a code entered in a browser on any device (no browser needed here)")
    connect.add_argument("--consumer-key", help="the connected app's consumer key (browser or code sign-in)")
    connect.add_argument("--consumer-secret-stdin", action="store_true",
                         help="read the connected app's consumer secret from stdin (only if the app requires one)")
    connect.add_argument("--ca-file", help="trust this CA certificate file (a private CA, such as the sandbox's)")
    connect.add_argument("--json", action="store_true", help="print the result as JSON")

    disconnect = commands.add_parser("disconnect", help="unlink: delete the stored sign-in and stop syncing (entries stay)")
    disconnect.add_argument("--json", action="store_true")

    sync = commands.add_parser("sync", help="synchronize with Salesforce now, or pause/resume synchronizing")
    sync_mode = sync.add_mutually_exclusive_group()
    sync_mode.add_argument("--full", action="store_true", help="full pass: also archive items no longer visible")
    sync_mode.add_argument("--pause", action="store_true",
                           help="pause synchronization (stays paused across restarts; `stint sync` still syncs once)")
    sync_mode.add_argument("--resume", action="store_true", help="resume paused synchronization")
    sync.add_argument("--json", action="store_true")

    status = commands.add_parser("status", help="connection, last and next sync, API usage, timer, counts")
    status_output = status.add_mutually_exclusive_group()
    status_output.add_argument("--json", action="store_true")
    status_output.add_argument("--line", action="store_true",
                               help="one line for panels and prompts: ▶ 1:23 Acme - renewal, or ■ idle")
    status_output.add_argument("--waybar", action="store_true", help="Waybar's custom-module JSON")
    status.add_argument("--format", metavar="TEMPLATE",
                        help="the line's template (implies --line; with --waybar, its text), e.g. "
                             "'{icon} {elapsed} {task}'; the README lists the fields")

    tasks = commands.add_parser("tasks", help="list or search the imported tasks")
    tasks.add_argument("--search", metavar="TEXT", help="words of the name, account, case number, stage...")
    tasks.add_argument("--archived", action="store_true", help="include archived tasks")
    tasks.add_argument("--limit", type=int, default=20, help="most search results shown (default 20)")
    tasks.add_argument("--json", action="store_true")

    start = commands.add_parser("start", help="start the timer on a task (search text or Salesforce Id)")
    start.add_argument("task", nargs="+", help="search text or Salesforce Id")
    start.add_argument("--note", default="", help="a note for the new entry")
    start.add_argument("--archived", action="store_true",
                       help="also start on an archived task (closed, deleted, no longer visible or excluded)")
    start.add_argument("--json", action="store_true")

    stop = commands.add_parser("stop", help="stop the running timer")
    stop.add_argument("--json", action="store_true")

    add = commands.add_parser("add", help="add a finished entry (start and end, or start and duration)")
    add.add_argument("task", nargs="+", help="search text or Salesforce Id of the task")
    add.add_argument("--start", required=True, metavar="TIME",
                     help="local start: 2026-11-21 09:30, or 09:30 for today (an offset or Z makes it exact)")
    length = add.add_mutually_exclusive_group(required=True)
    length.add_argument("--end", metavar="TIME", help="end: a date and time, or a time on the start's day")
    length.add_argument("--duration", metavar="LENGTH", help="length such as 1h30, 90m or 1:30")
    add.add_argument("--note", default="", help="a note for the entry")
    add.add_argument("--billable", action="store_true", help="mark the entry billable")
    add.add_argument("--json", action="store_true")

    entries = commands.add_parser("entries", help="time entries that start within some local days (default: the last 7 days)")
    _add_dates_and_output(entries)

    report = commands.add_parser("report", help="time by account, opportunity, case or task between two local dates")
    report.add_argument("--by", choices=("account", "opportunity", "case", "task"), default="task",
                        help="how to group the time (default: task)")
    _add_dates_and_output(report)

    open_record = commands.add_parser("open", help="open a task's record in Salesforce (prints its address)")
    open_record.add_argument("task", nargs="+", help="Salesforce Id or search text")
    open_record.add_argument("--print", dest="print_only", action="store_true",
                             help="only print the address, do not open a browser")
    open_record.add_argument("--json", action="store_true")

    repair = commands.add_parser(
        "repair", help="keep a damaged local database aside and start a fresh one with what it still holds")
    repair.add_argument("--json", action="store_true")

    push = commands.add_parser("push", help="send time entries waiting for write-back to Salesforce now")
    push.add_argument("--json", action="store_true")

    synclog = commands.add_parser("log", help="sync runs and the last record changes")
    synclog.add_argument("--json", action="store_true")

    settings = commands.add_parser("settings", help="show settings, or `settings set KEY VALUE`")
    settings.add_argument("--json", action="store_true")
    settings_commands = settings.add_subparsers(dest="settings_command", metavar="ACTION")
    setter = settings_commands.add_parser("set", help="change one setting")
    setter.add_argument("key")
    setter.add_argument("value")
    setter.add_argument("--json", action="store_true")
    if only is not None and not commands.found:
        return build_parser()
    return parser


def _add_dates_and_output(command: argparse.ArgumentParser) -> None:
    """--from/--to local dates and --json or --csv (entries, report)."""
    command.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    command.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    output = command.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--csv", action="store_true")
