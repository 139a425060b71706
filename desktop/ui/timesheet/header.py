"""The timesheet's header row: previous / Today / next, the date or week, Day | Week, Add,
Export (CSV file or copy as a table)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)


class TimesheetHeader(QWidget):
    """Only widgets: the TimesheetView connects their clicks and sets the texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style = self.style()
        self.prev_button = QToolButton(self)
        self.prev_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.prev_button.setAutoRaise(True)
        self.prev_button.setAccessibleName(self.tr("Previous"))
        self.next_button = QToolButton(self)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.setAutoRaise(True)
        self.next_button.setAccessibleName(self.tr("Next"))
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.setToolTip(self.tr("Go to today (Alt+Home)"))
        self.title_label = QLabel(self)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.day_button = QToolButton(self)
        self.day_button.setText(self.tr("&Day"))
        self.week_button = QToolButton(self)
        self.week_button.setText(self.tr("&Week"))
        self._mode_group = QButtonGroup(self)
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(56)
            self._mode_group.addButton(button)
        self.day_button.setChecked(True)
        self.add_button = QPushButton(self.tr("Add entry"), self)
        self.add_button.setIcon(QIcon.fromTheme("list-add"))
        self.add_button.setToolTip(self.tr("Add a manual entry (Ctrl+N)"))
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("timesheetExport")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Save the shown entries as CSV, or copy them as a table"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_csv_action = self.export_menu.addAction(self.tr("Export CSV…"))
        self.copy_table_action = self.export_menu.addAction(self.tr("Copy as table"))
        self.export_button.setMenu(self.export_menu)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.today_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(8)
        layout.addWidget(self.title_label, 1)
        layout.addWidget(self.day_button)
        layout.addWidget(self.week_button)
        layout.addSpacing(8)
        layout.addWidget(self.add_button)
        layout.addWidget(self.export_button)
        self.show_unit("day")

    def show_unit(self, unit: str) -> None:
        """Check Day or Week and say what the arrows move by."""
        (self.day_button if unit == "day" else self.week_button).setChecked(True)
        day = unit == "day"
        self.prev_button.setToolTip(self.tr("Previous day (Alt+Left)") if day
                                    else self.tr("Previous week (Alt+Left)"))
        self.next_button.setToolTip(self.tr("Next day (Alt+Right)") if day
                                    else self.tr("Next week (Alt+Right)"))
