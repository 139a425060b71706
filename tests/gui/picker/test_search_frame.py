"""The search box's frame: drawn once per size, state and palette, then copied, and looking
the same as the style draws it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.ui.picker import search_frame
from desktop.ui.picker.search_frame import cache_the_frame


def largest_difference(first: QLineEdit, second: QLineEdit) -> int:
    """The largest difference of a colour channel between the two boxes' pixels."""
    one, other = first.grab().toImage(), second.grab().toImage()
    assert one.size() == other.size()
    return max(
        max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()),
            abs(a.alpha() - b.alpha()))
        for y in range(one.height()) for x in range(one.width())
        for a, b in [(QColor(one.pixel(x, y)), QColor(other.pixel(x, y)))]
    )


@pytest.fixture
def boxes(qtbot):
    """A search box with the cached frame, and one the style draws as usual."""
    cached, plain = QLineEdit("acme"), QLineEdit("acme")
    for box in (cached, plain):
        qtbot.addWidget(box)
        box.resize(320, 30)
    assert cache_the_frame(cached)
    return cached, plain


@pytest.mark.parametrize("state", ["plain", "focused", "disabled", "dark", "resized"])
def test_the_cached_frame_looks_as_the_style_draws_it(qtbot, boxes, state):
    cached, plain = boxes
    cached.grab()  # its frame as it was: a new state, palette or size must not reuse it
    for box in boxes:
        if state == "disabled":
            box.setEnabled(False)
        if state == "dark":
            palette = QPalette(box.palette())
            palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
            palette.setColor(QPalette.ColorRole.Window, QColor("#303030"))
            palette.setColor(QPalette.ColorRole.Highlight, QColor("#ff8800"))
            box.setPalette(palette)
        if state == "resized":
            box.resize(500, 40)
        box.show()
        qtbot.waitExposed(box)
        if state == "focused":  # one at a time: only one box can have the focus
            box.activateWindow()
            box.setFocus()
            qtbot.waitUntil(box.hasFocus)
            box.grab()  # (the frame drawn for this state)
    if state == "focused":
        cached.activateWindow()
        cached.setFocus()
        qtbot.waitUntil(cached.hasFocus)
        focused_cached = cached.grab().toImage()
        plain.activateWindow()
        plain.setFocus()
        qtbot.waitUntil(plain.hasFocus)
        focused_plain = plain.grab().toImage()
        assert focused_cached.size() == focused_plain.size()
        differences = [
            abs(QColor(focused_cached.pixel(x, y)).red() - QColor(focused_plain.pixel(x, y)).red())
            for y in range(focused_cached.height()) for x in range(focused_cached.width())
        ]
        assert max(differences) <= 1  # (a rounding: blended once into the pixmap, then again)
        return
    assert largest_difference(cached, plain) <= 1


def test_the_frame_is_drawn_once_then_copied(qtbot, boxes, monkeypatch):
    cached, _plain = boxes
    drawn: list[int] = []
    draw = search_frame._CachedFrame._draw_frame

    def counting(self, option, widget, ratio):
        drawn.append(option.state.value)
        return draw(self, option, widget, ratio)

    monkeypatch.setattr(search_frame._CachedFrame, "_draw_frame", counting)
    cached.show()
    qtbot.waitExposed(cached)
    for text in ("a", "ac", "acm", "acme"):
        cached.setText(text)
        cached.grab()  # (a repaint: the whole box, as at each key)
    assert len(drawn) == 1
    cached.resize(400, 30)
    cached.grab()
    assert len(drawn) == 2  # a new size: drawn anew


def test_other_styles_keep_their_own_drawing(qtbot, monkeypatch):
    monkeypatch.setattr(search_frame, "_STYLES", set())
    box = QLineEdit()
    qtbot.addWidget(box)
    assert not cache_the_frame(box)
    assert box.style() is QApplication.style()
