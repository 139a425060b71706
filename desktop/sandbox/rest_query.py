"""query/ and queryAll/: run SOQL through the org and page the result with nextRecordsUrl."""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.sandbox.context import ServerContext
from desktop.sandbox.query_cursors import Cursor, clamp_batch_size
from desktop.sandbox.responses import ApiError
from desktop.sandbox.rest_call import RestCall, RestResult

_BATCH_SIZE_OPTION = re.compile(r"batchSize\s*=\s*(\d+)", re.IGNORECASE)


def requested_batch_size(call: RestCall) -> int | None:
    """batchSize from `Sforce-Query-Options: batchSize=N` (None when absent or unreadable)."""
    match = _BATCH_SIZE_OPTION.search(call.headers.get("Sforce-Query-Options", ""))
    return int(match.group(1)) if match else None


def invalid_locator() -> ApiError:
    return ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator")


def _page(ctx: ServerContext, call: RestCall, endpoint: str, total_size: int,
          records: Sequence[dict], offset: int, batch_size: int,
          cursor: Cursor | None) -> RestResult:
    """The page starting at `offset`; a cursor is opened (first pages) only when records
    remain after it."""
    end = offset + ctx.page_sizes.size(batch_size)
    done = end >= len(records)
    body: dict = {"totalSize": total_size, "done": done}
    if not done:
        if cursor is None:
            cursor = ctx.cursors.open(call.user.id, records, total_size, batch_size)
        body["nextRecordsUrl"] = f"/services/data/v{call.version}/{endpoint}/{cursor.locator}-{end}"
    body["records"] = records[offset:end]
    return RestResult(200, body)


def handle_query(ctx: ServerContext, call: RestCall) -> RestResult:
    endpoint = call.segments[0]
    if len(call.segments) == 2:
        return _follow_cursor(ctx, call, endpoint, call.segments[1])
    soql = call.args.get("q")
    if soql is None or not soql.strip():
        raise ApiError(400, "MALFORMED_QUERY", "A query string has to be specified")
    # lazy: a page's records are projected when it is read, so a big query's first page costs
    # about what the others cost
    total_size, records = ctx.org.query(soql, include_deleted=endpoint == "queryAll",
                                        user=call.user, api_version=call.version, lazy=True)
    batch_size = clamp_batch_size(requested_batch_size(call))
    return _page(ctx, call, endpoint, total_size, records, 0, batch_size, None)


def _follow_cursor(ctx: ServerContext, call: RestCall, endpoint: str, token: str) -> RestResult:
    locator, _, offset_text = token.rpartition("-")
    if not locator or not offset_text.isdigit():
        raise invalid_locator()
    cursor = ctx.cursors.find(locator, call.user.id)
    offset = int(offset_text)
    if cursor is None or offset > len(cursor.records):
        raise invalid_locator()
    requested = requested_batch_size(call)
    batch_size = clamp_batch_size(requested) if requested is not None else cursor.batch_size
    return _page(ctx, call, endpoint, cursor.total_size, cursor.records, offset, batch_size,
                 cursor)
