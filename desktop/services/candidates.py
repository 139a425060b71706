"""Opportunities and Cases a user may pick for "specific items": the query and its rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CANDIDATE_LIMIT = 200
# The longest field searched is Case.Subject (255 characters; Opportunity.Name holds 120,
# CaseNumber 30). A longer text can match nothing, so it is never sent: Salesforce refuses
# string literals over 4,000 characters (MALFORMED_QUERY), which a pasted text could reach.
LONGEST_SEARCHED_FIELD = 255
# SOQL escape sequences ("SOQL and SOSL Reference", Quoted String Escape Sequences); in a
# LIKE literal \% and \_ stand for the characters themselves.
_ESCAPES = str.maketrans({"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n",
                          "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
                          "%": "\\%", "_": "\\_"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """An Opportunity or Case the user may pick for "specific items" mode (plain text)."""

    id: str
    sobject: str
    name: str
    detail: str = ""  # account, stage, case number: helps tell similar names apart


def can_match(text: str) -> bool:
    """Whether any record can contain `text` (no longer than the longest field searched)."""
    return len(text) <= LONGEST_SEARCHED_FIELD


def _like(text: str) -> str:
    """A SOQL LIKE literal matching `text` anywhere (its own %, _, quotes, backslashes and
    line breaks taken literally)."""
    return f"'%{text.translate(_ESCAPES)}%'"


def candidate_soql(sobject: str, text: str) -> str:
    """The query for candidates containing `text` (all of them for ""); ValueError for a text
    that no record can contain (see `can_match`: do not ask Salesforce then)."""
    if not can_match(text):
        raise ValueError(f"a search text of {len(text):,} characters matches nothing")
    if sobject == "Opportunity":
        where = f" WHERE Name LIKE {_like(text)}" if text else ""
        return (f"SELECT Id, Name, StageName, Account.Name FROM Opportunity{where} "
                f"ORDER BY SystemModstamp DESC LIMIT {CANDIDATE_LIMIT}")
    where = f" WHERE (Subject LIKE {_like(text)} OR CaseNumber LIKE {_like(text)})" if text else ""
    return (f"SELECT Id, CaseNumber, Subject, Status, Account.Name FROM Case{where} "
            f"ORDER BY SystemModstamp DESC LIMIT {CANDIDATE_LIMIT}")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def candidate(sobject: str, record: dict) -> Candidate:
    account = _text((record.get("Account") or {}).get("Name"))
    if sobject == "Opportunity":
        detail = " · ".join(part for part in (account, _text(record.get("StageName"))) if part)
        return Candidate(_text(record["Id"]), sobject, _text(record.get("Name")), detail)
    number = _text(record.get("CaseNumber"))
    subject = _text(record.get("Subject"))
    name = f"Case {number}: {subject}" if number else subject
    detail = " · ".join(part for part in (account, _text(record.get("Status"))) if part)
    return Candidate(_text(record["Id"]), sobject, name, detail)
