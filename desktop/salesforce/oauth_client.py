"""Who Stint is to Salesforce in OAuth: the connected app's consumer key, its consumer secret
when the app requires one, and the scopes Stint asks for."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.platform.logs import register_secret

# api: the REST API; id: the identity service (who signed in, for "Connected as ...");
# refresh_token: a refresh token, so Stint stays signed in. Salesforce grants nothing beyond
# the scopes the admin selected on the connected app (docs/salesforce-setup.md).
SCOPES = "api id refresh_token"


@dataclass(frozen=True)
class OAuthClient:
    consumer_key: str
    # Only when the app has "Require Secret for Web Server Flow" (or "... Refresh Token Flow")
    # on. A desktop app cannot keep it secret from its user: PKCE protects the sign-in instead.
    consumer_secret: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        register_secret(self.consumer_secret)

    def form(self, **fields: str) -> dict[str, str]:
        """A token-endpoint form: client_id (and client_secret when there is one) + fields."""
        form = {"client_id": self.consumer_key}
        if self.consumer_secret:
            form["client_secret"] = self.consumer_secret
        form.update(fields)
        return form
