"""PATCH composite/sobjects/{O}/{ExternalIdField}: upsert up to 200 records in one call.

Salesforce matches each record on the external id field: no match creates, one match updates,
several matches fail that record (MULTIPLE_CHOICES). Every record must carry the field. The
answer is one result per record, like the other collection calls, plus "created".
"""

from __future__ import annotations

from typing import Any

from desktop.sandbox.composite import (
    COLLECTION_ROLLED_BACK,
    _all_or_none,
    _collection_body,
    _collection_error,
    _record_type,
    _RollBack,
)
from desktop.sandbox.context import ServerContext
from desktop.sandbox.responses import ApiError, not_found
from desktop.sandbox.rest_call import RestCall, RestResult, as_api_error


def handle_upsert_collection(ctx: ServerContext, call: RestCall) -> RestResult:
    info = ctx.org.schema.sobject(call.segments[2])
    if info is None:
        raise not_found()
    field = info.field(call.segments[3])
    if field is None or not field.external_id:
        raise ApiError(400, "INVALID_FIELD",
                       f"Field name provided, {call.segments[3]} is not an External ID or "
                       f"indexed field for {info.name}")
    records, all_or_none = _collection_body(call)

    def upsert(record: Any) -> tuple[str, bool]:
        sobject, values = _record_type(ctx, record)
        if sobject != info.name:
            raise ApiError(400, "INVALID_TYPE",
                           f"Record type {sobject} does not match the upsert object {info.name}")
        key = next((k for k in values if k.lower() == field.name.lower()), None)
        external_value = values.get(key) if key else None
        if not isinstance(external_value, str) or not external_value:
            raise ApiError(400, "MISSING_ARGUMENT",
                           f"{field.name} not specified", [field.name])
        body = {k: v for k, v in values.items() if k != key}
        return ctx.org.upsert(info.name, field.name, external_value, body, call.user)

    outcomes: list[tuple[tuple[str, bool] | None, ApiError | None]] = []
    with _all_or_none(ctx, all_or_none):
        for record in records:
            try:
                outcomes.append((upsert(record), None))
            except Exception as exc:
                error = as_api_error(exc)
                if error is None:
                    raise
                outcomes.append((None, error))
        if all_or_none and any(error for _, error in outcomes):
            raise _RollBack
    rolled_back = all_or_none and any(error for _, error in outcomes)
    results = []
    for done, error in outcomes:
        if error is None and rolled_back:
            error = ApiError(400, *COLLECTION_ROLLED_BACK)
        result: dict[str, Any] = {}
        if done is not None and error is None:
            result["id"] = done[0]
        result["success"] = error is None
        result["errors"] = [] if error is None else [_collection_error(error)]
        if error is None and done is not None:
            result["created"] = done[1]
        results.append(result)
    return RestResult(200, results)
