"""PKCE (RFC 7636, S256) and the state value of the browser sign-in."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pkce:
    """A PKCE verifier (kept secret, sent at code exchange) and its S256 challenge."""

    verifier: str = field(repr=False)
    challenge: str


def pkce_challenge(verifier: str) -> str:
    """BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636, section 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_pkce() -> Pkce:
    # 64 random bytes -> 86 characters from the unreserved set, within RFC 7636's 43..128.
    verifier = secrets.token_urlsafe(64)
    return Pkce(verifier=verifier, challenge=pkce_challenge(verifier))


def new_state() -> str:
    return secrets.token_urlsafe(32)
