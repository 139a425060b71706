"""What every REST handler takes and returns, shared by the router (rest.py) and the handlers
(rest_query, rest_records, composite...), so that no handler imports the router."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from desktop.sandbox.context import API_VERSIONS, RETIRED_API_VERSIONS, ServerContext
from desktop.sandbox.responses import ApiError, not_found


@dataclass
class RestCall:
    method: str
    version: str                    # "59.0"
    segments: list[str]             # path segments after /services/data/vXX.X/
    args: MultiDict
    headers: Mapping[str, str]
    body: bytes
    user: Any                       # the org's User making the call


@dataclass
class RestResult:
    status: int
    body: Any = None                # JSON-ready; None for an empty body
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[ServerContext, RestCall], RestResult]


def parse_rest_path(path: str) -> tuple[str, list[str]] | None:
    """("59.0", ["sobjects", "Account"]) for /services/data/v59.0/sobjects/Account/ (None if no version)."""
    rest = path[len("/services/data/"):] if path.startswith("/services/data/") else None
    if not rest or not rest.startswith("v"):
        return None
    version, _, tail = rest[1:].partition("/")
    if version in RETIRED_API_VERSIONS:
        raise ApiError(410, "GONE", f"API version {version} has been retired and is no longer "
                                    "available. Use a supported version.")
    if version not in API_VERSIONS:
        raise not_found()
    return version, [segment for segment in tail.split("/") if segment]


def as_api_error(exc: BaseException) -> ApiError | None:
    """The org's SandboxError (or SoqlError) as an ApiError; None for anything else."""
    if isinstance(exc, ApiError):
        return exc
    code = getattr(exc, "error_code", None)
    message = getattr(exc, "message", None)
    if isinstance(code, str) and isinstance(message, str):
        fields = getattr(exc, "fields", None)
        return ApiError(int(getattr(exc, "status", 400)), code, message,
                        list(fields) if fields else None)
    return None
