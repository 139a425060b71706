import pytest

from desktop.domain.settings import Settings, SettingsError


def test_defaults_until_saved(store):
    assert store.settings.load() == Settings()


def test_save_and_load_round_trip(store):
    settings = Settings(
        username="jane@example.com", sync_interval_minutes=15, import_mode="specific",
        specific_ids=("006000000000001AAA",), opportunity_stage_trigger="Closed Won",
    )
    store.settings.save(settings)
    assert store.settings.load() == settings


def test_invalid_settings_are_not_saved(store):
    with pytest.raises(SettingsError) as info:
        store.settings.save(Settings(login_url="http://login.salesforce.com"))
    assert "https://" in info.value.problems["login_url"]
    assert store.settings.load() == Settings()


def test_unreadable_stored_settings_fall_back_to_defaults(store, caplog):
    with store.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('user', '{not json')")
    assert store.settings.load() == Settings()
    assert "unusable" in caplog.text


def test_stored_json_holds_no_secret_fields(store):
    store.settings.save(Settings(username="jane@example.com"))
    text = store._db.connect().execute("SELECT value FROM settings").fetchone()[0]
    for word in ("password", "token", "secret"):
        assert word not in text.lower()


def test_stored_values_are_read_raw_for_the_first_paint(store):
    assert store.settings.stored_values(["duration_format"]) == {}  # nothing saved yet
    store.settings.save(Settings(duration_format="decimal", week_start="sunday"))
    assert store.settings.stored_values(["duration_format", "week_start", "nope"]) == {
        "duration_format": "decimal", "week_start": "sunday"}
