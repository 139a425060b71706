"""Helpers shared by the org tests (a uniquely named module, importable from each test file)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.sandbox.errors import SandboxError

NOW = datetime(2026, 5, 20, 20, 49, 32, tzinfo=UTC)


def row(org, record_id: str) -> dict:
    """The stored row (reads the store directly, bypassing visibility)."""
    return org._store.get(record_id)[1]


def error_of(call, *args, **kwargs) -> SandboxError:
    """The SandboxError that call(*args, **kwargs) raises."""
    with pytest.raises(SandboxError) as caught:
        call(*args, **kwargs)
    return caught.value
