"""The Settings page for the Salesforce integration: connect, what to import, unlink/re-enable,
pause/resume synchronization and the items excluded from it.

States: never connected (the sign-in form), connected (who, where, Unlink), unlinked (kept
data explained, Re-enable), re-enabling (the sign-in form again). Import settings can be
edited in every state; they apply from the next synchronization.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.settings import SettingsError
from desktop.domain.text import fill
from desktop.engine import EngineError
from desktop.services.i18n import error_text, problem_texts, translated
from desktop.services.integration_service import IntegrationService, OrgMetadata
from desktop.services.sync_state import SyncPhase
from desktop.ui.scroll_reveal import reveal
from desktop.ui.settings.ca_file import CaFileRow
from desktop.ui.settings.choices import NOT_CONNECTED_NOTE
from desktop.ui.settings.connect import ConnectForm, error_label
from desktop.ui.settings.import_form import ImportSettingsForm
from desktop.ui.settings.sign_in_status import SignInStatus
from desktop.ui.settings.sync_line import SyncLine
from desktop.ui.settings.sync_pause import SyncPauseRow
from desktop.ui.settings.writeback import WriteBackForm

log = logging.getLogger(__name__)

NEVER_CONNECTED, CONNECTED, UNLINKED, REAUTHORIZING = "never", "connected", "unlinked", "reauth"
CHECKING = "checking"


class IntegrationPage(QWidget):
    def __init__(self, integration_service: IntegrationService, tasks_service: QObject,
                 parent: QWidget | None = None, *, sync_service: QObject | None = None,
                 exclusions: QObject | None = None,
                 describe_pause: Callable[[object], str] | None = None) -> None:
        """`sync_service` (SyncService) adds the line about synchronization, drawn from its
        one sync state; with `describe_pause` (the Sync page's wording for "Paused since
        ...") the Pause/Resume row too; `exclusions` the list of excluded items."""
        super().__init__(parent)
        self.setObjectName("integrationPage")
        self._service = integration_service
        self._tasks = tasks_service
        self._sync_service = sync_service
        self._exclusions = exclusions
        self._describe_pause = describe_pause
        self._state = CHECKING
        self._metadata_requested = False
        self.confirmation: QMessageBox | None = None  # the open confirmation, if any
        self._build()
        self._connect_signals()
        self.reload()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Salesforce integration"), self)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        title.setFont(title_font)
        self.state_label = QLabel(self)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyring_label = error_label(self)
        self.sync_line = SyncLine(self)

        self.connect_form = ConnectForm(self)
        self.sign_in_status = SignInStatus(self)
        self.browser_url_edit = self.sign_in_status.browser_url_edit
        self.unlink_button = QPushButton(self.tr("&Unlink integration…"), self)
        self.unlink_button.setToolTip(
            self.tr("Stop syncing and forget the saved sign-in; your time entries and tasks stay")
        )
        self.reenable_button = QPushButton(self.tr("&Re-enable integration…"), self)
        self.reenable_button.setToolTip(self.tr("Sign in again and refresh the active items at once"))
        self.unlink_status = QLabel(self)
        self.unlink_status.setTextFormat(Qt.TextFormat.PlainText)
        self.unlink_status.setWordWrap(True)
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(self.unlink_button)
        link_buttons.addWidget(self.reenable_button)
        link_buttons.addWidget(self.unlink_status, 1)

        connection_box = QGroupBox(self.tr("Connection"), self)
        connection = QVBoxLayout(connection_box)
        connection.addWidget(self.state_label)
        connection.addWidget(self.sync_line)
        connection.addWidget(self.keyring_label)
        connection.addWidget(self.connect_form)
        connection.addWidget(self.sign_in_status)
        self.ca_file_row = CaFileRow(self._service, self)  # connected (the form has a field)
        connection.addWidget(self.ca_file_row)
        connection.addLayout(link_buttons)
        self.pause_row: SyncPauseRow | None = None
        if self._sync_service is not None and self._describe_pause is not None:
            self.pause_row = SyncPauseRow(self._sync_service, self._describe_pause, self)
            connection.addWidget(self.pause_row)

        self.import_form = ImportSettingsForm(self._service, self._tasks, self, self._exclusions)
        import_box = QGroupBox(self.tr("What to import"), self)
        QVBoxLayout(import_box).addWidget(self.import_form)
        self.writeback_form = WriteBackForm(self._service, self)
        writeback_box = QGroupBox(self.tr("Write tracked time back to Salesforce"), self)
        QVBoxLayout(writeback_box).addWidget(self.writeback_form)

        self.save_button = QPushButton(self.tr("Save settin&gs"), self)
        self.revert_button = QPushButton(self.tr("Re&vert"), self)
        self.save_status = QLabel(self)
        self.save_status.setTextFormat(Qt.TextFormat.PlainText)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_status, 1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.addWidget(title)
        column.addWidget(connection_box)
        column.addWidget(import_box)
        column.addWidget(writeback_box)
        column.addLayout(save_row)
        column.addStretch(1)
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _connect_signals(self) -> None:
        service = self._service
        self.connect_form.enable_requested.connect(self._enable)
        self.connect_form.cancel_requested.connect(service.cancel_connect)
        service.connect_started.connect(
            lambda: self.connect_form.set_busy(True, self.tr("Connecting to Salesforce…"))
        )
        service.connect_progressed.connect(self._show_progress)  # emitted on a worker thread
        service.browser_url_shown.connect(self._show_browser_url)
        service.device_code_shown.connect(self._show_device_code)
        service.setup_problem_found.connect(self.sign_in_status.show_setup_help)
        service.connection_changed.connect(self._on_connection_changed)
        # Cached tasks tell "unlinked" from "never connected", and they may load after the
        # connection has been checked.
        self._tasks.tree_changed.connect(self._recheck_never_connected)
        service.connected.connect(self._on_connected)
        service.connect_failed.connect(self._on_connect_failed)
        service.unlinked.connect(self._on_unlinked)
        service.unlink_failed.connect(self._on_unlink_failed)
        service.reauthorization_requested.connect(self._on_reauthorization)
        service.metadata_loaded.connect(self._on_metadata)
        service.metadata_failed.connect(self._on_metadata_failed)
        service.ca_file_changed.connect(self.connect_form.ca_file_edit.setText)
        self.unlink_button.clicked.connect(self.confirm_unlink)
        self.reenable_button.clicked.connect(self.confirm_reenable)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        self.import_form.changed.connect(self._on_form_changed)
        self.writeback_form.changed.connect(self._on_form_changed)
        if self._sync_service is not None:
            self._sync_service.state_changed.connect(self._show_sync_state)

    # -- state -----------------------------------------------------------------------------
    def state(self) -> str:
        return self._state

    def _load_connect_form(self) -> None:
        self.connect_form.load(self._service.settings(), self._service.locked_keys(),
                               self._service.consumer_secret_from_policy())

    def _reload_connection(self) -> None:
        """Refresh the sign-in part only: unsaved import choices stay as the user left them."""
        self._load_connect_form()
        self._on_connection_changed(self._service.connection_info())

    def reload(self) -> None:
        """Show the stored settings and the connection as they are now."""
        settings = self._service.settings()
        locked = self._service.locked_keys()
        self._load_connect_form()
        self.import_form.load(settings, locked)
        self.writeback_form.load(settings, locked)
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self.save_status.clear()
        self._on_connection_changed(self._service.connection_info())

    def _on_connection_changed(self, info) -> None:
        """Show the connection state (None: still being checked, off the GUI thread)."""
        if info is None:
            self._state = CHECKING
        elif info.connected:
            self._state = CONNECTED
        elif self._state != REAUTHORIZING:
            self._state = UNLINKED if self._was_linked(self._service.settings()) else NEVER_CONNECTED
        if self._state != CHECKING:
            # In the log for support, and the e2e tests' sign that the form takes input.
            log.info("integration page shows state %r", self._state)
        self._show_state(info)
        if info is not None and info.connected:
            self._load_metadata_if_shown()
        elif info is not None and not info.connected:
            self.import_form.set_metadata_unavailable(
                QCoreApplication.translate("ChoiceRow", NOT_CONNECTED_NOTE))

    def _load_metadata_if_shown(self) -> None:
        """Ask what the org offers (stages, fields) once this page is on screen: asking signs
        in from the app's own process, which an app in the tray all day should not do for a
        page nobody opened (its syncs sign in in a process of their own)."""
        if self.isVisible() and self._state == CONNECTED and not self._metadata_requested:
            self._metadata_requested = True
            self._service.load_metadata()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._load_metadata_if_shown()

    def _recheck_never_connected(self) -> None:
        if self._state == NEVER_CONNECTED:
            self._on_connection_changed(self._service.connection_info())

    def _was_linked(self, settings) -> bool:
        return bool(settings.username) or len(self._tasks.tree()) > 1

    def _show_state(self, info) -> None:
        state = self._state
        if state == CHECKING:
            self.state_label.setText(self.tr("Checking the connection…"))
            self.state_label.setStyleSheet("")
        elif state == CONNECTED:
            who = info.username or info.user_id or self.tr("your Salesforce user")
            self.state_label.setText(fill(self.tr("● Connected as %1 (%2)."), who, info.login_url))
            self.state_label.setStyleSheet("color: #2e7d32;")
        elif state == UNLINKED:
            self.state_label.setText(self.tr(
                "The integration is unlinked: nothing syncs and no sign-in is saved. Your time "
                "entries and the task list are kept. Re-enable it to sign in again."
            ))
            self.state_label.setStyleSheet("")
        elif state == REAUTHORIZING:
            self.state_label.setText(self.tr("Sign in again to re-enable the integration."))
            self.state_label.setStyleSheet("")
        else:
            self.state_label.setText(
                self.tr("Connect Stint to Salesforce to import your Opportunities and Cases as tasks.")
            )
            self.state_label.setStyleSheet("")
        self.connect_form.setVisible(state in (NEVER_CONNECTED, REAUTHORIZING))
        self.ca_file_row.setVisible(state == CONNECTED)
        self.ca_file_row.refresh()
        self.unlink_button.setVisible(state == CONNECTED)
        self.reenable_button.setVisible(state == UNLINKED)
        self._show_sync_state()
        problem = info.keyring_problem if info is not None else None
        self.keyring_label.setVisible(bool(problem))
        if problem:
            self.keyring_label.setText(
                fill(self.tr("The sign-in is kept for this session only (no usable keyring): %1"),
                     translated(problem))
            )

    # -- the CA certificate file -------------------------------------------------------------
    def focus_ca_file(self) -> None:
        """The banner's "Choose CA file…": the row (connected) or the form's field."""
        if self.ca_file_row.isVisible():
            self.ca_file_row.change_button.setFocus()
            self.ca_file_row.choose()
        else:
            self.connect_form.advanced_button.setChecked(True)
            self.connect_form.ca_file_edit.setFocus()

    # -- connecting ------------------------------------------------------------------------
    def _enable(self) -> None:
        if self.save_button.isEnabled() and not self.save():
            return  # unsaved import choices with a problem: fix them first (shown in red)
        form = self.connect_form
        ca_file = form.ca_file_edit.text().strip() or None
        consumer_key = form.consumer_key_edit.text().strip() or None
        self.sign_in_status.clear()
        if form.method() == "password":
            self._service.connect_password(
                form.login_url(), form.username_edit.text().strip(), form.password_edit.text(),
                form.token_edit.text().strip(), ca_file,
            )
        elif form.method() == "device":
            self._service.connect_device(form.login_url(), consumer_key, ca_file,
                                         form.consumer_secret())
        else:
            self._service.connect_oauth(form.login_url(), consumer_key, ca_file,
                                        form.consumer_secret(), form.callback_url())

    @Slot(str)
    def _show_progress(self, text: str) -> None:
        # A slot of this page, not a lambda: PySide 6.8+ can crash when a signal emitted on
        # another thread reaches a plain function (PYSIDE-3124).
        self.connect_form.set_busy(True, text)

    @Slot(str)
    def _show_browser_url(self, url: str) -> None:
        self.sign_in_status.show_browser_url(url)
        reveal(self.scroll, self.sign_in_status.browser_url_edit)

    @Slot(str, str)
    def _show_device_code(self, user_code: str, verification_uri: str) -> None:
        self.sign_in_status.show_device_code(user_code, verification_uri)
        reveal(self.scroll, self.sign_in_status.device_code_label)
        # For support, and the e2e tests' sign that the code is on screen (never the code).
        log.info("integration page shows a sign-in code to enter elsewhere")

    def _on_connected(self, username: str) -> None:
        self.connect_form.set_busy(False)
        self.connect_form.clear_secrets()
        self.sign_in_status.clear()
        self._state = CONNECTED
        self._metadata_requested = False
        self._reload_connection()
        self.unlink_status.clear()

    def _show_sync_state(self, state=None) -> None:
        if self._sync_service is None:
            return
        state = state if state is not None else self._sync_service.state()
        self.sync_line.show_state(state, self._state == CONNECTED)
        failed = state.phase is SyncPhase.FAILED and self._state == CONNECTED
        if self._state == CONNECTED:  # green only while synchronizing works
            self.state_label.setStyleSheet("" if failed else "color: #2e7d32;")

    def _on_connect_failed(self, message: str) -> None:
        self.connect_form.show_error(message)
        self.sign_in_status.waiting_over()

    def _on_reauthorization(self) -> None:
        self._state = REAUTHORIZING
        self._reload_connection()
        self.connect_form.password_edit.setFocus()

    def _on_metadata(self, metadata: OrgMetadata) -> None:
        self.import_form.set_metadata(metadata)

    def _on_metadata_failed(self, message: str) -> None:
        self._metadata_requested = False  # ask again on the next connection change
        self.import_form.set_metadata_unavailable(
            fill(self.tr("Salesforce cannot list what this object offers right now: %1 This is "
                         "the current choice."), message)
        )

    # -- unlink / re-enable ----------------------------------------------------------------
    def confirm_unlink(self) -> bool:
        if not self._confirm(
            self.tr("Unlink integration"),
            self.tr("Unlink Stint from Salesforce?"),
            self.tr("Stint stops synchronizing and deletes the saved sign-in from this computer. "
                    "Every tracked minute and the task list stay here; you can re-enable later."),
            self.tr("Unlink"),
        ):
            return False
        self.unlink_button.setEnabled(False)
        self.unlink_status.setText(self.tr("Unlinking…"))
        self._service.unlink()
        return True

    def confirm_reenable(self) -> bool:
        if not self._confirm(
            self.tr("Re-enable integration"),
            self.tr("Re-enable the Salesforce integration?"),
            self.tr("You will sign in to Salesforce again; Stint then refreshes all active items "
                    "at once."),
            self.tr("Re-enable"),
        ):
            return False
        self._service.reenable()
        return True

    def _confirm(self, title: str, question: str, details: str, accept: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(details)
        accept_button = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirmation = box
        try:
            box.exec()
            return box.clickedButton() is accept_button
        finally:
            self.confirmation = None
            box.deleteLater()

    def _on_unlinked(self) -> None:
        self.unlink_button.setEnabled(True)
        self._state = UNLINKED
        self._reload_connection()
        self.unlink_status.setText(self.tr("Unlinked. Your time entries and tasks are kept."))

    def _on_unlink_failed(self, message: str) -> None:
        self.unlink_button.setEnabled(True)
        self.unlink_status.setText(message)

    # -- saving ----------------------------------------------------------------------------
    def _on_form_changed(self) -> None:
        self.save_button.setEnabled(True)
        self.revert_button.setEnabled(True)
        self.save_status.clear()

    def save(self) -> bool:
        settings = self.import_form.to_settings(self._service.settings())
        settings = self.writeback_form.apply_to(settings)
        try:
            self._service.save_settings(settings)
        except SettingsError as exc:
            problems = problem_texts(exc)
            for name in ("writeback", "writeback_object"):
                if name in problems:
                    self.writeback_form.show_problem(problems.pop(name))
            self.import_form.show_problems(problems)
            self.save_status.setText(self.tr("Not saved: fix the fields marked in red."))
            return False
        except EngineError as exc:
            self.import_form.show_problems({"general": error_text(exc)})
            self.save_status.setText(self.tr("Not saved."))
            return False
        self.import_form.clear_errors()
        self.writeback_form.error.hide()
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self.save_status.setText(self.tr("Saved. The next synchronization uses these settings."))
        return True
