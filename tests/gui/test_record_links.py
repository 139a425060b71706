"""RecordLinks: "Open in Salesforce" addresses from the stored instance, the browser on a worker."""

from __future__ import annotations

import pytest

from desktop.domain.items import ROOT_ID
from desktop.platform.browser import RecordingBrowser
from desktop.services.record_links import RecordLinks
from desktop.store.sync_state_repo import INSTANCE_URL_KEY
from tests.gui.conftest import ACME_ID, CALL_ID

INSTANCE = "https://acme.my.salesforce.com"


@pytest.fixture
def browser():
    return RecordingBrowser()


@pytest.fixture
def links(qtbot, gui_store, tasks, browser):
    gui_store.sync_state.set_value(INSTANCE_URL_KEY, INSTANCE)
    return RecordLinks(gui_store, tasks.item, opener=browser)


def test_addresses_follow_the_task_and_the_connection(links, gui_store):
    assert links.url(ACME_ID) == f"{INSTANCE}/lightning/r/Opportunity/{ACME_ID}/view"
    assert links.url(CALL_ID) == f"{INSTANCE}/lightning/r/Task/{CALL_ID}/view"
    for nothing in (None, ROOT_ID, "00T0000000000UNKNOWN"[:18]):
        assert links.url(nothing) is None
        assert links.why_not(nothing) == "This task is not a Salesforce record."
    gui_store.sync_state.set_value(INSTANCE_URL_KEY, None)  # disconnected
    assert links.url(ACME_ID) is None
    assert links.why_not(ACME_ID) == "Connect to Salesforce to open its records."
    gui_store.sync_state.set_value(INSTANCE_URL_KEY, "http://acme.my.salesforce.com")
    assert links.url(ACME_ID) is None
    assert "https" in links.why_not(ACME_ID)


def test_opening_goes_to_the_browser_off_the_gui_thread(qtbot, links, browser):
    import threading

    threads = []
    browser.on_open = lambda url: threads.append(threading.current_thread()) or True
    with qtbot.waitSignal(links.opened, timeout=5000) as opened:
        assert links.open(ACME_ID)
    assert opened.args == [f"{INSTANCE}/lightning/r/Opportunity/{ACME_ID}/view"]
    assert threads and threads[0] is not threading.main_thread()
    assert not links.open(None)


def test_no_browser_says_so_with_the_address(qtbot, gui_store, tasks):
    gui_store.sync_state.set_value(INSTANCE_URL_KEY, INSTANCE)
    links = RecordLinks(gui_store, tasks.item, opener=RecordingBrowser(available=False))
    with qtbot.waitSignal(links.open_failed, timeout=5000) as failed:
        links.open(ACME_ID)
    message, url = failed.args
    assert url == f"{INSTANCE}/lightning/r/Opportunity/{ACME_ID}/view"
    assert message.startswith("No web browser could be started.") and url in message
