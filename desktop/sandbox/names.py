"""Word lists the org generator draws believable names from."""

from __future__ import annotations

FIRST_NAMES = (
    "Alice", "Amir", "Anna", "Ben", "Carla", "Chen", "Dana", "David", "Elena", "Emeka", "Fatima",
    "Felix", "Grace", "Hannah", "Hiro", "Ines", "Jakob", "Jamal", "Julia", "Karin", "Kofi",
    "Lars", "Laura", "Lucía", "Malik", "Marta", "Mateo", "Mei", "Nadia", "Noah", "Olga", "Omar",
    "Priya", "Rafael", "Rosa", "Sam", "Sofia", "Tariq", "Theo", "Ursula", "Valentina", "Wei",
    "Yara", "Yusuf", "Zoë", "Björn", "Chloé", "Søren",
)
LAST_NAMES = (
    "Adams", "Andersen", "Bauer", "Becker", "Brown", "Castro", "Chen", "Costa", "Dubois",
    "Eriksson", "Fischer", "García", "Gonzalez", "Hansen", "Ito", "Jansen", "Kim", "Kowalski",
    "Larsen", "Lee", "Martin", "Müller", "Nakamura", "Nguyen", "Novak", "O'Brien", "Okafor",
    "Patel", "Rossi", "Santos", "Schmidt", "Silva", "Smith", "Tanaka", "Thompson", "Van Dijk",
    "Wagner", "Weber", "Williams", "Wójcik", "Yamamoto", "Zhang",
)
COMPANY_STEMS = (
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Soylent", "Hooli",
    "Vandelay", "Wonka", "Cyberdyne", "Aperture", "Blue Harbor", "Northwind", "Contoso",
    "Fabrikam", "Litware", "Tailspin", "Proseware", "Adventure Works", "Alpine Ski House",
    "Coho", "Fourth Coffee", "Lucerne", "Margie's", "Trey", "Wide World", "Woodgrove",
    "Bluefin", "Silver Creek", "Red Maple", "Iron Valley", "Granite Peak", "Cedar Point",
    "Pioneer", "Summit", "Evergreen", "Harbor Light", "Quantum", "Helios", "Atlas", "Orion",
    "Nordlicht", "Kestrel", "Meridian", "Polaris", "Zenith", "Brightwater", "Oakridge",
)
COMPANY_SUFFIXES = (
    "Corp", "Inc.", "Ltd", "GmbH", "Group", "Industries", "Logistics", "Systems", "Labs",
    "Holdings", "Partners", "Solutions", "Trading", "Foods", "Energy", "Health", "Media",
    "Software", "Manufacturing", "S.A.", "AG", "BV", "Oy", "AB",
)
CITIES = (
    ("Berlin", "Germany"), ("Munich", "Germany"), ("Paris", "France"), ("Lyon", "France"),
    ("London", "United Kingdom"), ("Manchester", "United Kingdom"), ("Madrid", "Spain"),
    ("Milan", "Italy"), ("Amsterdam", "Netherlands"), ("Stockholm", "Sweden"),
    ("Warsaw", "Poland"), ("Zürich", "Switzerland"), ("New York", "United States"),
    ("Austin", "United States"), ("Chicago", "United States"), ("Toronto", "Canada"),
    ("São Paulo", "Brazil"), ("Tokyo", "Japan"), ("Singapore", "Singapore"),
    ("Sydney", "Australia"),
)
PRODUCTS = (
    "Widgets", "Licenses", "Seats", "Support Hours", "Server Racks", "Sensors", "Pallets",
    "Training Days", "Subscriptions", "Units", "Laptops", "Kiosks", "Cloud Credits",
)
OPPORTUNITY_KINDS = (
    "Renewal", "Upgrade", "Expansion", "Pilot", "Migration", "Rollout", "Implementation",
)
CASE_SUBJECTS = (
    "Login page times out", "Invoice PDF shows wrong VAT rate", "Cannot reset password",
    "Export to CSV drops accented characters", "Dashboard loads slowly on Mondays",
    "Sync stuck at 99%", "Order confirmation email not received", "API returns 500 on bulk upload",
    "Mobile app crashes on start", "Wrong currency on quote", "Report totals do not match",
    "SSO redirect loop", "Printer driver missing after update", "Duplicate shipment created",
    "Data import rejected: malformed date", "License key not accepted",
    "Search ignores last names with apostrophes", "Calendar invites arrive an hour late",
    "Attachment upload fails over 10 MB", "User locked out after upgrade",
)
TASK_SUBJECTS = (
    "Call to discuss renewal", "Send proposal", "Prepare demo", "Follow up on escalation",
    "Review contract redlines", "Schedule kickoff meeting", "Send pricing sheet",
    "Confirm delivery date", "Collect requirements", "Write root cause analysis",
    "Reproduce the issue", "Update customer on status", "Check logs with engineering",
    "Draft statement of work", "Book onsite visit", "Send meeting notes", "Email",
    "Call", "Verify fix in production", "Prepare quarterly business review",
)
EVENT_SUBJECTS = (
    "Kickoff meeting", "Quarterly business review", "Onsite workshop", "Demo", "Status call",
    "Contract negotiation", "Escalation review", "Training session",
)
# Names that test escaping, length limits and Unicode handling in the demo and small orgs.
HOSTILE_ACCOUNT_NAMES = (
    "<b>bold</b><img src=x onerror=alert(1)>",
    "Société Générale — Crème brûlée",
    "O'Reilly & Sons \"Quoted\" Ltd",
    "Zoë's Café ☕ 東京支店 Ελληνικά",
    "Very Long Name " + "Internationale Handelsgesellschaft für Verbindungstechnik " * 3,
)
HOSTILE_SUBJECTS = (
    "<b>bold</b><img src=x onerror=alert(1)>",
    "Crème brûlée machine — réparation urgente",
    "Subject with 'quotes', \"double quotes\", back\\slash and %_ wildcards",
    "Extremely long subject " + "that keeps going and going " * 8,
)
