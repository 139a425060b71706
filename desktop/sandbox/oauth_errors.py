"""OAuth error answers: the token endpoint's JSON and the error page the browser is shown."""

from __future__ import annotations

import html

from werkzeug.wrappers import Response

from desktop.sandbox.responses import json_response


class OAuthError(Exception):
    """A token-endpoint error: 400 {"error": ..., "error_description": ...}."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status

    def to_response(self) -> Response:
        return json_response({"error": self.error, "error_description": self.description},
                             self.status)


def error_page(status: int, error: str, description: str) -> Response:
    """What the browser shows for an authorize error that cannot be redirected."""
    body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title>"
            f"</head><body><h1>error={html.escape(error)}</h1><p>{html.escape(description)}</p>"
            "</body></html>")
    return Response(body, status=status, content_type="text/html; charset=utf-8")
