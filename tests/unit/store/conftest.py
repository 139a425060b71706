from datetime import UTC

import pytest

from desktop.store import Store


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "data" / "stint.db", display_tz=UTC)
    yield opened
    opened.close()
