"""What every request handler of the sandbox server shares: the org and the server-side state."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from desktop.sandbox.connected_app import CONSUMER_KEY, ConnectedApps, new_app
from desktop.sandbox.device_flow import DeviceAuthorizations
from desktop.sandbox.faults import Faults
from desktop.sandbox.latency import OFF, LatencyModel
from desktop.sandbox.limits import ApiBudget
from desktop.sandbox.query_cursors import PageSizes, QueryCursors
from desktop.sandbox.sessions import SessionStore

__all__ = ["API_VERSIONS", "CONSUMER_KEY", "ServerContext"]

# REST API versions this sandbox answers, oldest first (v62.0 = Winter '25, v66.0 = Spring '26).
API_VERSIONS = tuple(f"{major}.0" for major in range(31, 67))
# Retired versions: 7.0-20.0 in Summer '22, 21.0-30.0 in Summer '25; REST answers them with
# 410 GONE (REST API Developer Guide, "API End-of-Life"; help article 000354473).
RETIRED_API_VERSIONS = frozenset(f"{major}.0" for major in range(7, 31))


@dataclass
class ServerContext:
    org: Any                       # desktop.sandbox.org.Org (duck-typed to keep test doubles easy)
    sessions: SessionStore
    budget: ApiBudget
    faults: Faults
    cursors: QueryCursors
    apps: ConnectedApps
    devices: DeviceAuthorizations
    # "SOAP API login() disabled" (new orgs, and every org from Summer '27): see soap_login.py
    soap_login_disabled: bool = False
    # Setup > OAuth and OpenID Connect Settings > "Allow OAuth Username-Password Flows": off
    # in orgs created since Summer '23 (see oauth_grants._grant_password).
    oauth_password_flow_allowed: bool = False
    page_sizes: PageSizes = field(default_factory=PageSizes)
    latency: LatencyModel = OFF    # how long Salesforce takes to answer (latency.py)
    base_url: str = ""             # https://127.0.0.1:PORT, set once the port is bound
    admin_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    signing_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @classmethod
    def for_org(cls, org: Any) -> ServerContext:
        now = org.clock.now
        return cls(org=org, sessions=SessionStore(now, org.org_id), budget=ApiBudget(now),
                   faults=Faults(), cursors=QueryCursors(now), apps=ConnectedApps([new_app()]),
                   devices=DeviceAuthorizations(now))

    def check_password(self, user: Any, supplied: str, *, with_token: bool) -> bool:
        """Constant-time check of a password (plus security token for API logins)."""
        expected = user.password + (user.security_token if with_token else "")
        return secrets.compare_digest(supplied.encode("utf-8"), expected.encode("utf-8"))

    def identity_url(self, user_id: str) -> str:
        return f"{self.base_url}/id/{self.org.org_id}/{user_id}"
