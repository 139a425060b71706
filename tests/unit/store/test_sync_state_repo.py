from datetime import UTC, datetime

import pytest


def test_watermarks_per_object(store):
    assert store.sync_state.watermark("Opportunity") is None
    moment = datetime(2026, 11, 20, 9, 0, 0, 500000, tzinfo=UTC)
    store.sync_state.set_watermark("Opportunity", moment)
    store.sync_state.set_watermark("Case", moment.replace(hour=8))
    assert store.sync_state.watermark("Opportunity") == moment
    assert store.sync_state.watermarks() == {"Opportunity": moment, "Case": moment.replace(hour=8)}
    store.sync_state.set_watermark("Case", None)
    assert store.sync_state.watermark("Case") is None


def test_last_full_sync(store):
    assert store.sync_state.last_full_sync() is None
    moment = datetime(2026, 11, 20, tzinfo=UTC)
    store.sync_state.set_last_full_sync(moment)
    assert store.sync_state.last_full_sync() == moment


def test_watermark_moves_only_with_the_records(store):
    moment = datetime(2026, 11, 20, tzinfo=UTC)
    with pytest.raises(RuntimeError), store.transaction():
        store.sync_state.set_watermark("Case", moment)
        raise RuntimeError("the batch failed")
    assert store.sync_state.watermark("Case") is None


def test_reset_forgets_everything(store):
    store.sync_state.set_watermark("Case", datetime(2026, 11, 20, tzinfo=UTC))
    store.sync_state.set_last_full_sync(datetime(2026, 11, 20, tzinfo=UTC))
    store.sync_state.reset()
    assert store.sync_state.watermarks() == {} and store.sync_state.last_full_sync() is None
