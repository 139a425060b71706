"""Parsing only the command being run: argparse spends about a millisecond building each
command's parser, and panels run `stint status` every few seconds (desktop/cli_parser.py's
build_parser takes the command from `command_word` and adds its commands through
`Subcommands`, which builds the one asked for and lets the others' blocks add to a `Skipped`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Subcommands:
    """add_parser for the command being run only (build_parser's `only`); the parsers of the
    others are not built: what their blocks add goes to a Skipped."""

    def __init__(self, subparsers: Any, only: str | None) -> None:
        self._subparsers = subparsers
        self._only = only
        self.found = False

    def add_parser(self, name: str, **options: Any) -> Any:
        if self._only is not None and name != self._only:
            return Skipped()
        self.found = True
        return self._subparsers.add_parser(name, **options)


class Skipped:
    """Takes every call a command's block makes (add_argument, groups, subparsers) and
    builds nothing."""

    def __getattr__(self, name: str) -> Callable[..., Skipped]:
        return lambda *args, **options: self


def command_word(arguments: list[str]) -> str | None:
    """The command in `stint [--profile DIR] [--demo] [--hidden] COMMAND ...`, or None."""
    rest = list(arguments)
    while rest:
        word = rest.pop(0)
        if word == "--profile" and rest:
            rest.pop(0)
        elif word.startswith("--profile=") or word in ("--demo", "--hidden"):
            continue
        else:
            return None if word.startswith("-") else word
    return None
