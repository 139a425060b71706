"""`stint` with only the app's options starts the app without argparse; anything else goes
through the full parser (and its checks and help)."""

from __future__ import annotations

import pytest

from desktop.cli import _app_options
from desktop.cli_parser import build_parser


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ([], {"profile": None, "demo": False, "hidden": False}),
        (["--demo"], {"profile": None, "demo": True, "hidden": False}),
        (["--profile", "/tmp/p"], {"profile": "/tmp/p", "demo": False, "hidden": False}),
        (["--profile=/tmp/p", "--demo"], {"profile": "/tmp/p", "demo": True, "hidden": False}),
        (["--hidden", "--profile", "p"], {"profile": "p", "demo": False, "hidden": True}),
        (["--profile", "a", "--profile", "b"], {"profile": "b", "demo": False, "hidden": False}),
    ],
)
def test_app_options_are_read_directly(arguments, expected):
    assert _app_options(arguments) == expected
    # ...and exactly as the full parser reads them (the two must not drift apart)
    parsed = build_parser().parse_args(arguments)
    assert parsed.command is None
    assert {name: getattr(parsed, name) for name in expected} == expected


@pytest.mark.parametrize(
    "arguments",
    [
        ["status"],
        ["--profile", "/tmp/p", "tasks"],
        ["--help"],
        ["-h"],
        ["--profile"],  # no value: argparse reports it
        ["--profile", "--demo"],  # an option where the value goes: argparse reports it
        ["--profile="],
        ["--dem"],  # abbreviations and typos are argparse's to judge
        ["--version"],
    ],
)
def test_anything_else_goes_to_argparse(arguments):
    assert _app_options(arguments) is None


def test_help_still_lists_the_commands(capsys):
    from desktop.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "connect" in capsys.readouterr().out


def test_every_top_level_option_is_one_the_app_start_reads():
    """A new option of `stint` itself must be taught to _app_options too."""
    options = {
        option for action in build_parser()._actions for option in action.option_strings
        if option.startswith("--") and option not in ("--help", "--version")
    }
    assert options == {"--profile", "--demo", "--hidden"}
    for option in ("--demo", "--hidden"):
        assert _app_options([option])[option[2:]] is True


def test_version_prints_the_package_version(capsys):
    from desktop import __version__
    from desktop.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"stint {__version__}\n"
