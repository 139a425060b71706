"""The Secret Service backend's default collection: found by ReadAlias, asked again a bounded
number of times, never created. A fake D-Bus connection answers secretstorage's messages; the
real gnome-keyring cases are in test_platform_secrets_gnome_keyring.py."""

from __future__ import annotations

import keyring.errors
import pytest
from jeepney.low_level import Endianness, Header, HeaderFields, Message, MessageType
from keyring.backends.SecretService import Keyring as SecretServiceKeyring

from desktop.platform import secret_service
from desktop.platform.secret_service import (
    ALIAS_ATTEMPTS,
    DefaultCollectionKeyring,
    NoDefaultKeyring,
    default_collection,
    safer_backend,
)
from tests.unit.platform.test_platform_secrets import DictKeyring

LOGIN = "/org/freedesktop/secrets/collection/login"
ALIAS_PATH = "/org/freedesktop/secrets/aliases/default"
UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"
NO_REPLY = "org.freedesktop.DBus.Error.NoReply"


def reply(*body, error: str | None = None) -> Message:
    kind, fields = MessageType.method_return, {}
    if error:
        kind, fields = MessageType.error, {HeaderFields.error_name: error}
    return Message(Header(Endianness.little, kind, 0, 1, 0, 1, fields), body)


class FakeBus:
    """Answers ReadAlias with scripted replies and a Label read on any path; records calls."""

    def __init__(self, *read_alias_replies: Message) -> None:
        self.read_alias_replies = list(read_alias_replies)
        self.calls: list[tuple[str, str]] = []

    def send_and_get_reply(self, message: Message) -> Message:
        fields = message.header.fields
        member, path = fields[HeaderFields.member], fields[HeaderFields.path]
        self.calls.append((member, path))
        if member == "ReadAlias":
            return self.read_alias_replies.pop(0)
        if member == "Get":
            return reply(("s", "Login"))
        raise AssertionError(f"unexpected call {member} on {path} (never CreateCollection)")


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr(secret_service, "ALIAS_RETRY_DELAY_S", 0)


def test_the_default_collection_is_read_by_alias_and_used_by_its_path():
    bus = FakeBus(reply(LOGIN))
    collection = default_collection(bus)
    assert collection.collection_path == LOGIN
    assert bus.calls[0] == ("ReadAlias", "/org/freedesktop/secrets")
    assert ALIAS_PATH not in [path for _, path in bus.calls]


def test_an_unregistered_clients_empty_answer_is_asked_again():
    # gnome-keyring answers "/" to a connection it has not registered yet, then the path.
    bus = FakeBus(reply("/"), reply(LOGIN))
    assert default_collection(bus).collection_path == LOGIN
    assert [member for member, _ in bus.calls] == ["ReadAlias", "ReadAlias", "Get"]


def test_no_default_collection_is_reported_after_a_bounded_number_of_tries():
    bus = FakeBus(*[reply("/")] * ALIAS_ATTEMPTS)
    with pytest.raises(NoDefaultKeyring):
        default_collection(bus)
    assert [member for member, _ in bus.calls] == ["ReadAlias"] * ALIAS_ATTEMPTS


def test_a_service_that_went_away_is_not_retried():
    bus = FakeBus(reply("Message recipient disconnected", error=NO_REPLY))
    with pytest.raises(keyring.errors.InitError, match="Message recipient disconnected"):
        default_collection(bus)
    assert len(bus.calls) == 1


def test_a_service_without_read_alias_is_read_by_its_alias_path():
    bus = FakeBus(reply("no such method", error=UNKNOWN_METHOD))
    assert default_collection(bus).collection_path == ALIAS_PATH


def test_keyrings_secret_service_backend_is_replaced_keeping_its_scheme():
    original = SecretServiceKeyring()
    original.scheme = "KeePassXC"
    safer = safer_backend(original)
    assert isinstance(safer, DefaultCollectionKeyring)
    assert safer.scheme == "KeePassXC"


def test_other_backends_and_a_users_preferred_collection_are_left_alone():
    other = DictKeyring()
    assert safer_backend(other) is other
    configured = SecretServiceKeyring()
    configured.preferred_collection = "/org/freedesktop/secrets/collection/work"
    assert safer_backend(configured) is configured
