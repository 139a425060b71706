"""The CA certificate file Stint trusts, changeable while connected (a network that inspects
HTTPS traffic, a certificate renewed or moved): "Change…" and "Use the system's"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.engine.errors import EngineError
from desktop.services.i18n import error_text
from desktop.ui.settings.connect import error_label

CERTIFICATE_FILTER = QT_TRANSLATE_NOOP("CaFileRow", "Certificates (*.pem *.crt *.cer);;All files (*)")
DEFAULT_TEXT = QT_TRANSLATE_NOOP("CaFileRow", "The system's certificates (no file of your own)")


class CaFileRow(QWidget):
    change_requested = Signal(str)  # a path, or "" for the system's certificates

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        """`service`: the IntegrationService (change_ca_file, ca_file_changed, settings)."""
        super().__init__(parent)
        self._service = service
        label = QLabel(self.tr("CA certificate file:"), self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setAccessibleName(self.tr("CA certificate file"))
        label.setBuddy(self.path_edit)
        self.change_button = QPushButton(self.tr("Change…"), self)
        self.change_button.setToolTip(self.tr("Trust another certificate file from the next request on"))
        self.default_button = QPushButton(self.tr("Use the system's"), self)
        self.default_button.setToolTip(self.tr("Trust only the certificates that come with Stint"))
        self.error = error_label(self)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.change_button)
        row.addWidget(self.default_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.change_button.clicked.connect(lambda: self.choose())
        self.default_button.clicked.connect(lambda: self.change_requested.emit(""))
        self.change_requested.connect(self.change)
        service.ca_file_changed.connect(lambda _path: self.refresh())

    def change(self, ca_file: str) -> bool:
        """Trust `ca_file` from the next request on; False (and why, below) when it cannot."""
        try:
            self._service.change_ca_file(ca_file)
        except EngineError as exc:
            self.show_problem(error_text(exc))
            return False
        return True

    def refresh(self) -> None:
        self.show_file(self._service.settings().ca_file, "ca_file" in self._service.locked_keys())

    def show_file(self, ca_file: str, locked: bool = False) -> None:
        self.path_edit.setText(ca_file or self.tr(DEFAULT_TEXT))
        self.path_edit.setCursorPosition(0)
        self.default_button.setEnabled(bool(ca_file) and not locked)
        self.change_button.setEnabled(not locked)
        self.error.hide()

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def choose(self, path: str | None = None) -> None:
        """Ask for the file (unless `path` is given) and ask for the change."""
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("CA certificate file"), "", self.tr(CERTIFICATE_FILTER))
        if path:
            self.change_requested.emit(path)
