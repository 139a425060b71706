"""What the Settings page shows while a sign-in waits, or after it failed for a set-up reason:

- the sign-in address, when no browser could be opened (to copy into one by hand);
- the code and the address to enter it at, for sign-in with a code on another device;
- a link to the set-up guide for administrators (docs/salesforce-setup.md) when the problem is
  how Salesforce or Stint is set up (a consumer key or secret, the callback URL, scopes...).

Everything here is plain text from Stint or Salesforce's sign-in answer; the one rich-text
label holds only Stint's own link.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.text import fill

SETUP_GUIDE_NAME = "salesforce-setup.md"
# Section titles of the guide, by ConnectionProblem.setup_topic.
SETUP_SECTIONS = {
    "consumer-key": "Create the External Client App",
    "consumer-secret": "The consumer secret",
    "callback-url": "The callback URL",
    "scopes": "OAuth scopes",
    "device-flow": "Sign-in with a code (device flow)",
    "password-sign-in": "Password sign-in ends",
    "permissions": "What each user needs",
}


def setup_guide_path() -> Path | None:
    """The guide in a source checkout (docs/), else where an install puts it, else None."""
    checkout = Path(__file__).resolve().parents[3] / "docs" / SETUP_GUIDE_NAME
    installed = Path(sys.prefix) / "share" / "doc" / "stint" / SETUP_GUIDE_NAME
    return next((path for path in (checkout, installed) if path.is_file()), None)


def _plain_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SignInStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser_url_hint = QLabel(
            self.tr("No browser could be opened. Open this address in your browser to sign in:"),
            self
        )
        self.browser_url_hint.setWordWrap(True)
        self.browser_url_edit = QLineEdit(self)
        self.browser_url_edit.setReadOnly(True)
        self.browser_url_edit.setAccessibleName(self.tr("Sign-in address"))

        self.device_hint = _plain_label(self)
        self.device_code_label = _plain_label(self)
        self.device_code_label.setAccessibleName(self.tr("Sign-in code"))
        code_font = QFont(self.font())
        code_font.setPointSizeF(code_font.pointSizeF() * 1.8)
        code_font.setBold(True)
        code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 3)
        self.device_code_label.setFont(code_font)
        self.verification_url_edit = QLineEdit(self)
        self.verification_url_edit.setReadOnly(True)
        self.verification_url_edit.setAccessibleName(self.tr("Address to enter the code at"))

        self.setup_link = QLabel(self)
        self.setup_link.setTextFormat(Qt.TextFormat.RichText)
        self.setup_link.setWordWrap(True)
        self.setup_link.setOpenExternalLinks(False)
        self.setup_link.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.browser_url_hint, self.browser_url_edit, self.device_hint,
                       self.verification_url_edit, self.device_code_label, self.setup_link):
            layout.addWidget(widget)
        self.clear()

    def clear(self) -> None:
        self.waiting_over()
        self.setup_link.hide()

    def waiting_over(self) -> None:
        """The sign-in ended: its address and code are of no use any more."""
        for widget in (self.browser_url_hint, self.browser_url_edit, self.device_hint,
                       self.device_code_label, self.verification_url_edit):
            widget.hide()

    def show_browser_url(self, url: str) -> None:
        self.browser_url_edit.setText(url)
        self.browser_url_edit.setCursorPosition(0)
        self.browser_url_hint.show()
        self.browser_url_edit.show()

    def show_device_code(self, user_code: str, verification_uri: str) -> None:
        self.device_hint.setText(
            self.tr("On any device with a browser (your phone, another computer), open this "
                    "address, sign in to Salesforce and enter the code:")
        )
        self.verification_url_edit.setText(verification_uri)
        self.verification_url_edit.setCursorPosition(0)
        self.device_code_label.setText(user_code)
        for widget in (self.device_hint, self.verification_url_edit, self.device_code_label):
            widget.show()

    def show_setup_help(self, topic: str) -> None:
        """Point to the guide's section for `topic` (a link when the guide is on disk)."""
        # The guide is in English: its section titles are quoted as they are written there.
        section = SETUP_SECTIONS.get(topic, "")
        path = setup_guide_path()
        if path is None:
            guide = fill(self.tr("the set-up guide (%1 in Stint's documentation)"),
                         SETUP_GUIDE_NAME)
        else:
            link = html.escape(QUrl.fromLocalFile(str(path)).toString(
                QUrl.ComponentFormattingOption.FullyEncoded), quote=True)
            guide = fill('<a href="%1">%2</a>', link,
                         html.escape(self.tr("the set-up guide for Salesforce")))
        if section:
            text = fill(self.tr("Your Salesforce administrator can fix this: see the section "
                                "“%1” of %2."), html.escape(section), guide)
        else:
            text = fill(self.tr("Your Salesforce administrator can fix this: see %1."), guide)
        self.setup_link.setText(text)
        self.setup_link.show()
