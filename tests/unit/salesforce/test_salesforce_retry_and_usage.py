import random

import pytest

from desktop.salesforce.api_usage import ApiUsage, parse_limit_info
from desktop.salesforce.retry import RetryPolicy


def test_backoff_grows_exponentially_with_jitter_and_is_capped():
    policy = RetryPolicy(max_retries=6, base_delay=0.5, max_delay=4.0)
    rng = random.Random(7)
    for retry in range(1, 7):
        ceiling = min(4.0, 0.5 * 2 ** (retry - 1))
        samples = [policy.delay(retry, rng) for _ in range(200)]
        assert all(ceiling / 2 <= s <= ceiling for s in samples)
        assert max(samples) - min(samples) > ceiling / 4  # really jittered
    assert [policy.ceiling(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]


def test_backoff_is_bounded_by_max_retries():
    policy = RetryPolicy(max_retries=2)
    with pytest.raises(ValueError):
        policy.delay(3)
    with pytest.raises(ValueError):
        RetryPolicy(max_retries=-1)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("api-usage=18/15000", ApiUsage(18, 15000)),
        ("api-usage=25/5000; per-app-api-usage=17/250(appName=sample)", ApiUsage(25, 5000)),
        ("per-app-api-usage=17/250(appName=x)", None),
        ("", None),
        (None, None),
        ("garbage", None),
    ],
)
def test_sforce_limit_info_is_parsed(header, expected):
    assert parse_limit_info(header) == expected


def test_usage_remaining_and_fraction():
    usage = ApiUsage(used=14_250, limit=15_000)
    assert usage.remaining == 750
    assert usage.fraction_used == pytest.approx(0.95)
    assert ApiUsage(used=20, limit=10).remaining == 0
