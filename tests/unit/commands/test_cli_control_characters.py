"""Record names and notes with control characters never reach the terminal as they are
(issue 11, point 10): every command prints them escaped, in text, JSON and CSV, through the
CLI against the sandbox."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

# Retitles the terminal and clears the screen; an 8-bit CSI; a right-to-left override; a
# line break that would start a fake line.
HOSTILE_NAME = "\x1b]0;pwned\x07\x1b[2J Hostile"
HOSTILE_NOTE = "note\x9b31m red\u202eevil\nFAKE LINE"
SHOWN_NAME = "\\x1b]0;pwned\\x07\\x1b[2J Hostile"
SHOWN_NOTE = "note\\x9b31m red\\u202eevil\\nFAKE LINE"
# Anything a terminal could act on (a line break only between lines of output).
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _clean(outcome) -> None:
    for stream in (outcome.out, outcome.err):
        assert not RAW_CONTROL.search(stream), repr(stream)


def _hostile_opportunity(sandbox) -> str:
    created = sandbox.salesforce().Opportunity.create({
        "Name": HOSTILE_NAME, "StageName": "Prospecting", "CloseDate": "2030-01-01"})
    return created["id"]


def test_every_command_prints_a_hostile_name_escaped(connected_cli, sandbox):
    cli = connected_cli
    assert cli("sync").code == 0
    opportunity = _hostile_opportunity(sandbox)
    assert cli("sync").code == 0  # the record change is among the last ones `log` shows
    yesterday = date.today() - timedelta(days=1)

    shown_with_name = [
        cli("tasks"),
        cli("tasks", "--search", "pwned hostile"),
        cli("start", opportunity, "--note", HOSTILE_NOTE),
        cli("status"),
        cli("status", "--line"),
        cli("status", "--format", "{path} {note}"),
        cli("stop"),
        cli("add", opportunity, "--start", f"{yesterday} 09:00", "--duration", "30m",
            "--note", HOSTILE_NOTE),
        cli("entries", "--from", str(yesterday)),
        cli("report", "--by", "opportunity", "--from", str(yesterday)),
        cli("log"),
    ]
    for outcome in shown_with_name:
        assert outcome.code == 0, outcome.err
        _clean(outcome)
        assert SHOWN_NAME in outcome.out, outcome.out
    for outcome in (shown_with_name[5], shown_with_name[8]):  # the note, where it is shown
        assert SHOWN_NOTE in outcome.out and "\nFAKE LINE" not in outcome.out

    ambiguous = cli("start", "hostile")  # one match: started; the line is escaped too
    _clean(ambiguous)
    assert SHOWN_NAME in ambiguous.out


def test_json_and_csv_keep_the_text_exactly_but_inert(connected_cli, sandbox):
    cli = connected_cli
    opportunity = _hostile_opportunity(sandbox)
    assert cli("sync").code == 0
    yesterday = date.today() - timedelta(days=1)
    assert cli("add", opportunity, "--start", f"{yesterday} 09:00", "--duration", "30m",
               "--note", HOSTILE_NOTE).code == 0

    for outcome in (cli("tasks", "--search", "pwned", "--json"),
                    cli("entries", "--from", str(yesterday), "--json"),
                    cli("open", opportunity, "--print", "--json"),
                    cli("status", "--waybar")):
        _clean(outcome)
        json.loads(outcome.out)  # still JSON
    [task] = cli("tasks", "--search", "pwned", "--json").json()
    assert task["name"] == HOSTILE_NAME  # the same text, escaped the JSON way
    [entry] = cli("entries", "--from", str(yesterday), "--json").json()
    assert entry["note"] == HOSTILE_NOTE

    for outcome in (cli("entries", "--from", str(yesterday), "--csv"),
                    cli("report", "--by", "opportunity", "--from", str(yesterday), "--csv")):
        assert outcome.code == 0
        assert not RAW_CONTROL.search(outcome.out.replace("\r\n", "\n"))
        assert SHOWN_NAME in outcome.out


def test_a_hostile_name_in_an_error_is_escaped(connected_cli, sandbox):
    _hostile_opportunity(sandbox)
    sandbox.salesforce().Opportunity.create({
        "Name": HOSTILE_NAME + " two", "StageName": "Prospecting", "CloseDate": "2030-01-01"})
    assert connected_cli("sync").code == 0
    ambiguous = connected_cli("start", "pwned")
    assert ambiguous.code == 3
    _clean(ambiguous)
    assert SHOWN_NAME in ambiguous.err
    missing = connected_cli("start", "\x1b[2J nothing like it")
    assert missing.code == 1
    _clean(missing)
