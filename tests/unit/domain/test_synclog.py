from desktop.domain.synclog import ObjectCounts


def test_counts_add_up():
    total = ObjectCounts(created=1, archived=2) + ObjectCounts(created=3, modified=1, failed=1)
    assert total == ObjectCounts(created=4, modified=1, archived=2, failed=1)
    assert total.total == 7  # failures are not changes
