"""Realistic fake Salesforce items for benchmarks: accounts, opportunities, cases, activities.

Deterministic for a seed. Names mix English, French and German company names (with accents),
opportunity names like "Acme Widgets - 500 Widgets", 8-digit case numbers, stages, amounts.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from desktop.domain.items import ROOT_ID, Item, ItemKind

_FIRST = (
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Hooli", "Vandelay",
    "Soylent", "Tyrell", "Cyberdyne", "Aperture", "Massive", "Dunder", "Gringotts", "Oceanic",
    "Nordwind", "Crème", "Société", "Müller", "Bäckerei", "Château", "Zürich", "Öko", "Café",
    "Brasserie", "Ångström", "Pacific", "Atlantic", "Northern", "Blue", "Red", "Green", "Summit",
    "Pinnacle", "Vertex", "Quantum", "Fusion", "Apex", "Horizon", "Evergreen", "Silver", "Iron",
    "Golden", "Bright", "Clear", "Rapid", "United", "Global", "First", "Metro", "Coastal",
)
_SECOND = (
    "Corp", "Industries", "Systems", "Logistics", "Foods", "Pharma", "Energy", "Labs", "Media",
    "Holdings", "Partners", "Solutions", "Dynamics", "Networks", "Analytics", "de la Crème",
    "Générale", "GmbH", "SARL", "AG", "& Söhne", "Technologies", "Consulting", "Retail",
    "Manufacturing", "Health", "Bank", "Insurance", "Motors", "Airlines", "Textiles",
)
_PRODUCTS = (
    "Widgets", "Gadgets", "Licenses", "Seats", "Support Plan", "Renewal", "Upgrade", "Servers",
    "Consulting Days", "Training", "Subscription", "Pilot", "Expansion", "Implementation",
    "Maintenance", "Hardware Refresh", "Cloud Migration", "Data Platform", "Café Machines",
)
_STAGES = (
    "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
    "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review",
)
_CASE_SUBJECTS = (
    "Cannot log in", "Invoice is wrong", "Shipment delayed", "Widget broken on arrival",
    "Password reset does not work", "Request for refund", "Error 500 on checkout",
    "Slow performance in reports", "Feature request: export to CSV", "Contract renewal question",
    "Billing address change", "Damaged packaging", "Licence key expired", "Sync fails nightly",
    "Réclamation livraison", "Rückfrage zur Rechnung", "Data import stuck", "API limit reached",
)
_ACTIVITIES = (
    "Call back", "Send quote", "Follow up", "Schedule demo", "Prepare proposal", "Email contract",
    "Review requirements", "Onsite visit", "Kick-off meeting", "Check invoice", "Escalate to tier 2",
    "Update forecast", "Send NDA", "Négocier le prix", "Angebot nachfassen", "Collect feedback",
)
_PRIORITIES = ("Low", "Medium", "High", "Urgent")
_STATUSES = ("New", "Working", "Escalated", "Waiting on Customer")


def _sf_id(prefix: str, number: int) -> str:
    return f"{prefix}{number:015d}"[:18].ljust(18, "A")


def generate_items(count: int = 200_000, seed: int = 7) -> list[Item]:
    """`count` items under the root: ~30% opportunities, ~20% cases, ~50% activities."""
    rng = random.Random(seed)
    accounts = sorted(
        {f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}" for _ in range(3000)}
        | {f"{rng.choice(_FIRST)} {rng.choice(_FIRST)} {rng.choice(_SECOND)}" for _ in range(3000)}
    )
    modstamp = datetime(2026, 11, 1, tzinfo=UTC)
    items: list[Item] = []
    parents: list[Item] = []
    opportunities = count * 3 // 10
    cases = count * 2 // 10
    for number in range(opportunities):
        account = rng.choice(accounts)
        quantity = rng.choice((5, 10, 25, 50, 100, 250, 500, 1000, 2500))
        item = Item(
            id=_sf_id("006", number),
            kind=ItemKind.OPPORTUNITY,
            name=f"{account} - {quantity} {rng.choice(_PRODUCTS)}",
            parent_id=ROOT_ID,
            sobject="Opportunity",
            fields=(
                ("Account", account),
                ("Stage", rng.choice(_STAGES)),
                ("Amount", f"{rng.randrange(1, 2000) * 250:,}.00"),
                ("Close Date", (date(2026, 1, 1) + timedelta(days=rng.randrange(730))).isoformat()),
            ),
            owner_id=_sf_id("005", rng.randrange(40)),
            modstamp=modstamp,
        )
        items.append(item)
        parents.append(item)
    for number in range(cases):
        account = rng.choice(accounts)
        item = Item(
            id=_sf_id("500", number),
            kind=ItemKind.CASE,
            name=rng.choice(_CASE_SUBJECTS),
            parent_id=ROOT_ID,
            sobject="Case",
            fields=(
                ("Account", account),
                ("Case Number", f"{number + 1000:08d}"),
                ("Priority", rng.choice(_PRIORITIES)),
                ("Status", rng.choice(_STATUSES)),
            ),
            owner_id=_sf_id("005", rng.randrange(40)),
            modstamp=modstamp,
        )
        items.append(item)
        parents.append(item)
    for number in range(count - opportunities - cases):
        parent = rng.choice(parents)
        items.append(
            Item(
                id=_sf_id("00T", number),
                kind=ItemKind.ACTIVITY,
                name=rng.choice(_ACTIVITIES),
                parent_id=parent.id,
                sobject="Task",
                fields=(
                    ("Due", (date(2026, 1, 1) + timedelta(days=rng.randrange(730))).isoformat()),
                    ("Status", rng.choice(("Not Started", "In Progress", "Waiting"))),
                ),
                owner_id=parent.owner_id,
                modstamp=modstamp,
            )
        )
    return items
