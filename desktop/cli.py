"""Command line: parsing (with desktop/cli_parser.py's grammar), dispatch and printing only.

Without a command `stint` starts the desktop app (desktop.app); `stint sandbox` serves the
built-in Salesforce sandbox; every other command is a headless one from desktop.commands, run
on the profile's Engine. Errors print one line "stint: <message>" on stderr and exit non-zero.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.cli_subcommands import command_word

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


_CHILD_COMMANDS = ("_sync-run", "_push-run", "_sign-in", "_catalog-build")  # the processes the app starts


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] and arguments[0] in _CHILD_COMMANDS:  # (hidden from --help)
        return _run_child(arguments[0], arguments[1:])
    app_options = _app_options(arguments)
    if app_options is not None:
        return _start_app(**app_options)
    from desktop.cli_parser import build_parser  # (the app's start does without it)

    args = build_parser(only=command_word(arguments)).parse_args(arguments)
    if args.command == "sandbox":
        from desktop.sandbox.__main__ import serve

        return serve(port=args.port, size=args.size, seed=args.seed, latency=args.latency)
    if args.command is None:
        return _start_app(profile=args.profile, demo=args.demo, hidden=args.hidden)
    return _run_headless(args)


def _app_options(arguments: list[str]) -> dict[str, Any] | None:
    """The options of `stint [--profile DIR] [--demo] [--hidden]` (what starts the app),
    read without argparse: building the parser, and the shutil its help formatter imports,
    cost the app's start ~6 ms. None for anything else (argparse parses and checks it)."""
    options: dict[str, Any] = {"profile": None, "demo": False, "hidden": False}
    rest = list(arguments)
    while rest:
        option = rest.pop(0)
        if option in ("--demo", "--hidden"):
            options[option[2:]] = True
        elif option == "--profile" and rest and not rest[0].startswith("-"):
            options["profile"] = rest.pop(0)
        elif option.startswith("--profile=") and option != "--profile=":
            options["profile"] = option.partition("=")[2]
        else:
            return None
    return options


def _run_child(word: str, arguments: list[str]) -> int:
    # Imported by name, each only for its own word (a bundler follows these imports).
    if word == "_catalog-build":
        from desktop.commands import catalog_build

        return catalog_build.run(arguments)
    from desktop.commands import child_runs

    run = {child_runs.SYNC_COMMAND: child_runs.run_sync, child_runs.PUSH_COMMAND: child_runs.run_push,
           child_runs.SIGN_IN_COMMAND: child_runs.run_sign_in}[word]
    return run(arguments)


def _start_app(profile: str | None, demo: bool, hidden: bool = False) -> int:
    # Start-up creates a few hundred thousand objects (modules, classes, widgets) and none is
    # garbage: until the first paint the cyclic collector would only scan them again and
    # again (~6 ms). desktop.app turns it back on right after that paint.
    gc.disable()
    from desktop.platform.pyside_support_cache import spare_pyside_support
    from desktop.platform.source_lines import drop_source_lines_on_import

    # PySide's import hook would keep the source of every module the app imports (~15 MB).
    drop_source_lines_on_import()
    try:
        # shiboken's support modules: their code compiled at an earlier start, their regular
        # expressions when first used (~23 ms and ~16 ms of each start)
        with spare_pyside_support():
            from desktop.app_run import main as app_main
    except ImportError:
        from desktop.cli_parser import build_parser

        build_parser().print_help(sys.stderr)
        return EXIT_USAGE
    return app_main(profile=profile, demo=demo, hidden=hidden)


def _run_headless(args: argparse.Namespace) -> int:
    from desktop.commands.tasks import (
        AMBIGUOUS_EXIT_CODE,
        ARCHIVED_EXIT_CODE,
        AmbiguousTask,
        ArchivedTask,
    )
    from desktop.domain.text import printable
    from desktop.engine import Engine

    # Without a log file (a read-only or full profile) a logged traceback would reach stderr
    # through logging's last-resort handler: errors stay one line.
    logging.getLogger().addHandler(logging.NullHandler())
    try:
        stdin_values = _read_stdin_secrets(args) if args.command == "connect" else {}
        if args.command == "repair":  # the Engine cannot open a damaged store
            from desktop.commands.repair import repair

            result = repair(args.profile)
        else:
            with Engine.open(args.profile) as engine:
                result = _dispatch(engine, args, stdin_values)
    except AmbiguousTask as exc:
        _error(exc.message)
        for line in exc.lines:
            print(printable(line), file=sys.stderr)
        return AMBIGUOUS_EXIT_CODE
    except ArchivedTask as exc:
        _error(exc.message)
        return ARCHIVED_EXIT_CODE
    except KeyboardInterrupt:
        _error("interrupted.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # every failure ends as one plain line, never a traceback
        message = _message(exc)
        if message is None:
            log.exception("stint %s failed", args.command)
            message = f"unexpected error ({type(exc).__name__}); details are in the log file."
        if getattr(args, "waybar", False):  # Waybar hides a module whose command fails
            from desktop.commands.status_line import waybar_error

            _print_json(waybar_error(message), indent=None)
            return 0
        _error(message)
        return EXIT_ERROR
    for warning in result.warnings:
        _error(warning)
    # Names and notes come from Salesforce and people: no control character reaches the
    # terminal as it is (the commands escape them in values; this catches any they missed).
    if getattr(args, "csv", False) and result.csv is not None:
        sys.stdout.write(printable(result.csv, keep="\n\t"))
    elif getattr(args, "waybar", False):
        _print_json(result.data, indent=None)  # one line: Waybar reads one JSON object a line
    elif getattr(args, "json", False):
        _print_json(result.data, indent=2)
    elif result.text:
        print(printable(result.text, keep="\n"))
    return result.exit_code


def _print_json(data: Any, indent: int | None) -> None:
    import json  # only headless JSON output uses it; the GUI start does not

    from desktop.domain.text import json_printable

    print(json_printable(json.dumps(data, ensure_ascii=False, indent=indent)))


def _dispatch(engine: Any, args: argparse.Namespace, stdin_values: dict[str, str]):
    # Each command imports only its own module: panels run `status` every few seconds.
    command = args.command
    if command in ("connect", "disconnect"):
        from desktop.commands import connection
    if command in ("sync", "status", "log"):
        from desktop.commands import sync
    if command in ("tasks", "start", "stop"):
        from desktop.commands import tasks
    if command == "connect":
        secret = stdin_values.get("consumer_secret")
        if args.oauth and args.device:
            raise _UsageError("Choose one of --oauth and --device.")
        if args.device:
            return connection.connect_device(
                engine, _show_device_code, login_url=args.login_url,
                consumer_key=args.consumer_key, consumer_secret=secret, ca_file=args.ca_file,
            )
        if args.oauth:
            return connection.connect_oauth(
                engine, login_url=args.login_url, consumer_key=args.consumer_key,
                consumer_secret=secret, ca_file=args.ca_file, show_url=_show_url,
            )
        if args.consumer_secret_stdin:
            raise _UsageError("--consumer-secret-stdin goes with --oauth or --device.")
        username = args.username or engine.settings.current().username
        if not username:
            raise _UsageError("Give --username for password sign-in, or use --oauth.")
        password = stdin_values.get("password")
        if password is None:
            password = _prompt("Password: ")
        token = stdin_values.get("token")
        if token is None:
            token = "" if args.password_stdin else _prompt("Security token (empty if none): ")
        return connection.connect_password(
            engine, username, password, token, login_url=args.login_url, ca_file=args.ca_file
        )
    if command == "disconnect":
        return connection.disconnect(engine)
    if command == "sync":
        if args.pause or args.resume:
            return sync.set_paused(engine, args.pause)
        return sync.sync(engine, full=args.full, on_progress=None if args.json else _progress_printer())
    if command == "status":
        if args.waybar or args.line or args.format:
            from desktop.commands import status_line

            if args.waybar:
                return status_line.waybar(engine, args.format)
            return status_line.status_line(engine, args.format)
        return sync.status(engine)
    if command == "log":
        return sync.sync_log(engine)
    if command == "push":
        from desktop.commands import writeback

        return writeback.push(engine)
    if command == "tasks":
        return tasks.list_tasks(engine, search=args.search, archived=args.archived, limit=args.limit)
    if command == "start":
        return tasks.start(engine, " ".join(args.task), note=args.note, archived=args.archived)
    if command == "stop":
        return tasks.stop(engine)
    if command == "add":
        from desktop.commands import add_entry

        return add_entry.add(engine, " ".join(args.task), args.start, end=args.end,
                             duration=args.duration, note=args.note, billable=args.billable)
    if command == "entries":
        from desktop.commands import entries

        return entries.entries(engine, args.date_from, args.date_to, csv=args.csv)
    if command == "report":
        from desktop.commands import report

        return report.report(engine, args.by, args.date_from, args.date_to, csv=args.csv)
    if command == "open":
        from desktop.commands import records

        return records.open_record(engine, " ".join(args.task), print_only=args.print_only)
    if command == "settings":
        from desktop.commands import settings

        if args.settings_command == "set":
            return settings.set_value(engine, args.key, args.value)
        return settings.show(engine)
    raise _UsageError(f"unknown command {command!r}")


class _UsageError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _read_stdin_secrets(args: argparse.Namespace) -> dict[str, str]:
    """--password-stdin: line 1 password, line 2 security token; --token-stdin alone: the
    token is the only line; --consumer-secret-stdin: the consumer secret is the only line."""
    if args.consumer_secret_stdin and (args.oauth or args.device):
        if args.password_stdin or args.token_stdin:
            raise _UsageError("--consumer-secret-stdin is for --oauth or --device sign-in only.")
        secret = sys.stdin.readline().strip()
        if not secret:
            raise _UsageError("--consumer-secret-stdin: no consumer secret on standard input.")
        return {"consumer_secret": secret}
    if not (args.password_stdin or args.token_stdin):
        return {}
    lines = sys.stdin.read().splitlines()
    values: dict[str, str] = {}
    if args.password_stdin:
        if not lines or not lines[0]:
            raise _UsageError("--password-stdin: no password on standard input.")
        values["password"] = lines[0]
        if len(lines) > 1:
            values["token"] = lines[1].strip()
        elif args.token_stdin:
            raise _UsageError("--token-stdin: put the security token on the line after the password.")
    else:
        values["token"] = lines[0].strip() if lines else ""
    return values


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise _UsageError("No terminal to ask for the password; use --password-stdin.")
    import getpass

    return getpass.getpass(label)


def _show_url(url: str) -> None:
    print(f"Open this address in your browser to sign in:\n{url}", file=sys.stderr)


def _show_device_code(code: Any) -> None:
    from desktop.commands.connection import device_code_text

    print(device_code_text(code), file=sys.stderr, flush=True)


def _progress_printer() -> Callable[[str, int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(sobject: str, done: int, total: int) -> None:
        # one status line, rewritten in place and cleared when the page is the last
        line = f"{sobject}: {done}/{total}"
        end = "\n" if done >= total else ""
        print(f"\r{line:<40}", end=end, file=sys.stderr, flush=True)

    return show


def _message(exc: BaseException) -> str | None:
    """The plain-language message of a known problem, or None for an unexpected one."""
    from desktop.domain.entries import EntryError
    from desktop.domain.settings import SettingsError
    from desktop.engine import EngineError
    from desktop.platform.browser import BrowserUnavailable
    from desktop.platform.instance_lock import AlreadyRunning
    from desktop.salesforce.errors import ConnectionProblem

    if isinstance(exc, EngineError | ConnectionProblem | _UsageError | BrowserUnavailable):
        return exc.message
    if isinstance(exc, SettingsError):
        return " ".join(exc.problems.values())
    if isinstance(exc, EntryError | AlreadyRunning):
        return str(exc)
    return _local_file_message(exc)


def _local_file_message(exc: BaseException) -> str | None:
    """The message of a problem with the profile's files: the store (damaged, busy, full,
    read-only) or another file Stint writes (a lock, the profile folders)."""
    import sqlite3

    from desktop.platform.file_problems import os_error_text
    from desktop.store.errors import StoreError, is_corruption

    if isinstance(exc, StoreError):
        return exc.message
    if is_corruption(exc):  # met while reading: the store is damaged
        return ("The local database is damaged (" + str(exc) + "). Run `stint repair` to keep "
                "the damaged file aside and start a fresh one with what can still be read.")
    if isinstance(exc, sqlite3.OperationalError):
        return f"The local database cannot be used right now ({exc}); try again in a moment."
    if isinstance(exc, OSError) and exc.errno is not None:
        return str(os_error_text(exc))
    return None


def _error(message: str) -> None:
    from desktop.domain.text import printable

    print(f"stint: {printable(message)}", file=sys.stderr)
