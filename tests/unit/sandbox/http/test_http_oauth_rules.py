"""PKCE maths and redirect-URI rules of the sandbox's OAuth endpoints."""

import pytest

from desktop.sandbox.oauth import is_loopback_redirect, s256_challenge


def test_s256_challenge_matches_rfc7636_appendix_b():
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert s256_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


@pytest.mark.parametrize("uri, allowed", [
    ("http://127.0.0.1:53682/callback", True),
    ("http://localhost:8080/", True),
    ("http://[::1]:9000/cb", True),
    ("https://127.0.0.1:53682/callback", False),   # the desktop app's listener is plain http
    ("http://127.0.0.1/callback", False),          # loopback redirects carry the port
    ("http://example.com:80/callback", False),
    ("http://127.0.0.1:5000/cb#frag", False),
    ("http://127.0.0.1:99999/cb", False),
    ("javascript:alert(1)", False),
])
def test_only_loopback_http_redirects_are_accepted(uri, allowed):
    assert is_loopback_redirect(uri) is allowed
