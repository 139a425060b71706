"""The Reports page's controls: which days (a day, week, month or a chosen range, with
previous / Today / next) and how to group the time (account, opportunity, case, task)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)

from desktop.domain.periods import Period, period_days, shift_period
from desktop.domain.report import GroupBy
from desktop.domain.text import fill
from desktop.services.display_format import display_format  # weeks start as chosen
from desktop.ui.elided_label import ElidedLabel


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ReportControls(QWidget):
    """State: `days()` (first, last), `period()`, `group_by()`; `changed()` after any change."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._period = Period.WEEK
        self._first, self._last = period_days(self._period, today, display_format().first_weekday())

        self.period_box = QComboBox(self)
        self.period_box.setObjectName("reportPeriod")
        for period, text in (
            (Period.DAY, self.tr("Day")),
            (Period.WEEK, self.tr("Week")),
            (Period.MONTH, self.tr("Month")),
            (Period.RANGE, self.tr("Chosen days")),
        ):
            self.period_box.addItem(text, period.value)
        self.period_box.setCurrentIndex(self.period_box.findData(self._period.value))
        self.period_box.setAccessibleName(self.tr("Period"))
        style = self.style()
        self.prev_button = QToolButton(self)
        self.prev_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.prev_button.setAutoRaise(True)
        self.prev_button.setAccessibleName(self.tr("Previous period"))
        self.prev_button.setToolTip(self.tr("Previous period"))
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.setToolTip(self.tr("The period with today in it"))
        self.next_button = QToolButton(self)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.setAutoRaise(True)
        self.next_button.setAccessibleName(self.tr("Next period"))
        self.next_button.setToolTip(self.tr("Next period"))
        self.title_label = ElidedLabel(parent=self)
        self.title_label.setObjectName("reportTitle")
        title_font = QFont(self.font())
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.from_edit = self._date_edit("reportFrom", self.tr("From"))
        self.to_edit = self._date_edit("reportTo", self.tr("To"))
        self.group_box = QComboBox(self)
        self.group_box.setObjectName("reportGroupBy")
        for by, text in (
            (GroupBy.ACCOUNT, self.tr("Account")),
            (GroupBy.OPPORTUNITY, self.tr("Opportunity")),
            (GroupBy.CASE, self.tr("Case")),
            (GroupBy.TASK, self.tr("Task")),
        ):
            self.group_box.addItem(text, by.value)
        self.group_box.setAccessibleName(self.tr("Group the time"))
        self.group_box.setCurrentIndex(self.group_box.findData(GroupBy.TASK.value))
        period_label = QLabel(self.tr("&Period:"), self)
        period_label.setBuddy(self.period_box)
        group_label = QLabel(self.tr("&Group by:"), self)
        group_label.setBuddy(self.group_box)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(period_label)
        layout.addWidget(self.period_box)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.today_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(8)
        layout.addWidget(self.title_label, 1)
        layout.addWidget(self.from_edit)
        layout.addWidget(self.to_edit)
        layout.addSpacing(8)
        layout.addWidget(group_label)
        layout.addWidget(self.group_box)

        self.period_box.currentIndexChanged.connect(self._period_chosen)
        self.prev_button.clicked.connect(lambda: self.shift(-1))
        self.next_button.clicked.connect(lambda: self.shift(1))
        self.today_button.clicked.connect(self.go_today)
        self.from_edit.dateChanged.connect(self._range_edited)
        self.to_edit.dateChanged.connect(self._range_edited)
        self.group_box.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self._show()

    def _date_edit(self, name: str, label: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(label)
        edit.setToolTip(label)
        return edit

    # -- state -----------------------------------------------------------------------------
    def days(self) -> tuple[date, date]:
        return self._first, self._last

    def period(self) -> Period:
        return self._period

    def group_by(self) -> GroupBy:
        return GroupBy(self.group_box.currentData())

    def set_group_by(self, by: GroupBy) -> None:
        self.group_box.setCurrentIndex(self.group_box.findData(by.value))

    def set_today(self, today: date) -> None:
        self._today = today
        self._show()

    def follow_day(self, previous: date, today: date) -> None:
        """A new day began: a period that held the day that was today, and not today, moves on
        to the one with today (a chosen range keeps its days); any other keeps its days."""
        self._today = today
        if self._period is not Period.RANGE and self._first <= previous <= self._last \
                and not self._first <= today <= self._last:
            self.go_today()
        else:
            self._show()

    def set_period(self, period: Period, around: date | None = None) -> None:
        self._period = period
        if period is not Period.RANGE:
            self._first, self._last = period_days(period, around or self._first,
                                                   display_format().first_weekday())
        self.period_box.blockSignals(True)
        self.period_box.setCurrentIndex(self.period_box.findData(period.value))
        self.period_box.blockSignals(False)
        self._show()
        self.changed.emit()

    def set_range(self, first: date, last: date) -> None:
        """Chosen days: from `first` to `last` (swapped when given the wrong way round)."""
        self._period = Period.RANGE
        self._first, self._last = min(first, last), max(first, last)
        self.period_box.blockSignals(True)
        self.period_box.setCurrentIndex(self.period_box.findData(Period.RANGE.value))
        self.period_box.blockSignals(False)
        self._show()
        self.changed.emit()

    def shift(self, steps: int) -> None:
        """The previous (-1) or next (1) period."""
        self._first, self._last = shift_period(self._period, self._first, self._last, steps,
                                                  display_format().first_weekday())
        self._show()
        self.changed.emit()

    def go_today(self) -> None:
        if self._period is Period.RANGE:
            length = self._last - self._first
            self._first, self._last = self._today - length, self._today
        else:
            self._first, self._last = period_days(self._period, self._today,
                                                   display_format().first_weekday())
        self._show()
        self.changed.emit()

    # -- display ---------------------------------------------------------------------------
    def _period_chosen(self, _index: int) -> None:
        self.set_period(Period(self.period_box.currentData()), around=self._first)

    def _range_edited(self, _day: QDate) -> None:
        if self._period is not Period.RANGE:
            return
        first, last = _pydate(self.from_edit.date()), _pydate(self.to_edit.date())
        if (first, last) != (self._first, self._last):
            self.set_range(first, last)

    def _show(self) -> None:
        choosing = self._period is Period.RANGE
        for edit, day in ((self.from_edit, self._first), (self.to_edit, self._last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
            edit.setVisible(choosing)
        self.title_label.setText(self.span_text())
        self.today_button.setEnabled(not self._first <= self._today <= self._last)

    def span_text(self) -> str:
        """"Wednesday, 18 November 2026", "16 Nov 2026 – 22 Nov 2026", "November 2026" in
        the locale's words."""
        locale = QLocale()
        first, last = _qdate(self._first), _qdate(self._last)
        if self._period is Period.DAY or self._first == self._last:
            return locale.toString(first, QLocale.FormatType.LongFormat)
        if self._period is Period.MONTH:
            return locale.toString(first, self.tr("MMMM yyyy"))
        pattern = self.tr("d MMM yyyy")  # a QLocale date pattern: month names are the locale's
        return fill(self.tr("%1 – %2"), locale.toString(first, pattern),
                    locale.toString(last, pattern))
