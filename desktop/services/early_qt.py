"""Qt-namespace enum values for the widgets built before the main window's first paint.

PySide creates all 94 enums of `PySide6.QtCore.Qt` (some 1,400 members) the first time any
code reads `Qt`: ~13 ms on a 2-core machine, an eighth of a bare PySide window's whole start.
So the modules the first paint loads do not import `Qt` at module level, and the few
Qt-namespace properties their constructors set go through Qt's property system with the
values below (Qt converts the number to the enum). Code that runs later (event handlers,
pages built after the paint) uses `QtCore.Qt` as usual.

tests/gui/test_early_qt.py checks every value against `Qt`, and that the real app's first
paint leaves `Qt` untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
ALIGN_CENTER = 0x0084  # Qt.AlignmentFlag.AlignCenter
ALIGN_LEFT_VCENTER = 0x0081  # Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT_VCENTER = 0x0082  # Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus
DOWN_ARROW = 2  # Qt.ArrowType.DownArrow
TEXT_BESIDE_ICON = 2  # Qt.ToolButtonStyle.ToolButtonTextBesideIcon
TEXT_SELECTABLE_BY_MOUSE = 1  # Qt.TextInteractionFlag.TextSelectableByMouse
PRECISE_TIMER = 0  # Qt.TimerType.PreciseTimer


def set_properties(obj: QObject, **values: int) -> None:
    """`obj.setProperty(name, value)` for each; a property the object lacks is a bug."""
    for name, value in values.items():
        if not obj.setProperty(name, value):
            raise AttributeError(f"{type(obj).__name__} has no writable property {name!r}")
