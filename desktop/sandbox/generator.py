"""A seeded, deterministic org: same size, seed and clock -> the same records, ids included.

Rows are built in bulk with their derived fields computed here (no per-record validation), so
the large org (50,000 opportunities, 50,000 cases, 100,000 tasks) builds in seconds.
"""

from __future__ import annotations

import logging
import random
import unicodedata
from datetime import datetime, timedelta

from desktop.sandbox import names
from desktop.sandbox.clock import Clock, to_seconds
from desktop.sandbox.objects import CASE_STATUSES, OPPORTUNITY_STAGES, TASK_STATUSES
from desktop.sandbox.org import Org
from desktop.sandbox.rules import FIRST_CASE_NUMBER, case_number
from desktop.sandbox.users import API_PASSWORD

log = logging.getLogger(__name__)

SIZES: dict[str, dict[str, int]] = {
    "demo": {"users": 4, "accounts": 24, "contacts": 40, "opportunities": 36, "cases": 30,
             "tasks": 80, "events": 12},
    "small": {"users": 5, "accounts": 60, "contacts": 120, "opportunities": 200, "cases": 200,
              "tasks": 600, "events": 40},
    "large": {"users": 20, "accounts": 5000, "contacts": 10000, "opportunities": 50000,
              "cases": 50000, "tasks": 100000, "events": 2000},
}
# (stage, weight): most deals are open; every kind of closed stage is represented
_STAGE_WEIGHTS = [(label, 12 if not closed else 0) for label, closed, _, _ in OPPORTUNITY_STAGES]
_STAGE_WEIGHTS = [(s, w) for s, w in _STAGE_WEIGHTS if w] + [
    ("Closed Won", 22), ("Closed Lost", 16), ("Closed - Merged", 6)]
_CASE_STATUS_WEIGHTS = [("New", 25), ("Working", 25), ("Escalated", 8), ("On Hold", 5),
                        ("Closed", 37)]
_TASK_STATUS_WEIGHTS = [("Not Started", 30), ("In Progress", 15), ("Waiting on someone else", 8),
                        ("Deferred", 5), ("Completed", 42)]
_DAY = timedelta(days=1)


def generate_org(size: str = "demo", seed: int = 1, clock: Clock | None = None,
                 **counts: int) -> Org:
    """A new org of the given size; `counts` override the size's numbers (e.g. opportunities=6000)."""
    if size not in SIZES:
        raise ValueError(f"unknown org size {size!r}; expected one of {', '.join(SIZES)}")
    unknown = set(counts) - set(SIZES[size])
    if unknown:
        raise TypeError(f"unknown record counts: {', '.join(sorted(unknown))}")
    wanted = {**SIZES[size], **counts}
    org = Org(clock)
    _Builder(org, random.Random(seed), hostile=size in ("demo", "small")).build(wanted)
    log.info("generated %s org (seed %s): %s", size, seed, wanted)
    return org


class _Builder:
    def __init__(self, org: Org, rng: random.Random, *, hostile: bool) -> None:
        self.org = org
        self.rng = rng
        self.hostile = hostile
        self.now = org.clock.now()
        self.store = org._store  # bulk load bypasses per-record validation on purpose
        self.users: list[str] = []
        self.accounts: list[tuple[str, str]] = []  # (id, name)
        self.contacts_by_account: dict[str, list[str]] = {}
        self.contacts: list[str] = []
        self.opportunities: list[str] = []
        self.cases: list[str] = []

    def build(self, counts: dict[str, int]) -> None:
        with self.org._lock:
            self._users(counts["users"])
            self._accounts(counts["accounts"])
            self._contacts(counts["contacts"])
            self._opportunities(counts["opportunities"])
            self._cases(counts["cases"])
            self._tasks(counts["tasks"])
            self._events(counts["events"])

    # -- helpers ----------------------------------------------------------------------------
    def _owner(self) -> str:
        """The api user owns about half of everything."""
        if self.rng.random() < 0.5 or len(self.users) == 1:
            return self.users[0]
        return self.rng.choice(self.users[1:])

    def _stamps(self, max_age_days: float = 400) -> tuple[datetime, datetime]:
        """(created, last modified), both in the past, recent changes more likely."""
        rng = self.rng
        created = self.now - timedelta(days=rng.uniform(0.05, max_age_days))
        age = (self.now - created).total_seconds()
        modified = created + timedelta(seconds=age * (1 - rng.random() ** 3))
        return to_seconds(created), to_seconds(modified)

    def _rows(self, sobject: str, count: int, fill) -> list[dict]:
        info = self.org.schema.sobject(sobject)
        template = self.store.blank_row(info)
        template["IsDeleted"] = False
        new_id = self.store.ids.new_id
        prefix = info.key_prefix
        rows = []
        for index in range(count):
            row = template.copy()
            row["Id"] = new_id(prefix)
            created, modified = self._stamps()
            owner = self._owner()
            row.update(CreatedDate=created, LastModifiedDate=modified, SystemModstamp=modified,
                       CreatedById=owner, LastModifiedById=owner)
            if "OwnerId" in row:
                row["OwnerId"] = owner
            fill(row, index)
            rows.append(row)
        self.store.insert_many(info.name, rows)
        return rows

    def _weighted(self, choices: list[tuple[str, int]]) -> str:
        return self.rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]

    # -- objects ----------------------------------------------------------------------------
    def _users(self, count: int) -> None:
        self.users.append(self.org.api_user.id)
        for index in range(1, count):
            first = names.FIRST_NAMES[(index * 7) % len(names.FIRST_NAMES)]
            last = names.LAST_NAMES[(index * 11) % len(names.LAST_NAMES)]
            username = f"{_ascii(first)}.{_ascii(last)}{index}@example.com".lower()
            user = self.org.add_user(username, first, last, password=API_PASSWORD,
                                     security_token=f"TOKEN{index:04d}", title="Account Executive")
            self.users.append(user.id)

    def _accounts(self, count: int) -> None:
        rng = self.rng
        hostile = list(names.HOSTILE_ACCOUNT_NAMES) if self.hostile else []
        used: set[str] = set()
        industries = [e.value for e in self.org.schema.sobject("Account").field("Industry").picklist]

        def fill(row: dict, index: int) -> None:
            if index % 5 == 3 and hostile:
                name = hostile.pop(0)
            else:
                name = f"{rng.choice(names.COMPANY_STEMS)} {rng.choice(names.COMPANY_SUFFIXES)}"
                if name in used:
                    name = f"{name} {rng.choice(names.CITIES)[0]}"
                if name in used:
                    name = f"{name} {index}"
            used.add(name)
            city, country = rng.choice(names.CITIES)
            domain = _ascii(name.split()[0]).lower() or "example"
            row.update(Name=name, BillingCity=city, BillingCountry=country,
                       Industry=rng.choice(industries), Type=rng.choice(
                           ["Prospect", "Customer - Direct", "Customer - Channel", "Partner"]),
                       Phone=f"+1 555 {rng.randrange(1000000):07d}", Website=f"https://{domain}.example")
            self.accounts.append((row["Id"], name))

        self._rows("Account", count, fill)

    def _contacts(self, count: int) -> None:
        rng = self.rng

        def fill(row: dict, index: int) -> None:
            first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
            account_id = self.accounts[index % len(self.accounts)][0] if self.accounts else None
            row.update(FirstName=first, LastName=last, Name=f"{first} {last}",
                       AccountId=account_id, Title=rng.choice(["CIO", "IT Manager", "Buyer", "CFO",
                                                               "Operations Lead", None]),
                       Email=f"{_ascii(first)}.{_ascii(last)}{index}@example.com".lower(),
                       Phone=f"+1 555 {rng.randrange(1000000):07d}")
            self.contacts.append(row["Id"])
            self.contacts_by_account.setdefault(account_id, []).append(row["Id"])

        self._rows("Contact", count, fill)

    def _opportunities(self, count: int) -> None:
        rng = self.rng
        stages = {label: (closed, won, p) for label, closed, won, p in OPPORTUNITY_STAGES}
        hostile = list(names.HOSTILE_SUBJECTS) if self.hostile else []
        guaranteed = [label for label, _, _, _ in OPPORTUNITY_STAGES]  # every stage at least once
        today = self.now.date()

        def fill(row: dict, index: int) -> None:
            stage = guaranteed[index] if index < len(guaranteed) else self._weighted(_STAGE_WEIGHTS)
            closed, won, probability = stages[stage]
            account_id, account_name = (rng.choice(self.accounts) if self.accounts
                                        else (None, rng.choice(names.COMPANY_STEMS)))
            if index % 7 == 5 and hostile:
                name = hostile.pop(0)
            elif rng.random() < 0.5:
                name = f"{account_name} - {rng.choice((5, 10, 25, 50, 100, 250, 500, 1000))} " \
                       f"{rng.choice(names.PRODUCTS)}"
            else:
                name = f"{account_name} - {rng.choice(names.OPPORTUNITY_KINDS)} {today.year + rng.randint(-1, 1)}"
            close_offset = -rng.randint(1, 300) if closed else rng.randint(-20, 180)
            row.update(Name=name[:120], AccountId=account_id, StageName=stage,
                       CloseDate=today + close_offset * _DAY,
                       Amount=float(rng.randrange(20, 5000) * 100), Probability=probability,
                       IsClosed=closed, IsWon=won,
                       Type=rng.choice(["New Customer", "Existing Customer - Upgrade", None]),
                       LeadSource=rng.choice(["Web", "Phone Inquiry", "Partner Referral", None]))
            self.opportunities.append(row["Id"])

        self._rows("Opportunity", count, fill)

    def _cases(self, count: int) -> None:
        rng = self.rng
        closed_statuses = {label for label, closed, _ in CASE_STATUSES if closed}
        hostile = list(names.HOSTILE_SUBJECTS) if self.hostile else []
        parents: list[tuple[str, str | None]] = []  # earlier top-level cases (id, account)

        def fill(row: dict, index: int) -> None:
            status = "Closed" if index == 0 else self._weighted(_CASE_STATUS_WEIGHTS)
            account_id = rng.choice(self.accounts)[0] if self.accounts else None
            parent_id = None
            if parents and index % 9 == 4:  # about one case in nine is a child case
                parent_id, account_id = rng.choice(parents)
            contacts = self.contacts_by_account.get(account_id) or [None]
            subject = (hostile.pop(0) if index % 6 == 2 and hostile
                       else rng.choice(names.CASE_SUBJECTS))
            closed = status in closed_statuses
            number = self.store.next_number("Case", FIRST_CASE_NUMBER)
            row.update(CaseNumber=case_number(number), Subject=subject, Status=status,
                       IsClosed=closed, ParentId=parent_id, AccountId=account_id,
                       ContactId=rng.choice(contacts),
                       Priority=rng.choice(["High", "Medium", "Medium", "Low"]),
                       Origin=rng.choice(["Phone", "Email", "Web"]),
                       ClosedDate=row["LastModifiedDate"] if closed else None)
            if parent_id is None:
                parents.append((row["Id"], account_id))
            self.cases.append(row["Id"])

        self._rows("Case", count, fill)

    def _what_id(self, index: int) -> str | None:
        """Tasks and events hang off opportunities and cases, a few off accounts."""
        pick = index % 20
        if pick < 9 and self.opportunities:
            return self.rng.choice(self.opportunities)
        if pick < 18 and self.cases:
            return self.rng.choice(self.cases)
        return self.rng.choice(self.accounts)[0] if self.accounts else None

    def _tasks(self, count: int) -> None:
        rng = self.rng
        closed_statuses = {label for label, closed, _ in TASK_STATUSES if closed}
        today = self.now.date()

        def fill(row: dict, index: int) -> None:
            status = self._weighted(_TASK_STATUS_WEIGHTS)
            row.update(Subject=rng.choice(names.TASK_SUBJECTS), WhatId=self._what_id(index),
                       WhoId=rng.choice(self.contacts) if self.contacts and rng.random() < 0.3
                       else None,
                       ActivityDate=today + rng.randint(-30, 30) * _DAY, Status=status,
                       Priority=rng.choice(["High", "Normal", "Normal", "Low"]),
                       IsClosed=status in closed_statuses)

        self._rows("Task", count, fill)

    def _events(self, count: int) -> None:
        rng = self.rng
        midnight = self.now.replace(hour=0, minute=0, second=0, microsecond=0)

        def fill(row: dict, index: int) -> None:
            start = midnight + timedelta(days=rng.randint(-20, 20),
                                         minutes=30 * rng.randint(16, 34))
            minutes = rng.choice((30, 60, 90, 120))
            row.update(Subject=rng.choice(names.EVENT_SUBJECTS), WhatId=self._what_id(index),
                       StartDateTime=start, ActivityDateTime=start, ActivityDate=start.date(),
                       EndDateTime=start + timedelta(minutes=minutes), DurationInMinutes=minutes,
                       IsAllDayEvent=False, Location=rng.choice(["Zoom", "Customer site", None]))

        self._rows("Event", count, fill)


def _ascii(text: str) -> str:
    """Letters and digits only, accents dropped (for usernames, e-mails, domains)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())
