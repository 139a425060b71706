"""A small dialog to choose (and order) entries from a searchable, checkable list: the fields
shown with each task, or the relationships imported as subtasks.

Keyboard: type to filter (the search box has focus), Down moves into the list, Space toggles
the current entry, Alt+U / Alt+D move a chosen entry up or down, Enter accepts, Esc cancels.
Chosen entries stay at the top in their order; the rest follow by label. Without a describe
(offline, not connected) or when the administrator locked the setting, the dialog only shows
the current choice, with a note saying why. Every text from Salesforce is plain text (the
standard item delegate never renders rich text).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.text import fill
from desktop.services.field_choices import Choice

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
RANK_ROLE = Qt.ItemDataRole.UserRole + 2  # the sort key: position if chosen, else resting
RESTING_RANK_ROLE = Qt.ItemDataRole.UserRole + 3  # the sort key when not chosen (by label)
_UNCHOSEN_RANK = 1_000_000  # unchosen entries sort after every chosen one, by label


class _SearchEdit(QLineEdit):
    """The filter box: Down (or Page Down) hands the keyboard to the list below."""

    def __init__(self, view: QTreeView, parent: QWidget) -> None:
        super().__init__(parent)
        self._view = view

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self._view.setFocus()
            if not self._view.currentIndex().isValid() and self._view.model().rowCount():
                self._view.setCurrentIndex(self._view.model().index(0, 0))
            return
        super().keyPressEvent(event)


class ChoiceDialog(QDialog):
    def __init__(
        self,
        title: str,
        choices: Sequence[Choice],
        chosen: Sequence[str],
        *,
        ordered: bool = True,
        read_only_note: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._ordered = ordered
        self._read_only = read_only_note is not None
        self._updating = False
        self._order: list[str] = []
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Field") if ordered else self.tr("Relationship"),
             self.tr("API name") if ordered else self.tr("Details")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(RANK_ROLE)
        self.proxy.setDynamicSortFilter(True)
        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName(title)
        self.search_edit = _SearchEdit(self.view, self)
        self.search_edit.setPlaceholderText(
            self.tr("Type to filter by label or API name") if ordered
            else self.tr("Type to filter"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Filter"))
        self.note_label = QLabel(read_only_note or "", self)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(self._read_only)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.down_button = QPushButton(self.tr("Move &down"), self)
        buttons = QDialogButtonBox(self)
        if self._read_only:
            buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(self.reject)
        else:
            buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok
                                       | QDialogButtonBox.StandardButton.Cancel)
            buttons.accepted.connect(self.accept)
            buttons.rejected.connect(self.reject)
            ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setDefault(True)
        self.buttons = buttons

        moves = QHBoxLayout()
        moves.addWidget(self.status_label, 1)
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.view, 1)
        layout.addLayout(moves)
        layout.addWidget(buttons)
        for widget in (self.up_button, self.down_button):
            widget.setVisible(ordered and not self._read_only)
            widget.setAutoDefault(False)
        self.search_edit.setVisible(not self._read_only)

        self._fill(choices, chosen)
        self.search_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.model.itemChanged.connect(self._on_item_changed)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.view.resizeColumnToContents(0)
        self.resize(560, 460) if ordered else self.resize(480, 300)
        self._update_buttons()
        (self.view if self._read_only else self.search_edit).setFocus()

    # -- the result ------------------------------------------------------------------------
    def chosen(self) -> tuple[str, ...]:
        """The chosen values, in their order."""
        return tuple(self._order)

    def set_chosen(self, values: Sequence[str]) -> None:
        known = {self.model.item(row).data(VALUE_ROLE) for row in range(self.model.rowCount())}
        self._order = [v for v in dict.fromkeys(values) if v in known]
        self._rerank()

    # -- internals -------------------------------------------------------------------------
    def _fill(self, choices: Sequence[Choice], chosen: Sequence[str]) -> None:
        by_lower = {c.value.lower(): c for c in choices}
        entries = list(choices)
        if self._read_only:
            entries = [by_lower.get(v.lower(), Choice(v, v, v)) for v in chosen]
        # A chosen value this org does not describe (typed long ago, field deleted) stays
        # listed, so it can be seen and unchosen.
        missing = self.tr("not found in Salesforce")
        entries += [Choice(v, v, missing) for v in chosen
                    if v.lower() not in by_lower and not self._read_only]
        self._updating = True
        for base_rank, choice in enumerate(sorted(entries, key=lambda c: c.label.casefold())):
            label = QStandardItem(choice.label)
            label.setData(choice.value, VALUE_ROLE)
            label.setData(_UNCHOSEN_RANK + base_rank, RESTING_RANK_ROLE)  # the resting rank
            label.setToolTip(f"{choice.label} ({choice.detail})")
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if not self._read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            label.setFlags(flags)
            detail = QStandardItem(choice.detail + (self.tr("  (custom)") if choice.custom else ""))
            detail.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.model.appendRow([label, detail])
        self._updating = False
        values = {self.model.item(r).data(VALUE_ROLE).lower(): self.model.item(r).data(VALUE_ROLE)
                  for r in range(self.model.rowCount())}
        self._order = list(dict.fromkeys(values[v.lower()] for v in chosen if v.lower() in values))
        self._rerank()
        self.proxy.sort(0)

    def _rerank(self) -> None:
        """Chosen first, in order; the rest by label. Check states follow the order."""
        rank = {value: index for index, value in enumerate(self._order)}
        self._updating = True
        try:
            for row in range(self.model.rowCount()):
                item = self.model.item(row)
                value = item.data(VALUE_ROLE)
                chosen = value in rank
                item.setData(rank[value] if chosen else item.data(RESTING_RANK_ROLE), RANK_ROLE)
                if not self._read_only:
                    item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        finally:
            self._updating = False
        count = len(self._order)
        self.status_label.setText(fill(self.tr("%1 chosen."), count) if count
                                  else self.tr("None chosen."))
        self._update_buttons()

    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._updating or item.column() != 0:
            return
        value = item.data(VALUE_ROLE)
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and value not in self._order:
            self._order.append(value)
        elif not checked and value in self._order:
            self._order.remove(value)
        self._rerank()

    def _current_value(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.index(index.row(), 0).data(VALUE_ROLE)

    def _move(self, step: int) -> None:
        value = self._current_value()
        if value not in self._order:
            return
        position = self._order.index(value)
        target = position + step
        if not 0 <= target < len(self._order):
            return
        self._order[position], self._order[target] = self._order[target], self._order[position]
        self._rerank()
        self._select(value)

    def _select(self, value: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(VALUE_ROLE) == value:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return

    def _update_buttons(self, *_args: QModelIndex) -> None:
        value = self._current_value()
        position = self._order.index(value) if value in self._order else -1
        self.up_button.setEnabled(position > 0)
        self.down_button.setEnabled(0 <= position < len(self._order) - 1)
