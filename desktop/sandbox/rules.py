"""Per-object server behaviour run on every write: derived fields, auto numbers and the rules that
reject a record (Event duration, the Time_Entry__c validation rule, unique fields)."""

from __future__ import annotations

from datetime import datetime, timedelta

from desktop.sandbox.errors import bad_request
from desktop.sandbox.records import RecordStore

MAX_EVENT_MINUTES = 14 * 24 * 60
FIRST_CASE_NUMBER = 1000
MAX_TIME_ENTRY_MINUTES = 1440


class StatusTables:
    """The setup tables that give stages and statuses their meaning (closed, won, default)."""

    def __init__(self, store: RecordStore) -> None:
        self._store = store

    def _by_label(self, sobject: str) -> dict[str, dict]:
        return {row["MasterLabel"]: row for row in self._store.rows(sobject)}

    def stage(self, label: str) -> dict | None:
        return self._by_label("OpportunityStage").get(label)

    def status_row(self, sobject: str, label: str) -> dict | None:
        return self._by_label(sobject).get(label)

    def ordered(self, sobject: str) -> list[dict]:
        return sorted(self._store.rows(sobject), key=lambda r: r["SortOrder"] or 0)

    def default_label(self, sobject: str) -> str | None:
        return next((r["MasterLabel"] for r in self.ordered(sobject) if r.get("IsDefault")), None)


def case_number(number: int) -> str:
    return f"{number:08d}"


def time_entry_name(number: int) -> str:
    return f"TE-{number:06d}"


class RecordRules:
    """Applies the object-specific behaviour to a row about to be stored."""

    def __init__(self, store: RecordStore, statuses: StatusTables) -> None:
        self._store = store
        self._statuses = statuses

    def apply(self, sobject: str, row: dict, old: dict | None, provided: set[str],
              now: datetime) -> None:
        """Mutates `row` (the new version); `old` is None on create. Raises SandboxError."""
        handler = getattr(self, f"_apply_{sobject.lower()}", None)
        if handler is not None:
            handler(row, old, provided, now)

    def _apply_contact(self, row: dict, old: dict | None, provided: set[str], now: datetime) -> None:
        row["Name"] = " ".join(p for p in (row["FirstName"], row["LastName"]) if p)

    def _apply_opportunity(self, row: dict, old: dict | None, provided: set[str],
                           now: datetime) -> None:
        stage = self._statuses.stage(row["StageName"]) or {}
        row["IsClosed"] = bool(stage.get("IsClosed"))
        row["IsWon"] = bool(stage.get("IsWon"))
        stage_changed = old is None or old["StageName"] != row["StageName"]
        if stage_changed and "Probability" not in provided:
            row["Probability"] = stage.get("DefaultProbability")

    def _apply_case(self, row: dict, old: dict | None, provided: set[str], now: datetime) -> None:
        if old is None:
            row["CaseNumber"] = case_number(self._store.next_number("Case", FIRST_CASE_NUMBER))
        status = self._statuses.status_row("CaseStatus", row["Status"]) or {}
        row["IsClosed"] = bool(status.get("IsClosed"))
        if not row["IsClosed"]:
            row["ClosedDate"] = None
        elif old is None or not old["IsClosed"]:
            row["ClosedDate"] = now
        if row["ParentId"] is not None and row["ParentId"] == row["Id"]:
            raise bad_request("FIELD_INTEGRITY_EXCEPTION",
                              "Parent Case ID: A case can't be its own parent", ["ParentId"])

    def _apply_task(self, row: dict, old: dict | None, provided: set[str], now: datetime) -> None:
        status = self._statuses.status_row("TaskStatus", row["Status"]) or {}
        row["IsClosed"] = bool(status.get("IsClosed"))

    def _apply_event(self, row: dict, old: dict | None, provided: set[str], now: datetime) -> None:
        # StartDateTime and ActivityDateTime are the same instant under two names
        if "ActivityDateTime" in provided and "StartDateTime" not in provided:
            row["StartDateTime"] = row["ActivityDateTime"]
        start = row["StartDateTime"]
        if start is None:
            raise bad_request("REQUIRED_FIELD_MISSING",
                              "Required fields are missing: [StartDateTime]", ["StartDateTime"])
        if row["IsAllDayEvent"]:
            start = start.replace(hour=0, minute=0, second=0, microsecond=0)
            row["StartDateTime"] = start
            if row["DurationInMinutes"] is None:
                row["DurationInMinutes"] = 1440
        end, minutes = self._event_end_and_duration(row, old, provided, start)
        if end < start:
            raise bad_request("FIELD_INTEGRITY_EXCEPTION",
                              "End Date Time: End time can't be before the start time.",
                              ["EndDateTime"])
        if minutes > MAX_EVENT_MINUTES:
            raise bad_request("FIELD_INTEGRITY_EXCEPTION",
                              "Event duration can't exceed 14 days.", ["DurationInMinutes"])
        row["EndDateTime"], row["DurationInMinutes"] = end, minutes
        row["ActivityDateTime"] = start
        row["ActivityDate"] = start.date()

    @staticmethod
    def _event_end_and_duration(row: dict, old: dict | None, provided: set[str],
                                start: datetime) -> tuple[datetime, int]:
        end, minutes = row["EndDateTime"], row["DurationInMinutes"]
        end_given = "EndDateTime" in provided and end is not None
        minutes_given = "DurationInMinutes" in provided and minutes is not None
        if row["IsAllDayEvent"]:
            return start + timedelta(minutes=minutes), minutes
        if end_given and minutes_given:
            if end - start != timedelta(minutes=minutes):
                raise bad_request(
                    "FIELD_INTEGRITY_EXCEPTION",
                    "Duration In Minutes: the duration doesn't match the start and end times.",
                    ["DurationInMinutes"],
                )
            return end, minutes
        if end_given:
            return end, int((end - start).total_seconds() // 60)
        if minutes is not None:
            # a new duration, or a moved start: the end follows, the duration is kept
            return start + timedelta(minutes=minutes), minutes
        if end is not None:
            return end, int((end - start).total_seconds() // 60)
        raise bad_request("REQUIRED_FIELD_MISSING",
                          "Required fields are missing: [DurationInMinutes]", ["DurationInMinutes"])

    def _apply_time_entry__c(self, row: dict, old: dict | None, provided: set[str],
                             now: datetime) -> None:
        if old is None:
            row["Name"] = time_entry_name(self._store.next_number("Time_Entry__c", 1))
        minutes = row["Minutes__c"]
        if minutes is None or not 0 < minutes <= MAX_TIME_ENTRY_MINUTES:
            raise bad_request(
                "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Minutes must be greater than 0 and at most 1440 (24 hours).",
                ["Minutes__c"],
            )
