"""Access tokens, refresh tokens and authorization codes on the org clock."""

from datetime import UTC, datetime, timedelta

from desktop.sandbox.sessions import SessionStore

ORG_ID = "00D5g000Dk3Wq00AIC"


class FakeNow:
    def __init__(self):
        self.value = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)

    def __call__(self):
        return self.value


def test_session_ids_look_like_salesforce_ones_and_authenticate():
    store = SessionStore(FakeNow(), ORG_ID)
    session = store.open_session("005A")
    assert session.token.startswith("00D5g000Dk3Wq00!")
    assert store.authenticate(session.token).user_id == "005A"
    assert store.authenticate("00D5g000Dk3Wq00!nope") is None


def test_sessions_expire_after_the_lifetime_of_inactivity():
    now = FakeNow()
    store = SessionStore(now, ORG_ID)
    store.set_lifetime(600)
    session = store.open_session("005A")
    now.value += timedelta(seconds=599)
    assert store.authenticate(session.token) is not None  # touching extends it
    now.value += timedelta(seconds=599)
    assert store.authenticate(session.token) is not None
    now.value += timedelta(seconds=600)
    assert store.authenticate(session.token) is None


def test_revoking_a_refresh_token_kills_its_access_tokens_only():
    store = SessionStore(FakeNow(), ORG_ID)
    grant = store.issue_refresh_token("005A", "stint-desktop", "api refresh_token")
    minted = store.open_session("005A", refresh_token=grant.token)
    other = store.open_session("005A")
    assert store.revoke(grant.token)
    assert store.authenticate(minted.token) is None
    assert store.authenticate(other.token) is not None
    assert store.refresh_grant(grant.token, "stint-desktop") is None
    assert not store.revoke(grant.token)


def test_refresh_grant_is_bound_to_its_client():
    store = SessionStore(FakeNow(), ORG_ID)
    grant = store.issue_refresh_token("005A", "stint-desktop", "api")
    assert store.refresh_grant(grant.token, "someone-else") is None
    assert store.refresh_grant(grant.token, "stint-desktop") is grant


def test_codes_are_single_use_and_expire():
    now = FakeNow()
    store = SessionStore(now, ORG_ID)
    code = store.issue_code("005A", "stint-desktop", "http://127.0.0.1:5000/cb", "challenge", "api")
    assert store.redeem_code(code).user_id == "005A"
    assert store.redeem_code(code) is None
    late = store.issue_code("005A", "stint-desktop", "http://127.0.0.1:5000/cb", "challenge", "api")
    now.value += timedelta(minutes=15)
    assert store.redeem_code(late) is None
