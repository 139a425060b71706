"""The opt-in notice of items newly assigned to the user (issue 15), on the real engine against
the sandbox: new cases and a case reassigned to the user make "3 new cases for you" with their
names; clicking it (or its "Show in Stint" button) opens the picker on them; off by default;
quiet after full passes and while notifications are off. The notifier here is a
desktop.platform.notifications.Notifier that records what it was asked to show; the
freedesktop notifier itself is tested on a real session bus (tests/gui/platform)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from desktop.domain.items import Item, ItemKind
from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine
from desktop.platform.notifications import DEFAULT_ACTION, Notifier
from desktop.platform.secrets import MemorySecretStore
from desktop.services.new_items_notice import (
    NOTICE_KEY,
    SHOW,
    NewItemsNotice,
    new_items_message,
    new_items_title,
)
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.tray.controller import plain_message
from tests.gui.conftest import HOSTILE_NAME

TIMEOUT_MS = 20_000


class RecordingNotifier(Notifier):
    supports_actions = True

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str]] = []
        self.actions: list = []

    def notify(self, key, title, body, actions=()):
        assert key == NOTICE_KEY
        self.shown.append((title, body))
        self.actions.append(list(actions))

    def click(self, action=DEFAULT_ACTION):
        self.action_invoked.emit(NOTICE_KEY, action)


@pytest.fixture
def engine(profile_dir, sandbox):
    opened = Engine.open(profile_dir, secret_store=MemorySecretStore(), policy={},
                         log_to_file=False)
    opened.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                            login_url=sandbox.login_url, ca_file=sandbox.ca_file)
    assert opened.sync().outcome is RunOutcome.SUCCEEDED
    yield opened
    opened.close()


def started_notice(qtbot, engine, notifier, opened):
    notice = NewItemsNotice(engine.store, notifier, lambda ids, title: opened.append((ids, title)))
    notice.start()
    qtbot.waitUntil(notice.is_watching, timeout=TIMEOUT_MS)
    return notice


def sync_and_check(qtbot, engine, notice, full=False):
    run = engine.sync(full)
    assert run.outcome is RunOutcome.SUCCEEDED, run.error
    notice.sync_finished(run)
    qtbot.waitUntil(lambda: not notice.is_checking(), timeout=TIMEOUT_MS)
    return run


def test_new_and_reassigned_cases_are_announced_with_their_names(qtbot, engine, sandbox):
    engine.settings.update(notify_new_items=True)
    notifier, opened = RecordingNotifier(), []
    notice = started_notice(qtbot, engine, notifier, opened)

    sf = sandbox.salesforce()
    me = sandbox.org.api_user.id
    first = sf.Case.create({"Subject": "Printer on fire", "Status": "New"})["id"]
    second = sf.Case.create({"Subject": HOSTILE_NAME, "Status": "New"})["id"]
    theirs = next(i for i in engine.store.items.all()
                  if i.kind is ItemKind.CASE and i.parent_id == "salesforce" and i.owner_id != me)
    sf.Case.update(theirs.id, {"OwnerId": me})
    with qtbot.waitSignal(notice.new_items_found, timeout=TIMEOUT_MS) as found:
        sync_and_check(qtbot, engine, notice)
    assert {item.id for item in found.args[0]} == {first, second, theirs.id}

    title, message = notifier.shown[-1]
    assert title == "3 new cases for you"
    lines = message.splitlines()
    assert lines[-1] == "Click to see them in Stint."
    assert any(line.endswith("Printer on fire") for line in lines)
    assert any(HOSTILE_NAME.split()[0] in line for line in lines)  # the name, as it is
    assert notifier.actions[-1] == [(SHOW, "Show in Stint")]
    notifier.click()
    assert opened == [([item.id for item in found.args[0]], "3 new cases for you")]
    notifier.click(SHOW)
    assert len(opened) == 2 and opened[1] == opened[0]
    notifier.action_invoked.emit("no-timer", DEFAULT_ACTION)  # a reminder's click: not ours
    assert len(opened) == 2

    # nothing new: nothing said
    count = len(notifier.shown)
    sync_and_check(qtbot, engine, notice)
    assert len(notifier.shown) == count


def test_off_by_default_and_quiet_after_a_full_pass(qtbot, engine, sandbox):
    notifier, opened = RecordingNotifier(), []
    notice = started_notice(qtbot, engine, notifier, opened)
    sf = sandbox.salesforce()
    sf.Case.create({"Subject": "Nobody asked to hear of me", "Status": "New"})
    sync_and_check(qtbot, engine, notice)
    assert notifier.shown == []  # notify_new_items is off

    engine.settings.update(notify_new_items=True)
    sf.Case.create({"Subject": "Brought by a full pass", "Status": "New"})
    sync_and_check(qtbot, engine, notice, full=True)
    assert notifier.shown == []  # a full pass brings what nobody just assigned


def test_quiet_while_notifications_are_off(qtbot, engine, sandbox):
    """The General page's "Show notifications" off silences this notice too."""
    engine.settings.update(notify_new_items=True)
    notifier, opened = RecordingNotifier(), []
    notice = started_notice(qtbot, engine, notifier, opened)
    allowed = [False]
    notice.set_allowed(lambda: allowed[0])
    sf = sandbox.salesforce()
    sf.Case.create({"Subject": "Said while notifications are off", "Status": "New"})
    with qtbot.waitSignal(notice.new_items_found, timeout=TIMEOUT_MS):
        sync_and_check(qtbot, engine, notice)
    assert notifier.shown == []

    allowed[0] = True
    sf.Case.create({"Subject": "Said once they are on", "Status": "New"})
    sync_and_check(qtbot, engine, notice)
    assert [title for title, _ in notifier.shown] == ["1 new case for you"]


def test_the_wording():
    def item(kind, name):
        return Item(f"{name}-id", kind, name, "salesforce")

    cases = [item(ItemKind.CASE, f"Case {n}") for n in range(7)]
    assert new_items_title(cases[:1]) == "1 new case for you"
    assert new_items_message(cases[:1]) == "Case 0\nClick to see it in Stint."
    assert new_items_title([item(ItemKind.OPPORTUNITY, "Deal"), *cases[:2],
                            item(ItemKind.ACTIVITY, "Call")]) == (
        "1 new opportunity, 2 new cases and 1 new activity for you")
    assert new_items_message(cases).splitlines()[-2:] == ["and 2 more",
                                                          "Click to see them in Stint."]
    # what the tray shows: no markup a notification server could read
    shown = plain_message(f"{HOSTILE_NAME} & co")
    assert "<" not in shown and ">" not in shown and "&" not in shown
    assert shown.startswith("\u2039b\u203ax\u2039/b\u203a")


def test_the_picker_opens_on_the_new_items(qtbot, engine):
    tasks = TasksService(engine.store)
    with qtbot.waitSignal(tasks.tree_changed, timeout=TIMEOUT_MS):
        tasks.reload()
    host = QWidget()
    host.resize(800, 600)
    widget = TaskWidget(TimerService(engine.store), tasks, host)
    widget.setGeometry(0, 0, 800, 160)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    cases = [i for i in tasks.tree().visible_items() if i.kind is ItemKind.CASE][:3]
    picker = widget.picker
    picker.show_items([c.id for c in cases], "3 new cases for you")
    assert picker.is_open() and picker.current_page() == "results"
    shown = [picker.results_model.item_at(r).id for r in range(picker.results_model.rowCount())]
    assert shown == [c.id for c in cases]
    assert picker.status.text() == "3 new cases for you; Enter starts the timer"
    qtbot.keyClicks(picker.search, "x")  # typing searches as usual
    assert picker.status.text() != "3 new cases for you; Enter starts the timer"


def test_what_the_user_owns_is_kept_compactly_between_syncs(qtbot, profile_dir):
    """The app holds the owned ids all day: 20,000 of them stay well under the ~2 MB a set of
    id strings takes (~100 bytes an id), and an id assigned to the user since is still found."""
    import gc
    import tracemalloc
    from dataclasses import replace

    from desktop.engine.link import USER_ID_KEY
    from desktop.store.store import Store

    me = "005000000000001AAA"
    owned = [Item(f"500{n:012d}AAA", ItemKind.CASE, f"Case {n}", "salesforce", owner_id=me)
             for n in range(20_000)]
    with Store.open(profile_dir / "data" / "stint.sqlite3") as store:
        store.items.upsert_many(owned)
        store.sync_state.set_value(USER_ID_KEY, me)
        store.settings.save(replace(store.settings.load(), notify_new_items=True))
        notice = NewItemsNotice(store)
        gc.collect()
        tracemalloc.start()
        try:
            notice.start()
            qtbot.waitUntil(notice.is_watching, timeout=TIMEOUT_MS)
            gc.collect()
            kept, _peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert kept < 600_000  # bytes: the ids as one string (19 bytes an id) and little else

        store.items.upsert_many([Item("500999999999999AAA", ItemKind.CASE, "Now yours",
                                      "salesforce", owner_id=me)])
        run = type("Run", (), {"outcome": RunOutcome.SUCCEEDED, "kind": "incremental"})()
        with qtbot.waitSignal(notice.new_items_found, timeout=TIMEOUT_MS) as found:
            notice.sync_finished(run)
        assert [item.id for item in found.args[0]] == ["500999999999999AAA"]
        qtbot.waitUntil(lambda: not notice.is_checking(), timeout=TIMEOUT_MS)
