from desktop.domain.synclog import ObjectCounts


def test_counts_add_up():
    total = ObjectCounts(created=1, archived=2) + ObjectCounts(created=3, modified=1, failed=1)
    assert total == ObjectCounts(created=4, modified=1, archived=2, failed=1)
    assert total.total == 7  # failures are not changes


def test_archived_counts_say_why_and_sum_up():
    from desktop.domain.synclog import archive_breakdown_text, archived_counts

    counts = archived_counts(["closed", "deleted", "deleted", "not visible", "excluded"])
    assert counts == ObjectCounts(archived=5, closed=1, deleted=2, not_visible=1, excluded=1)
    assert archive_breakdown_text(counts) == (
        "1 closed, 2 deleted, 1 no longer visible, 1 excluded")
    assert (counts + ObjectCounts(created=1, closed=1, archived=1)).closed == 2
    assert counts.archived_unexplained == 0
    assert ObjectCounts(archived=3, closed=1).archived_unexplained == 2  # logged before V5
