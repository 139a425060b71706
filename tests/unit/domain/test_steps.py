import random

import pytest

from desktop.domain.steps import in_slices, sorted_in_steps


@pytest.mark.parametrize(("count", "step"), [(0, 4), (3, 4), (1000, 7), (5000, 64), (20_000, 4096)])
def test_sorted_in_steps_equals_sorted_and_is_stable(count: int, step: int) -> None:
    rng = random.Random(count)
    # few distinct keys: many ties, so stability is really exercised
    values = [(rng.randint(0, 20), position) for position in range(count)]
    assert sorted_in_steps(values, key=lambda v: v[0], step=step) == sorted(
        values, key=lambda v: v[0]
    )


def test_sorted_in_steps_takes_any_iterable_and_computes_each_key_once() -> None:
    calls = []

    def key(value: int) -> int:
        calls.append(value)
        return -value

    assert sorted_in_steps(iter(range(100)), key=key, step=8) == list(range(99, -1, -1))
    assert sorted(calls) == list(range(100))


def test_in_slices_of_a_sequence_and_of_an_iterator() -> None:
    assert [list(piece) for piece in in_slices([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]
    assert list(in_slices(iter(range(5)), 2)) == [[0, 1], [2, 3], [4]]
    assert list(in_slices([], 3)) == []
