"""How long to wait between attempts: bounded exponential backoff with jitter."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """At most `max_retries` retries after the first attempt.

    Retry n (1-based) waits a random time in [c/2, c] with c = min(max_delay,
    base_delay * 2**(n-1)) ("equal jitter"): always some pause, never a synchronised herd.
    """

    max_retries: int = 4
    base_delay: float = 0.5
    max_delay: float = 16.0

    def __post_init__(self) -> None:
        if self.max_retries < 0 or self.base_delay < 0 or self.max_delay < self.base_delay:
            raise ValueError("retry policy needs max_retries >= 0 and 0 <= base_delay <= max_delay")

    def ceiling(self, retry_number: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** (retry_number - 1))

    def delay(self, retry_number: int, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry number `retry_number` (1-based)."""
        if not 1 <= retry_number <= self.max_retries:
            raise ValueError(f"retry {retry_number} is outside 1..{self.max_retries}")
        ceiling = self.ceiling(retry_number)
        return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


NO_RETRIES = RetryPolicy(max_retries=0, base_delay=0.0, max_delay=0.0)
