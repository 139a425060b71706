"""The daily API budget on a controllable clock."""

from datetime import UTC, datetime, timedelta

from desktop.sandbox.limits import ApiBudget


class FakeNow:
    def __init__(self):
        self.value = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)

    def __call__(self):
        return self.value


def test_budget_counts_until_spent_then_refuses_without_counting():
    now = FakeNow()
    budget = ApiBudget(now, maximum=3)
    assert [budget.try_consume() for _ in range(5)] == [True, True, True, False, False]
    assert budget.used == 3
    assert budget.header_value() == "api-usage=3/3"
    assert budget.limits_body() == {"Max": 3, "Remaining": 0}


def test_budget_resets_a_day_after_the_window_started():
    now = FakeNow()
    budget = ApiBudget(now, maximum=2)
    budget.try_consume()
    now.value += timedelta(hours=23, minutes=59)
    budget.try_consume()
    assert not budget.try_consume()
    now.value += timedelta(minutes=1)
    assert budget.try_consume()
    assert budget.used == 1


def test_configure_sets_maximum_and_used():
    budget = ApiBudget(FakeNow())
    assert budget.maximum == 15_000
    budget.configure(maximum=100, used=99)
    assert budget.remaining == 1
    assert budget.try_consume() and not budget.try_consume()
