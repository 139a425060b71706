"""REST record resources: describe, create/retrieve/update/delete, upsert by external id,
and the replication resources sobjects/{O}/updated/ and deleted/."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.sandbox.context import ServerContext
from desktop.sandbox.responses import ApiError, not_found, parse_json_body
from desktop.sandbox.rest_call import RestCall, RestResult


def sobject_name(ctx: ServerContext, name: str) -> str:
    """Canonical API name of an object, 404 NOT_FOUND for objects the org does not have."""
    info = ctx.org.schema.sobject(name)
    if info is None:
        raise not_found()
    return info.name


def record_values(call: RestCall) -> dict:
    """Field values of a create/update body ("attributes" is allowed and ignored, as in Salesforce)."""
    body = parse_json_body(call.body)
    return {key: value for key, value in body.items() if key != "attributes"}


def handle_describe_global(ctx: ServerContext, call: RestCall) -> RestResult:
    return RestResult(200, ctx.org.describe_global(api_version=call.version))


def handle_sobject_info(ctx: ServerContext, call: RestCall) -> RestResult:
    return RestResult(200, ctx.org.sobject_info(sobject_name(ctx, call.segments[1]),
                                                api_version=call.version))


def handle_describe(ctx: ServerContext, call: RestCall) -> RestResult:
    return RestResult(200, ctx.org.describe(sobject_name(ctx, call.segments[1]),
                                            api_version=call.version))


def handle_create(ctx: ServerContext, call: RestCall) -> RestResult:
    sobject = sobject_name(ctx, call.segments[1])
    record_id = ctx.org.create(sobject, record_values(call), call.user)
    return RestResult(201, {"id": record_id, "success": True, "errors": []})


def _requested_fields(call: RestCall) -> list[str] | None:
    raw = call.args.get("fields")
    if raw is None:
        return None
    return [name.strip() for name in raw.split(",") if name.strip()]


def handle_retrieve(ctx: ServerContext, call: RestCall) -> RestResult:
    sobject = sobject_name(ctx, call.segments[1])
    record = ctx.org.retrieve(sobject, call.segments[2], _requested_fields(call), call.user, call.version)
    return RestResult(200, record)


def handle_update(ctx: ServerContext, call: RestCall) -> RestResult:
    sobject = sobject_name(ctx, call.segments[1])
    ctx.org.update(sobject, call.segments[2], record_values(call), call.user)
    return RestResult(204)


def handle_delete(ctx: ServerContext, call: RestCall) -> RestResult:
    sobject = sobject_name(ctx, call.segments[1])
    ctx.org.delete(sobject, call.segments[2], call.user)
    return RestResult(204)


def handle_upsert(ctx: ServerContext, call: RestCall) -> RestResult:
    sobject = sobject_name(ctx, call.segments[1])
    field, value = call.segments[2], call.segments[3]
    record_id, created = ctx.org.upsert(sobject, field, value, record_values(call), call.user)
    if created:
        return RestResult(201, {"id": record_id, "success": True, "errors": [], "created": True})
    return RestResult(204)


def _soql_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def handle_retrieve_by_external_id(ctx: ServerContext, call: RestCall) -> RestResult:
    sobject = sobject_name(ctx, call.segments[1])
    field, value = call.segments[2], call.segments[3]
    soql = f"SELECT Id FROM {sobject} WHERE {field} = {_soql_string(value)}"
    _, matches = ctx.org.query(soql, include_deleted=False, user=call.user, api_version=call.version)
    if not matches:
        raise not_found()
    if len(matches) > 1:
        # Salesforce answers 300 Multiple Choices with the candidates' URLs.
        return RestResult(300, [match["attributes"]["url"] for match in matches])
    record = ctx.org.retrieve(sobject, matches[0]["Id"], _requested_fields(call), call.user, call.version)
    return RestResult(200, record)


def parse_replication_time(call: RestCall, name: str) -> datetime:
    raw = call.args.get(name)
    if not raw:
        raise ApiError(400, "MISSING_ARGUMENT", f"{name} parameter is required")
    try:
        when = datetime.fromisoformat(raw.strip().replace(" ", "+"))
    except ValueError:
        raise ApiError(400, "INVALID_REPLICATION_DATE", f"Replication date invalid: {raw}") from None
    if when.tzinfo is None:
        raise ApiError(400, "INVALID_REPLICATION_DATE", f"Replication date needs a time zone: {raw}")
    return when.astimezone(UTC)


def handle_replication(ctx: ServerContext, call: RestCall) -> RestResult:
    sobject = sobject_name(ctx, call.segments[1])
    start = parse_replication_time(call, "start")
    end = parse_replication_time(call, "end")
    if end < start:
        raise ApiError(400, "INVALID_REPLICATION_DATE", "end date must be after start date")
    if call.segments[2] == "updated":
        return RestResult(200, ctx.org.updated(sobject, start, end))
    return RestResult(200, ctx.org.deleted(sobject, start, end))
