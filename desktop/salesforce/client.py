"""SalesforceClient: unmodified simple-salesforce in direct mode, made dependable.

What this adds around `simple_salesforce.Salesforce(session_id=..., instance_url=...)`:
- an expired session (401) is renewed once through the injected renewer and the call retried;
- connection errors, timeouts and 502/503/504 are retried with bounded backoff + jitter,
  cancellable through a threading.Event; REQUEST_LIMIT_EXCEEDED is never retried;
- every failure leaves as a plain-language ConnectionProblem (error_mapping.translate);
- the org's API usage (Sforce-Limit-Info) and the exact number of REST calls this client made
  are read from every response by a hook on the client's own requests session, and so is
  Salesforce's time (the Date header, see server_time.py).
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal, TypeVar
from urllib.parse import quote, urlencode, urlsplit

import requests
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import SalesforceExpiredSession

from desktop.salesforce.api_usage import ApiUsage, parse_limit_info
from desktop.salesforce.auth import API_VERSION
from desktop.salesforce.error_mapping import (
    API_DISABLED_CODES,
    RATE_LIMIT_CODES,
    first_error,
    is_retryable,
    translate,
)
from desktop.salesforce.errors import (
    Cancelled,
    ConnectionProblem,
    MalformedResponse,
    RateLimited,
    RequestRejected,
    SessionExpired,
)
from desktop.salesforce.http import make_http_session
from desktop.salesforce.login_url import host_of
from desktop.salesforce.request_limits import (
    MAX_QUERY_URI,
    check_collection,
    check_composite,
)
from desktop.salesforce.retry import RetryPolicy
from desktop.salesforce.server_time import ServerClock
from desktop.salesforce.session_info import SessionInfo, SessionRenewer

logger = logging.getLogger(__name__)

T = TypeVar("T")
_SOBJECT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_DATA_PATH = "/services/data/"
# A Date header older than this is read again before Salesforce's time is relied on.
SERVER_TIME_MAX_AGE = timedelta(hours=1)
# How soon a retry's wait notices a `stop` event (see _wait_cancelled).
STOP_POLL_SECONDS = 0.05


class SalesforceClient:
    """One signed-in connection to an org. Safe to share between threads."""

    def __init__(
        self,
        session: SessionInfo,
        *,
        renew: SessionRenewer | None = None,
        ca_file: str | None = None,
        http: requests.Session | None = None,
        api_version: str = API_VERSION,
        retry: RetryPolicy | None = None,
        cancel: threading.Event | None = None,
        rng: random.Random | None = None,
    ) -> None:
        """`http` (optional) must be a session this client alone uses: it gets a hook that
        counts calls. By default one is made that verifies TLS against `ca_file`/certifi."""
        self._http = http or make_http_session(ca_file)
        self._http.hooks["response"].append(self._observe_response)
        self._renew = renew
        self._api_version = api_version
        self._retry = retry or RetryPolicy()
        self.cancel_event = cancel or threading.Event()
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._renew_lock = threading.Lock()  # one renewal at a time
        self._api_calls = 0
        self._api_usage: ApiUsage | None = None
        self._describes: dict[str, dict[str, Any]] = {}
        self._server_clock = ServerClock()
        self._use_session(session)

    # -- state -------------------------------------------------------------------------

    @property
    def session_info(self) -> SessionInfo:
        return self._session

    @property
    def user_id(self) -> str:
        return self._session.user_id

    @property
    def instance_url(self) -> str:
        return self._session.instance_url

    @property
    def host(self) -> str:
        return host_of(self._session.instance_url)

    @property
    def api_version(self) -> str:
        return self._api_version

    @property
    def api_calls(self) -> int:
        """REST API requests of this client that Salesforce counted against the org's daily
        limit (answered; not refused as unauthenticated, over the limit or unavailable)."""
        with self._lock:
            return self._api_calls

    @property
    def api_usage(self) -> ApiUsage | None:
        """The org's usage from the latest Sforce-Limit-Info header (None before any call)."""
        with self._lock:
            return self._api_usage

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SalesforceClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- API -------------------------------------------------------------------------------

    def query_pages(
        self,
        soql: str,
        include_deleted: bool = False,
        batch_size: int = 2000,
        *,
        stop: threading.Event | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield each result page ({"totalSize", "done", "records", ...}) of a SOQL query,
        following nextRecordsUrl; one API call per page. queryAll when include_deleted.
        A query too long for a URI sends its first page as a composite (still one call).
        `stop` set: Cancelled before the next request or retry, as with cancel_event (one
        thread of several that fetch pages for one consumer, which has stopped)."""
        headers = _batch_size_header(batch_size)
        resource = "queryAll" if include_deleted else "query"
        if len(self.data_path(f"{resource}/")) + len(urlencode({"q": soql})) + 1 > MAX_QUERY_URI:
            subrequest = self.query_subrequest("page", soql, include_deleted, batch_size)
            [(status, body)] = self.composite([subrequest], stop=stop)
            if status != 200:
                raise subrequest_problem(status, body)
            first = body
        else:
            first = self._call(
                lambda sf: sf.query(soql, include_deleted=include_deleted, headers=headers),
                stop=stop,
            )
        page = _checked_page(first, self.host)
        yield page
        yield from self.follow_pages(page, batch_size, stop=stop)

    def follow_pages(
        self,
        page: Mapping[str, Any],
        batch_size: int = 2000,
        *,
        stop: threading.Event | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yield the pages after `page` (e.g. a query page that came back in a composite);
        `stop` as in query_pages."""
        headers = _batch_size_header(batch_size)
        while not page.get("done", True):
            next_url = page.get("nextRecordsUrl")
            if not isinstance(next_url, str) or not next_url.startswith(_DATA_PATH):
                raise MalformedResponse(self.host)
            raw = self._call(
                lambda sf, url=next_url: sf.query_more(url, identifier_is_url=True, headers=headers),
                stop=stop,
            )
            page = _checked_page(raw, self.host)
            yield page

    def query_subrequest(
        self, reference_id: str, soql: str, include_deleted: bool = False, batch_size: int = 2000
    ) -> dict:
        """A composite subrequest running `soql` (query or queryAll)."""
        resource = "queryAll" if include_deleted else "query"
        subrequest = {
            "method": "GET",
            "url": f"{self.data_path(resource)}?q={quote(soql, safe='')}",
            "referenceId": reference_id,
        }
        if batch_size != 2000:
            subrequest["httpHeaders"] = _batch_size_header(batch_size)
        return subrequest

    def data_path(self, resource: str) -> str:
        """ "/services/data/v62.0/<resource>", the form composite subrequests need."""
        return f"{_DATA_PATH}v{self._api_version}/{resource.lstrip('/')}"

    def composite(
        self,
        subrequests: Sequence[Mapping[str, Any]],
        all_or_none: bool = False,
        *,
        stop: threading.Event | None = None,
    ) -> list[tuple[int, Any]]:
        """Run up to 25 subrequests, at most 5 of them queries or collections, in one API
        call; (httpStatusCode, body) per subrequest, in order. Subrequest failures are
        returned, not raised. `stop` as in query_pages."""
        check_composite(subrequests)
        payload = {"allOrNone": all_or_none, "compositeRequest": [dict(s) for s in subrequests]}
        only_reads = all(str(s.get("method", "GET")).upper() == "GET" for s in subrequests)
        body = self._call(
            lambda sf: sf.restful("composite", method="POST", json=payload),
            idempotent=only_reads,
            stop=stop,
        )
        responses = body.get("compositeResponse") if isinstance(body, dict) else None
        if not isinstance(responses, list) or len(responses) != len(subrequests):
            raise MalformedResponse(self.host)
        results = []
        for response in responses:
            if not isinstance(response, dict) or not isinstance(
                response.get("httpStatusCode"), int
            ):
                raise MalformedResponse(self.host)
            results.append((response["httpStatusCode"], response.get("body")))
        return results

    def composite_sobjects(
        self,
        method: Literal["POST", "PATCH", "DELETE"],
        records: Sequence[Mapping[str, Any]] = (),
        ids: Sequence[str] = (),
        all_or_none: bool = False,
    ) -> list[dict[str, Any]]:
        """sObject Collections: create (POST) / update (PATCH) up to 200 records, each with
        {"attributes": {"type": ...}}, or DELETE up to 200 ids. One API call; returns the
        per-record results [{"id", "success", "errors"}]."""
        count = len(ids) if method == "DELETE" else len(records)
        check_collection(count)
        if method == "DELETE":
            params = {"ids": ",".join(ids), "allOrNone": str(all_or_none).lower()}
            call = lambda sf: sf.restful("composite/sobjects", params=params, method="DELETE")  # noqa: E731
        elif method in ("POST", "PATCH"):
            payload = {"allOrNone": all_or_none, "records": [dict(r) for r in records]}
            call = lambda sf: sf.restful("composite/sobjects", method=method, json=payload)  # noqa: E731
        else:
            raise ValueError(f"unsupported collection method {method!r}")
        # Creating twice would duplicate records; deleting twice reports misleading errors.
        body = self._call(call, idempotent=method == "PATCH")
        if not isinstance(body, list) or not all(isinstance(r, dict) for r in body):
            raise MalformedResponse(self.host)
        return body

    def upsert_sobjects(
        self,
        sobject: str,
        external_id_field: str,
        records: Sequence[Mapping[str, Any]],
        all_or_none: bool = False,
    ) -> list[dict[str, Any]]:
        """sObject Collections upsert: up to 200 records of `sobject` matched on their
        `external_id_field` value (created or updated). One API call; per-record results
        [{"id", "success", "errors", "created"}]. Safe to retry: the key decides the record."""
        if not (_SOBJECT_NAME.match(sobject) and _SOBJECT_NAME.match(external_id_field)):
            raise ValueError(f"not an sObject/field name: {sobject!r}, {external_id_field!r}")
        check_collection(len(records))
        payload = {"allOrNone": all_or_none, "records": [dict(r) for r in records]}
        path = f"composite/sobjects/{sobject}/{external_id_field}"
        body = self._call(lambda sf: sf.restful(path, method="PATCH", json=payload))
        if not isinstance(body, list) or not all(isinstance(r, dict) for r in body):
            raise MalformedResponse(self.host)
        return body

    def describe(self, sobject: str) -> dict[str, Any]:
        """The object's describe, fetched once per client."""
        if not _SOBJECT_NAME.match(sobject):
            raise ValueError(f"not an sObject name: {sobject!r}")
        key = sobject.lower()
        with self._lock:
            cached = self._describes.get(key)
        if cached is not None:
            return cached
        body = self._call(lambda sf: sf.restful(f"sobjects/{sobject}/describe"))
        if not isinstance(body, dict) or not isinstance(body.get("fields"), list):
            raise MalformedResponse(self.host)
        with self._lock:
            self._describes[key] = body
        return body

    def salesforce_now(self) -> datetime | None:
        """Salesforce's time now (never ahead of it), from the Date header of its latest answer;
        when none is recent, from a fresh one: the API versions resource, which needs no
        session and costs no API call. None only when Salesforce sends no Date at all."""
        now = self._server_clock.now(SERVER_TIME_MAX_AGE)
        if now is None:
            url = f"{self._session.instance_url.rstrip('/')}{_DATA_PATH}"
            self._call(lambda _sf: self._http.get(url))
            now = self._server_clock.now(SERVER_TIME_MAX_AGE)
        return now

    def limits(self) -> dict[str, Any]:
        body = self._call(lambda sf: sf.limits())
        if not isinstance(body, dict):
            raise MalformedResponse(self.host)
        return body

    # -- machinery ---------------------------------------------------------------------------

    def _use_session(self, session: SessionInfo) -> None:
        sf = Salesforce(
            session_id=session.access_token,
            instance_url=session.instance_url,
            session=self._http,
            version=self._api_version,
            object_pairs_hook=None,  # json's C fast path builds plain dicts
        )
        with self._lock:
            self._session = session
            self._sf = sf

    def _call(
        self,
        operation: Callable[[Salesforce], T],
        *,
        idempotent: bool = True,
        stop: threading.Event | None = None,
    ) -> T:
        """Run one simple-salesforce call with renewal, retries and error translation;
        Cancelled before an attempt once cancel_event (or `stop`) is set."""
        retries = 0
        renewed = False
        while True:
            if self.cancel_event.is_set() or (stop is not None and stop.is_set()):
                raise Cancelled()
            with self._lock:
                sf, token = self._sf, self._session.access_token
            try:
                return operation(sf)
            except SalesforceExpiredSession:
                if renewed or self._renew is None:
                    raise SessionExpired() from None
                self._renew_session(token)
                renewed = True
            except Exception as exc:
                if retries < self._retry.max_retries and is_retryable(exc, idempotent=idempotent):
                    retries += 1
                    delay = self._retry.delay(retries, self._rng)
                    logger.info(
                        "%s from %s; retry %d/%d in %.1f s",
                        type(exc).__name__,
                        self.host,
                        retries,
                        self._retry.max_retries,
                        delay,
                    )
                    if self._wait_cancelled(delay, stop):
                        raise Cancelled() from None
                    continue
                raise translate(exc, self.host) from exc

    def _wait_cancelled(self, seconds: float, stop: threading.Event | None) -> bool:
        """Wait `seconds` before a retry; True as soon as cancel_event or `stop` is set."""
        if stop is None:
            return self.cancel_event.wait(seconds)
        deadline = time.monotonic() + seconds
        while not stop.is_set():  # two events: look at `stop` every STOP_POLL_SECONDS
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if self.cancel_event.wait(min(remaining, STOP_POLL_SECONDS)):
                return True
        return True

    def _renew_session(self, expired_token: str) -> None:
        """Replace the expired session, unless another thread already did."""
        assert self._renew is not None
        with self._renew_lock:
            with self._lock:
                if self._session.access_token != expired_token:
                    return
            logger.info("session for %s expired; renewing", self.host)
            self._use_session(self._renew())

    def _observe_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._server_clock.observe(response.headers.get("Date"))
        path = urlsplit(response.url).path
        if not path.startswith(_DATA_PATH) or path == _DATA_PATH:
            return  # sign-in, token traffic and the version list are not API calls
        usage = parse_limit_info(response.headers.get("Sforce-Limit-Info"))
        charged = _is_charged(response)
        with self._lock:
            if charged:
                self._api_calls += 1
            if usage is not None:
                self._api_usage = usage


def _is_charged(response: requests.Response) -> bool:
    """Whether Salesforce counted this answer against the daily limit.

    Requests it turned away before doing anything are not counted: an invalid session (401),
    a spent limit or disabled API (403 with those codes) and unavailable servers (5xx).
    """
    status = response.status_code
    if status == 401 or status >= 500:
        return False
    if status == 403:
        try:
            code, _ = first_error(response.json())
        except (ValueError, requests.RequestException):  # unreadable: assume it was counted
            return True
        return code not in RATE_LIMIT_CODES | API_DISABLED_CODES
    return True


def subrequest_problem(status: int, body: Any) -> ConnectionProblem:
    """A failed composite subrequest as the problem the same request would raise alone."""
    code, message = first_error(body)
    if code in RATE_LIMIT_CODES:
        return RateLimited()
    return RequestRejected(status, code, message)


def _batch_size_header(batch_size: int) -> dict[str, str]:
    if not 200 <= batch_size <= 2000:
        raise ValueError("batch_size must be within 200..2000")
    return {"Sforce-Query-Options": f"batchSize={batch_size}"}


def _checked_page(page: Any, host: str) -> dict[str, Any]:
    if (
        not isinstance(page, dict)
        or not isinstance(page.get("records"), list)
        or not isinstance(page.get("done"), bool)
    ):
        raise MalformedResponse(host)
    return page
