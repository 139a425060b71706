"""The names Stint keeps Salesforce secrets under in a profile's SecretStore, and whether a
sign-in is kept there: readable without the Salesforce client (the app asks at start, long
before a sync needs the client; see desktop.salesforce.credentials for the rest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.platform.secrets import SecretStore

PASSWORD_KEY = "salesforce-password"
SECURITY_TOKEN_KEY = "salesforce-security-token"
REFRESH_TOKEN_KEY = "salesforce-refresh-token"
CONSUMER_SECRET_KEY = "salesforce-consumer-secret"
SESSION_KEY = "salesforce-session"  # kept by the app's sync processes (credentials.py)
ALL_KEYS = (PASSWORD_KEY, SECURITY_TOKEN_KEY, REFRESH_TOKEN_KEY, CONSUMER_SECRET_KEY, SESSION_KEY)
SIGN_IN_KEYS = (PASSWORD_KEY, SECURITY_TOKEN_KEY, REFRESH_TOKEN_KEY)


def sign_in_kept(secrets: SecretStore) -> bool:
    """Whether a sign-in is kept (a consumer secret or a session alone is not one)."""
    return any(secrets.get(key) for key in SIGN_IN_KEYS)
