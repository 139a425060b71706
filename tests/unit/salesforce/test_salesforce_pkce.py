import re
from urllib.parse import parse_qs, urlsplit

from desktop.salesforce.oauth import authorize_url
from desktop.salesforce.pkce import new_pkce, new_state, pkce_challenge

UNRESERVED = re.compile(r"^[A-Za-z0-9\-._~]+$")


def test_s256_challenge_matches_rfc_7636_appendix_b():
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert pkce_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_generated_verifiers_are_well_formed_and_unique():
    pairs = [new_pkce() for _ in range(50)]
    for pair in pairs:
        assert 43 <= len(pair.verifier) <= 128
        assert UNRESERVED.match(pair.verifier)
        assert pair.challenge == pkce_challenge(pair.verifier)
        assert "=" not in pair.challenge and len(pair.challenge) == 43
        assert pair.verifier not in repr(pair)
    assert len({p.verifier for p in pairs}) == 50


def test_state_is_unguessable():
    states = {new_state() for _ in range(100)}
    assert len(states) == 100
    assert all(len(s) >= 32 for s in states)


def test_authorize_url_carries_challenge_and_state_but_never_the_verifier():
    pair = new_pkce()
    url = authorize_url(
        "https://acme.my.salesforce.com/",
        "stint-desktop",
        "http://localhost:7846/oauth/callback",
        pair.challenge,
        "the-state",
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "acme.my.salesforce.com",
        "/services/oauth2/authorize",
    )
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {
        "response_type": "code",
        "client_id": "stint-desktop",
        "redirect_uri": "http://localhost:7846/oauth/callback",
        "code_challenge": pair.challenge,
        "code_challenge_method": "S256",
        "state": "the-state",
        "scope": "api id refresh_token",  # id: the identity service names the user
    }
    assert pair.verifier not in url
