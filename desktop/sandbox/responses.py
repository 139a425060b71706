"""JSON responses and errors shaped as the Salesforce REST API sends them."""

from __future__ import annotations

import json
from typing import Any

import orjson
from werkzeug.wrappers import Response

JSON_CONTENT_TYPE = "application/json;charset=UTF-8"



def encode_json(body: Any) -> bytes:
    """Compact UTF-8 JSON. orjson: query pages of 2,000 records are the server's hot path."""
    return orjson.dumps(body)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(encode_json(body), status=status, headers=headers,
                    content_type=JSON_CONTENT_TYPE)


class ApiError(Exception):
    """An error answered as `[{"message": ..., "errorCode": ..., "fields": [...]}]`."""

    def __init__(self, status: int, error_code: str, message: str,
                 fields: list[str] | None = None) -> None:
        super().__init__(f"{error_code}: {message}")
        self.status = status
        self.error_code = error_code
        self.message = message
        self.fields = fields

    def to_json(self) -> list[dict]:
        entry: dict[str, Any] = {"message": self.message, "errorCode": self.error_code}
        if self.fields is not None:
            entry["fields"] = list(self.fields)
        return [entry]

    def to_response(self) -> Response:
        return json_response(self.to_json(), self.status)


def invalid_session() -> ApiError:
    return ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid")


def not_found() -> ApiError:
    return ApiError(404, "NOT_FOUND", "The requested resource does not exist")


def method_not_allowed(method: str, allowed: list[str]) -> ApiError:
    return ApiError(405, "METHOD_NOT_ALLOWED",
                    f"HTTP Method '{method}' not allowed. Allowed are {','.join(allowed)}")


def request_limit_exceeded() -> ApiError:
    return ApiError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")


def unknown_exception(reference: str) -> ApiError:
    return ApiError(500, "UNKNOWN_EXCEPTION",
                    "An unexpected error occurred. Please include this ErrorId if you contact "
                    f"support: {reference}")


def parse_json_body(data: bytes, *, expect: type = dict) -> Any:
    """The request body as JSON, or 400 JSON_PARSER_ERROR as Salesforce answers."""
    try:
        body = json.loads(data.decode("utf-8")) if data else None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(400, "JSON_PARSER_ERROR", f"Unexpected character in request body: {exc}") from None
    if body is None:
        raise ApiError(400, "JSON_PARSER_ERROR", "The request body is empty")
    if not isinstance(body, expect):
        kind = "object" if expect is dict else "array"
        raise ApiError(400, "JSON_PARSER_ERROR", f"Cannot deserialize request body: expected a JSON {kind}")
    return body
