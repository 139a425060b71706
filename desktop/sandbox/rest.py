"""The REST API under /services/data/: parsing a call and routing it to its handler.

A call is routed the same way whether it came over HTTP or as a composite subrequest, so
composite behaves exactly like the individual requests it bundles.
"""

from __future__ import annotations

from functools import partial

from desktop.sandbox import composite, composite_upsert, rest_query, rest_records
from desktop.sandbox.context import API_VERSIONS, ServerContext
from desktop.sandbox.responses import method_not_allowed, not_found
from desktop.sandbox.rest_call import Handler, RestCall, RestResult


def version_label(version: str) -> str:
    """Release name of an API version: v20.0 was Winter '11, three releases a year."""
    releases_since = int(float(version)) - 20
    season = ("Winter", "Spring", "Summer")[releases_since % 3]
    return f"{season} '{11 + releases_since // 3:02d}"


def versions_body() -> list[dict]:
    return [{"label": version_label(v), "url": f"/services/data/v{v}", "version": v}
            for v in API_VERSIONS]


def _resources(ctx: ServerContext, call: RestCall) -> RestResult:
    root = f"/services/data/v{call.version}"
    names = ("sobjects", "query", "queryAll", "limits", "composite")
    return RestResult(200, {name: f"{root}/{name}" for name in names})


def _limits(ctx: ServerContext, call: RestCall) -> RestResult:
    return RestResult(200, {"DailyApiRequests": ctx.budget.limits_body()})


def _routes(call: RestCall) -> dict[str, Handler] | None:
    """The handlers by HTTP method for the call's path (None when nothing lives there)."""
    seg = call.segments
    n = len(seg)
    if n == 0:
        return {"GET": _resources}
    head = seg[0]
    if head == "limits" and n == 1:
        return {"GET": _limits}
    if head in ("query", "queryAll") and n <= 2:
        return {"GET": rest_query.handle_query}
    if head == "composite":
        if n == 1:
            # composite routes its subrequests through this same dispatch, handed to it so
            # that composite never imports the router
            return {"POST": partial(composite.handle_composite, dispatch=dispatch)}
        if seg[1] == "sobjects" and n == 2:
            return {"POST": composite.handle_create_collection,
                    "PATCH": composite.handle_update_collection,
                    "DELETE": composite.handle_delete_collection}
        if seg[1] == "sobjects" and n == 4:
            return {"PATCH": composite_upsert.handle_upsert_collection}
        return None
    if head != "sobjects":
        return None
    if n == 1:
        return {"GET": rest_records.handle_describe_global}
    if n == 2:
        return {"GET": rest_records.handle_sobject_info, "POST": rest_records.handle_create}
    if n == 3 and seg[2] == "describe":
        return {"GET": rest_records.handle_describe}
    if n == 3 and seg[2] in ("updated", "deleted"):
        return {"GET": rest_records.handle_replication}
    if n == 3:
        return {"GET": rest_records.handle_retrieve, "PATCH": rest_records.handle_update,
                "DELETE": rest_records.handle_delete}
    if n == 4 and seg[2] not in ("describe", "updated", "deleted"):
        return {"GET": rest_records.handle_retrieve_by_external_id,
                "PATCH": rest_records.handle_upsert}
    return None


def dispatch(ctx: ServerContext, call: RestCall) -> RestResult:
    """Run one REST call; raises ApiError for every Salesforce-shaped failure."""
    routes = _routes(call)
    if routes is None:
        raise not_found()
    handler = routes.get(call.method)
    if handler is None:
        if call.method == "HEAD" and "GET" in routes:
            return routes["GET"](ctx, call)  # werkzeug sends the headers and drops the body
        raise method_not_allowed(call.method, sorted(routes))
    return handler(ctx, call)


