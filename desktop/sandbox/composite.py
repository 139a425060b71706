"""composite/ (subrequests with references, one API call) and composite/sobjects (collections)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from werkzeug.datastructures import MultiDict

from desktop.sandbox.context import ServerContext
from desktop.sandbox.responses import ApiError, encode_json, parse_json_body
from desktop.sandbox.rest_call import Handler, RestCall, RestResult, as_api_error, parse_rest_path

MAX_SUBREQUESTS = 25
# Of those 25, at most 5 may be query/queryAll or sObject Collections operations (REST API
# Developer Guide, "Send Multiple Requests Using Composite" / composite subrequest limits).
MAX_QUERY_OR_COLLECTION_SUBREQUESTS = 5
MAX_COLLECTION_RECORDS = 200
_REFERENCE = re.compile(r"@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}")
_PATH_STEP = re.compile(r"\.([A-Za-z0-9_]+)|\[(\d+)\]")
ROLLED_BACK = ("PROCESSING_HALTED",
               "The transaction was rolled back since another operation in the same transaction failed.")
COLLECTION_ROLLED_BACK = ("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                          "Record rolled back because not all records were valid and the request "
                          "was using AllOrNone header")


class _RollBack(Exception):
    """Raised inside an all-or-none block to undo the org changes made in it."""


@contextmanager
def _all_or_none(ctx: ServerContext, enabled: bool) -> Iterator[None]:
    """Run the block in an org transaction when all-or-none is asked for; _RollBack undoes it."""
    if not enabled:
        yield
        return
    try:
        with ctx.org.transaction():
            yield
    except _RollBack:
        pass


# -- composite ----------------------------------------------------------------------------------

class _ReferenceError(Exception):
    pass


def _lookup(results: dict[str, Any], ref: str, path: str) -> Any:
    if ref not in results:
        raise _ReferenceError(f"{ref}{path}")
    value = results[ref]
    for name, index in _PATH_STEP.findall(path):
        try:
            value = value[name] if name else value[int(index)]
        except (KeyError, IndexError, TypeError):
            raise _ReferenceError(f"{ref}{path}") from None
    return value


def _substitute(value: Any, results: dict[str, Any]) -> Any:
    """Replace @{ref.path} in every string of a subrequest (url or body)."""
    if isinstance(value, str):
        whole = _REFERENCE.fullmatch(value)
        if whole:  # a lone reference keeps the referenced value's JSON type
            return _lookup(results, whole.group(1), whole.group(2))
        return _REFERENCE.sub(lambda m: str(_lookup(results, m.group(1), m.group(2))), value)
    if isinstance(value, list):
        return [_substitute(item, results) for item in value]
    if isinstance(value, dict):
        return {key: _substitute(item, results) for key, item in value.items()}
    return value


def _subrequest_call(outer: RestCall, sub: dict, results: dict[str, Any]) -> RestCall:
    method = str(sub.get("method", "")).upper()
    url = sub.get("url")
    if method not in ("GET", "POST", "PATCH", "DELETE") or not isinstance(url, str):
        raise ApiError(400, "INVALID_INPUT", "Each subrequest needs a method and a url")
    url = _substitute(url, results)
    if not isinstance(url, str):
        raise ApiError(400, "INVALID_INPUT", "A reference in a subrequest url must resolve to text")
    parts = urlsplit(url)
    parsed = parse_rest_path(parts.path)
    if parsed is None or (parsed[1][:1] == ["composite"]):
        raise ApiError(400, "INVALID_INPUT", f"Invalid url for a composite subrequest: {url}")
    version, segments = parsed
    body = sub.get("body")
    raw_body = encode_json(_substitute(body, results)) if body is not None else b""
    headers = {str(k): str(v) for k, v in (sub.get("httpHeaders") or {}).items()}
    return RestCall(method, version, segments, MultiDict(parse_qsl(parts.query, keep_blank_values=True)), headers,
                    raw_body, outer.user)


def _sub_response(ref: str, result: RestResult) -> dict:
    return {"body": result.body, "httpHeaders": result.headers, "httpStatusCode": result.status,
            "referenceId": ref}


def _error_result(error: ApiError) -> RestResult:
    return RestResult(error.status, error.to_json())


def handle_composite(ctx: ServerContext, call: RestCall, *, dispatch: Handler) -> RestResult:
    body = parse_json_body(call.body)
    subrequests = body.get("compositeRequest")
    if not isinstance(subrequests, list) or not subrequests:
        raise ApiError(400, "INVALID_INPUT", "compositeRequest must be a non-empty array")
    if len(subrequests) > MAX_SUBREQUESTS:
        raise ApiError(400, "LIMIT_EXCEEDED",
                       f"Composite requests cannot contain more than {MAX_SUBREQUESTS} subrequests")
    heavy = sum(1 for sub in subrequests if _is_query_or_collection(sub))
    if heavy > MAX_QUERY_OR_COLLECTION_SUBREQUESTS:
        # Salesforce documents the limit, not its error text: the whole request is refused,
        # stricter than failing only the subrequests over the limit.
        raise ApiError(400, "LIMIT_EXCEEDED",
                       f"Composite requests cannot contain more than "
                       f"{MAX_QUERY_OR_COLLECTION_SUBREQUESTS} query or sObject Collections "
                       f"subrequests; this one has {heavy}")
    refs = [sub.get("referenceId") if isinstance(sub, dict) else None for sub in subrequests]
    if any(not isinstance(ref, str) or not ref for ref in refs) or len(set(refs)) != len(refs):
        raise ApiError(400, "INVALID_INPUT", "Each subrequest needs a unique referenceId")
    all_or_none = bool(body.get("allOrNone", False))
    results: dict[str, Any] = {}
    outcomes: list[RestResult] = []
    failed_at: int | None = None
    with _all_or_none(ctx, all_or_none):
        for position, (sub, ref) in enumerate(zip(subrequests, refs, strict=True)):
            if failed_at is not None and all_or_none:
                break
            outcome = _run_subrequest(ctx, call, sub, results, dispatch)
            outcomes.append(outcome)
            if outcome.status < 300:
                results[ref] = outcome.body
            elif failed_at is None:
                failed_at = position
        if all_or_none and failed_at is not None:
            raise _RollBack
    if all_or_none and failed_at is not None:
        halted = _error_result(ApiError(400, *ROLLED_BACK))
        outcomes = [outcomes[i] if i == failed_at else halted for i in range(len(subrequests))]
    return RestResult(200, {"compositeResponse": [
        _sub_response(ref, outcome) for ref, outcome in zip(refs, outcomes, strict=True)]})


def _is_query_or_collection(sub: Any) -> bool:
    """A query/queryAll (cursor pages included) or sObject Collections subrequest."""
    url = sub.get("url") if isinstance(sub, dict) else None
    if not isinstance(url, str):
        return False
    try:
        parsed = parse_rest_path(urlsplit(url).path)
    except ApiError:  # an unknown version: the subrequest fails on its own
        return False
    if parsed is None:
        return False
    segments = parsed[1]
    return segments[:1] in (["query"], ["queryAll"]) or segments[:2] == ["composite", "sobjects"]


def _run_subrequest(ctx: ServerContext, call: RestCall, sub: dict, results: dict[str, Any],
                    dispatch: Handler) -> RestResult:
    try:
        sub_call = _subrequest_call(call, sub, results)
        result = dispatch(ctx, sub_call)
    except _ReferenceError as exc:
        name = str(exc)
        return _error_result(ApiError(
            400, "PROCESSING_HALTED",
            f"Invalid reference specified. No value for {name} found in {name.split('.')[0].split('[')[0]}. "
            "Provided referenceId must match a referenceId in the request and the referenced "
            "record must be created or updated before it's referenced."))
    except Exception as exc:
        error = as_api_error(exc)
        if error is None:
            raise
        return _error_result(error)
    if result.status == 201 and isinstance(result.body, dict) and "id" in result.body:
        sobject = sub_call.segments[1]
        result.headers["Location"] = f"/services/data/v{sub_call.version}/sobjects/{sobject}/{result.body['id']}"
    return result


# -- composite/sobjects ------------------------------------------------------------------------

def _collection_error(error: ApiError) -> dict:
    return {"statusCode": error.error_code, "message": error.message, "fields": list(error.fields or [])}


def _collection_body(call: RestCall) -> tuple[list, bool]:
    body = parse_json_body(call.body)
    records = body.get("records")
    if not isinstance(records, list):
        raise ApiError(400, "INVALID_INPUT", "records must be an array")
    if len(records) > MAX_COLLECTION_RECORDS:
        raise ApiError(400, "EXCEEDED_ID_LIMIT",
                       f"record limit reached. cannot submit more than {MAX_COLLECTION_RECORDS} records into this call")
    return records, bool(body.get("allOrNone", False))


def _known_id(item: Any) -> str | None:
    """The record id a collection item names (delete: the id itself; update: its "Id")."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and isinstance(item.get("Id"), str):
        return item["Id"]
    return None


def _run_collection(ctx: ServerContext, items: list, all_or_none: bool, operation,
                    id_of=_known_id) -> RestResult:
    """Apply `operation(item) -> id` to each item; per-item results, all-or-none rollback.
    A failed item's result names the id `id_of(item)` finds in it (none for creates)."""
    outcomes: list[tuple[str | None, ApiError | None]] = []
    with _all_or_none(ctx, all_or_none):
        for item in items:
            try:
                outcomes.append((operation(item), None))
            except Exception as exc:
                error = as_api_error(exc)
                if error is None:
                    raise
                outcomes.append((id_of(item), error))
        if all_or_none and any(error for _, error in outcomes):
            raise _RollBack
    rolled_back = all_or_none and any(error for _, error in outcomes)
    results = []
    for record_id, error in outcomes:
        if error is None and rolled_back:
            error = ApiError(400, *COLLECTION_ROLLED_BACK)
        entry: dict[str, Any] = {}
        if record_id is not None:
            entry["id"] = record_id
        entry["success"] = error is None
        entry["errors"] = [] if error is None else [_collection_error(error)]
        results.append(entry)
    return RestResult(200, results)


def _record_type(ctx: ServerContext, record: Any) -> tuple[str, dict]:
    if not isinstance(record, dict):
        raise ApiError(400, "INVALID_INPUT", "Each record must be a JSON object")
    attributes = record.get("attributes")
    sobject = attributes.get("type") if isinstance(attributes, dict) else None
    info = ctx.org.schema.sobject(sobject) if isinstance(sobject, str) else None
    if info is None:
        raise ApiError(400, "INVALID_TYPE", "Must provide a valid type in attributes for each record")
    values = {key: value for key, value in record.items() if key != "attributes"}
    return info.name, values


def handle_create_collection(ctx: ServerContext, call: RestCall) -> RestResult:
    records, all_or_none = _collection_body(call)

    def create(record: Any) -> str:
        sobject, values = _record_type(ctx, record)
        if "Id" in values:
            raise ApiError(400, "INVALID_FIELD", "cannot specify Id in an insert call", ["Id"])
        return ctx.org.create(sobject, values, call.user)

    return _run_collection(ctx, records, all_or_none, create, id_of=lambda item: None)


def handle_update_collection(ctx: ServerContext, call: RestCall) -> RestResult:
    records, all_or_none = _collection_body(call)

    def update(record: Any) -> str:
        sobject, values = _record_type(ctx, record)
        record_id = values.pop("Id", None)
        if not isinstance(record_id, str):
            raise ApiError(400, "MISSING_ARGUMENT", "Id not specified in an update call", ["Id"])
        ctx.org.update(sobject, record_id, values, call.user)
        return record_id

    return _run_collection(ctx, records, all_or_none, update)


def handle_delete_collection(ctx: ServerContext, call: RestCall) -> RestResult:
    ids = [value for value in call.args.get("ids", "").split(",") if value]
    if not ids:
        raise ApiError(400, "MISSING_ARGUMENT", "ids parameter is required")
    if len(ids) > MAX_COLLECTION_RECORDS:
        raise ApiError(400, "EXCEEDED_ID_LIMIT",
                       f"record limit reached. cannot submit more than {MAX_COLLECTION_RECORDS} records into this call")
    all_or_none = call.args.get("allOrNone", "false").lower() == "true"

    def delete(record_id: str) -> str:
        info = ctx.org.schema.by_prefix(record_id[:3])
        if info is None:
            raise ApiError(400, "MALFORMED_ID", f"malformed id {record_id}")
        ctx.org.delete(info.name, record_id, call.user)
        return record_id

    # A failed delete's result names no id (REST API Developer Guide, "Delete Records Using
    # sObject Collections", response example): callers match results to ids by position.
    return _run_collection(ctx, ids, all_or_none, delete, id_of=lambda item: None)
