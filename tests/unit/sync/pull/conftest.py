"""Fixtures of the pull sync tests."""

from __future__ import annotations

import pytest

from desktop.sandbox.harness import start_sandbox
from desktop.sandbox.latency import LatencyModel


@pytest.fixture
def slow_org():
    """An org whose answers take time (more for longer pages) and whose pages hold a random
    number of records, so that pages of different queries arrive in no fixed order."""
    with start_sandbox("small", seed=4, opportunities=7000, cases=2500, tasks=7000,
                       latency=LatencyModel(per_request_ms=5, per_record_ms=0.02)) as running:
        running.page_sizes.shorten(seed=11, share=0.7)
        yield running
