"""The error the org raises: an HTTP status plus Salesforce's error body."""

from __future__ import annotations

NOT_FOUND_MESSAGE = "The requested resource does not exist"


class SandboxError(Exception):
    """A Salesforce API error: `status`, `error_code`, `message`, `fields`."""

    def __init__(self, status: int, error_code: str, message: str,
                 fields: list[str] | None = None) -> None:
        super().__init__(f"{status} {error_code}: {message}")
        self.status = status
        self.error_code = error_code
        self.message = message
        self.fields = list(fields or [])

    def to_json(self) -> list[dict]:
        """The REST error body: a JSON list with one error."""
        return [{"message": self.message, "errorCode": self.error_code, "fields": self.fields}]


def not_found(message: str = NOT_FOUND_MESSAGE) -> SandboxError:
    return SandboxError(404, "NOT_FOUND", message)


def bad_request(error_code: str, message: str, fields: list[str] | None = None) -> SandboxError:
    return SandboxError(400, error_code, message, fields)
