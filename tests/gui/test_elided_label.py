"""ElidedLabel cuts long text with one "…" (at the end, or in the middle for paths) without
Qt's elidedText, whose mode enum would build PySide's whole `Qt` namespace in the first paint
(a French task line was long enough to cost the start 100 M instructions)."""

from __future__ import annotations

from desktop.ui.elided_label import ElidedLabel, elided


def by_characters(text: str) -> int:
    return len(text)


def test_text_that_fits_is_left_whole():
    assert elided("Acme renewal", by_characters, 12) == "Acme renewal"


def test_the_end_or_the_middle_gives_way_to_one_ellipsis():
    assert elided("Acme - 500 Widgets", by_characters, 10) == "Acme - 50…"
    assert elided("Salesforce > Acme > Call back", by_characters, 15, middle=True) == (
        "Salesfo…ll back")
    assert elided("Acme", by_characters, 1) == "…"
    assert elided("Acme", by_characters, 0) == ""


def test_an_accent_written_as_a_combining_mark_stays_with_its_letter():
    text = "Cre\u0301me brûle\u0301e"  # é as e + COMBINING ACUTE ACCENT
    assert elided(text, by_characters, 4) == "Cr…"  # not "Cre…", which drops the accent


def test_the_label_shows_the_cut_text_and_the_whole_of_it_in_its_tooltip(qtbot):
    label = ElidedLabel("Account: Evergreen GmbH · Stage: Prospecting · Amount: 247,000.00")
    qtbot.addWidget(label)
    label.resize(label.fontMetrics().horizontalAdvance("Account: Evergreen"), 20)
    label.show()
    shown = label.displayed_text()
    assert label.is_elided() and shown.endswith("…") and shown.startswith("Account")
    assert label.fontMetrics().horizontalAdvance(shown) <= label.width()
    assert "247,000.00" in label.toolTip()
