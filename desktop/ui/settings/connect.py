"""The sign-in form: login URL (Production / Sandbox / My Domain), method (browser, a code on
another device, or password), credentials, and under Advanced the connected app (consumer key,
consumer secret, callback URL to copy) and the CA file.

Secrets typed here go straight to the IntegrationService (which hands them to the keyring);
the form clears them once the sign-in is over, successful or not, apart from what the user
needs to fix a typo (username and URL stay).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.settings import (
    DEFAULT_LOGIN_URL,
    SANDBOX_LOGIN_URL,
    Settings,
    callback_url_problem,
    login_url_problem,
    normalised_login_url,
)
from desktop.services.i18n import translated
from desktop.ui.locks import lock_badge, set_locked

PRESETS = (  # labels translated where shown
    (QT_TRANSLATE_NOOP("ConnectForm", "Production"), DEFAULT_LOGIN_URL),
    (QT_TRANSLATE_NOOP("ConnectForm", "Sandbox"), SANDBOX_LOGIN_URL),
    (QT_TRANSLATE_NOOP("ConnectForm", "My Domain (custom URL)"), ""),
)
CUSTOM_PRESET = len(PRESETS) - 1
PASSWORD_RETIREMENT_NOTE = QT_TRANSLATE_NOOP(
    "ConnectForm", "Salesforce ends password sign-in: new orgs have it turned off, and from "
    "Summer '27 no org accepts it. Browser sign-in is the recommended way."
)


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.hide()
    return label


class ConnectForm(QWidget):
    """Emits `enable_requested()`; the page reads the fields and calls the service."""

    enable_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset_combo = QComboBox(self)
        for label, url in ((self.tr(label), url) for label, url in PRESETS):
            self.preset_combo.addItem(label, url)
        self.preset_combo.setAccessibleName(self.tr("Salesforce environment"))
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://yourcompany.my.salesforce.com")
        self.url_edit.setAccessibleName(self.tr("Login URL"))
        self.url_badge = lock_badge(self)

        self.oauth_radio = QRadioButton(self.tr("Sign in with the &browser (recommended)"), self)
        # No letter left for a mnemonic: the arrow keys reach it from the browser choice.
        self.device_radio = QRadioButton(
            self.tr("Sign in with a code on another device (when no browser here can be used)"), self
        )
        self.password_radio = QRadioButton(self.tr("&Username, password and security token"), self)
        self.method_group = QButtonGroup(self)
        for radio in (self.oauth_radio, self.device_radio, self.password_radio):
            self.method_group.addButton(radio)
        self.method_badge = lock_badge(self)

        self.username_edit = QLineEdit(self)
        self.username_edit.setPlaceholderText("name@company.com")
        self.username_edit.setAccessibleName(self.tr("Username"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.token_edit = QLineEdit(self)
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setAccessibleName(self.tr("Security token"))
        self.token_edit.setPlaceholderText(self.tr("Not needed from a trusted network"))
        self.password_fields = QWidget(self)
        password_form = QFormLayout(self.password_fields)
        password_form.setContentsMargins(24, 0, 0, 0)
        password_form.addRow(self.tr("Userna&me"), self.username_edit)
        password_form.addRow(self.tr("&Password"), self.password_edit)
        password_form.addRow(self.tr("Security &token"), self.token_edit)
        self.retirement_note = QLabel(self.tr(PASSWORD_RETIREMENT_NOTE), self.password_fields)
        self.retirement_note.setWordWrap(True)
        self.retirement_note.setStyleSheet("color: palette(placeholder-text);")
        password_form.addRow(self.retirement_note)

        self.advanced_button = QToolButton(self)
        self.advanced_button.setText(self.tr("A&dvanced"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setAutoRaise(True)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self.consumer_key_edit = QLineEdit(self)
        self.consumer_key_edit.setAccessibleName(self.tr("Consumer key"))
        self.consumer_key_edit.setPlaceholderText(self.tr("From your org's connected app"))
        self.consumer_key_badge = lock_badge(self)
        self.consumer_secret_edit = QLineEdit(self)
        self.consumer_secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.consumer_secret_edit.setAccessibleName(self.tr("Consumer secret"))
        self.consumer_secret_edit.setPlaceholderText(self.tr("Only if the connected app requires it"))
        self.consumer_secret_badge = lock_badge(self)
        self.callback_edit = QLineEdit(self)
        self.callback_edit.setAccessibleName(self.tr("Callback URL"))
        self.callback_edit.setToolTip(self.tr(
            "Where the browser sign-in comes back to Stint. The connected app in Salesforce "
            "must list exactly this URL as a callback URL."
        ))
        self.callback_badge = lock_badge(self)
        self.copy_callback_button = QPushButton(self.tr("Copy"), self)
        self.copy_callback_button.setToolTip(self.tr("Copy the callback URL for your administrator"))
        self.copy_callback_button.clicked.connect(self.copy_callback_url)
        self.callback_error = error_label(self)
        self._row_locks: dict[QLabel, bool] = {}
        self.ca_file_edit = QLineEdit(self)
        self.ca_file_edit.setAccessibleName(self.tr("CA certificate file"))
        self.ca_file_edit.setPlaceholderText(self.tr("Only if your network inspects HTTPS traffic"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse_ca_file)
        self.advanced = QWidget(self)
        advanced_form = QFormLayout(self.advanced)
        advanced_form.setContentsMargins(24, 0, 0, 0)
        self.consumer_key_label = _buddy(self.tr("Consumer &key"), self.consumer_key_edit, self)
        advanced_form.addRow(
            self.consumer_key_label, _row(self.consumer_key_edit, self.consumer_key_badge)
        )
        self.consumer_secret_label = _buddy(self.tr("Consumer secret"), self.consumer_secret_edit, self)
        advanced_form.addRow(self.consumer_secret_label,
                             _row(self.consumer_secret_edit, self.consumer_secret_badge))
        self.callback_label = _buddy(self.tr("Callback URL"), self.callback_edit, self)
        callback_row = _row(self.callback_edit, self.callback_badge)
        callback_row.addWidget(self.copy_callback_button)
        advanced_form.addRow(self.callback_label, callback_row)
        advanced_form.addRow("", self.callback_error)
        self._advanced_form = advanced_form
        advanced_form.addRow(_buddy(self.tr("CA f&ile"), self.ca_file_edit, self),
                             _row(self.ca_file_edit, browse))
        self.advanced.hide()
        self.advanced_button.toggled.connect(self._toggle_advanced)

        self.enable_button = QPushButton(self.tr("E&nable"), self)
        self.enable_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.hide()
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = error_label(self)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_error = error_label(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_buddy(self.tr("Envi&ronment"), self.preset_combo, self), _row(self.preset_combo, None))
        form.addRow(_buddy(self.tr("&Login URL"), self.url_edit, self), _row(self.url_edit, self.url_badge))
        form.addRow("", self.url_error)
        methods = QVBoxLayout()
        methods.addWidget(self.oauth_radio)
        methods.addWidget(self.device_radio)
        methods.addWidget(self.password_radio)
        methods.addWidget(self.password_fields)
        method_row = QHBoxLayout()
        method_row.addLayout(methods, 1)
        method_row.addWidget(self.method_badge, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Sign in"), method_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enable_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.advanced_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.advanced)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)

        self.preset_combo.currentIndexChanged.connect(self._on_preset)
        self.url_edit.textEdited.connect(lambda _text: self.url_error.hide())
        self.callback_edit.textEdited.connect(lambda _text: self.callback_error.hide())
        self.oauth_radio.toggled.connect(self._on_method)
        self.device_radio.toggled.connect(self._on_method)
        self.enable_button.clicked.connect(self._on_enable)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.password_edit.returnPressed.connect(self._on_enable)
        self.token_edit.returnPressed.connect(self._on_enable)

    # -- filling in --------------------------------------------------------------------------
    def load(self, settings: Settings, locked: frozenset[str],
             secret_from_policy: bool = False) -> None:
        url = normalised_login_url(settings.login_url)
        preset = next((i for i, (_l, u) in enumerate(PRESETS) if u and u == url), CUSTOM_PRESET)
        self.preset_combo.setCurrentIndex(preset)
        self.url_edit.setText(url)
        self._on_preset(preset)
        radios = {"password": self.password_radio, "device": self.device_radio}
        radios.get(settings.auth_method, self.oauth_radio).setChecked(True)
        self._on_method()
        self.username_edit.setText(settings.username)
        self.consumer_key_edit.setText(settings.consumer_key)
        self.callback_edit.setText(settings.oauth_callback_url)
        self.ca_file_edit.setText(settings.ca_file)
        url_locked = "login_url" in locked
        set_locked([self.preset_combo, self.url_edit], self.url_badge, url_locked)
        if not url_locked:
            self.url_edit.setEnabled(preset == CUSTOM_PRESET)
        set_locked([self.oauth_radio, self.device_radio, self.password_radio], self.method_badge,
                   "auth_method" in locked)
        self._row_locks = {
            self.consumer_key_badge: "consumer_key" in locked,
            self.callback_badge: "oauth_callback_url" in locked,
            self.consumer_secret_badge: secret_from_policy,
        }
        set_locked([self.consumer_key_edit], self.consumer_key_badge, "consumer_key" in locked)
        set_locked([self.callback_edit], self.callback_badge, "oauth_callback_url" in locked)
        set_locked([self.consumer_secret_edit], self.consumer_secret_badge, secret_from_policy)
        self._on_method()
        if secret_from_policy:
            self.consumer_secret_edit.setPlaceholderText(self.tr("Set by your administrator"))
        if not settings.consumer_key and not self.password_radio.isChecked():
            self.advanced_button.setChecked(True)  # browser sign-in needs the key

    def login_url(self) -> str:
        return normalised_login_url(self.url_edit.text())

    def method(self) -> str:
        if self.password_radio.isChecked():
            return "password"
        return "device" if self.device_radio.isChecked() else "oauth"

    def consumer_secret(self) -> str | None:
        return self.consumer_secret_edit.text().strip() or None

    def callback_url(self) -> str:
        return self.callback_edit.text().strip()

    def copy_callback_url(self) -> None:
        QGuiApplication.clipboard().setText(self.callback_url())

    def clear_secrets(self) -> None:
        self.password_edit.clear()
        self.token_edit.clear()
        self.consumer_secret_edit.clear()

    # -- progress ----------------------------------------------------------------------------
    def set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.enable_button, self.password_fields, self.advanced):
            widget.setEnabled(not busy)
        self.cancel_button.setVisible(busy and self.method() != "password")
        self.progress.setVisible(busy)
        self.status_label.setText(text)
        if busy:
            self.error_label.hide()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error_label.setText(message)
        self.error_label.show()

    # -- reactions ---------------------------------------------------------------------------
    def _on_preset(self, index: int) -> None:
        url = PRESETS[index][1]
        if url:
            self.url_edit.setText(url)
        self.url_edit.setEnabled(index == CUSTOM_PRESET and self.preset_combo.isEnabled())
        if index == CUSTOM_PRESET and self.isVisible():
            self.url_edit.setFocus()
            self.url_edit.selectAll()

    def _on_method(self, *_args: object) -> None:
        password = self.password_radio.isChecked()
        self.password_fields.setVisible(password)
        # The connected app matters for the browser and code sign-ins; the callback for the
        # browser's only.
        for label in (self.consumer_key_label, self.consumer_secret_label):
            self._advanced_form.setRowVisible(label, not password)
        self._advanced_form.setRowVisible(self.callback_label, self.oauth_radio.isChecked())
        if not self.oauth_radio.isChecked():
            self.callback_error.hide()
        # Showing a row shows every widget in it: padlocks only where the policy locks.
        for badge, locked in self._row_locks.items():
            if not locked:
                badge.hide()

    def _toggle_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def _browse_ca_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate file"), "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_file_edit.setText(path)

    def _on_enable(self) -> None:
        problem = login_url_problem(self.login_url())
        if problem:
            self.url_error.setText(translated(problem))
            self.url_error.show()
            self.url_edit.setFocus()
            return
        self.url_error.hide()
        callback_problem = callback_url_problem(self.callback_url())
        if self.method() == "oauth" and callback_problem:
            self.advanced_button.setChecked(True)
            self.callback_error.setText(translated(callback_problem))
            self.callback_error.show()
            self.callback_edit.setFocus()
            return
        if self.method() == "password" and not self.username_edit.text().strip():
            self.show_error(self.tr("Enter your Salesforce username."))
            self.username_edit.setFocus()
            return
        if self.method() == "password" and not self.password_edit.text():
            self.show_error(self.tr("Enter your Salesforce password."))
            self.password_edit.setFocus()
            return
        self.enable_requested.emit()


def _buddy(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A form label whose &-mnemonic moves the focus to `buddy`."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def _row(widget: QWidget, extra: QWidget | None) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(widget, 1)
    if extra is not None:
        row.addWidget(extra)
    return row
