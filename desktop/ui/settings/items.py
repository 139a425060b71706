"""The "specific items" chooser: a search box over Opportunities and Cases with checkboxes.

Choices come from two places: the items already imported (the task tree, instant and
offline) and a query through the IntegrationService (what Salesforce has, as you type).
Checked items stay listed even when a new search no longer returns them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from desktop.domain.items import Item, ItemKind
from desktop.domain.text import fill
from desktop.services.integration_service import Candidate
from desktop.ui.salesforce_names import sobject_name

AnyIndex = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 300
_KINDS = {ItemKind.OPPORTUNITY: "Opportunity", ItemKind.CASE: "Case"}


class CandidateListModel(QAbstractListModel):
    """Checkable rows "Name — Account · Stage" (plain text); checked ids are the choice."""

    checked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Candidate] = []
        self._checked: set[str] = set()
        self._known: dict[str, Candidate] = {}

    def set_checked_ids(self, ids: list[str] | tuple[str, ...]) -> None:
        self.beginResetModel()
        self._checked = set(ids)
        self._rows = self._ordered(self._rows)
        self.endResetModel()

    def checked_ids(self) -> tuple[str, ...]:
        return tuple(sorted(self._checked))

    def set_candidates(self, candidates: list[Candidate]) -> None:
        """Show these candidates, plus every checked item (checked first)."""
        for candidate in candidates:
            self._known[candidate.id] = candidate
        self.beginResetModel()
        self._rows = self._ordered(candidates)
        self.endResetModel()

    def candidate(self, row: int) -> Candidate | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _ordered(self, candidates: list[Candidate]) -> list[Candidate]:
        shown = {c.id for c in candidates}
        kept = [
            self._known.get(item_id) or Candidate(item_id, "", item_id)
            for item_id in sorted(self._checked) if item_id not in shown
        ]
        unique: dict[str, Candidate] = {}
        for candidate in [*kept, *candidates]:
            unique.setdefault(candidate.id, candidate)
        rows = list(unique.values())
        rows.sort(key=lambda c: c.id not in self._checked)  # stable: checked ones first
        return rows

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        candidate = self.candidate(index.row()) if index.isValid() else None
        if candidate is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            detail = f"  —  {candidate.detail}" if candidate.detail else ""
            return f"{candidate.name}{detail}"
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = sobject_name(candidate.sobject) if candidate.sobject else ""
            lines = [candidate.name, candidate.detail, f"{kind} {candidate.id}".strip()]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = candidate.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        candidate = self.candidate(index.row()) if index.isValid() else None
        if candidate is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(candidate.id)
        else:
            self._checked.discard(candidate.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True


class SpecificItemsPicker(QWidget):
    """Search box + checkable list; `changed` fires when the choice changes."""

    changed = Signal()

    def __init__(self, integration: QObject, tasks_service: QObject,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._integration = integration
        self._tasks = tasks_service
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search Opportunities and Cases…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search items to import"))
        self.model = CandidateListModel(self)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSpacing(1)
        self.list_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list_view.setMinimumHeight(160)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.status_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.model.checked_changed.connect(self._on_checked)
        integration.candidates_loaded.connect(self._on_loaded)
        integration.candidates_failed.connect(self._on_failed)

    def set_checked_ids(self, ids: tuple[str, ...]) -> None:
        self.model.set_checked_ids(ids)
        self._update_status()

    def checked_ids(self) -> tuple[str, ...]:
        return self.model.checked_ids()

    def search_now(self) -> None:
        """Show matching imported items at once, then ask Salesforce (when connected)."""
        text = self.search_edit.text().strip()
        self.model.set_candidates(self._local_matches(text))
        if self._integration.is_connected():
            self.status_label.setText(self.tr("Searching Salesforce…"))
            self._integration.load_candidates(text)
        else:
            self.status_label.setText(
                self.tr("Connect to search Salesforce; showing the items already imported.")
            )

    def _local_matches(self, text: str) -> list[Candidate]:
        # the tree's walk builds items one at a time: only as many as the list shows
        if text:
            items: Iterable[Item] = self._tasks.search(text)
        else:
            items = (item for _depth, item in self._tasks.tree().walk())
        found = []
        for item in items:
            sobject = _KINDS.get(item.kind)
            if sobject is None:
                continue
            detail = " · ".join(value for _label, value in item.fields[:2])
            name = item.name
            number = item.field("Case Number")
            if sobject == "Case" and number and number not in name:
                name = fill(self.tr("Case %1: %2"), number, name)
            found.append(Candidate(item.id, sobject, name, detail))
            if len(found) == 200:
                break
        return found

    def _on_loaded(self, candidates: list[Candidate]) -> None:
        text = self.search_edit.text().strip()
        local = self._local_matches(text)
        seen = {c.id for c in candidates}
        self.model.set_candidates([*candidates, *[c for c in local if c.id not in seen]])
        self._update_status()

    def _on_failed(self, message: str) -> None:
        self.status_label.setText(message)

    def _on_checked(self) -> None:
        self._update_status()
        self.changed.emit()

    def _update_status(self) -> None:
        count = len(self.model.checked_ids())
        if count == 0:
            text = self.tr("No item chosen yet.")
        elif count == 1:  # (no plural forms: English loads no translation to have them)
            text = self.tr("1 item chosen.")
        else:
            text = fill(self.tr("%1 items chosen."), count)
        self.status_label.setText(text)
