"""The Secret Service backend's default collection: found by ReadAlias, asked again a bounded
number of times, never created. (The real gnome-keyring cases are in
test_platform_secrets_gnome_keyring.py.)"""

from __future__ import annotations

import keyring.errors
import pytest
import secretstorage.collection
from keyring.backends.SecretService import Keyring as SecretServiceKeyring
from secretstorage.exceptions import ItemNotFoundException, SecretServiceNotAvailableException

from desktop.platform import secret_service
from desktop.platform.secret_service import (
    ALIAS_ATTEMPTS,
    DefaultCollectionKeyring,
    NoDefaultKeyring,
    default_collection,
    safer_backend,
)
from tests.unit.platform.test_platform_secrets import DictKeyring


class ReadAliasAnswers:
    """Stands in for secretstorage's get_collection_by_alias: one scripted answer per call."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.aliases: list[str] = []

    def __call__(self, connection, alias):
        self.aliases.append(alias)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
def read_alias(monkeypatch):
    def install(*answers):
        fake = ReadAliasAnswers(*answers)
        monkeypatch.setattr(secretstorage.collection, "get_collection_by_alias", fake)
        monkeypatch.setattr(secret_service, "ALIAS_RETRY_DELAY_S", 0)
        return fake

    return install


@pytest.fixture
def no_collection_is_created(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("Stint must never create a keyring")

    monkeypatch.setattr(secretstorage.collection, "create_collection", refuse)
    monkeypatch.setattr(secretstorage, "create_collection", refuse)


def test_the_default_collection_is_read_by_alias(read_alias, no_collection_is_created):
    collection = object()
    fake = read_alias(collection)
    assert default_collection(connection=None) is collection
    assert fake.aliases == ["default"]


def test_an_unregistered_clients_empty_answer_is_asked_again(read_alias):
    # gnome-keyring answers "/" to a connection it has not registered yet, then the path.
    collection = object()
    fake = read_alias(ItemNotFoundException("No collection with such alias."), collection)
    assert default_collection(connection=None) is collection
    assert len(fake.aliases) == 2


def test_no_default_collection_is_reported_after_a_bounded_number_of_tries(
    read_alias, no_collection_is_created
):
    fake = read_alias(*[ItemNotFoundException("No collection with such alias.")] * ALIAS_ATTEMPTS)
    with pytest.raises(NoDefaultKeyring):
        default_collection(connection=None)
    assert len(fake.aliases) == ALIAS_ATTEMPTS


def test_a_service_that_went_away_is_not_retried(read_alias):
    fake = read_alias(SecretServiceNotAvailableException("Message recipient disconnected"))
    with pytest.raises(keyring.errors.InitError, match="Message recipient disconnected"):
        default_collection(connection=None)
    assert len(fake.aliases) == 1


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
