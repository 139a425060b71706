"""Writing tracked time back to Salesforce: off, as Events, or to a custom time-entry object.

The custom objects offered are the ones the org has that can take time entries (found through
describe by the IntegrationService, off the GUI thread); the field mapping they would use is
shown so nobody has to guess where the minutes land. Entries shorter than a minimum (a timer
started by mistake, a quick switch) stay in Stint unless the user asks for them too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.settings import WRITEBACK_MIN_MINUTES_MAX, Settings
from desktop.domain.text import fill
from desktop.ui.locks import lock_badge, set_locked
from desktop.ui.salesforce_names import sobject_name
from desktop.ui.settings.connect import error_label

OFF, EVENT, CUSTOM_OBJECT = "off", "event", "custom_object"


def mapping_text(fields) -> str:  # fields: desktop.sync.push.mapping.CustomObjectFields
    """ "Fields: Opportunity → Opportunity__c, start → Start__c, ..." in the user's language."""
    translate = QCoreApplication.translate
    parts = [(sobject_name("Opportunity"), fields.opportunity), (sobject_name("Case"), fields.case),
             (translate("WriteBackForm", "start"), fields.start),
             (translate("WriteBackForm", "minutes"), fields.minutes),
             (translate("WriteBackForm", "note"), fields.note),
             (translate("WriteBackForm", "billable"), fields.billable),
             (translate("WriteBackForm", "Stint id"), fields.external_id)]
    return fill(translate("WriteBackForm", "Fields: %1"),
                ", ".join(f"{what} → {name}" for what, name in parts if name))


class WriteBackForm(QWidget):
    changed = Signal()

    def __init__(self, integration: QObject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._integration = integration
        self._objects: dict[str, object] = {}
        self._locked = False
        self.off_radio = QRadioButton(self.tr("O&ff: tracked time stays in Stint"), self)
        self.event_radio = QRadioButton(
            self.tr("As &Events on the Opportunity or Case (works in every org)"), self
        )
        self.custom_radio = QRadioButton(self.tr("To a custom time-entry ob&ject:"), self)
        self.group = QButtonGroup(self)
        for radio in (self.off_radio, self.event_radio, self.custom_radio):
            self.group.addButton(radio)
        self.badge = lock_badge(self)
        self.object_combo = QComboBox(self)
        self.object_combo.setAccessibleName(self.tr("Custom object"))
        self.object_combo.setMinimumContentsLength(18)
        self.object_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.find_button = QPushButton(self.tr("Find objects"), self)
        self.find_button.setToolTip(self.tr("Look for custom objects in your org that can hold time"))
        self.mapping_label = QLabel(self)
        self.mapping_label.setTextFormat(Qt.TextFormat.PlainText)
        self.mapping_label.setWordWrap(True)
        self.mapping_label.setEnabled(False)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.min_minutes = QSpinBox(self)
        self.min_minutes.setRange(0, WRITEBACK_MIN_MINUTES_MAX)
        self.min_minutes.setSuffix(self.tr(" min"))
        self.min_minutes.setAccessibleName(self.tr("Shortest entry written back"))
        self.short_label = QLabel(self.tr("Entries shorter than"), self)
        self.short_label.setBuddy(self.min_minutes)
        self.short_rest = QLabel(self.tr("stay in Stint;"), self)
        self.short_box = QCheckBox(self.tr("write them bac&k too"), self)
        self.error = error_label(self)

        first = QHBoxLayout()
        first.addWidget(self.off_radio)
        first.addWidget(self.badge)
        first.addStretch(1)
        custom = QHBoxLayout()
        custom.addWidget(self.custom_radio)
        custom.addWidget(self.object_combo)
        custom.addWidget(self.find_button)
        custom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addWidget(self.event_radio)
        layout.addLayout(custom)
        layout.addWidget(self.mapping_label)
        short = QHBoxLayout()
        for widget in (self.short_label, self.min_minutes, self.short_rest, self.short_box):
            short.addWidget(widget)
        short.addStretch(1)
        layout.addLayout(short)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error)

        for radio in (self.off_radio, self.event_radio, self.custom_radio):
            radio.toggled.connect(self._on_changed)
        self.object_combo.currentIndexChanged.connect(self._on_changed)
        self.min_minutes.valueChanged.connect(self._on_changed)
        self.short_box.toggled.connect(self._on_changed)
        self.find_button.clicked.connect(self.find_objects)
        integration.writeback_objects_loaded.connect(self._on_objects)
        integration.writeback_objects_failed.connect(self._on_failed)

    # -- settings in and out ---------------------------------------------------------------
    def load(self, settings: Settings, locked: frozenset[str]) -> None:
        self.blockSignals(True)
        try:
            target = settings.writeback
            radio = {EVENT: self.event_radio, CUSTOM_OBJECT: self.custom_radio}.get(
                target, self.off_radio
            )
            radio.setChecked(True)
            if settings.writeback_object and self.object_combo.findData(settings.writeback_object) < 0:
                self.object_combo.addItem(settings.writeback_object, settings.writeback_object)
            index = self.object_combo.findData(settings.writeback_object)
            if index >= 0:
                self.object_combo.setCurrentIndex(index)
            self.min_minutes.setValue(settings.writeback_min_minutes)
            self.short_box.setChecked(settings.writeback_short_entries)
            self._locked = "writeback" in locked
            self.error.hide()
        finally:
            self.blockSignals(False)
        self._apply()

    def apply_to(self, settings: Settings) -> Settings:
        if self.custom_radio.isChecked():
            target = CUSTOM_OBJECT
        elif self.event_radio.isChecked():
            target = EVENT
        else:
            target = OFF
        chosen = self.object_combo.currentData() if target == CUSTOM_OBJECT else None
        return settings.with_changes(
            writeback=target,
            writeback_object=chosen or (settings.writeback_object if target != CUSTOM_OBJECT else ""),
            writeback_min_minutes=self.min_minutes.value(),
            writeback_short_entries=self.short_box.isChecked(),
        )

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # -- finding objects -------------------------------------------------------------------
    def find_objects(self) -> None:
        if not self._integration.is_connected():
            self.status_label.setText(self.tr("Connect first: the objects come from your org."))
            return
        self.find_button.setEnabled(False)
        self.status_label.setText(self.tr("Looking for time-entry objects in your org…"))
        self._integration.load_writeback_objects()

    def _on_objects(self, objects: list) -> None:
        self.find_button.setEnabled(not self._locked)
        current = self.object_combo.currentData()
        self._objects = {obj.name: obj for obj in objects}
        self.object_combo.blockSignals(True)
        self.object_combo.clear()
        for obj in objects:
            self.object_combo.addItem(f"{obj.label} ({obj.name})", obj.name)
        if current and self.object_combo.findData(current) < 0:
            self.object_combo.addItem(current, current)
        if current:
            self.object_combo.setCurrentIndex(self.object_combo.findData(current))
        self.object_combo.blockSignals(False)
        if not objects:
            found = self.tr("No custom object of your org can hold time entries; Events always "
                            "work.")
        elif len(objects) == 1:  # (no plural forms: English loads no translation to have them)
            found = self.tr("1 object found.")
        else:
            found = fill(self.tr("%1 objects found."), len(objects))
        self.status_label.setText(found)
        self._apply()

    def _on_failed(self, message: str) -> None:
        self.find_button.setEnabled(not self._locked)
        self.status_label.setText(message)

    # -- internals -------------------------------------------------------------------------
    def _on_changed(self, *_args: object) -> None:
        self.error.hide()
        self._apply()
        if not self.signalsBlocked():
            self.changed.emit()

    def _apply(self) -> None:
        set_locked([self.off_radio, self.event_radio, self.custom_radio], self.badge, self._locked)
        custom = self.custom_radio.isChecked()
        self.object_combo.setEnabled(custom and not self._locked)
        self.find_button.setEnabled(custom and not self._locked)
        writing = not self.off_radio.isChecked()
        for widget in (self.short_label, self.min_minutes, self.short_rest):
            widget.setEnabled(writing)
        self.short_box.setEnabled(writing and self.min_minutes.value() > 0)
        chosen = self._objects.get(self.object_combo.currentData() or "")
        self.mapping_label.setVisible(custom and chosen is not None)
        if chosen is not None:
            self.mapping_label.setText(mapping_text(chosen.fields))
