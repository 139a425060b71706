"""Opportunities and Cases a user may pick for "specific items": the query and its rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CANDIDATE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Candidate:
    """An Opportunity or Case the user may pick for "specific items" mode (plain text)."""

    id: str
    sobject: str
    name: str
    detail: str = ""  # account, stage, case number: helps tell similar names apart


def _like(text: str) -> str:
    """A SOQL LIKE literal matching `text` anywhere (its own %, _ and quotes taken literally)."""
    escaped = (
        text.replace("\\", "\\\\").replace("'", "\\'").replace("%", "\\%").replace("_", "\\_")
    )
    return f"'%{escaped}%'"


def candidate_soql(sobject: str, text: str) -> str:
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
