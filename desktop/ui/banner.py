"""A non-modal message strip across the window with the action that fixes the problem.

    banner.show_problem("Your password was changed in Salesforce.", "reenter_password")

The user can keep working; the banner stays until the action succeeds (`clear()`), the user
dismisses it, or another message replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from desktop.services.early_qt import PLAIN_TEXT, TEXT_SELECTABLE_BY_MOUSE, set_properties

ACTION_LABELS = {  # translated where shown
    "reenter_password": QT_TRANSLATE_NOOP("ErrorBanner", "Re-enter password…"),
    "reconnect": QT_TRANSLATE_NOOP("ErrorBanner", "Connect…"),
    "retry": QT_TRANSLATE_NOOP("ErrorBanner", "Retry"),
    "choose_ca_file": QT_TRANSLATE_NOOP("ErrorBanner", "Choose CA file…"),
}


class ErrorBanner(QFrame):
    action_requested = Signal(str)  # the action key given with the message
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#fdecea"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#5f2120"))
        self.setPalette(palette)
        self._action = ""
        self.message = QLabel(self)
        set_properties(  # error texts may quote records: plain text (see early_qt)
            self.message, textFormat=PLAIN_TEXT, textInteractionFlags=TEXT_SELECTABLE_BY_MOUSE
        )
        self.message.setWordWrap(True)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("bannerAction")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss message"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.action_button.clicked.connect(lambda: self.action_requested.emit(self._action))
        self.close_button.clicked.connect(self._dismiss)
        self.hide()

    def show_problem(self, message: str, action: str = "") -> None:
        self._action = action
        self.message.setText(message)
        label = ACTION_LABELS.get(action)
        self.action_button.setVisible(label is not None)
        self.action_button.setText(QCoreApplication.translate("ErrorBanner", label) if label else "")
        self.show()

    def current_action(self) -> str:
        return self._action

    def text(self) -> str:
        return self.message.text()

    def clear(self) -> None:
        self._action = ""
        self.hide()

    def _dismiss(self) -> None:
        self.clear()
        self.dismissed.emit()
