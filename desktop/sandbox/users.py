"""The org's users: who can log in, with which credentials, and whether API access is enabled."""

from __future__ import annotations

from dataclasses import dataclass

API_USERNAME = "stint.user@example.com"
API_PASSWORD = "stint-demo-password"
API_SECURITY_TOKEN = "STINTDEMOTOKEN"
CLIENT_ID = "stint-desktop"


@dataclass
class User:
    id: str
    username: str
    password: str
    security_token: str
    name: str
    email: str
    api_enabled: bool = True
