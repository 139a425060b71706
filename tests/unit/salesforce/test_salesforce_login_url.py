import pytest

from desktop.salesforce.errors import InsecureLoginUrl, InvalidLoginUrl
from desktop.salesforce.login_url import host_of, normalize_login_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://login.salesforce.com", "https://login.salesforce.com"),
        ("https://test.salesforce.com/", "https://test.salesforce.com"),
        ("  https://Acme.my.salesforce.com/some/path ", "https://acme.my.salesforce.com"),
        ("https://127.0.0.1:8443", "https://127.0.0.1:8443"),
        ("https://login.salesforce.com:443", "https://login.salesforce.com"),
        ("HTTPS://login.salesforce.com", "https://login.salesforce.com"),
    ],
)
def test_https_login_urls_are_normalised(given, expected):
    assert normalize_login_url(given) == expected


@pytest.mark.parametrize("url", ["http://login.salesforce.com", "HTTP://127.0.0.1:8443"])
def test_plain_http_is_refused_as_insecure(url):
    with pytest.raises(InsecureLoginUrl) as caught:
        normalize_login_url(url)
    assert "https://" in caught.value.message


@pytest.mark.parametrize(
    "url",
    [
        "",
        "login.salesforce.com",
        "ftp://login.salesforce.com",
        "https://",
        "https://login.salesforce.com:notaport",
        "https://user:secret@login.salesforce.com",
        "https://login.salesforce.com/?next=x",
    ],
)
def test_unusable_urls_are_invalid(url):
    with pytest.raises(InvalidLoginUrl) as caught:
        normalize_login_url(url)
    assert not isinstance(caught.value, InsecureLoginUrl)
    assert "secret" not in str(caught.value)


def test_host_of_keeps_non_default_ports_only():
    assert host_of("https://127.0.0.1:8443/services/data") == "127.0.0.1:8443"
    assert host_of("https://login.salesforce.com:443/x?q=1") == "login.salesforce.com"
