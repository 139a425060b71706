"""What a successful sign-in produces, whatever the method."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.platform.logs import register_secret


@dataclass(frozen=True)
class SessionInfo:
    """An authenticated Salesforce session. Tokens are hidden from repr (logs, tracebacks)."""

    access_token: str = field(repr=False)
    instance_url: str  # "https://host[:port]"
    user_id: str  # 18-character User Id ("005...")
    refresh_token: str | None = field(default=None, repr=False)
    # The signed-in user's username, when the sign-in tells it (password login: always; the
    # browser sign-in: from the UserInfo endpoint; a renewal: not asked again).
    username: str | None = None

    def __post_init__(self) -> None:
        # Every token Stint holds is redacted from log lines, wherever it might slip in.
        register_secret(self.access_token)
        register_secret(self.refresh_token)


# Produces a fresh session when the current one expired (re-login or refresh grant).
SessionRenewer = Callable[[], SessionInfo]
