"""Reading Salesforce's REST error bodies (plain JSON: no Salesforce client needed, so the
metadata code and the Settings page load without it)."""

from __future__ import annotations


def first_error(content: object) -> tuple[str, str]:
    """(errorCode, message) of a Salesforce REST error body such as
    [{"message": "...", "errorCode": "..."}]; empty strings when the body has another shape."""
    if isinstance(content, list) and content and isinstance(content[0], dict):
        entry = content[0]
        return str(entry.get("errorCode") or ""), str(entry.get("message") or "")
    if isinstance(content, dict):
        return str(content.get("errorCode") or content.get("error") or ""), str(
            content.get("message") or content.get("error_description") or ""
        )
    return "", ""
