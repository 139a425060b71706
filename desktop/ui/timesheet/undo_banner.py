"""A slim, non-modal banner offering to undo what was just done ("Entry deleted — Undo")."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

UNDO_BANNER_SECONDS = 10


class UndoBanner(QFrame):
    """Shows a message with an Undo button; hides itself after a few seconds."""

    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#undoBanner { background: palette(tool-tip-base); border: 1px solid palette(mid);"
            " border-radius: 4px; }"
        )
        self._label = QLabel(self)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._undo = QPushButton(self.tr("Undo"), self)
        self._undo.setToolTip(self.tr("Undo (Ctrl+Z)"))
        self._undo.clicked.connect(self._on_undo)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._undo)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, seconds: int = UNDO_BANNER_SECONDS) -> None:
        self._label.setText(text)
        self._undo.setVisible(True)
        self.show()
        self._timer.start(seconds * 1000)

    def show_notice(self, text: str, seconds: int = UNDO_BANNER_SECONDS) -> None:
        """A message without the Undo button (e.g. why an undo was impossible)."""
        self._label.setText(text)
        self._undo.setVisible(False)
        self.show()
        self._timer.start(seconds * 1000)

    def message(self) -> str:
        return self._label.text()

    def undo_button(self) -> QPushButton:
        return self._undo

    def _on_undo(self) -> None:
        self.hide()
        self.undo_requested.emit()
