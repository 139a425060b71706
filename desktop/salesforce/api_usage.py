"""The org's daily API usage as reported in the Sforce-Limit-Info response header."""

from __future__ import annotations

import re
from dataclasses import dataclass

_API_USAGE = re.compile(r"(?:^|[;,\s])api-usage=(\d+)/(\d+)")


@dataclass(frozen=True)
class ApiUsage:
    """Calls used in the org's rolling 24 hours, and the org's limit."""

    used: int
    limit: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def fraction_used(self) -> float:
        return self.used / self.limit if self.limit else 1.0


def parse_limit_info(header: str | None) -> ApiUsage | None:
    """ApiUsage from e.g. "api-usage=18/15000; per-app-api-usage=17/250(appName=x)"."""
    if not header:
        return None
    match = _API_USAGE.search(header)
    if match is None:
        return None
    return ApiUsage(used=int(match.group(1)), limit=int(match.group(2)))
