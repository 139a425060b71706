"""The app's own SHA-256 gives hashlib's digests (a profile id names its keyring entries: it
must never change), without loading OpenSSL."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from desktop.platform.paths import profile_id_for
from desktop.platform.sha256 import sha256_hex


@pytest.mark.parametrize("data", [b"", b"abc", "/home/zoë/.local/share/stint".encode(), bytes(range(256)) * 9])
def test_the_digest_is_sha256(data):
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_a_profile_id_is_what_it_was(tmp_path):
    root = tmp_path / "profile"
    expected = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]
    assert profile_id_for(root) == expected


def test_taking_a_digest_does_not_load_openssl():
    code = ("import sys; from desktop.platform.sha256 import sha256_hex; sha256_hex(b'x'); "
            "print('_hashlib' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "False"
