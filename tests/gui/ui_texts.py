"""Reading what a window shows, for the language tests: every visible text (labels, buttons,
group titles, tabs, placeholders, tooltips, menus, headers and cells of item views) with the
widget that shows it, and the labels and buttons whose text does not fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

from desktop.ui.elided_label import ElidedLabel

TS_FILE = Path(__file__).resolve().parents[2] / "resources" / "translations" / "stint_fr.ts"


@dataclass(frozen=True)
class Shown:
    text: str
    where: str  # "QLabel in TimesheetView", for the failure message
    owner_modules: tuple[str, ...]  # the modules of the widget's classes and its ancestors'


def _owners(widget: QWidget | None) -> tuple[str, ...]:
    modules = []
    while widget is not None:
        modules.append(type(widget).__module__)
        widget = widget.parentWidget()
    return tuple(modules)


def _where(widget: QWidget) -> str:
    owner = widget.parentWidget()
    while owner is not None and type(owner).__module__.startswith("PySide6"):
        owner = owner.parentWidget()
    name = widget.objectName()
    return (f"{type(widget).__name__}{'#' + name if name else ''} in "
            f"{type(owner).__name__ if owner is not None else 'nothing'}")


def _menu_texts(menu: QMenu, where: str, owners: tuple[str, ...]) -> list[Shown]:
    found = []
    for action in menu.actions():
        if action.isSeparator() and not action.text():
            continue
        if action.text():
            found.append(Shown(action.text(), where, owners))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            found.append(Shown(action.toolTip(), where + " (tooltip)", owners))
        if action.menu() is not None:
            found.extend(_menu_texts(action.menu(), where, owners))
    return found


def _view_texts(view: QAbstractItemView, owners: tuple[str, ...]) -> list[Shown]:
    model = view.model()
    where = _where(view)
    found = []
    if model is None:
        return found
    def columns(parent: QModelIndex) -> int:  # a list model's columnCount is private
        return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)

    for column in range(columns(QModelIndex())):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if header:
            found.append(Shown(str(header), where + " (header)", owners))

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), 40)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str) and value:
                        found.append(Shown(value, where, owners))
            if depth < 3:
                walk(model.index(row, 0, parent), depth + 1)

    walk(QModelIndex(), 0)
    return found


def shown_texts(root: QWidget) -> list[Shown]:
    """Every text the visible widgets under (and including) `root` show."""
    found: list[Shown] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        owners = _owners(widget)
        where = _where(widget)

        def add(text: str, suffix: str = "") -> None:
            if text:
                found.append(Shown(text, where + suffix, owners))  # noqa: B023

        if isinstance(widget, QLabel | ElidedLabel | QAbstractButton):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget.placeholderText(), " (placeholder)")
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget.itemText(index))
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index))
        elif isinstance(widget, QMenuBar):
            found.extend(_menu_texts_of_bar(widget, owners))
        elif isinstance(widget, QAbstractItemView):
            found.extend(_view_texts(widget, owners))
        add(widget.toolTip(), " (tooltip)")
        add(widget.accessibleName(), " (accessible name)")
        if widget.isWindow() and widget.windowTitle():
            add(widget.windowTitle(), " (title)")
    return found


def _menu_texts_of_bar(bar: QMenuBar, owners: tuple[str, ...]) -> list[Shown]:
    found = []
    for action in bar.actions():
        if not action.isVisible():
            continue
        found.append(Shown(action.text(), "menu bar", owners))
        if action.menu() is not None:
            found.extend(_menu_texts(action.menu(), "menu " + action.text(), owners))
    return found


def menu_texts(menu: QMenu, owners: tuple[str, ...]) -> list[Shown]:
    return _menu_texts(menu, menu.objectName() or "menu", owners)


def clipped(root: QWidget) -> list[Shown]:
    """Visible labels and buttons whose text needs more room than they have, and elided
    labels that show UI text (not Salesforce data) cut short (the problem as `text`)."""
    problems: list[Shown] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 1:
            continue
        found = _clipping(widget)
        if found:
            problems.append(Shown(found, _where(widget), _owners(widget)))
    return problems


def _clipping(widget: QWidget) -> str:
    """Why `widget`'s text does not fit ("" when it does)."""
    if isinstance(widget, ElidedLabel):
        if widget.objectName() not in DATA_LABELS and widget.is_elided():
            return f"elides {widget.text()!r}"
        return ""
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            wanted = widget.heightForWidth(widget.width())
            if wanted > widget.height() + 1:
                return f"needs {wanted} px of height for {widget.text()!r}, has {widget.height()}"
        elif widget.sizeHint().width() > widget.width() + 1:
            return f"needs {widget.sizeHint().width()} px for {widget.text()!r}, has {widget.width()}"
        return ""
    if isinstance(widget, QAbstractButton) and widget.text():
        if widget.sizeHint().width() > widget.width() + 1:
            return f"needs {widget.sizeHint().width()} px for {widget.text()!r}, has {widget.width()}"
        return ""
    if isinstance(widget, QTabBar):
        cut = [widget.tabText(index) for index in range(widget.count())
               if widget.tabRect(index).width() < widget.tabSizeHint(index).width()]
        return f"cuts the tabs {cut}" if cut else ""
    return ""


# Elided labels that show Salesforce data (names, paths, fields): eliding them is by design.
DATA_LABELS = frozenset({"taskPath", "taskName", "taskFields"})

_DATA_LIKE = re.compile(r"^[\d\s:.,+–—-]*(h|min|s|AM|PM)?$")


_KEYS = re.compile(r"^((Ctrl|Alt|Shift|Meta)\+)+\S{1,3}$|^F\d{1,2}$")


def looks_like_data(text: str) -> bool:
    """Times, durations, counts and dates, and key combinations ("Ctrl+K, Ctrl+F"; Qt's own
    translation names the keys that have words): the same in both languages."""
    if _DATA_LIKE.match(text.strip()):
        return True
    return all(_KEYS.match(part) for part in text.split(", "))


def ts_sources() -> set[str]:
    """Every source text of the translation (the English the code shows)."""
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.parse(TS_FILE).getroot()
    return {message.findtext("source") for message in root.iter("message")}


def plain(text: str) -> str:
    """A text without its mnemonic marks."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
