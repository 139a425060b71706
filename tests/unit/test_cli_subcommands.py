"""Parsing only the command being run (desktop/cli_subcommands.py) reads every command line
exactly as the whole parser does."""

from __future__ import annotations

import pytest

from desktop.cli_parser import build_parser
from desktop.cli_subcommands import command_word

LINES = [
    ["status", "--json"], ["--profile", "/tmp/p", "status", "--line", "--format", "{icon}"],
    ["--profile=/tmp/p", "status", "--waybar"], ["start", "acme", "renewal", "--note", "n"],
    ["stop"], ["tasks", "--search", "acme", "--limit", "5", "--json"], ["entries", "--csv"],
    ["report", "--by", "account", "--from", "2026-01-01"], ["settings", "set", "k", "v"],
    ["settings", "--json"], ["add", "x", "--start", "09:00", "--duration", "1h"], ["push"],
    ["--demo", "sync", "--full"], ["connect", "--oauth", "--consumer-key", "k"], ["log"],
    ["open", "006", "--print"], ["sandbox", "--size", "small"], ["disconnect"],
]


@pytest.mark.parametrize("line", LINES, ids=" ".join)
def test_the_one_command_parser_reads_a_line_as_the_whole_parser(line):
    assert command_word(line) is not None
    only = build_parser(only=command_word(line))
    assert vars(only.parse_args(line)) == vars(build_parser().parse_args(line))


def test_the_command_word_skips_the_app_options():
    assert command_word(["--profile", "/p", "--hidden", "status"]) == "status"
    assert command_word(["--help"]) is None
    assert command_word([]) is None


def test_an_unknown_command_is_refused_with_the_whole_list(capsys):
    with pytest.raises(SystemExit):
        build_parser(only="nosuch").parse_args(["nosuch"])
    assert "choose from 'sandbox', 'connect'" in capsys.readouterr().err
