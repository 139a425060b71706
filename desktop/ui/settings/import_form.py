"""What to import and how often: item types, all or specific items (or, for all items, the ones
excluded), filters, the fields shown and the subtasks of each object (chosen from describe),
sync interval, the opt-in notice of new items. Locked settings show disabled with a padlock;
problems show next to the field."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.settings import SYNC_INTERVAL_MAX, SYNC_INTERVAL_MIN, Settings
from desktop.domain.text import fill
from desktop.services.integration_service import OrgMetadata
from desktop.ui.locks import lock_badge, set_locked
from desktop.ui.salesforce_names import sobject_name
from desktop.ui.settings.choices import FIELDS, SUBTASKS, ChoiceRow
from desktop.ui.settings.connect import error_label
from desktop.ui.settings.excluded_items import ExcludedItemsList
from desktop.ui.settings.items import SpecificItemsPicker

CHOOSABLE_OBJECTS = ("Opportunity", "Case")


class ImportSettingsForm(QWidget):
    changed = Signal()

    def __init__(self, integration: QObject, tasks_service: QObject,
                 parent: QWidget | None = None, exclusions: QObject | None = None) -> None:
        super().__init__(parent)
        self.opportunities_box = QCheckBox(self.tr("&Opportunities"), self)
        self.cases_box = QCheckBox(self.tr("&Cases"), self)
        self.types_badge = lock_badge(self)
        self.all_radio = QRadioButton(self.tr("&All items I can see"), self)
        self.specific_radio = QRadioButton(self.tr("Onl&y specific items:"), self)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.all_radio)
        self.mode_group.addButton(self.specific_radio)
        self.mode_badge = lock_badge(self)
        self.picker = SpecificItemsPicker(integration, tasks_service, self)
        # "All items": the ones excluded, to include again (acts at once, not on Save).
        self.excluded = (
            ExcludedItemsList(exclusions, tasks_service, self) if exclusions is not None else None
        )
        if exclusions is not None:
            exclusions.exclusions_changed.connect(self._apply_locks)
        self.only_mine_box = QCheckBox(self.tr("Only items I o&wn"), self)
        self.only_mine_badge = lock_badge(self)
        self.stage_box = QCheckBox(self.tr("Only opportunities that reached the stage"), self)
        self.stage_combo = QComboBox(self)
        self.stage_combo.setEditable(True)
        self.stage_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.stage_combo.setMinimumContentsLength(14)
        self.stage_combo.setAccessibleName(self.tr("Stage"))
        self.stage_badge = lock_badge(self)
        # Per object: the fields shown with its tasks and the relationships giving subtasks.
        self.field_rows = {s: ChoiceRow(s, FIELDS, self) for s in CHOOSABLE_OBJECTS}
        self.subtask_rows = {s: ChoiceRow(s, SUBTASKS, self) for s in CHOOSABLE_OBJECTS}
        self.interval_spin = QSpinBox(self)
        self.interval_spin.setRange(SYNC_INTERVAL_MIN, SYNC_INTERVAL_MAX)
        self.interval_spin.setSuffix(self.tr(" minutes"))
        self.interval_spin.setSingleStep(5)
        self.interval_spin.setAccessibleName(self.tr("Sync interval"))
        self.interval_badge = lock_badge(self)
        self.notify_box = QCheckBox(self.tr("Tell me when a synchronization brings new items assigned to me"),
                                    self)
        self.notify_box.setObjectName("notifyNewItems")
        self.errors: dict[str, QLabel] = {
            name: error_label(self)
            for name in ("import_opportunities", "specific_ids", "opportunity_stage_trigger",
                         "extra_fields", "child_relationships", "sync_interval_minutes",
                         "general")
        }

        types = QHBoxLayout()
        types.addWidget(self.opportunities_box)
        types.addWidget(self.cases_box)
        types.addWidget(self.types_badge)
        types.addStretch(1)
        modes = QVBoxLayout()
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.all_radio)
        mode_row.addWidget(self.mode_badge)
        mode_row.addStretch(1)
        modes.addLayout(mode_row)
        if self.excluded is not None:
            modes.addWidget(self.excluded)
        modes.addWidget(self.specific_radio)
        modes.addWidget(self.picker)
        filters = QVBoxLayout()
        only_mine_row = QHBoxLayout()
        only_mine_row.addWidget(self.only_mine_box)
        only_mine_row.addWidget(self.only_mine_badge)
        only_mine_row.addStretch(1)
        filters.addLayout(only_mine_row)
        stage_row = QHBoxLayout()
        stage_row.addWidget(self.stage_box)
        stage_row.addWidget(self.stage_combo)
        stage_row.addWidget(self.stage_badge)
        stage_row.addStretch(1)
        filters.addLayout(stage_row)
        interval_row = QHBoxLayout()
        interval_row.addWidget(self.interval_spin)
        interval_row.addWidget(self.interval_badge)
        interval_row.addStretch(1)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Import"), types)
        form.addRow("", self.errors["import_opportunities"])
        form.addRow(self.tr("Items"), modes)
        form.addRow("", self.errors["specific_ids"])
        form.addRow(self.tr("Filters"), filters)
        form.addRow("", self.errors["opportunity_stage_trigger"])
        for sobject in CHOOSABLE_OBJECTS:
            form.addRow(self._row_label(sobject, FIELDS), self.field_rows[sobject])
            form.addRow(self._row_label(sobject, SUBTASKS), self.subtask_rows[sobject])
        form.addRow("", self.errors["extra_fields"])
        form.addRow("", self.errors["child_relationships"])
        form.addRow(self.tr("Sync every"), interval_row)
        form.addRow("", self.errors["sync_interval_minutes"])
        form.addRow(self.tr("Notify"), self.notify_box)
        form.addRow("", self.errors["general"])

        for box in (self.opportunities_box, self.cases_box, self.only_mine_box, self.stage_box,
                    self.notify_box):
            box.toggled.connect(self._on_changed)
        self.all_radio.toggled.connect(self._on_changed)
        self.stage_combo.currentTextChanged.connect(self._on_changed)
        for row in (*self.field_rows.values(), *self.subtask_rows.values()):
            row.changed.connect(self._on_changed)
        self.interval_spin.valueChanged.connect(self._on_changed)
        self.picker.changed.connect(self._on_changed)
        self._loading = False
        self._locked: frozenset[str] = frozenset()

    # -- settings in and out ---------------------------------------------------------------
    def _row_label(self, sobject: str, kind: str) -> str:
        """ "Opportunity fields", "Case subtasks" (the object by Salesforce's own name)."""
        if kind == FIELDS:
            return fill(self.tr("%1 fields"), sobject_name(sobject))
        return fill(self.tr("%1 subtasks"), sobject_name(sobject))

    def load(self, settings: Settings, locked: frozenset[str]) -> None:
        self._loading = True
        try:
            self._locked = locked
            self.opportunities_box.setChecked(settings.import_opportunities)
            self.cases_box.setChecked(settings.import_cases)
            (self.specific_radio if settings.import_mode == "specific" else self.all_radio).setChecked(True)
            self.picker.set_checked_ids(settings.specific_ids)
            self.only_mine_box.setChecked(settings.only_mine)
            trigger = settings.opportunity_stage_trigger
            self.stage_box.setChecked(trigger is not None)
            if trigger and self.stage_combo.findText(trigger) < 0:
                self.stage_combo.addItem(trigger)
            self.stage_combo.setCurrentText(trigger or self.stage_combo.currentText())
            for sobject in CHOOSABLE_OBJECTS:
                self.field_rows[sobject].set_values(settings.extra_fields.get(sobject, ()))
                self.subtask_rows[sobject].set_values(
                    settings.child_relationships.get(sobject, ()))
            self.interval_spin.setValue(settings.sync_interval_minutes)
            self.notify_box.setChecked(settings.notify_new_items)
            self.clear_errors()
        finally:
            self._loading = False
        self._apply_locks()

    def to_settings(self, base: Settings) -> Settings:
        extra = dict(base.extra_fields)
        children = dict(base.child_relationships)
        for sobject in CHOOSABLE_OBJECTS:
            extra[sobject] = self.field_rows[sobject].values()
            children[sobject] = self.subtask_rows[sobject].values()
        trigger = self.stage_combo.currentText().strip() if self.stage_box.isChecked() else None
        return base.with_changes(
            import_opportunities=self.opportunities_box.isChecked(),
            import_cases=self.cases_box.isChecked(),
            import_mode="specific" if self.specific_radio.isChecked() else "all",
            specific_ids=self.picker.checked_ids(),
            only_mine=self.only_mine_box.isChecked(),
            opportunity_stage_trigger=trigger,
            extra_fields=extra,
            child_relationships=children,
            sync_interval_minutes=self.interval_spin.value(),
            notify_new_items=self.notify_box.isChecked(),
        )

    def set_metadata(self, metadata: OrgMetadata) -> None:
        """Offer the org's stages (in order), fields and subtask relationships from describe."""
        current = self.stage_combo.currentText()
        self.stage_combo.blockSignals(True)
        self.stage_combo.clear()
        self.stage_combo.addItems(list(metadata.stages))
        if current and self.stage_combo.findText(current) < 0:
            self.stage_combo.addItem(current)
        default = "Closed Won" if "Closed Won" in metadata.stages else next(iter(metadata.stages), "")
        self.stage_combo.setCurrentText(current or default)
        self.stage_combo.blockSignals(False)
        for sobject in CHOOSABLE_OBJECTS:
            for row in (self.field_rows[sobject], self.subtask_rows[sobject]):
                row.set_choices(metadata.choices.get(sobject))

    def set_metadata_unavailable(self, note: str) -> None:
        """Describe is not available (offline, not connected): the choosers only show."""
        for row in (*self.field_rows.values(), *self.subtask_rows.values()):
            row.set_choices(None, note)

    # -- problems --------------------------------------------------------------------------
    def show_problems(self, problems: dict[str, str]) -> None:
        self.clear_errors()
        for name, message in problems.items():
            label = self.errors.get(name) or self.errors.get(
                "import_opportunities" if name == "import_cases" else "general"
            )
            label.setText(message if not label.isVisible() else f"{label.text()} {message}")
            label.show()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()

    # -- internals -------------------------------------------------------------------------
    def _on_changed(self, *_args: object) -> None:
        self._apply_locks()
        if not self._loading:
            self.changed.emit()

    def _apply_locks(self) -> None:
        locked = self._locked
        set_locked([self.opportunities_box], self.types_badge, "import_opportunities" in locked)
        set_locked([self.cases_box], None, "import_cases" in locked)
        self.types_badge.setVisible(bool({"import_opportunities", "import_cases"} & locked))
        mode_locked = "import_mode" in locked
        set_locked([self.all_radio, self.specific_radio], self.mode_badge, mode_locked)
        self.picker.setEnabled(self.specific_radio.isChecked() and not mode_locked)
        self.picker.setVisible(self.specific_radio.isChecked())
        if self.excluded is not None:
            self.excluded.setVisible(self.all_radio.isChecked() and self.excluded.has_items())
        set_locked([self.only_mine_box], self.only_mine_badge, "only_mine" in locked)
        stage_locked = "opportunity_stage_trigger" in locked
        set_locked([self.stage_box], self.stage_badge, stage_locked)
        self.stage_combo.setEnabled(self.stage_box.isChecked() and not stage_locked)
        self.stage_combo.setToolTip(self.stage_box.toolTip())
        set_locked([self.interval_spin], self.interval_badge, "sync_interval_minutes" in locked)
        for row in self.field_rows.values():
            row.set_locked("extra_fields" in locked)
        for row in self.subtask_rows.values():
            row.set_locked("child_relationships" in locked)
