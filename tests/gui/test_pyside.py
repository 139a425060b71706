"""The PySide6 in use keeps Python's reference counts: PySide6 6.12.0 returned None from void
methods without a reference, so None's count ran down by one a call (~150 a keystroke in
the picker) until Python aborted with "none_dealloc". pyproject.toml excludes that release."""

import ctypes
import sys

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel

CALLS = 300


def test_void_qt_calls_leave_nones_reference_count_alone(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            label.setText("x")
            painter.save()
            painter.restore()
        lost = before - sys.getrefcount(None)
    finally:
        painter.end()
    for _ in range(max(0, lost)):  # give the references back, so the rest of the run survives
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    assert lost < CALLS, f"{lost} references to None lost in {3 * CALLS} void Qt calls"
