"""The one exception the SOQL package raises, with Salesforce's error codes and messages."""

from __future__ import annotations

MALFORMED_QUERY = "MALFORMED_QUERY"
INVALID_FIELD = "INVALID_FIELD"
INVALID_TYPE = "INVALID_TYPE"
# Salesforce answers these two with their own codes; the org passes any code through.
INVALID_QUERY_FILTER_OPERATOR = "INVALID_QUERY_FILTER_OPERATOR"
NUMBER_OUTSIDE_VALID_RANGE = "NUMBER_OUTSIDE_VALID_RANGE"


class SoqlError(Exception):
    """A query Salesforce would reject: `.error_code` and `.message` as in its 400 response."""

    def __init__(self, error_code: str, message: str) -> None:
        super().__init__(f"{error_code}: {message}")
        self.error_code = error_code
        self.message = message


def located_message(text: str, pos: int, detail: str) -> str:
    """Salesforce's message layout: the offending line, a caret, row/column, then the detail.

    Example: "\\nSELECT Id FROM Account GROUP BY Name\\n                       ^\\n
    ERROR at Row:1:Column:24\\nunexpected token: 'GROUP'".
    """
    pos = max(0, min(pos, len(text)))
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    row = text.count("\n", 0, pos) + 1
    column = pos - line_start
    line = text[line_start:line_end]
    return f"\n{line}\n{' ' * column}^\nERROR at Row:{row}:Column:{column + 1}\n{detail}"


def error_at(code: str, text: str, pos: int, detail: str) -> SoqlError:
    return SoqlError(code, located_message(text, pos, detail))
