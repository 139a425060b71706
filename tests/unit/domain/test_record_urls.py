"""domain.record_urls: a record's Lightning page on the connected org.

URL format: Lightning Aura Components Developer Guide, "pageReference Types", Record Page
Type: /lightning/r/{objectApiName}/{recordId}/{actionName}.
"""

from __future__ import annotations

import pytest

from desktop.domain.record_urls import (
    RecordUrlError,
    is_record_id,
    lightning_record_url,
    sobject_for_id,
)


def test_the_record_page_on_the_instance():
    assert lightning_record_url("https://acme.my.salesforce.com", "Opportunity", "006000000000001AAA") == (
        "https://acme.my.salesforce.com/lightning/r/Opportunity/006000000000001AAA/view"
    )
    assert lightning_record_url("https://127.0.0.1:8443/", "Case", "500000000000001") == (
        "https://127.0.0.1:8443/lightning/r/Case/500000000000001/view"
    )


@pytest.mark.parametrize(
    ("instance", "sobject", "record_id"),
    [
        ("http://acme.my.salesforce.com", "Case", "500000000000001AAA"),  # not https
        ("https://user:pw@acme.my.salesforce.com", "Case", "500000000000001AAA"),
        ("https://acme.my.salesforce.com?x=1", "Case", "500000000000001AAA"),
        ("https://acme.my.salesforce.com:99999", "Case", "500000000000001AAA"),
        ("javascript:alert(1)", "Case", "500000000000001AAA"),
        ("https://acme.my.salesforce.com", "Case/../../x", "500000000000001AAA"),
        ("https://acme.my.salesforce.com", "", "500000000000001AAA"),
        ("https://acme.my.salesforce.com", "Case", "500000000000001AAA/../../evil"),
        ("https://acme.my.salesforce.com", "Case", "short"),
    ],
)
def test_nothing_unchecked_goes_into_the_address(instance, sobject, record_id):
    with pytest.raises(RecordUrlError):
        lightning_record_url(instance, sobject, record_id)


def test_objects_from_key_prefixes():
    assert sobject_for_id("006000000000001AAA") == "Opportunity"
    assert sobject_for_id("00T000000000001") == "Task"
    assert sobject_for_id("a01000000000001AAA") is None
    assert sobject_for_id("not an id") is None
    assert is_record_id("500000000000001") and not is_record_id("50000000000000")
