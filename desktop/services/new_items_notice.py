"""Opt-in (settings.notify_new_items, off by default): a notification when a sync brings items
newly assigned to the user, "3 new cases for you", naming them; clicking it opens the picker
on them (issue 15).

"New for you" = active items the user owns now that they did not own (or that were not
stored) before the sync: new records assigned to them, and existing ones reassigned to them.
A reopened item of theirs is not new. Only incremental runs notify: a first sync, or a full
pass after the import settings changed, brings many items nobody just assigned.

The owned ids are read from the store on a worker (200,000 items: no GUI-thread work), once
when the engine is ready and after each successful sync, and compared there with those of the
last reading. Between syncs they are kept as one string (the sorted ids, a line each): the app
holds them all day, and a set of 50,000 id strings is ~5 MB, the string under 1 MB. The notice
is a desktop notification (desktop.platform.notifications: the freedesktop server with a "Show
in Stint" button, or the tray's balloon), one at a time: a newer notice replaces the one still
shown. It is quiet when the General page turns notifications off.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from desktop.domain.items import Item, ItemKind
from desktop.domain.text import fill
from desktop.platform.notifications import DEFAULT_ACTION, Notifier
from desktop.services.workers import run_in_background
from desktop.store.store import Store

log = logging.getLogger(__name__)

NAMES_SHOWN = 5
NOTICE_KEY = "new-items"  # one notification, replaced by the next notice
SHOW = "show"  # the notification's button; clicking the notification itself does the same
_NOUNS = {  # kind: (one, many), in the order the title lists them; translated where shown
    ItemKind.OPPORTUNITY: (QT_TRANSLATE_NOOP("NewItemsNotice", "1 new opportunity"),
                           QT_TRANSLATE_NOOP("NewItemsNotice", "%1 new opportunities")),
    ItemKind.CASE: (QT_TRANSLATE_NOOP("NewItemsNotice", "1 new case"),
                    QT_TRANSLATE_NOOP("NewItemsNotice", "%1 new cases")),
    ItemKind.ACTIVITY: (QT_TRANSLATE_NOOP("NewItemsNotice", "1 new activity"),
                        QT_TRANSLATE_NOOP("NewItemsNotice", "%1 new activities")),
}
translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts


def new_items_title(items: Sequence[Item]) -> str:
    """ "3 new cases for you", "1 new opportunity and 2 new cases for you"."""
    parts = []
    for kind, (one, many) in _NOUNS.items():
        count = sum(1 for item in items if item.kind is kind)
        if count:
            parts.append(translate("NewItemsNotice", one) if count == 1
                         else fill(translate("NewItemsNotice", many), count))
    if not parts:
        return translate("NewItemsNotice", "Nothing new for you")
    listed = parts[0]
    if len(parts) > 1:
        listed = fill(translate("NewItemsNotice", "%1 and %2"),
                      translate("NewItemsNotice", ", ").join(parts[:-1]), parts[-1])
    return fill(translate("NewItemsNotice", "%1 for you"), listed)


def new_items_message(items: Sequence[Item]) -> str:
    """The names, one a line (at most NAMES_SHOWN), and what a click does."""
    lines = [" ".join(item.name.split()) for item in items[:NAMES_SHOWN]]
    if len(items) > NAMES_SHOWN:
        lines.append(fill(translate("NewItemsNotice", "and %1 more"), len(items) - NAMES_SHOWN))
    lines.append(translate("NewItemsNotice", "Click to see it in Stint.") if len(items) == 1
                 else translate("NewItemsNotice", "Click to see them in Stint."))
    return "\n".join(lines)


class NewItemsNotice(QObject):
    new_items_found = Signal(object)  # list[Item]: active items newly assigned to the user

    def __init__(
        self,
        store: Store,
        notifier: Notifier | None = None,
        open_items: Callable[[list[str], str], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._notifier = notifier
        self._open_items = open_items
        self._allowed: Callable[[], bool] = lambda: True
        self._shown: tuple[list[str], str] | None = None  # (ids, title) of the notice shown
        if notifier is not None:
            notifier.action_invoked.connect(self._action)
        self._owned: tuple[str | None, str] | None = None  # (user id, owned ids) last read
        self._reading = False
        self._pending_run: object | None = None  # a run finished while reading

    def set_allowed(self, allowed: Callable[[], bool]) -> None:
        """Ask `allowed()` before each notice (the General page's "Show notifications")."""
        self._allowed = allowed

    def is_watching(self) -> bool:
        """What the user owns has been read once: later syncs are compared with it."""
        return self._owned is not None

    def is_checking(self) -> bool:
        return self._reading

    def start(self) -> None:
        """Read what the user owns now (the engine is ready): later syncs compare with it."""
        self._read(None)

    def sync_finished(self, run: object) -> None:
        """After a sync: find what is new for the user (on a worker)."""
        from desktop.domain.synclog import RunOutcome

        if getattr(run, "outcome", None) is not RunOutcome.SUCCEEDED:
            return
        if self._reading:
            self._pending_run = run
            return
        self._read(run)

    def _read(self, run: object | None) -> None:
        self._reading = True
        store = self._store
        before = self._owned
        compare = run is not None and getattr(run, "kind", "") == "incremental"

        def read() -> tuple[tuple[str | None, str], set[str], bool]:
            from desktop.engine.link import USER_ID_KEY

            user_id = store.sync_state.get_value(USER_ID_KEY)
            owned = store.items.owned_ids(user_id) if user_id else set()
            new_ids = (owned.difference(_ids(before[1]))
                       if compare and before is not None and before[0] == user_id else set())
            return (user_id, _packed(owned)), new_ids, store.settings.load().notify_new_items

        run_in_background(self, read, lambda found: self._compare(*found),
                          self._read_failed, name="items for you")

    def _compare(self, owned: tuple[str | None, str], new_ids: set[str], wanted: bool) -> None:
        self._owned = owned
        if new_ids and wanted:
            self._announce(new_ids)
        else:
            self._done()

    def _announce(self, new_ids: set[str]) -> None:
        store = self._store

        def read() -> list[Item]:
            found = store.items.by_ids(sorted(new_ids))
            return sorted((i for i in found.values() if not i.archived),
                          key=lambda i: (list(_NOUNS).index(i.kind) if i.kind in _NOUNS else 9,
                                         i.name.casefold()))

        run_in_background(self, read, self._found, self._read_failed, name="new items")

    def _found(self, items: list[Item]) -> None:
        if items:
            log.info("%d new item(s) for the user", len(items))
            self.new_items_found.emit(items)
            if self._notifier is not None and self._allowed():
                title = new_items_title(items)
                self._shown = ([item.id for item in items], title)
                self._notifier.notify(NOTICE_KEY, title, new_items_message(items),
                                      [(SHOW, translate("NewItemsNotice", "Show in Stint"))])
        self._done()

    def _action(self, key: str, action: str) -> None:
        """The notice (or its button) was clicked: the picker opens on its items."""
        if key != NOTICE_KEY or action not in (SHOW, DEFAULT_ACTION):
            return
        if self._shown is not None and self._open_items is not None:
            self._open_items(*self._shown)

    def _read_failed(self, error: BaseException) -> None:
        log.warning("could not look for new items: %s", error)
        self._done()

    def _done(self) -> None:
        self._reading = False
        run, self._pending_run = self._pending_run, None
        if run is not None:
            self._read(run)


def _packed(ids: set[str]) -> str:
    return "\n".join(sorted(ids))


def _ids(packed: str) -> list[str]:
    return packed.split("\n") if packed else []
