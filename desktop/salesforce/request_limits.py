"""The size limits Salesforce puts on one request, and the checks that keep Stint within them.

- Composite: up to 25 subrequests, at most 5 of them query/queryAll or sObject Collections
  operations (REST API Developer Guide, "Send Multiple Requests Using Composite").
- sObject Collections: up to 200 records.
- URI plus headers: at most 16,384 bytes, else 414 / 431 (help article 000386264), which
  advises keeping a URI within 2,000 characters: a longer query goes in a composite body.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

MAX_COMPOSITE_SUBREQUESTS = 25
MAX_COMPOSITE_QUERIES = 5
MAX_COLLECTION_RECORDS = 200
MAX_REQUEST_BYTES = 16_384
MAX_QUERY_URI = 2000


def check_composite(subrequests: Sequence[Mapping[str, Any]]) -> None:
    """Raise ValueError for a composite Salesforce would refuse."""
    if not 1 <= len(subrequests) <= MAX_COMPOSITE_SUBREQUESTS:
        raise ValueError(f"a composite request carries 1..{MAX_COMPOSITE_SUBREQUESTS} subrequests")
    if sum(1 for s in subrequests if is_query_or_collection(s)) > MAX_COMPOSITE_QUERIES:
        raise ValueError(
            f"a composite request carries at most {MAX_COMPOSITE_QUERIES} query or collection "
            "subrequests"
        )


def check_collection(count: int) -> None:
    if not 1 <= count <= MAX_COLLECTION_RECORDS:
        raise ValueError(f"a collection request carries 1..{MAX_COLLECTION_RECORDS} records")


def is_query_or_collection(subrequest: Mapping[str, Any]) -> bool:
    """query/queryAll (next pages included) or sObject Collections: the kinds a composite
    may hold 5 of."""
    # "/services/data/v62.0/queryAll/..." -> "queryAll/..."
    resource = "/".join(urlsplit(str(subrequest.get("url", ""))).path.split("/")[4:])
    return resource.startswith(("query", "composite/sobjects"))
