"""SHA-256 without loading OpenSSL, for the few digests the app itself takes (the profile id,
its single-instance socket name).

hashlib loads OpenSSL's libcrypto when imported, ~3.7 MB resident for the rest of the app's
life, to hash a few dozen bytes; CPython's own SHA-256 module gives the same digest at no
cost. Its name is CPython's (_sha256 up to 3.11, _sha2 from 3.12): anywhere it is missing,
hashlib's is used.
"""

from __future__ import annotations


def sha256_hex(data: bytes) -> str:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef]
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment]
    return sha256(data).hexdigest()
